// Rebuilds dist/ only when a source changed since the last build, so that `npm run cli` with
// nothing changed starts at once instead of running the compiler first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Written by every build (tsconfig.json's tsBuildInfoFile); touched below when tsc had nothing to write. */
const STAMP = 'dist/.tsbuildinfo';
const INPUTS = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const OUTPUTS = ['dist/src/main.js', 'dist/src/cli/main.js'];

/** Whether any input (file, or folder: an added or removed file changes its time) is newer than the stamp. */
export function isStale(base = root) {
  if (![STAMP, ...OUTPUTS].every((path) => existsSync(join(base, path)))) return true;
  const built = statSync(join(base, STAMP)).mtimeMs;
  const newer = (path) => {
    const stat = statSync(path);
    if (stat.mtimeMs > built) return true;
    return stat.isDirectory() && readdirSync(path).some((name) => newer(join(path, name)));
  };
  return INPUTS.some((input) => existsSync(join(base, input)) && newer(join(base, input)));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && isStale()) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const now = new Date();
  utimesSync(join(root, STAMP), now, now);
}
