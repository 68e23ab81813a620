import type { LifecycleFile } from './lifecycle-file.types.js';
import { checkLifecycleRules } from './lifecycle-file-rules.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import type { DocumentKind, ParseLimits } from './parse-yaml-document.js';
import type { Problem } from './problems.js';

export type LifecycleParseResult = { ok: true; content: LifecycleFile; text: string } | { ok: false; problems: Problem[] };

/** Lifecycle files: agreements/<id>.lifecycle.yaml, schema/lifecycle.schema.json. */
export const LIFECYCLE_KIND: DocumentKind<LifecycleFile> = Object.freeze({
  schemaFile: 'lifecycle.schema.json',
  emptyMessage: "the document is empty; a lifecycle file starts with 'formatVersion: 1'",
  rootKeysHint: 'formatVersion, agreement, events',
  rules: checkLifecycleRules,
  fileDescription: 'a lifecycle file',
});

/**
 * Reads one lifecycle file from YAML text or bytes, with the same guards, problem codes and locating as
 * parseAgreement. Pure and synchronous.
 */
export function parseLifecycleFile(input: string | Uint8Array, options?: { file?: string; limits?: Partial<ParseLimits> }): LifecycleParseResult {
  return parseYamlDocument(input, LIFECYCLE_KIND, options);
}
