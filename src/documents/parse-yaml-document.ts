import { Buffer } from 'node:buffer';
import { isWellFormedText } from '../common/text-input.js';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Alias, Document, Node as YamlNode, YAMLError } from 'yaml';
import { combine, joinPointer, mapCapped, pointerSegments, summarise } from './problems.js';
import type { Locate, Problem } from './problems.js';
import { readPlainYaml } from './plain-yaml.js';
import { schemaValidator, validateWithSchema } from './schema-validator.js';
import { checkTextValues } from './text-values.js';
import { bytePosition, checkTree, firstInvalidUtf8, nestingBoundExceeded } from './yaml-guards.js';
import { YamlLocator } from './yaml-locator.js';

/**
 * What distinguishes one kind of YAML document (agreement, lifecycle file, …) from another; everything else about
 * reading it (guards against hostile input, YAML problems, schema validation, locating) is shared.
 */
export interface DocumentKind<T> {
  /** Schema file under schema/, e.g. 'agreement.schema.json'. Compiled once per kind (cache by file). */
  schemaFile: string;
  /** Message for an empty file, e.g. "the document is empty; an agreement starts with 'formatVersion: 1'". */
  emptyMessage: string;
  /** What the root mapping holds, used in the 'not a mapping' message, e.g. 'formatVersion, id, title, …'. */
  rootKeysHint: string;
  /** Rules the schema cannot express; run only when the schema passes. */
  rules?: (content: T, locate: Locate) => Problem[];
  /**
   * How the multiple-documents message names the file, e.g. 'an agreement file' gives "a second YAML document starts
   * here; an agreement file holds exactly one document". Default 'this file'.
   */
  fileDescription?: string;
  /** For a kind with several formats: the kind to validate this content with (undefined keeps this one). */
  variantFor?: (content: unknown) => DocumentKind<T> | undefined;
}

export interface ParseLimits {
  /** Largest accepted input, in bytes (UTF-8). */
  maxBytes: number;
  /** Most alias nodes (*name) a document may hold; also yaml's limit on how far aliases may expand. */
  maxAliasCount: number;
  /** Deepest nesting of mappings and lists; the top-level mapping is level 1. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = Object.freeze({ maxBytes: 1_048_576, maxAliasCount: 100, maxDepth: 64 });

/** More than this and the rest is summarised: a hostile file can produce one problem per byte. */
export { MAX_PROBLEMS } from './problems.js';

export type YamlDocumentResult<T> = { ok: true; content: T; text: string } | { ok: false; problems: Problem[] };

const BOM = '\uFEFF';

/**
 * Reads one document of the given kind from YAML text or bytes. Pure and synchronous. Either the plain content
 * (exactly what yaml's toJS returns, no defaults added) together with the text as given, or every problem found,
 * located and sorted by position. The content is only returned once it passed the kind's schema and rules.
 */
export function parseYamlDocument<T>(
  input: string | Uint8Array,
  kind: DocumentKind<T>,
  options?: { file?: string; limits?: Partial<ParseLimits> },
): YamlDocumentResult<T> {
  const limits = mergeLimits(options?.limits);
  const quick = readQuickly(input, kind, limits);
  if (quick !== undefined) return { ok: true, ...quick };
  return locatedResult(readDocument(input, kind, limits), options?.file);
}

/**
 * The same, always read with the yaml library and its positions: what parseYamlDocument falls back to whenever
 * the quick read declines a text or finds anything wrong with it, and what it must agree with.
 */
export function parseYamlDocumentLocated<T>(
  input: string | Uint8Array,
  kind: DocumentKind<T>,
  options?: { file?: string; limits?: Partial<ParseLimits> },
): YamlDocumentResult<T> {
  return locatedResult(readDocument(input, kind, mergeLimits(options?.limits)), options?.file);
}

function locatedResult<T>(read: { content: T; text: string } | Problem[], file: string | undefined): YamlDocumentResult<T> {
  if (!Array.isArray(read)) return { ok: true, ...read };
  return { ok: false, problems: finish(read, file) };
}

/** As readDocument decodes; a decoder used without `stream` keeps no state from one call to the next. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Positions are only worked out for problems, and the quick read reports none: it gives up instead. */
const NOWHERE: Locate = () => ({ line: 1, column: 1 });

/**
 * The quick read: a text of the plain shape (see readPlainYaml) read without positions, then the same checks as
 * readDocument runs on the content (text values, the kind's schema, its rules). Only a document that passes all of
 * them is returned; anything else gives undefined, so that readDocument finds and locates every problem as always.
 */
function readQuickly<T>(input: string | Uint8Array, kind: DocumentKind<T>, limits: ParseLimits): { content: T; text: string } | undefined {
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (byteLength > limits.maxBytes) return undefined;
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = STRICT_UTF8.decode(input);
    } catch {
      return undefined;
    }
  }
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  // Every string the quick read returns is a piece of the text cut at ASCII characters, so a text without NUL and
  // unpaired surrogates gives none that checkTextValues would refuse (and decoded bytes hold no unpaired surrogates).
  if (typeof input === 'string' && !isWellFormedText(source)) return undefined;
  const content = readPlainYaml(source, limits.maxDepth);
  if (content === undefined) return undefined;
  const variant = kind.variantFor?.(content) ?? kind;
  if (!schemaValidator(variant.schemaFile)(content)) return undefined;
  if ((variant.rules?.(content as T, NOWHERE) ?? []).length > 0) return undefined;
  return { content: content as T, text };
}

