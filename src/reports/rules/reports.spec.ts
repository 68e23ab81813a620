import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root.js';
import type { AgreementDocumentV2 } from '../../documents/agreement-v2.types.js';
import { parseAgreement } from '../../documents/parse-agreement.js';
import { agreementStatus, buildValidityExtension, type AgreementHistory } from '../../lifecycle/rules/index.js';
import type { Paper } from '../../papers/rules/index.js';
import { history, signature, version, wohnhilfenContent } from '../../../test/fixtures/lifecycle-fixtures.js';
import { agreementReport, draftCouncilPaper, esc, mdText, toHtml, toMarkdown, ReportInputError, type ReportInput } from './index.js';

const v1 = wohnhilfenContent();
const EXTENSION = 'Schreiben SenASGIVA vom 21.11.2023';

function wohnhilfen(extra: Partial<AgreementHistory> = {}): AgreementHistory {
  return history('soziale-wohnhilfen', {
    versions: [version(1, v1, '2021-10-26'), version(2, buildValidityExtension(v1, '2025-12-31'), '2023-11-21')],
    freezes: [{ version: 1, frozenOn: '2022-01-12', actor: 'senasgiva' }],
    signatures: [
      signature(1, 'neukoelln', 'soziales', '2022-01-12', { personName: 'Anna Soziales' }),
      signature(1, 'neukoelln', 'finanzen', '2022-01-12', { personName: 'Bernd Finanzen' }),
    ],
    amendments: [
      {
        id: 'a1',
        type: 'validityExtension',
        baseVersion: 1,
        newVersion: 2,
        source: EXTENSION,
        decidedOn: '2023-11-21',
        effectiveOn: '2023-11-21',
        actor: 'senasgiva',
      },
    ],
    ...extra,
  });
}

const earlierPaper: Paper = {
  oparlModified: null,
  deleted: false,
  fingerprint: null,
  revision: 0,
  id: 'p1',
  recordedBy: 'test',
  body: 'bvv-neukoelln',
  reference: '2415/XX',
  type: null,
  subject: null,
  date: null,
  originator: null,
  public: null,
  legalGround: null,
  agreementId: 'soziale-wohnhilfen',
  agreementVersion: 1,
  concerns: 'draftBeforeSignature',
  oparlId: null,
  note: null,
  consultations: [
    {
      id: 'c1',
      paperId: 'p1',
      recordedBy: 'test',
      oparlModified: null,
      deleted: false,
      fingerprint: null,
      kind: 'districtOfficeDecision',
      body: 'ba-neukoelln',
      date: '2021-10-26',
      meeting: null,
      meetingNumber: null,
      role: null,
      result: 'beschlossen',
      finished: null,
      oparlId: null,
      note: null,
    },
    {
      id: 'c2',
      paperId: 'p1',
      recordedBy: 'test',
      oparlModified: null,
      deleted: false,
      fingerprint: null,
      kind: 'councilConsultation',
      body: 'bvv-neukoelln',
      date: '2021-10-28',
      meeting: null,
      meetingNumber: null,
      role: null,
      result: 'zur Kenntnis genommen',
      finished: null,
      oparlId: null,
      note: null,
    },
  ],
};

function input(h: AgreementHistory, asOf: string, papers: Paper[] = [earlierPaper]): ReportInput {
  return { history: h, status: agreementStatus(h, asOf), papers, followUp: null };
}

