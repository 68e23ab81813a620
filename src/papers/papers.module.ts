import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { VersionsModule } from '../versions/versions.module.js';
import { AgreementPapersResolver } from './agreement-papers.resolver.js';
import { StatusPapersResolver } from './status-papers.resolver.js';
import { PaperConsultationsResolver } from './paper-consultations.resolver.js';
import { PapersRepository } from './papers.repository.js';
import { PapersResolver } from './papers.resolver.js';
import { PapersService } from './papers.service.js';

@Module({
  imports: [VersionsModule, LifecycleModule],
  providers: [PapersRepository, PapersService, PapersResolver, PaperConsultationsResolver, AgreementPapersResolver, StatusPapersResolver],
  exports: [PapersRepository, PapersService],
})
export class PapersModule {}
