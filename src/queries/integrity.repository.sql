-- Written by `npm run sql:emit` from the repository; do not edit. A test fails when the code differs.

-- logPageAfter
SELECT l.seq::text AS seq, l.kind, l.agreement_id, l.ref, l.record_hash, l.previous_hash, l.hash,
       CASE l.kind
  WHEN 'version' THEN (SELECT json_build_array(r.agreement_id, r.number::text, r.chain_hash::text)
    FROM agreement_versions r WHERE r.agreement_id = l.agreement_id AND r.number::text = l.ref)
  WHEN 'followUp' THEN (SELECT json_build_array(r.successor_id, r.predecessor_id, r.predecessor_version::text, to_char(r.created_on, 'YYYY-MM-DD'),
      r.source, r.actor, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM follow_ups r WHERE r.successor_id = l.ref)
  WHEN 'freeze' THEN (SELECT json_build_array(r.agreement_id, r.version::text, to_char(r.frozen_on, 'YYYY-MM-DD'), r.actor, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM version_freezes r WHERE r.agreement_id = l.agreement_id AND r.version::text = l.ref)
  WHEN 'signature' THEN (SELECT json_build_array(r.id::text, r.agreement_id, r.version::text, r.content_hash::text, r.party, r.role,
      r.person_name, r.office, to_char(r.signed_on, 'YYYY-MM-DD'), r.level, r.evidence_file_name, r.evidence_sha256::text, r.recorded_by, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM signatures r WHERE r.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'withdrawal' THEN (SELECT json_build_array(r.signature_id::text, to_char(r.withdrawn_on, 'YYYY-MM-DD'), r.reason, r.actor, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM signature_withdrawals r WHERE r.signature_id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'amendment' THEN (SELECT json_build_array(r.id::text, r.agreement_id, r.type, r.base_version::text, r.new_version::text, r.source,
      to_char(r.decided_on, 'YYYY-MM-DD'), to_char(r.effective_on, 'YYYY-MM-DD'), r.actor, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM amendments r WHERE r.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'paper' THEN (SELECT json_build_array(r.id::text, r.body, r.reference, r.type, r.subject, to_char(r.paper_date, 'YYYY-MM-DD'), r.originator,
      r.public::text, r.legal_ground, r.agreement_id, r.agreement_version::text, r.concerns, r.oparl_id, r.note, r.recorded_by, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM council_papers r WHERE r.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'consultation' THEN (SELECT json_build_array(r.id::text, r.paper_id::text, r.kind, r.body, to_char(r.consulted_on, 'YYYY-MM-DD'), r.meeting,
      r.meeting_number::text, r.role, r.result, r.finished::text, r.oparl_id, r.note, r.recorded_by, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM council_consultations r WHERE r.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'paperRevision' THEN (SELECT CASE WHEN r.reference IS NULL THEN json_build_array(r.id::text, r.paper_id::text, r.number::text, r.type, r.subject, to_char(r.paper_date, 'YYYY-MM-DD'),
      r.agreement_id, r.agreement_version::text, r.concerns, r.oparl_modified, r.deleted::text, r.fingerprint, r.recorded_by, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
      ELSE json_build_array(r.id::text, r.paper_id::text, r.number::text, r.type, r.subject, to_char(r.paper_date, 'YYYY-MM-DD'),
      r.agreement_id, r.agreement_version::text, r.concerns, r.oparl_modified, r.deleted::text, r.fingerprint, r.recorded_by, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.reference) END FROM council_paper_revisions r WHERE r.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'consultationRevision' THEN (SELECT json_build_array(r.id::text, r.consultation_id::text, r.number::text, to_char(r.consulted_on, 'YYYY-MM-DD'),
      r.meeting, r.meeting_number::text, r.role, r.result, r.finished::text, r.note, r.oparl_modified, r.deleted::text, r.fingerprint,
      r.recorded_by, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM council_consultation_revisions r WHERE r.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END)
  WHEN 'audit' THEN (SELECT json_build_array(r.id::text, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.subject, r.name, to_json(r.roles), r.party, r.operation,
      r.agreement_id, r.version::text, r.args_digest::text, r.outcome)
    FROM audit_log r WHERE r.id = CASE WHEN l.ref ~ '^[0-9]{1,18}$' THEN l.ref::bigint END)
END AS fields,
       CASE WHEN l.kind = 'signature' THEN (SELECT v.content_hash::text FROM signatures s
  JOIN agreement_versions v ON v.agreement_id = s.agreement_id AND v.number = s.version WHERE s.id = CASE WHEN l.ref ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN l.ref::uuid END) END AS bound_version_hash
  FROM register_log l WHERE l.seq > $1 ORDER BY l.seq LIMIT $2;

-- unlogged
SELECT r.kind, r.agreement_id, r.ref FROM (
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
  UNION ALL SELECT 'audit', r.agreement_id, r.id::text FROM audit_log r) r
 WHERE NOT EXISTS (SELECT 1 FROM register_log l WHERE l.kind = r.kind AND l.ref = r.ref
                     AND (r.kind NOT IN ('version', 'freeze') OR l.agreement_id = r.agreement_id))
 ORDER BY r.kind, r.agreement_id, r.ref LIMIT $1;
