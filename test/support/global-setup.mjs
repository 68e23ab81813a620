// Runs outside jest's module system, so it uses the build that `npm test` makes first (pretest).
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '../../dist/src/common/logger.js';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

/**
 * One real PostgreSQL for the whole run, on a free port, in a fresh folder, with the service's
 * roles (owner and runtime) as npm start makes them; each test file makes its own database.
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return; // an external server was named
  // The postgres system user must reach the cluster folder inside; mkdtemp makes the folder private.
  const folder = mkdtempSync(join(tmpdir(), 'zv-test-pg-'));
  chmodSync(folder, 0o755);
  const db = await startEmbeddedPostgres({
    dataDir: join(folder, 'postgres'),
    credentialsFile: join(folder, 'postgres-credentials.json'),
    port: await freePort(),
    logger: new Logger('warn'),
  });
  globalThis.__ZV_TEST_DB__ = { db, folder };
  process.env.TEST_DATABASE_URL = db.superuserUrl;
  process.env.TEST_OWNER_DATABASE_URL = db.ownerUrl;
  process.env.TEST_RUNTIME_DATABASE_URL = db.runtimeUrl;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
