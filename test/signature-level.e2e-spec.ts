import { rmSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { agreementsWithInferredLevels } from './support/documents.js';
import { createTestDatabase } from './support/test-app.js';
import { readAgreementFiles } from '../src/agreement-files/agreement-files.js';
import { FolderImporter, type ImportOptions } from '../src/agreement-files/folder-importer.js';
import { systemActor } from '../src/auth/policy.js';
import { CliModule } from '../src/cli/cli.module.js';
import { Logger } from '../src/common/logger.js';
import { projectRoot } from '../src/common/project-root.js';
import { loadConfig } from '../src/config/config.js';
import { createDataSource } from '../src/database/data-source.js';
import { entities } from '../src/entities.js';
import { IntegrityService } from '../src/integrity/integrity.service.js';
import { migrations } from '../migrations/index.js';
import { SignatureLevelUnknown1764000000030 } from '../migrations/1764000000030-SignatureLevelUnknown.js';

const IMPORT: ImportOptions = {
  dryRun: false,
  actor: systemActor('system:test'),
  operation: 'import',
  onConflict: 'refuse',
  changeNote: (file) => `Import aus ${file}`,
};

/**
 * A register loaded before a signature level could be unknown holds Neukölln's signatures of 12.01.2022 as
 * handwrittenScan, the inference the shipped history made then. The migration lets the level be unknown without
 * touching what is stored, and loading today's history, which says the level is not known, adds nothing.
 */
describe('signature level unknown: a register with signatures from before', () => {
  it('is migrated with its signatures unchanged, and replaying the history finds them already recorded', async () => {
    const url = await createTestDatabase();
    const config = loadConfig({ ...process.env, DATABASE_URL: url });
    const upTo = migrations.indexOf(SignatureLevelUnknown1764000000030);
    expect(upTo).toBeGreaterThan(0);
    const levelCheck = async (db: DataSource) =>
      (await db.query<{ def: string }[]>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'signatures_level_check'`)).map(
        (r) => r.def,
      );

    const before = new DataSource({ ...createDataSource(url, { entities }).options, migrations: migrations.slice(0, upTo) });
    await before.initialize();
    await before.runMigrations();
    const shipped = agreementsWithInferredLevels();
    const old = await NestFactory.createApplicationContext(CliModule.register(config, before, new Logger('error')), { logger: false });
    try {
      await old.get(FolderImporter).import(readAgreementFiles([shipped]), IMPORT);
      const [check] = await levelCheck(before);
      expect(check).toContain('handwrittenScan');
      expect(check).not.toContain('unknown');
    } finally {
      await old.close();
      await before.destroy();
      rmSync(shipped, { recursive: true, force: true });
    }
    const stored = `SELECT party, role, signed_on::text AS "signedOn", level, recorded_at FROM signatures ORDER BY role`;

    const after = createDataSource(url, { entities });
    await after.initialize();
    const services = await NestFactory.createApplicationContext(CliModule.register(config, after, new Logger('error')), { logger: false });
    try {
      const signatures = await after.query(stored);
      expect(signatures.map((s: { level: string }) => s.level)).toEqual(['handwrittenScan', 'handwrittenScan']);

      // This migration and every later one run now.
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(migrations.slice(upTo).map((m) => m.name));
      expect(await levelCheck(after)).toEqual([
        "CHECK ((level = ANY (ARRAY['handwrittenScan'::text, 'simpleElectronic'::text, 'advancedElectronic'::text, 'qualifiedElectronic'::text, 'unknown'::text])))",
      ]);
      // What was recorded stays as recorded, and the register log still vouches for it.
      expect(await after.query(stored)).toEqual(signatures);
      const report = await services.get(IntegrityService).verify();
      expect(report.log.findings).toEqual([]);
      expect(report.ok).toBe(true);

      // Today's history says the level is not known; the signatures are the same by version, party, role and date.
      const replayed = await services.get(FolderImporter).import(readAgreementFiles([`${projectRoot()}/agreements`]), IMPORT);
      const signed = replayed.lifecycle.filter((e) => e.description.startsWith('Unterschrift'));
      expect(signed.map((e) => `${e.outcome}: ${e.description}`)).toEqual([
        'unchanged: Unterschrift neukoelln/finanzen auf Fassung 1 am 12.01.2022',
        'unchanged: Unterschrift neukoelln/soziales auf Fassung 1 am 12.01.2022',
      ]);
      // Only the council papers are new: that register never had them.
      expect(replayed.lifecycle.filter((e) => e.outcome === 'applied' && !e.file.endsWith('.papers.yaml'))).toEqual([]);
      expect(replayed.agreements.map((a) => a.action)).toEqual(replayed.agreements.map(() => 'unchanged'));
      expect(await after.query(stored)).toEqual(signatures);
    } finally {
      await services.close();
      await after.destroy();
    }
  });
});
