import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { closest } from '../common/closest.js';
import { isPartialDate } from '../common/dates.js';
import { projectRoot } from '../common/project-root.js';
import { joinPointer, mapCapped, MAX_PROBLEMS, pointerSegments, quote } from './problems.js';
import type { Findings, Locate, Problem } from './problems.js';

// ajv-formats is CommonJS: under Node ESM the default import is module.exports (the plugin itself), while the
// type checker models it as the module namespace. Accept either shape at run time.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

/** Folder of the JSON Schemas, relative to the project root (found from src/ and dist/src/ alike, see projectRoot). */
export const SCHEMA_DIR = 'schema';
/** The agreement schema's file name under schema/. */
export const AGREEMENT_SCHEMA = 'agreement.schema.json';
/** Relative to the project root. */
export const AGREEMENT_SCHEMA_FILE = `${SCHEMA_DIR}/${AGREEMENT_SCHEMA}`;

const schemaCache = new Map<string, AnySchemaObject>();
const validatorCache = new WeakMap<AnySchemaObject, ValidateFunction>();

/** A plain file name directly under schema/; anything else is a programming error. */
function checkSchemaFile(schemaFile: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/.test(schemaFile)) {
    throw new Error(`schema file must be a file name under ${SCHEMA_DIR}/, like 'agreement.schema.json', got ${quote(schemaFile)}`);
  }
}

/** A JSON Schema as stored in the repository under schema/ (read once per file). */
export function loadSchema(schemaFile: string): AnySchemaObject {
  let schema = schemaCache.get(schemaFile);
  if (!schema) {
    checkSchemaFile(schemaFile);
    schema = JSON.parse(readFileSync(join(projectRoot(), SCHEMA_DIR, schemaFile), 'utf8')) as AnySchemaObject;
    schemaCache.set(schemaFile, schema);
  }
  return schema;
}

/** The compiled validator of a schema under schema/, created on first use and cached per file (see compiledValidator). */
export function schemaValidator(schemaFile: string): ValidateFunction {
  return compiledValidator(loadSchema(schemaFile));
}

/**
 * The compiled validator of a schema object, created on first use and cached per object; strict so that a mistake in
 * the schema fails loudly instead of validating less. Each schema gets its own ajv instance, so schemas with the same
 * $id or $defs names cannot collide. verbose, because the messages read the schema and the value of each error.
 */
function compiledValidator(schema: AnySchemaObject): ValidateFunction {
  let validate = validatorCache.get(schema);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv, { formats: ['date'] });
    // Descriptive facts known only to the month or year (format 2); legal dates stay 'date'.
    ajv.addFormat('partial-date', { type: 'string', validate: isPartialDate });
    validate = ajv.compile(schema);
    validatorCache.set(schema, validate);
  }
  return validate;
}

/** The agreement JSON Schema as stored in the repository (read once). */
export function agreementSchema(): AnySchemaObject {
  return loadSchema(AGREEMENT_SCHEMA);
}

/** Compiled once per process. */
export function agreementValidator(): ValidateFunction {
  return schemaValidator(AGREEMENT_SCHEMA);
}

/** Validates plain data against the agreement schema and turns each error into a located Problem (unsorted, at most `max`). */
export function validateAgainstSchema(content: unknown, locate: Locate, max = MAX_PROBLEMS): Problem[] {
  return validateWithSchema(AGREEMENT_SCHEMA, content, locate, max).problems;
}

/**
 * Validates plain data against a schema under schema/ and turns the first `max` errors into located Problems
 * (unsorted); the others are only counted, since 90 000 unknown keys would otherwise each be located and matched.
 */
export function validateWithSchema(schemaFile: string, content: unknown, locate: Locate, max = MAX_PROBLEMS): Findings {
  return validateWithSchemaObject(loadSchema(schemaFile), content, locate, max);
}

