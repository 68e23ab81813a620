import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode } from '../common/app-error.js';
import { refusalBody } from '../graphql/format-error.js';
import { authenticationOf } from './authenticate.js';

/**
 * A fixed one-minute window per verified caller, keyed on the token's subject (per client address
 * without a valid token, so made-up tokens do not buy fresh windows), in memory.
 * Each instance counts for itself: behind a balancer over n instances a caller gets up to n times
 * the limit, which is fine for protection against runaway clients, not for billing.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return (req: Request, res: Response, next: NextFunction): void => {
    const t = now();
    if (t - lastSweep > 60_000) {
      for (const [key, w] of windows) if (t - w.start >= 60_000) windows.delete(key);
      lastSweep = t;
    }
    const key = keyOf(req);
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count <= perMinute) return next();
    const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    const error = new AppError(ErrorCode.RATE_LIMITED, `rate limit of ${perMinute} requests per minute exceeded; retry in ${retryAfter} s`, {
      retryAfterSeconds: retryAfter,
    });
    res.status(429).json(refusalBody(error));
  };
}

function keyOf(req: Request): string {
  const actor = authenticationOf(req)?.actor;
  // Not the header: 'bearer T' and 'Bearer  T ' are the same token, and a fresh token of the same person is the same caller.
  if (actor) return 'subject:' + actor.subject;
  return 'addr:' + (req.socket.remoteAddress ?? 'unknown');
}