describe('agreementReport', () => {
  const md = toMarkdown(agreementReport(input(wohnhilfen(), '2024-01-09')));

  it('says the state, the version in force with its hash and the validity in German', () => {
    expect(md).toContain('Bericht zum Stand 09.01.2024');
    expect(md).toContain('| Zustand | in Kraft |');
    expect(md).toContain('| Fassung in Kraft | Fassung 2 |');
    expect(md).toContain('hash-2');
    expect(md).toContain('| Gültig bis | 31.12.2025 |');
    expect(md).toContain(`| Verlängerung der Geltungsdauer | Fassung 1 → Fassung 2 | 21.11.2023 | 21.11.2023 | 31.12.2025 | ${EXTENSION} |`);
  });

  it('shows the signature matrix with dates, missing roles and party names as on the date', () => {
    expect(md).toMatch(
      /\| Bezirksamt Neukölln \| entfällt \| unterzeichnet am 12\.01\.2022 \| unterzeichnet am 12\.01\.2022 \| seit 12\.01\.2022 \|/,
    );
    expect(md).toMatch(/\| Bezirksamt Mitte \| entfällt \| fehlt \| fehlt \| nein \|/);
    // SenIAS was renamed SenASGIVA in 2023: in 2022 it bore the old name.
    expect(toMarkdown(agreementReport(input(wohnhilfen(), '2022-06-01')))).toContain(
      '| Senatsverwaltung für Integration, Arbeit und Soziales | fehlt |',
    );
    expect(md).toContain('| Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung | fehlt |');
  });

  it('shows format-1 nulls as "nicht angegeben" and unknown paper facts as "nicht bekannt", never leaving them out', () => {
    expect(md).toContain('| Gültig ab | nicht angegeben |');
    expect(md).toContain('| Art | nicht bekannt |');
    expect(md).toContain('| Beratung | BVV Neukölln | 28.10.2021 | nicht bekannt | nicht bekannt | zur Kenntnis genommen | nicht bekannt |');
  });

  it('shows the missing markers of a format-2 version by their reason', () => {
    const result = parseAgreement(readFileSync(join(projectRoot(), 'agreements/soziale-wohnhilfen.yaml'), 'utf8'));
    if (!result.ok) throw new Error('the shipped agreement does not parse');
    const doc = result.content as AgreementDocumentV2;
    const h = history('soziale-wohnhilfen', { versions: [version(1, doc, '2024-01-01')] });
    const text = toMarkdown(agreementReport(input(h, '2024-02-01', [])));
    expect(text).toContain('| Gültig ab | nicht bekannt |');
    expect(text).toContain('| Zustand | Entwurf |');
    expect(text).toMatch(
      /\| Sofortiges Tätigwerden bei Räumungsklagen \| nicht bekannt \| nicht bekannt \| nicht bekannt \| nicht bekannt \| nicht bekannt \| noch zu vereinbaren \| noch zu vereinbaren \|/,
    );
    expect(text).toContain('noch zu vereinbaren (Mindestwerte soll die Folgezielvereinbarung für 2026 festlegen.)');
    expect(text).toContain('Keine Drucksache verzeichnet.');
    expect(text).toContain('Keine Folgevereinbarung verzeichnet.');
  });

  it('says "noch nicht verzeichnet" before anything was recorded', () => {
    expect(toMarkdown(agreementReport(input(wohnhilfen(), '2020-01-01', [])))).toContain('| Zustand | noch nicht verzeichnet |');
  });

  it('marks a paper and a step that their council information system deleted, and keeps them', () => {
    const deleted: Paper = {
      ...earlierPaper,
      deleted: true,
      consultations: earlierPaper.consultations.map((c, i) => (i === 0 ? { ...c, deleted: true } : c)),
    };
    const text = toMarkdown(agreementReport(input(wohnhilfen(), '2024-01-09', [deleted])));
    expect(text).toContain('| Hinweis | im Ratsinformationssystem als gelöscht gekennzeichnet |');
    expect(text).toContain(
      '| Beschluss des Bezirksamts (im Ratsinformationssystem als gelöscht gekennzeichnet) | Bezirksamt Neukölln | 26.10.2021 |',
    );
    expect(md).not.toContain('gelöscht');
  });

  it('leaves out consultations dated after the report date', () => {
    const text = toMarkdown(agreementReport(input(wohnhilfen(), '2021-10-27')));
    expect(text).toContain('26.10.2021');
    expect(text).not.toContain('28.10.2021');
  });
});

