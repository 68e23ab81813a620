import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROLES, isRole } from '../common/actor.js';
import { isIsoDate } from '../common/dates.js';
import { loadConfig } from '../config/config.js';
import type { AgreementFile } from '../agreement-files/agreement-files.js';
import { BERLIN_DISTRICTS, isBerlinDistrict } from '../parties/berlin-parties.js';
import { systemActor } from '../auth/policy.js';
import { formatProblem } from '../documents/problems.js';
import { RECORD_KINDS, type RecordKind } from '../integrity/register-log.js';
import type { CliServices } from './services.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandInput {
  args: string[];
  options: {
    format?: string;
    'dry-run'?: boolean;
    base?: string;
    force?: boolean;
    version?: string;
    out?: string;
    role?: string[];
    party?: string;
    name?: string;
    subject?: string;
    'expires-in'?: string;
    agreement?: string;
    since?: string;
    limit?: string;
    expect?: string;
    'as-of'?: string;
    'draft-paper'?: boolean;
    body?: string;
  };
  io: CliIo;
  actor: string;
}

type Command = (input: CommandInput) => Promise<number>;

class UsageError extends Error {}
export { UsageError };

// What a command needs beyond its arguments is imported when it runs: Nest, TypeORM and the
// database for some, the YAML parser and schema for others, jose for tokens. Loaded up front,
// they would make every call take seconds: a `validate`, a `token` or a usage error as much as
// an import.

/** Opens the database and hands the command the services (see services.ts). */
async function withServices<T>(fn: (services: CliServices) => Promise<T>): Promise<T> {
  const services = await import('./services.js');
  return services.withServices(fn);
}

/** Reading and parsing agreement files (the YAML parser and the schema validator). */
const agreementFiles = () => import('../agreement-files/agreement-files.js');

const validate: Command = async ({ args, options, io }) => {
  if (args.length === 0) throw new UsageError('validate needs at least one file or folder');
  if (options.format !== 'text' && options.format !== 'json') throw new UsageError('--format is text or json');
  const config = loadConfig();
  const files = await readInputs(args);
  const { parseFile } = await agreementFiles();
  const results = files.map((f) => {
    const { result } = parseFile(f, { maxBytes: config.maxDocumentBytes });
    return { file: f.file, valid: result.ok, problems: result.ok ? [] : result.problems };
  });
  const problemCount = results.reduce((n, r) => n + r.problems.length, 0);
  if (options.format === 'json') {
    io.out(JSON.stringify({ valid: problemCount === 0, files: results }, null, 2) + '\n');
  } else {
    for (const r of results) for (const p of r.problems) io.out(formatProblem(p) + '\n');
    const invalid = results.filter((r) => !r.valid).length;
    io.err(problemCount === 0 ? `${files.length} file(s) valid\n` : `${problemCount} problem(s) in ${invalid} of ${files.length} file(s)\n`);
  }
  return problemCount === 0 && files.length > 0 ? 0 : 1;
};

const importCommand: Command = async ({ args, options, io, actor }) => {
  if (args.length === 0) throw new UsageError('import needs a folder or files');
  const baseVersion = options.base === undefined ? null : versionNumber('--base', options.base);
  const inputs = await readInputs(args);
  const { isLifecycleFile, isPapersFile } = await agreementFiles();
  const documents = inputs.filter((f) => !isLifecycleFile(f.file) && !isPapersFile(f.file)).length;
  if (baseVersion !== null && documents !== 1) throw new UsageError(`--base names the version of one agreement file; ${documents} were given`);
  const dryRun = options['dry-run'] === true;
  const report = await withServices((services) =>
    services.importer.import(inputs, {
      dryRun,
      actor: systemActor(actor),
      operation: 'import',
      changeNote: (file) => `Import aus ${file}`,
      baseVersion,
      force: options.force === true,
      onConflict: 'refuse',
    }),
  );
  const verb = dryRun
    ? { create: 'would create', update: 'would add', applied: 'would apply' }
    : { create: 'created', update: 'added', applied: 'applied' };
  for (const e of report.agreements) {
    if (e.action === 'unchanged') io.out(`${e.file}: ${e.agreementId} unchanged (version ${e.version})\n`);
    else if (e.action === 'create') io.out(`${e.file}: ${e.agreementId} ${verb.create} (version 1)\n`);
    else {
      const forced = !e.forced
        ? ''
        : `; forced: ${e.baseVersion === null ? 'the version the file was based on is unknown' : `the file was based on version ${e.baseVersion}`}`;
      io.out(
        `${e.file}: ${e.agreementId} ${verb.update} version ${e.version} (${e.changes.length} change(s) from version ${e.latestVersion}${forced})\n`,
      );
      for (const c of e.changes) io.out(`  ${c.kind.padEnd(7)} ${c.label}: ${show(c.before)} → ${show(c.after)}\n`);
    }
  }
  for (const e of report.lifecycle) {
    const outcome = { applied: verb.applied, unchanged: 'already recorded', conflict: 'not loaded', skipped: 'not loaded' }[e.outcome];
    io.out(`${e.file}: ${e.agreementId} ${outcome}: ${e.description}\n`);
  }
  if (dryRun) io.err('dry run: nothing was stored\n');
  return 0;
};

