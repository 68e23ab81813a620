import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agreements and their immutable, hash-chained versions. */
export class VersionStore1764000000000 implements MigrationInterface {
  name = 'VersionStore1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreements (
        id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE agreement_versions (
        agreement_id  text NOT NULL REFERENCES agreements(id),
        number        integer NOT NULL CHECK (number > 0),
        yaml          text NOT NULL,
        content       json NOT NULL, -- json, not jsonb: keeps the document's key order for diffs and reading
        content_hash  char(64) NOT NULL,
        previous_hash char(64),
        chain_hash    char(64) NOT NULL,
        author        text NOT NULL,
        created_at    timestamptz NOT NULL,
        change_note   text,
        PRIMARY KEY (agreement_id, number),
        CHECK ((number = 1) = (previous_hash IS NULL))
      )`);
    // History must not be rewritten by accident: only INSERT is allowed on versions.
    await q.query(`
      CREATE FUNCTION zv_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: stored history is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER agreement_versions_append_only
        BEFORE UPDATE OR DELETE ON agreement_versions
        FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`);
    await q.query(`
      CREATE TRIGGER agreement_versions_no_truncate
        BEFORE TRUNCATE ON agreement_versions
        FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE agreement_versions');
    await q.query('DROP TABLE agreements');
    await q.query('DROP FUNCTION zv_refuse_change()');
  }
}
