import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/common/project-root.js';

/**
 * `npm run cli` as a user calls it. Every Node program started on the way (npm, the staleness
 * check, the compiler, the CLI) notes its command line, so the test sees whether tsc ran.
 */
describe('npm run cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zv-cli-start-'));
  const hook = join(dir, 'note-program.mjs');
  writeFileSync(
    hook,
    "import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.ZV_PROGRAMS, process.argv.slice(1).join(' ') + '\\n');\n",
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const npmCli = (args: string[], log: string) =>
    new Promise<{ code: number; stderr: string; programs: string[] }>((resolve, reject) => {
      writeFileSync(log, '');
      const child = spawn('npm', ['run', '-s', 'cli', '--', ...args], {
        cwd: projectRoot(),
        env: { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(hook).href}`, ZV_PROGRAMS: log },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stderr, programs: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) }));
    });

  it('starts the built CLI without compiling when nothing changed since the last build', async () => {
    // The first call builds only if a source is newer than the build (as after an edit).
    const first = await npmCli(['help'], join(dir, 'first.log'));
    expect(first.code).toBe(0);

    const second = await npmCli(['help'], join(dir, 'second.log'));
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('Usage: npm run cli -- <command>');
    expect(second.programs.filter((p) => /typescript|\btsc\b|npm-cli\.js run build/.test(p))).toEqual([]);
    expect(second.programs.some((p) => p.includes('scripts/build-if-stale.mjs'))).toBe(true);
    expect(second.programs.some((p) => p.includes('dist/src/cli/main.js help'))).toBe(true);
  }, 180_000);

  it('counts a build stale when a source, a folder or an output is newer or missing', async () => {
    const { isStale } = (await import(pathToFileURL(join(projectRoot(), 'scripts/build-if-stale.mjs')).href)) as {
      isStale: (base: string) => boolean;
    };
    const base = join(dir, 'project');
    const at = (path: string, seconds: number) => {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), '');
      utimesSync(join(base, path), seconds, seconds);
    };
    at('src/cli/main.ts', 1000);
    at('migrations/index.ts', 1000);
    at('package.json', 1000);
    for (const folder of ['src/cli', 'src', 'migrations']) utimesSync(join(base, folder), 1000, 1000);
    at('dist/src/main.js', 2000);
    at('dist/src/cli/main.js', 2000);
    at('dist/.tsbuildinfo', 2000);
    expect(isStale(base)).toBe(false);

    utimesSync(join(base, 'src/cli/main.ts'), 3000, 3000);
    expect(isStale(base)).toBe(true);
    utimesSync(join(base, 'src/cli/main.ts'), 1000, 1000);
    utimesSync(join(base, 'src/cli'), 3000, 3000); // a file added or removed there
    expect(isStale(base)).toBe(true);
    utimesSync(join(base, 'src/cli'), 1000, 1000);
    rmSync(join(base, 'dist/src/cli/main.js'));
    expect(isStale(base)).toBe(true);
  });
});
