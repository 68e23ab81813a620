import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import type {
  FollowUpEvent,
  FreezeEvent,
  TextEvent,
  LifecycleEventKind,
  LifecycleFile,
  LifecycleFileEvent,
  SignatureEvent,
  SignatureEvidence,
  KnownSignatureLevel,
  UnknownSignatureLevel,
  ValidityExtensionEvent,
  WithdrawalEvent,
} from './lifecycle-file.types.js';
import { KNOWN_SIGNATURE_LEVELS, LIFECYCLE_EVENT_KINDS, SIGNATURE_LEVELS, lifecycleEventKind, signatureLevelOf } from './lifecycle-file.types.js';
import { parseAgreement } from './parse-agreement.js';
import { parseLifecycleFile } from './parse-lifecycle.js';
import { PROBLEM_CODES, formatProblem } from './problems.js';
import type { Problem } from './problems.js';
import { loadSchema, schemaValidator } from './schema-validator.js';
import { keysOf, unionOf } from '../../test/support/type-lists.js';
import type { AgreementDocument } from './agreement.types.js';

const root = projectRoot();
const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** One event of every kind; line numbers in the tests below refer to this text. */
const all = `# yaml-language-server: $schema=../schema/lifecycle.schema.json
formatVersion: 1
agreement: beispiel-folge
events:
  - followUp:
      predecessor: beispiel
      predecessorVersion: 2
      createdOn: 2024-01-09
      source: null
  - freeze:
      version: 1
      frozenOn: 2024-01-10
  - signature:
      version: 1
      party: mitte
      role: soziales
      personName: Erika Mustermann
      office: Bezirksamt Mitte
      signedOn: 2024-01-15
      level: qualifiedElectronic
      evidence:
        fileName: unterschrift-mitte.pdf
        sha256: ${HASH}
      note: null
  - withdrawal:
      version: 1
      party: mitte
      role: soziales
      signedOn: 2024-01-15
      withdrawnOn: 2024-02-01
      reason: Unterschrift unter einer falschen Fassung
  - validityExtension:
      baseVersion: 1
      until: 2026-12-31
      source: Schreiben vom 01.10.2025
      decidedOn: 2025-10-01
      effectiveOn: 2025-10-01
`;