function mergeLimits(partial: Partial<ParseLimits> | undefined): ParseLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(limits) as (keyof ParseLimits)[]) {
    const v = partial?.[k];
    if (typeof v === 'number' && !Number.isNaN(v)) limits[k] = v;
  }
  return limits;
}

function finish(problems: Problem[], file: string | undefined): Problem[] {
  return file === undefined ? problems : problems.map((p) => ({ file, ...p }));
}

const at1 = { line: 1, column: 1, path: '' };

function readDocument<T>(input: string | Uint8Array, kind: DocumentKind<T>, limits: ParseLimits): { content: T; text: string } | Problem[] {
  const read = readYamlContent(input, kind, limits);
  if (Array.isArray(read)) return read;
  const { content, text, locator } = read;

  // A kind with several formats picks the schema and rules by what the document says it is (formatVersion).
  const variant = kind.variantFor?.(content) ?? kind;
  const textProblems = checkTextValues(content, locator.locate);
  const schemaFindings = validateWithSchema(variant.schemaFile, content, locator.locate);
  if (textProblems.length + schemaFindings.problems.length > 0) {
    return summarise({ problems: [...textProblems, ...schemaFindings.problems], omitted: schemaFindings.omitted });
  }

  const ruleProblems = variant.rules?.(content as T, locator.locate) ?? [];
  if (ruleProblems.length > 0) return summarise({ problems: ruleProblems, omitted: 0 });

  return { content: content as T, text };
}

/**
 * The YAML level of reading a document, with positions: the guards against hostile input, yaml's errors and
 * warnings, the tree checks, a mapping at the root, and the plain content (yaml's toJS); no schema, no rules.
 * Exported for the tests that hold readPlainYaml to it.
 */
