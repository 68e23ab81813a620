import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../app.module.js';
import { Logger } from '../common/logger.js';
import { projectRoot } from '../common/project-root.js';
import { loadConfig } from '../config/config.js';
import { createDataSource } from '../database/data-source.js';
import { printContract } from '../graphql/print-contract.js';

/** Writes schema/schema.graphql from the code-first types; no database is touched. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('warn');
  const dataSource = createDataSource('postgres://unused@127.0.0.1:1/unused');
  const app = await NestFactory.create(AppModule.register({ config, dataSource, logger }), { logger });
  await app.init();
  const file = join(projectRoot(), 'schema/schema.graphql');
  writeFileSync(file, printContract(app.get(GraphQLSchemaHost).schema));
  await app.close();
  process.stdout.write(`wrote ${file}\n`);
}

void main();
