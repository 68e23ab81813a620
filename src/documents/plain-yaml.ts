/**
 * A reader for the plain shape most documents are written in: block mappings and block lists, one value per line,
 * plain or single-line quoted scalars, `[]` and `{}`, comments. It takes a small fraction of the time the yaml
 * library takes, because it builds no nodes, ranges or tokens; so it serves as the fast path of
 * parseYamlDocument, which reads with the yaml library (and its positions) only what this one declines.
 *
 * It must never disagree with the yaml library: whatever it returns is exactly what yaml's toJS (YAML 1.2, core
 * schema) gives for the text, for a text yaml reads without any error or warning and that passes the tree checks of
 * yaml-guards (depth, duplicate keys, plain keys). Anything outside that shape, or merely unusual, gives undefined,
 * and the caller reads the text the slow way: anchors, aliases, tags, directives, document markers, block scalars,
 * multi-line scalars, flow collections with content, escapes, tabs, CR, control characters, explicit or quoted
 * keys, a list on the same indentation as its key, duplicate keys, keys that are not identifiers.
 */

/** Characters the fast path leaves to yaml: tabs and CR (line and indentation rules), control characters, other line breaks, BOM. */
// eslint-disable-next-line no-control-regex
const DECLINED_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** Keys the core schema reads as something other than their text (or that an object would not keep as its own key). */
const NON_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

/** yaml refuses implicit keys of more than 1024 characters; these are far below that. */
const MAX_KEY_LENGTH = 1000;

/**
 * Characters a plain scalar may not start with here (YAML indicators). `-` is handled on its own: a number like
 * -5 is read, anything else starting with it is declined.
 */
const INDICATOR_START = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '?', ':']);

