import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A signature level may be `unknown`: the sources say that and when a signature was given, but not how (Neukölln's
 * signatures of 12.01.2022, known only from a council paper). The check on signatures.level is replaced by one that
 * also allows it; every stored signature passes it unchanged.
 */
export class SignatureLevelUnknown1764000000030 implements MigrationInterface {
  name = 'SignatureLevelUnknown1764000000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE signatures DROP CONSTRAINT signatures_level_check');
    await q.query(`
      ALTER TABLE signatures ADD CONSTRAINT signatures_level_check
        CHECK (level IN ('handwrittenScan', 'simpleElectronic', 'advancedElectronic', 'qualifiedElectronic', 'unknown'))`);
  }

  /** Fails while a signature with level `unknown` is stored: such a record cannot be taken back. */
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE signatures DROP CONSTRAINT signatures_level_check');
    await q.query(`
      ALTER TABLE signatures ADD CONSTRAINT signatures_level_check
        CHECK (level IN ('handwrittenScan', 'simpleElectronic', 'advancedElectronic', 'qualifiedElectronic'))`);
  }
}
