import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module.js';
import { IntegrityRepository } from './integrity.repository.js';
import { IntegrityService } from './integrity.service.js';

@Module({ imports: [VersionsModule], providers: [IntegrityRepository, IntegrityService], exports: [IntegrityService] })
export class IntegrityModule {}
