import {
  RECORD_FIELDS,
  RECORD_KINDS,
  describeRecord,
  entryHash,
  isRecordKind,
  recordHash,
  type FieldValue,
  type LogEntry,
  type RecordKind,
} from './register-log.js';

export interface StoredLogEntry extends LogEntry {
  /** The record the entry names, as stored now, in RECORD_FIELDS order; null when there is none. */
  fields: FieldValue[] | null;
  /** For a signature: the content hash of the version it names; null when that version is not stored. */
  boundVersionHash: string | null;
}

/** A record in an append-only table without an entry in the log: written behind the service's back. */
export interface UnloggedRecord {
  kind: string;
  agreementId: string | null;
  ref: string;
}

export interface Finding {
  subject: string;
  reason: string;
}

export interface LogReport {
  ok: boolean;
  records: number;
  byKind: Record<RecordKind, number>;
  /** The hash of the last entry (the register's head); null for an empty register. */
  head: string | null;
  /** The first findings, in log order; `findingCount` counts them all. */
  findings: Finding[];
  findingCount: number;
  /** Present when a head was expected: the entry it is the hash of, or null when no entry is (then not ok). */
  expected: { head: string; foundAt: number | null } | null;
}

export const MAX_FINDINGS = 20;

/**
 * Walks the log in entry order (memory stays flat) and names every entry whose record is gone or
 * altered, whose link or own hash no longer holds, every gap in the numbering, every signature that
 * no longer binds the content of the version it names, and every record missing from the log. An
 * expected head holds when some entry has it as its hash: the log still contains everything that was
 * in it then, unchanged, and may have grown since.
 */
export async function verifyRegisterLog(
  entries: Iterable<StoredLogEntry> | AsyncIterable<StoredLogEntry>,
  options: { expect?: string | null; unlogged?: readonly UnloggedRecord[] } = {},
): Promise<LogReport> {
  const byKind = Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<RecordKind, number>;
  const findings: Finding[] = [];
  let findingCount = 0;
  const find = (subject: string, reason: string) => {
    findingCount++;
    if (findings.length < MAX_FINDINGS) findings.push({ subject, reason });
  };
  let records = 0;
  let previous: StoredLogEntry | null = null;
  let foundAt: number | null = null;
  for await (const entry of entries) {
    records++;
    if (isRecordKind(entry.kind)) byKind[entry.kind]++;
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      const gap = entry.seq - 1 === expectedSeq ? `entry ${expectedSeq} is` : `entries ${expectedSeq} to ${entry.seq - 1} are`;
      find('register log', `${gap} missing (deleted from the log)`);
    }
    const reasons = checkEntry(entry, previous, entry.seq === expectedSeq);
    if (reasons.length > 0) find(`${describeRecord(entry.kind, entry.agreementId, entry.ref)} (log entry ${entry.seq})`, reasons.join('; '));
    if (options.expect && foundAt === null && entry.hash === options.expect) foundAt = entry.seq;
    previous = entry;
  }
  for (const r of options.unlogged ?? []) {
    find(describeRecord(r.kind, r.agreementId, r.ref), "not in the register log: it was stored behind the service's back");
  }
  const expected = options.expect ? { head: options.expect, foundAt } : null;
  const ok = findingCount === 0 && expected?.foundAt !== null;
  return { ok, records, byKind, head: previous?.hash ?? null, findings, findingCount, expected };
}

function checkEntry(entry: StoredLogEntry, previous: StoredLogEntry | null, inSequence: boolean): string[] {
  const reasons: string[] = [];
  // After a gap the link is broken by the gap itself; saying so twice would not help.
  if (inSequence && entry.previousHash !== (previous?.hash ?? null)) {
    reasons.push('does not link to the log entry before it (entries were reordered or rewritten)');
  }
  if (entryHash(entry) !== entry.hash) reasons.push('the log entry was rewritten');
  if (!isRecordKind(entry.kind)) {
    reasons.push(`unknown kind of record '${entry.kind}'`);
    return reasons;
  }
  if (!entry.fields) {
    reasons.push('the record was deleted');
    return reasons;
  }
  if (recordHash(entry.fields) !== entry.recordHash) reasons.push('the record was altered after it was stored');
  if (entry.kind === 'signature') {
    const field = (name: (typeof RECORD_FIELDS.signature)[number]) => entry.fields![RECORD_FIELDS.signature.indexOf(name)] as string | null;
    const version = field('version');
    if (entry.boundVersionHash === null) reasons.push(`it names version ${version}, which is not stored`);
    else if (entry.boundVersionHash !== field('contentHash')) {
      reasons.push(`it binds content hash ${field('contentHash')}, but version ${version} has ${entry.boundVersionHash}`);
    }
  }
  return reasons;
}
