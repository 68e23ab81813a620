import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, maxDocumentBytes: 1048576, allowAnonymousRead: false, oidc: null, production: false });
    expect(c.graphql).toMatchObject({ introspection: true, landingPage: true, maxRequestBytes: 3 * 1048576, maxQueryBytes: 65536, maxTokens: 2000 });
    expect(c.dataDir).toMatch(/\.data$/);
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

  it('switches introspection, landing page and error details off in production', () => {
    const c = loadConfig({ NODE_ENV: 'production', EXPOSE_ERROR_DETAILS: 'true' });
    expect(c.graphql).toMatchObject({ introspection: false, landingPage: false, exposeErrorDetails: false });
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
