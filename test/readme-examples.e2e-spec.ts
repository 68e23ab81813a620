import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { runCli } from './support/cli.js';
import { startTestApp, type TestApp, type Untyped } from './support/test-app.js';
import { projectRoot } from '../src/common/project-root.js';

/*
 * The README's examples, run in the order they appear against the real service as `npm start`
 * leaves it (agreements/ loaded), with the real CLI; what they print must be what the README shows.
 *
 * How the README is read (keep new examples to it):
 * - ```sh blocks: one command a line (a line ending in `\` goes on); nothing shown, so each must
 *   exit 0. `npm install`, `npm run dev`, `npm start` and `npm test` stand for the service this
 *   test starts and are not run.
 * - untagged blocks whose first line begins with `$ `: commands, each followed by what it prints
 *   (its stdout, then its stderr).
 * - commands: `npm run -s cli -- …` runs the built CLI with the service's database and key, in a
 *   working folder holding copies of agreements/ and examples/ (files the examples write stay
 *   there); `NAME=$(command)` keeps the output for `$NAME`; `curl` to localhost:3000 goes to the
 *   service; any other program (sed) runs as it is, in the working folder.
 * - ```graphql blocks: each operation is posted on its own with the token of the nearest
 *   `# as <role>` or `# as <role> of <party>` comment above it: what the README's
 *   `token --role <role> [--party <party>]` command printed. `# $name: the text of <file>` sends
 *   that file of the working folder as variable `name`. The answer must have no errors.
 * - a ```json block right after a block is the answer of that block's last example, curl or GraphQL.
 * - in shown output and in JSON strings `…` stands for any text, `<64 hex digits>` for a SHA-256.
 */

interface Command {
  kind: 'command';
  line: number;
  text: string;
  /** What the README shows it printing; null in a ```sh block, which shows nothing. */
  output: string | null;
  answer?: { line: number; json: string };
}

interface Operation {
  kind: 'graphql';
  line: number;
  query: string;
  role: string;
  files: Record<string, string>;
  answer?: { line: number; json: string };
}

type Example = Command | Operation;

const START_COMMANDS = ['npm install', 'npm run dev', 'npm start', 'npm test'];
const PLACEHOLDERS: Record<string, string> = { '…': '[\\s\\S]*?', '<64 hex digits>': '[0-9a-f]{64}' };