const exportCommand: Command = async ({ args, options, io }) => {
  const [agreementId] = args;
  if (!agreementId || args.length > 1) throw new UsageError('export needs exactly one agreement id');
  const number = options.version === undefined ? undefined : versionNumber('--version', options.version);
  const row = await withServices((services) => {
    const store = services.versions;
    return number ? store.findVersion(agreementId, number) : store.findLatest(agreementId);
  });
  if (!row) {
    io.err(`NOT_FOUND: ${number ? `version ${number} of ` : ''}agreement '${agreementId}' not found\n`);
    return 3;
  }
  const bytes = Buffer.from(row.yaml, 'utf8');
  if (options.out) writeFileSync(options.out, bytes);
  else io.out(row.yaml);
  // The file stays byte-exact, so its base travels on the command line.
  const what = options.out ? `wrote ${agreementId} version ${row.number} to ${options.out}` : `${agreementId} version ${row.number}`;
  io.err(`${what}; after editing, import it with --base ${row.number}\n`);
  return 0;
};

const verify: Command = async ({ options, io }) => {
  const expect = options.expect?.toLowerCase();
  if (expect !== undefined && !/^[0-9a-f]{64}$/.test(expect))
    throw new UsageError('--expect takes a head as verify prints it: 64 hexadecimal digits');
  const { ok, versions, log } = await withServices((services) => services.integrity.verify({ expect }));
  if (versions.ok) io.out(`chain intact: ${versions.versions} version(s) of ${versions.agreements} agreement(s) verified\n`);
  else io.out(`BROKEN: ${versions.firstBroken!.agreementId} version ${versions.firstBroken!.number}: ${versions.firstBroken!.reason}\n`);
  if (log.findingCount === 0) {
    const counts = RECORD_KINDS.map((kind) => `${RECORD_LABELS[kind]} ${log.byKind[kind]}`).join(', ');
    io.out(`records intact: ${log.records} in the register log (${counts})\n`);
  }
  for (const f of log.findings) io.out(`BROKEN: ${f.subject}: ${f.reason}\n`);
  if (log.findingCount > log.findings.length) io.out(`BROKEN: ${log.findingCount - log.findings.length} more finding(s) not shown\n`);
  const expected = log.expected;
  if (expected?.foundAt === null) {
    io.out(
      `BROKEN: head ${expected.head} is not in the register log: records it covered were removed or rewritten since it was taken, or it is another register's head\n`,
    );
  }
  // A head is worth keeping only from a register that checked out.
  if (!ok) return 1;
  io.out(`head: ${log.head ?? 'none (the register is empty)'}\n`);
  if (expected) {
    io.out(`expected head found at log entry ${expected.foundAt} of ${log.records}: everything it covered is unchanged\n`);
  }
  return 0;
};

const RECORD_LABELS: Record<RecordKind, string> = {
  version: 'versions',
  followUp: 'follow-up links',
  freeze: 'freezes',
  signature: 'signatures',
  withdrawal: 'withdrawals',
  amendment: 'amendments',
  paper: 'council papers',
  consultation: 'consultations',
  paperRevision: 'paper revisions',
  consultationRevision: 'consultation revisions',
  audit: 'audit entries',
};

