import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { DEFAULT_LIMITS, MAX_PROBLEMS, parseAgreement } from './parse-agreement.js';
import { PROBLEM_CODES, formatProblem } from './problems.js';
import type { Problem } from './problems.js';
import type { AgreementDocument } from './agreement.types.js';

const root = projectRoot();
const minimal = readFileSync(join(root, 'test/fixtures/documents/minimal.yaml'), 'utf8');

/** Replaces one exact, unique snippet of the minimal document, so each test states the change it makes. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`snippet not found once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function problemsOf(input: string | Uint8Array, options?: Parameters<typeof parseAgreement>[1]): Problem[] {
  const result = parseAgreement(input, options);
  if (result.ok) throw new Error('expected problems, got a valid document');
  for (const p of result.problems) expect(PROBLEM_CODES).toContain(p.code);
  return result.problems;
}

const where = (p: Problem) => ({ line: p.line, column: p.column, path: p.path, code: p.code });

describe('parseAgreement: valid documents', () => {
  it('accepts the minimal fixture and returns the plain content and the text as given', () => {
    const result = parseAgreement(minimal, { file: 'minimal.yaml' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toBe(minimal);
    expect(result.content.id).toBe('beispiel');
    // Dates stay strings (YAML 1.2 core schema), numbers are numbers, nothing is added.
    expect(result.content.validity).toEqual({ from: '2024-01-01', until: '2025-12-31' });
    expect(result.content.steeringFields[0].qualityStandards[0].indicators[0]).toEqual({
      id: 'indikator',
      title: 'Quote',
      published: true,
      unit: 'Prozent',
      direction: 'higherIsBetter',
      definition: null,
      dataSource: null,
      periodicity: 'quarterly',
      minimumValue: 70,
      targetValue: 90,
    });
    expect(Object.keys(result.content)).not.toContain('notes');
  });

  it('accepts the same document as UTF-8 bytes, with or without a BOM, keeping the text exactly', () => {
    const bytes = new TextEncoder().encode(minimal);
    const plain = parseAgreement(bytes);
    expect(plain.ok && plain.text).toBe(minimal);

    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const result = parseAgreement(withBom);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.text).toBe(`\uFEFF${minimal}`);
  });

  it('keeps %YAML 1.1 semantics out: dates and yes stay strings', () => {
    const problems = problemsOf(`%YAML 1.1\n---\n${edit(minimal, 'focus: true', 'focus: yes')}`);
    expect(problems.map(where)).toEqual([{ line: 29, column: 12, path: '/steeringFields/0/focus', code: 'type' }]);
    expect(problems[0].message).toBe('must be boolean (true or false)');
  });

  it('accepts the shipped format-1 text agreements/history/soziale-wohnhilfen.1.yaml', () => {
    const text = readFileSync(join(root, 'agreements/history/soziale-wohnhilfen.1.yaml'));
    const result = parseAgreement(text, { file: 'agreements/history/soziale-wohnhilfen.1.yaml' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const doc = result.content as AgreementDocument;
    expect(result.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/agreement.schema.json');
    expect(doc.id).toBe('soziale-wohnhilfen');
    expect(doc.leadDepartment).toBe('senias');
    expect(doc.entryIntoForce).toBe('perDistrict');
    expect(doc.validity).toEqual({ from: null, until: '2023-12-31' });
    expect(doc.parties.map((p) => p.id)).toEqual([
      'senias',
      'senfin',
      'mitte',
      'friedrichshain-kreuzberg',
      'pankow',
      'charlottenburg-wilmersdorf',
      'spandau',
      'steglitz-zehlendorf',
      'tempelhof-schoeneberg',
      'neukoelln',
      'treptow-koepenick',
      'marzahn-hellersdorf',
      'lichtenberg',
      'reinickendorf',
    ]);
    // 2 Senate departments with one signatory each, 12 districts with two: the seed's "about 26 signatures".
    expect(doc.parties.reduce((n, p) => n + p.signatoryRoles.length, 0)).toBe(26);
    expect(doc.steeringFields.map((f) => [f.title, f.focus, f.qualityStandards.length])).toEqual([
      ['Klientinnen- bzw. Klientenperspektive', true, 5],
      ['Mitarbeitendenperspektive', false, 0],
      ['Wirtschaftlichkeit (wirtschaftlicher Ressourceneinsatz)', false, 0],
      ['Rechtskonformität', false, 0],
    ]);
    expect(doc.steeringFields[0].qualityStandards.map((s) => s.title)).toEqual([
      'Sofortiges Tätigwerden bei Räumungsklagen',
      'Aktive Kontaktaufnahme inklusive aufsuchender Arbeit',
      'Sofortiges Tätigwerden – Anschreiben Zwangsräumungen',
      'Begleitung Zwangsräumungen',
      'Einheitlicher Zugang zu den Sozialen Wohnhilfen',
    ]);
    for (const standard of doc.steeringFields[0].qualityStandards) {
      expect(standard.indicators).toHaveLength(1);
      expect(standard.indicators[0]).toMatchObject({ id: 'indikator-1', published: false, minimumValue: null, targetValue: null });
    }
    expect(doc.measurePackages.map((m) => [m.title, m.status])).toEqual([
      ['Daten', 'open'],
      ['Digitalisierung', 'open'],
      ['Ressourcen', 'open'],
    ]);
    expect(doc.predecessor).toBeNull();
  });
});

describe('parseAgreement: schema problems are located', () => {
  it('points an unknown key at the key itself and suggests the known one', () => {
    const problems = problemsOf(edit(minimal, '    title: Feld\n', '    titel: Feld\n'));
    expect(problems.map(where)).toEqual([
      { line: 25, column: 5, path: '/steeringFields/0', code: 'required' },
      { line: 26, column: 5, path: '/steeringFields/0/titel', code: 'unknown-key' },
    ]);
    expect(problems[0]).toMatchObject({ key: 'title', message: "missing required key 'title'" });
    expect(problems[1]).toMatchObject({ key: 'titel', message: "unknown key 'titel'; did you mean 'title'?" });
  });

  it('does not suggest a key that is already there', () => {
    const problems = problemsOf(edit(minimal, 'title: Beispielvereinbarung\n', 'title: Beispielvereinbarung\ntitel: x\n'));
    expect(problems).toEqual([{ line: 4, column: 1, path: '/titel', code: 'unknown-key', key: 'titel', message: "unknown key 'titel'" }]);
  });

  it('points a missing required key at the mapping that lacks it, and says to write null for one that may be empty', () => {
    const problems = problemsOf(edit(minimal, '  until: 2025-12-31\n', ''));
    expect(problems).toEqual([
      {
        line: 9,
        column: 3,
        path: '/validity',
        code: 'required',
        key: 'until',
        message: "missing required key 'until' (write null when it is empty)",
      },
    ]);
  });

  it('reports a missing top-level key at the start of the document', () => {
    const problems = problemsOf(edit(minimal, 'predecessor: null\n', ''));
    expect(problems.map(where)).toEqual([{ line: 1, column: 1, path: '', code: 'required' }]);
    expect(problems[0].key).toBe('predecessor');
  });

  it('names the expected type and, for a number, the value given and how to write it', () => {
    const problems = problemsOf(edit(minimal, 'minimumValue: 70', 'minimumValue: "70 %"'));
    expect(problems).toEqual([
      {
        line: 40,
        column: 27,
        path: '/steeringFields/0/qualityStandards/0/indicators/0/minimumValue',
        code: 'type',
        message: "must be a number or null, got '70 %' (German number format? write 70)",
      },
    ]);
  });

  it('recognises numbers written the German way or in quotes', () => {
    const text = edit(minimal, 'minimumValue: 70\n            targetValue: 90', 'minimumValue: 1.500.000,5\n            targetValue: "90"');
    expect(problemsOf(text).map((p) => [p.line, p.column, p.message])).toEqual([
      [40, 27, "must be a number or null, got '1.500.000,5' (German number format? write 1500000.5)"],
      [41, 26, "must be a number or null, got '90' (write it without quotes: 90)"],
    ]);
    const spaced = edit(minimal, 'targetValue: 90', 'targetValue: 1 500');
    expect(problemsOf(spaced).map((p) => p.message)).toEqual(["must be a number or null, got '1 500' (German number format? write 1500)"]);
  });

  it('names lists and mappings in YAML terms', () => {
    const problems = problemsOf(edit(minimal, 'validity:\n  from: 2024-01-01\n  until: 2025-12-31\n', 'validity: []\n'));
    expect(problems).toEqual([{ line: 8, column: 11, path: '/validity', code: 'type', message: 'must be a mapping' }]);
  });

  it('gives the allowed values of an enum, null included', () => {
    const problems = problemsOf(edit(minimal, 'direction: higherIsBetter', 'direction: up'));
    expect(problems).toEqual([
      {
        line: 36,
        column: 24,
        path: '/steeringFields/0/qualityStandards/0/indicators/0/direction',
        code: 'enum',
        message: 'must be one of: higherIsBetter, lowerIsBetter, null',
        allowedValues: ['higherIsBetter', 'lowerIsBetter', null],
      },
    ]);
  });

  it('reports a wrong formatVersion with the allowed values', () => {
    const problems = problemsOf(edit(minimal, 'formatVersion: 1', 'formatVersion: 3'));
    expect(problems).toEqual([{ line: 1, column: 16, path: '/formatVersion', code: 'enum', message: 'must be one of: 1, 2', allowedValues: [1, 2] }]);
  });

  it('reads a document that says formatVersion 2 by the format-2 schema', () => {
    const problems = problemsOf(edit(minimal, 'formatVersion: 1', 'formatVersion: 2'));
    expect(problems.filter((p) => p.code === 'required').map((p) => p.key)).toEqual(
      expect.arrayContaining(['servicePromises', 'timetable', 'resources', 'attainmentCheck', 'sources']),
    );
  });

  it('rejects a date that does not exist', () => {
    const problems = problemsOf(edit(minimal, 'from: 2024-01-01', 'from: 2023-02-30'));
    expect(problems).toEqual([
      { line: 9, column: 9, path: '/validity/from', code: 'format', message: "must be an ISO date YYYY-MM-DD, got '2023-02-30'" },
    ]);
  });

  it('rejects a date in the wrong order of parts and a date that is not a string', () => {
    const problems = problemsOf(edit(minimal, 'from: 2024-01-01\n  until: 2025-12-31', 'from: 2023-31-12\n  until: 2025'));
    expect(problems.map((p) => [p.line, p.column, p.code, p.message])).toEqual([
      [9, 9, 'format', "must be an ISO date YYYY-MM-DD, got '2023-31-12'"],
      [10, 10, 'type', 'must be an ISO date YYYY-MM-DD or null'],
    ]);
  });

  it('explains an id that is not a slug', () => {
    const problems = problemsOf(edit(minimal, 'id: beispiel', 'id: Beispiel Vereinbarung'));
    expect(problems.map(where)).toEqual([{ line: 2, column: 5, path: '/id', code: 'schema' }]);
    expect(problems[0].message).toContain("got 'Beispiel Vereinbarung'");
  });

  it('rejects empty titles and empty signatory lists', () => {
    let text = edit(minimal, 'title: Beispielvereinbarung', 'title: ""');
    text = edit(text, '    signatoryRoles:\n      - id: soziales\n        title: Soziales\n', '    signatoryRoles: []\n');
    expect(problemsOf(text).map((p) => [p.line, p.column, p.path, p.message])).toEqual([
      [3, 8, '/title', 'must not be empty'],
      [21, 21, '/parties/1/signatoryRoles', 'must contain at least 1 entry'],
    ]);
  });

  it('reports every problem of a document at once, sorted by position', () => {
    let text = edit(minimal, 'formatVersion: 1', 'formatVersion: "1"');
    text = edit(text, 'legalBasis: null', 'legalbasis: null');
    text = edit(text, 'kind: district', 'kind: bezirk');
    text = edit(text, 'published: true', 'published: "ja"');
    text = edit(text, 'periodicity: quarterly', 'periodicity: weekly');
    text = edit(text, '    status: open\n', '');
    const problems = problemsOf(text, { file: 'doc.yaml' });
    expect(problems.map(formatProblem)).toEqual([
      "doc.yaml:1:1 / missing required key 'legalBasis' (write null when it is empty)",
      'doc.yaml:1:16 /formatVersion must be one of: 1, 2',
      "doc.yaml:4:1 /legalbasis unknown key 'legalbasis'; did you mean 'legalBasis'?",
      'doc.yaml:19:11 /parties/1/kind must be one of: senateDepartment, district',
      'doc.yaml:34:24 /steeringFields/0/qualityStandards/0/indicators/0/published must be boolean (true or false)',
      'doc.yaml:39:26 /steeringFields/0/qualityStandards/0/indicators/0/periodicity must be one of: monthly, quarterly, halfYearly, yearly, null',
      "doc.yaml:43:5 /measurePackages/0 missing required key 'status'",
    ]);
    expect(problems.every((p) => p.file === 'doc.yaml')).toBe(true);
  });

  it('reports a top-level value that is not a mapping as one problem', () => {
    expect(problemsOf('- a\n- b\n')).toEqual([
      {
        line: 1,
        column: 1,
        path: '',
        code: 'type',
        message: 'the document must be a mapping of keys (formatVersion, id, title, …), got a list',
      },
    ]);
    expect(problemsOf('# c\njust text\n').map(where)).toEqual([{ line: 2, column: 1, path: '', code: 'type' }]);
  });
});

describe('parseAgreement: YAML problems are located', () => {
  it('reports a duplicate key at the second occurrence', () => {
    const problems = problemsOf(edit(minimal, '    title: Daten\n', '    title: Daten\n    title: Daten 2\n'));
    expect(problems).toEqual([
      {
        line: 45,
        column: 5,
        path: '/measurePackages/0/title',
        code: 'duplicate-key',
        key: 'title',
        message: "duplicate key 'title'; first defined at line 44",
      },
    ]);
  });

  it('treats keys that become the same JS key as duplicates', () => {
    const problems = problemsOf(edit(minimal, 'formatVersion: 1\n', 'formatVersion: 1\n"formatVersion": 1\n'));
    expect(problems.map(where)).toEqual([{ line: 2, column: 1, path: '/formatVersion', code: 'duplicate-key' }]);
  });

  it('locates an unclosed quote at its opening quote', () => {
    const problems = problemsOf(edit(minimal, 'name: Bezirksamt Mitte', 'name: "Bezirksamt Mitte'));
    expect(problems).toEqual([
      {
        line: 20,
        column: 11,
        path: '/parties/1/name',
        code: 'yaml-syntax',
        message: 'Missing closing "quote; opened here, still open at line 47',
      },
    ]);
  });

  it('locates an unclosed flow list at its bracket', () => {
    const problems = problemsOf(edit(minimal, 'title: Feld', 'title: [Feld'));
    expect(problems[0]).toMatchObject({ line: 26, column: 12, path: '/steeringFields/0/title', code: 'yaml-syntax' });
  });

  it('locates a bad indentation at its line', () => {
    const problems = problemsOf(edit(minimal, '    kind: senateDepartment', '   kind: senateDepartment'));
    expect(problems[0]).toMatchObject({ line: 13, column: 1, path: '/parties', code: 'yaml-syntax' });
    expect(problems.every((p) => p.code === 'yaml-syntax')).toBe(true);
  });

  it('locates a tab used as indentation', () => {
    const problems = problemsOf(edit(minimal, '  from: 2024-01-01', '\tfrom: 2024-01-01'));
    expect(problems[0]).toMatchObject({ line: 9, column: 1, code: 'yaml-syntax' });
  });

  it('refuses tags that would not give plain values', () => {
    const problems = problemsOf(edit(minimal, 'from: 2024-01-01', 'from: !!timestamp 2024-01-01'));
    expect(problems.map(where)).toEqual([{ line: 9, column: 21, path: '/validity/from', code: 'yaml-syntax' }]);
    expect(problems[0].message).toContain("'!!timestamp'");
  });

  it('refuses an alias to an anchor that does not exist', () => {
    const problems = problemsOf(edit(minimal, 'legalBasis: null', 'legalBasis: *nirgends'));
    expect(problems.map(where)).toEqual([{ line: 4, column: 13, path: '/legalBasis', code: 'yaml-syntax' }]);
  });

  it('accepts ordinary aliases and returns the expanded values', () => {
    let text = edit(minimal, 'title: Beispielvereinbarung', 'title: &t Beispielvereinbarung');
    text = edit(text, 'legalBasis: null', 'legalBasis: *t');
    const result = parseAgreement(text);
    expect(result.ok && result.content.legalBasis).toBe('Beispielvereinbarung');
  });
});

describe('parseAgreement: hostile input is refused with a located problem', () => {
  it('refuses input over maxBytes before parsing (small limit, string and bytes)', () => {
    const expected = [{ line: 1, column: 1, path: '', code: 'too-large', message: 'file is 10 bytes; the limit is 8 bytes' }];
    expect(problemsOf('a: [1, 2]\n', { limits: { maxBytes: 8 } })).toEqual(expected);
    expect(problemsOf(new TextEncoder().encode('a: [1, 2]\n'), { limits: { maxBytes: 8 } })).toEqual(expected);
    // Bytes, not characters: 'ö' is two bytes in UTF-8.
    expect(problemsOf('ö: 1', { limits: { maxBytes: 4 } })[0].code).toBe('too-large');
  });

  it('refuses input over the default limit of 1 MiB', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 1048576, maxAliasCount: 100, maxDepth: 64 });
    const big = `notes: ${'x'.repeat(DEFAULT_LIMITS.maxBytes)}\n`;
    expect(problemsOf(big)).toEqual([
      { line: 1, column: 1, path: '', code: 'too-large', message: 'file is 1048584 bytes; the limit is 1048576 bytes' },
    ]);
  });

  it('refuses bytes that are not UTF-8 and points at the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('formatVersion: 1\ntitle: Neukölln '), 0xff, 0x0a]);
    expect(problemsOf(bytes, { file: 'x.yaml' })).toEqual([
      {
        file: 'x.yaml',
        line: 2,
        column: 17,
        path: '',
        code: 'not-utf8',
        message: 'file is not valid UTF-8: byte 0xFF at byte offset 34 is not part of a UTF-8 character; save the file as UTF-8',
      },
    ]);
  });

  it('refuses UTF-16 (as Windows editors may save it) and truncated sequences', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]);
    expect(problemsOf(utf16).map(where)).toEqual([{ line: 1, column: 1, path: '', code: 'not-utf8' }]);
    const truncated = new Uint8Array([0x61, 0x3a, 0x20, 0xc3]);
    expect(problemsOf(truncated).map(where)).toEqual([{ line: 1, column: 4, path: '', code: 'not-utf8' }]);
  });

  it('refuses an empty file and one with only comments and whitespace', () => {
    for (const text of ['', '\n\n', '# nur ein Kommentar\n   \n# noch einer\n', '---\n', '\uFEFF']) {
      expect(problemsOf(text).map(where)).toEqual([{ line: 1, column: 1, path: '', code: 'empty' }]);
    }
  });

  it('refuses a stream of several documents, located at the second', () => {
    const problems = problemsOf(`${minimal}---\n${minimal}`);
    expect(problems.map(where)).toEqual([{ line: 47, column: 1, path: '', code: 'multiple-documents' }]);
    // Many empty documents must not take long either.
    expect(problemsOf('---\n'.repeat(200_000))[0]).toMatchObject({ line: 2, code: 'multiple-documents' });
  });

  it('refuses a billion-laughs alias bomb without expanding it', () => {
    const lines = ['formatVersion: 1', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      lines.push(`${names[i]}: &${names[i]} [${new Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
    }
    const problems = problemsOf(`${lines.join('\n')}\n`);
    expect(problems.map(where)).toEqual([{ line: 4, column: 8, path: '/c/0', code: 'alias-limit' }]);
    expect(problems[0].message).toContain('100');
  });

  it('refuses more aliases than maxAliasCount, located at the first one over the limit', () => {
    const text = `a: &a x\n${Array.from({ length: 5 }, (_, i) => `k${i}: *a`).join('\n')}\n`;
    expect(problemsOf(text, { limits: { maxAliasCount: 3 } }).map(where)).toEqual([{ line: 5, column: 5, path: '/k3', code: 'alias-limit' }]);
  });

  it('refuses a circular alias', () => {
    expect(problemsOf('a: &x [1, *x]\n').map(where)).toEqual([{ line: 1, column: 11, path: '/a/1', code: 'yaml-syntax' }]);
  });

  it('refuses nesting deeper than maxDepth at the first node past the limit', () => {
    // The top-level mapping is level 1, so the 64th '[' opens level 65.
    const flow = `a: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    const problems = problemsOf(flow);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, column: 4 + 63, code: 'too-deep' });
    expect(problems[0].path).toBe(`/a${'/0'.repeat(63)}`);

    const block = Array.from({ length: 6 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    expect(problemsOf(block, { limits: { maxDepth: 3 } }).map(where)).toEqual([{ line: 4, column: 7, path: '/k0/k1/k2', code: 'too-deep' }]);
  });

  it('refuses absurd nesting quickly, before it is composed', () => {
    for (const text of ['['.repeat(1_000_000), '{a: '.repeat(200_000), `${'- '.repeat(500_000)}x\n`]) {
      const problems = problemsOf(text);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 1, code: 'too-deep' });
    }
  });

  it('cuts the list of problems of a file with thousands of unknown keys, and says how many were left out', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `k${i}: 1`).join('\n');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[1]).toMatchObject({ line: 1, column: 1, path: '', code: 'required', key: 'id' });
    expect(problems.find((p) => p.code === 'unknown-key')).toMatchObject({ line: 1, column: 1, path: '/k0', key: 'k0' });
    // The schema requires 12 keys, none present; 12 + 5000 problems, 1000 shown.
    expect(problems[MAX_PROBLEMS]).toMatchObject({ code: 'too-many-problems', message: '4012 more problems not shown' });
  });
});

describe('parseAgreement: many YAML errors', () => {
  it('locates one error on each of many lines without searching the document per error', () => {
    const text = Array.from({ length: 30_000 }, (_, i) => `- k${i}: a: b`).join('\n');
    const problems = problemsOf(text);
    expect(problems[0]).toMatchObject({ line: 1, code: 'yaml-syntax' });
    expect(problems[MAX_PROBLEMS].code).toBe('too-many-problems');
  });

  // 1 MiB of YAML takes its time to parse on a busy machine; nothing here is about speed.
  const SLOW = 180_000;

  it(
    'answers an unclosed quote on each of 170 000 lines (1 MiB) with located problems, not a stack overflow',
    () => {
      const text = 'a: "x\n'.repeat(170_000);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxBytes);
      const problems = problemsOf(text);
      expect(problems.slice(0, 2)).toEqual([
        { line: 1, column: 4, path: '/a', code: 'yaml-syntax', message: 'Missing closing "quote; opened here, still open at line 1' },
        { line: 2, column: 4, path: '/a', code: 'yaml-syntax', message: 'Missing closing "quote; opened here, still open at line 2' },
      ]);
      expect(problems).toHaveLength(MAX_PROBLEMS + 1);
      expect(problems[MAX_PROBLEMS]).toMatchObject({ code: 'too-many-problems', message: '169000 more problems not shown' });
    },
    SLOW,
  );

  it(
    'keeps a duplicate key on each of 200 000 lines down to the problems it shows',
    () => {
      const problems = problemsOf('a: 1\n'.repeat(200_000));
      // Repeats of one path and message are shown once; the ones never worked out are counted.
      expect(problems).toMatchObject([
        { line: 2, column: 1, path: '/a', code: 'duplicate-key' },
        { line: 2, column: 1, code: 'too-many-problems', message: '198999 more problems not shown' },
      ]);
    },
    SLOW,
  );
});

describe('formatProblem', () => {
  it('prints file:line:column path message, leaving out an absent file and showing the root as /', () => {
    const p: Problem = { line: 3, column: 7, path: '/validity/until', message: 'must be an ISO date YYYY-MM-DD', code: 'format' };
    expect(formatProblem(p)).toBe('3:7 /validity/until must be an ISO date YYYY-MM-DD');
    expect(formatProblem({ ...p, file: 'agreements/x.yaml' })).toBe('agreements/x.yaml:3:7 /validity/until must be an ISO date YYYY-MM-DD');
    expect(formatProblem({ ...p, path: '', message: 'the document is empty' })).toBe('3:7 / the document is empty');
  });
});
