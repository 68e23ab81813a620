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

-- statusHistories
WITH successor AS (
         SELECT v.agreement_id FROM agreement_versions v
          WHERE v.content->>'predecessor' = $1
            AND v.number = (SELECT max(l.number) FROM agreement_versions l WHERE l.agreement_id = v.agreement_id)
          ORDER BY v.agreement_id LIMIT 1
       ), ids AS (
         SELECT $1::text AS id, 0 AS position UNION ALL SELECT agreement_id, 1 FROM successor
       )
       SELECT ids.id AS agreement_id, 
         (SELECT json_agg(json_build_object('number', v.number, 'content_hash', v.content_hash, 'terms', t.terms,
                                            'created_at', v.created_at, 'author', v.author) ORDER BY v.number)
            FROM agreement_versions v JOIN version_terms t ON t.agreement_id = v.agreement_id AND t.number = v.number
           WHERE v.agreement_id = ids.id) AS versions,
         (SELECT json_agg(f ORDER BY f.frozen_on, f.recorded_at) FROM (
            SELECT version, frozen_on::text AS frozen_on, actor, recorded_at FROM version_freezes WHERE agreement_id = ids.id) f) AS freezes,
         (SELECT json_agg(s ORDER BY s.signed_on, s.recorded_at) FROM (
  SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
         s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
         w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
    FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.agreement_id = ids.id) s) AS signatures,
         (SELECT json_agg(a ORDER BY a.decided_on, a.recorded_at) FROM (
            SELECT id, agreement_id, type, base_version, new_version, source, decided_on::text AS decided_on,
  effective_on::text AS effective_on, actor, recorded_at FROM amendments WHERE agreement_id = ids.id) a) AS amendments,
         (SELECT json_agg(u ORDER BY u.created_on, u.recorded_at) FROM (
            SELECT successor_id, predecessor_id, predecessor_version, created_on::text AS created_on, source, actor, recorded_at
              FROM follow_ups WHERE successor_id = ids.id) u) AS follow_ups
       FROM ids ORDER BY ids.position;

-- termsHistories
SELECT ids.id AS agreement_id, 
         (SELECT json_agg(json_build_object('number', v.number, 'content_hash', v.content_hash, 'terms', t.terms,
                                            'created_at', v.created_at, 'author', v.author) ORDER BY v.number)
            FROM agreement_versions v JOIN version_terms t ON t.agreement_id = v.agreement_id AND t.number = v.number
           WHERE v.agreement_id = ids.id) AS versions,
         (SELECT json_agg(f ORDER BY f.frozen_on, f.recorded_at) FROM (
            SELECT version, frozen_on::text AS frozen_on, actor, recorded_at FROM version_freezes WHERE agreement_id = ids.id) f) AS freezes,
         (SELECT json_agg(s ORDER BY s.signed_on, s.recorded_at) FROM (
  SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
         s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
         w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
    FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.agreement_id = ids.id) s) AS signatures,
         (SELECT json_agg(a ORDER BY a.decided_on, a.recorded_at) FROM (
            SELECT id, agreement_id, type, base_version, new_version, source, decided_on::text AS decided_on,
  effective_on::text AS effective_on, actor, recorded_at FROM amendments WHERE agreement_id = ids.id) a) AS amendments,
         (SELECT json_agg(u ORDER BY u.created_on, u.recorded_at) FROM (
            SELECT successor_id, predecessor_id, predecessor_version, created_on::text AS created_on, source, actor, recorded_at
              FROM follow_ups WHERE successor_id = ids.id) u) AS follow_ups FROM unnest($1::text[]) AS ids(id);

-- signature
SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
         s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
         w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
    FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.id = $1;
