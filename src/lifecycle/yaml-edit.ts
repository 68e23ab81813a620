import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import type { AnyAgreementDocument } from '../documents/agreement-terms.js';

export const SCHEMA_COMMENT = '# yaml-language-server: $schema=../schema/agreement.schema.json';
export const SCHEMA_COMMENT_V2 = '# yaml-language-server: $schema=../schema/agreement-v2.schema.json';

/**
 * The extended version keeps the base version's text, comments and layout; only the end date
 * changes, so its unified diff shows exactly that one line.
 */
export function withValidityUntil(yaml: string, until: string): string {
  // Splice the new value into the text: re-serialising would re-flow every folded paragraph.
  const doc = parseDocument(yaml, { version: '1.2', schema: 'core' });
  let node = doc.getIn(['validity', 'until'], true);
  // Format 2 may write the end date with its source: { value: 2025-12-31, source: … }.
  if (isMap(node)) node = node.get('value', true);
  if (!isScalar(node) || !node.range) throw new Error('the document has no validity.until to change');
  const [start, end] = node.range;
  return yaml.slice(0, start) + until + yaml.slice(end);
}

/** A new document has no text of its own yet: written out in the usual layout, with its origin noted. */
export function documentYaml(content: AnyAgreementDocument, headerLines: string[]): string {
  const header = [content.formatVersion === 2 ? SCHEMA_COMMENT_V2 : SCHEMA_COMMENT, ...headerLines.map((l) => `# ${l}`)].join('\n');
  return `${header}\n${stringify(content, { lineWidth: 0, nullStr: 'null' })}`;
}
