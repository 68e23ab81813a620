// npm run bench: starts its own PostgreSQL, stores a generated register, starts the service and the
// floors, runs every scenario at concurrency 1 and 32, prints a table and writes every figure as JSON.
// Options: --agreements N (2000), --versions N (10), --duration seconds per run (8), --import N files (1000),
// --only S1,B2,... (a subset), --out folder (bench-results).
import autocannon from 'autocannon';
import { fork, spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem, hostname, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Logger } from '../../dist/src/common/logger.js';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';
import { createDataSource, migrate } from '../../dist/src/database/data-source.js';
import { issueLocalToken, loadOrCreateLocalKey } from '../../dist/src/auth/tokens/index.js';
import { seed, historyOf, yamlOf, documentOf } from './seed.mjs';
import { scenarios } from './scenarios.mjs';
import { printTable, ratios } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const options = parseArgs(process.argv.slice(2));
const say = (line) => process.stderr.write(`${line}\n`);

const folder = mkdtempSync(join(tmpdir(), 'zv-bench-'));
// The postgres system user (when run as root) must reach the cluster folder inside.
chmodSync(folder, 0o755);
const children = [];
/** Each service started, by its URL: its process and what it wrote to stderr. */
const services = new Map();
let db;
try {
  db = await startEmbeddedPostgres({
    dataDir: join(folder, 'postgres'),
    credentialsFile: join(folder, 'postgres-credentials.json'),
    port: await freePort(),
    logger: new Logger('warn'),
  });
  say(`PostgreSQL on port ${db.port}`);
  const owner = createDataSource(db.ownerUrl, { poolSize: 2 });
  await owner.initialize();
  await migrate(owner, { runtimeRole: decodeURIComponent(new URL(db.runtimeUrl).username) });
  await owner.destroy();

  const started = Date.now();
  const client = new pg.Client({ connectionString: db.ownerUrl });
  // A server going away fails the statement running; without a listener it would also end the process.
  client.on('error', (error) => say(`database connection lost: ${error.message}`));
  await client.connect();
  const rows = await seed(client, {
    count: options.agreements,
    versions: options.versions,
    onProgress: (n) => process.stderr.write(`\rstoring agreements: ${n}/${options.agreements}`),
  });
  await client.query('ANALYZE');
  const postgresVersion = (await client.query('SHOW server_version')).rows[0].server_version;
  await client.end();
  const seedSeconds = (Date.now() - started) / 1000;
  say(`\nstored in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(rows)}`);

  const dataDir = join(folder, 'service');
  mkdirSync(dataDir);
  const key = await loadOrCreateLocalKey(dataDir);
  const readerToken = await issueLocalToken(key, { name: 'Bench Reader', roles: ['reader'] }, { expiresIn: '8h' });
  const editorToken = await issueLocalToken(key, { name: 'Bench Editor', roles: ['senate-editor'], departments: ['senias'] }, { expiresIn: '8h' });
  const serviceEnv = {
    ...process.env,
    NODE_ENV: '',
    DATABASE_URL: db.runtimeUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    DATA_DIR: dataDir,
    ALLOW_LOCAL_TOKENS: 'true',
    LOAD_AGREEMENTS: 'false',
    // One token makes every request here; the per-caller limit would otherwise refuse all but 600 a minute.
    RATE_LIMIT_PER_MINUTE: '1000000',
    // S1 asks any agreement of the register: the instance keeps the inputs of all of them (about 60 KB each here).
    STATUS_CACHE_ENTRIES: String(Math.max(2000, options.agreements)),
  };
  const serviceUrl = await startService(serviceEnv);
  // S1c: the same service keeping no status inputs, so every answer reads the histories.
  const coldServiceUrl = !options.only || options.only.includes('S1c') ? await startService({ ...serviceEnv, STATUS_CACHE_ENTRIES: '0' }) : null;
  const floorsPort = await freePort();
  const floors = fork(join(root, 'test/bench/floors.mjs'), [String(floorsPort), db.runtimeUrl], { stdio: 'inherit' });
  children.push(floors);
  await new Promise((ok) => floors.once('message', ok));
  const floorsUrl = `http://127.0.0.1:${floorsPort}`;

  const results = [];
  const list = scenarios({
    serviceUrl,
    coldServiceUrl,
    floorsUrl,
    agreements: options.agreements,
    versions: options.versions,
    readerToken,
    editorToken,
  });
  for (const s of list.filter((s) => !options.only || options.only.includes(s.name))) {
    if (s.warmUp) await warmUp(s);
    for (const connections of [1, 32]) {
      const load = loadavg()[0];
      const r = await run(s, connections, options.duration);
      results.push({ scenario: s.name, what: s.what, connections, loadBefore: load, ...r });
      say(`${s.name} c=${connections}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
    }
  }
  let importRun = null;
  if (options.import > 0 && (!options.only || options.only.includes('S5'))) {
    importRun = runImport(options.import, folder, serviceEnv);
    say(`S5: ${importRun.documentsPerSecond.toFixed(0)} documents/s (${importRun.documents} files in ${importRun.seconds.toFixed(2)} s)`);
  }

  const report = {
    date: new Date().toISOString(),
    options: { agreements: options.agreements, versions: options.versions, duration: options.duration, import: options.import },
    machine: {
      hostname: hostname(),
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGb: totalmem() / 2 ** 30,
      loadavg: loadavg(),
    },
    versions: { node: process.version, postgres: postgresVersion, ...packageVersions(), commit: gitCommit() },
    seed: { seconds: seedSeconds, rows },
    results,
    import: importRun,
    ratios: ratios(results),
  };
  printTable(report);
  const out = resolve(root, options.out);
  mkdirSync(out, { recursive: true });
  const file = join(out, `bench-${report.date.replace(/[:.]/g, '-')}-${options.agreements}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  say(`written to ${file}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((ok) => c.once('exit', ok)) : null)));
  await db?.stop();
  rmSync(folder, { recursive: true, force: true });
}

async function startService(env) {
  const port = await freePort();
  // Kept inputs take about 60 KB per agreement: past V8's default heap limit (about 4 GB here) at 100,000.
  const entries = Number(env.STATUS_CACHE_ENTRIES);
  const heap = entries > 40_000 ? [`--max-old-space-size=${Math.ceil(entries * 0.08) + 2048}`] : [];
  const service = spawn(process.execPath, [...heap, ...options.nodeArgs, join(root, 'dist/src/main.js')], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(service);
  let serviceErr = '';
  service.stderr.on('data', (d) => (serviceErr += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`, () => serviceErr);
  services.set(url, { process: service, log: () => serviceErr });
  return url;
}

/** Sends each warm-up request once, eight at a time, before the runs are measured. */
async function warmUp(s) {
  const bodies = s.warmUp();
  const started = Date.now();
  const service = services.get(new URL(s.url).origin);
  const send = (body, again) =>
    fetch(s.url, { method: 'POST', headers: s.headers, body })
      .then((res) => res.text())
      .catch((error) => {
        const ended = service.process.exitCode ?? service.process.signalCode;
        // A kept-alive connection can be closed by the service just as it is taken again; once more on a new one.
        if (ended === null && again) return send(body, false);
        throw new Error(
          `${s.name} warm-up: ${error.cause?.message ?? error.message}; the service ${ended === null ? 'is running' : `ended (${ended})`}; its log ends:\n${service.log().slice(-3000)}`,
        );
      });
  for (let k = 0; k < bodies.length; k += 8) await Promise.all(bodies.slice(k, k + 8).map((body) => send(body, true)));
  say(`${s.name}: warmed up with ${bodies.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** One autocannon run; GraphQL answers with `errors` count as errors although HTTP says 200. */
async function run(s, connections, duration) {
  let graphqlErrors = 0;
  let firstError = null;
  const result = await autocannon({
    url: s.url,
    connections,
    duration,
    method: 'POST',
    headers: s.headers,
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: s.body() }),
        onResponse: s.graphql
          ? (status, body) => {
              if (body.includes('"errors"')) {
                graphqlErrors++;
                firstError ??= body.slice(0, 300);
              }
            }
          : undefined,
      },
    ],
  });
  if (firstError) say(`${s.name}: first error: ${firstError}`);
  // Requests still queued when the run stopped would weigh on the next run: one more, answered, drains them.
  await fetch(s.url, { method: 'POST', headers: s.headers, body: s.body() }).then((res) => res.text());
  return {
    requestsPerSecond: result.requests.total / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  };
}

/**
 * S5: `cli import` of N generated files, and of one, so start-up is taken out:
 * documents/s = (N - 1) / (time for N - time for 1).
 */
function runImport(n, base, env) {
  const dir = join(base, 'import');
  const one = join(base, 'import-one');
  mkdirSync(dir);
  mkdirSync(one);
  for (let k = 0; k < n; k++) {
    const i = 10_000_000 + k;
    const doc = documentOf(i, 1, { from: '2025-01-01', until: '2026-12-31' });
    doc.predecessor = null;
    writeFileSync(join(k === 0 ? one : dir, `${doc.id}.yaml`), yamlOf(doc));
  }
  const time = (folderPath) => {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'import', folderPath], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    return Number(process.hrtime.bigint() - t) / 1e9;
  };
  const single = time(one);
  const all = time(dir);
  return { documents: n, seconds: all, startSeconds: single, documentsPerSecond: (n - 1) / Math.max(0.001, all - single) };
}

function parseArgs(argv) {
  const o = { agreements: 2000, versions: 10, duration: 8, import: 1000, only: null, out: 'bench-results', nodeArgs: [] };
  for (let k = 0; k < argv.length; k++) {
    const [name, inline] = argv[k].split('=');
    const value = () => inline ?? argv[++k];
    if (name === '--agreements') o.agreements = Number(value());
    else if (name === '--versions') o.versions = Number(value());
    else if (name === '--duration') o.duration = Number(value());
    else if (name === '--import') o.import = Number(value());
    else if (name === '--only') o.only = value().split(',');
    else if (name === '--out') o.out = value();
    else if (name === '--cpu-prof') o.nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${resolve(root, 'bench-results/profiles')}`];
    else throw new Error(`unknown option ${name}`);
  }
  if (!(o.agreements >= 20 && o.versions >= 3 && o.duration >= 1)) throw new Error('need --agreements >= 20, --versions >= 3, --duration >= 1');
  return o;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? ok(address.port) : fail(new Error('no free port'))));
    });
  });
}

async function waitFor(url, log) {
  for (let k = 0; k < 600; k++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`the service did not start:\n${log()}`);
}

function packageVersions() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
  const of = (name) => lock[`node_modules/${name}`]?.version ?? null;
  return Object.fromEntries(['@nestjs/core', '@apollo/server', 'graphql', 'typeorm', 'pg', 'autocannon'].map((n) => [n, of(n)]));
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

// Kept reachable for a look at one generated history: node -e "import('./test/bench/seed.mjs')..."
void historyOf;