const token: Command = async ({ args, options, io }) => {
  if (args.length > 0) throw new UsageError('token takes only options');
  const roles = options.role ?? [];
  if (roles.length === 0 || !roles.every(isRole)) throw new UsageError(`--role is one of ${ROLES.join(', ')} (may be repeated)`);
  if (!options.name) throw new UsageError('--name "<person>" is required');
  const party = options.party ?? null;
  const needsParty = roles.find((r) => r === 'senate-editor' || r === 'district-signatory' || r === 'council-office');
  if (needsParty && !party) throw new UsageError(`--party is required for ${needsParty}`);
  if (roles.includes('district-signatory') && !isBerlinDistrict(party)) {
    throw new UsageError(`--party of a district-signatory is a Berlin district: ${BERLIN_DISTRICTS.join(', ')}`);
  }
  const config = loadConfig();
  if (config.oidc) io.err('note: OIDC is configured; the service will not accept locally signed tokens\n');
  else if (!config.allowLocalTokens)
    io.err('note: the service accepts locally signed tokens in development mode (npm run dev) or with ALLOW_LOCAL_TOKENS=true\n');
  const { issueLocalToken, loadOrCreateLocalKey } = await import('../auth/tokens/local-key.js');
  const key = await loadOrCreateLocalKey(config.dataDir);
  const jwt = await issueLocalToken(
    key,
    {
      subject: options.subject,
      name: options.name,
      roles,
      departments: roles.includes('senate-editor') && party ? party.split(',') : [],
      district: roles.includes('district-signatory') ? party : null,
      body: roles.includes('council-office') ? party : null,
    },
    { expiresIn: options['expires-in'] ?? '8h' },
  ).catch((error: unknown) => {
    if (!(error instanceof TypeError)) throw error;
    // jose's wording for a span it cannot read does not say which option was meant.
    const unreadable = /time period/i.test(error.message);
    throw new UsageError(unreadable ? `--expires-in takes a span like 8h or 30m, got '${options['expires-in']}'` : error.message);
  });
  io.out(jwt + '\n');
  return 0;
};

const audit: Command = async ({ options, io }) => {
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit is a whole number from 1');
  const since = options.since ? new Date(options.since) : null;
  if (since && Number.isNaN(since.getTime())) throw new UsageError('--since is an ISO date or timestamp');
  const rows = await withServices((services) => services.audit.list({ agreementId: options.agreement ?? null, since, limit }));
  for (const r of rows) {
    const target = r.agreementId ? `${r.agreementId}${r.version ? `@${r.version}` : ''}` : '-';
    io.out(
      `${r.at.toISOString()}  ${r.outcome.padEnd(17)} ${r.operation.padEnd(20)} ${target.padEnd(30)} ${r.name} <${r.subject}> [${r.roles.join(',')}${r.party ? ' ' + r.party : ''}]\n`,
    );
  }
  io.err(`${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}\n`);
  return 0;
};

