import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { canonicalJson, chainHash, contentHash, sha256Hex, type ChainLink } from './canonical.js';

const BLOCK_STYLE = `
formatVersion: 1
id: soziale-wohnhilfen
title: Zielvereinbarung Soziale Wohnhilfen
validity:
  from: null
  until: 2023-12-31
measurePackages:
  - id: daten
    title: Daten
    status: open
  - id: ressourcen
    title: Ressourcen
    status: open
`;

// Same content: other key order, flow style, quoted scalars, comments.
const FLOW_STYLE = `
# Reihenfolge und Schreibweise anders, Inhalt gleich
measurePackages: [{ status: open, title: "Daten", id: daten }, { title: 'Ressourcen', id: ressourcen, status: open }]
validity: { until: "2023-12-31", from: ~ }
title: "Zielvereinbarung Soziale Wohnhilfen"
id: 'soziale-wohnhilfen'
formatVersion: 1
`;

describe('canonicalJson', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: {}, y: [] } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":[],"z":{}}}');
  });

  it('sorts keys by UTF-16 code units, not by code points or locale', () => {
    // RFC 8785 §3.2.3 example keys: U+1F600 (surrogates D83D DE00) sorts before U+FB33.
    const value = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    expect(Object.keys(JSON.parse(canonicalJson(value)))).toEqual(['1', '\r', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(canonicalJson({ b: 1, B: 2, a: 3, ä: 4 })).toBe('{"B":2,"a":3,"b":1,"ä":4}');
  });

  it('serialises numbers as ECMAScript does (RFC 8785 samples)', () => {
    const samples: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [333333333.3333333, '333333333.3333333'],
      [1e20, '100000000000000000000'],
      [9007199254740992, '9007199254740992'],
      [4.5, '4.5'],
      [0.002, '0.002'],
      [1e23, '1e+23'],
      [-5e-324, '-5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [295147905179352830000, '295147905179352830000'],
    ];
    for (const [value, text] of samples) expect(canonicalJson(value)).toBe(text);
  });

  it('escapes strings as RFC 8785 requires', () => {
    expect(canonicalJson('\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/')).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
    expect(canonicalJson('\b\t\n\f\r\u0000\u001f\u007f')).toBe('"\\b\\t\\n\\f\\r\\u0000\\u001f\u007f"');
    expect(canonicalJson('Zwangsräumungen – § 6a')).toBe('"Zwangsräumungen – § 6a"');
  });

  it('keeps array order and handles nesting', () => {
    expect(canonicalJson([[3, 2], { y: [{ b: null, a: 'x' }] }, []])).toBe('[[3,2],{"y":[{"a":"x","b":null}]},[]]');
  });

  it('omits properties whose value is undefined', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it.each([
    ['undefined inside an array', [1, undefined]],
    ['NaN', NaN],
    ['Infinity', { a: -Infinity }],
    ['a function', { f: () => 1 }],
    ['a Date', { at: new Date(0) }],
    ['a Map', new Map()],
    ['a bigint', 1n],
    ['undefined', undefined],
    ['a lone surrogate', '\ud800x'],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('escapes lone surrogates as JSON.stringify does when asked to, in values and keys, and keeps pairs', () => {
    const options = { escapeLoneSurrogates: true };
    expect(canonicalJson({ b: 'x\ud800', '\udc00': ['😀'] }, options)).toBe('{"b":"x\\ud800","\\udc00":["😀"]}');
    expect(canonicalJson({ a: 'ä' }, options)).toBe(canonicalJson({ a: 'ä' }));
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it('writes what the plain map-and-join formulation writes, for many nested values (stored hashes depend on it)', () => {
    // The formulation the hashes of stored versions were first computed with, kept here as the reference.
    const reference = (value: unknown): string => {
      if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object)
        .filter((key) => object[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(object[key])}`).join(',')}}`;
    };
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words = ['a', 'B', 'ä', 'é', '😀', '', 'id', 'value', '10', '2', 'x y', '"', '\\', '\n', '\u2028'];
    const make = (depth: number): unknown => {
      const r = next();
      if (depth > 4 || r < 0.3) return [null, true, false, 0, -0, 1.5, 1e21, -7, words[Math.floor(next() * words.length)]][Math.floor(next() * 9)];
      if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => make(depth + 1));
      const object: Record<string, unknown> = {};
      for (let k = Math.floor(next() * 5); k > 0; k--) object[words[Math.floor(next() * words.length)]] = next() < 0.1 ? undefined : make(depth + 1);
      return object;
    };
    for (let n = 0; n < 500; n++) {
      const value = make(0);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('ä')).toBe(
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa4]))
        .digest('hex'),
    );
  });
});

describe('contentHash', () => {
  it('does not depend on key order or YAML formatting', () => {
    const a = parse(BLOCK_STYLE) as unknown;
    const b = parse(FLOW_STYLE) as unknown;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when a value changes', () => {
    const extended = parse(BLOCK_STYLE.replace('until: 2023-12-31', 'until: 2025-12-31')) as unknown;
    expect(contentHash(extended)).not.toBe(contentHash(parse(BLOCK_STYLE)));
  });

  it('changes when list order changes', () => {
    const swapped = { list: ['b', 'a'] };
    expect(contentHash(swapped)).not.toBe(contentHash({ list: ['a', 'b'] }));
  });
});

describe('chainHash', () => {
  const link: ChainLink = {
    agreementId: 'soziale-wohnhilfen',
    number: 2,
    previousHash: 'a'.repeat(64),
    contentHash: 'b'.repeat(64),
    author: 'senias.referat',
    createdAt: '2024-01-09T10:00:00.000Z',
    changeNote: 'Verlängerung bis 31.12.2025',
  };

  it('is the hash of the canonical link', () => {
    expect(chainHash(link)).toBe(sha256Hex(canonicalJson(link)));
  });

  it.each<[keyof ChainLink, unknown]>([
    ['agreementId', 'baumpflege'],
    ['number', 3],
    ['previousHash', null],
    ['contentHash', 'c'.repeat(64)],
    ['author', 'someone.else'],
    ['createdAt', '2024-01-09T10:00:00.001Z'],
    ['changeNote', null],
  ])('changes when %s changes', (field, value) => {
    expect(chainHash({ ...link, [field]: value })).not.toBe(chainHash(link));
  });

  it('ignores properties that are not part of the link', () => {
    const withExtra = { ...link, id: 'row-17' } as ChainLink;
    expect(chainHash(withExtra)).toBe(chainHash(link));
  });
});
