import { bytePosition, firstInvalidUtf8, nestingBoundExceeded } from './yaml-guards.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('firstInvalidUtf8', () => {
  it('accepts well-formed UTF-8, including 4-byte characters', () => {
    expect(firstInvalidUtf8(utf8('Neukölln – 𝄞 ok'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array())).toBe(-1);
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x82], 1],
    ['a sequence cut by an ASCII byte', [0xe2, 0x41, 0x82], 0],
    ['0xFF', [0x61, 0x62, 0xff], 2],
  ])('finds %s', (_name, bytes, offset) => {
    const data = new Uint8Array(bytes);
    expect(firstInvalidUtf8(data)).toBe(offset);
    // Agrees with the platform decoder on what is invalid.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();
  });
});

describe('bytePosition', () => {
  it('counts lines by LF and columns in characters, not bytes', () => {
    const bytes = utf8('a: 1\nb: Köln x');
    // 'x' follows 'b: Köln ', eight characters but nine bytes.
    expect(bytePosition(bytes, bytes.length - 1)).toEqual({ line: 2, column: 9 });
    expect(bytePosition(bytes, 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('nestingBoundExceeded', () => {
  it('lets ordinary documents through', () => {
    const doc = [
      'a:',
      '  - b: [1, {c: [2, 3]}]',
      '    d: |',
      '      text with [ and { that is no nesting',
      '    e: "[[[[[[[["',
      '  - - - x',
      '# a comment at column 0',
      'f: {g: h}',
    ].join('\n');
    expect(nestingBoundExceeded(doc, 20)).toBeUndefined();
  });

  it('stops at the token where the bound passes the limit', () => {
    // The mapping counts 2 (block levels are doubled), so the 19th '[' makes 21.
    expect(nestingBoundExceeded('a: ' + '['.repeat(50), 20)).toBe(3 + 18);
    // Each compact '- ' is one more block level, counted 2: the 11th makes 22.
    expect(nestingBoundExceeded('- '.repeat(50) + 'x', 20)).toBe(2 * 10);
  });

  it('is an upper bound of block nesting even with a sequence under each key', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) lines.push(`${'  '.repeat(i)}k${i}:`, `${'  '.repeat(i)}- x`);
    // 30 mappings and up to 30 sequences: a bound below 30 would be wrong, one far above 60 useless.
    expect(nestingBoundExceeded(lines.join('\n'), 29)).toBeDefined();
    expect(nestingBoundExceeded(lines.join('\n'), 70)).toBeUndefined();
  });

  it('returns quickly on a megabyte of brackets', () => {
    expect(nestingBoundExceeded('['.repeat(1 << 20), 1000)).toBe(998);
  });
});
