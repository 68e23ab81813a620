import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { PapersModule } from '../papers/papers.module.js';
import { VersionsModule } from '../versions/versions.module.js';
import { FolderImporter } from './folder-importer.js';

@Module({ imports: [VersionsModule, LifecycleModule, PapersModule, AuditModule], providers: [FolderImporter], exports: [FolderImporter] })
export class AgreementFilesModule {}
