import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createOidcVerifier, TokenError, TokenKeysUnavailableError, type TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://idp.example.berlin/realms/verwaltung';
const AUDIENCE = 'zv-register';

interface TestKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function makeKey(alg: 'ES256' | 'RS256' | 'PS256' | 'EdDSA'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

function tokenFrom(key: TestKey, kid = key.kid) {
  return new SignJWT({ name: 'Erika Muster', roles: ['senate-editor'], zv_departments: ['senias'] })
    .setProtectedHeader({ alg: key.alg, kid })
    .setIssuer(ISSUER)
    .setAudience([AUDIENCE, 'account'])
    .setSubject('f3a1')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

describe('createOidcVerifier against a real JWKS endpoint', () => {
  let server: Server;
  let served: JWK[] = [];
  let fetches = 0;
  let url: string;
  let verifier: TokenVerifier;
  let keyA: TestKey;
  let keyB: TestKey;

  beforeAll(async () => {
    [keyA, keyB] = await Promise.all([makeKey('ES256'), makeKey('RS256')]);
    server = createServer((req, res) => {
      fetches += 1;
      if (req.url !== '/certs') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: served }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    verifier = createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: `${url}/certs`, jwksCooldownMs: 0 });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies, then follows a key rotation by refetching for an unknown kid', async () => {
    served = [keyA.publicJwk];
    await expect(verifier.verify(await tokenFrom(keyA))).resolves.toEqual({
      subject: 'f3a1',
      name: 'Erika Muster',
      roles: ['senate-editor'],
      departments: ['senias'],
      district: null,
      body: null,
    });
    const afterFirst = fetches;
    await verifier.verify(await tokenFrom(keyA));
    expect(fetches).toBe(afterFirst); // cached, not fetched per request

    served = [keyB.publicJwk];
    await expect(verifier.verify(await tokenFrom(keyB))).resolves.toMatchObject({ subject: 'f3a1' });
    expect(fetches).toBe(afterFirst + 1);
  });

  it('rejects a kid the key set does not have, even after refetching', async () => {
    served = [keyA.publicJwk, keyB.publicJwk];
    const stranger = await makeKey('ES256');
    const error = await verifier.verify(await tokenFrom(stranger)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).reason).toBe('bad-signature');
  });

  it('rejects a known kid on a token signed by another key', async () => {
    served = [keyA.publicJwk];
    const forger = await makeKey('ES256');
    await expect(verifier.verify(await tokenFrom(forger, keyA.kid))).rejects.toMatchObject({ reason: 'bad-signature' });
  });

  it('accepts every allowed algorithm', async () => {
    const keys = await Promise.all((['PS256', 'EdDSA'] as const).map(makeKey));
    served = keys.map((k) => k.publicJwk);
    for (const key of keys) await expect(verifier.verify(await tokenFrom(key))).resolves.toMatchObject({ subject: 'f3a1' });
  });

  it('reports an unreachable key set as the server fault, not as a bad token', async () => {
    const broken = createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: `${url}/missing`, jwksCooldownMs: 0 });
    const error = await broken.verify(await tokenFrom(keyA)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenKeysUnavailableError);
    expect((error as Error).message).not.toContain(url);
  });
});
