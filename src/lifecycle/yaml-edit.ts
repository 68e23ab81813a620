import { isScalar, parseDocument, stringify } from 'yaml';
import type { AgreementDocument } from '../documents/agreement.types.js';

export const SCHEMA_COMMENT = '# yaml-language-server: $schema=../schema/agreement.schema.json';

/**
 * The extended version keeps the base version's text, comments and layout; only the end date
 * changes, so its unified diff shows exactly that one line.
 */
export function withValidityUntil(yaml: string, until: string): string {
  // Splice the new value into the text: re-serialising would re-flow every folded paragraph.
  const doc = parseDocument(yaml, { version: '1.2', schema: 'core' });
  const node = doc.getIn(['validity', 'until'], true);
  if (!isScalar(node) || !node.range) throw new Error('the document has no validity.until to change');
  const [start, end] = node.range;
  return yaml.slice(0, start) + until + yaml.slice(end);
}

/** A new document has no text of its own yet: written out in the usual layout, with its origin noted. */
export function documentYaml(content: AgreementDocument, headerLines: string[]): string {
  const header = [SCHEMA_COMMENT, ...headerLines.map((l) => `# ${l}`)].join('\n');
  return `${header}\n${stringify(content, { lineWidth: 0, nullStr: 'null' })}`;
}
