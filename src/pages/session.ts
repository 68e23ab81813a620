import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * The session is the bearer token itself, kept in an HttpOnly, SameSite=Lax cookie: the service stays stateless
 * (any instance verifies it like a GraphQL request's token), and the session ends when the token expires.
 */
export const SESSION_COOKIE = 'zv_session';
/** A random value per browser; with the session token it makes the form token (double submit, tied to the session). */
export const CSRF_COOKIE = 'zv_csrf';
/** State and PKCE verifier of a sign-in under way at the identity provider. */
export const OIDC_COOKIE = 'zv_oidc';

/** Browsers keep about 4 KiB per cookie; a longer token could not be kept and is refused with a message. */
export const MAX_SESSION_TOKEN_BYTES = 3800;

export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A cookie that is not ours and not well encoded is left out.
    }
  }
  return out;
}

/** Secure whenever the page was reached over HTTPS (directly, or as the public URL says). */
export function setCookie(res: Response, name: string, value: string, options: { secure: boolean; maxAgeSeconds?: number; path?: string }): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(res: Response, name: string, secure: boolean, path = '/'): void {
  setCookie(res, name, '', { secure, maxAgeSeconds: 0, path });
}

/** The token a form must carry: derived from this browser's random value and its session, so neither alone forges it. */
export function formToken(csrfCookie: string, sessionToken: string | null): string {
  return createHash('sha256')
    .update(`zv-pages-form\n${csrfCookie}\n${sessionToken ?? ''}`)
    .digest('base64url');
}

export function newCsrfValue(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a posted form carries the token of this browser's session. */
export function formTokenMatches(csrfCookie: string | undefined, sessionToken: string | null, posted: unknown): boolean {
  if (!csrfCookie || typeof posted !== 'string') return false;
  const expected = Buffer.from(formToken(csrfCookie, sessionToken));
  const given = Buffer.from(posted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Only a path of this site: never an absolute or protocol-relative URL, which would make sign-in an open redirect. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
