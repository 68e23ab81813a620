import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newContext, seriousAxeViolations } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TITLE = 'Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen';

/**
 * The pages in Debian's Chromium against the running service on its real database, with the agreements folder
 * loaded: what a council office and a district signatory see and do. axe-core checks every page visited.
 */
describe('pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const visited: string[] = [];

  /** Every page the test sees is checked with axe-core as it is seen. */
  async function expectAccessible(): Promise<void> {
    visited.push(new URL(page.url()).pathname);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  async function signIn(token: string): Promise<void> {
    await page.goto(`${t.baseUrl}/sign-in`);
    await page.getByLabel('Zugangsschlüssel (Token)').fill(token);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Anmelden');
  }

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
  });

  beforeEach(async () => {
    context = await newContext(browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows only the sign-in without a session, and refuses a wrong token with the message GraphQL gives', async () => {
    const res = await page.goto(`${t.baseUrl}/agreements/soziale-wohnhilfen`);
    expect(res?.status()).toBe(401);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmelden');
    expect(await page.content()).not.toContain(TITLE);
    await expectAccessible();

    await page.getByLabel('Zugangsschlüssel (Token)').fill('kein.gültiges.token');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    expect(await page.locator('#token-error').textContent()).toBe('Fehler: the token was not accepted');
    await expectAccessible();
  });

  it('lists, filters by Neukölln, opens Soziale Wohnhilfen, moves the date and compares two versions', async () => {
    await signIn(await t.token({ name: 'Lea Leser', roles: ['reader'] }));
    // Signed in from the sign-in page itself, the browser goes on to the list.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gesamtstädtische Zielvereinbarungen');
    await expect(page.getByRole('link', { name: TITLE, exact: true }).count()).resolves.toBe(1);
    await expectAccessible();

    await page.getByLabel('Beteiligte Partei').selectOption({ label: 'Bezirksamt Neukölln' });
    await page.getByRole('button', { name: 'Filtern' }).click();
    expect(page.url()).toBe(`${t.baseUrl}/?party=neukoelln`);
    const listed = await page.locator('table tbody tr th').allTextContents();
    expect(listed).toContain(TITLE);
    await expectAccessible();

    await page.getByRole('link', { name: TITLE, exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await expectAccessible();

    await page.getByLabel('Stand am').fill('2023-06-30');
    await page.getByLabel('Partei', { exact: true }).selectOption('neukoelln');
    await page.getByRole('button', { name: 'Stand anzeigen' }).click();
    expect(await page.locator('#stand').textContent()).toBe('Stand am 30.06.2023, Partei: Bezirksamt Neukölln');
    expect(await page.locator('#gueltig-bis').textContent()).toBe('31.12.2023');
    await expectAccessible();

    await page.getByLabel('Stand am').fill('2024-06-01');
    await page.getByRole('button', { name: 'Stand anzeigen' }).click();
    expect(await page.locator('#gueltig-bis').textContent()).toBe('31.12.2025');
    const extension = page.getByRole('table', { name: 'Verlängerungen und Änderungen bis zu diesem Tag' });
    expect(await extension.locator('tbody tr').first().textContent()).toContain('Schreiben SenASGIVA vom 21.11.2023');
    const matrix = page.getByRole('table', { name: /^Unterschriften je Partei und Rolle/ });
    expect(await matrix.locator('tbody tr').first().textContent()).toContain('unterschrieben am 12.01.2022');
    await expectAccessible();

    await page.getByLabel('Ältere Fassung').selectOption('1');
    await page.getByLabel('Neuere Fassung').selectOption('2');
    await page.getByRole('button', { name: 'Fassungen vergleichen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`${TITLE}: Fassung 1 und Fassung 2 im Vergleich`);
    const changes = await page.getByRole('table', { name: 'Änderungen von Fassung 1 zu Fassung 2' }).locator('tbody tr').allTextContents();
    expect(changes.join('\n')).toContain('2025-12-31');
    await expectAccessible();
  });
});
