import type { AgreementDocument } from './agreement.types.js';
import type { AnyAgreementDocument } from './agreement-terms.js';
import type { AgreementDocumentV2 } from './agreement-v2.types.js';
import { checkDocumentRules } from './document-rules.js';
import { checkDocumentRulesV2 } from './document-rules-v2.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import type { DocumentKind, ParseLimits } from './parse-yaml-document.js';
import type { Locate, Problem } from './problems.js';

export { DEFAULT_LIMITS, MAX_PROBLEMS } from './parse-yaml-document.js';
export type { ParseLimits } from './parse-yaml-document.js';

export type ParseResult = { ok: true; content: AnyAgreementDocument; text: string } | { ok: false; problems: Problem[] };

/** Agreement documents in format 2: schema/agreement-v2.schema.json. */
const AGREEMENT_V2_KIND: DocumentKind<AnyAgreementDocument> = Object.freeze({
  schemaFile: 'agreement-v2.schema.json',
  emptyMessage: "the document is empty; an agreement starts with 'formatVersion: 2'",
  rootKeysHint: 'formatVersion, id, title, …',
  rules: (doc: AnyAgreementDocument, locate: Locate) => checkDocumentRulesV2(doc as AgreementDocumentV2, locate),
  fileDescription: 'an agreement file',
});

/**
 * Agreement documents: agreements/<id>.yaml. `formatVersion: 2` is read with schema/agreement-v2.schema.json;
 * anything else with schema/agreement.schema.json (format 1), whose messages then say what is wrong.
 */
export const AGREEMENT_KIND: DocumentKind<AnyAgreementDocument> = Object.freeze({
  schemaFile: 'agreement.schema.json',
  emptyMessage: "the document is empty; an agreement starts with 'formatVersion: 2'",
  rootKeysHint: 'formatVersion, id, title, …',
  rules: (doc: AnyAgreementDocument, locate: Locate) => checkDocumentRules(doc as AgreementDocument, locate),
  fileDescription: 'an agreement file',
  variantFor: (content: unknown) =>
    typeof content === 'object' && content !== null && (content as { formatVersion?: unknown }).formatVersion === 2 ? AGREEMENT_V2_KIND : undefined,
});

/**
 * Reads one agreement version from YAML text or bytes. Pure and synchronous. Either the plain content (exactly
 * what yaml's toJS returns, no defaults added) together with the text as given, or every problem found, located
 * and sorted by position.
 */
export function parseAgreement(input: string | Uint8Array, options?: { file?: string; limits?: Partial<ParseLimits> }): ParseResult {
  return parseYamlDocument(input, AGREEMENT_KIND, options);
}
