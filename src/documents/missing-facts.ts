import type { MissingReason } from './agreement-v2.types.js';
import { formatPointer, labelForPath } from './labels.js';

/** A fact a document marks as missing: where, under which label, why, and what it says about it. */
export interface MissingFact {
  path: string;
  label: string;
  reason: MissingReason;
  note: string | null;
}

/**
 * Every `{ missing: … }` in a document, in document order. Pure. A status or report lists them so that a
 * reader sees "not known" or "to be agreed" instead of an empty field. Format 1 documents have none: their
 * null cannot say which it meant.
 */
export function missingFacts(doc: unknown): MissingFact[] {
  const found: MissingFact[] = [];
  const walk = (node: unknown, tokens: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...tokens, i]));
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.missing === 'string') {
      const path = formatPointer(tokens);
      found.push({
        path,
        label: labelForPath(doc, path),
        reason: record.missing as MissingReason,
        note: typeof record.note === 'string' ? record.note : null,
      });
      return;
    }
    for (const [key, value] of Object.entries(record)) walk(value, [...tokens, key]);
  };
  walk(doc, []);
  return found;
}
