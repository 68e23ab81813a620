import { isAbsolute, join } from 'node:path';
import { isLevel } from '../common/logger.js';
import { projectRoot } from '../common/project-root.js';

export interface AppConfig {
  port: number;
  /** An external PostgreSQL; when absent the service runs an embedded one under dataDir. */
  databaseUrl: string | null;
  /** The role that owns the schema and migrates it on the external PostgreSQL; null: databaseUrl's own role. */
  migrationDatabaseUrl: string | null;
  dataDir: string;
  /** Set explicitly: that port or a plain failure. Null: the default port, or any free one while it is taken. */
  embeddedPostgresPort: number | null;
  agreementsDir: string;
  loadAgreementsOnStart: boolean;
  maxDocumentBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Opted into with NODE_ENV=development; everything else gets the safe settings. */
  development: boolean;
  /** Verify tokens of the administration's identity provider; null: sign and verify with a local key under dataDir. */
  oidc: { issuer: string; audience: string; jwksUrl: string; jwksCooldownMs: number; jwksMaxAgeMs: number } | null;
  /**
   * Sign-in to the web pages through the provider (authorization code flow with PKCE), with this client's id and
   * secret (none: a public client) and the public address the provider sends the browser back to. Null: the pages
   * take a token pasted into their sign-in form.
   */
  oidcSignIn: { clientId: string; clientSecret: string | null; publicUrl: string } | null;
  /** Accept tokens signed with the local key (never together with OIDC). */
  allowLocalTokens: boolean;
  /** The agreements and papers are public documents; whether reading needs a token is a choice. */
  allowAnonymousRead: boolean;
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    /** Error messages, extensions and stack traces of unexpected errors; only in development. */
    exposeErrorDetails: boolean;
    maxDepth: number;
    maxComplexity: number;
    maxAliases: number;
    maxRequestBytes: number;
    /** Longest query text, before parsing; documents travel as variables and do not count. */
    maxQueryBytes: number;
    /** Most tokens the parser reads; also bounds the nesting it recurses into. */
    maxTokens: number;
    rateLimitPerMinute: number;
  };
  /** How long a stopping service waits for running requests before it closes the database under them. */
  shutdownTimeoutMs: number;
  /** Agreements whose status inputs an instance keeps between requests (checked against the database each time); 0: none. */
  statusCacheEntries: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads and checks the environment once at start; every problem is reported together. The service
 * also needs a way to verify tokens; the command line does not (it signs local tokens itself).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, purpose: 'service' | 'tool' = 'tool'): AppConfig {
  const problems: string[] = [];
  const root = projectRoot();

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got '${raw}'`);
    return fallback;
  };
  const path = (name: string, fallback: string): string => {
    const raw = env[name] || fallback;
    return isAbsolute(raw) ? raw : join(root, raw);
  };

  const postgresUrl = (name: string): string | null => {
    const raw = env[name];
    if (!raw) return null;
    try {
      const url = new URL(raw);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
        problems.push(`${name} must be a postgres:// URL, got protocol '${url.protocol}'`);
      }
      return raw;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return null;
    }
  };
  const databaseUrl = postgresUrl('DATABASE_URL');
  const migrationDatabaseUrl = postgresUrl('MIGRATION_DATABASE_URL');
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL: the embedded PostgreSQL has its own roles');
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!isLevel(logLevel)) problems.push(`LOG_LEVEL must be one of debug, info, warn, error, got '${logLevel}'`);

  // Safe unless asked otherwise: NODE_ENV unset, 'production', 'test' or misspelt all mean the same.
  const development = env.NODE_ENV === 'development';
  const oidcVars = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const;
  const oidcSet = oidcVars.filter((name) => env[name]);
  let oidc: AppConfig['oidc'] = null;
  if (oidcSet.length > 0 && oidcSet.length < oidcVars.length) {
    problems.push(`OIDC needs all of ${oidcVars.join(', ')}; missing ${oidcVars.filter((n) => !env[n]).join(', ')}`);
  } else if (oidcSet.length === oidcVars.length) {
    try {
      new URL(env.OIDC_JWKS_URL!);
      oidc = {
        issuer: env.OIDC_ISSUER!,
        audience: env.OIDC_AUDIENCE!,
        jwksUrl: env.OIDC_JWKS_URL!,
        // A token with an unknown key id makes the service refetch the keys at most this often.
        jwksCooldownMs: int('OIDC_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000),
        // A key the provider withdraws stays trusted at most this long.
        jwksMaxAgeMs: int('OIDC_JWKS_MAX_AGE_MS', 600_000, 1_000, 86_400_000),
      };
    } catch {
      problems.push('OIDC_JWKS_URL is not a valid URL');
    }
  }
  let oidcSignIn: AppConfig['oidcSignIn'] = null;
  if (env.OIDC_CLIENT_ID && !oidc) problems.push('OIDC_CLIENT_ID needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL');
  if (env.OIDC_CLIENT_ID && oidc) {
    const publicUrl = env.PUBLIC_URL ?? '';
    if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
      problems.push(`PUBLIC_URL must be the service's http(s) address for the sign-in through OIDC, got '${publicUrl}'`);
    } else {
      oidcSignIn = { clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET || null, publicUrl: publicUrl.replace(/\/+$/, '') };
    }
  }
  const allowLocalTokens = bool('ALLOW_LOCAL_TOKENS', development && !oidc);
  if (oidc && allowLocalTokens) {
    problems.push("ALLOW_LOCAL_TOKENS cannot be combined with OIDC: the service accepts either the identity provider's tokens or local ones");
  } else if (purpose === 'service' && !oidc && !allowLocalTokens && oidcSet.length === 0) {
    problems.push(
      'no way to verify tokens: set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or ALLOW_LOCAL_TOKENS=true to accept tokens signed with the local key (NODE_ENV=development accepts them by default)',
    );
  }
  const maxDocumentBytes = int('MAX_DOCUMENT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024);

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    migrationDatabaseUrl,
    dataDir: path('DATA_DIR', '.data'),
    embeddedPostgresPort: env.EMBEDDED_PG_PORT ? int('EMBEDDED_PG_PORT', 0, 1024, 65535) : null,
    agreementsDir: path('AGREEMENTS_DIR', 'agreements'),
    loadAgreementsOnStart: bool('LOAD_AGREEMENTS', true),
    maxDocumentBytes,
    logLevel: isLevel(logLevel) ? logLevel : 'info',
    development,
    oidc,
    oidcSignIn,
    allowLocalTokens,
    allowAnonymousRead: bool('ALLOW_ANONYMOUS_READ', false),
    graphql: {
      introspection: bool('GRAPHQL_INTROSPECTION', development),
      landingPage: bool('GRAPHQL_LANDING_PAGE', development),
      exposeErrorDetails: development && bool('EXPOSE_ERROR_DETAILS', true),
      maxDepth: int('GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxComplexity: int('GRAPHQL_MAX_COMPLEXITY', 5000, 10, 1_000_000),
      maxAliases: int('GRAPHQL_MAX_ALIASES', 30, 0, 1000),
      // A document of the largest size still fits once JSON-escaped, with room for the rest of the request.
      maxRequestBytes: int('MAX_REQUEST_BYTES', 3 * maxDocumentBytes, 16 * 1024, 256 * 1024 * 1024),
      maxQueryBytes: int('GRAPHQL_MAX_QUERY_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
      // graphql-js parses nesting by recursion: some 2000 levels of braces (4000 tokens) exhaust the stack.
      maxTokens: int('GRAPHQL_MAX_TOKENS', 2000, 100, 3000),
      rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    },
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    statusCacheEntries: int('STATUS_CACHE_ENTRIES', 2_000, 0, 1_000_000),
  };
  if (config.graphql.maxRequestBytes < config.maxDocumentBytes) {
    problems.push('MAX_REQUEST_BYTES must be at least MAX_DOCUMENT_BYTES, or the largest documents could never be sent');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
