import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every mutation attempt that passed authentication; append-only like the versions. */
export class AuditLog1764000000001 implements MigrationInterface {
  name = 'AuditLog1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id            bigserial PRIMARY KEY,
        at            timestamptz NOT NULL DEFAULT clock_timestamp(),
        subject       text NOT NULL,
        name          text NOT NULL,
        roles         text[] NOT NULL,
        party         text,
        operation     text NOT NULL,
        agreement_id  text,
        version       integer,
        args_digest   char(64) NOT NULL,
        outcome       text NOT NULL
      )`);
    await q.query('CREATE INDEX audit_log_agreement_at ON audit_log (agreement_id, at)');
    await q.query('CREATE INDEX audit_log_at ON audit_log (at)');
    await q.query(`
      CREATE TRIGGER audit_log_append_only
        BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate
        BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
  }
}
