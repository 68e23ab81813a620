import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium, newContext, seriousAxeViolations } from '../support/browser.js';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sign-in through an identity provider that runs on this machine over real HTTP: code flow with PKCE. */
describe('pages: sign-in through OIDC', () => {
  let provider: OidcProvider;
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startOidcProvider();
    const key = await provider.createKey();
    provider.publish(key);
    provider.signInAs(key, { name: 'Nils Neukölln', roles: ['district-signatory'], district: 'neukoelln' });
    // The provider sends the browser back to the public address, so the service must listen where that says.
    const port = await freePort();
    t = await startTestApp(
      {
        OIDC_ISSUER: provider.issuer,
        OIDC_AUDIENCE: provider.audience,
        OIDC_JWKS_URL: provider.jwksUrl,
        OIDC_CLIENT_ID: provider.clientId,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      { port },
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  it('signs in at the provider and keeps the session in an HttpOnly, SameSite cookie', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/agreements/soziale-wohnhilfen`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmelden');
    // No token field where the provider signs people in.
    expect(await page.getByLabel('Zugangsschlüssel (Token)').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Mit dem Dienstkonto anmelden' }).click();
    await page.waitForURL(`${t.baseUrl}/agreements/soziale-wohnhilfen`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen',
    );
    expect(await page.locator('header').textContent()).toContain('Angemeldet als Nils Neukölln (district-signatory neukoelln)');
    expect(provider.pkceVerified).toBe(1);
    const session = (await context.cookies()).find((c) => c.name === 'zv_session');
    expect({ httpOnly: session?.httpOnly, sameSite: session?.sameSite }).toEqual({ httpOnly: true, sameSite: 'Lax' });
    await context.close();
  });

  it('refuses a callback that no sign-in in this browser started', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const res = await page.goto(`${t.baseUrl}/sign-in/callback?code=erfunden&state=erfunden`);
    expect(res?.status()).toBe(400);
    expect(await page.locator('.error').first().textContent()).toBe('Fehler: no sign-in is under way in this browser; please start again');
    expect((await context.cookies()).some((c) => c.name === 'zv_session')).toBe(false);
    await context.close();
  });
});
