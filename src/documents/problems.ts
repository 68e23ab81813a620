/**
 * A problem found in a YAML document (an agreement or a lifecycle file), located so that an author can act on it.
 *
 * Problem codes (stable; clients may branch on them):
 *
 * Input refused before or while reading YAML
 * - `too-large`           the input is larger than `ParseLimits.maxBytes` (checked on the byte length before parsing)
 * - `not-utf8`            the bytes are not valid UTF-8
 * - `empty`               nothing but whitespace and comments
 * - `multiple-documents`  a YAML stream with more than one document; located at the second one
 * - `too-deep`            collections nested deeper than `ParseLimits.maxDepth`
 * - `alias-limit`         more aliases than `ParseLimits.maxAliasCount`, or an alias expansion that would exceed it
 *
 * YAML level
 * - `yaml-syntax`         YAML that cannot be read as plain data: syntax errors, unresolved or unsupported tags,
 *                         unknown or circular aliases, keys that are not plain scalars
 * - `duplicate-key`       the same key twice in one mapping (`key` is set)
 *
 * Schema level (schema/agreement.schema.json, schema/lifecycle.schema.json)
 * - `type`                wrong type, including a top-level value that is not a mapping and a value that fits none
 *                         of the forms an anyOf allows (a fact: the value, the unknown marker, the value with its source)
 * - `required`            a required key is missing; located at the mapping that lacks it, `path` is that mapping, `key` is set
 * - `unknown-key`         a key the format does not know; located at the key, `path` ends with the key, `key` is set
 * - `enum`                a value outside a fixed set (`enum` or `const`); `allowedValues` is set
 * - `format`              a string in the wrong format, e.g. an impossible date, or text holding NUL or a lone surrogate
 * - `schema`              any other schema rule: id pattern, length limits, minimum list sizes, minimum numbers,
 *                         a mapping that must hold exactly one of its keys (a lifecycle event)
 *
 * Rules the schema cannot express (checked only once the schema passes)
 * - `duplicate-id`        an id used twice within the same list; located at the later id
 * - `rule`                agreements: lead department, direction/minimum/target, validity order, predecessor;
 *                         lifecycle files: date order within an event, follow-up of itself, a second follow-up
 *
 * - `too-many-problems`   the list was cut; this last entry says how many problems were left out
 */
export interface Problem {
  /** Set when a file name was given. */
  file?: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units from the start of the line (what editors show for BMP text). */
  column: number;
  /** JSON Pointer of the instance, e.g. /steeringFields/0/qualityStandards/2/indicators/0/targetValue; '' for the whole document. */
  path: string;
  /** Human readable, English. */
  message: string;
  /** Stable machine code; this module produces only the `ProblemCode`s listed above. */
  code: string;
  allowedValues?: unknown[];
  /** The offending or missing key, where there is one. */
  key?: string;
}

export const PROBLEM_CODES = [
  'too-large',
  'not-utf8',
  'empty',
  'multiple-documents',
  'too-deep',
  'alias-limit',
  'yaml-syntax',
  'duplicate-key',
  'type',
  'required',
  'unknown-key',
  'enum',
  'format',
  'schema',
  'duplicate-id',
  'rule',
  'too-many-problems',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A 1-based source position. */
export interface Position {
  line: number;
  column: number;
}

/** Maps a JSON Pointer into the source to a position; `key: true` asks for the key of the last segment rather than its value. */
export type Locate = (pointer: string, options?: { key?: boolean }) => Position;

/** "file:line:column path message"; the file is left out when absent, the root path is shown as '/'. */
export function formatProblem(p: Problem): string {
  const where = `${p.line}:${p.column}`;
  return `${p.file !== undefined ? `${p.file}:` : ''}${where} ${p.path === '' ? '/' : p.path} ${p.message}`;
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function escapePointerSegment(segment: string): string {
  // Most segments are keys and indexes with nothing to escape; the rules build a pointer for every node they visit.
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointerSegment);
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) => `${acc}/${escapePointerSegment(String(s))}`, base);
}

/** Quotes a user-supplied value for a message, keeping messages one line and bounded. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/\r?\n/g, '\\n');
  return `'${oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine}'`;
}

/** More than this and the rest is summarised: a hostile file can produce one problem per byte. */
export const MAX_PROBLEMS = 1000;

/** Problems worked out so far, and how many more were found but neither located nor worded (that is what costs). */
export interface Findings {
  problems: Problem[];
  omitted: number;
}

/** Works out at most `max` of the raw findings (errors of a parser or schema validator); the rest are only counted. */
export function mapCapped<T>(items: readonly T[], toProblem: (item: T) => Problem, max = MAX_PROBLEMS): Findings {
  const kept = items.length > max ? items.slice(0, max) : items;
  return { problems: kept.map(toProblem), omitted: items.length - kept.length };
}

/** Both lists' problems, keeping at most `max` worked out; the rest are counted. Never spreads a hostile list into a call. */
export function combine(a: Findings, b: Findings, max = MAX_PROBLEMS): Findings {
  const room = Math.max(0, max - a.problems.length);
  const taken = b.problems.length > room ? b.problems.slice(0, room) : b.problems;
  return { problems: a.problems.concat(taken), omitted: a.omitted + b.omitted + (b.problems.length - taken.length) };
}

/**
 * Sorted by position, repeats dropped, at most `max`; when anything was left out, a closing `too-many-problems`
 * entry (located at the last one shown) says how many.
 */
export function summarise(findings: Findings, max = MAX_PROBLEMS): Problem[] {
  const sorted = sortAndDedupe(findings.problems);
  const shown = sorted.slice(0, max);
  const left = findings.omitted + (sorted.length - shown.length);
  if (left === 0) return shown;
  const last = shown[shown.length - 1] ?? { line: 1, column: 1 };
  return [...shown, { line: last.line, column: last.column, path: '', code: 'too-many-problems', message: `${left} more problems not shown` }];
}

/** Sorts by position (stable, so problems at one position keep the order they were found in) and drops repeats of path+message. */
export function sortAndDedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i)
    .map(({ p }) => p);
}
