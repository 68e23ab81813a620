import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp, openDatabase, type Database } from '../../src/bootstrap.js';
import { Logger } from '../../src/common/logger.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestApp {
  baseUrl: string;
  databaseUrl: string;
  config: AppConfig;
  dataSource: DataSource;
  app: INestApplication;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
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
  const config = loadConfig({ ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: '0' });
  const logger = new Logger('error');
  const db: Database = await openDatabase(config, logger);
  const app = await createApp(config, db.dataSource, logger);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    databaseUrl,
    config,
    dataSource: db.dataSource,
    app,
    gql: async (query, variables, headers = {}) => {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GraphQLResponse;
      return { ...body, status: res.status } as GraphQLResponse<any>;
    },
    sql: (text, params) => db.dataSource.query(text, params),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
