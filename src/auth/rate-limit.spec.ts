import type { Request, Response } from 'express';
import { AUTH_ON_REQUEST } from './authenticate.js';
import type { Actor } from '../common/actor.js';
import { rateLimit } from './rate-limit.js';

const actor: Actor = { subject: 's', name: 'N', roles: ['reader'], departments: [], district: null, body: null };

/** A request as the authentication middleware leaves it: verified (token) or not. */
function call(
  limiter: ReturnType<typeof rateLimit>,
  token: string | null,
  verified: boolean,
  address = '10.0.0.1',
  authorization = `Bearer ${token}`,
) {
  const res = { statusCode: 200, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader: (k: string, v: string) => (res.headers[k] = v),
    status: (code: number) => ((res.statusCode = code), response),
    json: (body: unknown) => (res.body = body),
  } as unknown as Response;
  const req = {
    headers: token ? { authorization } : {},
    socket: { remoteAddress: address },
    [AUTH_ON_REQUEST]: verified
      ? { actor: { ...actor, subject: `sub-${token}` }, failure: null }
      : { actor: null, failure: token ? 'bad-signature' : null },
  } as unknown as Request;
  let passed = false;
  limiter(req, response, () => (passed = true));
  return { passed, ...res };
}

describe('rateLimit', () => {
  it('lets a token make its allowance per minute, then answers 429 with Retry-After, and counts tokens apart', () => {
    let now = 1_000_000;
    const limiter = rateLimit(3, () => now);
    expect([1, 2, 3].map(() => call(limiter, 'a', true).passed)).toEqual([true, true, true]);
    const refused = call(limiter, 'a', true);
    expect(refused.passed).toBe(false);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['Retry-After']).toBe('60');
    expect(refused.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60 } }] });
    expect(call(limiter, 'b', true).passed).toBe(true);
    now += 30_000;
    expect(call(limiter, 'a', true).headers['Retry-After']).toBe('30');
    now += 30_000;
    expect(call(limiter, 'a', true).passed).toBe(true);
  });

  it('counts a verified caller by its subject, however the header is spelled', () => {
    const limiter = rateLimit(3, () => 0);
    expect(call(limiter, 'a', true, '10.0.0.1', 'Bearer a').passed).toBe(true);
    expect(call(limiter, 'a', true, '10.0.0.2', 'bearer a').passed).toBe(true);
    expect(call(limiter, 'a', true, '10.0.0.3', 'Bearer  a ').passed).toBe(true);
    expect(call(limiter, 'a', true, '10.0.0.4', 'BEARER\ta').passed).toBe(false);
    expect(call(limiter, 'b', true).passed).toBe(true);
  });

  it('counts requests without a valid token by client address, so made-up tokens buy no fresh window', () => {
    const limiter = rateLimit(2, () => 0);
    expect(call(limiter, null, false, '10.0.0.1').passed).toBe(true);
    expect(call(limiter, 'erfunden-1', false, '10.0.0.1').passed).toBe(true);
    expect(call(limiter, 'erfunden-2', false, '10.0.0.1').passed).toBe(false);
    expect(call(limiter, null, false, '10.0.0.2').passed).toBe(true);
  });
});
