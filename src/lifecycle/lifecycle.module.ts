import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module.js';
import { LifecycleRepository } from './lifecycle.repository.js';
import { AgreementLifecycleResolver } from './agreement-lifecycle.resolver.js';
import { VersionLifecycleResolver } from './version-lifecycle.resolver.js';
import { LifecycleResolver } from './lifecycle.resolver.js';
import { LifecycleService } from './lifecycle.service.js';
import { StatusInputsCache } from './status-inputs.cache.js';

@Module({
  imports: [VersionsModule],
  providers: [LifecycleRepository, LifecycleService, StatusInputsCache, LifecycleResolver, AgreementLifecycleResolver, VersionLifecycleResolver],
  exports: [LifecycleRepository, LifecycleService],
})
export class LifecycleModule {}
