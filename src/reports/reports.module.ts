import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { PapersModule } from '../papers/papers.module.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

/** German reports and draft council papers, rendered by the pure functions of ./rules. */
@Module({
  imports: [LifecycleModule, PapersModule],
  providers: [ReportsService, ReportsResolver],
  exports: [ReportsService],
})
export class ReportsModule {}
