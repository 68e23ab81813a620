import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from './support/cli.js';
import { sampleAgreementYaml } from './support/documents.js';
import { projectRoot } from '../src/common/project-root.js';
import { Logger } from '../src/common/logger.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

// Each command starts the cluster; on a busy machine that takes seconds, several times per test.
const SLOW = 240_000;

/**
 * Every exit code the README documents, with the CLI on its embedded database as an operator runs it
 * (no DATABASE_URL). The embedded-postgres package ends the process with 0 on 'beforeExit'; no code
 * may be lost to that. One cluster in a temporary DATA_DIR serves the whole file; each command
 * starts and stops it, like the real CLI does.
 */
describe('CLI exit codes on the embedded database', () => {
  let dataDir: string;
  let port: number;
  let env: Record<string, string>;
  let folder: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zv-cli-embedded-'));
    // Run as root, the server runs as the 'postgres' user, which must pass through this folder.
    chmodSync(dataDir, 0o755);
    port = await freePort();
    env = { DATABASE_URL: '', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: 'error' };
    folder = join(dataDir, 'agreements');
    mkdirSync(folder);
    // The agreement, its history and its format-1 text of version 1, which the history names.
    mkdirSync(join(folder, 'history'));
    for (const name of ['soziale-wohnhilfen.yaml', 'soziale-wohnhilfen.lifecycle.yaml', 'history/soziale-wohnhilfen.1.yaml']) {
      copyFileSync(join(projectRoot(), 'agreements', name), join(folder, name));
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'usage errors exit 2',
    async () => {
      expect((await runCli(['frobnicate'], env)).code).toBe(2);
      expect((await runCli(['export'], env)).code).toBe(2);
      expect((await runCli(['verify', '--expect', 'kopf'], env)).code).toBe(2);
    },
    SLOW,
  );

  it(
    'validate: 0 all valid, 1 problems, 2 without files',
    async () => {
      const good = join(dataDir, 'gut.yaml');
      writeFileSync(good, sampleAgreementYaml('gut'));
      const bad = join(dataDir, 'schlecht.yaml');
      writeFileSync(bad, 'formatVersion: 1\nid: schlecht\n');
      expect((await runCli(['validate', good], env)).code).toBe(0);
      const problems = await runCli(['validate', good, bad], env);
      expect(problems.stdout).toContain(`${bad}:1:1 / missing required key 'title'`);
      expect(problems.code).toBe(1);
      expect((await runCli(['validate'], env)).code).toBe(2);
    },
    SLOW,
  );

  it(
    'import: 0 stored, 1 problems, 3 refused',
    async () => {
      const stored = await runCli(['import', folder], env);
      expect(stored.stdout).toContain('soziale-wohnhilfen applied: Fassung 1 aus history/soziale-wohnhilfen.1.yaml');
      expect(stored.code).toBe(0);

      const broken = join(dataDir, 'kaputt.yaml');
      writeFileSync(broken, 'formatVersion: 1\nid: kaputt\n');
      const problems = await runCli(['import', broken], env);
      expect(problems.stdout).toContain(`${broken}:1:1 / missing required key 'title'`);
      expect(problems.code).toBe(1);

      // The latest version (3) came from the history's text event, never from a plain import of this file: new
      // content with no known base is refused.
      const changed = join(dataDir, 'geaendert');
      mkdirSync(changed);
      const text = readFileSync(join(folder, 'soziale-wohnhilfen.yaml'), 'utf8');
      writeFileSync(
        join(changed, 'soziale-wohnhilfen.yaml'),
        text.replace(/^policyArea:\n {2}value: .*$/m, 'policyArea:\n  value: Soziale Wohnhilfen (geändert)'),
      );
      const refused = await runCli(['import', changed], env);
      expect(refused.stderr).toMatch(/soziale-wohnhilfen/);
      expect(refused.code).toBe(3);
    },
    SLOW,
  );

  it(
    'export: 0 found, 3 not found',
    async () => {
      const found = await runCli(['export', 'soziale-wohnhilfen', '--version', '1'], env);
      expect(found.stdout).toBe(readFileSync(join(folder, 'history/soziale-wohnhilfen.1.yaml'), 'utf8'));
      expect(found.code).toBe(0);
      const missing = await runCli(['export', 'gibt-es-nicht'], env);
      expect(missing.stderr).toContain("NOT_FOUND: agreement 'gibt-es-nicht' not found");
      expect(missing.code).toBe(3);
    },
    SLOW,
  );

  it(
    'verify: 0 intact or the kept head found, 1 broken or the head not found',
    async () => {
      const intact = await runCli(['verify'], env);
      expect(intact.stdout).toContain('chain intact: 3 version(s) of 1 agreement(s) verified');
      expect(intact.code).toBe(0);
      const head = /^head: ([0-9a-f]{64})$/m.exec(intact.stdout)![1];
      expect((await runCli(['verify', '--expect', head], env)).code).toBe(0);
      const foreign = await runCli(['verify', '--expect', 'f'.repeat(64)], env);
      expect(foreign.stdout).toContain(`BROKEN: head ${'f'.repeat(64)} is not in the register log`);
      expect(foreign.code).toBe(1);

      await tamper(
        `UPDATE agreement_versions SET author = 'jemand anderes' WHERE agreement_id = 'soziale-wohnhilfen' AND number = 1`,
        `DELETE FROM signatures WHERE role = 'soziales'`,
      );
      const broken = await runCli(['verify'], env);
      expect(broken.stdout).toContain('BROKEN: soziale-wohnhilfen version 1: chain hash does not match');
      expect(broken.stdout).toMatch(/^BROKEN: signature [0-9a-f-]{36} of soziale-wohnhilfen \(log entry \d+\): the record was deleted$/m);
      expect(broken.code).toBe(1);
    },
    SLOW,
  );

  /** Changes rows behind the service's back, with triggers off, on the cluster the CLI uses. */
  async function tamper(...statements: string[]): Promise<void> {
    const db = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'postgres'),
      credentialsFile: join(dataDir, 'postgres-credentials.json'),
      port,
      logger: new Logger('error'),
    });
    const client = new pg.Client({ connectionString: db.superuserUrl });
    try {
      await client.connect();
      await client.query('SET session_replication_role = replica');
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
      await db.stop();
    }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
