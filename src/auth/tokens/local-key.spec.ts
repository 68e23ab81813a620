import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_TOKEN_MAX_LIFETIME_S, loadOrCreateLocalKey, localKeyPath } from './local-key.js';

describe('loadOrCreateLocalKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zv-key-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the key once, private to the owner, and reloads it identically', async () => {
    const created = await loadOrCreateLocalKey(dir);
    expect(created.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: created.kid, alg: 'ES256' });
    expect(created.publicJwk.d).toBeUndefined();
    expect(typeof created.privateJwk.d).toBe('string');
    expect((await stat(localKeyPath(dir))).mode & 0o777).toBe(0o600);

    const reloaded = await loadOrCreateLocalKey(dir);
    expect(reloaded).toEqual(created);
  });

  it('agrees on one key when started concurrently', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateLocalKey(dir)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect((JSON.parse(await readFile(localKeyPath(dir), 'utf8')) as { kid: string }).kid).toBe(keys[0].kid);
  });

  it('refuses a damaged key file rather than replacing it', async () => {
    const key = await loadOrCreateLocalKey(dir);
    await writeFile(localKeyPath(dir), JSON.stringify({ ...key, kid: 'other' }));
    await expect(loadOrCreateLocalKey(dir)).rejects.toThrow(/kid is not the key thumbprint/);
    await writeFile(localKeyPath(dir), '{');
    await expect(loadOrCreateLocalKey(dir)).rejects.toThrow(/not JSON/);
  });

  it('issues tokens with the local issuer, audience and kid', async () => {
    const key = await loadOrCreateLocalKey(dir);
    const token = await issueLocalToken(key, { name: 'Erika Muster', roles: ['reader'] });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: key.kid });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'local:Erika Muster', roles: ['reader'] });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('refuses to issue a token the verifier would reject', async () => {
    const key = await loadOrCreateLocalKey(dir);
    await expect(issueLocalToken(key, { name: 'x', roles: [] })).rejects.toThrow(TypeError);
    await expect(issueLocalToken(key, { name: 'x', roles: ['root' as never] })).rejects.toThrow(/known roles/);
    await expect(issueLocalToken(key, { name: 'x', roles: ['admin'] }, { expiresIn: '25h' })).rejects.toThrow(
      'a local token may last at most 24 hours, asked for 25h',
    );
    const day = decodeJwt(await issueLocalToken(key, { name: 'x', roles: ['admin'] }, { expiresIn: '24h' }));
    expect(day.exp! - day.iat!).toBe(LOCAL_TOKEN_MAX_LIFETIME_S);
  });
});
