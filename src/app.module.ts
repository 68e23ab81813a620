import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AgreementFilesModule } from './agreement-files/agreement-files.module.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AccessInterceptor } from './access/access.interceptor.js';
import { AuthModule, TOKEN_VERIFIER } from './auth/auth.module.js';
import { authenticate, authenticationOf } from './auth/authenticate.js';
import type { TokenVerifier } from './auth/tokens/index.js';
import type { Logger } from './common/logger.js';
import type { AppConfig } from './config/config.js';
import { CoreModule } from './config/core.module.js';
import { DatabaseModule } from './database/database.module.js';
import { GraphQLExceptionFilter } from './graphql/exception.filter.js';
import type { GraphQLContext } from './graphql/context.js';
import { createFormatError } from './graphql/format-error.js';
import { graphiqlLandingPage } from './graphql/graphiql.js';
import { aliasLimitRule, complexityLimitRule, depthLimitRule } from './graphql/limits/index.js';
import { MAX_PAGE_SIZE } from './graphql/pagination.js';
import { HealthController } from './health/health.controller.js';
import { IntegrityModule } from './integrity/integrity.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { LifecycleRepository } from './lifecycle/lifecycle.repository.js';
import { LifecycleService } from './lifecycle/lifecycle.service.js';
import { PagesModule } from './pages/pages.module.js';
import { PapersModule } from './papers/papers.module.js';
import { PapersRepository } from './papers/papers.repository.js';
import { PartiesModule } from './parties/parties.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { createLoaders, type Loaders } from './loaders.js';
import { VersionsModule } from './versions/versions.module.js';
import { VersionsService } from './versions/versions.service.js';

export interface AppDependencies {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
}

@Module({})
export class AppModule {
  static register({ config, dataSource, logger }: AppDependencies): DynamicModule {
    const limits = config.graphql;
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, logger),
        DatabaseModule.forDataSource(dataSource),
        AuthModule,
        VersionsModule,
        AgreementsModule,
        AuditModule,
        LifecycleModule,
        PapersModule,
        AgreementFilesModule,
        IntegrityModule,
        PartiesModule,
        ReportsModule,
        PagesModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [VersionsModule, LifecycleModule, PapersModule],
          inject: [VersionsService, LifecycleRepository, LifecycleService, PapersRepository, TOKEN_VERIFIER],
          useFactory: (
            versions: VersionsService,
            history: LifecycleRepository,
            lifecycle: LifecycleService,
            papers: PapersRepository,
            verifier: TokenVerifier,
          ) => ({
            // Built in memory; `npm run schema:emit` writes the committed SDL, and a test keeps the two equal.
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            introspection: limits.introspection,
            // Nest's GraphiQL page loads its scripts from a CDN; ours serves them from the installed packages.
            graphiql: false,
            // Apollo's default, stated because it matters: simple cross-site requests are refused.
            csrfPrevention: true,
            // The query text is capped before (see createApp); this caps what the parser reads of it.
            parseOptions: { maxTokens: limits.maxTokens },
            // Nothing here uses them, and they would let any caller fill a cache on the server.
            persistedQueries: false,
            // Refused while validating, before any resolver or database work.
            validationRules: [
              depthLimitRule(limits.maxDepth),
              complexityLimitRule(limits.maxComplexity, { maxPageSize: MAX_PAGE_SIZE }),
              aliasLimitRule(limits.maxAliases),
            ],
            formatError: createFormatError(logger, limits.exposeErrorDetails),
            // Apollo's own default follows NODE_ENV; the configuration decides instead.
            includeStacktraceInErrorResponses: limits.exposeErrorDetails,
            // Apollo's cache control would wrap every field's resolver to collect hints nothing here sets or reads.
            plugins: [ApolloServerPluginCacheControlDisabled(), ...(limits.landingPage ? [graphiqlLandingPage('/graphql')] : [])],
            context: async ({ req }: { req: Request }): Promise<GraphQLContext<Loaders>> => {
              // Normally done by the middleware in front of /graphql (see createApp).
              const auth = authenticationOf(req) ?? (await authenticate(verifier, req.headers.authorization));
              return { req, loaders: createLoaders(versions, history, lifecycle, papers), actor: auth.actor, authFailure: auth.failure };
            },
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: AccessInterceptor },
      ],
    };
  }
}
