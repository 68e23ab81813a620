import { Module } from '@nestjs/common';
import { VersionsResolver } from './versions.resolver.js';
import { VersionsService } from './versions.service.js';

@Module({ providers: [VersionsService, VersionsResolver], exports: [VersionsService] })
export class VersionsModule {}