/** Replaces one exact, unique snippet, so each test states the change it makes. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`snippet not found once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function problemsOf(input: string | Uint8Array, options?: Parameters<typeof parseLifecycleFile>[1]): Problem[] {
  const result = parseLifecycleFile(input, options);
  if (result.ok) throw new Error('expected problems, got a valid file');
  for (const p of result.problems) expect(PROBLEM_CODES).toContain(p.code);
  return result.problems;
}

const where = (p: Problem) => ({ line: p.line, column: p.column, path: p.path, code: p.code });

describe('parseLifecycleFile: valid files', () => {
  it('accepts a file with every kind of event and returns the plain content and the text as given', () => {
    const result = parseLifecycleFile(all, { file: 'beispiel-folge.lifecycle.yaml' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.text).toBe(all);
    const expected: LifecycleFile = {
      formatVersion: 1,
      agreement: 'beispiel-folge',
      events: [
        { followUp: { predecessor: 'beispiel', predecessorVersion: 2, createdOn: '2024-01-09', source: null } },
        { freeze: { version: 1, frozenOn: '2024-01-10' } },
        {
          signature: {
            version: 1,
            party: 'mitte',
            role: 'soziales',
            personName: 'Erika Mustermann',
            office: 'Bezirksamt Mitte',
            signedOn: '2024-01-15',
            level: 'qualifiedElectronic',
            evidence: { fileName: 'unterschrift-mitte.pdf', sha256: HASH },
            note: null,
          },
        },
        {
          withdrawal: {
            version: 1,
            party: 'mitte',
            role: 'soziales',
            signedOn: '2024-01-15',
            withdrawnOn: '2024-02-01',
            reason: 'Unterschrift unter einer falschen Fassung',
          },
        },
        {
          validityExtension: {
            baseVersion: 1,
            until: '2026-12-31',
            source: 'Schreiben vom 01.10.2025',
            decidedOn: '2025-10-01',
            effectiveOn: '2025-10-01',
          },
        },
      ],
    };
    // Exactly what was written: no defaults for the optional note and source.
    expect(result.content).toStrictEqual(expected);
    expect(result.content.events.map(lifecycleEventKind)).toEqual(['followUp', 'freeze', 'signature', 'withdrawal', 'validityExtension']);
  });

  it('accepts an empty history and the same text as UTF-8 bytes', () => {
    expect(parseLifecycleFile('formatVersion: 1\nagreement: x\nevents: []\n')).toMatchObject({ ok: true, content: { events: [] } });
    const bytes = parseLifecycleFile(new TextEncoder().encode(all));
    expect(bytes.ok && bytes.text).toBe(all);
  });

  it('accepts the real case of soziale-wohnhilfen (test/fixtures/documents/lifecycle.yaml)', () => {
    const text = readFileSync(join(root, 'test/fixtures/documents/lifecycle.yaml'));
    const result = parseLifecycleFile(text, { file: 'lifecycle.yaml' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const { formatVersion, agreement, events } = result.content;
    expect([formatVersion, agreement]).toEqual([1, 'soziale-wohnhilfen']);
    expect(events.map(lifecycleEventKind)).toEqual(['freeze', 'signature', 'signature', 'validityExtension']);
    expect(events[0]).toMatchObject({ freeze: { version: 1, frozenOn: '2022-01-12' } });
    for (const [i, role] of [
      [1, 'soziales'],
      [2, 'finanzen'],
    ] as const) {
      expect(events[i]).toMatchObject({
        signature: { version: 1, party: 'neukoelln', role, signedOn: '2022-01-12', level: { missing: 'unknown' }, evidence: null },
      });
    }
    expect(events[3]).toStrictEqual({
      validityExtension: {
        baseVersion: 1,
        until: '2025-12-31',
        source: 'Schreiben SenASGIVA vom 21.11.2023',
        decidedOn: '2023-11-21',
        effectiveOn: '2023-11-21',
      },
    });

    // The party and roles it names are those of the shipped agreement.
    const shipped = parseAgreement(readFileSync(join(root, 'agreements/history/soziale-wohnhilfen.1.yaml')));
    if (!shipped.ok) throw new Error('the shipped agreement must parse');
    expect(shipped.content.id).toBe(agreement);
    const neukoelln = (shipped.content as AgreementDocument).parties.find((p) => p.id === 'neukoelln');
    expect(neukoelln?.signatoryRoles.map((r) => r.id)).toEqual(['soziales', 'finanzen']);
  });
});

describe('parseLifecycleFile: the shipped lifecycle files', () => {
  it('accepts agreements/soziale-wohnhilfen.lifecycle.yaml with the known events of the real case', () => {
    const file = 'agreements/soziale-wohnhilfen.lifecycle.yaml';
    const result = parseLifecycleFile(readFileSync(join(root, file)), { file });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/lifecycle.schema.json');
    const { agreement, events } = result.content;
    expect(agreement).toBe('soziale-wohnhilfen');
    expect(events).toContainEqual({ freeze: expect.objectContaining({ version: 1, frozenOn: '2022-01-12' }) });
    for (const role of ['soziales', 'finanzen']) {
      expect(events).toContainEqual({
        signature: expect.objectContaining({
          version: 1,
          party: 'neukoelln',
          role,
          signedOn: '2022-01-12',
          // The council paper says "siehe Anlage" and not how they signed: the level is not known, and the file says why.
          level: { missing: 'unknown', note: expect.stringContaining('siehe Anlage') as string },
          evidence: null,
        }),
      });
    }
    expect(events).toContainEqual({
      validityExtension: {
        baseVersion: 1,
        until: '2025-12-31',
        source: 'Schreiben SenASGIVA vom 21.11.2023',
        decidedOn: '2023-11-21',
        effectiveOn: '2023-11-21',
      },
    });
  });

  it('accepts agreements/soziale-wohnhilfen-2026.lifecycle.yaml, a follow-up', () => {
    const file = 'agreements/soziale-wohnhilfen-2026.lifecycle.yaml';
    const result = parseLifecycleFile(readFileSync(join(root, file)), { file });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.content.agreement).toBe('soziale-wohnhilfen-2026');
    expect(result.content.events.filter((e) => 'followUp' in e)).toEqual([
      { followUp: expect.objectContaining({ predecessor: 'soziale-wohnhilfen' }) },
    ]);
  });
});

describe('parseLifecycleFile: events have exactly one kind', () => {
  it('points an unknown event key at the key itself and suggests the known one', () => {
    expect(problemsOf(edit(all, '  - signature:\n', '  - signtaure:\n'))).toEqual([
      {
        line: 13,
        column: 5,
        path: '/events/2/signtaure',
        code: 'unknown-key',
        key: 'signtaure',
        message: "unknown key 'signtaure'; did you mean 'signature'?",
      },
    ]);
  });

  it('lists the kinds for an unknown event key that resembles none', () => {
    expect(problemsOf(edit(all, '  - freeze:\n', '  - zeichnung:\n'))).toEqual([
      {
        line: 10,
        column: 5,
        path: '/events/1/zeichnung',
        code: 'unknown-key',
        key: 'zeichnung',
        message: "unknown key 'zeichnung'; expected one of: text, freeze, signature, withdrawal, validityExtension, followUp",
      },
    ]);
  });

  it('says where the fields of an event belong when they are indented too little', () => {
    const problems = problemsOf(
      edit(all, '  - freeze:\n      version: 1\n      frozenOn: 2024-01-10\n', '  - freeze:\n    version: 1\n    frozenOn: 2024-01-10\n'),
    );
    expect(problems.map((p) => [p.line, p.column, p.path, p.message])).toEqual([
      [10, 12, '/events/1/freeze', 'must be a mapping'],
      [11, 5, '/events/1/version', "unknown key 'version'; only 'freeze' belongs here; indent its fields below it"],
      [12, 5, '/events/1/frozenOn', "unknown key 'frozenOn'; only 'freeze' belongs here; indent its fields below it"],
    ]);
  });

  it('reports an event with two kinds once, at the second kind, and suggests splitting it', () => {
    // The '- ' before freeze is missing, so the follow-up and the freeze form one list item.
    expect(problemsOf(edit(all, '  - freeze:\n', '    freeze:\n'))).toEqual([
      {
        line: 10,
        column: 5,
        path: '/events/0',
        code: 'schema',
        message:
          "must have exactly one of the keys text, freeze, signature, withdrawal, validityExtension, followUp; it has 2: followUp, freeze; start 'freeze' as a list item of its own with '- '",
      },
    ]);
  });

  it('reports an event with no kind once', () => {
    expect(problemsOf(edit(all, '  - freeze:\n      version: 1\n      frozenOn: 2024-01-10\n', '  - {}\n'))).toEqual([
      {
        line: 10,
        column: 5,
        path: '/events/1',
        code: 'schema',
        message: 'must have exactly one of the keys text, freeze, signature, withdrawal, validityExtension, followUp; it has none',
      },
    ]);
  });

  it('reports an event that is not a mapping as such', () => {
    expect(problemsOf(edit(all, '  - freeze:\n      version: 1\n      frozenOn: 2024-01-10\n', '  - freeze\n'))).toEqual([
      { line: 10, column: 5, path: '/events/1', code: 'type', message: 'must be a mapping' },
    ]);
  });
});

describe('parseLifecycleFile: schema problems are located', () => {
  it('points a missing required field at the event body that lacks it', () => {
    expect(problemsOf(edit(all, '      level: qualifiedElectronic\n', ''))).toEqual([
      {
        line: 14,
        column: 7,
        path: '/events/2/signature',
        code: 'required',
        key: 'level',
        message: "missing required key 'level' (write { missing: unknown } when it is not known)",
      },
    ]);
  });

  it('suggests the field an unknown one inside an event most likely meant', () => {
    const problems = problemsOf(edit(all, '      signedOn: 2024-01-15\n      level', '      signedAt: 2024-01-15\n      level'));
    expect(problems.map((p) => [p.line, p.column, p.path, p.code, p.message])).toEqual([
      [14, 7, '/events/2/signature', 'required', "missing required key 'signedOn'"],
      [19, 7, '/events/2/signature/signedAt', 'unknown-key', "unknown key 'signedAt'; did you mean 'signedOn'?"],
    ]);
  });

  it('gives the allowed signature levels', () => {
    expect(problemsOf(edit(all, 'level: qualifiedElectronic', 'level: qualified'))).toEqual([
      {
        line: 20,
        column: 14,
        path: '/events/2/signature/level',
        code: 'enum',
        allowedValues: [...KNOWN_SIGNATURE_LEVELS],
        message: 'must be one of: handwrittenScan, simpleElectronic, advancedElectronic, qualifiedElectronic',
      },
    ]);
  });

  it('locates a wrong unknown marker at the part that is wrong, with one problem each', () => {
    const level = (written: string) => problemsOf(edit(all, 'level: qualifiedElectronic', `level: ${written}`));
    expect(level('{ missing: toBeAgreed }')).toEqual([
      {
        line: 20,
        column: 25,
        path: '/events/2/signature/level/missing',
        code: 'enum',
        allowedValues: ['unknown'],
        message: 'must be one of: unknown',
      },
    ]);
    expect(level('{ missing: unknown, reason: Anlage fehlt }')).toEqual([
      { line: 20, column: 34, path: '/events/2/signature/level/reason', code: 'unknown-key', key: 'reason', message: "unknown key 'reason'" },
    ]);
    expect(level('{ missing: unknown, note: 3 }')).toEqual([
      { line: 20, column: 40, path: '/events/2/signature/level/note', code: 'type', message: 'must be string or null' },
    ]);
    expect(level('{ mising: unknown }').map((p) => [p.line, p.column, p.path, p.code, p.message])).toEqual([
      [20, 14, '/events/2/signature/level', 'required', "missing required key 'missing'"],
      [20, 16, '/events/2/signature/level/mising', 'unknown-key', "unknown key 'mising'; did you mean 'missing'?"],
    ]);
  });

  it("says how to write a level that is not known when the marker's word stands alone, or the value is no level at all", () => {
    const forms = 'handwrittenScan, simpleElectronic, advancedElectronic, qualifiedElectronic or { missing: unknown }';
    const level = (written: string) => problemsOf(edit(all, 'level: qualifiedElectronic', `level: ${written}`)).map(formatProblem);
    expect(level('unknown')).toEqual([`20:14 /events/2/signature/level must be ${forms}, got 'unknown'`]);
    expect(level('null')).toEqual([`20:14 /events/2/signature/level must be ${forms}, got null`]);
    expect(level('{}')).toEqual([`20:14 /events/2/signature/level must be ${forms}, got a mapping`]);
  });

  it('rejects a date that does not exist and a date that is not a string', () => {
    expect(problemsOf(edit(all, 'frozenOn: 2024-01-10', 'frozenOn: 2024-02-30'))).toEqual([
      { line: 12, column: 17, path: '/events/1/freeze/frozenOn', code: 'format', message: "must be an ISO date YYYY-MM-DD, got '2024-02-30'" },
    ]);
    expect(problemsOf(edit(all, 'until: 2026-12-31', 'until: 2026'))).toEqual([
      { line: 34, column: 14, path: '/events/4/validityExtension/until', code: 'type', message: 'must be an ISO date YYYY-MM-DD' },
    ]);
  });

  it('checks versions, slugs, texts and evidence', () => {
    let text = edit(all, '      version: 1\n      frozenOn', '      version: 0\n      frozenOn');
    text = edit(text, 'party: mitte\n      role: soziales\n      personName', 'party: Mitte\n      role: soziales\n      personName');
    text = edit(text, 'personName: Erika Mustermann', 'personName: ""');
    text = edit(text, `sha256: ${HASH}`, `sha256: ${HASH.toUpperCase()}`);
    text = edit(text, 'reason: Unterschrift unter einer falschen Fassung', 'reason:');
    text = edit(text, 'predecessorVersion: 2', 'predecessorVersion: "2"');
    expect(problemsOf(text).map((p) => [p.line, p.path, p.message])).toEqual([
      [7, '/events/0/followUp/predecessorVersion', "must be a whole number, got '2' (write it without quotes: 2)"],
      [11, '/events/1/freeze/version', 'must be at least 1, got 0'],
      [15, '/events/2/signature/party', "must be an id of lowercase letters a-z, digits and single hyphens (like 'soziale-wohnhilfen'), got 'Mitte'"],
      [17, '/events/2/signature/personName', 'must not be empty'],
      [
        23,
        '/events/2/signature/evidence/sha256',
        `must be a SHA-256 hash written as 64 lowercase hexadecimal digits (0-9, a-f), got '${HASH.toUpperCase().slice(0, 60)}…'`,
      ],
      [31, '/events/3/withdrawal/reason', 'must be string'],
    ]);
    expect(problemsOf(edit(all, '      evidence:\n', '      evidence: unterschrift.pdf\n      evidenz:\n')).map(where)).toContainEqual({
      line: 21,
      column: 17,
      path: '/events/2/signature/evidence',
      code: 'type',
    });
  });

  it('reports a wrong formatVersion, a missing events list and unknown top-level keys', () => {
    const text = edit(all, 'formatVersion: 1\nagreement: beispiel-folge\nevents:', 'formatVersion: 2\nagreement: beispiel-folge\nevent:');
    expect(problemsOf(text).map((p) => [p.line, p.column, p.path, p.code, p.message])).toEqual([
      [2, 1, '', 'required', "missing required key 'events'"],
      [2, 16, '/formatVersion', 'enum', 'must be 1'],
      [4, 1, '/event', 'unknown-key', "unknown key 'event'; did you mean 'events'?"],
    ]);
  });
});

describe('parseLifecycleFile: rules beyond the schema', () => {
  it('refuses an extension that takes effect before it was decided', () => {
    expect(problemsOf(edit(all, 'effectiveOn: 2025-10-01', 'effectiveOn: 2025-09-30'))).toEqual([
      {
        line: 37,
        column: 20,
        path: '/events/4/validityExtension/effectiveOn',
        code: 'rule',
        message: 'effectiveOn 2025-09-30 must not be before decidedOn 2025-10-01',
      },
    ]);
  });

  it('refuses a withdrawal before the signature it withdraws', () => {
    expect(problemsOf(edit(all, 'withdrawnOn: 2024-02-01', 'withdrawnOn: 2024-01-14'))).toEqual([
      {
        line: 30,
        column: 20,
        path: '/events/3/withdrawal/withdrawnOn',
        code: 'rule',
        message: 'withdrawnOn 2024-01-14 must not be before signedOn 2024-01-15; a signature cannot be withdrawn before it was given',
      },
    ]);
    // The same day is fine.
    expect(parseLifecycleFile(edit(all, 'withdrawnOn: 2024-02-01', 'withdrawnOn: 2024-01-15')).ok).toBe(true);
  });

  it('refuses an agreement that follows up itself, and a second follow-up', () => {
    const second = `  - followUp:\n      predecessor: anderes\n      predecessorVersion: 1\n      createdOn: 2024-01-09\n`;
    const text = edit(all, 'predecessor: beispiel\n', 'predecessor: beispiel-folge\n') + second;
    expect(problemsOf(text, { file: 'f.yaml' }).map(formatProblem)).toEqual([
      "f.yaml:6:20 /events/0/followUp/predecessor predecessor must differ from agreement 'beispiel-folge'; an agreement cannot follow up itself",
      'f.yaml:39:7 /events/5/followUp only one followUp event is allowed; there is already one at /events/0/followUp (line 5)',
    ]);
  });

  it('reads a level that is not known, with or without a note, as the register stores it', () => {
    for (const [written, marker] of [
      ['{ missing: unknown }', { missing: 'unknown' }],
      ['{ missing: unknown, note: null }', { missing: 'unknown', note: null }],
      ['\n        missing: unknown\n        note: Die Quelle nennt sie nicht.', { missing: 'unknown', note: 'Die Quelle nennt sie nicht.' }],
    ] as const) {
      const result = parseLifecycleFile(edit(all, 'level: qualifiedElectronic', `level: ${written}`));
      if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
      const event = result.content.events[2];
      if (!('signature' in event)) throw new Error('expected the signature');
      expect(event.signature.level).toStrictEqual(marker);
      expect(signatureLevelOf(event.signature.level)).toBe('unknown');
    }
    expect(signatureLevelOf('qualifiedElectronic')).toBe('qualifiedElectronic');
  });

  it('runs the rules only on a file that passed the schema', () => {
    let text = edit(all, 'effectiveOn: 2025-10-01', 'effectiveOn: 2025-09-30');
    text = edit(text, 'level: qualifiedElectronic', 'level: qualified');
    expect(problemsOf(text).map((p) => p.code)).toEqual(['enum']);
  });
});

describe('parseLifecycleFile: hostile input is refused as for agreements', () => {
  const billionLaughs = (() => {
    const lines = ['formatVersion: 1', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [i, n] of [...'bcdefghi'].entries()) lines.push(`${n}: &${n} [${new Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`);
    return `${lines.join('\n')}\n`;
  })();

  it.each<[string, string | Uint8Array, Parameters<typeof parseLifecycleFile>[1], string]>([
    ['a second document', `${all}---\n${all}`, undefined, 'multiple-documents'],
    ['input over maxBytes', all, { limits: { maxBytes: 100 } }, 'too-large'],
    ['bytes that are not UTF-8', new Uint8Array([0x61, 0x3a, 0x20, 0xff]), undefined, 'not-utf8'],
    ['an alias bomb', billionLaughs, undefined, 'alias-limit'],
    ['absurd nesting', '['.repeat(100_000), undefined, 'too-deep'],
    [
      'a duplicate key',
      edit(all, '      frozenOn: 2024-01-10\n', '      frozenOn: 2024-01-10\n      frozenOn: 2024-01-11\n'),
      undefined,
      'duplicate-key',
    ],
  ])('refuses %s with the same located problem as parseAgreement', (_, input, options, code) => {
    const problems = problemsOf(input, options);
    expect(problems.map((p) => p.code)).toEqual([code]);
    const asAgreement = parseAgreement(input, options);
    expect(asAgreement.ok).toBe(false);
    if (!asAgreement.ok) expect(problems.map(where)).toEqual(asAgreement.problems.map(where));
  });

  it('names a lifecycle file in the messages that name the kind of file', () => {
    expect(problemsOf(`${all}---\n${all}`)).toEqual([
      {
        line: 38,
        column: 1,
        path: '',
        code: 'multiple-documents',
        message: 'a second YAML document starts here; a lifecycle file holds exactly one document',
      },
    ]);
    expect(problemsOf('# nur ein Kommentar\n')).toEqual([
      { line: 1, column: 1, path: '', code: 'empty', message: "the document is empty; a lifecycle file starts with 'formatVersion: 1'" },
    ]);
    expect(problemsOf('- freeze: {}\n')).toEqual([
      {
        line: 1,
        column: 1,
        path: '',
        code: 'type',
        message: 'the document must be a mapping of keys (formatVersion, agreement, events), got a list',
      },
    ]);
  });
});

/** The key of each member of the event union, so that the union and LifecycleEventKind cannot drift apart. */
type UnionKeys<U> = U extends unknown ? keyof U : never;
/** The body type behind one event key. */
type EventBody<K extends LifecycleEventKind> = Extract<LifecycleFileEvent, Record<K, unknown>>[K];

