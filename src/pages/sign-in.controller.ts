import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TOKEN_VERIFIER } from '../auth/auth.module.js';
import { authenticate, refusalOf } from '../auth/authenticate.js';
import type { TokenVerifier } from '../auth/tokens/index.js';
import { APP_LOGGER } from '../common/tokens.js';
import type { Logger } from '../common/logger.js';
import type { PendingSignIn } from './oidc-sign-in.js';
import { PagesService } from './pages.service.js';
import { clearCookie, MAX_SESSION_TOKEN_BYTES, OIDC_COOKIE, readCookies, safeNext, SESSION_COOKIE, setCookie } from './session.js';

/** A sign-in at the provider must come back within this time. */
const PENDING_SECONDS = 600;

/**
 * Sign-in and sign-out. With OIDC the browser goes to the provider (code flow with PKCE); in local mode the form
 * takes a token made by `npm run cli -- token`. Either way the session holds a token the GraphQL gate verifies.
 */
@Controller()
export class SignInController {
  constructor(
    private readonly pages: PagesService,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('sign-in')
  async form(@Req() req: Request, @Res() res: Response, @Query('next') next: unknown): Promise<void> {
    const ctx = await this.pages.context(req, res);
    this.pages.signInPage(res, ctx, safeNext(next), { status: 200 });
  }

  /** Local sign-in: the token is checked exactly as GraphQL checks a bearer token, and refused with its message. */
  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    if (!this.pages.formAllowed(req, ctx)) {
      return this.pages.signInPage(res, ctx, next, { error: 'Das Formular ist abgelaufen. Bitte noch einmal senden.', status: 403 });
    }
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    if (token === '') return this.pages.signInPage(res, ctx, next, { error: 'a token is required', status: 400 });
    if (Buffer.byteLength(token) > MAX_SESSION_TOKEN_BYTES) {
      return this.pages.signInPage(res, ctx, next, {
        error: `the token is longer than ${MAX_SESSION_TOKEN_BYTES} bytes, more than a browser keeps`,
        status: 400,
      });
    }
    const auth = await authenticate(this.verifier, `Bearer ${token}`);
    const refused = refusalOf(auth, true);
    if (refused) return this.pages.signInPage(res, ctx, next, { error: refused.message, status: refused.code === 'SERVICE_UNAVAILABLE' ? 503 : 401 });
    setCookie(res, SESSION_COOKIE, token, { secure: ctx.secure });
    res.redirect(303, next);
  }

  @Get('sign-in/oidc')
  async startOidc(@Req() req: Request, @Res() res: Response, @Query('next') next: unknown): Promise<void> {
    const ctx = await this.pages.context(req, res);
    if (!this.pages.oidc) return this.pages.signInPage(res, ctx, safeNext(next), { status: 404, error: 'sign-in through OIDC is not configured' });
    try {
      const { url, pending } = await this.pages.oidc.start(safeNext(next));
      setCookie(res, OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        secure: ctx.secure,
        maxAgeSeconds: PENDING_SECONDS,
        path: '/sign-in',
      });
      res.redirect(303, url);
    } catch (error) {
      this.logger.warn('OIDC sign-in could not start', { error: error instanceof Error ? error.message : String(error) });
      this.pages.signInPage(res, ctx, safeNext(next), { status: 503, error: 'the identity provider cannot be reached; try again later' });
    }
  }

  /** The provider sends the browser back here with a code; its state and the PKCE verifier come from our cookie. */
  @Get('sign-in/callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const pending = readPending(readCookies(req)[OIDC_COOKIE]);
    clearCookie(res, OIDC_COOKIE, ctx.secure, '/sign-in');
    if (!this.pages.oidc || !pending) {
      return this.pages.signInPage(res, ctx, '/', { status: 400, error: 'no sign-in is under way in this browser; please start again' });
    }
    const queryString = req.originalUrl.slice(req.originalUrl.indexOf('?') < 0 ? req.originalUrl.length : req.originalUrl.indexOf('?'));
    let token: string;
    try {
      token = await this.pages.oidc.finish(queryString, pending);
    } catch (error) {
      this.logger.warn('OIDC sign-in refused', { error: error instanceof Error ? error.message : String(error) });
      return this.pages.signInPage(res, ctx, pending.next, { status: 401, error: 'the identity provider did not confirm the sign-in' });
    }
    const refused = refusalOf(await authenticate(this.verifier, `Bearer ${token}`), true);
    if (refused || Buffer.byteLength(token) > MAX_SESSION_TOKEN_BYTES) {
      return this.pages.signInPage(res, ctx, pending.next, {
        status: 401,
        error: refused?.message ?? 'the access token is longer than a browser keeps',
      });
    }
    setCookie(res, SESSION_COOKIE, token, { secure: ctx.secure });
    res.redirect(303, pending.next);
  }

  @Post('sign-out')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.pages.context(req, res);
    // Signing out needs the form token too, so another site cannot sign a user out.
    if (!this.pages.formAllowed(req, ctx)) return this.pages.signInPage(res, ctx, '/', { status: 403, error: 'Das Formular ist abgelaufen.' });
    clearCookie(res, SESSION_COOKIE, ctx.secure);
    res.redirect(303, '/sign-in');
  }
}

function readPending(value: string | undefined): PendingSignIn | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if (typeof parsed.state !== 'string' || typeof parsed.verifier !== 'string') return null;
    return { state: parsed.state, verifier: parsed.verifier, next: safeNext(parsed.next) };
  } catch {
    return null;
  }
}
