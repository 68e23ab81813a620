import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults, and the safe ones where safety is at stake', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, maxDocumentBytes: 1048576, allowAnonymousRead: false, oidc: null, development: false });
    expect(c).toMatchObject({ allowLocalTokens: false, shutdownTimeoutMs: 10000 });
    expect(c.graphql).toMatchObject({
      introspection: false,
      landingPage: false,
      exposeErrorDetails: false,
      maxRequestBytes: 3 * 1048576,
      maxQueryBytes: 65536,
      maxTokens: 2000,
    });
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it.each(['production', 'test', 'prod', ''])('treats NODE_ENV=%j like an unset one', (nodeEnv) => {
    expect(loadConfig({ NODE_ENV: nodeEnv, EXPOSE_ERROR_DETAILS: 'true' })).toEqual(loadConfig({ EXPOSE_ERROR_DETAILS: 'true' }));
  });

  it('opens introspection, the landing page, error details and local tokens in development mode only', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c).toMatchObject({ development: true, allowLocalTokens: true });
    expect(c.graphql).toMatchObject({ introspection: true, landingPage: true, exposeErrorDetails: true });
  });

  it('lets each switch be set on its own', () => {
    const c = loadConfig({ GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING_PAGE: 'yes', ALLOW_LOCAL_TOKENS: '1' });
    expect(c).toMatchObject({ development: false, allowLocalTokens: true });
    expect(c.graphql).toMatchObject({ introspection: true, landingPage: true, exposeErrorDetails: false });
    expect(loadConfig({ NODE_ENV: 'development', ALLOW_LOCAL_TOKENS: 'false' }).allowLocalTokens).toBe(false);
  });

  it('refuses to serve without a way to verify tokens', () => {
    expect(() => loadConfig({}, 'service')).toThrow(
      /no way to verify tokens: set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or ALLOW_LOCAL_TOKENS=true/,
    );
    expect(loadConfig({ ALLOW_LOCAL_TOKENS: 'true' }, 'service').allowLocalTokens).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }, 'service').allowLocalTokens).toBe(true);
    expect(loadConfig({ OIDC_ISSUER: 'https://idp', OIDC_AUDIENCE: 'zv', OIDC_JWKS_URL: 'https://idp/jwks' }, 'service').oidc).not.toBeNull();
  });

  it('signs in to the pages through OIDC only with a client id and the public address', () => {
    const oidc = { OIDC_ISSUER: 'https://idp', OIDC_AUDIENCE: 'zv', OIDC_JWKS_URL: 'https://idp/jwks' };
    expect(loadConfig(oidc).oidcSignIn).toBeNull();
    expect(loadConfig({ ...oidc, OIDC_CLIENT_ID: 'zv-pages', PUBLIC_URL: 'https://zv.berlin.example/' }).oidcSignIn).toEqual({
      clientId: 'zv-pages',
      clientSecret: null,
      publicUrl: 'https://zv.berlin.example',
    });
    expect(() => loadConfig({ ...oidc, OIDC_CLIENT_ID: 'zv-pages' })).toThrow(/PUBLIC_URL must be the service's http\(s\) address/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'zv-pages' })).toThrow(/OIDC_CLIENT_ID needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL/);
  });

  it('never accepts local tokens beside OIDC', () => {
    const oidc = { OIDC_ISSUER: 'https://idp', OIDC_AUDIENCE: 'zv', OIDC_JWKS_URL: 'https://idp/jwks' };
    expect(loadConfig({ ...oidc, NODE_ENV: 'development' }).allowLocalTokens).toBe(false);
    expect(() => loadConfig({ ...oidc, ALLOW_LOCAL_TOKENS: 'true' })).toThrow(/ALLOW_LOCAL_TOKENS cannot be combined with OIDC/);
  });

  it('reports every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://h/db', LOG_LEVEL: 'loud', OIDC_AUDIENCE: 'a', ALLOW_ANONYMOUS_READ: 'vielleicht' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect([...error!.problems].sort()).toEqual([
      "ALLOW_ANONYMOUS_READ must be true or false, got 'vielleicht'",
      "DATABASE_URL must be a postgres:// URL, got protocol 'mysql:'",
      "LOG_LEVEL must be one of debug, info, warn, error, got 'loud'",
      'OIDC needs all of OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL; missing OIDC_ISSUER, OIDC_JWKS_URL',
      "PORT must be a whole number from 0 to 65535, got 'x'",
    ]);
  });

  it('takes OIDC settings only complete', () => {
    const c = loadConfig({ OIDC_ISSUER: 'https://idp', OIDC_AUDIENCE: 'zv', OIDC_JWKS_URL: 'https://idp/jwks' });
    expect(c.oidc).toEqual({ issuer: 'https://idp', audience: 'zv', jwksUrl: 'https://idp/jwks', jwksCooldownMs: 30000, jwksMaxAgeMs: 600000 });
  });

  it('leaves the embedded port open unless set, so a taken default can give way', () => {
    expect(loadConfig({}).embeddedPostgresPort).toBeNull();
    expect(loadConfig({ EMBEDDED_PG_PORT: '55001' }).embeddedPostgresPort).toBe(55001);
  });

  it('takes a migration role only for an external PostgreSQL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://zv_app:a@db/zv', MIGRATION_DATABASE_URL: 'postgres://zv_owner:b@db/zv' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://zv_app:a@db/zv', migrationDatabaseUrl: 'postgres://zv_owner:b@db/zv' });
    expect(loadConfig({ DATABASE_URL: 'postgres://zv_app:a@db/zv' }).migrationDatabaseUrl).toBeNull();
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://zv_owner:b@db/zv' })).toThrow(
      'MIGRATION_DATABASE_URL needs DATABASE_URL: the embedded PostgreSQL has its own roles',
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://zv_app:a@db/zv', MIGRATION_DATABASE_URL: 'http://db' })).toThrow(
      "MIGRATION_DATABASE_URL must be a postgres:// URL, got protocol 'http:'",
    );
  });
});