describe('HTML', () => {
  it('is a complete German document with table headers that have a scope', () => {
    const html = toHtml(agreementReport(input(wohnhilfen(), '2024-01-09')));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n<title>[^<]+ – Stand 09\.01\.2024<\/title>/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<th scope="col">Partei</th>');
    expect(html).toContain('<th scope="row">Bezirksamt Neukölln</th>');
    expect(html).not.toMatch(/<th>/);
  });

  it('escapes every value', () => {
    const hostile = wohnhilfenContent({ title: '<script>alert("x")</script> & Co' });
    const h = history('x', { versions: [version(1, hostile, '2024-01-01')] });
    const html = toHtml(agreementReport(input(h, '2024-02-01', [{ ...earlierPaper, note: '<b>fett</b>' }])));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(esc(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('Markdown escaping', () => {
  it('keeps values from formatting, linking or breaking tables', () => {
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('[x](javascript:1) *y* <i>')).toBe('\\[x\\](javascript:1) \\*y\\* \\<i\\>');
    expect(mdText('# Titel')).toBe('\\# Titel');
    expect(mdText('eins\nzwei')).toBe('eins zwei');
    expect(mdText('§ 6a AZG (Berlin)')).toBe('§ 6a AZG (Berlin)');
  });
});

describe('draftCouncilPaper', () => {
  const draft = toMarkdown(
    draftCouncilPaper(
      {
        ...input(wohnhilfen(), '2024-01-09'),
        followUp: { agreementId: 'soziale-wohnhilfen-2026', title: 'Folge 2026', state: 'DRAFT', createdOn: '2024-01-09', source: 'Drs. 1265/XXI' },
      },
      'bvv-neukoelln',
    ),
  );

  it('states what was signed for the district, by whom and when, and the extension with its source', () => {
    expect(draft).toContain('Vorlage zur Kenntnisnahme');
    expect(draft).toContain('§ 15 Bezirksverwaltungsgesetz (BezVG)');
    expect(draft).toContain('Geltungsdauer bei Unterzeichnung bis 31.12.2023');
    expect(draft).toContain('Für Finanzen zuständiges Bezirksamtsmitglied: Bernd Finanzen, unterzeichnet am 12.01.2022');
    expect(draft).toContain('Für Soziales zuständiges Bezirksamtsmitglied: Anna Soziales, unterzeichnet am 12.01.2022');
    expect(draft).toContain(
      `Geltungsdauer bis 31.12.2023 verlängert bis 31.12.2025 (Fassung 2; beschlossen am 21.11.2023, wirksam ab 21.11.2023; Quelle: ${EXTENSION})`,
    );
  });

  it('states what the council was told before and what is pending', () => {
    expect(draft).toContain(
      'Drucksache 2415/XX (BVV Neukölln), betrifft: Entwurf vor der Unterzeichnung: Beschluss des Bezirksamts am 26.10.2021; BVV Neukölln: zur Kenntnis genommen am 28.10.2021',
    );
    expect(draft).toContain('Nicht alle Unterschriften verzeichnet bei weiteren');
    expect(draft).toContain('Folgevereinbarung „Folge 2026“ (soziale-wohnhilfen-2026): Entwurf, verzeichnet seit 09.01.2024; Quelle: Drs. 1265/XXI');
  });

  it('refuses a body that is not a district council, and a district that is not a party', () => {
    expect(() => draftCouncilPaper(input(wohnhilfen(), '2024-01-09'), 'ba-neukoelln')).toThrow(ReportInputError);
    const small = history('klein', {
      versions: [version(1, wohnhilfenContent({ parties: v1.parties.filter((p) => p.id !== 'pankow') }), '2024-01-01')],
    });
    expect(() => draftCouncilPaper(input(small, '2024-01-09'), 'bvv-pankow')).toThrow(/not a party/);
  });
});
