import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEGACY_SUPERUSER, loadOrCreateCredentials } from './embedded-credentials.js';

describe('loadOrCreateCredentials', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zv-credentials-'));
    path = join(dir, 'postgres-credentials.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates three different random passwords once, readable by the owner only, and reuses them', async () => {
    const created = await loadOrCreateCredentials(path);
    expect(created.superuser.user).toBe('zv');
    expect(created.owner.user).toBe('zv_owner');
    expect(created.runtime.user).toBe('zv_app');
    const passwords = [created.superuser, created.owner, created.runtime].map((r) => r.password);
    for (const p of passwords) expect(p).toMatch(/^[0-9a-f]{48}$/);
    expect(new Set(passwords).size).toBe(3);
    expect(passwords).not.toContain(LEGACY_SUPERUSER.password);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const bytes = await readFile(path, 'utf8');
    expect(await loadOrCreateCredentials(path)).toEqual(created);
    expect(await readFile(path, 'utf8')).toBe(bytes);
  });

  it('agrees on one set when the service and the CLI start together', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateCredentials(path)));
    expect(new Set(all.map((c) => c.runtime.password)).size).toBe(1);
    expect((JSON.parse(await readFile(path, 'utf8')) as { runtime: { password: string } }).runtime.password).toBe(all[0].runtime.password);
  });

  it('narrows a file copied with a wider mode back to 0600', async () => {
    const created = await loadOrCreateCredentials(path);
    await chmod(path, 0o644);
    expect(await loadOrCreateCredentials(path)).toEqual(created);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file rather than replacing it: the cluster accepts only these passwords', async () => {
    const created = await loadOrCreateCredentials(path);
    await writeFile(path, JSON.stringify({ ...created, runtime: { user: 'zv_app', password: 'geheim' } }));
    await expect(loadOrCreateCredentials(path)).rejects.toThrow(
      `the database credentials ${path} are invalid (runtime.password must be at least 32 hex digits)`,
    );
    await writeFile(path, '{');
    await expect(loadOrCreateCredentials(path)).rejects.toThrow(/\(not JSON\); restore the file from a backup/);
  });
});
