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
import { settlesWithin } from './common/settles-within.js';
import type { AppConfig } from './config/config.js';
import { createDataSource, migrate } from './database/data-source.js';
import { currentRole } from './database/database-roles.repository.js';
import { entities } from './entities.js';
import { ideAssets, IDE_ASSETS_PATH } from './graphql/graphiql.js';
import { requestBodyErrors } from './graphql/request-body-errors.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { rateLimit } from './auth/rate-limit.js';
import { TOKEN_VERIFIER } from './auth/auth.module.js';
import { authenticationMiddleware, refuseUnauthenticated } from './auth/authenticate.js';
import { querySizeLimit } from './graphql/limits/index.js';
import type { TokenVerifier } from './auth/tokens/index.js';

export const LOADER_SUBJECT = 'system:agreements-folder';
const POOL_CLOSE_TIMEOUT_MS = 5_000;

export interface Database {
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded server; then brings the schema up to date as
 * the schema's owner and serves as the runtime role, which may only read and append.
 */
export async function openDatabase(config: AppConfig, logger: Logger, options: { shareRunning?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let runtimeUrl = config.databaseUrl;
  let ownerUrl = config.migrationDatabaseUrl;
  if (!runtimeUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(config.dataDir, 'postgres'),
      credentialsFile: join(config.dataDir, 'postgres-credentials.json'),
      port: config.embeddedPostgresPort,
      logger,
      shareRunning: options.shareRunning,
    });
    runtimeUrl = embedded.runtimeUrl;
    ownerUrl = embedded.ownerUrl;
  }
  const dataSource = createDataSource(runtimeUrl, { entities });
  try {
    await dataSource.initialize();
    const applied = ownerUrl ? await migrateAsOwner(ownerUrl, dataSource) : await migrate(dataSource);
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
      // A connection held by a request that never ends (waiting on a lock) would keep the pool
      // open for ever; stopping the embedded server ends such sessions.
      try {
        if (dataSource.isInitialized) await settlesWithin(dataSource.destroy(), POOL_CLOSE_TIMEOUT_MS);
      } finally {
        await embedded?.stop();
      }
    },
  };
}

/** The owner's connection lives only as long as migrating takes. */
async function migrateAsOwner(ownerUrl: string, runtime: DataSource): Promise<string[]> {
  // Two connections: one holds the migration lock, one runs the migrations.
  const owner = createDataSource(ownerUrl, { poolSize: 2 });
  await owner.initialize();
  try {
    return await migrate(owner, { runtimeRole: await currentRole(runtime) });
  } finally {
    await owner.destroy();
  }
}

/**
 * Stores every agreements/*.yaml with new content on top of the version it was last loaded as. A
 * file whose base is no longer the latest version stores nothing: a restart never undoes what was
 * saved since through GraphQL or by an amendment.
 */
export async function loadAgreementsFolder(app: INestApplicationContext, config: AppConfig, logger: Logger): Promise<void> {
  const report = await app.get(FolderImporter).import(readAgreementFiles([config.agreementsDir]), {
    dryRun: false,
    actor: systemActor(LOADER_SUBJECT, 'Import aus agreements/'),
    operation: 'loadAgreementsFolder',
    changeNote: (file) => `Geladen aus agreements/${basename(file)}`,
    onConflict: 'skip',
  });
  for (const e of report.agreements) {
    const fields = { file: e.file, agreementId: e.agreementId, action: e.action };
    if (e.action !== 'conflict') {
      logger.info('agreement file loaded', { ...fields, version: e.version });
      continue;
    }
    const since =
      e.baseVersion === null
        ? 'none of whose versions was loaded from this file'
        : `saved after version ${e.baseVersion}, which the file was loaded as`;
    logger.warn(`agreement file not loaded: '${e.agreementId}' is at version ${e.latestVersion}, ${since}; a newer stored version is never undone`, {
      ...fields,
      baseVersion: e.baseVersion,
      latestVersion: e.latestVersion,
    });
  }
  for (const e of report.lifecycle.filter((l) => l.outcome === 'conflict' || l.outcome === 'skipped')) {
    logger.warn(`lifecycle event not loaded: ${e.description}; a newer stored version is never undone`, {
      file: e.file,
      agreementId: e.agreementId,
      event: e.index,
      outcome: e.outcome,
    });
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
  app.use('/graphql', requestBodyErrors(config.graphql.maxRequestBytes));
  if (config.graphql.landingPage) app.use(IDE_ASSETS_PATH, ideAssets());
  app.use('/graphql', authenticationMiddleware(app.get<TokenVerifier>(TOKEN_VERIFIER)));
  app.use('/graphql', rateLimit(config.graphql.rateLimitPerMinute));
  // Both before Apollo parses anything: parsing costs time in proportion to the query text.
  app.use('/graphql', refuseUnauthenticated(config.allowAnonymousRead));
  app.use('/graphql', querySizeLimit(config.graphql.maxQueryBytes));
  return app;
}
