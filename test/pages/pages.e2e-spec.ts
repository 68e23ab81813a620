import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

    await page.getByRole('link', { name: `Zurück zu ${TITLE}` }).click();
    await page.getByRole('link', { name: 'YAML der Fassung 1' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`${TITLE}: Fassung 1`);
    expect(await page.locator('pre').textContent()).toContain('id: soziale-wohnhilfen');
    await expectAccessible();

    await page.goBack();
    await page.getByLabel('Stand am').fill('2024-06-01');
    await page.getByRole('button', { name: 'Stand anzeigen' }).click();
    await page.getByRole('link', { name: 'Bericht zum Stand 01.06.2024' }).click();
    expect(await page.locator('h1').first().textContent()).toBe(TITLE);
    await expectAccessible();

    await page.goBack();
    await page.getByLabel('Entwurf einer Vorlage zur Kenntnisnahme für').selectOption({ label: 'BVV Neukölln' });
    await page.getByRole('button', { name: 'Entwurf anzeigen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Entwurf einer Vorlage zur Kenntnisnahme: ${TITLE}`);
    expect(await page.locator('pre').textContent()).toContain('Vorlage zur Kenntnisnahme');
    await expectAccessible();

    await page.goto(`${t.baseUrl}/agreements/soziale-wohnhilfen?asOf=2023-02-30`);
    expect(await page.locator('#asOf-error').textContent()).toBe('Fehler: Bitte ein Datum wie 2024-06-01 angeben (nicht „2023-02-30“).');
    expect(await page.getByLabel('Stand am').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible();

    const missing = await page.goto(`${t.baseUrl}/agreements/gibt-es-nicht`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Zielvereinbarung nicht gefunden');
    await expectAccessible();

    await signOut();
    await page.goto(`${t.baseUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmelden');
  });

  it('lets a Mitte signatory record a signature with its scan, and refuses Neukölln next to the party', async () => {
    await signIn(await t.token({ name: 'Moritz Mitte', roles: ['district-signatory'], district: 'mitte' }));
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.getByRole('link', { name: 'Unterschrift erfassen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Unterschrift erfassen: ${TITLE}`);
    await expectAccessible();

    // First the other district: refused with the message GraphQL gives, beside the party field; nothing stored.
    await page.getByLabel('Partei').selectOption('neukoelln');
    await page.getByLabel('Rolle der unterzeichnenden Person').selectOption('soziales');
    await page.getByLabel('Name der unterzeichnenden Person').fill('Moritz Mitte');
    await page.getByLabel('Unterschrieben am').fill('2024-03-01');
    await page.getByRole('button', { name: 'Unterschrift speichern' }).click();
    expect(await page.locator('#unterschrift-party-error').textContent()).toBe("Fehler: FORBIDDEN: you may not record signatures for 'neukoelln'");
    expect(await page.getByLabel('Partei').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible();

    // A date that does not exist is refused beside the date field.
    await page.getByLabel('Partei').selectOption('mitte');
    await page.getByLabel('Unterschrieben am').fill('');
    await page.getByRole('button', { name: 'Unterschrift speichern' }).click();
    expect(await page.locator('#unterschrift-signedOn-error').textContent()).toMatch(/^Fehler: BAD_INPUT: /);
    await expectAccessible();

    // A scan beyond the limit is refused beside the file field, before anything is sent to the register.
    await page.getByLabel('Unterschrieben am').fill('2024-03-01');
    await page
      .getByLabel('Eingescannte Unterschriftsseite')
      .setInputFiles({ name: 'zu-gross.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(20 * 1024 * 1024 + 1) });
    await page.getByRole('button', { name: 'Unterschrift speichern' }).click();
    expect(await page.locator('#unterschrift-evidence-error').textContent()).toBe('Fehler: Die Datei ist größer als 20 MiB.');

    const scan = Buffer.from('%PDF-1.4 Unterschriftsseite Mitte\n');
    await page.getByLabel('Partei').selectOption('mitte');
    await page.getByLabel('Rolle der unterzeichnenden Person').selectOption('soziales');
    await page.getByLabel('Unterschrieben am').fill('2024-03-01');
    await page.getByLabel('Form der Unterschrift').selectOption('HANDWRITTEN_SCAN');
    await page
      .getByLabel('Eingescannte Unterschriftsseite')
      .setInputFiles({ name: 'unterschrift-mitte.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.getByRole('button', { name: 'Unterschrift speichern' }).click();
    expect(await page.getByRole('status').first().textContent()).toBe('Die Unterschrift wurde gespeichert.');
    const mitte = page.getByRole('table', { name: /^Unterschriften je Partei und Rolle/ }).locator('tbody tr', { hasText: 'Bezirksamt Mitte' });
    const sha256 = createHash('sha256').update(scan).digest('hex');
    expect(await mitte.textContent()).toContain(`unterschrieben am 01.03.2024 von Moritz Mitte`);
    expect(await mitte.textContent()).toContain(`Scan unterschrift-mitte.pdf, SHA-256 ${sha256}`);
    await expectAccessible();

    // Audited like their GraphQL twins: the refusal and the signature. The empty date never became an attempt:
    // GraphQL refuses such a variable before the mutation runs, for the pages as for any caller.
    const admin = await t.token({ name: 'Anna Admin', roles: ['admin'] });
    const audit = await t.gql(
      '{ auditLog(agreementId: "soziale-wohnhilfen", limit: 10) { items { operation outcome name party } } }',
      {},
      { as: admin },
    );
    const signatures = audit.data!.auditLog.items.filter((e: { operation: string }) => e.operation === 'recordSignature');
    expect(signatures).toEqual([
      { operation: 'recordSignature', outcome: 'ok', name: 'Moritz Mitte', party: 'mitte' },
      { operation: 'recordSignature', outcome: 'FORBIDDEN', name: 'Moritz Mitte', party: 'mitte' },
    ]);
  });

  it('lets a council office record a paper and a consultation, which then show in the timeline', async () => {
    await signIn(await t.token({ name: 'Bea BVV', roles: ['council-office'], body: 'bvv-neukoelln' }));
    await page.goto(`${t.baseUrl}/agreements/soziale-wohnhilfen`);
    await page.getByRole('link', { name: 'Drucksache oder Beratung erfassen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Drucksachen und Beratungen: ${TITLE}`);
    await expectAccessible();

    const form = page.locator('#beratung');
    await form.getByLabel('Drucksachennummer').fill('1265/XXI');
    await form.getByLabel('Beratendes Gremium').fill('bvv-neukoelln');
    await form.getByLabel('Art des Schritts').selectOption('COUNCIL_CONSULTATION');
    await form.getByLabel('Datum').fill('2024-05-15');
    await form.getByLabel('Ergebnis').fill('vertagt');
    await form.getByLabel('Anmerkung').fill('Eintrag des Browsertests');
    await form.getByRole('button', { name: 'Beratung speichern' }).click();
    expect(await page.getByRole('status').first().textContent()).toBe('Die Beratung wurde gespeichert.');
    const timeline = await page
      .getByRole('table', { name: 'Ereignisse und Drucksachen' })
      .locator('tbody tr', { hasText: '15.05.2024' })
      .allTextContents();
    expect(timeline.join('\n')).toContain('vertagt');
    await expectAccessible();

    // A paper of another council's body is refused beside the body, as GraphQL refuses it.
    await page.getByRole('link', { name: 'Drucksache oder Beratung erfassen' }).click();
    const paper = page.locator('#drucksache');
    await paper.getByLabel('Gremium (BVV)').selectOption('bvv-pankow');
    await paper.getByLabel('Drucksachennummer').fill('1265/XXI');
    await paper.getByRole('button', { name: 'Drucksache speichern' }).click();
    expect(await page.locator('#drucksache-body-error').textContent()).toBe("Fehler: FORBIDDEN: you may not record papers of 'bvv-pankow'");
    await expectAccessible();

    // A paper of its own body is recorded on this agreement and shows in the timeline under its date.
    await paper.getByLabel('Gremium (BVV)').selectOption('bvv-neukoelln');
    await paper.getByLabel('Drucksachennummer').fill('1500/XXI');
    await paper.getByLabel('Art').fill('Vorlage zur Kenntnisnahme');
    await paper.getByLabel('Datum').fill('2024-05-02');
    await paper.getByLabel('Betrifft').selectOption({ label: 'Sonstiges' });
    await paper.getByRole('button', { name: 'Drucksache speichern' }).click();
    expect(await page.getByRole('status').first().textContent()).toBe('Die Drucksache wurde gespeichert.');
    const recorded = await page
      .getByRole('table', { name: 'Ereignisse und Drucksachen' })
      .locator('tbody tr', { hasText: '1500/XXI' })
      .allTextContents();
    expect(recorded.join('\n')).toContain('02.05.2024');
    await page.getByRole('link', { name: 'Drucksache oder Beratung erfassen' }).click();

    // An OParl paper pasted as its JSON is imported for the council's body and linked to this agreement.
    const oparl = page.locator('#oparl');
    await oparl.getByLabel('OParl-Paper (JSON)').fill('{ kein JSON');
    await oparl.getByRole('button', { name: 'OParl-Drucksache übernehmen' }).click();
    expect(await page.locator('#oparl-json-error').textContent()).toMatch(/^Fehler: BAD_INPUT: /);
    await expectAccessible();

    const json = readFileSync(join(process.cwd(), 'examples/oparl/paper-embedded.json'), 'utf8');
    await page.locator('#oparl').getByLabel('OParl-Paper (JSON)').fill(json);
    await page.locator('#oparl').getByRole('button', { name: 'OParl-Drucksache übernehmen' }).click();
    expect(await page.getByRole('status').first().textContent()).toBe('Die OParl-Drucksache wurde übernommen und verknüpft.');
    expect(await page.getByRole('table', { name: 'Ereignisse und Drucksachen' }).textContent()).toContain('4711/XXI');
  });

  it('refuses a form without the token of the session, and keeps the session cookie from scripts', async () => {
    await signIn(await t.token({ name: 'Moritz Mitte', roles: ['district-signatory'], district: 'mitte' }));
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'zv_session')!;
    expect({ httpOnly: session.httpOnly, sameSite: session.sameSite }).toEqual({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');

    // Another site can make the browser send the cookies, but cannot know the form token.
    const before = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'recordSignature'`);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const form = new URLSearchParams({
      _csrf: 'geraten',
      party: 'mitte',
      role: 'soziales',
      personName: 'X',
      signedOn: '2024-03-01',
      level: 'UNKNOWN',
      version: '1',
    });
    const res = await fetch(`${t.baseUrl}/agreements/soziale-wohnhilfen/signatures`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Das Formular ist abgelaufen oder stammt nicht von dieser Seite.');
    // Refused before GraphQL: not even an attempt reaches the audit log.
    expect(await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'recordSignature'`)).toEqual(before);
  });

  it('reads on a phone and prints without navigation and forms', async () => {
    const phone = await newContext(browser, { viewport: { width: 375, height: 740 } });
    page = await phone.newPage();
    await signIn(await t.token({ name: 'Lea Leser', roles: ['reader'] }));
    await page.goto(`${t.baseUrl}/agreements/soziale-wohnhilfen?asOf=2024-06-01`);
    // Wide tables scroll inside their own region; the page itself does not scroll sideways.
    const sticking = await page.evaluate(() => {
      type El = { tagName: string; id: string; className: string; closest(s: string): unknown; getBoundingClientRect(): { right: number } };
      const doc = (globalThis as unknown as { document: { documentElement: { clientWidth: number }; querySelectorAll(s: string): Iterable<El> } })
        .document;
      const width = doc.documentElement.clientWidth;
      return [...doc.querySelectorAll('main *')]
        .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > width + 1)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}`);
    });
    expect(sticking).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Stand anzeigen' }).isVisible()).toBe(false);
    expect(await page.locator('#gueltig-bis').isVisible()).toBe(true);
    await phone.close();
  });
});
