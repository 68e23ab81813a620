import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { joinPointer, quote } from './problems.js';
import type { Locate, Problem } from './problems.js';

// ajv-formats is CommonJS: under Node ESM the default import is module.exports (the plugin itself), while the
// type checker models it as the module namespace. Accept either shape at run time.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

/** Relative to the project root, which is found from this module's own location so that src/ and dist/src/ both work. */
export const AGREEMENT_SCHEMA_FILE = 'schema/agreement.schema.json';

export function findProjectRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

let schemaCache: AnySchemaObject | undefined;
let validatorCache: ValidateFunction | undefined;

/** The agreement JSON Schema as stored in the repository (read once). */
export function agreementSchema(): AnySchemaObject {
  schemaCache ??= JSON.parse(readFileSync(join(findProjectRoot(), AGREEMENT_SCHEMA_FILE), 'utf8')) as AnySchemaObject;
  return schemaCache;
}

/** Compiled once per process; strict so that a mistake in the schema fails loudly instead of validating less. */
export function agreementValidator(): ValidateFunction {
  if (!validatorCache) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv, { formats: ['date'] });
    validatorCache = ajv.compile(agreementSchema());
  }
  return validatorCache;
}

/** Validates plain data against the agreement schema and turns every error into a located Problem (unsorted). */
export function validateAgainstSchema(content: unknown, locate: Locate): Problem[] {
  const validate = agreementValidator();
  if (validate(content)) return [];
  const errors = validate.errors ?? [];

  // With a type array plus enum, a wrong value fails both; the enum message lists every allowed value, null included.
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum' || e.keyword === 'const').map((e) => e.instancePath));
  return errors
    .filter((e) => !(e.keyword === 'type' && enumPaths.has(e.instancePath)))
    .map((e) => toProblem(e, locate));
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a list', boolean: 'boolean (true or false)' };

function typeList(types: unknown): string {
  const list = (Array.isArray(types) ? types : String(types).split(',')).map((t) => TYPE_NAMES[t] ?? String(t));
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

function toProblem(e: ErrorObject, locate: Locate): Problem {
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as AnySchemaObject;
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
      const data = e.data && typeof e.data === 'object' ? (e.data as object) : {};
      const known = Object.keys((parent.properties ?? {}) as object).filter((k) => !Object.hasOwn(data, k));
      const suggestion = closest(key, known);
      const hint = suggestion !== undefined ? `; did you mean ${quote(suggestion)}?` : '';
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
            : `must match ${String(params.pattern)}, got ${quote(e.data)}`,
      };
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

/** The known key an unknown one most likely meant: same letters ignoring case and separators, or at most two edits away. */
export function closest(key: string, candidates: string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const k = norm(key);
  const allowed = k.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const c of candidates) {
    const n = norm(c);
    if (n === k) return c;
    if (Math.abs(n.length - k.length) > allowed) continue;
    const d = editDistance(k, n);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ('titel' → 'title' is one edit). */
function editDistance(a: string, b: string): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}
