import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TOKEN_VERIFIER } from '../auth/auth.module.js';
import { authenticate } from '../auth/authenticate.js';
import type { TokenVerifier } from '../auth/tokens/index.js';
import { actorLabel, type Actor } from '../common/actor.js';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { codeOf, type GraphQLAnswer } from './graphql-client.js';
import { OidcSignIn } from './oidc-sign-in.js';
import { clearCookie, CSRF_COOKIE, formToken, formTokenMatches, newCsrfValue, readCookies, SESSION_COOKIE, setCookie } from './session.js';
import { page, type Html } from './views/html.js';
import { signInView } from './views/forms.view.js';
import { problemView } from './views/versions.view.js';

/** What every page request knows about its browser: the session's token and actor, and the form token. */
export interface PageContext {
  token: string | null;
  actor: Actor | null;
  csrf: string;
  csrfCookie: string;
  secure: boolean;
}

/** The HTTP status a page shows for the code of a refused request. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_INPUT: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * The pages' shared steps: reading the session, answering with a whole page, the sign-in page where reading is
 * refused. Reads and writes themselves go through GraphQL (see graphql-client.ts).
 */
@Injectable()
export class PagesService {
  readonly oidc: OidcSignIn | null;

  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {
    this.oidc = config.oidc && config.oidcSignIn ? new OidcSignIn(config.oidc, config.oidcSignIn) : null;
  }

  /** Secure cookies whenever the browser reached the service over HTTPS. */
  isSecure(req: Request): boolean {
    return req.secure || (this.config.oidcSignIn?.publicUrl.startsWith('https:') ?? false);
  }

  async context(req: Request, res: Response): Promise<PageContext> {
    const cookies = readCookies(req);
    const secure = this.isSecure(req);
    let token: string | null = cookies[SESSION_COOKIE] || null;
    let actor: Actor | null = null;
    if (token) {
      const auth = await authenticate(this.verifier, `Bearer ${token}`);
      actor = auth.actor;
      // An expired or refused token ends the session; the page then asks to sign in again.
      if (!actor && auth.failure !== 'keys-unavailable') {
        clearCookie(res, SESSION_COOKIE, secure);
        token = null;
      }
    }
    let csrfCookie = cookies[CSRF_COOKIE];
    if (!csrfCookie) {
      csrfCookie = newCsrfValue();
      setCookie(res, CSRF_COOKIE, csrfCookie, { secure });
    }
    return { token, actor, csrf: formToken(csrfCookie, token), csrfCookie, secure };
  }

  /** A form is taken only with the token of this browser's session, and never from another site. */
  formAllowed(req: Request, ctx: PageContext): boolean {
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && hostOf(origin) !== req.headers.host) return false;
    return formTokenMatches(readCookies(req)[CSRF_COOKIE], ctx.token, (req.body as Record<string, unknown> | undefined)?._csrf);
  }

  send(res: Response, ctx: PageContext, status: number, view: { title: string; body: Html }): void {
    const user = ctx.actor ? { name: ctx.actor.name, label: actorLabel(ctx.actor).replace(/^.*\((.*)\)$/, '$1') } : null;
    res
      .status(status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        // Personal data of a signed-in user: not kept by shared caches or the back button after sign-out.
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'same-origin',
      })
      .send(page({ ...view, user, csrf: ctx.csrf }));
  }

  signInPage(res: Response, ctx: PageContext, next: string, options: { error?: string | null; reason?: string | null; status?: number } = {}): void {
    const view = signInView({ oidc: this.oidc !== null, next, csrf: ctx.csrf, error: options.error ?? null, reason: options.reason ?? null });
    this.send(res, ctx, options.status ?? 401, view);
  }

  /**
   * Answers a refused read: the sign-in page when reading needs a session, else a page with the service's own
   * message. Returns false when the answer has no error and the page can be built.
   */
  refused(req: Request, res: Response, ctx: PageContext, answer: GraphQLAnswer<unknown>): boolean {
    const code = codeOf(answer);
    if (code === null && answer.data !== null) return false;
    if (code === 'UNAUTHENTICATED') {
      const reason = ctx.token ? 'Die Anmeldung wurde nicht angenommen.' : 'Bitte melden Sie sich an.';
      this.signInPage(res, ctx, req.originalUrl, { reason });
      return true;
    }
    const message = answer.errors[0]?.message ?? 'no answer';
    this.send(res, ctx, STATUS[code ?? ''] ?? 500, problemView('Die Seite kann nicht angezeigt werden', message, code));
    return true;
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
