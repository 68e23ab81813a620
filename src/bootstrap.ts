import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { basename, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { readAgreementFiles } from './agreement-files/agreement-files.js';
import { FolderImporter } from './agreement-files/folder-importer.js';
import { systemActor } from './auth/policy.js';
import { Logger } from './common/logger.js';
import type { AppConfig } from './config/config.js';
import { createDataSource, migrate } from './database/data-source.js';
import { entities } from './entities.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { rateLimit } from './auth/rate-limit.js';
import { TOKEN_VERIFIER } from './auth/auth.module.js';
import { authenticationMiddleware, refuseUnauthenticated } from './auth/authenticate.js';
import { querySizeLimit } from './graphql/limits/index.js';
import type { TokenVerifier } from './auth/tokens/index.js';

export const LOADER_SUBJECT = 'system:agreements-folder';

export interface Database {
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded server; then brings the schema up to date. */
export async function openDatabase(config: AppConfig, logger: Logger, options: { shareRunning?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
      logger,
      shareRunning: options.shareRunning,
    });
    url = embedded.url;
  }
  const dataSource = createDataSource(url, { entities });
  try {
    await dataSource.initialize();
    const applied = await migrate(dataSource);
    if (applied.length > 0) logger.info('migrations applied', { migrations: applied });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Stores every agreements/*.yaml whose content differs from its latest version. */
export async function loadAgreementsFolder(app: INestApplicationContext, config: AppConfig, logger: Logger): Promise<void> {
  const report = await app.get(FolderImporter).import(readAgreementFiles([config.agreementsDir]), {
    dryRun: false,
    actor: systemActor(LOADER_SUBJECT, 'Import aus agreements/'),
    changeNote: (file) => `Geladen aus agreements/${basename(file)}`,
  });
  for (const e of report.agreements) {
    logger.info('agreement file loaded', { file: e.file, agreementId: e.agreementId, action: e.action, version: e.newVersion ?? e.baseVersion });
  }
  const applied = report.lifecycle.filter((e) => e.outcome === 'applied');
  if (report.lifecycle.length > 0) {
    logger.info('lifecycle files replayed', { events: report.lifecycle.length, applied: applied.map((e) => `${e.agreementId}: ${e.description}`) });
  }
}

export async function createApp(config: AppConfig, dataSource: DataSource, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, dataSource, logger }), {
    logger,
  });
  // Bigger bodies get 413 before they are read; the limit leaves room for the largest document.
  app.useBodyParser('json', { limit: config.graphql.maxRequestBytes });
  app.use('/graphql', authenticationMiddleware(app.get<TokenVerifier>(TOKEN_VERIFIER)));
  app.use('/graphql', rateLimit(config.graphql.rateLimitPerMinute));
  // Both before Apollo parses anything: parsing costs time in proportion to the query text.
  app.use('/graphql', refuseUnauthenticated(config.allowAnonymousRead));
  app.use('/graphql', querySizeLimit(config.graphql.maxQueryBytes));
  return app;
}
