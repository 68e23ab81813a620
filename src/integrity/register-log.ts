import { sha256Hex } from '../documents/canonical.js';

/**
 * The register log (migration 1764000000010-RecordChains): one hash chain over every append-only
 * record, written by the database when a transaction commits. This is the verifying side: the same
 * text form and hashes, computed here from the stored values, so a check never relies on functions
 * stored in the database it checks.
 */
export const RECORD_FIELDS = {
  version: ['agreementId', 'number', 'chainHash'],
  followUp: ['successorId', 'predecessorId', 'predecessorVersion', 'createdOn', 'source', 'actor', 'recordedAt'],
  freeze: ['agreementId', 'version', 'frozenOn', 'actor', 'recordedAt'],
  signature: [
    'id',
    'agreementId',
    'version',
    'contentHash',
    'party',
    'role',
    'personName',
    'office',
    'signedOn',
    'level',
    'evidenceFileName',
    'evidenceSha256',
    'recordedBy',
    'recordedAt',
  ],
  withdrawal: ['signatureId', 'withdrawnOn', 'reason', 'actor', 'recordedAt'],
  amendment: ['id', 'agreementId', 'type', 'baseVersion', 'newVersion', 'source', 'decidedOn', 'effectiveOn', 'actor', 'recordedAt'],
  paper: [
    'id',
    'body',
    'reference',
    'type',
    'subject',
    'paperDate',
    'originator',
    'public',
    'legalGround',
    'agreementId',
    'agreementVersion',
    'concerns',
    'oparlId',
    'note',
    'recordedBy',
    'recordedAt',
  ],
  consultation: [
    'id',
    'paperId',
    'kind',
    'body',
    'consultedOn',
    'meeting',
    'meetingNumber',
    'role',
    'result',
    'finished',
    'oparlId',
    'note',
    'recordedBy',
    'recordedAt',
  ],
  paperRevision: [
    'id',
    'paperId',
    'number',
    'type',
    'subject',
    'paperDate',
    'agreementId',
    'agreementVersion',
    'concerns',
    'oparlModified',
    'deleted',
    'fingerprint',
    'recordedBy',
    'recordedAt',
    // Added by migration 1764000000055: in the record only when given, so earlier revisions keep their hashes.
    'reference',
  ],
  consultationRevision: [
    'id',
    'consultationId',
    'number',
    'consultedOn',
    'meeting',
    'meetingNumber',
    'role',
    'result',
    'finished',
    'note',
    'oparlModified',
    'deleted',
    'fingerprint',
    'recordedBy',
    'recordedAt',
  ],
  audit: ['id', 'at', 'subject', 'name', 'roles', 'party', 'operation', 'agreementId', 'version', 'argsDigest', 'outcome'],
} as const;

export type RecordKind = keyof typeof RECORD_FIELDS;
export const RECORD_KINDS = Object.keys(RECORD_FIELDS) as RecordKind[];

/** A stored value as text (numbers, dates and times already turned into text), or a list of texts. */
export type FieldValue = string | null | readonly string[];

export interface LogEntry {
  seq: number;
  kind: string;
  agreementId: string | null;
  /** The record's key: a version or freeze its version number, a signature or withdrawal the signature id, and so on. */
  ref: string;
  recordHash: string;
  previousHash: string | null;
  hash: string;
}

/**
 * `<characters>:<text>` or `-` for null: unambiguous without escaping. A list is the concatenation
 * of its items, as one field. Characters are code points, as PostgreSQL's length() counts them.
 */
export function encodeField(value: FieldValue): string {
  if (value === null) return '-';
  const text = typeof value === 'string' ? value : value.map(encodeField).join('');
  return `${Array.from(text).length}:${text}`;
}

export function recordHash(fields: readonly FieldValue[]): string {
  return sha256Hex(fields.map(encodeField).join(''));
}

export function entryHash(entry: Omit<LogEntry, 'hash'>): string {
  const { seq, kind, agreementId, ref, recordHash, previousHash } = entry;
  return sha256Hex([String(seq), kind, agreementId, ref, recordHash, previousHash].map(encodeField).join(''));
}

export function isRecordKind(kind: string): kind is RecordKind {
  return Object.hasOwn(RECORD_FIELDS, kind);
}

/** How a report names a record to people. */
export function describeRecord(kind: string, agreementId: string | null, ref: string): string {
  const of = agreementId ? ` of ${agreementId}` : '';
  switch (kind) {
    case 'version':
      return `version ${ref}${of}`;
    case 'freeze':
      return `freeze of version ${ref}${of}`;
    case 'signature':
      return `signature ${ref}${of}`;
    case 'withdrawal':
      return `withdrawal of signature ${ref}${of}`;
    case 'amendment':
      return `amendment ${ref}${of}`;
    case 'followUp':
      return `follow-up link of ${ref}`;
    case 'paper':
      return `council paper ${ref}${of}`;
    case 'consultation':
      return `consultation ${ref}${of}`;
    case 'paperRevision':
      return `revision ${ref} of a council paper${of}`;
    case 'consultationRevision':
      return `revision ${ref} of a consultation${of}`;
    case 'audit':
      return `audit entry ${ref}`;
    default:
      return `record '${kind}' ${ref}${of}`;
  }
}
