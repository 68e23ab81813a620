import { Module } from '@nestjs/common';
import { VersionsRepository } from './versions.repository.js';
import { VersionsResolver } from './versions.resolver.js';
import { VersionsService } from './versions.service.js';

@Module({ providers: [VersionsRepository, VersionsService, VersionsResolver], exports: [VersionsService] })
export class VersionsModule {}