function blocks(markdown: string): Array<{ lang: string; line: number; lines: string[] }> {
  const lines = markdown.split('\n');
  const found: Array<{ lang: string; line: number; lines: string[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block is not closed`);
    found.push({ lang: open[1], line: i + 2, lines: lines.slice(i + 1, end) });
    i = end;
  }
  return found;
}

/** Lines ending in a backslash continue on the next, as in a shell. */
function joinContinued(lines: string[], first: number): Array<{ line: number; text: string }> {
  const joined: Array<{ line: number; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = first + i;
    let text = lines[i];
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i];
    joined.push({ line, text });
  }
  return joined;
}

function graphqlOperations(block: { line: number; lines: string[] }): Operation[] {
  const source = block.lines.join('\n');
  const comments = block.lines.map((text, i) => ({ line: block.line + i, text: text.trim() })).filter((c) => c.text.startsWith('#'));
  return parse(source).definitions.map((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.loc) throw new Error(`README.md:${block.line}: only operations`);
    const line = block.line + definition.loc.startToken.line - 1;
    const above = comments.filter((c) => c.line <= line);
    const role = above.map((c) => /^# as (.+)$/.exec(c.text)?.[1]).filter((r) => r !== undefined);
    if (role.length === 0) throw new Error(`README.md:${line}: a GraphQL example names no role (# as <role> of <party>)`);
    const files: Record<string, string> = {};
    for (const c of above) {
      const variable = /^# \$(\w+): the text of (\S+)$/.exec(c.text);
      if (variable) files[variable[1]] = variable[2];
    }
    return { kind: 'graphql', line, query: source.slice(definition.loc.start, definition.loc.end), role: role[role.length - 1].trim(), files };
  });
}

/** The examples of the README in order. */
function examples(markdown: string): Example[] {
  const found: Example[] = [];
  for (const block of blocks(markdown)) {
    if (block.lang === 'sh') {
      for (const { line, text } of joinContinued(block.lines, block.line)) {
        if (text.trim() === '' || text.trim().startsWith('#')) continue;
        found.push({ kind: 'command', line, text, output: null });
      }
    } else if (block.lang === '' && block.lines[0]?.startsWith('$ ')) {
      for (const { line, text } of joinContinued(block.lines, block.line)) {
        const last = found[found.length - 1];
        if (text.startsWith('$ ')) found.push({ kind: 'command', line, text: text.slice(2), output: '' });
        else if (last.kind === 'command' && last.output !== null) last.output += (last.output === '' ? '' : '\n') + text;
      }
    } else if (block.lang === 'graphql') {
      found.push(...graphqlOperations(block));
    } else if (block.lang === 'json') {
      const last = found[found.length - 1];
      if (!last || last.answer) throw new Error(`README.md:${block.line}: a JSON answer follows no example`);
      last.answer = { line: block.line, json: block.lines.join('\n') };
    }
  }
  return found;
}

/** Splits a command line into words as a shell does: quotes, backslashes, `$NAME`, `# comments`. */
function shellWords(line: string, vars: Map<string, string>): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const expand = () => {
    const m = /^\$(?:\{(\w+)\}|(\w+))/.exec(line.slice(i));
    if (!m) throw new Error(`cannot expand '${line.slice(i)}'`);
    const value = vars.get(m[1] ?? m[2]);
    if (value === undefined) throw new Error(`$${m[1] ?? m[2]} is not set by an example above`);
    i += m[0].length;
    return value;
  };
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= '';
      for (i++; line[i] !== '"';) {
        if (i >= line.length) throw new Error(`unclosed quote in ${line}`);
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else if (line[i] === '$') word += expand();
        else word += line[i++];
      }
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === '$') {
      word = (word ?? '') + expand();
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The README's text with its placeholders, as a pattern for the whole of what was printed. */
function pattern(shown: string): RegExp {
  const keys = Object.keys(PLACEHOLDERS).map(escapeRegExp).join('|');
  const parts = shown.split(new RegExp(`(${keys})`));
  return new RegExp(`^${parts.map((p) => PLACEHOLDERS[p] ?? escapeRegExp(p)).join('')}$`);
}

/** For the failure's diff: each shown line that matches the printed line in its place, replaced by it. */
function resolveLines(shown: string, printed: string): string {
  const lines = printed.split('\n');
  return shown
    .split('\n')
    .map((line, i) => (i < lines.length && pattern(line).test(lines[i]) ? lines[i] : line))
    .join('\n');
}

/** `expected` with each string holding a placeholder replaced by the actual value it matches, for toEqual. */
function resolvePlaceholders(expected: Untyped, actual: Untyped): Untyped {
  if (typeof expected === 'string' && typeof actual === 'string') return pattern(expected).test(actual) ? actual : expected;
  if (Array.isArray(expected) && Array.isArray(actual)) return expected.map((e, i) => resolvePlaceholders(e, actual[i]));
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected)) {
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, resolvePlaceholders(v, actual[k])]));
  }
  return expected;
}

function expectAnswer(answer: { line: number; json: string }, actual: Untyped) {
  let expected: Untyped;
  try {
    expected = JSON.parse(answer.json);
  } catch (error) {
    throw new Error(`README.md:${answer.line}: the answer shown is not JSON`, { cause: error });
  }
  expect(actual).toEqual(resolvePlaceholders(expected, actual));
}

