import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWTPayload } from 'jose';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey, type LocalSigningKey } from './local-key.js';
import { actorFromClaims, createLocalVerifier, TokenError, type TokenFailure } from './token-verifier.js';
import { actorLabel } from '../../common/actor.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function failure(promise: Promise<unknown>): Promise<TokenFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return (error as TokenError).reason;
}

describe('local tokens', () => {
  let dir: string;
  let key: LocalSigningKey;
  let otherKey: LocalSigningKey;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zv-verify-'));
    key = await loadOrCreateLocalKey(join(dir, 'a'));
    otherKey = await loadOrCreateLocalKey(join(dir, 'b'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Claims spelled out, so a test can drop or falsify any one of them (undefined drops it).
  const sign = async (claims: JWTPayload, signingKey = key, kid = signingKey.kid) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 's1', iat: now, exp: now + 3600, roles: ['reader'], ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid }).sign(await importJWK(signingKey.privateJwk, 'ES256'));
  };

  it('verifies a locally issued token to its actor', async () => {
    const token = await issueLocalToken(key, {
      subject: 'u-17',
      name: 'Erika Muster',
      roles: ['senate-editor', 'reader'],
      departments: ['senias'],
    });
    const actor = await createLocalVerifier(key).verify(token);
    expect(actor).toEqual({
      subject: 'u-17',
      name: 'Erika Muster',
      roles: ['senate-editor', 'reader'],
      departments: ['senias'],
      district: null,
      body: null,
    });
    expect(actorLabel(actor)).toBe('Erika Muster (senate-editor senias, reader)');
  });

  it('takes a token it verified before only while the checks it passed still hold', async () => {
    let now = Date.now();
    const verifier = createLocalVerifier(key, () => now);
    const token = await sign({ iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 60 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 's1' });
    now += 80_000; // past exp, within the 30 s of clock tolerance
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 's1' });
    now += 11_000;
    expect(await failure(verifier.verify(token))).toBe('expired');
    // A token refused once is refused again, not remembered.
    expect(await failure(verifier.verify(token))).toBe('expired');
  });

  it.each<[string, () => Promise<string>, TokenFailure | 'ok']>([
    ['expired', () => issueLocalToken(key, { name: 'x', roles: ['reader'] }, { expiresIn: '-1h' }), 'expired'],
    ['signed by another key', () => issueLocalToken(otherKey, { name: 'x', roles: ['reader'] }), 'bad-signature'],
    ['another key under our kid', () => sign({}, otherKey, key.kid), 'bad-signature'],
    ['wrong audience', () => sign({ aud: 'someone-else' }), 'wrong-audience'],
    ['wrong issuer', () => sign({ iss: 'https://evil.example' }), 'wrong-issuer'],
    ['not yet valid', () => sign({ nbf: Math.floor(Date.now() / 1000) + 3600 }), 'not-yet-valid'],
    ['a little early, within the clock tolerance', () => sign({ nbf: Math.floor(Date.now() / 1000) + 10 }), 'ok'],
    ['without expiry', () => sign({ exp: undefined }), 'malformed'],
    ['valid until 2126', () => sign({ exp: Date.UTC(2126, 0, 1) / 1000 }), 'too-long-lived'],
    ['valid for a day and a minute', () => sign({ exp: Math.floor(Date.now() / 1000) + 86460 }), 'too-long-lived'],
    ['valid for a day', () => sign({ exp: Math.floor(Date.now() / 1000) + 86400 }), 'ok'],
    [
      'issued in a week',
      () => sign({ iat: Math.floor(Date.now() / 1000) + 7 * 86400, exp: Math.floor(Date.now() / 1000) + 7 * 86400 + 60 }),
      'malformed',
    ],
    ['without the time it was issued', () => sign({ iat: undefined }), 'malformed'],
    ['without subject', () => sign({ sub: undefined }), 'malformed'],
    ['without known roles', () => sign({ roles: ['root', 'superuser'] }), 'no-roles'],
    ['without roles claim', () => sign({ roles: undefined }), 'no-roles'],
    ['roles of the wrong type', () => sign({ roles: 'admin' }), 'malformed'],
    [
      'with alg none',
      () => Promise.resolve(`${b64({ alg: 'none' })}.${b64({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 's', roles: ['admin'], exp: 2e9 })}.`),
      'bad-signature',
    ],
    ['malformed string', () => Promise.resolve('not.a.jwt'), 'malformed'],
    ['garbage', () => Promise.resolve('%%%'), 'malformed'],
    ['empty', () => Promise.resolve(''), 'missing'],
  ])('handles a token %s', async (_label, make, expected) => {
    const verification = createLocalVerifier(key).verify(await make());
    if (expected === 'ok') await expect(verification).resolves.toMatchObject({ subject: 's1' });
    else expect(await failure(verification)).toBe(expected);
  });

  it('does not put token content into the message', async () => {
    const token = await sign({ iss: 'https://evil.example' });
    await expect(createLocalVerifier(key).verify(token)).rejects.toThrow(/^the token was issued by an unknown issuer$/);
  });
});

describe('actorFromClaims', () => {
  it('falls back from name to preferred_username to sub and ignores unknown roles', () => {
    expect(actorFromClaims({ sub: 's', preferred_username: 'emu', roles: ['x', 'district-signatory'], zv_district: 'neukoelln' })).toEqual({
      subject: 's',
      name: 'emu',
      roles: ['district-signatory'],
      departments: [],
      district: 'neukoelln',
      body: null,
    });
    expect(actorFromClaims({ sub: 's', roles: ['council-office'], zv_body: 'bvv-neukoelln' }).name).toBe('s');
  });

  it.each<[JWTPayload, TokenFailure]>([
    [{ roles: ['reader'] }, 'malformed'],
    [{ sub: 's', roles: ['reader'], name: 7 }, 'malformed'],
    [{ sub: 's', roles: ['reader', 1] }, 'malformed'],
    [{ sub: 's', roles: ['reader'], zv_departments: 'senias' }, 'malformed'],
    [{ sub: 's', roles: ['reader'], zv_district: ['a'] }, 'malformed'],
    [{ sub: 's', roles: ['district-signatory'], zv_district: 'senias' }, 'malformed'],
    [{ sub: 's', roles: ['district-signatory'], zv_district: 'bezirk-nirgendwo' }, 'malformed'],
    [{ sub: 's', roles: ['reader'], zv_body: 3 }, 'malformed'],
    [{ sub: 's', roles: [] }, 'no-roles'],
    [{ sub: 's\u0000', roles: ['reader'] }, 'malformed'],
    [{ sub: 's', roles: ['reader'], name: 'Erika \ud800' }, 'malformed'],
    [{ sub: 's', roles: ['senate-editor'], zv_departments: ['senias', 'sen\udc00'] }, 'malformed'],
  ])('refuses %j', (claims, reason) => {
    expect(() => actorFromClaims(claims)).toThrow(expect.objectContaining({ reason }));
  });
});
