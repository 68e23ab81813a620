import { isDeepStrictEqual } from 'node:util';
import type { AnyAgreementDocument } from './agreement-terms.js';
import { format1InFormat2Terms } from './migrate-format.js';
import { LABEL_SEPARATOR, formatPointer, labelForPath, type LabelOptions } from './labels.js';

/** How a field differs; the GraphQL enum is registered from this object. */
export const ChangeKind = { ADDED: 'added', REMOVED: 'removed', CHANGED: 'changed' } as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

export interface FieldChange {
  /** JSON Pointer into the after document, or into the before document for a removal. */
  path: string;
  label: string;
  kind: ChangeKind;
  /** null when added. */
  before: unknown;
  /** null when removed. */
  after: unknown;
}

type Tokens = (string | number)[];

/** Where the walk stands in both documents: removals point into the before document, the rest into the after one. */
interface Place {
  before: Tokens;
  after: Tokens;
}

interface Walk {
  beforeDoc: unknown;
  afterDoc: unknown;
  changes: FieldChange[];
  labels: LabelOptions;
}

export const ORDER_LABEL = 'Reihenfolge';

/**
 * Field-level comparison of two versions, in the after document's order.
 * Items of lists whose entries carry an `id` are matched by id, so inserting one standard
 * is one change and not a shift of every standard after it.
 */
export function diffAgreements(before: AnyAgreementDocument, after: AnyAgreementDocument, options: LabelOptions = {}): FieldChange[] {
  // Across formats the older one is compared as it reads in format 2, so a migrated version shows what the
  // migration added or corrected, not every key that moved. Read without the migration's placeholders: compared
  // with them, a version that only migrates showed no change at all, though its content differs.
  const beforeDoc: unknown = before.formatVersion === 1 && after.formatVersion === 2 ? (format1InFormat2Terms(before) ?? before) : before;
  const walk: Walk = { beforeDoc, afterDoc: after, changes: [], labels: options };
  compare(walk, beforeDoc, after, { before: [], after: [] });
  return walk.changes;
}

function compare(walk: Walk, before: unknown, after: unknown, place: Place): void {
  if (isObject(before) && isObject(after)) return compareObjects(walk, before, after, place);
  if (isIdList(before) && isIdList(after)) return compareIdLists(walk, before, after, place);
  if (!isDeepStrictEqual(before, after)) record(walk, 'changed', place, before, after);
}

function compareObjects(walk: Walk, before: Record<string, unknown>, after: Record<string, unknown>, place: Place): void {
  const beforeKeys = presentKeys(before);
  const afterKeys = presentKeys(after);
  for (const key of mergeOrder(beforeKeys, afterKeys)) {
    const inner = { before: [...place.before, key], after: [...place.after, key] };
    if (!afterKeys.includes(key)) record(walk, 'removed', inner, before[key], null);
    else if (!beforeKeys.includes(key)) record(walk, 'added', inner, null, after[key]);
    else compare(walk, before[key], after[key], inner);
  }
}

function compareIdLists(walk: Walk, before: IdItem[], after: IdItem[], place: Place): void {
  const beforeIds = before.map((item) => item.id);
  const afterIds = after.map((item) => item.id);
  // Positions by id: a list of thousands of standards must not cost a search per item.
  const beforeAt = new Map(beforeIds.map((id, i) => [id, i]));
  const afterAt = new Map(afterIds.map((id, i) => [id, i]));
  recordReordering(walk, beforeIds, afterIds, place);
  for (const id of mergeOrder(beforeIds, afterIds)) {
    const b = beforeAt.get(id) ?? -1;
    const a = afterAt.get(id) ?? -1;
    const inner = { before: [...place.before, b], after: [...place.after, a] };
    if (a < 0) record(walk, 'removed', inner, before[b], null);
    else if (b < 0) record(walk, 'added', inner, null, after[a]);
    else compare(walk, before[b], after[a], inner);
  }
}

function recordReordering(walk: Walk, beforeIds: string[], afterIds: string[], place: Place): void {
  const [inBefore, inAfter] = [new Set(beforeIds), new Set(afterIds)];
  const common = beforeIds.filter((id) => inAfter.has(id));
  const commonAfter = afterIds.filter((id) => inBefore.has(id));
  if (isDeepStrictEqual(common, commonAfter)) return;
  const path = formatPointer(place.after);
  const label = [labelForPath(walk.afterDoc, path, walk.labels), ORDER_LABEL].filter(Boolean).join(LABEL_SEPARATOR);
  walk.changes.push({ path, label, kind: 'changed', before: beforeIds, after: afterIds });
}

function record(walk: Walk, kind: ChangeKind, place: Place, before: unknown, after: unknown): void {
  const [doc, tokens] = kind === 'removed' ? [walk.beforeDoc, place.before] : [walk.afterDoc, place.after];
  const path = formatPointer(tokens);
  walk.changes.push({ path, label: labelForPath(doc, path, walk.labels), kind, before, after });
}

/**
 * The after sequence with every key that exists only before slotted in behind the shared key
 * it followed there, so a removal is reported where it stood.
 */
function mergeOrder(before: string[], after: string[]): string[] {
  const inAfter = new Set(after);
  const beforeAt = new Map(before.map((key, i) => [key, i]));
  const merged: string[] = [];
  const takeGoneFrom = (start: number) => {
    for (let i = start; i < before.length && !inAfter.has(before[i]); i++) merged.push(before[i]);
  };
  takeGoneFrom(0);
  for (const key of after) {
    merged.push(key);
    const at = beforeAt.get(key);
    if (at !== undefined) takeGoneFrom(at + 1);
  }
  return merged;
}

interface IdItem extends Record<string, unknown> {
  id: string;
}

/** Lists that can be matched by id: every entry an object with an id, no id twice. An empty list qualifies. */
function isIdList(value: unknown): value is IdItem[] {
  if (!Array.isArray(value)) return false;
  const ids = value.map((item: unknown) => (isObject(item) && typeof item.id === 'string' ? item.id : undefined));
  return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
}

function presentKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => record[key] !== undefined);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
