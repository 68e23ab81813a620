import { FILE_HEADERS_ONLY, createTwoFilesPatch } from 'diff';

/** Lines of unchanged text around each change, as in `diff -u` (the `diff` package defaults to 4). */
const CONTEXT_LINES = 3;

/** How much a line diff may cost before it is given up; the field diff says what changed either way. */
export interface LineDiffBounds {
  /** Most lines added plus removed; a line diff beyond that helps no reader. */
  maxChangedLines: number;
  /** Wall-clock time after which it is given up, for texts that pass the line count but are costly to align. */
  timeoutMs: number;
}

export const DEFAULT_LINE_DIFF_BOUNDS: LineDiffBounds = Object.freeze({ maxChangedLines: 1000, timeoutMs: 2000 });

/**
 * A plain unified diff of two YAML texts (`---`/`+++` headers and `@@` hunks); '' when the texts are equal; null when
 * it would take more than the bounds allow. Aligning lines costs time quadratic in the number of changed lines
 * (two 95 KiB texts differing in every line took half a minute), so the work runs one step per turn of the event
 * loop, where other requests are served in between, and stops at the bounds.
 */
export function unifiedYamlDiff(
  beforeYaml: string,
  afterYaml: string,
  beforeName: string,
  afterName: string,
  bounds: LineDiffBounds = DEFAULT_LINE_DIFF_BOUNDS,
): Promise<string | null> {
  if (beforeYaml === afterYaml) return Promise.resolve('');
  if (changedLinesAtLeast(beforeYaml, afterYaml) > bounds.maxChangedLines) return Promise.resolve(null);
  return new Promise((resolve) => {
    createTwoFilesPatch(beforeName, afterName, beforeYaml, afterYaml, undefined, undefined, {
      context: CONTEXT_LINES,
      // Without this the package prefixes an `Index:` line and a row of `=`, which is not plain unified diff.
      headerOptions: FILE_HEADERS_ONLY,
      maxEditLength: bounds.maxChangedLines,
      timeout: bounds.timeoutMs,
      // With a callback the package takes one step per timer tick instead of blocking until it is done.
      callback: (patch) => resolve(patch ?? null),
    });
  });
}

/**
 * A lower bound of the lines a diff must add or remove, found in linear time: a line occurring more often on one
 * side than on the other must be added or removed that many times.
 */
export function changedLinesAtLeast(beforeYaml: string, afterYaml: string): number {
  const surplus = new Map<string, number>();
  for (const line of lines(beforeYaml)) surplus.set(line, (surplus.get(line) ?? 0) + 1);
  for (const line of lines(afterYaml)) surplus.set(line, (surplus.get(line) ?? 0) - 1);
  let total = 0;
  for (const n of surplus.values()) total += Math.abs(n);
  return total;
}

/** Lines without their ends; lines equal as the diff sees them are equal here too, so the bound holds. */
function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}
