import type { Actor } from './roles.js';
import { TokenError, TokenKeysUnavailableError, type TokenFailure, type TokenVerifier } from './tokens/index.js';

export type Authentication =
  | { actor: Actor; failure: null }
  | { actor: null; failure: null } // no token at all
  | { actor: null; failure: TokenFailure | 'keys-unavailable' };

/** Reads `Authorization: Bearer …`; never throws, so the access check decides what a failure means. */
export async function authenticate(verifier: TokenVerifier, header: string | undefined): Promise<Authentication> {
  if (header === undefined || header.trim() === '') return { actor: null, failure: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { actor: null, failure: 'malformed' };
  try {
    return { actor: await verifier.verify(match[1]!), failure: null };
  } catch (error) {
    if (error instanceof TokenError) return { actor: null, failure: error.reason };
    if (error instanceof TokenKeysUnavailableError) return { actor: null, failure: 'keys-unavailable' };
    throw error;
  }
}
