import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Alias, LineCounter, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { joinPointer, pointerSegments } from './problems.js';
import type { Locate, Position } from './problems.js';

/** The string a scalar key becomes in the JS object yaml's toJS builds (null becomes ''), so keys compare the way they collide. */
export function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

function start(node: unknown): number | undefined {
  if (isPair(node)) return start(node.key) ?? start(node.value);
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * Positions for JSON Pointers and offsets. Map keys are indexed once per mapping, because schema errors for a
 * hostile document with many unknown keys would otherwise cost a linear scan each.
 */
export class YamlLocator {
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly root: YamlNode | null,
    private readonly lineCounter: LineCounter,
    /** Aliases are followed one hop each, through targets the tree check already resolved; nothing is expanded. */
    private readonly resolveAlias: (alias: Alias) => YamlNode | undefined = () => undefined,
  ) {}

  position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(Math.max(0, offset));
    return { line, column: col };
  }

  readonly locate: Locate = (pointer, options) => {
    const segments = pointerSegments(pointer);
    let node: unknown = this.root;
    let best = start(node) ?? 0;
    for (let i = 0; i < segments.length; i++) {
      node = this.deref(node);
      const seg = segments[i];
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = this.index(node).get(seg);
        if (!pair) break;
        if (last && options?.key) return this.position(start(pair.key) ?? best);
        // `? key` without a value has no value node; its key is the nearest thing to point at.
        if (pair.value === null || pair.value === undefined) {
          best = start(pair.key) ?? best;
          break;
        }
        node = pair.value;
      } else if (isSeq(node)) {
        const idx = /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
        if (idx < 0 || idx >= node.items.length) break;
        node = node.items[idx];
      } else {
        break;
      }
      best = start(node) ?? best;
    }
    return this.position(best);
  };

  /** The JSON Pointer of the innermost node whose source range holds `offset`; used to give YAML errors a path. */
  pointerAt(offset: number): string {
    let pointer = '';
    let node: unknown = this.root;
    // Bounded by the nesting depth, which the tree check limits before any pointer is asked for.
    for (let guard = 0; guard < 10_000; guard++) {
      if (isMap(node)) {
        // A pair spans from its key to the end of its value, so tags and anchors in between belong to it.
        const pair = node.items[lastStartingBefore(node.items, offset + 1)];
        const k = pair && spans(pair, offset) ? keyString(pair.key) : undefined;
        if (!pair || k === undefined) break;
        pointer = joinPointer(pointer, k);
        if (!covers(pair.value, offset)) break;
        node = pair.value;
      } else if (isSeq(node)) {
        const idx = lastStartingBefore(node.items, offset + 1);
        if (idx < 0 || !covers(node.items[idx], offset)) break;
        pointer = joinPointer(pointer, idx);
        node = node.items[idx];
      } else {
        break;
      }
    }
    return pointer;
  }

  /**
   * The innermost quoted scalar or flow collection that is still open at `offset` (its range reaches it). yaml
   * reports an unclosed quote or bracket where it gave up, often the end of the file; the author needs the opener.
   */
  openerAt(offset: number): YamlNode | undefined {
    let found: YamlNode | undefined;
    let node: unknown = this.root;
    for (let guard = 0; guard < 10_000 && node; guard++) {
      const range = (node as YamlNode).range;
      if (!range || range[0] >= offset || range[1] < offset) break;
      const n = node as YamlNode & { type?: string; flow?: boolean };
      if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' || ((isMap(n) || isSeq(n)) && n.flow)) found = n;
      let next: unknown;
      if (isMap(node) || isSeq(node)) {
        next = (node.items as unknown[])[lastStartingBefore(node.items, offset)];
        if (isPair(next)) next = next.value ?? next.key;
      }
      node = next;
    }
    return found;
  }

  private deref(node: unknown): unknown {
    return isAlias(node) ? this.resolveAlias(node) : node;
  }

  private index(map: YAMLMap): Map<string, Pair> {
    let idx = this.keyIndex.get(map);
    if (!idx) {
      idx = new Map();
      for (const pair of map.items) {
        const k = keyString(pair.key);
        if (k !== undefined && !idx.has(k)) idx.set(k, pair);
      }
      this.keyIndex.set(map, idx);
    }
    return idx;
  }
}

/**
 * Index of the last item that starts before `offset`, or -1. Items are in source order, so this is a binary search:
 * a hostile file with one error on each of 60 000 lines must not cost a scan of all items per error.
 */
function lastStartingBefore(items: readonly unknown[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = start(items[mid]);
    if (s === undefined) {
      // Items without a range (only in odd error recovery) are skipped by a linear look around.
      const idx = items.findLastIndex((item) => (start(item) ?? Infinity) < offset);
      return idx;
    }
    if (s < offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function spans(pair: Pair, offset: number): boolean {
  const from = start(pair.key);
  const to = ((pair.value as YamlNode | null)?.range ?? (pair.key as YamlNode | null)?.range)?.[1];
  return from !== undefined && to !== undefined && from <= offset && offset < Math.max(to, from + 1);
}

function covers(node: unknown, offset: number): boolean {
  if (isPair(node)) return covers(node.key, offset) || covers(node.value, offset);
  const range = (node as YamlNode | null | undefined)?.range;
  return !!range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}
