import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * zv_status_inputs_batch(ids, known, documents) asks zv_status_inputs (migration 065) for several agreements in
 * one statement, each answer's rows marked with the position of its question. Concurrent status requests share
 * one statement this way (src/database/coalesced-reads.ts); an agreement may be asked for more than once, with
 * another document each time. STABLE: every question is answered from the snapshot of the one statement.
 * It also serves a page of statuses, so zv_status_inputs_many (the same without documents, by id) goes.
 */
export class StatusInputsBatch1764000000070 implements MigrationInterface {
  name = 'StatusInputsBatch1764000000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION zv_status_inputs_batch(p_ids text[], p_known bigint[], p_documents integer[])
      RETURNS TABLE (asked integer, revision bigint, agreement_id text, versions json, freezes json, signatures json, amendments json,
                     follow_ups json, document json)
      LANGUAGE plpgsql STABLE AS $$
      BEGIN
        FOR k IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
          RETURN QUERY SELECT k, s.revision, s.agreement_id, s.versions, s.freezes, s.signatures, s.amendments, s.follow_ups, s.document
            FROM zv_status_inputs(p_ids[k], p_known[k], p_documents[k]) s;
        END LOOP;
      END $$`);
    await q.query('DROP FUNCTION zv_status_inputs_many(text[], bigint[])');
  }

  async down(q: QueryRunner): Promise<void> {
    // As migration 065 made it.
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
    await q.query('DROP FUNCTION zv_status_inputs_batch(text[], bigint[], integer[])');
  }
}