interface SchemaNode {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
  minProperties?: number;
  maxProperties?: number;
  items?: SchemaNode;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  $ref?: string;
  title?: string;
  description?: string;
}

describe('schema/lifecycle.schema.json', () => {
  const schema = loadSchema('lifecycle.schema.json') as SchemaNode & { $defs: Record<string, SchemaNode> };
  const def = (name: string) => schema.$defs[name];

  it('compiles under ajv strict mode, once', () => {
    expect(() => schemaValidator('lifecycle.schema.json')).not.toThrow();
    expect(schemaValidator('lifecycle.schema.json')).toBe(schemaValidator('lifecycle.schema.json'));
    expect(schemaValidator('lifecycle.schema.json')).not.toBe(schemaValidator('agreement.schema.json'));
  });

  it('matches the keys of lifecycle-file.types.ts, required and optional', () => {
    const shapes: [SchemaNode, { required: string[]; optional: string[] }][] = [
      [schema, keysOf<LifecycleFile>()(['formatVersion', 'agreement', 'events'] as const, [] as const)],
      [def('freeze'), keysOf<FreezeEvent>()(['version', 'frozenOn'] as const, ['note'] as const)],
      [
        def('signature'),
        keysOf<SignatureEvent>()(['version', 'party', 'role', 'personName', 'office', 'signedOn', 'level', 'evidence'] as const, ['note'] as const),
      ],
      [def('nullableEvidence'), keysOf<SignatureEvidence>()(['fileName', 'sha256'] as const, [] as const)],
      [def('withdrawal'), keysOf<WithdrawalEvent>()(['version', 'party', 'role', 'signedOn', 'withdrawnOn', 'reason'] as const, [] as const)],
      [
        def('validityExtension'),
        keysOf<ValidityExtensionEvent>()(['baseVersion', 'until', 'source', 'decidedOn', 'effectiveOn'] as const, [] as const),
      ],
      [def('followUp'), keysOf<FollowUpEvent>()(['predecessor', 'predecessorVersion', 'createdOn'] as const, ['source'] as const)],
    ];
    for (const [node, keys] of shapes) {
      expect([...(node.required ?? [])].sort()).toEqual(keys.required);
      expect(Object.keys(node.properties ?? {}).sort()).toEqual([...keys.required, ...keys.optional].sort());
    }
  });

  it('has one event key per member of LifecycleFileEvent, each referring to the body of the same name', () => {
    const kinds = unionOf<UnionKeys<LifecycleFileEvent>>()(['text', 'freeze', 'signature', 'withdrawal', 'validityExtension', 'followUp'] as const);
    expect(unionOf<LifecycleEventKind>()(kinds)).toEqual([...LIFECYCLE_EVENT_KINDS]);
    const event = def('event');
    expect(Object.keys(event.properties ?? {})).toEqual([...LIFECYCLE_EVENT_KINDS]);
    expect([event.minProperties, event.maxProperties, event.required]).toEqual([1, 1, undefined]);
    for (const kind of LIFECYCLE_EVENT_KINDS) expect(event.properties?.[kind].$ref).toBe(`#/$defs/${kind}`);
    // Compile-time: each key leads to the body type named after it.
    const bodies: { [K in LifecycleEventKind]: EventBody<K> } = {} as {
      text: TextEvent;
      freeze: FreezeEvent;
      signature: SignatureEvent;
      withdrawal: WithdrawalEvent;
      validityExtension: ValidityExtensionEvent;
      followUp: FollowUpEvent;
    };
    expect(bodies).toEqual({});
    expect(schema.properties?.events.items?.$ref).toBe('#/$defs/event');
  });

  it('matches the signature levels of lifecycle-file.types.ts: the known ones by their word, unknown as the marker', () => {
    expect(def('signature').properties?.level.anyOf).toEqual([{ $ref: '#/$defs/signatureLevel' }, { $ref: '#/$defs/missing' }]);
    expect(def('signatureLevel').enum).toEqual(
      unionOf<KnownSignatureLevel>()(['handwrittenScan', 'simpleElectronic', 'advancedElectronic', 'qualifiedElectronic'] as const),
    );
    expect(def('signatureLevel').enum).toEqual([...KNOWN_SIGNATURE_LEVELS]);
    const marker = def('missing');
    expect(marker.properties?.missing.enum).toEqual(unionOf<UnknownSignatureLevel['missing']>()(['unknown'] as const));
    expect([...(marker.required ?? [])].sort()).toEqual(keysOf<UnknownSignatureLevel>()(['missing'] as const, ['note'] as const).required);
    expect(Object.keys(marker.properties ?? {}).sort()).toEqual(['missing', 'note']);
    // Together they are the one list of levels, the one the database allows.
    expect([...(def('signatureLevel').enum ?? []), ...(marker.properties?.missing.enum ?? [])]).toEqual([...SIGNATURE_LEVELS]);
  });

  it('closes every mapping and gives every property a title and a description for editors', () => {
    const open: string[] = [];
    const missing: string[] = [];
    const visit = (node: SchemaNode, where: string) => {
      const types = Array.isArray(node.type) ? node.type : [node.type];
      if (types.includes('object') && node.additionalProperties !== false) open.push(where);
      for (const [key, prop] of Object.entries(node.properties ?? {})) {
        if (!prop.title || !prop.description) missing.push(`${where}.${key}`);
      }
    };
    visit(schema, '(root)');
    for (const [name, node] of Object.entries(schema.$defs)) {
      if (!node.title || !node.description) missing.push(`$defs.${name}`);
      visit(node, name);
    }
    expect(open).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('uses no oneOf, and anyOf only for a value that may be the unknown marker: that one the messages word as one', () => {
    expect(JSON.stringify(schema)).not.toMatch(/"oneOf"/);
    const alternatives: unknown[] = [];
    const visit = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== 'object' || node === null) return;
      if ('anyOf' in node) alternatives.push(node.anyOf);
      Object.values(node).forEach(visit);
    };
    visit(schema);
    expect(alternatives).toEqual([[{ $ref: '#/$defs/signatureLevel' }, { $ref: '#/$defs/missing' }]]);
  });
});
