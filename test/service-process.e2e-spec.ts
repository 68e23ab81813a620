import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/common/project-root.js';
import { runCli } from './support/cli.js';

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
    env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' };
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
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    return { child, log: () => log };
  };
  const ready = async (s: ReturnType<typeof start>) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (s.log().includes('zv-register ready')) return;
      if (s.child.exitCode !== null) throw new Error(`service exited ${s.child.exitCode}:\n${s.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
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

  it('starts, loads agreements/, reports readiness with the database, and stops cleanly', async () => {
    const s = start();
    await ready(s);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up' });
    expect(s.log()).toMatch(/"agreementId":"soziale-wohnhilfen","action":"create"/);
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
  });

  it('names the taken port and the setting when EMBEDDED_PG_PORT is in use', async () => {
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
  });

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

  it('keeps the data across a restart: the unchanged files add nothing', async () => {
    const s = start();
    await ready(s);
    expect(s.log()).toMatch(/"agreementId":"soziale-wohnhilfen","action":"unchanged","version":1/);
    s.child.kill('SIGTERM');
    expect(await exited(s.child)).toBe(0);
  });

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
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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
