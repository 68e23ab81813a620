import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredLogEntry, UnloggedRecord } from './verify-register-log.js';

// Only built-in functions here: the check must not depend on functions stored in the database it checks.
const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const TIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
// A reference that is not a well-formed key names no record (and must not reach the cast).
const UUID_REF = `CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END`;
const BIGINT_REF = `CASE WHEN l.ref ~ '^[0-9]{1,18}$' THEN l.ref::bigint END`;

// A revision's reference, added later, is part of its record only when given (see RECORD_FIELDS.paperRevision).
const PAPER_REVISION_BASE = `r.id::text, r.paper_id::text, r.number::text, r.type, r.subject, ${DAY('r.paper_date')},
      r.agreement_id, r.agreement_version::text, r.concerns, r.oparl_modified, r.deleted::text, r.fingerprint, r.recorded_by, ${TIME('r.recorded_at')}`;
const PAPER_REVISION_FIELDS = `CASE WHEN r.reference IS NULL THEN json_build_array(${PAPER_REVISION_BASE})
      ELSE json_build_array(${PAPER_REVISION_BASE}, r.reference) END`;

/** The current fields of the record each entry names, in the order of RECORD_FIELDS (src/integrity/register-log.ts). */
const RECORD_FIELDS_SQL = `CASE l.kind
  WHEN 'version' THEN (SELECT json_build_array(r.agreement_id, r.number::text, r.chain_hash::text)
    FROM agreement_versions r WHERE r.agreement_id = l.agreement_id AND r.number::text = l.ref)
  WHEN 'followUp' THEN (SELECT json_build_array(r.successor_id, r.predecessor_id, r.predecessor_version::text, ${DAY('r.created_on')},
      r.source, r.actor, ${TIME('r.recorded_at')})
    FROM follow_ups r WHERE r.successor_id = l.ref)
  WHEN 'freeze' THEN (SELECT json_build_array(r.agreement_id, r.version::text, ${DAY('r.frozen_on')}, r.actor, ${TIME('r.recorded_at')})
    FROM version_freezes r WHERE r.agreement_id = l.agreement_id AND r.version::text = l.ref)
  WHEN 'signature' THEN (SELECT json_build_array(r.id::text, r.agreement_id, r.version::text, r.content_hash::text, r.party, r.role,
      r.person_name, r.office, ${DAY('r.signed_on')}, r.level, r.evidence_file_name, r.evidence_sha256::text, r.recorded_by, ${TIME('r.recorded_at')})
    FROM signatures r WHERE r.id = ${UUID_REF})
  WHEN 'withdrawal' THEN (SELECT json_build_array(r.signature_id::text, ${DAY('r.withdrawn_on')}, r.reason, r.actor, ${TIME('r.recorded_at')})
    FROM signature_withdrawals r WHERE r.signature_id = ${UUID_REF})
  WHEN 'amendment' THEN (SELECT json_build_array(r.id::text, r.agreement_id, r.type, r.base_version::text, r.new_version::text, r.source,
      ${DAY('r.decided_on')}, ${DAY('r.effective_on')}, r.actor, ${TIME('r.recorded_at')})
    FROM amendments r WHERE r.id = ${UUID_REF})
  WHEN 'paper' THEN (SELECT json_build_array(r.id::text, r.body, r.reference, r.type, r.subject, ${DAY('r.paper_date')}, r.originator,
      r.public::text, r.legal_ground, r.agreement_id, r.agreement_version::text, r.concerns, r.oparl_id, r.note, r.recorded_by, ${TIME('r.recorded_at')})
    FROM council_papers r WHERE r.id = ${UUID_REF})
  WHEN 'consultation' THEN (SELECT json_build_array(r.id::text, r.paper_id::text, r.kind, r.body, ${DAY('r.consulted_on')}, r.meeting,
      r.meeting_number::text, r.role, r.result, r.finished::text, r.oparl_id, r.note, r.recorded_by, ${TIME('r.recorded_at')})
    FROM council_consultations r WHERE r.id = ${UUID_REF})
  WHEN 'paperRevision' THEN (SELECT ${PAPER_REVISION_FIELDS} FROM council_paper_revisions r WHERE r.id = ${UUID_REF})
  WHEN 'consultationRevision' THEN (SELECT json_build_array(r.id::text, r.consultation_id::text, r.number::text, ${DAY('r.consulted_on')},
      r.meeting, r.meeting_number::text, r.role, r.result, r.finished::text, r.note, r.oparl_modified, r.deleted::text, r.fingerprint,
      r.recorded_by, ${TIME('r.recorded_at')})
    FROM council_consultation_revisions r WHERE r.id = ${UUID_REF})
  WHEN 'audit' THEN (SELECT json_build_array(r.id::text, ${TIME('r.at')}, r.subject, r.name, to_json(r.roles), r.party, r.operation,
      r.agreement_id, r.version::text, r.args_digest::text, r.outcome)
    FROM audit_log r WHERE r.id = ${BIGINT_REF})
END`;