/** The same for a schema given as an object rather than a file under schema/ (compiled once per object). */
export function validateWithSchemaObject(schema: AnySchemaObject, content: unknown, locate: Locate, max = MAX_PROBLEMS): Findings {
  const validate = compiledValidator(schema);
  if (validate(content)) return { problems: [], omitted: 0 };
  const root = schema as SchemaNode;
  const errors = collapseAlternatives(validate.errors ?? [], root);

  // With a type array plus enum, a wrong value fails both; the enum message lists every allowed value, null included.
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum' || e.keyword === 'const').map((e) => e.instancePath));
  const relevant = errors
    .filter((e) => !(e.keyword === 'type' && enumPaths.has(e.instancePath)))
    .filter((e) => !(e.keyword === 'maxProperties' && onlyUnknownKeysTooMany(e)));
  return mapCapped(relevant, (e) => toProblem(e, locate, root), max);
}

/**
 * The parts of a JSON Schema that the messages read. Our schemas are plain JSON, and ajv (verbose) hands back their
 * very objects as an error's schema and parentSchema, so schema objects can be compared by identity.
 */
interface SchemaNode {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: unknown[];
  oneOf?: unknown[];
  allOf?: unknown[];
  if?: unknown;
  then?: unknown;
  else?: unknown;
  required?: string[];
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, unknown>;
  additionalProperties?: unknown;
  prefixItems?: unknown[];
  items?: unknown;
  dependentSchemas?: Record<string, unknown>;
  propertyNames?: unknown;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema object, as opposed to a boolean schema or anything else found where a schema may stand. */
function isNode(value: unknown): value is SchemaNode {
  return isMapping(value);
}

/** The target of a $ref within the same schema ('#/$defs/x', also written with the schema's $id before the '#'). */
function refTarget(ref: string, root: SchemaNode): SchemaNode | undefined {
  const hash = ref.indexOf('#');
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : decodeURIComponent(ref.slice(hash + 1));
  if ((base !== '' && base !== root.$id) || (fragment !== '' && !fragment.startsWith('/'))) return undefined;
  let node: unknown = root;
  for (const segment of pointerSegments(fragment)) {
    node = isNode(node) || Array.isArray(node) ? (Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined) : undefined;
  }
  return isNode(node) ? node : undefined;
}

/** Follows $ref as far as it goes within the schema; a $ref's siblings are only annotations (title, description) in our schemas. */
function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  let current = node;
  // Bounded, so that a schema whose $ref names itself cannot loop.
  for (let hops = 0; current.$ref !== undefined && hops < 32; hops++) {
    const target = refTarget(current.$ref, root);
    if (!target) break;
    current = target;
  }
  return current;
}

/** The forms a value of this schema may take: its anyOf alternatives, or the schema itself; $refs followed. */
function formsOf(node: SchemaNode, root: SchemaNode): SchemaNode[] {
  const resolved = resolve(node, root);
  return resolved.anyOf ? resolved.anyOf.filter(isNode).map((a) => resolve(a, root)) : [resolved];
}

function typesOf(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
}

/** JSON Schema's name for the type of a value; 'integer' for whole numbers, which 'number' takes as well. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether a schema takes values of the value's type at all: by its type, else by the types of its enum or const. */
function admits(node: SchemaNode, value: unknown, root: SchemaNode, depth = 0): boolean {
  const form = resolve(node, root);
  const type = jsonType(value);
  const fits = (types: string[]) => types.includes(type) || (type === 'integer' && types.includes('number'));
  if (form.type !== undefined) return fits(typesOf(form.type));
  if (form.enum) return fits(form.enum.map(jsonType));
  if ('const' in form) return fits([jsonType(form.const)]);
  const alternatives = form.anyOf ?? form.oneOf;
  if (alternatives && depth < 16) return alternatives.filter(isNode).some((a) => admits(a, value, root, depth + 1));
  return true;
}

