import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { VersionsModule } from '../versions/versions.module.js';
import { FolderImporter } from './folder-importer.js';

@Module({ imports: [VersionsModule, LifecycleModule], providers: [FolderImporter], exports: [FolderImporter] })
export class AgreementFilesModule {}
