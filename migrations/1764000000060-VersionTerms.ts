import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the status decides by, kept beside each version so that answering for a day never loads every
 * version's document: `version_terms` holds the document's keys the lifecycle rules read (termsOf in
 * src/documents/agreement-terms.ts, TERMS_KEYS), as jsonb. A trigger writes it in the transaction that stores
 * the version, whichever path stores it, so it cannot lag behind; existing versions are filled in here.
 * It is derived, not a record: it is not in the register log, and like the versions it is never changed.
 *
 * The index on the predecessor named by each version serves the follow-up lookup (which agreement's
 * latest version names this one), which otherwise reads every version's document.
 */
export class VersionTerms1764000000060 implements MigrationInterface {
  name = 'VersionTerms1764000000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE version_terms (
        agreement_id  text NOT NULL,
        number        integer NOT NULL,
        terms         jsonb NOT NULL,
        PRIMARY KEY (agreement_id, number),
        FOREIGN KEY (agreement_id, number) REFERENCES agreement_versions (agreement_id, number)
      )`);
    await q.query(`CREATE INDEX agreement_versions_predecessor ON agreement_versions ((content ->> 'predecessor'))`);
    await q.query(
      `CREATE TRIGGER version_terms_append_only BEFORE UPDATE OR DELETE ON version_terms FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`,
    );
    await q.query(`CREATE TRIGGER version_terms_no_truncate BEFORE TRUNCATE ON version_terms FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);
    // The keys as the document has them: a key the document lacks stays absent, as termsOf would find it.
    await q.query(`CREATE FUNCTION zv_terms_of(content json) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(content::jsonb)
       WHERE key IN ('formatVersion', 'id', 'title', 'leadDepartment', 'entryIntoForce', 'validity', 'parties', 'predecessor') $$`);
    await q.query(`CREATE FUNCTION zv_store_version_terms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO version_terms (agreement_id, number, terms) VALUES (NEW.agreement_id, NEW.number, zv_terms_of(NEW.content));
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER agreement_versions_terms AFTER INSERT ON agreement_versions FOR EACH ROW EXECUTE FUNCTION zv_store_version_terms()`,
    );
    await q.query(
      'INSERT INTO version_terms (agreement_id, number, terms) SELECT agreement_id, number, zv_terms_of(content) FROM agreement_versions',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER agreement_versions_terms ON agreement_versions');
    await q.query('DROP FUNCTION zv_store_version_terms()');
    await q.query('DROP FUNCTION zv_terms_of(json)');
    await q.query('DROP TABLE version_terms');
    await q.query('DROP INDEX agreement_versions_predecessor');
  }
}
