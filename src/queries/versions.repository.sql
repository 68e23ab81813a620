-- Written by `npm run sql:emit` from the repository; do not edit. A test fails when the code differs.

-- latestOf
SELECT DISTINCT ON (agreement_id) agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note FROM agreement_versions
 WHERE agreement_id = ANY($1) ORDER BY agreement_id, number DESC;

-- latestPage
SELECT DISTINCT ON (agreement_id) agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note FROM agreement_versions ORDER BY agreement_id, number DESC LIMIT $1 OFFSET $2;

-- countAgreements
SELECT count(*)::int AS n FROM agreements;

-- versionsOf
SELECT agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note FROM agreement_versions WHERE agreement_id = ANY($1) ORDER BY agreement_id, number;

-- version
SELECT agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note FROM agreement_versions WHERE agreement_id = $1 AND number = ANY($2);

-- latest
SELECT agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note FROM agreement_versions WHERE agreement_id = $1 ORDER BY number DESC LIMIT 1;

-- lockAgreement
SELECT id FROM agreements WHERE id = $1 FOR UPDATE;

-- insertAgreement
INSERT INTO agreements (id, created_at, created_by) VALUES ($1, now(), $2) ON CONFLICT (id) DO NOTHING RETURNING id;

-- insertVersion
INSERT INTO agreement_versions (agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING number;

-- storedAmong
SELECT DISTINCT agreement_id FROM agreement_versions WHERE agreement_id = ANY($1);

-- insertAgreements
INSERT INTO agreements (id, created_at, created_by) SELECT id, now(), $2 FROM unnest($1::text[]) AS k(id)
        ON CONFLICT (id) DO NOTHING RETURNING id;

-- pageAfter
SELECT agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note FROM agreement_versions WHERE (agreement_id, number) > ($1, $2) ORDER BY agreement_id, number LIMIT $3;

-- followUpsOf
SELECT v.content->>'predecessor' AS predecessor, v.agreement_id FROM agreement_versions v
        WHERE v.content->>'predecessor' = ANY($1)
          AND v.number = (SELECT max(l.number) FROM agreement_versions l WHERE l.agreement_id = v.agreement_id)
        ORDER BY predecessor, v.agreement_id;

-- content
SELECT content FROM agreement_versions WHERE agreement_id = $1 AND number = $2;

-- contents
SELECT v.agreement_id, v.number, v.content FROM unnest($1::text[], $2::int[]) AS k(agreement_id, number)
        JOIN agreement_versions v ON v.agreement_id = k.agreement_id AND v.number = k.number;
