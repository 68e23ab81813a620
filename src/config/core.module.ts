import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from '../common/logger.js';
import { APP_CONFIG, APP_LOGGER } from '../common/tokens.js';
import type { AppConfig } from './config.js';

/** The validated configuration and the logger, for every module of the server and the CLI alike. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: APP_LOGGER, useValue: logger },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