function allowsNull(form: SchemaNode, root: SchemaNode, depth = 0): boolean {
  if (form.anyOf) return depth < 16 && formsOf(form, root).some((f) => allowsNull(f, root, depth + 1));
  if (form.type === undefined && form.enum === undefined && !('const' in form)) return false;
  return (
    (form.type === undefined || typesOf(form.type).includes('null')) &&
    (form.enum === undefined || form.enum.includes(null)) &&
    (!('const' in form) || form.const === null)
  );
}

/** The one key a mapping form requires, when it requires exactly one: the key that says which form a value takes. */
function soleRequiredKey(form: SchemaNode): string | undefined {
  const key = form.required?.length === 1 ? form.required[0] : undefined;
  return key !== undefined && isNode(form.properties?.[key]) ? key : undefined;
}

/**
 * A form that holds one of its sibling forms under a single key, with more beside it: { value: 12, source: … } next
 * to a plain 12. It says nothing new about what may be written, so it is left out of the list of what a value may be.
 */
function isWrapper(form: SchemaNode, siblings: SchemaNode[], root: SchemaNode): boolean {
  const key = soleRequiredKey(form);
  const held = key !== undefined ? (form.properties?.[key] as SchemaNode) : undefined;
  if (!held) return false;
  const inner = resolve(held, root);
  return siblings.some((s) => s !== form && (s === inner || JSON.stringify(s) === JSON.stringify(inner)));
}

/**
 * A marker form: a mapping whose one required key takes a fixed set of words and that wraps no sibling form, such
 * as the unknown marker { missing: unknown | toBeAgreed | notApplicable }. The first word is the one for "not known".
 */
function markerOf(form: SchemaNode, siblings: SchemaNode[], root: SchemaNode): { key: string; words: string[] } | undefined {
  const key = soleRequiredKey(form);
  if (key === undefined || isWrapper(form, siblings, root)) return undefined;
  const words = resolve(form.properties?.[key] as SchemaNode, root).enum;
  if (!words || words.length === 0 || !words.every((w) => typeof w === 'string')) return undefined;
  return { key, words };
}

function markerText(marker: { key: string; words: string[] }): string {
  return `{ ${marker.key}: ${marker.words.join(' | ')} }`;
}

/** How to write a required key that the author has no value for: null where that is allowed, or the unknown marker. */
function missingKeyHint(parent: SchemaNode, key: string, root: SchemaNode): string {
  const property = parent.properties?.[key];
  if (!isNode(property)) return '';
  const forms = formsOf(property, root);
  const hints: string[] = [];
  if (forms.some((f) => allowsNull(f, root))) hints.push('write null when it is empty');
  const marker = forms.map((f) => markerOf(f, forms, root)).find((m) => m !== undefined);
  if (marker) {
    const [unknown, ...others] = marker.words;
    hints.push(`write { ${marker.key}: ${unknown} } when it is not known${others.length > 0 ? `, or ${others.join(' / ')}` : ''}`);
  }
  return hints.length > 0 ? ` (${hints.join('; ')})` : '';
}