export function readYamlContent<T>(
  input: string | Uint8Array,
  kind: DocumentKind<T>,
  limits: ParseLimits,
): { content: unknown; text: string; locator: YamlLocator } | Problem[] {
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (byteLength > limits.maxBytes) {
    return [{ ...at1, code: 'too-large', message: `file is ${byteLength} bytes; the limit is ${limits.maxBytes} bytes` }];
  }

  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      // ignoreBOM keeps a leading BOM in the text, so the text is exactly what the bytes say.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      const offset = Math.max(0, firstInvalidUtf8(input));
      const byte = input[offset]?.toString(16).toUpperCase().padStart(2, '0') ?? '';
      return [
        {
          ...bytePosition(input, offset),
          path: '',
          code: 'not-utf8',
          message: `file is not valid UTF-8: byte 0x${byte} at byte offset ${offset} is not part of a UTF-8 character; save the file as UTF-8`,
        },
      ];
    }
  }

  // Positions are computed without the BOM so that columns on line 1 match what editors show.
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const lineCounter = new LineCounter();

  // Refuse absurd nesting before yaml composes it (see nestingBoundExceeded); the exact check follows on the tree.
  const deepAt = nestingBoundExceeded(source, Math.max(2 * limits.maxDepth + 4, 1000));
  if (deepAt !== undefined) {
    const pos = offsetPosition(source, deepAt);
    return [{ ...pos, path: '', code: 'too-deep', message: `nesting is deeper than the limit of ${limits.maxDepth} levels` }];
  }

  let doc: Document.Parsed;
  try {
    doc = withoutStackTraces(() =>
      parseDocument(source, {
        lineCounter,
        prettyErrors: false,
        // yaml's own uniqueKeys check compares each key with every other (seconds for 50k keys); checkTree does it in linear time.
        uniqueKeys: false,
        // Dates must stay strings and yes/no must stay strings, whatever a %YAML 1.1 directive says.
        version: '1.2',
        schema: 'core',
        merge: false,
      }),
    );
  } catch (err) {
    return [{ ...at1, code: 'yaml-syntax', message: `YAML could not be read: ${(err as Error).message}` }];
  }

  let aliasTargets = new Map<Alias, YamlNode>();
  const locator = new YamlLocator(doc.contents, lineCounter, (alias) => aliasTargets.get(alias));

  // A hostile file yields an error per line: only as many as are shown get located and worded.
  const yamlErrors = [...doc.errors, ...doc.warnings];
  const toProblem = (e: YAMLError) => yamlErrorProblem(e, locator, kind.fileDescription ?? 'this file');
  const multiple = yamlErrors.filter((e) => e.code === 'MULTIPLE_DOCS');
  if (multiple.length > 0) return summarise(mapCapped(multiple, toProblem));

  if (doc.errors.length === 0 && isEmptyDocument(doc)) {
    return [{ ...at1, code: 'empty', message: kind.emptyMessage }];
  }

  const checked = checkTree(doc.contents, limits, locator);
  aliasTargets = checked.aliasTargets;
  // In a tree composed around syntax errors, odd keys and repeated keys are mostly echoes of those errors.
  const hostile = (p: Problem) => p.code === 'too-deep' || p.code === 'alias-limit';
  const tree = doc.errors.length > 0 ? { problems: checked.problems.filter(hostile), omitted: 0 } : checked;
  const found = combine(mapCapped(yamlErrors, toProblem), tree);
  if (found.problems.length > 0) return summarise(found);

  const root = doc.contents;
  if (!isMap(root)) {
    return [
      {
        ...locator.locate(''),
        path: '',
        code: 'type',
        message: `the document must be a mapping of keys (${kind.rootKeysHint}), got ${describe(root)}`,
      },
    ];
  }

  let content: unknown;
  try {
    content = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    const message = (err as Error).message;
    if (/alias count/i.test(message)) {
      const suspect = checked.expansionSuspect;
      return [
        {
          ...locator.position(suspect?.range?.[0] ?? 0),
          path: suspect ? locator.pointerAt(suspect.range?.[0] ?? 0) : '',
          code: 'alias-limit',
          message: `aliases expand beyond the limit of ${limits.maxAliasCount}; write the values out instead of nesting aliases`,
        },
      ];
    }
    return [{ ...at1, code: 'yaml-syntax', message: `YAML could not be converted: ${message}` }];
  }
  return { content, text, locator };
}

/**
 * yaml makes an Error object for each problem, and capturing its stack trace is most of the cost of a file with an
 * error on every line. Nothing reads those traces: the errors become problems.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function yamlErrorProblem(e: YAMLError, locator: YamlLocator, fileDescription: string): Problem {
  const offset = e.pos[0];
  if (e.code === 'MULTIPLE_DOCS') {
    return {
      ...locator.position(offset),
      path: '',
      code: 'multiple-documents',
      message: `a second YAML document starts here; ${fileDescription} holds exactly one document`,
    };
  }
  if (e.name === 'YAMLWarning') {
    // Warnings (unresolved tags, ambiguous anchors) leave the tree sound, so its path is meaningful.
    return { ...locator.position(offset), path: locator.pointerAt(offset), code: 'yaml-syntax', message: e.message };
  }
  const unclosed = /closing .*quote|end with a [\]}]/.test(e.message) ? locator.openerAt(offset) : undefined;
  if (unclosed?.range) {
    const from = unclosed.range[0];
    const until = locator.position(offset).line;
    return {
      ...locator.position(from),
      path: soundPrefix(locator.pointerAt(from)),
      code: 'yaml-syntax',
      message: `${e.message}; opened here, still open at line ${until}`,
    };
  }
  return { ...locator.position(offset), path: soundPrefix(locator.pointerAt(offset)), code: 'yaml-syntax', message: e.message };
}

/**
 * After a syntax error yaml may compose text into odd keys ('2024-01-01 until'); the path is cut before the first
 * segment that no document key (camelCase) or list index looks like, so it names only what is really there.
 */
function soundPrefix(pointer: string): string {
  const sound: string[] = [];
  for (const seg of pointerSegments(pointer)) {
    if (!/^([a-z][A-Za-z0-9]*|0|[1-9][0-9]*)$/.test(seg)) break;
    sound.push(seg);
  }
  return joinPointer('', ...sound);
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  if (c === null) return true;
  // A bare '---' composes to an empty plain scalar; an explicit null ('~', 'null', '!!null') is content.
  return isScalar(c) && c.value === null && c.source === '' && c.tag === undefined && c.anchor === undefined;
}

function describe(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    return `a ${typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'value'}`;
  }
  return 'a value that is not a mapping';
}

function offsetPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
