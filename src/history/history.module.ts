import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module.js';
import { HistoryRepository } from './history.repository.js';
import { AgreementLifecycleResolver, VersionLifecycleResolver } from './agreement-lifecycle.resolver.js';
import { LifecycleResolver } from './lifecycle.resolver.js';
import { LifecycleService } from './lifecycle.service.js';

@Module({
  imports: [VersionsModule],
  providers: [HistoryRepository, LifecycleService, LifecycleResolver, AgreementLifecycleResolver, VersionLifecycleResolver],
  exports: [HistoryRepository, LifecycleService],
})
export class HistoryModule {}
