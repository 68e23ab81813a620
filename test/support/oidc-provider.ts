import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
  /**
   * The authorization code flow: who signs in at the provider's login next (the browser is sent straight back with
   * a code, as after a password), with which key its tokens are signed, and the client it knows.
   */
  signInAs(key: ProviderKey, claims: TokenClaims): void;
  readonly clientId: string;
  /** Code exchanges the token endpoint granted after checking the PKCE verifier against the challenge. */
  readonly pkceVerified: number;
  close(): Promise<void>;
}

interface PendingCode {
  claims: TokenClaims;
  key: ProviderKey;
  challenge: string;
  redirectUri: string;
}

export async function startOidcProvider(audience = 'zv-register'): Promise<OidcProvider> {
  let served: JWK[] = [];
  let fetches = 0;
  let login: { key: ProviderKey; claims: TokenClaims } | null = null;
  let pkceVerified = 0;
  const codes = new Map<string, PendingCode>();
  const clientId = 'zv-pages';
  const json = (res: ServerResponse, status: number, body: unknown) =>
    void res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));

  const authorize = (url: URL, res: ServerResponse) => {
    const p = url.searchParams;
    if (p.get('response_type') !== 'code' || p.get('client_id') !== clientId) return json(res, 400, { error: 'invalid_request' });
    if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge'))
      return json(res, 400, { error: 'invalid_request', error_description: 'PKCE required' });
    if (!login) return json(res, 403, { error: 'access_denied' });
    const code = randomBytes(16).toString('base64url');
    codes.set(code, { ...login, challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')! });
    const back = new URL(p.get('redirect_uri')!);
    back.searchParams.set('code', code);
    if (p.get('state')) back.searchParams.set('state', p.get('state')!);
    res.writeHead(302, { location: back.href }).end();
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const p = new URLSearchParams(raw);
    const pending = codes.get(p.get('code') ?? '');
    codes.delete(p.get('code') ?? '');
    if (
      !pending ||
      p.get('grant_type') !== 'authorization_code' ||
      p.get('client_id') !== clientId ||
      p.get('redirect_uri') !== pending.redirectUri
    ) {
      return json(res, 400, { error: 'invalid_grant' });
    }
    const verifier = p.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge)
      return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE' });
    pkceVerified += 1;
    const accessToken = await provider.sign(pending.key, pending.claims);
    const subject = pending.claims.subject ?? `oidc-${(pending.claims.name ?? '').toLowerCase().replace(/\W+/g, '-')}`;
    const idToken = await new SignJWT({ name: pending.claims.name })
      .setProtectedHeader({ alg: 'RS256', kid: pending.key.kid, typ: 'JWT' })
      .setIssuer(provider.issuer)
      .setAudience(clientId)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(pending.key.privateKey);
    json(res, 200, { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: 300 });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const realm = '/realms/verwaltung';
    if (req.method === 'GET' && url.pathname === `${realm}/.well-known/openid-configuration`) {
      return json(res, 200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${provider.issuer}/protocol/openid-connect/token`,
        jwks_uri: provider.jwksUrl,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (req.method === 'GET' && url.pathname === `${realm}/protocol/openid-connect/auth`) return authorize(url, res);
    if (req.method === 'POST' && url.pathname === `${realm}/protocol/openid-connect/token`) {
      return void token(req, res).catch(() => json(res, 500, { error: 'server_error' }));
    }
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
    clientId,
    get pkceVerified() {
      return pkceVerified;
    },
    signInAs(key, claims) {
      login = { key, claims };
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
