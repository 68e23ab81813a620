import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AgreementsModule } from './agreements/agreements.module.js';
import type { Logger } from './common/logger.js';
import { APP_CONFIG } from './common/tokens.js';
import type { AppConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import type { GraphQLContext } from './graphql/context.js';
import { AppErrorFilter } from './graphql/app-error.filter.js';
import { createFormatError } from './graphql/format-error.js';
import { HealthController } from './health/health.controller.js';
import { createVersionLoaders } from './versions/version.loaders.js';
import { VersionsModule } from './versions/versions.module.js';
import { VersionsService } from './versions/versions.service.js';

export interface AppDependencies {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
}

@Global()
@Module({})
class ConfigModule {
  static forConfig(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static register({ config, dataSource, logger }: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        DatabaseModule.forDataSource(dataSource),
        VersionsModule,
        AgreementsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [VersionsModule],
          inject: [VersionsService],
          useFactory: (versions: VersionsService) => ({
            // Built in memory; `npm run schema:emit` writes the committed SDL, and a test keeps the two equal.
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            introspection: !config.production,
            playground: false,
            formatError: createFormatError(logger, !config.production),
            context: ({ req }: { req: Request }): GraphQLContext => ({ req, loaders: createVersionLoaders(versions) }),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: AppErrorFilter }],
    };
  }
}
