import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { joiningUnitOfWork } from './unit-of-work.js';

/**
 * Hands the DataSource opened at start (after migrations) to every feature, joined to the
 * request's unit of work when there is one (see unit-of-work.ts).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DataSource, useValue: joiningUnitOfWork(dataSource) }],
      exports: [DataSource],
    };
  }
}
