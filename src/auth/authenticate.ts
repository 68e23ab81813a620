import type { NextFunction, Request, Response } from 'express';
import type { Actor, AuthFailure } from '../common/actor.js';
import { TokenError, TokenKeysUnavailableError, type TokenVerifier } from './tokens/index.js';

export type Authentication =
  | { actor: Actor; failure: null }
  | { actor: null; failure: null } // no token at all
  | { actor: null; failure: AuthFailure };

/** Reads `Authorization: Bearer …`; never throws, so the access check decides what a failure means. */
export async function authenticate(verifier: TokenVerifier, header: string | undefined): Promise<Authentication> {
  if (header === undefined || header.trim() === '') return { actor: null, failure: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { actor: null, failure: 'malformed' };
  try {
    return { actor: await verifier.verify(match[1]), failure: null };
  } catch (error) {
    if (error instanceof TokenError) return { actor: null, failure: error.reason };
    if (error instanceof TokenKeysUnavailableError) return { actor: null, failure: 'keys-unavailable' };
    throw error;
  }
}

/** Where the authentication middleware leaves its result for the rate limit and the GraphQL context. */
export const AUTH_ON_REQUEST = Symbol('zv-authentication');
type WithAuth = { [AUTH_ON_REQUEST]?: Authentication };

/** Verifies the token once per request, before the rate limit, so limits count verified callers. */
export function authenticationMiddleware(verifier: TokenVerifier) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    authenticate(verifier, req.headers.authorization).then((auth) => {
      (req as WithAuth)[AUTH_ON_REQUEST] = auth;
      next();
    }, next);
  };
}

export function authenticationOf(req: Request): Authentication | undefined {
  return (req as WithAuth)[AUTH_ON_REQUEST];
}