/** 'a', 'a or b', 'a, b or c'. */
function orList(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** What a value of one form may be, in the words of the type messages; an enum's words are listed one by one. */
function formWords(form: SchemaNode, root: SchemaNode, depth = 0): string[] {
  if (form.anyOf) return depth < 16 ? formsOf(form, root).flatMap((f) => formWords(f, root, depth + 1)) : [];
  const types = typesOf(form.type);
  if (form.format === 'date') return ['an ISO date YYYY-MM-DD', ...(types.includes('null') ? ['null'] : [])];
  if (form.enum) return form.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if ('const' in form) return [JSON.stringify(form.const)];
  return types.map((t) => TYPE_NAMES[t] ?? t);
}

/** 'a number or { missing: unknown | toBeAgreed | notApplicable }': every form but those wrapping another. */
function describeAlternatives(alternatives: SchemaNode[], root: SchemaNode): string {
  const forms = alternatives.map((a) => resolve(a, root));
  const words = forms.flatMap((f) => {
    if (isWrapper(f, forms, root)) return [];
    const marker = markerOf(f, forms, root);
    return marker ? [markerText(marker)] : formWords(f, root);
  });
  return orList([...new Set(words)]);
}

/** A value as a message shows it: text quoted (and cut if long), mappings and lists by name, the rest as written. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return 'a list';
  if (isMapping(value)) return 'a mapping';
  return String(value);
}

function expectsNumber(types: string[]): boolean {
  return types.includes('number') || types.includes('integer');
}

/**
 * The alternative of an anyOf that a value's shape points to, by index. A mapping points to the first alternative
 * that requires one of its keys ({ missing: … } to the unknown marker, { value: … } to a value with its source),
 * else to one requiring a key it misspelt, else to a mapping that is the value itself (neither a marker nor a
 * wrapper); anything else points to the first alternative of its type. undefined when it points to none: then one
 * summary says what the value may be.
 */
function chooseAlternative(alternatives: SchemaNode[], value: unknown, root: SchemaNode): number | undefined {
  const forms = alternatives.map((a) => resolve(a, root));
  const candidates = forms.map((form, i) => ({ form, i })).filter(({ form }) => admits(form, value, root));
  if (!isMapping(value)) return candidates[0]?.i;
  const byKey = candidates.find(({ form }) => (form.required ?? []).some((k) => Object.hasOwn(value, k)));
  if (byKey) return byKey.i;
  const formOfKey = new Map<string, number>();
  for (const { form, i } of candidates) for (const key of form.required ?? []) if (!formOfKey.has(key)) formOfKey.set(key, i);
  const formKeys = [...formOfKey.keys()];
  for (const key of Object.keys(value)) {
    const meant = closest(key, formKeys);
    if (meant !== undefined) return formOfKey.get(meant);
  }
  return candidates.find(({ form }) => !isWrapper(form, forms, root) && !markerOf(form, forms, root))?.i;
}

/**
 * The schemas that `node` applies to the value `segments` below the value it validates: through $ref, anyOf, oneOf,
 * allOf, if/then/else, dependentSchemas and propertyNames (whose errors are reported at the mapping) at each level,
 * and properties, patternProperties, additionalProperties, prefixItems and items from one level to the next.
 */
function schemasBelow(node: SchemaNode, segments: string[], root: SchemaNode): Set<SchemaNode> {
  let layer = withApplied([node], root);
  for (const segment of segments) {
    const children = [...layer].flatMap((s) => childSchemas(s, segment));
    layer = withApplied(children, root);
  }
  return layer;
}

/** The given schemas and every schema they apply to the same value. */
function withApplied(nodes: SchemaNode[], root: SchemaNode): Set<SchemaNode> {
  const seen = new Set<SchemaNode>();
  const pending = [...nodes];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    const target = node.$ref !== undefined ? refTarget(node.$ref, root) : undefined;
    const combined = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
    const conditional = [node.if, node.then, node.else, ...Object.values(node.dependentSchemas ?? {}), node.propertyNames];
    pending.push(...[target, ...combined, ...conditional].filter(isNode));
  }
  return seen;
}

function childSchemas(node: SchemaNode, segment: string): SchemaNode[] {
  const named = node.properties && Object.hasOwn(node.properties, segment) ? [node.properties[segment]] : [];
  const patterned = Object.entries(node.patternProperties ?? {})
    .filter(([pattern]) => new RegExp(pattern, 'u').test(segment))
    .map(([, s]) => s);
  const children = [...named, ...patterned];
  if (children.length === 0) children.push(node.additionalProperties);
  if (/^(0|[1-9][0-9]*)$/.test(segment)) {
    const index = Number(segment);
    children.push(node.prefixItems && index < node.prefixItems.length ? node.prefixItems[index] : node.items);
  }
  return children.filter(isNode);
}

