import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { currentRole, grantRuntimeAccess } from './database-roles.repository.js';

/** The entity list comes from the caller (src/entities.ts), so this shared module knows no feature. */
export function createDataSource(url: string, options: { entities?: DataSourceOptions['entities']; poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: options.entities ?? [],
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // The schema comes from the migrations alone; the service's role could not create extensions anyway.
    installExtensions: false,
    logging: false,
    extra: { max: options.poolSize ?? 10 },
  });
}

// Any number: the key only has to be the same for every instance of this service.
const MIGRATION_LOCK = 726_001;

/**
 * Several instances may start at once against one database; only one migrates at a time. When the
 * service runs as another role than the one migrating, that role is granted what it needs here,
 * under the same lock (concurrent GRANTs on one table can fail).
 */
export async function migrate(dataSource: DataSource, options: { runtimeRole?: string } = {}): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (options.runtimeRole && options.runtimeRole !== (await currentRole(runner))) await grantRuntimeAccess(runner, options.runtimeRole);
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
