import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../common/project-root.js';
import { AGREEMENT_KIND } from './parse-agreement.js';
import { DEFAULT_LIMITS, parseYamlDocument, parseYamlDocumentLocated, readYamlContent } from './parse-yaml-document.js';
import type { ParseLimits } from './parse-yaml-document.js';
import { plainScalar, readPlainYaml } from './plain-yaml.js';

const root = projectRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const yamlFilesIn = (folder: string) =>
  readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${folder}/${f}`);

/** Every YAML document the repository ships, in whatever shape it is written. */
const shipped = [
  ...yamlFilesIn('agreements'),
  ...yamlFilesIn('agreements/history'),
  ...yamlFilesIn('examples'),
  ...yamlFilesIn('test/fixtures/documents'),
];

/** The same documents in the shape the yaml library writes, which is the shape the quick read is for. */
const plainShaped = shipped.map((f) => stringify(parse(read(f)), { lineWidth: 0 }));

/**
 * What the located path reads from a text at the YAML level (guards, yaml's errors and warnings, tree checks,
 * root mapping), or undefined when it finds any problem there.
 */
function located(text: string, limits: ParseLimits = DEFAULT_LIMITS): unknown {
  const result = readYamlContent(text, AGREEMENT_KIND, limits);
  return Array.isArray(result) ? undefined : result.content;
}

/** Same values, same key order, same kinds of numbers (-0 and NaN included). */
function same(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);
}

/** The quick read may decline anything, but what it reads the located path must read as well, to the same content. */
function expectNeverDisagrees(text: string, limits: ParseLimits = DEFAULT_LIMITS): boolean {
  const quick = readPlainYaml(text, limits.maxDepth);
  if (quick === undefined) return false;
  const slow = located(text, limits);
  if (slow === undefined || !same(quick, slow)) {
    throw new Error(`the quick read accepts what the located read ${slow === undefined ? 'refuses' : 'reads otherwise'}:\n${text}`);
  }
  return true;
}

/** A small seeded generator, so that a failing case can be found again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('readPlainYaml', () => {
  it('reads the shipped documents, written as the yaml library writes them, exactly as yaml does', () => {
    for (const text of plainShaped) {
      expect(readPlainYaml(text, 64)).toBeDefined();
      expect(expectNeverDisagrees(text)).toBe(true);
    }
  });

  it('never disagrees on the shipped documents as written (flow mappings, block scalars: it declines those)', () => {
    for (const f of shipped) expectNeverDisagrees(read(f));
  });

  it.each([
    ['a nested mapping and list', 'a: 1\nb:\n  c: x\n  d:\n    - 1\n    - two\n', { a: 1, b: { c: 'x', d: [1, 'two'] } }],
    ['a mapping starting on the dash line', 'l:\n  - id: a\n    n: 1\n  - id: b\n', { l: [{ id: 'a', n: 1 }, { id: 'b' }] }],
    ['more spaces after the dash', 'l:\n  -   id: a\n      n: 1\n', { l: [{ id: 'a', n: 1 }] }],
    ['comments, blank lines, trailing spaces', '# head\na: x   # note\n\n   # indented\nb:    y  \n', { a: 'x', b: 'y' }],
    ['empty values', 'a:\nb: # nothing\nc: ~\nl:\n  -\n  - x\n', { a: null, b: null, c: null, l: [null, 'x'] }],
    ['empty flow collections', 'a: []\nb: {} # none\nl:\n  - []\n', { a: [], b: {}, l: [[]] }],
    ['quoted scalars', `a: 'it''s'\nb: "x: y # z"\nc: '' # empty\nd: "42"\n`, { a: "it's", b: 'x: y # z', c: '', d: '42' }],
    [
      'text with colons and hashes inside',
      'a: https://example.org/x#y\nb: C# and F#\nc: 10:30\n',
      { a: 'https://example.org/x#y', b: 'C# and F#', c: '10:30' },
    ],
    ['dates stay text', 'from: 2025-01-01\nmonth: 2024-06\n', { from: '2025-01-01', month: '2024-06' }],
    ['the root mapping indented', '  a: 1\n  b: 2\n', { a: 1, b: 2 }],
  ])('reads %s', (_name, text, content) => {
    expect(readPlainYaml(text, 64)).toEqual(content);
    expect(expectNeverDisagrees(text)).toBe(true);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a block scalar', 'a: |\n  x\n'],
    ['a folded scalar', 'a: >-\n  x\n  y\n'],
    ['a multi-line plain scalar', 'a: x\n  y\n'],
    ['a multi-line quoted scalar', 'a: "x\n  y"\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a flow mapping with content', 'a: { b: 1 }\n'],
    ['a flow list with content', 'a: [1, 2]\n'],
    ['a tab', 'a:\tx\n'],
    ['CR line ends', 'a: 1\r\nb: 2\r\n'],
    ['a control character', 'a: x\u0001\n'],
    ['a BOM inside', 'a: \uFEFFx\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a quoted key', '"a": 1\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a key with a space', 'a b: 1\n'],
    ['a key yaml reads as null', 'null: 1\n'],
    ['a key yaml reads as a boolean', 'true: 1\n'],
    ['a key that would be the prototype', '__proto__: 1\n'],
    ['a key written as a number', '1: x\n'],
    ['a nested mapping on a value line', 'a: b: c\n'],
    ['a value ending in a colon', 'a: b:\n'],
    ['a list on the same line as its key', 'a: - b\n'],
    ['a list as indented as its key', 'a:\n- b\n'],
    ['a nested list on the dash line', 'a:\n  - - b\n'],
    ['a list at the root', '- a\n- b\n'],
    ['a scalar at the root', 'just text\n'],
    ['nothing but comments', '# nothing\n'],
    ['an empty text', ''],
    ['a line between two indentations', 'a:\n    b: 1\n  c: 2\n'],
    ['a more indented line after a list item', 'l:\n  - a\n    b\n'],
    ['an unclosed quote', "a: 'x\n"],
    ['text after a closing quote', 'a: "x"y\n'],
    ['an indicator at the start of a value', 'a: @x\n'],
    ['a dash followed by text', 'a: -x\n'],
    ['three dots as a value', 'a: ...\n'],
  ])('declines %s', (_name, text) => {
    expect(readPlainYaml(text, 64)).toBeUndefined();
  });

  it('declines what is nested deeper than the limit, so that the located read reports it', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    const limits = { ...DEFAULT_LIMITS, maxDepth: 5 };
    expect(readPlainYaml(nested(5), 5)).toBeDefined();
    expect(expectNeverDisagrees(nested(5), limits)).toBe(true);
    expect(readPlainYaml(nested(6), 5)).toBeUndefined();
    expect(located(nested(6), limits)).toBeUndefined();
    expect(readPlainYaml('a: []\n', 1)).toBeUndefined();
  });

  it('reads comments however deeply indented, as the located read does', () => {
    const comments = Array.from({ length: 800 }, (_, i) => `${' '.repeat(i + 1)}# ${i}`).join('\n');
    expect(expectNeverDisagrees(`a: 1\n${comments}\nb: 2\n`)).toBe(true);
  });

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const scalars = [
      ...['~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n'],
      ...['0', '-0', '+0', '007', '42', '-17', '+5', '12345678901234567890', '0o17', '0o8', '0x1F', '0X1F', '0xg', '1_000'],
      ...['1.5', '-1.5', '.5', '-.5', '1.', '1.0', '1.50', '1e3', '1E-3', '-1.5e+3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan'],
      ...['1.2.3', '2024-01-01', '12:30', '1,5', '+49 30 123', '.', '..', 'Null ', 'x'],
    ];
    for (const s of scalars)
      expect([s, plainScalar(s.trimEnd())]).toEqual([s, (parse(`v: ${s}`, { version: '1.2', schema: 'core' }) as { v: unknown }).v]);
  });

  it('never reads a changed document otherwise than the located read (2,000 random edits)', () => {
    const tokens = [
      ...[': ', ':', ' #', '#', '- ', '-', '  ', ' ', '\n', '\n  ', '\n- ', '\t', '\r', '"', "'", "''", '\\', '[', ']', '{', '}', '[]', '{}', ','],
      ...['&a ', '*a', '!', '!!str ', '|', '>', '%', '@', '`', '?', '? ', '---', '...', '~', 'null', 'true', 'True', '0x1F', '0o7', '1e3'],
      ...['.inf', '-', '-5', '+', '.5', '__proto__: 1\n', 'id: ', 'x: y', '\u0000', '\u00a0', '\u2028', '\ufeff', '\ud800', 'ä'],
    ];
    const bases = [...plainShaped.slice(0, 3), "a: 1\nb:\n  - id: x\n    t: \"q: r\"\n  - id: y\n    t: 'it''s'\nc: {}\nd: []\n# c\ne: -5 # n\n"];
    const next = random(20261130);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    let accepted = 0;
    for (let n = 0; n < 2000; n++) {
      let text = pick(bases);
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * (text.length + 1));
        const kind = next();
        if (kind < 0.5) text = text.slice(0, at) + pick(tokens) + text.slice(at);
        else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
        else if (kind < 0.85) {
          // Shift one line's indentation.
          const start = text.lastIndexOf('\n', at - 1) + 1;
          text = next() < 0.5 ? `${text.slice(0, start)} ${text.slice(start)}` : text.slice(0, start) + text.slice(start).replace(/^ /, '');
        } else {
          // Repeat a line elsewhere (duplicate keys, stray list items).
          const lines = text.split('\n');
          lines.splice(Math.floor(next() * lines.length), 0, pick(lines));
          text = lines.join('\n');
        }
      }
      if (expectNeverDisagrees(text)) accepted++;
    }
    // Not a vacuous test: many of the edited documents are still of the plain shape and read quickly.
    expect(accepted).toBeGreaterThan(200);
  });
});

