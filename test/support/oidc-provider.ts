import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { TokenClaims } from './test-app.js';

/** A signing key of the test identity provider. */
export interface ProviderKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface SignOptions {
  /** Defaults to the provider's issuer. */
  issuer?: string;
  /** Defaults to the provider's audience. */
  audience?: string | string[];
  /** e.g. '5m', '-1h'. */
  expiresIn?: string;
}

/**
 * A local identity provider as the service sees one: a real HTTP server on 127.0.0.1 serving
 * its key set at /jwks.json, keys that can be rotated, and tokens shaped like a Keycloak realm's
 * (iss, aud, sub, exp, name, roles, zv_* claims).
 */
export interface OidcProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How often the key set was fetched. */
  readonly fetches: number;
  /** A new RS256 key; not served until published. */
  createKey(): Promise<ProviderKey>;
  /** From now on the key set holds exactly these keys. */
  publish(...keys: ProviderKey[]): void;
  /** While true the key set answers 503, as an identity provider that is down. */
  failing: boolean;
  sign(key: ProviderKey, claims: TokenClaims, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcProvider(audience = 'zv-register'): Promise<OidcProvider> {
  let served: JWK[] = [];
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/jwks.json') return void res.writeHead(404).end();
    fetches += 1;
    if (provider.failing) return void res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: OidcProvider = {
    issuer: `${base}/realms/verwaltung`,
    audience,
    jwksUrl: `${base}/jwks.json`,
    get fetches() {
      return fetches;
    },
    failing: false,
    async createKey() {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      const jwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(jwk);
      return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
    },
    publish(...keys) {
      served = keys.map((k) => k.publicJwk);
    },
    async sign(key, claims, options = {}) {
      const name = claims.name ?? `OIDC ${claims.roles.join('+')}`;
      const payload: Record<string, unknown> = { name, roles: claims.roles };
      if (claims.departments?.length) payload.zv_departments = claims.departments;
      if (claims.district) payload.zv_district = claims.district;
      if (claims.body) payload.zv_body = claims.body;
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? provider.issuer)
        .setAudience(options.audience ?? audience)
        .setSubject(claims.subject ?? `oidc-${name.toLowerCase().replace(/\W+/g, '-')}`)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(key.privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  return provider;
}
