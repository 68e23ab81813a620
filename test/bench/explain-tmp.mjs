import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Logger } from '../../dist/src/common/logger.js';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';
import { createDataSource, migrate } from '../../dist/src/database/data-source.js';
import { LIFECYCLE_SQL } from '../../dist/src/lifecycle/lifecycle.repository.js';
import { VERSIONS_SQL } from '../../dist/src/versions/versions.repository.js';
import { seed } from './seed.mjs';
const folder = mkdtempSync(join(tmpdir(), 'zv-x-'));
chmodSync(folder, 0o755);
const db = await startEmbeddedPostgres({
  dataDir: join(folder, 'pg'),
  credentialsFile: join(folder, 'c.json'),
  port: 45999,
  logger: new Logger('warn'),
});
const owner = createDataSource(db.ownerUrl, { poolSize: 2 });
await owner.initialize();
await migrate(owner, { runtimeRole: 'zv_app' });
await owner.destroy();
const c = new pg.Client({ connectionString: db.ownerUrl });
await c.connect();
let t = Date.now();
await seed(c, { count: Number(process.argv[2] ?? 400), versions: 10 });
console.log('seed ms', Date.now() - t);
await c.query('ANALYZE');
for (const [name, sql, params] of [
  ['status', LIFECYCLE_SQL.statusHistories, ['za-000018']],
  ['latestPage', VERSIONS_SQL.latestPage, [50, 0]],
  ['followUps', VERSIONS_SQL.followUpsOf, [['za-000018', 'za-000005']]],
  ['historyVersions', LIFECYCLE_SQL.historyVersions, [['za-000018']]],
]) {
  const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  console.log(`== ${name}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
}
console.log(db.ownerUrl);
await c.end();
if (!process.argv[3]) await db.stop();
