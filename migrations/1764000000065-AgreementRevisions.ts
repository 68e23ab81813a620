import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A revision per agreement that changes with everything its status is decided by, so a service instance may
 * keep what it read and ask only "has it changed?". The database keeps it, not the services: a trigger on
 * every table the status reads moves it in the transaction that writes the record, whichever path writes it,
 * so it commits with the record or not at all.
 *
 * - A revision is a fresh value of one sequence, never a counter: equal revisions mean the same state, also
 *   after a register was emptied and loaded again.
 * - Writers of one revision queue on its row (the upsert locks it), so the later one's value is the later state.
 * - The status of an agreement includes the state of its follow-up (the agreement whose latest version names it
 *   as predecessor), so a record of an agreement also moves the revision of the predecessor its latest version
 *   names, and a new version also that of the predecessor the version before it named.
 * - The rows are derived, not records: not in the register log. The runtime role may read them; only the
 *   trigger function, run as the schema's owner, writes them.
 *
 * zv_status_inputs(id, known, document) answers in one statement: the revision and, when it differs from `known`,
 * the histories the status needs (the agreement's and its follow-up's, the versions by their terms); when it is
 * `known`, the content of version `document` if one is asked for (its missing facts, once per version). As a PL/pgSQL
 * function its plan is kept per connection, where the same statement sent as text was planned on every call;
 * STABLE makes its statements read the snapshot of the calling statement, so revision and histories agree.
 * zv_status_inputs_many(ids, known) asks the same for a list of agreements (a page of statuses), each answer's
 * rows marked with the id asked for.
 */
