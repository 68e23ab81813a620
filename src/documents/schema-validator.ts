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
const validatorCache = new Map<string, ValidateFunction>();

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

/**
 * The compiled validator of a schema under schema/, created on first use and cached per file; strict so that a
 * mistake in the schema fails loudly instead of validating less. Each schema gets its own ajv instance, so schemas
 * with the same $id or $defs names cannot collide.
 */
export function schemaValidator(schemaFile: string): ValidateFunction {
  let validate = validatorCache.get(schemaFile);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv, { formats: ['date'] });
    // Descriptive facts known only to the month or year (format 2); legal dates stay 'date'.
    ajv.addFormat('partial-date', { type: 'string', validate: isPartialDate });
    validate = ajv.compile(loadSchema(schemaFile));
    validatorCache.set(schemaFile, validate);
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
  const validate = schemaValidator(schemaFile);
  if (validate(content)) return { problems: [], omitted: 0 };
  const errors = validate.errors ?? [];

  // With a type array plus enum, a wrong value fails both; the enum message lists every allowed value, null included.
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum' || e.keyword === 'const').map((e) => e.instancePath));
  const relevant = errors
    .filter((e) => !(e.keyword === 'type' && enumPaths.has(e.instancePath)))
    .filter((e) => !(e.keyword === 'maxProperties' && onlyUnknownKeysTooMany(e)));
  return mapCapped(relevant, (e) => toProblem(e, locate), max);
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
  integer: 'a whole number',
};

function typeList(types: unknown): string {
  const list = (Array.isArray(types) ? types.map(String) : String(types).split(',')).map((t) => TYPE_NAMES[t] ?? t);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const SHA256_PATTERN = '^[0-9a-f]{64}$';

function toProblem(e: ErrorObject, locate: Locate): Problem {
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema ?? {};
  const path = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      return { ...locate(path), path, code: 'required', key, message: `missing required key ${quote(key)}` };
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
      const message =
        parent.format === 'date'
          ? `must be an ISO date YYYY-MM-DD${typeList(e.schema).includes('null') ? ' or null' : ''}`
          : `must be ${typeList(e.schema)}`;
      return { ...locate(path), path, code: 'type', message };
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
