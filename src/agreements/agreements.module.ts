import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module.js';
import { AgreementsResolver } from './agreements.resolver.js';

@Module({ imports: [VersionsModule], providers: [AgreementsResolver] })
export class AgreementsModule {}