export class AgreementRevisions1764000000065 implements MigrationInterface {
  name = 'AgreementRevisions1764000000065';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE agreement_revision_seq');
    await q.query(`
      CREATE TABLE agreement_revisions (
        agreement_id  text PRIMARY KEY,
        revision      bigint NOT NULL
      )`);
    // Sorted, so two writers moving the same two revisions lock them in the same order.
    await q.query(`CREATE FUNCTION zv_touch_agreements(ids text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public, pg_temp AS $$
      DECLARE id text;
      BEGIN
        FOR id IN SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL ORDER BY u.id LOOP
          INSERT INTO agreement_revisions (agreement_id, revision) VALUES (id, nextval('agreement_revision_seq'))
            ON CONFLICT (agreement_id) DO UPDATE SET revision = nextval('agreement_revision_seq');
        END LOOP;
      END $$`);
    await q.query(`CREATE FUNCTION zv_named_predecessor(id text) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT content ->> 'predecessor' FROM agreement_versions WHERE agreement_id = id ORDER BY number DESC LIMIT 1 $$`);
    await q.query(`CREATE FUNCTION zv_touch_for_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM zv_touch_agreements(ARRAY[NEW.agreement_id, NEW.content ->> 'predecessor',
          (SELECT content ->> 'predecessor' FROM agreement_versions WHERE agreement_id = NEW.agreement_id AND number = NEW.number - 1)]);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION zv_touch_for_record() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE id text;
      BEGIN
        IF TG_TABLE_NAME = 'signature_withdrawals' THEN
          SELECT s.agreement_id INTO id FROM signatures s WHERE s.id = NEW.signature_id;
        ELSIF TG_TABLE_NAME = 'follow_ups' THEN
          id := NEW.successor_id;
        ELSE
          id := NEW.agreement_id;
        END IF;
        PERFORM zv_touch_agreements(ARRAY[id, zv_named_predecessor(id)]);
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER agreement_versions_revision AFTER INSERT ON agreement_versions FOR EACH ROW EXECUTE FUNCTION zv_touch_for_version()',
    );
    for (const table of RECORD_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_revision AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION zv_touch_for_record()`);
    }
    await q.query(`INSERT INTO agreement_revisions (agreement_id, revision) SELECT id, nextval('agreement_revision_seq') FROM agreements`);

    // The same rows, order and columns as the history reads of src/lifecycle/lifecycle.repository.ts.
    await q.query(`CREATE FUNCTION zv_status_inputs(p_id text, p_known bigint, p_document integer)
      RETURNS TABLE (revision bigint, agreement_id text, versions json, freezes json, signatures json, amendments json, follow_ups json,
                     document json)
      LANGUAGE plpgsql STABLE AS $$
      DECLARE current bigint;
      BEGIN
        SELECT r.revision INTO current FROM agreement_revisions r WHERE r.agreement_id = p_id;
        IF current IS NOT NULL AND current = p_known THEN
          RETURN QUERY SELECT current, p_id, NULL::json, NULL::json, NULL::json, NULL::json, NULL::json,
            (SELECT d.content FROM agreement_versions d WHERE d.agreement_id = p_id AND d.number = p_document);
          RETURN;
        END IF;
        RETURN QUERY
        WITH successor AS (
          SELECT v.agreement_id FROM agreement_versions v
           WHERE v.content ->> 'predecessor' = p_id
             AND v.number = (SELECT max(l.number) FROM agreement_versions l WHERE l.agreement_id = v.agreement_id)
           ORDER BY v.agreement_id LIMIT 1
        ), ids AS (
          SELECT p_id AS id, 0 AS position UNION ALL SELECT s.agreement_id, 1 FROM successor s
        )
        SELECT current, ids.id,
          (SELECT json_agg(json_build_object('number', v.number, 'content_hash', v.content_hash, 'terms', t.terms,
                                             'created_at', v.created_at, 'author', v.author) ORDER BY v.number)
             FROM agreement_versions v JOIN version_terms t ON t.agreement_id = v.agreement_id AND t.number = v.number
            WHERE v.agreement_id = ids.id),
          (SELECT json_agg(f ORDER BY f.frozen_on, f.recorded_at) FROM (
             SELECT z.version, z.frozen_on::text AS frozen_on, z.actor, z.recorded_at FROM version_freezes z WHERE z.agreement_id = ids.id) f),
          (SELECT json_agg(s ORDER BY s.signed_on, s.recorded_at) FROM (
             SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
                    s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
                    w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
               FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id
              WHERE s.agreement_id = ids.id) s),
          (SELECT json_agg(a ORDER BY a.decided_on, a.recorded_at) FROM (
             SELECT m.id, m.agreement_id, m.type, m.base_version, m.new_version, m.source, m.decided_on::text AS decided_on,
                    m.effective_on::text AS effective_on, m.actor, m.recorded_at FROM amendments m WHERE m.agreement_id = ids.id) a),
          (SELECT json_agg(u ORDER BY u.created_on, u.recorded_at) FROM (
             SELECT f.successor_id, f.predecessor_id, f.predecessor_version, f.created_on::text AS created_on, f.source, f.actor, f.recorded_at
               FROM follow_ups f WHERE f.successor_id = ids.id) u),
          NULL::json
        FROM ids ORDER BY ids.position;
      END $$`);
    await q.query(`CREATE FUNCTION zv_status_inputs_many(p_ids text[], p_known bigint[])
      RETURNS TABLE (for_id text, revision bigint, agreement_id text, versions json, freezes json, signatures json, amendments json,
                     follow_ups json)
      LANGUAGE plpgsql STABLE AS $$
      BEGIN
        FOR k IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
          RETURN QUERY SELECT p_ids[k], s.revision, s.agreement_id, s.versions, s.freezes, s.signatures, s.amendments, s.follow_ups
            FROM zv_status_inputs(p_ids[k], p_known[k], NULL) s;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION zv_status_inputs_many(text[], bigint[])');
    await q.query('DROP FUNCTION zv_status_inputs(text, bigint, integer)');
    for (const table of RECORD_TABLES) await q.query(`DROP TRIGGER ${table}_revision ON ${table}`);
    await q.query('DROP TRIGGER agreement_versions_revision ON agreement_versions');
    await q.query('DROP FUNCTION zv_touch_for_record()');
    await q.query('DROP FUNCTION zv_touch_for_version()');
    await q.query('DROP FUNCTION zv_named_predecessor(text)');
    await q.query('DROP FUNCTION zv_touch_agreements(text[])');
    await q.query('DROP TABLE agreement_revisions');
    await q.query('DROP SEQUENCE agreement_revision_seq');
  }
}

/** The records the status reads besides the versions. */
const RECORD_TABLES = ['version_freezes', 'signatures', 'signature_withdrawals', 'amendments', 'follow_ups'];
