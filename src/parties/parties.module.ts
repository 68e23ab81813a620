import { Module } from '@nestjs/common';
import { PartiesResolver } from './parties.resolver.js';

@Module({ providers: [PartiesResolver] })
export class PartiesModule {}
