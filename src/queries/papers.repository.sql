-- Written by `npm run sql:emit` from the repository; do not edit. A test fails when the code differs.

-- papersOfAgreements
SELECT id, body, reference, type, subject, paper_date::text AS paper_date, originator, public, legal_ground,
       agreement_id, agreement_version, concerns, oparl_id, note, recorded_by, oparl_modified, deleted, fingerprint, revision FROM council_papers_current WHERE agreement_id = ANY($1) ORDER BY paper_date NULLS LAST, body, reference;

-- paperByKey
SELECT id, body, reference, type, subject, paper_date::text AS paper_date, originator, public, legal_ground,
       agreement_id, agreement_version, concerns, oparl_id, note, recorded_by, oparl_modified, deleted, fingerprint, revision FROM council_papers_current WHERE body = $1 AND reference = $2;

-- paperByOparlId
SELECT id, body, reference, type, subject, paper_date::text AS paper_date, originator, public, legal_ground,
       agreement_id, agreement_version, concerns, oparl_id, note, recorded_by, oparl_modified, deleted, fingerprint, revision FROM council_papers_current WHERE oparl_id = $1;

-- consultationsOf
SELECT id, paper_id, kind, body, consulted_on::text AS consulted_on, meeting, meeting_number, role, result,
       finished, oparl_id, note, recorded_by, oparl_modified, deleted, fingerprint FROM council_consultations_current WHERE paper_id = ANY($1::uuid[])
        ORDER BY consulted_on NULLS LAST, recorded_at;
