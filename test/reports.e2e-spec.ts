import { runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REPORT = `query($id: ID!, $asOf: Date, $format: ReportFormat) { agreementReport(id: $id, asOf: $asOf, format: $format) }`;
const DRAFT = `query($id: ID!, $body: ID!, $asOf: Date) { draftCouncilPaper(agreementId: $id, body: $body, asOf: $asOf) }`;

const SLOW = 240_000;

/** German reports and the draft council paper over HTTP and the CLI, on the shipped real agreement (Drs. 1265/XXI). */
describe('reports', () => {
  let t: TestApp;
  let reader: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    reader = await t.token({ name: 'Lea Leser', roles: ['reader'] });
    env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
  }, SLOW);
  afterAll(() => t.close());

  const report = async (variables: Record<string, unknown>) => {
    const res = await t.gql<{ agreementReport: string }>(REPORT, variables, { as: reader });
    expect(res.errors).toBeUndefined();
    return res.data!.agreementReport;
  };
  const draft = async (variables: Record<string, unknown>) => {
    const res = await t.gql<{ draftCouncilPaper: string }>(DRAFT, variables, { as: reader });
    expect(res.errors).toBeUndefined();
    return res.data!.draftCouncilPaper;
  };

  it('reports the real agreement as it stood on 09.01.2024, in German', async () => {
    const md = await report({ id: 'soziale-wohnhilfen', asOf: '2024-01-09' });
    expect(md.startsWith('# Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen\n')).toBe(true);
    expect(md).toContain('| Rechtsgrundlage | § 6a Allgemeines Zuständigkeitsgesetz (AZG) |');
    expect(md).toContain('| Zustand | in Kraft |');
    expect(md).toContain('| Fassung in Kraft | Fassung 2 |');
    const hash = await t.sql(`SELECT content_hash FROM agreement_versions WHERE agreement_id = 'soziale-wohnhilfen' AND number = 2`);
    expect(md).toContain(`| Prüfsumme der Fassung in Kraft (SHA-256) | ${hash[0].content_hash} |`);
    expect(md).toContain('| Gültig bis | 31.12.2025 |');
    expect(md).toContain(
      '| Verlängerung der Geltungsdauer | Fassung 1 → Fassung 2 | 21.11.2023 | 21.11.2023 | 31.12.2025 | Schreiben SenASGIVA vom 21.11.2023 |',
    );
    expect(md).toContain(
      '| Bezirksamt Neukölln | entfällt | unterzeichnet am 12.01.2022 | unterzeichnet am 12.01.2022 | seit 12.01.2022 | Fassung 2 |',
    );
    expect(md).toContain('| Bezirksamt Mitte | entfällt | fehlt | fehlt | nein | Fassung 2 |');
    expect(md).toContain('### Drucksache 2415/XX (BVV Neukölln)');
    expect(md).toContain('| Beratung | BVV Neukölln | 28.10.2021 | nicht bekannt | nicht bekannt | zur Kenntnis genommen | nicht bekannt |');
    expect(md).toContain('### Drucksache 1265/XXI (BVV Neukölln)');
    // The council took note of 1265/XXI on 17.04.2024: not yet on 09.01.2024.
    expect(md).not.toContain('17.04.2024');
    expect(md).toContain('| Kennung | soziale-wohnhilfen-2026 |');
    expect(md).toContain('| Zustand | Entwurf |');
  });

  it('reports the consultation of 1265/XXI once it happened, and the format-2 facts by their missing reason', async () => {
    const md = await report({ id: 'soziale-wohnhilfen', asOf: '2030-01-01' });
    expect(md).toContain('| Beratung | BVV Neukölln | 17.04.2024 | 30. öffentliche Sitzung | Kenntnisnahme | zur Kenntnis genommen | ja |');
    expect(md).toContain('| Zustand | abgelaufen |');
    expect(md).toContain('| Gültig ab | nicht bekannt |');
    expect(md).toContain('noch zu vereinbaren');
  });

  it('renders a complete HTML document', async () => {
    const html = await report({ id: 'soziale-wohnhilfen', asOf: '2024-01-09', format: 'HTML' });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(html).toContain(
      '<title>Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen – Stand 09.01.2024</title>',
    );
    expect(html).toContain('<th scope="row">Bezirksamt Neukölln</th><td>entfällt</td><td>unterzeichnet am 12.01.2022</td>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('drafts the Neukölln paper of 09.01.2024 with the facts Drucksache 1265/XXI states, and nothing the register does not hold', async () => {
    const text = await draft({ id: 'soziale-wohnhilfen', body: 'bvv-neukoelln', asOf: '2024-01-09' });
    expect(text).toContain('Vorlage zur Kenntnisnahme');
    expect(text).toContain('§ 15 Bezirksverwaltungsgesetz (BezVG)');
    expect(text).toContain('Betreff | Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen');
    // Signed on 12.01.2022 by the members for finance and social affairs, valid until 31.12.2023.
    expect(text).toContain('Geltungsdauer bei Unterzeichnung bis 31.12.2023');
    expect(text).toMatch(/- Für Finanzen zuständiges Bezirksamtsmitglied[^\n]*, unterzeichnet am 12\.01\.2022/);
    expect(text).toMatch(/- Für Soziales zuständiges Bezirksamtsmitglied[^\n]*, unterzeichnet am 12\.01\.2022/);
    // Extended to 31.12.2025 by the letter of 21.11.2023.
    expect(text).toContain('Geltungsdauer bis 31.12.2023 verlängert bis 31.12.2025');
    expect(text).toContain('Quelle: Schreiben SenASGIVA vom 21.11.2023');
    // The earlier paper 2415/XX: decided by the district office on 26.10.2021, taken note of on 28.10.2021.
    expect(text).toContain(
      'Drucksache 2415/XX (BVV Neukölln), betrifft: Entwurf vor der Unterzeichnung: Beschluss des Bezirksamts am 26.10.2021; BVV Neukölln: zur Kenntnis genommen am 28.10.2021',
    );
    // The follow-up for 2026.
    expect(text).toContain(
      'Folgevereinbarung „Folgezielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen (2026)“ (soziale-wohnhilfen-2026): Entwurf',
    );
    // Nothing the register does not hold: no names of signatories, no later dates, no invented numbers.
    expect(text).not.toMatch(/Hikel|Rehfeldt/);
    expect(text).not.toContain('17.04.2024');
    const dates = new Set(text.match(/\d{2}\.\d{2}\.\d{4}/g));
    expect([...dates].sort()).toEqual(['09.01.2024', '12.01.2022', '21.11.2023', '26.10.2021', '28.10.2021', '31.12.2023', '31.12.2025'].sort());
  });

  it('refuses a body that is not a council and an unknown agreement', async () => {
    const bad = await t.gql(DRAFT, { id: 'soziale-wohnhilfen', body: 'ba-neukoelln', asOf: '2024-01-09' }, { as: reader });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_INPUT');
    const missing = await t.gql(REPORT, { id: 'gibt-es-nicht' }, { as: reader });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it(
    'prints the report and the draft on the command line',
    async () => {
      const md = await runCli(['report', 'soziale-wohnhilfen', '--as-of', '2024-01-09'], env);
      expect(md.code).toBe(0);
      expect(md.stdout).toBe(await report({ id: 'soziale-wohnhilfen', asOf: '2024-01-09' }));
      const html = await runCli(['report', 'soziale-wohnhilfen', '--as-of', '2024-01-09', '--format', 'html'], env);
      expect(html.code).toBe(0);
      expect(html.stdout).toBe(await report({ id: 'soziale-wohnhilfen', asOf: '2024-01-09', format: 'HTML' }));
      const paper = await runCli(['report', 'soziale-wohnhilfen', '--draft-paper', '--body', 'bvv-neukoelln', '--as-of', '2024-01-09'], env);
      expect(paper.code).toBe(0);
      expect(paper.stdout).toBe(await draft({ id: 'soziale-wohnhilfen', body: 'bvv-neukoelln', asOf: '2024-01-09' }));
      expect((await runCli(['report', 'soziale-wohnhilfen', '--draft-paper'], env)).code).toBe(2);
      expect((await runCli(['report', 'soziale-wohnhilfen', '--as-of', '9.1.2024'], env)).code).toBe(2);
      expect((await runCli(['report', 'soziale-wohnhilfen', '--format', 'pdf'], env)).code).toBe(2);
      const unknown = await runCli(['report', 'gibt-es-nicht'], env);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr).toContain('NOT_FOUND');
    },
    SLOW,
  );
});
