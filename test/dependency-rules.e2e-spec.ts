import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectRoot } from '../src/common/project-root.js';

/**
 * The layering rules of .dependency-cruiser.cjs, run by the real dependency-cruiser on a small
 * project laid out like src/: what the layering allows passes, each kind of upward import fails
 * under its own rule. A rule whose pattern matched nothing would pass CI forever unnoticed.
 */
const ALLOWED: Record<string, string> = {
  'src/common/clock.ts': `export const now = () => 0;`,
  'src/common/storage.ts': `import pg from 'pg';\nexport const pool = pg;`,
  'src/versions/versions.service.ts': `import { now } from '../common/clock.js';\nimport type { VersionModel } from './models/version.model.js';\nexport const service = (): VersionModel => ({ n: now() });`,
  'src/versions/models/version.model.ts': `export interface VersionModel { n: number }`,
  'src/versions/versions.service.spec.ts': `import { helper } from '../../test/support/helper.js';\nexport const spec = helper;`,
  'src/documents/parse.ts': `import { now } from '../common/clock.js';\nimport { parties } from '../parties/berlin-parties.js';\nexport const parse = [now, parties];`,
  'src/parties/berlin-parties.ts': `import { now } from '../common/clock.js';\nexport const parties = now;`,
  'src/parties/parties.module.ts': `import { Module } from '@nestjs/common';\nimport { parties } from './berlin-parties.js';\nexport const module = [Module, parties];`,
  'src/app.module.ts': `import { service } from './versions/versions.service.js';\nexport const app = service;`,
  'src/main.ts': `import { app } from './app.module.js';\nexport default app;`,
  'src/cli/main.ts': `import { app } from '../app.module.js';\nexport default app;`,
  'test/support/helper.ts': `export const helper = 1;`,
};

const UPWARD: Record<string, string> = {
  'src/common/upward.ts': `import { service } from '../versions/versions.service.js';\nimport { app } from '../app.module.js';\nexport const up = [service, app];`,
  'src/documents/nest.ts': `import { Injectable } from '@nestjs/common';\nexport const nest = Injectable;`,
  'src/parties/upward.ts': `import { parse } from '../documents/parse.js';\nexport const up = parse;`,
  'src/parties/nest.ts': `import { Injectable } from '@nestjs/common';\nexport const nest = Injectable;`,
  'src/lifecycle/rules/indirect.ts': `import { pool } from '../../common/storage.js';\nexport const indirect = pool;`,
  'src/documents/wired.ts': `import type { VersionModel } from '../versions/models/version.model.js';\nimport { service } from '../versions/versions.service.js';\nexport const wired: VersionModel | typeof service = service;`,
  'src/health/ping.ts': `import { pong } from './pong.js';\nexport const ping = () => pong;`,
  'src/health/pong.ts': `import { ping } from './ping.js';\nexport const pong = () => ping;`,
  'src/audit/up.ts': `import { app } from '../app.module.js';\nexport const audit = app;`,
  'src/auth/tested.ts': `import { helper } from '../../test/support/helper.js';\nimport { spec } from '../versions/versions.service.spec.js';\nexport const tested = [helper, spec];`,
  'src/health/lonely.ts': `export const lonely = 1;`,
  'src/health/broken.ts': `import { gone } from './gone.js';\nexport const broken = gone;`,
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** A throwaway project with the given files, this project's packages and a plain tsconfig. */
function layout(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zv-deps-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text + '\n');
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }));
  symlinkSync(join(projectRoot(), 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Runs dependency-cruiser on src/ with this project's config; the `err` output is what `npm run lint:deps` prints. */
function depcruise(dir: string, outputType: 'err' | 'json') {
  const bin = join(projectRoot(), 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const config = join(projectRoot(), '.dependency-cruiser.cjs');
  return spawnSync(process.execPath, [bin, 'src', '--config', config, '--output-type', outputType], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function violations(dir: string): string[] {
  const run = depcruise(dir, 'json');
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  // A package resolves through the symlink to the project's own node_modules.
  const shortPath = (path: string) => path.replace(/^.*node_modules\//, 'node_modules/');
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${shortPath(v.to)}`).sort();
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('accept what the layering allows: features on shared folders, pure rules on the parties, cli on the top-level files, specs on test/', () => {
    const dir = layout(ALLOWED);
    dirs.push(dir);
    const run = depcruise(dir, 'err');
    expect(run.stdout).toMatch(/no dependency violations found/);
    expect(run.status).toBe(0);
  });

  it('refuse each upward import, naming the rule, the importing file and the imported one', () => {
    const dir = layout({ ...ALLOWED, ...UPWARD });
    dirs.push(dir);
    expect(violations(dir)).toEqual(
      [
        'shared-imports-no-feature: src/common/upward.ts → src/versions/versions.service.ts',
        'shared-imports-no-feature: src/common/upward.ts → src/app.module.ts',
        'pure-rules-without-nest: src/documents/nest.ts → node_modules/@nestjs/common/index.js',
        'pure-rules-without-nest: src/lifecycle/rules/indirect.ts → node_modules/pg/esm/index.mjs',
        'shared-imports-no-feature: src/parties/upward.ts → src/documents/parse.ts',
        'pure-rules-without-nest: src/parties/nest.ts → node_modules/@nestjs/common/index.js',
        'pure-rules-without-wiring: src/documents/wired.ts → src/versions/models/version.model.ts',
        'pure-rules-without-wiring: src/documents/wired.ts → src/versions/versions.service.ts',
        'no-circular: src/health/ping.ts → src/health/pong.ts', // one violation per cycle
        'features-not-to-top-level: src/audit/up.ts → src/app.module.ts',
        'src-not-to-test: src/auth/tested.ts → test/support/helper.ts',
        'src-not-to-test: src/auth/tested.ts → src/versions/versions.service.spec.ts',
        'no-orphans: src/health/lonely.ts → src/health/lonely.ts',
        'not-to-unresolvable: src/health/broken.ts → ./gone.js',
      ].sort(),
    );
    const run = depcruise(dir, 'err');
    expect(run.stdout).toMatch(/x 14 dependency violations \(14 errors, 0 warnings\)/);
    expect(run.status).not.toBe(0);
  });
});
