import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement row is only its id and who created it when. The service's role holds UPDATE on it
 * solely to lock the row while writing an agreement's history; the trigger keeps that from ever
 * changing the row.
 */
export class AgreementsAppendOnly1764000000020 implements MigrationInterface {
  name = 'AgreementsAppendOnly1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER agreements_append_only
        BEFORE UPDATE OR DELETE ON agreements
        FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`);
    await q.query(`
      CREATE TRIGGER agreements_no_truncate
        BEFORE TRUNCATE ON agreements
        FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER agreements_no_truncate ON agreements');
    await q.query('DROP TRIGGER agreements_append_only ON agreements');
  }
}
