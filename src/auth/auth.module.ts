import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { createLocalVerifier, createOidcVerifier, loadOrCreateLocalKey, TokenError, type TokenVerifier } from './tokens/index.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** OIDC when configured; else, where allowed, the local key under the data folder, created on first start. */
export async function createTokenVerifier(config: AppConfig): Promise<TokenVerifier> {
  if (config.oidc) return createOidcVerifier(config.oidc);
  if (config.allowLocalTokens) return createLocalVerifier(await loadOrCreateLocalKey(config.dataDir));
  // Only reached by tools that build the app without serving it (schema emission): the service refuses to start so.
  return { verify: () => Promise.reject(new TokenError('wrong-issuer')) };
}

@Global()
@Module({
  providers: [{ provide: TOKEN_VERIFIER, inject: [APP_CONFIG], useFactory: createTokenVerifier }],
  exports: [TOKEN_VERIFIER],
})
export class AuthModule {}
