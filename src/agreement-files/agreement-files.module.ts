import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { VersionsModule } from '../versions/versions.module.js';
import { FolderImporter } from './folder-importer.js';

@Module({ imports: [VersionsModule, LifecycleModule, AuditModule], providers: [FolderImporter], exports: [FolderImporter] })
export class AgreementFilesModule {}
