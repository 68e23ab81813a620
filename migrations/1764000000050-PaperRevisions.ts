import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revisions of council papers, for the OParl import and for linking a recorded paper to an agreement. Papers stay
 * append-only: a revision is a new record stating the paper's changeable facts as a whole (type, subject, date, the
 * link to an agreement, OParl's `modified`, whether the paper is deleted), numbered per paper; the paper reads as its
 * last revision, or as recorded when it has none. `fingerprint` is the mapped OParl content the revision came from,
 * so a repeated import changes nothing. In the register log as kind `paperRevision` (fields as in
 * src/integrity/register-log.ts).
 */
export class PaperRevisions1764000000050 implements MigrationInterface {
  name = 'PaperRevisions1764000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE council_paper_revisions (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paper_id           uuid NOT NULL REFERENCES council_papers (id),
        number             integer NOT NULL CHECK (number > 0),
        type               text,
        subject            text,
        paper_date         date,
        agreement_id       text REFERENCES agreements (id),
        agreement_version  integer,
        concerns           text CHECK (concerns IN ('draftBeforeSignature', 'signature', 'extension', 'amendment', 'followUp', 'other')),
        oparl_modified     text,
        deleted            boolean NOT NULL,
        fingerprint        text,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (paper_id, number),
        FOREIGN KEY (agreement_id, agreement_version) REFERENCES agreement_versions (agreement_id, number),
        CHECK (agreement_version IS NULL OR agreement_id IS NOT NULL)
      )`);
    await q.query('CREATE INDEX council_paper_revisions_agreement ON council_paper_revisions (agreement_id)');
    await q.query(
      'CREATE TRIGGER council_paper_revisions_append_only BEFORE UPDATE OR DELETE ON council_paper_revisions FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()',
    );
    await q.query(
      'CREATE TRIGGER council_paper_revisions_no_truncate BEFORE TRUNCATE ON council_paper_revisions FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()',
    );
    const fields = [
      'r.id::text',
      'r.paper_id::text',
      'r.number::text',
      'r.type',
      'r.subject',
      'zv_day(r.paper_date)',
      'r.agreement_id',
      'r.agreement_version::text',
      'r.concerns',
      'r.oparl_modified',
      'r.deleted::text',
      'r.fingerprint',
      'r.recorded_by',
      'zv_time(r.recorded_at)',
    ];
    await q.query(`CREATE FUNCTION zv_record_text(r council_paper_revisions) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ${fields.map((f) => `zv_field(${f})`).join(' || ')} $$`);
    await q.query(`
      CREATE FUNCTION zv_log_paper_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM zv_log_append('paperRevision', NEW.agreement_id, NEW.id::text, zv_record_text(NEW));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER council_paper_revisions_register_log AFTER INSERT ON council_paper_revisions
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zv_log_paper_revision()`);
    // A paper as it reads now: its last revision over the facts recorded first.
    await q.query(`
      CREATE VIEW council_papers_current AS
      SELECT p.id, p.body, p.reference,
             CASE WHEN r.id IS NULL THEN p.type ELSE r.type END AS type,
             CASE WHEN r.id IS NULL THEN p.subject ELSE r.subject END AS subject,
             CASE WHEN r.id IS NULL THEN p.paper_date ELSE r.paper_date END AS paper_date,
             p.originator, p.public, p.legal_ground,
             CASE WHEN r.id IS NULL THEN p.agreement_id ELSE r.agreement_id END AS agreement_id,
             CASE WHEN r.id IS NULL THEN p.agreement_version ELSE r.agreement_version END AS agreement_version,
             CASE WHEN r.id IS NULL THEN p.concerns ELSE r.concerns END AS concerns,
             p.oparl_id, p.note, p.recorded_by,
             r.oparl_modified, coalesce(r.deleted, false) AS deleted, r.fingerprint, coalesce(r.number, 0) AS revision
        FROM council_papers p
        LEFT JOIN LATERAL (SELECT * FROM council_paper_revisions x WHERE x.paper_id = p.id ORDER BY x.number DESC LIMIT 1) r ON true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW council_papers_current');
    await q.query('DROP TRIGGER council_paper_revisions_register_log ON council_paper_revisions');
    await q.query('DROP FUNCTION zv_log_paper_revision()');
    await q.query('DROP FUNCTION zv_record_text(council_paper_revisions)');
    await q.query('DROP TABLE council_paper_revisions');
  }
}
