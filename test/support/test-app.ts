import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp, loadAgreementsFolder, openDatabase, type Database } from '../../src/bootstrap.js';
import { Logger } from '../../src/common/logger.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import type { Role } from '../../src/common/actor.js';
import { issueLocalToken, loadOrCreateLocalKey } from '../../src/auth/tokens/index.js';

/**
 * A value read from a GraphQL or SQL answer. The tests state its shape in their expect() calls;
 * typing every query's answer would restate the schema in the tests.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Untyped = any;

export interface GraphQLResponse<T = Record<string, Untyped>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, Untyped> }>;
}

export interface TokenClaims {
  name?: string;
  subject?: string;
  roles: Role[];
  departments?: string[];
  district?: string | null;
  body?: string | null;
}

export interface TestApp {
  baseUrl: string;
  /** The service's DATABASE_URL: its runtime role, which may read and append. */
  databaseUrl: string;
  /** The same database as its superuser, for tests that act behind the service's back. */
  superuserUrl: string;
  config: AppConfig;
  dataSource: DataSource;
  app: INestApplication;
  /** Posts a GraphQL operation; `as` is a bearer token (see token()), else the app's defaultToken. */
  gql<T = Record<string, Untyped>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { as?: string | null; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** A token signed with this app's local key. */
  token(claims: TokenClaims, expiresIn?: string): Promise<string>;
  /** Used by gql() when no `as` is given; null sends no token. */
  defaultToken: string | null;
  /** Runs SQL as the superuser, beside the service (the service itself may only read and append). */
  sql<T = Untyped>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestDatabase {
  /** For tests that look behind the service: any statement, including DDL. */
  superuserUrl: string;
  /** Owns the schema and migrates it (MIGRATION_DATABASE_URL). */
  ownerUrl: string;
  /** What the service serves with (DATABASE_URL). */
  runtimeUrl: string;
}

/** A fresh database on the suite's PostgreSQL, for one test file, with one URL for everything. */
export async function createTestDatabase(): Promise<string> {
  return (await createTestDatabaseWithRoles()).superuserUrl;
}

/**
 * A fresh database owned by the suite's owner role, so the service migrates as the owner and serves as
 * the runtime role as it does on its own embedded PostgreSQL. An external TEST_DATABASE_URL without
 * TEST_OWNER_DATABASE_URL and TEST_RUNTIME_DATABASE_URL serves for all three.
 */
export async function createTestDatabaseWithRoles(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: the e2e global setup did not run');
  const ownerUrl = process.env.TEST_OWNER_DATABASE_URL || adminUrl;
  const runtimeUrl = process.env.TEST_RUNTIME_DATABASE_URL || adminUrl;
  const name = `zv_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} OWNER ${client.escapeIdentifier(decodeURIComponent(new URL(ownerUrl).username))}`);
  } finally {
    await client.end();
  }
  const inDatabase = (url: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return { superuserUrl: inDatabase(adminUrl), ownerUrl: inDatabase(ownerUrl), runtimeUrl: inDatabase(runtimeUrl) };
}

/**
 * The real service on a random port, on its own fresh database, with migrations applied. It runs
 * with the defaults a deployment gets (NODE_ENV as given, else unset), and accepts local tokens
 * unless OIDC is configured, so tests can sign their own. With `logs`, its log lines go there
 * instead of to stderr, for a test that provokes errors to check what operators would see.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { logs?: string[]; port?: number } = {}): Promise<TestApp> {
  const urls = await createTestDatabaseWithRoles();
  const databaseUrl = urls.runtimeUrl;
  const dataDir = mkdtempSync(join(tmpdir(), 'zv-test-data-'));
  const local = env.OIDC_ISSUER ? {} : { ALLOW_LOCAL_TOKENS: 'true' };
  const config = loadConfig(
    {
      ...process.env,
      NODE_ENV: '',
      DATA_DIR: dataDir,
      ...local,
      ...env,
      DATABASE_URL: databaseUrl,
      MIGRATION_DATABASE_URL: urls.ownerUrl,
      PORT: '0',
    },
    'service',
  );
  const logs = options.logs;
  const logger = new Logger('error', undefined, logs ? (line) => void logs.push(line) : undefined);
  const db: Database = await openDatabase(config, logger);
  const app = await createApp(config, db.dataSource, logger);
  if (config.loadAgreementsOnStart) await loadAgreementsFolder(app, config, logger);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const key = config.oidc ? null : await loadOrCreateLocalKey(config.dataDir);
  const superuser = new pg.Pool({ connectionString: urls.superuserUrl, max: 2 });
  const t: TestApp = {
    baseUrl,
    databaseUrl,
    superuserUrl: urls.superuserUrl,
    config,
    dataSource: db.dataSource,
    app,
    defaultToken: null,
    token: async (claims, expiresIn = '1h') => {
      if (!key) throw new Error('this test app verifies OIDC tokens; sign them with the test identity provider');
      const name = claims.name ?? `Test ${claims.roles.join('+')}`;
      return issueLocalToken(key, { ...claims, name }, { expiresIn });
    },
    gql: async (query, variables, options = {}) => {
      const token = options.as === undefined ? t.defaultToken : options.as;
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      let body: GraphQLResponse;
      try {
        body = JSON.parse(text) as GraphQLResponse;
      } catch {
        body = { status: res.status, errors: [{ message: text }] };
      }
      return { ...body, status: res.status } as GraphQLResponse<Untyped>;
    },
    sql: async (text, params) => (await superuser.query(text, params)).rows,
    close: async () => {
      await app.close();
      await db.close();
      await superuser.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
