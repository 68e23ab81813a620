import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/project-root.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (npm test builds first), against the given database. */
export function runCli(args: string[], env: Record<string, string>, cwd = projectRoot()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist/src/cli/main.js'), ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
