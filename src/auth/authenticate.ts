import type { NextFunction, Request, Response } from 'express';
import type { Actor, AuthFailure } from '../common/actor.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { refusalBody } from '../graphql/format-error.js';
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

/** Why a request may go no further, or null: a refused token, unavailable token keys, or no token where one is required. */
export function refusalOf(auth: Authentication, tokenRequired: boolean): AppError | null {
  if (auth.failure === 'keys-unavailable') return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'token keys are unavailable; try again later');
  // One answer for every reason, so that a caller learns nothing about what was wrong with the token.
  if (auth.failure) return new AppError(ErrorCode.UNAUTHENTICATED, 'the token was not accepted');
  if (!auth.actor && tokenRequired) return new AppError(ErrorCode.UNAUTHENTICATED, 'a token is required');
  return null;
}

/**
 * Refuses a GraphQL request with a refused token, or without a token where reading needs one, before its query is
 * parsed: an anonymous 3 MiB query otherwise costs parsing and validation first. Without a token and with anonymous
 * reading on, the request goes on; the access check refuses its mutations. A GET without a query (the landing page)
 * is no operation and goes on too.
 */
export function refuseUnauthenticated(allowAnonymousRead: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const auth = authenticationOf(req);
    const refused = auth && carriesOperation(req) ? refusalOf(auth, !allowAnonymousRead) : null;
    if (!refused) return next();
    if (refused.code === ErrorCode.SERVICE_UNAVAILABLE) {
      res.status(503).json(refusalBody(refused));
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(401).json(refusalBody(refused));
  };
}

function carriesOperation(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return true;
  return req.query.query !== undefined || req.query.extensions !== undefined;
}
