import type { MigrationInterface, QueryRunner } from 'typeorm';

const LOGGED = [
  {
    table: 'council_papers',
    kind: 'paper',
    fn: 'zv_log_paper',
    agreement: (row: string) => `${row}.agreement_id`,
  },
  {
    table: 'council_consultations',
    kind: 'consultation',
    fn: 'zv_log_consultation',
    agreement: (row: string) => `(SELECT p.agreement_id FROM council_papers p WHERE p.id = ${row}.paper_id)`,
  },
];

/**
 * Council papers (Drucksachen) and their consultation steps (Beratungsfolge), the district office's own decision
 * among them. Append-only like every record and in the register log (kinds `paper` and `consultation`, keyed by id;
 * field order as in src/integrity/register-log.ts). A paper's natural key is its body and reference; an OParl id (the
 * URL a council information system gives it) is an optional second key, for the import that follows. A fact the
 * sources do not give is null, and `note` says why.
 */
export class CouncilPapers1764000000040 implements MigrationInterface {
  name = 'CouncilPapers1764000000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE council_papers (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body               text NOT NULL CHECK (body ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        reference          text NOT NULL CHECK (reference ~ '^[1-9][0-9]*/[IVXLC]+$'),
        type               text,
        subject            text,
        paper_date         date,
        originator         text,
        public             boolean,
        legal_ground       text,
        agreement_id       text REFERENCES agreements (id),
        agreement_version  integer,
        concerns           text CHECK (concerns IN ('draftBeforeSignature', 'signature', 'extension', 'amendment', 'followUp', 'other')),
        oparl_id           text UNIQUE,
        note               text,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (body, reference),
        FOREIGN KEY (agreement_id, agreement_version) REFERENCES agreement_versions (agreement_id, number),
        CHECK (agreement_version IS NULL OR agreement_id IS NOT NULL)
      )`);
    await q.query('CREATE INDEX council_papers_agreement ON council_papers (agreement_id)');
    await q.query(`
      CREATE TABLE council_consultations (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paper_id           uuid NOT NULL REFERENCES council_papers (id),
        kind               text NOT NULL CHECK (kind IN ('districtOfficeDecision', 'councilConsultation')),
        body               text NOT NULL CHECK (body ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        consulted_on       date,
        meeting            text,
        meeting_number     integer CHECK (meeting_number > 0),
        role               text,
        result             text,
        finished           boolean,
        oparl_id           text UNIQUE,
        note               text,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX council_consultations_paper ON council_consultations (paper_id)');
    for (const { table } of LOGGED) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);
    }
    const recordText = (type: string, fields: string[]) =>
      q.query(`CREATE FUNCTION zv_record_text(r ${type}) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ${fields.map((f) => `zv_field(${f})`).join(' || ')} $$`);
    await recordText('council_papers', [
      'r.id::text',
      'r.body',
      'r.reference',
      'r.type',
      'r.subject',
      'zv_day(r.paper_date)',
      'r.originator',
      'r.public::text',
      'r.legal_ground',
      'r.agreement_id',
      'r.agreement_version::text',
      'r.concerns',
      'r.oparl_id',
      'r.note',
      'r.recorded_by',
      'zv_time(r.recorded_at)',
    ]);
    await recordText('council_consultations', [
      'r.id::text',
      'r.paper_id::text',
      'r.kind',
      'r.body',
      'zv_day(r.consulted_on)',
      'r.meeting',
      'r.meeting_number::text',
      'r.role',
      'r.result',
      'r.finished::text',
      'r.oparl_id',
      'r.note',
      'r.recorded_by',
      'zv_time(r.recorded_at)',
    ]);
    for (const { table, kind, fn, agreement } of LOGGED) {
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM zv_log_append('${kind}', ${agreement('NEW')}, NEW.id::text, zv_record_text(NEW));
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_register_log AFTER INSERT ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, fn } of [...LOGGED].reverse()) {
      await q.query(`DROP TRIGGER ${table}_register_log ON ${table}`);
      await q.query(`DROP FUNCTION ${fn}()`);
      await q.query(`DROP FUNCTION zv_record_text(${table})`);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
