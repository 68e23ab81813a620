// Nest's decorators need the metadata API before any decorated class is evaluated; only the
// commands that reach the database load this file, so only they pay for it.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AuditService } from '../audit/audit.service.js';
import { FolderImporter } from '../agreement-files/folder-importer.js';
import { Logger } from '../common/logger.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../bootstrap.js';
import type { Actor } from '../common/actor.js';
import { IntegrityService } from '../integrity/integrity.service.js';
import { ReportsService } from '../reports/reports.service.js';
import { PapersService, type OParlImportOutcome } from '../papers/papers.service.js';
import type { OParlReading } from '../papers/rules/index.js';
import { DataSource } from 'typeorm';
import { VersionsService } from '../versions/versions.service.js';
import { CliModule } from './cli.module.js';

/** The services the database commands use. */
export interface CliServices {
  importer: FolderImporter;
  versions: VersionsService;
  integrity: IntegrityService;
  audit: AuditService;
  reports: ReportsService;
  /** An OParl import and its audit entry, one transaction. */
  importOParl(actor: Actor, body: string, reading: OParlReading, files: string[]): Promise<OParlImportOutcome[]>;
}

/** Opens the database and hands the command the services, wired by Nest as in the server. */
export async function withServices<T>(fn: (services: CliServices) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = new Logger(config.logLevel === 'debug' ? 'debug' : 'warn');
  const db = await openDatabase(config, logger, { shareRunning: true });
  try {
    const app = await NestFactory.createApplicationContext(CliModule.register(config, db.dataSource, logger), { logger });
    try {
      return await fn({
        importer: app.get(FolderImporter),
        versions: app.get(VersionsService),
        integrity: app.get(IntegrityService),
        audit: app.get(AuditService),
        reports: app.get(ReportsService),
        importOParl: (actor, body, reading, files) =>
          app.get(DataSource).transaction(async (m) => {
            const outcomes = await app.get(PapersService).importOParl(actor, body, reading, m);
            await app
              .get(AuditService)
              .record({ actor, operation: 'importOParl', args: { body, files }, agreementId: null, version: null, outcome: 'ok' }, m);
            return outcomes;
          }),
      });
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
