import type { MigrationInterface, QueryRunner } from 'typeorm';

const REVISION_FIELDS = [
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

/** A paper as it reads now: its last revision over the facts recorded first (as in migration 050 but the reference). */
const papersCurrent = (reference: string) => `
  SELECT p.id, p.body, ${reference} AS reference,
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
    LEFT JOIN LATERAL (SELECT * FROM council_paper_revisions x WHERE x.paper_id = p.id ORDER BY x.number DESC LIMIT 1) r ON true`;

/**
 * What a later OParl import may change besides a paper's type, subject and date:
 *
 * - A paper's reference. OParl keys a paper by its id, and a council information system may correct the reference,
 *   so a paper revision may state a new one. The field is appended to the revision's record text only when it is
 *   given, so the register log hashes of the revisions written before stay what they were.
 * - A consultation's facts: the meeting's date and the agenda item's result often arrive after the paper, and a
 *   consultation may be deleted. Consultations stay append-only; a revision states the changeable facts of one as a
 *   whole, numbered per consultation, with the `modified` of the OParl objects it was drawn from and the fingerprint
 *   of the mapped content (so a repeated import changes nothing). In the register log as kind `consultationRevision`.
 */
export class ConsultationRevisions1764000000055 implements MigrationInterface {
  name = 'ConsultationRevisions1764000000055';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE council_paper_revisions ADD COLUMN reference text CHECK (reference ~ '^[1-9][0-9]*/[IVXLC]+$')`);
    await q.query(`CREATE OR REPLACE FUNCTION zv_record_text(r council_paper_revisions) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ${REVISION_FIELDS.map((f) => `zv_field(${f})`).join(' || ')}
               || CASE WHEN r.reference IS NULL THEN '' ELSE zv_field(r.reference) END $$`);
    await q.query(`CREATE OR REPLACE VIEW council_papers_current AS ${papersCurrent('coalesce(r.reference, p.reference)')}`);

    await q.query(`
      CREATE TABLE council_consultation_revisions (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id    uuid NOT NULL REFERENCES council_consultations (id),
        number             integer NOT NULL CHECK (number > 0),
        consulted_on       date,
        meeting            text,
        meeting_number     integer CHECK (meeting_number > 0),
        role               text,
        result             text,
        finished           boolean,
        note               text,
        oparl_modified     text,
        deleted            boolean NOT NULL,
        fingerprint        text,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (consultation_id, number)
      )`);
    await q.query(
      'CREATE TRIGGER council_consultation_revisions_append_only BEFORE UPDATE OR DELETE ON council_consultation_revisions FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()',
    );
    await q.query(
      'CREATE TRIGGER council_consultation_revisions_no_truncate BEFORE TRUNCATE ON council_consultation_revisions FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()',
    );
    const fields = [
      'r.id::text',
      'r.consultation_id::text',
      'r.number::text',
      'zv_day(r.consulted_on)',
      'r.meeting',
      'r.meeting_number::text',
      'r.role',
      'r.result',
      'r.finished::text',
      'r.note',
      'r.oparl_modified',
      'r.deleted::text',
      'r.fingerprint',
      'r.recorded_by',
      'zv_time(r.recorded_at)',
    ];
    await q.query(`CREATE FUNCTION zv_record_text(r council_consultation_revisions) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ${fields.map((f) => `zv_field(${f})`).join(' || ')} $$`);
    await q.query(`
      CREATE FUNCTION zv_log_consultation_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM zv_log_append('consultationRevision',
          (SELECT p.agreement_id FROM council_consultations c JOIN council_papers p ON p.id = c.paper_id WHERE c.id = NEW.consultation_id),
          NEW.id::text, zv_record_text(NEW));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER council_consultation_revisions_register_log AFTER INSERT ON council_consultation_revisions
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zv_log_consultation_revision()`);
    // A consultation as it reads now: its last revision over the facts recorded first.
    await q.query(`
      CREATE VIEW council_consultations_current AS
      SELECT c.id, c.paper_id, c.kind, c.body,
             CASE WHEN r.id IS NULL THEN c.consulted_on ELSE r.consulted_on END AS consulted_on,
             CASE WHEN r.id IS NULL THEN c.meeting ELSE r.meeting END AS meeting,
             CASE WHEN r.id IS NULL THEN c.meeting_number ELSE r.meeting_number END AS meeting_number,
             CASE WHEN r.id IS NULL THEN c.role ELSE r.role END AS role,
             CASE WHEN r.id IS NULL THEN c.result ELSE r.result END AS result,
             CASE WHEN r.id IS NULL THEN c.finished ELSE r.finished END AS finished,
             c.oparl_id,
             CASE WHEN r.id IS NULL THEN c.note ELSE r.note END AS note,
             c.recorded_by, c.recorded_at,
             r.oparl_modified, coalesce(r.deleted, false) AS deleted, r.fingerprint, coalesce(r.number, 0) AS revision
        FROM council_consultations c
        LEFT JOIN LATERAL (SELECT * FROM council_consultation_revisions x WHERE x.consultation_id = c.id ORDER BY x.number DESC LIMIT 1) r ON true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW council_consultations_current');
    await q.query('DROP TRIGGER council_consultation_revisions_register_log ON council_consultation_revisions');
    await q.query('DROP FUNCTION zv_log_consultation_revision()');
    await q.query('DROP FUNCTION zv_record_text(council_consultation_revisions)');
    await q.query('DROP TABLE council_consultation_revisions');
    await q.query(`CREATE OR REPLACE FUNCTION zv_record_text(r council_paper_revisions) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ${REVISION_FIELDS.map((f) => `zv_field(${f})`).join(' || ')} $$`);
    // The view names the reference column; it goes back to the paper's own before the column is dropped.
    await q.query('DROP VIEW council_papers_current');
    await q.query('ALTER TABLE council_paper_revisions DROP COLUMN reference');
    await q.query(`CREATE VIEW council_papers_current AS ${papersCurrent('p.reference')}`);
  }
}