function run(program: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
const steps = examples(readme);

describe('README examples, run in order on a freshly started register', () => {
  let t: TestApp;
  let work: string;
  let cliEnv: Record<string, string>;
  const vars = new Map<string, string>();
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp(); // loads agreements/, as npm start does
    work = mkdtempSync(join(tmpdir(), 'zv-readme-'));
    for (const folder of ['agreements', 'examples']) cpSync(join(projectRoot(), folder), join(work, folder), { recursive: true });
    cliEnv = { DATABASE_URL: t.databaseUrl, DATA_DIR: t.config.dataDir };
  });
  afterAll(async () => {
    await t?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('finds the examples: commands with their output, GraphQL with roles, answers', () => {
    expect(steps.filter((s) => s.kind === 'command' && s.output !== null).length).toBeGreaterThan(5);
    expect(steps.filter((s) => s.kind === 'graphql').length).toBeGreaterThan(5);
    expect(steps.filter((s) => s.answer).length).toBeGreaterThan(2);
  });

  /** Runs one command line; the CLI through runCli, curl as an HTTP request to the service. */
  const command = async (text: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    const assignment = /^(\w+)=\$\((.*)\)\s*$/.exec(text.trim());
    if (assignment) {
      const result = await command(assignment[2]);
      vars.set(assignment[1], result.stdout.trim());
      return { ...result, stdout: '' };
    }
    const words = shellWords(text, vars);
    if (words.slice(0, 5).join(' ') === 'npm run -s cli --') {
      const args = words.slice(5);
      const result = await runCli(args, cliEnv, work);
      if (args[0] === 'token' && result.code === 0) {
        const option = (name: string) => args[args.indexOf(name) + 1];
        const role = option('--role');
        tokens.set(args.includes('--party') ? `${role} of ${option('--party')}` : role, result.stdout.trim());
      }
      return result;
    }
    if (words[0] === 'curl') return curl(words.slice(1));
    if (words[0] === 'npm') throw new Error(`only 'npm run -s cli -- …' is run here, not: ${text}`);
    return run(words[0], words.slice(1), work);
  };

  const curl = async (args: string[]) => {
    let url: string | undefined;
    let body: string | undefined;
    const headers: Record<string, string> = {};
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-s') continue;
      else if (args[i] === '-H') {
        const [name, ...value] = args[++i].split(':');
        headers[name.trim()] = value.join(':').trim();
      } else if (args[i] === '-d') body = args[++i];
      else if (args[i].startsWith('-')) throw new Error(`curl ${args[i]} is not supported here`);
      else url = args[i];
    }
    const target = new URL(/^https?:\/\//.test(url ?? '') ? url! : `http://${url}`);
    expect(target.host).toBe('localhost:3000');
    const res = await fetch(`${t.baseUrl}${target.pathname}${target.search}`, { method: body === undefined ? 'GET' : 'POST', headers, body });
    return { code: res.ok ? 0 : 22, stdout: await res.text(), stderr: '' };
  };

  for (const step of steps) {
    if (step.kind === 'command') {
      const parts = step.text
        .replace(/\s#.*$/, '')
        .split('&&')
        .map((p) => p.trim());
      if (parts.every((p) => START_COMMANDS.includes(p))) continue;
      it(`README.md:${step.line}: ${step.text.trim().slice(0, 100)}`, async () => {
        const result = await command(step.text);
        if (step.output === null) {
          expect(result).toMatchObject({ code: 0 });
        } else {
          const printed = (result.stdout + result.stderr).replace(/\n+$/, '');
          const shown = step.output.replace(/\n+$/, '');
          if (!pattern(shown).test(printed)) expect(printed).toBe(resolveLines(shown, printed));
        }
        if (step.answer) {
          const answer = JSON.parse(result.stdout);
          expect(answer.errors).toBeUndefined();
          expectAnswer(step.answer, answer);
        }
      });
    } else {
      it(`README.md:${step.line}: ${step.query.replace(/\s+/g, ' ').slice(0, 100)}`, async () => {
        const token = tokens.get(step.role);
        if (!token) throw new Error(`no token for '${step.role}': the README makes none with 'token --role … --party …' above`);
        const variables = Object.fromEntries(Object.entries(step.files).map(([name, file]) => [name, readFileSync(join(work, file), 'utf8')]));
        const res = await t.gql(step.query, variables, { as: token });
        expect(res.errors).toBeUndefined();
        expect(res.status).toBe(200);
        if (step.answer) expectAnswer(step.answer, { data: res.data });
      });
    }
  }
});
