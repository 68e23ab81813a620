import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { projectRoot } from '../src/common/project-root.js';

/** package.json's `engines.node` is a promise: every installed package must run on every Node version it admits. */
describe('the stated Node engine', () => {
  const root = projectRoot();
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
  const stated: string = read(join(root, 'package.json')).engines.node;

  it('admits the Node version that runs the tests', () => {
    expect(semver.satisfies(process.version, stated)).toBe(true);
  });

  it('lies within the engines of every installed package', () => {
    const lock = read(join(root, 'package-lock.json'));
    // Optional packages for other platforms are in the lock file but not installed.
    const installed = Object.keys(lock.packages).filter((path) => path !== '' && existsSync(join(root, path, 'package.json')));
    expect(installed.length).toBeGreaterThan(100);
    const narrower = installed.flatMap((path) => {
      const node: unknown = read(join(root, path, 'package.json')).engines?.node;
      if (typeof node !== 'string') return [];
      return semver.validRange(node) && semver.subset(stated, node) ? [] : [`${path} needs node ${node}`];
    });
    expect(narrower).toEqual([]);
  });
});
