import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { createLocalVerifier, createOidcVerifier, loadOrCreateLocalKey, type TokenVerifier } from './tokens/index.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** OIDC when configured; otherwise the local key under the data folder, created on first start. */
export async function createTokenVerifier(config: AppConfig): Promise<TokenVerifier> {
  if (config.oidc) return createOidcVerifier(config.oidc);
  return createLocalVerifier(await loadOrCreateLocalKey(config.dataDir));
}

@Global()
@Module({
  providers: [{ provide: TOKEN_VERIFIER, inject: [APP_CONFIG], useFactory: createTokenVerifier }],
  exports: [TOKEN_VERIFIER],
})
export class AuthModule {}
