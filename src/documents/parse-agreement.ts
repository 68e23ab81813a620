import type { AgreementDocument } from './agreement.types.js';
import { checkDocumentRules } from './document-rules.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import type { DocumentKind, ParseLimits } from './parse-yaml-document.js';
import type { Problem } from './problems.js';

export { DEFAULT_LIMITS, MAX_PROBLEMS } from './parse-yaml-document.js';
export type { ParseLimits } from './parse-yaml-document.js';

export type ParseResult = { ok: true; content: AgreementDocument; text: string } | { ok: false; problems: Problem[] };

/** Agreement documents: agreements/<id>.yaml, schema/agreement.schema.json. */
export const AGREEMENT_KIND: DocumentKind<AgreementDocument> = Object.freeze({
  schemaFile: 'agreement.schema.json',
  emptyMessage: "the document is empty; an agreement starts with 'formatVersion: 1'",
  rootKeysHint: 'formatVersion, id, title, …',
  rules: checkDocumentRules,
  fileDescription: 'an agreement file',
});

/**
 * Reads one agreement version from YAML text or bytes. Pure and synchronous. Either the plain content (exactly
 * what yaml's toJS returns, no defaults added) together with the text as given, or every problem found, located
 * and sorted by position.
 */
export function parseAgreement(input: string | Uint8Array, options?: { file?: string; limits?: Partial<ParseLimits> }): ParseResult {
  return parseYamlDocument(input, AGREEMENT_KIND, options);
}
