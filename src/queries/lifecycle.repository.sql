-- Written by `npm run sql:emit` from the repository; do not edit. A test fails when the code differs.

-- historyVersions
SELECT agreement_id, number, content_hash, content, created_at, author FROM agreement_versions
        WHERE agreement_id = ANY($1) ORDER BY agreement_id, number;

-- historyFreezes
SELECT agreement_id, version, frozen_on::text AS frozen_on, actor FROM version_freezes
        WHERE agreement_id = ANY($1) ORDER BY frozen_on, recorded_at;

-- historySignatures
SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
         s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
         w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
    FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.agreement_id = ANY($1) ORDER BY s.signed_on, s.recorded_at;

-- historyAmendments
SELECT id, agreement_id, type, base_version, new_version, source, decided_on::text AS decided_on,
  effective_on::text AS effective_on, actor, recorded_at FROM amendments WHERE agreement_id = ANY($1) ORDER BY decided_on, recorded_at;

-- followUpsOf
SELECT successor_id, predecessor_id, predecessor_version, created_on::text AS created_on, source, actor
         FROM follow_ups WHERE successor_id = ANY($1) ORDER BY created_on, recorded_at;

-- agreementIds
SELECT id FROM agreements ORDER BY id;

-- statusInputsBatch
SELECT * FROM zv_status_inputs_batch($1::text[], $2::bigint[], $3::integer[]);

-- signature
SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
         s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
         w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
    FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.id = $1;
