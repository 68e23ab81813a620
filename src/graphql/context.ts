import type { Request } from 'express';
import type { Authentication } from '../auth/authenticate.js';
import type { Actor } from '../auth/roles.js';
import type { Loaders } from '../loaders.js';

export interface GraphQLContext {
  req: Request;
  loaders: Loaders;
  /** The verified caller; null without a token or with a refused one. */
  actor: Actor | null;
  /** Why a token was refused; checked by the AccessInterceptor before any resolver runs. */
  authFailure: Authentication['failure'];
}

/** For resolvers behind the AccessInterceptor: mutations only run with an actor. */
export function requireActor(ctx: GraphQLContext): Actor {
  if (!ctx.actor) throw new Error('resolver reached without an actor; is the AccessInterceptor registered?');
  return ctx.actor;
}
