import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

@Module({ imports: [VersionsModule], providers: [AuditRepository, AuditService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
