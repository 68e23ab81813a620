import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dated history around versions: freezes, signatures and their withdrawals, amendments and
 * follow-up links. All append-only: a mistake is corrected by a new record (a withdrawal), never by an edit.
 */
export class Lifecycle1764000000002 implements MigrationInterface {
  name = 'Lifecycle1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE version_freezes (
        agreement_id  text NOT NULL,
        version       integer NOT NULL,
        frozen_on     date NOT NULL,
        actor         text NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (agreement_id, version),
        FOREIGN KEY (agreement_id, version) REFERENCES agreement_versions (agreement_id, number)
      )`);
    await q.query(`
      CREATE TABLE signatures (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id        text NOT NULL,
        version             integer NOT NULL,
        content_hash        char(64) NOT NULL,
        party               text NOT NULL,
        role                text NOT NULL,
        person_name         text NOT NULL,
        office              text,
        signed_on           date NOT NULL,
        level               text NOT NULL CHECK (level IN ('handwrittenScan', 'simpleElectronic', 'advancedElectronic', 'qualifiedElectronic')),
        evidence_file_name  text,
        evidence_sha256     char(64),
        recorded_by         text NOT NULL,
        recorded_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (agreement_id, version) REFERENCES agreement_versions (agreement_id, number),
        CHECK ((evidence_file_name IS NULL) = (evidence_sha256 IS NULL))
      )`);
    await q.query('CREATE INDEX signatures_agreement ON signatures (agreement_id, version)');
    await q.query(`
      CREATE TABLE signature_withdrawals (
        signature_id  uuid PRIMARY KEY REFERENCES signatures (id),
        withdrawn_on  date NOT NULL,
        reason        text NOT NULL CHECK (reason <> ''),
        actor         text NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE amendments (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id  text NOT NULL,
        type          text NOT NULL CHECK (type IN ('validityExtension', 'contentAmendment', 'correction')),
        base_version  integer NOT NULL,
        new_version   integer NOT NULL,
        source        text NOT NULL,
        decided_on    date NOT NULL,
        effective_on  date NOT NULL CHECK (effective_on >= decided_on),
        actor         text NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (agreement_id, new_version),
        FOREIGN KEY (agreement_id, base_version) REFERENCES agreement_versions (agreement_id, number),
        FOREIGN KEY (agreement_id, new_version) REFERENCES agreement_versions (agreement_id, number)
      )`);
    await q.query(`
      CREATE TABLE follow_ups (
        successor_id          text PRIMARY KEY REFERENCES agreements (id),
        predecessor_id        text NOT NULL REFERENCES agreements (id),
        predecessor_version   integer NOT NULL,
        created_on            date NOT NULL,
        source                text,
        actor                 text NOT NULL,
        recorded_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (predecessor_id, predecessor_version) REFERENCES agreement_versions (agreement_id, number)
      )`);
    await q.query('CREATE INDEX follow_ups_predecessor ON follow_ups (predecessor_id)');
    for (const table of ['version_freezes', 'signatures', 'signature_withdrawals', 'amendments', 'follow_ups']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['follow_ups', 'amendments', 'signature_withdrawals', 'signatures', 'version_freezes']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
