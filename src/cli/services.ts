// Nest's decorators need the metadata API before any decorated class is evaluated; only the
// commands that reach the database load this file, so only they pay for it.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AuditService } from '../audit/audit.service.js';
import { FolderImporter } from '../agreement-files/folder-importer.js';
import { Logger } from '../common/logger.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../bootstrap.js';
import { IntegrityService } from '../integrity/integrity.service.js';
import { ReportsService } from '../reports/reports.service.js';
import { VersionsService } from '../versions/versions.service.js';
import { CliModule } from './cli.module.js';

/** The services the database commands use. */
export interface CliServices {
  importer: FolderImporter;
  versions: VersionsService;
  integrity: IntegrityService;
  audit: AuditService;
  reports: ReportsService;
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
      });
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
