import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AgreementFilesModule } from '../agreement-files/agreement-files.module.js';
import { AuditModule } from '../audit/audit.module.js';
import type { Logger } from '../common/logger.js';
import type { AppConfig } from '../config/config.js';
import { CoreModule } from '../config/core.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { VersionsModule } from '../versions/versions.module.js';

/** The services the command line uses, wired by Nest exactly as in the server, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  static register(config: AppConfig, dataSource: DataSource, logger: Logger): DynamicModule {
    return {
      module: CliModule,
      imports: [
        CoreModule.register(config, logger),
        DatabaseModule.forDataSource(dataSource),
        VersionsModule,
        AuditModule,
        AgreementFilesModule,
        IntegrityModule,
        ReportsModule,
      ],
    };
  }
}