function versionNumber(option: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} is a whole number from 1`);
  return n;
}

/** Files and folders as named; one that cannot be read is the caller's mistake, said plainly. */
async function readInputs(paths: string[]): Promise<AgreementFile[]> {
  const { readAgreementFiles } = await agreementFiles();
  try {
    return readAgreementFiles(paths);
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    if (!code || !path) throw error;
    const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : code;
    throw new UsageError(`cannot read '${path}': ${why}`);
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

/**
 * Format 1 → format 2. A file is written as a file (--out, else standard output) and stores nothing; an agreement
 * id stores the migrated text as a new draft version on top of the latest, through the import (audited, refused
 * when someone saves in between). Stored format-1 versions stay as they are.
 */
const migrate: Command = async ({ args, options, io, actor }) => {
  const [target] = args;
  if (!target || args.length > 1) throw new UsageError('migrate needs exactly one file or agreement id');
  const { migrateToFormat2, migratedYaml } = await import('../documents/migrate-format.js');
  const { parseAgreement } = await import('../documents/parse-agreement.js');
  const asFile = /\.ya?ml$/i.test(target) || existsSync(target);
  let text: string;
  let origin: string;
  let base: { agreementId: string; number: number } | null = null;
  if (asFile) {
    const [file] = await readInputs([target]);
    text = Buffer.from(file.bytes).toString('utf8');
    origin = file.file;
  } else {
    if (options.out !== undefined) throw new UsageError('--out is for migrating a file; an agreement id is migrated into a new version');
    const row = await withServices((services) => services.versions.findLatest(target));
    if (!row) {
      io.err(`NOT_FOUND: agreement '${target}' not found\n`);
      return 3;
    }
    text = row.yaml;
    origin = `${target}, Fassung ${row.number}`;
    base = { agreementId: target, number: row.number };
  }
  const parsed = parseAgreement(text, { file: origin });
  if (!parsed.ok) {
    for (const p of parsed.problems) io.out(formatProblem(p) + '\n');
    io.err(`${origin} is not a valid agreement; fix it first\n`);
    return 1;
  }
  if (parsed.content.formatVersion === 2) {
    io.err(`${origin} is in format 2 already; nothing to do\n`);
    return 0;
  }
  const migrated = migrateToFormat2(parsed.content);
  if (!migrated.ok) {
    for (const p of migrated.problems) io.out(`${origin} ${p.path} ${p.message}\n`);
    io.err(`${origin} cannot be written in format 2 as it is; nothing was written\n`);
    return 1;
  }
  const yaml = migratedYaml(text, migrated.document, origin);
  if (base === null) {
    if (options.out) writeFileSync(options.out, yaml);
    else io.out(yaml);
    io.err(`${options.out ? `wrote ${options.out}` : origin}: format 2; review what is marked { missing: unknown }\n`);
    return 0;
  }
  const { agreementId, number } = base;
  const report = await withServices((services) =>
    services.importer.import([{ file: `${agreementId}.yaml`, bytes: Buffer.from(yaml, 'utf8') }], {
      dryRun: options['dry-run'] === true,
      actor: systemActor(actor),
      operation: 'migrate',
      changeNote: () => `Formatmigration: Fassung ${number} in Formatversion 2`,
      baseVersion: number,
      onConflict: 'refuse',
    }),
  );
  const stored = report.agreements[0];
  const dry = options['dry-run'] === true;
  io.out(`${agreementId}: ${dry ? 'would add' : 'added'} version ${stored.version} in format 2 (from version ${number})\n`);
  if (dry) io.err('dry run: nothing was stored\n');
  return 0;
};

const report: Command = async ({ args, options, io }) => {
  const [agreementId] = args;
  if (!agreementId || args.length > 1) throw new UsageError('report needs exactly one agreement id');
  const asOf = options['as-of'] ?? null;
  if (asOf !== null && !isIsoDate(asOf)) throw new UsageError('--as-of is a date, YYYY-MM-DD');
  let text: string;
  if (options['draft-paper'] === true) {
    if (!options.body) throw new UsageError('--draft-paper needs --body <council body>, e.g. bvv-neukoelln');
    const body = options.body;
    text = await withServices((services) => services.reports.draftCouncilPaper(agreementId, body, asOf));
  } else {
    if (options.body !== undefined) throw new UsageError('--body belongs to --draft-paper');
    // --format defaults to text for the other commands; for a report, text is Markdown.
    const format = { text: 'MARKDOWN', md: 'MARKDOWN', markdown: 'MARKDOWN', html: 'HTML' }[options.format ?? 'text'] as
      'MARKDOWN' | 'HTML' | undefined;
    if (format === undefined) throw new UsageError('--format is md or html');
    text = await withServices((services) => services.reports.agreementReport(agreementId, asOf, format));
  }
  if (options.out) writeFileSync(options.out, text);
  else io.out(text);
  return 0;
};

/**
 * `oparl import <file|folder...> --body <body>`: OParl 1.1 JSON as served (a folder: its .json files), as papers of the
 * register's council body, in one transaction with its audit entry.
 */
const oparl: Command = async ({ args, options, io, actor }) => {
  const [sub, ...paths] = args;
  if (sub !== 'import' || paths.length === 0) throw new UsageError('oparl import needs a file or folder');
  if (!options.body) throw new UsageError("--body names the register's council body, e.g. bvv-neukoelln");
  const body = options.body;
  const files = paths.flatMap((path) => {
    try {
      return statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => join(path, f))
        : [path];
    } catch {
      throw new UsageError(`cannot read '${path}': no such file or folder`);
    }
  });
  if (files.length === 0) throw new UsageError('no .json file to import');
  const { mapOParlSources } = await import('../papers/rules/oparl.js');
  const sources: { source: string; json: unknown }[] = [];
  for (const file of files) {
    try {
      sources.push({ source: basename(file), json: JSON.parse(readFileSync(file, 'utf8')) as unknown });
    } catch (error) {
      io.out(`${basename(file)}#: OPARL_NOT_JSON: ${(error as Error).message}\n`);
      io.err('BAD_INPUT: the import is not JSON; nothing was stored\n');
      return 3;
    }
  }
  const reading = mapOParlSources(sources, body);
  const outcomes = await withServices((services) =>
    services.importOParl(
      systemActor(actor),
      body,
      reading,
      files.map((f) => basename(f)),
    ),
  );
  for (const o of outcomes) io.out(`${o.body} ${o.reference} (${o.oparlId}): ${o.outcome}\n`);
  return 0;
};

export const commands: Record<string, Command> = {
  oparl,
  validate,
  migrate,
  import: importCommand,
  export: exportCommand,
  verify,
  token,
  audit,
  report,
};
