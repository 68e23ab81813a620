import type { Request, Response } from 'express';
import { rateLimit } from './rate-limit.js';

function call(limiter: ReturnType<typeof rateLimit>, headers: Record<string, string>, address = '10.0.0.1') {
  const res = { statusCode: 200, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader: (k: string, v: string) => (res.headers[k] = v),
    status: (code: number) => ((res.statusCode = code), response),
    json: (body: unknown) => (res.body = body),
  } as unknown as Response;
  let passed = false;
  limiter({ headers, socket: { remoteAddress: address } } as unknown as Request, response, () => (passed = true));
  return { passed, ...res };
}

describe('rateLimit', () => {
  it('lets a token make its allowance per minute, then answers 429 with Retry-After, and counts tokens apart', () => {
    let now = 1_000_000;
    const limiter = rateLimit(3, () => now);
    const a = { authorization: 'Bearer a' };
    expect([1, 2, 3].map(() => call(limiter, a).passed)).toEqual([true, true, true]);
    const refused = call(limiter, a);
    expect(refused.passed).toBe(false);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['Retry-After']).toBe('60');
    expect(refused.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60 } }] });
    expect(call(limiter, { authorization: 'Bearer b' }).passed).toBe(true);
    now += 30_000;
    expect(call(limiter, a).headers['Retry-After']).toBe('30');
    now += 30_000;
    expect(call(limiter, a).passed).toBe(true);
  });

  it('counts requests without a token by client address', () => {
    const limiter = rateLimit(1, () => 0);
    expect(call(limiter, {}, '10.0.0.1').passed).toBe(true);
    expect(call(limiter, {}, '10.0.0.1').passed).toBe(false);
    expect(call(limiter, {}, '10.0.0.2').passed).toBe(true);
  });
});
