import { combine, formatProblem, joinPointer, mapCapped, pointerSegments, quote, sortAndDedupe, summarise } from './problems.js';
import type { Problem } from './problems.js';

const p = (line: number, column: number, path: string, message: string): Problem => ({ line, column, path, message, code: 'schema' });

describe('formatProblem', () => {
  it('prints file:line:column path message', () => {
    expect(formatProblem({ ...p(12, 5, '/parties/1/kind', 'must be one of: senateDepartment, district'), file: 'a.yaml' })).toBe(
      'a.yaml:12:5 /parties/1/kind must be one of: senateDepartment, district',
    );
  });

  it('leaves out an absent file and shows the root path as /', () => {
    expect(formatProblem(p(1, 1, '', 'the document is empty'))).toBe('1:1 / the document is empty');
  });
});

describe('JSON Pointer helpers', () => {
  it('escapes and splits segments per RFC 6901', () => {
    const pointer = joinPointer('/a', 'b/c', 'd~e', 0);
    expect(pointer).toBe('/a/b~1c/d~0e/0');
    expect(pointerSegments(pointer)).toEqual(['a', 'b/c', 'd~e', '0']);
    expect(pointerSegments('')).toEqual([]);
  });
});

describe('quote', () => {
  it('keeps messages on one line and bounded', () => {
    expect(quote('a\nb')).toBe("'a\\nb'");
    expect(quote('x'.repeat(100))).toBe(`'${'x'.repeat(60)}…'`);
    expect(quote(5)).toBe("'5'");
  });
});

describe('sortAndDedupe', () => {
  it('sorts by line and column, keeps the found order on ties and drops repeated path+message', () => {
    const problems = [p(3, 1, '/c', 'x'), p(1, 5, '/b', 'y'), p(1, 5, '/a', 'z'), p(1, 2, '/a', 'x'), p(9, 9, '/c', 'x')];
    expect(sortAndDedupe(problems).map((q) => `${q.line}:${q.column}${q.path}`)).toEqual(['1:2/a', '1:5/b', '1:5/a', '3:1/c']);
  });
});

describe('mapCapped, combine and summarise', () => {
  it('works out at most the cap, counts the rest, and closes the sorted list with how many were left out', () => {
    let mapped = 0;
    const toProblem = (n: number) => (mapped++, p(n, 1, `/k${n}`, 'x'));
    const first = mapCapped([5, 4, 3], toProblem, 2);
    expect({ shown: first.problems.map((q) => q.line), omitted: first.omitted, mapped }).toEqual({ shown: [5, 4], omitted: 1, mapped: 2 });
    const both = combine(first, mapCapped([2, 1], toProblem, 2), 3);
    expect({ shown: both.problems.map((q) => q.line), omitted: both.omitted }).toEqual({ shown: [5, 4, 2], omitted: 2 });
    expect(summarise(both, 2)).toEqual([
      p(2, 1, '/k2', 'x'),
      p(4, 1, '/k4', 'x'),
      { line: 4, column: 1, path: '', code: 'too-many-problems', message: '3 more problems not shown' },
    ]);
    expect(summarise({ problems: [p(1, 1, '/a', 'x')], omitted: 0 })).toEqual([p(1, 1, '/a', 'x')]);
  });
});
