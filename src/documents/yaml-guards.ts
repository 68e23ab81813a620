import { CST, Lexer, isAlias, isCollection, isMap, isPair, isScalar } from 'yaml';
import type { Alias, Node as YamlNode } from 'yaml';
import { joinPointer, MAX_PROBLEMS, quote } from './problems.js';
import type { Problem } from './problems.js';
import { keyString } from './yaml-locator.js';
import type { YamlLocator } from './yaml-locator.js';

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence (WHATWG rules), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const seq = sequenceRule(b);
    if (!seq) return i;
    const { need, lo, hi } = seq;
    if (i + need >= n) return i;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += need + 1;
  }
  return -1;
}

/** Continuation bytes a lead byte needs, and the range of the first one (which excludes overlongs, surrogates and code points above U+10FFFF). */
function sequenceRule(lead: number): { need: number; lo: number; hi: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { need: 1, lo: 0x80, hi: 0xbf };
  if (lead === 0xe0) return { need: 2, lo: 0xa0, hi: 0xbf };
  if (lead === 0xed) return { need: 2, lo: 0x80, hi: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { need: 2, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { need: 3, lo: 0x90, hi: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { need: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf4) return { need: 3, lo: 0x80, hi: 0x8f };
  return undefined;
}

/** Line and column (1-based, in UTF-16 units as editors count them) of a byte offset whose prefix is valid UTF-8. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The default decoder drops a leading BOM, which editors do not show as a column either.
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

/**
 * A cheap upper bound of the nesting depth, taken from the token stream before anything is composed.
 * yaml's composer needs seconds and can exhaust memory on 1 MiB of '[' (or '- - - …'), so such input must be
 * refused before it gets there. The exact, located check runs later on the composed tree; this only needs to be
 * an upper bound for documents of sane shape and to stop early on hostile ones.
 *
 * Flow depth is counted exactly. Block depth is bounded by the number of strictly increasing indentation columns
 * of the line prefixes (indentation plus compact indicators such as '- - '): a nested block collection is indented
 * further than its parent, except a sequence directly under a mapping key, hence the factor 2.
 *
 * Returns the offset of the token where the bound first exceeds `limit`, or undefined.
 */
export function nestingBoundExceeded(text: string, limit: number): number | undefined {
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let prefix = true;
  let scalarFollows = false;

  const push = (col: number): boolean => {
    while (columns.length > 0 && columns[columns.length - 1] >= col) columns.pop();
    columns.push(col);
    return 2 * columns.length + flow > limit;
  };

  for (const tok of new Lexer().lex(text)) {
    // Control markers are not source text; the token after the scalar marker always is.
    if (!scalarFollows && tok.length === 1 && (tok === '\x02' || tok === '\x18' || tok === '\x1f')) {
      if (tok === '\x1f') scalarFollows = true;
      else if (tok === '\x18') flow = 0;
      continue;
    }
    const type = scalarFollows ? 'scalar' : CST.tokenType(tok);
    scalarFollows = false;
    const at = offset;
    offset += tok.length;

    switch (type) {
      case 'newline':
        lineStart = offset;
        if (flow === 0) prefix = true;
        continue;
      case 'space':
      case 'comment':
      case 'directive-line':
      case 'byte-order-mark':
      case 'doc-mode':
      case 'comma':
        continue;
      case 'doc-start':
      case 'doc-end':
        columns.length = 0;
        flow = 0;
        prefix = true;
        continue;
      case 'flow-map-start':
      case 'flow-seq-start':
        if (flow === 0 && prefix && push(at - lineStart)) return at;
        prefix = false;
        flow++;
        if (2 * columns.length + flow > limit) return at;
        continue;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow = Math.max(0, flow - 1);
        continue;
      case 'flow-error-end':
        flow = 0;
        continue;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
      case 'anchor':
      case 'tag':
        // Indicators and properties leave the line prefix open: content on the same line may nest further.
        if (flow === 0 && prefix && push(at - lineStart)) return at;
        continue;
      default: {
        if (flow === 0 && prefix) {
          const indent = tok.length - tok.replace(/^ +/, '').length;
          if (push(at + indent - lineStart)) return at;
        }
        prefix = false;
        const nl = tok.lastIndexOf('\n');
        if (nl >= 0) {
          lineStart = at + nl + 1;
          if (flow === 0 && lineStart === offset) prefix = true;
        }
      }
    }
  }
  return undefined;
}

const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface TreeCheck {
  problems: Problem[];
  /** Problems found beyond MAX_PROBLEMS, counted but not located (never a too-deep or alias-limit one). */
  omitted: number;
  /** Targets of the aliases met, so that locating never has to search the document again. */
  aliasTargets: Map<Alias, YamlNode>;
  /** Where to point when yaml's own alias expansion check fires: the first alias whose target holds aliases itself. */
  expansionSuspect?: YamlNode;
}

interface Frame {
  node: unknown;
  /** Collections from the root down to and including this node. */
  depth: number;
  parent: Frame | null;
  pointer: string;
}

/**
 * Walks the composed tree once, without following aliases, and finds what must be refused before toJS:
 * nesting beyond maxDepth (stops at the first node past it), too many aliases, unknown or circular aliases,
 * duplicate keys (compared as the strings toJS would make of them), non-scalar keys and tags outside the
 * plain JSON-like core (e.g. !!binary, !!timestamp would not yield strings, numbers, booleans or null).
 */
export function checkTree(root: YamlNode | null, limits: { maxDepth: number; maxAliasCount: number }, locator: YamlLocator): TreeCheck {
  const problems: Problem[] = [];
  const aliasTargets = new Map<Alias, YamlNode>();
  const anchors = new Map<string, YamlNode>();
  const holdsAlias = new Set<unknown>();
  const aliasesInOrder: Alias[] = [];
  let aliasCount = 0;
  let aliasLimitReported = false;
  let omitted = 0;

  const at = (node: unknown) => {
    const range = (node as YamlNode | null)?.range;
    return locator.position(range ? range[0] : 0);
  };
  // 'too-deep' and 'alias-limit' are always kept: they are what keeps toJS from running on a hostile tree.
  const add = (node: unknown, pointer: string, code: string, message: string, key?: string) => {
    if (problems.length >= MAX_PROBLEMS && code !== 'too-deep' && code !== 'alias-limit') omitted++;
    else problems.push({ ...at(node), path: pointer, code, message, ...(key !== undefined ? { key } : {}) });
  };

  const stack: Frame[] = root ? [{ node: root, depth: isCollection(root) ? 1 : 0, parent: null, pointer: '' }] : [];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node, pointer } = frame;

    if (isCollection(node) && frame.depth > limits.maxDepth) {
      add(node, pointer, 'too-deep', `nesting is deeper than the limit of ${limits.maxDepth} levels`);
      break;
    }

    const props = node as { anchor?: string; tag?: string };
    if (typeof props.tag === 'string' && props.tag.startsWith('tag:yaml.org,2002:') && !PLAIN_TAGS.has(props.tag)) {
      add(node, pointer, 'yaml-syntax', `tag '!!${props.tag.slice(18)}' is not supported; use a plain string, number, boolean or null`);
    }
    if (typeof props.anchor === 'string' && !isAlias(node)) anchors.set(props.anchor, node as YamlNode);

    if (isAlias(node)) {
      aliasCount++;
      if (aliasCount > limits.maxAliasCount) {
        if (!aliasLimitReported) {
          add(node, pointer, 'alias-limit', `more than ${limits.maxAliasCount} aliases; write the values out instead of using *${node.source}`);
          aliasLimitReported = true;
        }
        continue;
      }
      const target = anchors.get(node.source);
      if (!target) {
        add(node, pointer, 'yaml-syntax', `unknown alias '*${node.source}': the anchor '&${node.source}' must be defined before it is used`);
        continue;
      }
      let circular = false;
      for (let f = frame.parent; f; f = f.parent) {
        holdsAlias.add(f.node);
        if (f.node === target) circular = true;
      }
      if (circular) {
        add(node, pointer, 'yaml-syntax', `alias '*${node.source}' refers to a node that contains it; circular structures are not allowed`);
        continue;
      }
      aliasTargets.set(node, target);
      aliasesInOrder.push(node);
      continue;
    }

    if (isMap(node)) {
      const seen = new Map<string, unknown>();
      const children: Frame[] = [];
      for (const pair of node.items) {
        const k = keyString(pair.key);
        if (k === undefined) {
          const what = isAlias(pair.key) ? 'an alias' : isMap(pair.key) ? 'a mapping' : isCollection(pair.key) ? 'a list' : 'not a plain value';
          add(pair.key, pointer, 'yaml-syntax', `keys must be plain strings; this key is ${what}`);
          continue;
        }
        const childPointer = joinPointer(pointer, k);
        const first = seen.get(k);
        if (first !== undefined) {
          add(pair.key, childPointer, 'duplicate-key', `duplicate key ${quote(k)}; first defined at line ${at(first).line}`, k);
        } else {
          seen.set(k, pair.key);
        }
        if (isScalar(pair.key) && (pair.key.anchor !== undefined || pair.key.tag !== undefined)) {
          children.push({ node: pair.key, depth: frame.depth, parent: frame, pointer: childPointer });
        }
        if (pair.value !== null && pair.value !== undefined) {
          const v = pair.value;
          children.push({ node: v, depth: frame.depth + (isCollection(v) ? 1 : 0), parent: frame, pointer: childPointer });
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    } else if (isCollection(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        // A single pair inside a flow sequence ([a: 1]) composes to a Pair; treat it as a one-key mapping.
        const child = isPair(item) ? item.value : item;
        if (child === null || child === undefined) continue;
        stack.push({
          node: child,
          depth: frame.depth + (isCollection(child) ? 1 : 0),
          parent: frame,
          pointer: joinPointer(pointer, i),
        });
      }
    }
  }

  const expansionSuspect = aliasesInOrder.find((a) => holdsAlias.has(aliasTargets.get(a))) ?? aliasesInOrder[0];
  return { problems, omitted, aliasTargets, expansionSuspect };
}