/** Errors of one schema object on one value, with the same keyword and params, are one judgement made twice. */
function withoutRepeats(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Map<unknown, Set<string>>();
  return errors.filter((x) => {
    const key = `${x.instancePath}\u0000${x.keyword}\u0000${JSON.stringify(x.params)}`;
    const keys = seen.get(x.parentSchema) ?? new Set<string>();
    seen.set(x.parentSchema, keys);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

function isAtOrBelow(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

/**
 * ajv reports a failed anyOf with the errors of every alternative and then 'must match a schema in anyOf': for a
 * fact (a plain value, the unknown marker, or a value with its source) that is three or four problems for one value,
 * most of them about forms the author did not mean. Per failed anyOf this keeps only the errors of the alternative
 * the value points to (see chooseAlternative); when it points to none, or nothing could be traced to that one, only
 * the anyOf error stays, and toProblem words it as what the value may be. Nested anyOfs are collapsed the same way.
 *
 * ajv reports the alternatives' errors right before the anyOf error, all at or below its value, so only that run is
 * looked at. Which alternative made an error is known by its parentSchema: the schema objects an alternative applies
 * there. An error no alternative could have made (a keyword beside the anyOf) is left alone. A schema reached through
 * two alternatives (a shared $defs/source) makes the same error twice; it is kept once.
 */
function collapseAlternatives(errors: readonly ErrorObject[], root: SchemaNode): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  // Per anyOf of the schema (a list of facts shares one) and path below its value: the schemas each alternative applies there.
  const appliedByAnyOf = new Map<unknown, Map<string, Set<SchemaNode>[]>>();
  errors.forEach((e, at) => {
    if (e.keyword !== 'anyOf' || !Array.isArray(e.schema)) return;
    const alternatives = (e.schema as unknown[]).filter(isNode);
    const run: ErrorObject[] = [];
    for (let i = at - 1; i >= 0 && isAtOrBelow(errors[i].instancePath, e.instancePath); i--) run.push(errors[i]);

    const applied = appliedByAnyOf.get(e.schema) ?? new Map<string, Set<SchemaNode>[]>();
    appliedByAnyOf.set(e.schema, applied);
    const makers = (x: ErrorObject): number[] => {
      const below = x.instancePath.slice(e.instancePath.length);
      let sets = applied.get(below);
      if (!sets) {
        sets = alternatives.map((a) => schemasBelow(a, pointerSegments(below), root));
        applied.set(below, sets);
      }
      return sets.flatMap((set, i) => (set.has(x.parentSchema as SchemaNode) ? [i] : []));
    };

    const chosen = chooseAlternative(alternatives, e.data, root);
    const kept = new Set(chosen === undefined ? [] : withoutRepeats(run.filter((x) => makers(x).includes(chosen))));
    for (const x of run) if (!kept.has(x) && makers(x).length > 0) dropped.add(x);
    if (kept.size > 0) dropped.add(e);
  });
  return errors.filter((e) => !dropped.has(e));
}

/**
 * The known keys of a mapping that must hold exactly one of them (minProperties = maxProperties = 1 beside
 * properties): a tagged union such as a lifecycle event, written without oneOf so that a mistake gives one message
 * instead of one per alternative.
 */
function exactlyOneOf(schema: AnySchemaObject): string[] | undefined {
  if (schema.minProperties !== 1 || schema.maxProperties !== 1 || !schema.properties) return undefined;
  return Object.keys(schema.properties as object);
}

function knownKeysPresent(schema: AnySchemaObject, data: unknown): string[] {
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data).filter((k) => Object.hasOwn((schema.properties ?? {}) as object, k));
}

/** A mapping over maxProperties only because of unknown keys: those are reported one by one, which says it all. */
function onlyUnknownKeysTooMany(e: ErrorObject): boolean {
  const parent = e.parentSchema ?? {};
  return parent.additionalProperties === false && knownKeysPresent(parent, e.data).length <= Number(parent.maxProperties);
}

function isListItem(pointer: string): boolean {
  const segments = pointerSegments(pointer);
  return segments.length > 0 && /^(0|[1-9][0-9]*)$/.test(segments[segments.length - 1]);
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  boolean: 'boolean (true or false)',
  number: 'a number',
  integer: 'a whole number',
};

function typeList(types: string[]): string {
  return orList(types.map((t) => TYPE_NAMES[t] ?? t));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const SHA256_PATTERN = '^[0-9a-f]{64}$';

function toProblem(e: ErrorObject, locate: Locate, root: SchemaNode): Problem {
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema ?? {};
  const path = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      return { ...locate(path), path, code: 'required', key, message: `missing required key ${quote(key)}${missingKeyHint(parent, key, root)}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keyPath = joinPointer(path, key);
      // Keys already present are no suggestion: 'titel' next to 'title' is a stray key, not a typo of it.
      const data = e.data && typeof e.data === 'object' ? e.data : {};
      const known = Object.keys((parent.properties ?? {}) as object).filter((k) => !Object.hasOwn(data, k));
      const suggestion = closest(key, known);
      let hint = suggestion !== undefined ? `; did you mean ${quote(suggestion)}?` : '';
      const alternatives = exactlyOneOf(parent);
      if (alternatives && suggestion === undefined) {
        const present = knownKeysPresent(parent, e.data);
        hint =
          present.length === 0
            ? `; expected one of: ${alternatives.join(', ')}`
            : `; only ${quote(present[0])} belongs here; indent its fields below it`;
      }
      return { ...locate(keyPath, { key: true }), path: keyPath, code: 'unknown-key', key, message: `unknown key ${quote(key)}${hint}` };
    }
    case 'type': {
      const types = typesOf(e.schema);
      // A number written as text is most often a German one ('1.500.000', '12,5') or one in quotes: say how to write it.
      const got = expectsNumber(types) ? `, got ${describeValue(e.data)}${numberHint(e.data)}` : '';
      const message =
        parent.format === 'date' ? `must be an ISO date YYYY-MM-DD${types.includes('null') ? ' or null' : ''}` : `must be ${typeList(types)}${got}`;
      return { ...locate(path), path, code: 'type', message };
    }
    case 'anyOf': {
      // Left by collapseAlternatives only when the value points to none of the alternatives: say what it may be.
      const alternatives = (e.schema as unknown[]).filter(isNode).map((a) => resolve(a, root));
      const number = alternatives.some((a) => expectsNumber(typesOf(a.type)));
      return {
        ...locate(path),
        path,
        code: alternatives.some((a) => admits(a, e.data, root)) ? 'schema' : 'type',
        message: `must be ${describeAlternatives(alternatives, root)}, got ${describeValue(e.data)}${number ? numberHint(e.data) : ''}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      return {
        ...locate(path),
        path,
        code: 'enum',
        allowedValues: allowed,
        message: `must be one of: ${allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`,
      };
    }
    case 'const':
      return {
        ...locate(path),
        path,
        code: 'enum',
        allowedValues: [params.allowedValue],
        message: `must be ${JSON.stringify(params.allowedValue)}`,
      };
    case 'format': {
      const message =
        params.format === 'date'
          ? `must be an ISO date YYYY-MM-DD, got ${quote(e.data)}`
          : params.format === 'partial-date'
            ? `must be a date YYYY-MM-DD, or YYYY-MM or YYYY when no more is known, got ${quote(e.data)}`
            : `must be in format ${String(params.format)}, got ${quote(e.data)}`;
      return { ...locate(path), path, code: 'format', message };
    }
    case 'pattern':
      return {
        ...locate(path),
        path,
        code: 'schema',
        message:
          params.pattern === SLUG_PATTERN
            ? `must be an id of lowercase letters a-z, digits and single hyphens (like 'soziale-wohnhilfen'), got ${quote(e.data)}`
            : params.pattern === SHA256_PATTERN
              ? `must be a SHA-256 hash written as 64 lowercase hexadecimal digits (0-9, a-f), got ${quote(e.data)}`
              : `must match ${String(params.pattern)}, got ${quote(e.data)}`,
      };
    case 'minimum':
      return { ...locate(path), path, code: 'schema', message: `must be at least ${String(params.limit)}, got ${String(e.data)}` };
    case 'minProperties':
    case 'maxProperties': {
      const alternatives = exactlyOneOf(parent);
      const limit = Number(params.limit);
      if (!alternatives) {
        const bound = e.keyword === 'minProperties' ? 'at least' : 'at most';
        return { ...locate(path), path, code: 'schema', message: `must have ${bound} ${plural(limit, 'key', 'keys')}` };
      }
      const present = knownKeysPresent(parent, e.data);
      const expected = `must have exactly one of the keys ${alternatives.join(', ')}`;
      if (present.length === 0) return { ...locate(path), path, code: 'schema', message: `${expected}; it has none` };
      // Two alternatives in one item are most often two items that lost the '- ' between them: point at the second.
      const split = isListItem(path) ? `; start ${quote(present[1])} as a list item of its own with '- '` : '';
      return {
        ...locate(joinPointer(path, present[1]), { key: true }),
        path,
        code: 'schema',
        message: `${expected}; it has ${present.length}: ${present.join(', ')}${split}`,
      };
    }
    case 'minLength': {
      const limit = Number(params.limit);
      const message = limit === 1 ? 'must not be empty' : `must be at least ${plural(limit, 'character', 'characters')} long`;
      return { ...locate(path), path, code: 'schema', message };
    }
    case 'maxLength':
      return {
        ...locate(path),
        path,
        code: 'schema',
        message: `must be at most ${plural(Number(params.limit), 'character', 'characters')} long, got ${String((e.data as string).length)}`,
      };
    case 'minItems':
      return {
        ...locate(path),
        path,
        code: 'schema',
        message: `must contain at least ${plural(Number(params.limit), 'entry', 'entries')}`,
      };
    default:
      return { ...locate(path), path, code: 'schema', message: e.message ?? `fails schema rule ${e.keyword}` };
  }
}

/** A number as the hint shows it; undefined for one too large to write. */
function shownNumber(text: string): string | undefined {
  const n = Number(text);
  return Number.isFinite(n) ? String(n) : undefined;
}

/** What YAML reads as a number when written without quotes (the core schema's decimal forms). */
function plainNumber(text: string): string | undefined {
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text) ? shownNumber(text) : undefined;
}

/** Thousands in groups of three after dots or spaces (also no-break spaces), with an optional decimal comma: 1.500.000,5 / 1 500 000. */
const GERMAN_GROUPED = /^-?[1-9][0-9]{0,2}(?<sep>[. \u00a0\u202f])[0-9]{3}(\k<sep>[0-9]{3})*(,[0-9]+)?$/u;
/** A decimal comma without grouping: 12,5. */
const GERMAN_DECIMAL = /^-?[0-9]+,[0-9]+$/;

/** The number a German-written one stands for ('1.500.000,5', '12,5', '12 %', '1 500 000'); undefined if it is not one. */
function germanNumber(text: string): string | undefined {
  const percent = /\s*%$/u.exec(text);
  const digits = percent ? text.slice(0, percent.index) : text;
  if (GERMAN_GROUPED.test(digits) || GERMAN_DECIMAL.test(digits)) return shownNumber(digits.replace(/[. \u00a0\u202f]/gu, '').replace(',', '.'));
  return percent ? plainNumber(digits) : undefined;
}

/**
 * For text where a number belongs, how to write it as one: YAML reads 1.500.000, 12,5 and 12 % as text, and '42' in
 * quotes is text too. A single dotted group of three ('1.500') is also a plain number (1.5), so both readings are named.
 */
function numberHint(value: unknown): string {
  if (typeof value !== 'string') return '';
  const text = value.trim();
  const plain = plainNumber(text);
  const german = germanNumber(text);
  if (german !== undefined && plain !== undefined && german !== plain) {
    return ` (German number format? write ${german}; for ${plain}, write it without quotes)`;
  }
  if (plain !== undefined) return ` (write it without quotes: ${plain})`;
  return german !== undefined ? ` (German number format? write ${german})` : '';
}
