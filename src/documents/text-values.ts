import { firstNonText, TEXT_RULE } from '../common/text-input.js';
import { joinPointer } from './problems.js';
import type { Locate, Problem } from './problems.js';

/**
 * Every string value that the store could not keep as written: a NUL, or an unpaired surrogate.
 * Well-formed text can still hold them through YAML escapes ("\0", "\ud800").
 */
export function checkTextValues(value: unknown, locate: Locate, path = ''): Problem[] {
  if (typeof value === 'string') {
    const found = firstNonText(value);
    if (!found) return [];
    const message = `the text holds ${found.description} at character ${[...value.slice(0, found.index)].length + 1}; ${TEXT_RULE}`;
    return [{ ...locate(path), path, code: 'format', message }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => checkTextValues(item, locate, joinPointer(path, i)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => checkTextValues(item, locate, joinPointer(path, key)));
  }
  return [];
}
