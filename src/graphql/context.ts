import type { Request } from 'express';
import type { Actor, AuthFailure } from '../common/actor.js';

/**
 * What every resolver gets. The loaders are each feature's own per-request batching; a resolver
 * names the loaders it uses (`GraphQLContext<VersionLoaders>`), and src/loaders.ts builds them all.
 */
export interface GraphQLContext<L extends object = object> {
  req: Request;
  loaders: L;
  /** The verified caller; null without a token or with a refused one. */
  actor: Actor | null;
  /** Why a token was refused; checked by the AccessInterceptor before any resolver runs. */
  authFailure: AuthFailure | null;
}

/** For resolvers behind the AccessInterceptor: mutations only run with an actor. */
export function requireActor(ctx: GraphQLContext): Actor {
  if (!ctx.actor) throw new Error('resolver reached without an actor; is the AccessInterceptor registered?');
  return ctx.actor;
}