const BOUND_VERSION_HASH_SQL = `CASE WHEN l.kind = 'signature' THEN (SELECT v.content_hash::text FROM signatures s
  JOIN agreement_versions v ON v.agreement_id = s.agreement_id AND v.number = s.version WHERE s.id = ${UUID_REF}) END`;

/** Every record of the append-only tables as the log names it. */
const RECORDS_SQL = `
  SELECT 'version' AS kind, r.agreement_id, r.number::text AS ref FROM agreement_versions r
  UNION ALL SELECT 'followUp', r.successor_id, r.successor_id FROM follow_ups r
  UNION ALL SELECT 'freeze', r.agreement_id, r.version::text FROM version_freezes r
  UNION ALL SELECT 'signature', r.agreement_id, r.id::text FROM signatures r
  UNION ALL SELECT 'withdrawal', s.agreement_id, r.signature_id::text FROM signature_withdrawals r LEFT JOIN signatures s ON s.id = r.signature_id
  UNION ALL SELECT 'amendment', r.agreement_id, r.id::text FROM amendments r
  UNION ALL SELECT 'paper', r.agreement_id, r.id::text FROM council_papers r
  UNION ALL SELECT 'consultation', p.agreement_id, r.id::text FROM council_consultations r LEFT JOIN council_papers p ON p.id = r.paper_id
  UNION ALL SELECT 'paperRevision', r.agreement_id, r.id::text FROM council_paper_revisions r
  UNION ALL SELECT 'consultationRevision', p.agreement_id, r.id::text FROM council_consultation_revisions r
    LEFT JOIN council_consultations c ON c.id = r.consultation_id LEFT JOIN council_papers p ON p.id = c.paper_id
  UNION ALL SELECT 'audit', r.agreement_id, r.id::text FROM audit_log r`;

/** The statements of verify, written to src/queries/ by `npm run sql:emit` so a change shows in review. */
export const INTEGRITY_SQL = {
  logPageAfter: `SELECT l.seq::text AS seq, l.kind, l.agreement_id, l.ref, l.record_hash, l.previous_hash, l.hash,
       ${RECORD_FIELDS_SQL} AS fields,
       ${BOUND_VERSION_HASH_SQL} AS bound_version_hash
  FROM register_log l WHERE l.seq > $1 ORDER BY l.seq LIMIT $2`,
  unlogged: `SELECT r.kind, r.agreement_id, r.ref FROM (${RECORDS_SQL}) r
 WHERE NOT EXISTS (SELECT 1 FROM register_log l WHERE l.kind = r.kind AND l.ref = r.ref
                     AND (r.kind NOT IN ('version', 'freeze') OR l.agreement_id = r.agreement_id))
 ORDER BY r.kind, r.agreement_id, r.ref LIMIT $1`,
} as const;

interface LogRow {
  seq: string;
  kind: string;
  agreement_id: string | null;
  ref: string;
  record_hash: string;
  previous_hash: string | null;
  hash: string;
  fields: StoredLogEntry['fields'];
  bound_version_hash: string | null;
}

/** Reads the register log and the records it names, for verification. */
@Injectable()
export class IntegrityRepository {
  /** Pages through the log in entry order with the current state of each named record. */
  async *logEntries(m: EntityManager, pageSize = 500): AsyncGenerator<StoredLogEntry> {
    let after = 0;
    for (;;) {
      const rows = await m.query<LogRow[]>(INTEGRITY_SQL.logPageAfter, [after, pageSize]);
      for (const r of rows) {
        yield {
          seq: Number(r.seq),
          kind: r.kind,
          agreementId: r.agreement_id,
          ref: r.ref,
          recordHash: r.record_hash,
          previousHash: r.previous_hash,
          hash: r.hash,
          fields: r.fields,
          boundVersionHash: r.bound_version_hash,
        };
      }
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /** Records that have no entry in the log, at most `limit`. */
  async unloggedRecords(m: EntityManager, limit: number): Promise<UnloggedRecord[]> {
    const rows = await m.query<Array<{ kind: string; agreement_id: string | null; ref: string }>>(INTEGRITY_SQL.unlogged, [limit]);
    return rows.map((r) => ({ kind: r.kind, agreementId: r.agreement_id, ref: r.ref }));
  }
}
