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
  databaseUrl: string;
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
  sql<T = Untyped>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh database on the suite's PostgreSQL, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: the e2e global setup did not run');
  const name = `zv_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The real service on a random port, on its own fresh database, with migrations applied. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'zv-test-data-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, ...env, DATABASE_URL: databaseUrl, PORT: '0' });
  const logger = new Logger('error');
  const db: Database = await openDatabase(config, logger);
  const app = await createApp(config, db.dataSource, logger);
  if (config.loadAgreementsOnStart) await loadAgreementsFolder(app, config, logger);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const key = config.oidc ? null : await loadOrCreateLocalKey(config.dataDir);
  const t: TestApp = {
    baseUrl,
    databaseUrl,
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
    sql: (text, params) => db.dataSource.query(text, params),
    close: async () => {
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