describe('parseYamlDocument: the quick read and the located read', () => {
  const agreement = plainShaped[shipped.indexOf('test/fixtures/documents/format2-complete.yaml')];

  /** The same verdict, content or problems (file, line, column, path, message) alike. */
  const expectSameResult = (text: string) => {
    const quick = parseYamlDocument(text, AGREEMENT_KIND, { file: 'x.yaml' });
    expect(quick).toEqual(parseYamlDocumentLocated(text, AGREEMENT_KIND, { file: 'x.yaml' }));
    return quick;
  };

  it('give the same result for every shipped document, as written and as the yaml library writes it', () => {
    for (const text of [...shipped.map(read), ...plainShaped]) expectSameResult(text);
  });

  it.each([
    ['a wrong type', (t: string) => t.replace(/targetValue: \d+/, 'targetValue: viel')],
    ['a number written as text', (t: string) => t.replace(/targetValue: (\d+)/, "targetValue: '$1'")],
    ['an unknown key', (t: string) => t.replace('\nid: ', '\nidd: x\nid: ')],
    ['a missing key', (t: string) => t.replace(/\ntitle:.*\n/, '\n')],
    ['a value outside its set', (t: string) => t.replace(/entryIntoForce: \w+/, 'entryIntoForce: sofort')],
    ['an impossible date', (t: string) => t.replace(/\d{4}-\d{2}-\d{2}/, '2025-02-30')],
    ['a rule: lead department not a party', (t: string) => t.replace(/leadDepartment: \w+/, 'leadDepartment: senxyz')],
    ['a rule: duplicate ids', (t: string) => t.replace('id: finanzen', 'id: soziales')],
    ['a NUL in a text', (t: string) => t.replace(/\ntitle: (.*)\n/, '\ntitle: "$1\\0"\n')],
    ['a lone surrogate in a text', (t: string) => t.replace(/\ntitle: (.*)\n/, '\ntitle: $1\ud800\n')],
  ])('give the same located problems for %s', (_name, change) => {
    const text = change(agreement);
    expect(text).not.toBe(agreement);
    const result = expectSameResult(text);
    expect(result.ok).toBe(false);
    if (!result.ok) for (const p of result.problems) expect(p.line).toBeGreaterThan(0);
  });

  it('give the same result for bytes, also right after bytes that are not UTF-8', () => {
    const good = new TextEncoder().encode(agreement);
    const bad = Uint8Array.from([...new TextEncoder().encode('formatVersion: 2\nid: x\ntitle: '), 0xc3, 0x28, 0x0a]);
    for (const bytes of [bad, good, bad, good]) {
      expect(parseYamlDocument(bytes, AGREEMENT_KIND, { file: 'x.yaml' })).toEqual(
        parseYamlDocumentLocated(bytes, AGREEMENT_KIND, { file: 'x.yaml' }),
      );
    }
    expect(parseYamlDocument(good, AGREEMENT_KIND).ok).toBe(true);
  });

  it('locate a schema problem in a document the quick read reads: file, line, column and path as always', () => {
    const text = 'formatVersion: 2\nid: x\nunknownKey: 1\n';
    expect(readPlainYaml(text, 64)).toBeDefined();
    const result = expectSameResult(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ file: 'x.yaml', line: 3, column: 1, path: '/unknownKey' }));
  });

  it('give the same verdict for random edits of a valid agreement (fast path accepts only what the located path accepts)', () => {
    const next = random(42);
    const edits = [': ', ' #', '- ', '"', "'", '[]', '{}', '~', 'null', 'true', '0', '-1', '1.5', 'x', '  ', '\n'];
    let acceptedQuickly = 0;
    for (let n = 0; n < 150; n++) {
      let text = agreement;
      const at = Math.floor(next() * text.length);
      text = text.slice(0, at) + edits[Math.floor(next() * edits.length)] + text.slice(at);
      const result = expectSameResult(text);
      if (result.ok && readPlainYaml(text, 64) !== undefined) acceptedQuickly++;
    }
    expect(acceptedQuickly).toBeGreaterThan(0);
  });
});