/** An empty flow collection, with nothing or a comment after it. */
const EMPTY_FLOW = /^(\[\]|\{\})(?: *| +#.*)$/;

/** What may follow a quoted scalar on its line. */
const AFTER_QUOTED = /^(?: *| +#.*)$/;

const DECLINE = Symbol('decline');
type Declined = typeof DECLINE;

/** An upper bound of the nesting this reader goes into, well within the text bound of yaml-guards' nestingBoundExceeded. */
const MAX_DEPTH = 200;

/**
 * The content of `source` (a document without BOM) as yaml's toJS would give it, or undefined when the text is not
 * of the plain shape described above. `maxDepth` is the depth limit of the located path (top-level mapping is
 * level 1); deeper documents are declined, so that the located path reports them.
 */
export function readPlainYaml(source: string, maxDepth: number): Record<string, unknown> | undefined {
  if (DECLINED_CHARACTERS.test(source)) return undefined;
  const reader = new PlainReader(source, Math.min(maxDepth, MAX_DEPTH));
  const content = reader.document();
  return content === DECLINE ? undefined : content;
}

/** Reads on offsets into the text rather than on copies of its lines: it runs once per document imported. */
class PlainReader {
  /** Per significant line (neither blank nor a comment): where its text starts after the indentation. */
  private readonly starts: number[] = [];
  /** Per significant line: where it ends (its '\n', or the end of the text). */
  private readonly ends: number[] = [];
  /** Per significant line: its indentation. */
  private readonly indents: number[] = [];
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly maxDepth: number,
  ) {
    let lineStart = 0;
    while (lineStart <= source.length) {
      let lineEnd = source.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = source.length;
      let start = lineStart;
      while (start < lineEnd && source.charCodeAt(start) === 32) start++;
      if (start < lineEnd && source.charCodeAt(start) !== 35 /* # */) {
        this.starts.push(start);
        this.ends.push(lineEnd);
        this.indents.push(start - lineStart);
      }
      lineStart = lineEnd + 1;
    }
  }

  document(): Record<string, unknown> | Declined {
    const { source, starts, indents } = this;
    if (starts.length === 0) return DECLINE;
    // Directives and document markers start at column 0.
    for (let i = 0; i < starts.length; i++) {
      if (indents[i] !== 0) continue;
      const c = source[starts[i]];
      if (c === '%' || source.startsWith('---', starts[i]) || source.startsWith('...', starts[i])) return DECLINE;
    }
    if (this.keyEnd(0) < 0) return DECLINE;
    const root = this.mapping(indents[0], 1);
    if (root === DECLINE || this.at !== starts.length) return DECLINE;
    return root;
  }

  /**
   * Where the key that line `i` starts with ends (at its ':'), or -1 when the line does not start with a key: an
   * identifier followed by ':' and a space or the end of the line.
   */
  private keyEnd(i: number): number {
    const { source } = this;
    const start = this.starts[i];
    const end = this.ends[i];
    let pos = start;
    if (pos >= end || !isKeyStart(source.charCodeAt(pos))) return -1;
    pos++;
    while (pos < end && isKeyPart(source.charCodeAt(pos))) pos++;
    if (pos >= end || source.charCodeAt(pos) !== 58 /* : */) return -1;
    if (pos + 1 < end && source.charCodeAt(pos + 1) !== 32) return -1;
    return pos - start > MAX_KEY_LENGTH ? -1 : pos;
  }

  /** A block mapping whose keys stand at `indent`, starting at the current line. */
  private mapping(indent: number, depth: number): Record<string, unknown> | Declined {
    if (depth > this.maxDepth) return DECLINE;
    const map: Record<string, unknown> = {};
    while (this.at < this.starts.length && this.indents[this.at] === indent) {
      const colon = this.keyEnd(this.at);
      if (colon < 0) return DECLINE;
      const key = this.source.slice(this.starts[this.at], colon);
      if (NON_STRING_KEYS.has(key) || Object.hasOwn(map, key)) return DECLINE;
      const value = this.valueAfter(colon + 1, indent, depth);
      if (value === DECLINE) return DECLINE;
      map[key] = value;
    }
    return this.endOfBlock(indent) ? map : DECLINE;
  }

  /** A block list whose items' dashes stand at `indent`, starting at the current line. */
  private list(indent: number, depth: number): unknown[] | Declined {
    if (depth > this.maxDepth) return DECLINE;
    const { source } = this;
    const items: unknown[] = [];
    while (this.at < this.starts.length && this.indents[this.at] === indent) {
      const dash = this.starts[this.at];
      const end = this.ends[this.at];
      if (!isListItem(source, dash, end)) return DECLINE;
      let rest = dash + 1;
      while (rest < end && source.charCodeAt(rest) === 32) rest++;
      if (rest < end) {
        // A mapping that may start on the dash's line: its keys would stand where this first one does.
        this.starts[this.at] = rest;
        this.indents[this.at] = indent + (rest - dash);
        if (this.keyEnd(this.at) >= 0) {
          const map = this.mapping(indent + (rest - dash), depth + 1);
          if (map === DECLINE) return DECLINE;
          items.push(map);
          continue;
        }
        this.starts[this.at] = dash;
        this.indents[this.at] = indent;
      }
      const value = this.valueAfter(dash + 1, indent, depth);
      if (value === DECLINE) return DECLINE;
      items.push(value);
    }
    return this.endOfBlock(indent) ? items : DECLINE;
  }

  /**
   * A block ends at a line indented less than its own lines, where the enclosing block takes over (which declines
   * a line that fits none of the enclosing indentations), or at the end. Any other line is declined.
   */
  private endOfBlock(indent: number): boolean {
    return this.at === this.starts.length || this.indents[this.at] < indent;
  }

  /**
   * The value after a key's ':' or a list item's '-' (`from` is right after the indicator, on the current line), on
   * this line or, when the line holds none, in the block below. `indent` is that of the mapping or list holding it.
   */
  private valueAfter(from: number, indent: number, depth: number): unknown {
    const { source } = this;
    const end = this.ends[this.at];
    let start = from;
    while (start < end && source.charCodeAt(start) === 32) start++;
    // After ':' or '-' there was a space or nothing (keyEnd and isListItem make sure), so a '#' here starts a comment.
    if (start === end || source.charCodeAt(start) === 35 /* # */) {
      this.at++;
      if (this.at < this.starts.length && this.indents[this.at] > indent) {
        const nested = this.indents[this.at];
        return isListItem(source, this.starts[this.at], this.ends[this.at]) ? this.list(nested, depth + 1) : this.mapping(nested, depth + 1);
      }
      return null;
    }
    const value = scalarOrEmpty(source.slice(start, end));
    if (value === DECLINE) return DECLINE;
    if (typeof value === 'object' && value !== null && depth + 1 > this.maxDepth) return DECLINE;
    // A more indented line after it would continue it (a multi-line scalar) or be an error: endOfBlock declines it.
    this.at++;
    return value;
  }
}

/** A '-' followed by a space or the end of the line. */
function isListItem(source: string, start: number, end: number): boolean {
  return source.charCodeAt(start) === 45 /* - */ && (start + 1 === end || source.charCodeAt(start + 1) === 32);
}

/** [A-Za-z_] */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** [A-Za-z0-9_-] */
function isKeyPart(c: number): boolean {
  return isKeyStart(c) || (c >= 48 && c <= 57) || c === 45;
}

/** A scalar, `[]` or `{}` written on one line, with an optional comment after it. */
function scalarOrEmpty(text: string): unknown {
  const first = text[0];
  if (first === '"') return quoted(text, '"');
  if (first === "'") return quoted(text, "'");
  if (first === '[' || first === '{') {
    const match = EMPTY_FLOW.exec(text);
    if (match === null) return DECLINE;
    return match[1] === '[]' ? [] : {};
  }
  if (first === '-' && !/^-[0-9.]/.test(text)) return DECLINE;
  if (INDICATOR_START.has(first) || text.startsWith('...')) return DECLINE;
  const comment = text.indexOf(' #');
  let end = comment < 0 ? text.length : comment;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  const plain = text.slice(0, end);
  // ': ' would make it a key, a trailing ':' too.
  if (plain.includes(': ') || plain.endsWith(':')) return DECLINE;
  return plainScalar(plain);
}

/** A quoted scalar that ends on its line; double-quoted ones only without escapes. */
function quoted(text: string, quote: '"' | "'"): string | Declined {
  let value = '';
  let i = 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) return DECLINE;
    if (quote === "'" && text[close + 1] === "'") {
      value += text.slice(i, close + 1);
      i = close + 2;
      continue;
    }
    value += text.slice(i, close);
    i = close + 1;
    break;
  }
  if (quote === '"' && value.includes('\\')) return DECLINE;
  return AFTER_QUOTED.test(text.slice(i)) ? value : DECLINE;
}

const MAY_RESOLVE = new Set(['~', 'n', 'N', 't', 'T', 'f', 'F', '+', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

/**
 * A plain scalar as the YAML 1.2 core schema resolves it, test for test in the order yaml tries them
 * (null, bool, octal, decimal and hexadecimal integers, .inf/.nan, exponent floats, floats); everything else is text.
 */
export function plainScalar(text: string): unknown {
  // Each test below needs one of these first characters (or an empty text); most text has none of them.
  if (text !== '' && !MAY_RESOLVE.has(text[0])) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return false;
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}
