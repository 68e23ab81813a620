import * as client from 'openid-client';
import type { AppConfig } from '../config/config.js';

/** What the browser keeps while it is at the provider: checked when it comes back. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  next: string;
}

/**
 * The authorization code flow with PKCE against the configured provider. The access token it yields is the one
 * the GraphQL endpoint verifies (issuer, audience, keys), so the pages and GraphQL accept the same sign-ins.
 */
export class OidcSignIn {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    private readonly oidc: NonNullable<AppConfig['oidc']>,
    private readonly signIn: NonNullable<AppConfig['oidcSignIn']>,
  ) {}

  get redirectUri(): string {
    return `${this.signIn.publicUrl}/sign-in/callback`;
  }

  /** Discovery once per instance; a failed one is tried again on the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.oidc.issuer);
      // Plain HTTP only to a provider on this machine (a development or test provider); anything else needs TLS.
      const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      const auth = this.signIn.clientSecret ? client.ClientSecretPost(this.signIn.clientSecret) : client.None();
      this.discovered = client
        .discovery(issuer, this.signIn.clientId, undefined, auth, { execute: loopback ? [client.allowInsecureRequests] : [] })
        .catch((error: unknown) => {
          this.discovered = null;
          throw error;
        });
    }
    return this.discovered;
  }

  async start(next: string): Promise<{ url: string; pending: PendingSignIn }> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    return { url: url.href, pending: { state, verifier, next } };
  }

  /** Exchanges the code for tokens; the access token becomes the session. */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<string> {
    const config = await this.configuration();
    const current = new URL(`${this.redirectUri}${callbackQuery}`);
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state });
    return tokens.access_token;
  }
}
