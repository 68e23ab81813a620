import { parse } from 'yaml';
import type { AgreementDocument } from './agreement.types.js';
import { diffAgreements } from './diff.js';

const indicator = (id: string, target = 'null') =>
  `{ id: ${id}, title: null, published: false, unit: null, direction: null, definition: null, dataSource: null, periodicity: null, minimumValue: null, targetValue: ${target} }`;

const BASE = `
formatVersion: 1
id: soziale-wohnhilfen
title: Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen
legalBasis: § 6a Allgemeines Zuständigkeitsgesetz (AZG)
policyArea: Soziale Wohnhilfen
leadDepartment: senias
entryIntoForce: perDistrict
validity: { from: null, until: 2023-12-31 }
parties:
  - id: senias
    kind: senateDepartment
    name: Senatsverwaltung für Integration, Arbeit und Soziales
    signatoryRoles: [{ id: leitung, title: Leitung der Senatsverwaltung }]
  - id: neukoelln
    kind: district
    name: Bezirksamt Neukölln
    signatoryRoles:
      - { id: soziales, title: Für Soziales zuständiges Bezirksamtsmitglied }
      - { id: finanzen, title: Für Finanzen zuständiges Bezirksamtsmitglied }
steeringFields:
  - id: klientenperspektive
    title: Klientinnen- bzw. Klientenperspektive
    focus: true
    qualityStandards:
      - id: raeumungsklagen
        title: Sofortiges Tätigwerden bei Räumungsklagen
        indicators:
          - ${indicator('indikator-1')}
      - id: begleitung-zwangsraeumungen
        title: Begleitung Zwangsräumungen
        indicators:
          - ${indicator('indikator-1')}
          - ${indicator('indikator-2')}
  - id: wirtschaftlichkeit
    title: Wirtschaftlichkeit
    focus: false
    qualityStandards: []
measurePackages:
  - { id: daten, title: Daten, status: open }
  - { id: digitalisierung, title: Digitalisierung, status: open }
predecessor: null
`;

const doc = (yaml: string) => parse(yaml) as AgreementDocument;
const base = doc(BASE);

function edited(from: string, to: string): AgreementDocument {
  if (!BASE.includes(from)) throw new Error(`fixture lacks ${from}`);
  return doc(BASE.replace(from, to));
}

const INSERTED_STANDARD = `
      - id: kontaktaufnahme
        title: Aktive Kontaktaufnahme inklusive aufsuchender Arbeit
        indicators: []`;
const SECOND_STANDARD = '      - id: begleitung-zwangsraeumungen';

describe('diffAgreements', () => {
  it('finds nothing between identical documents', () => {
    expect(diffAgreements(base, doc(BASE))).toEqual([]);
  });

  it('ignores key order and YAML style', () => {
    const restyled = edited('validity: { from: null, until: 2023-12-31 }', 'validity:\n  until: "2023-12-31"\n  from: ~');
    expect(diffAgreements(base, restyled)).toEqual([]);
  });

  it('names a new target value by steering field, standard and indicator number', () => {
    const after = doc(
      BASE.replace(
        `title: Begleitung Zwangsräumungen\n        indicators:\n          - ${indicator('indikator-1')}`,
        `title: Begleitung Zwangsräumungen\n        indicators:\n          - ${indicator('indikator-1', '80')}`,
      ),
    );
    expect(diffAgreements(base, after)).toEqual([
      {
        path: '/steeringFields/0/qualityStandards/1/indicators/0/targetValue',
        label: 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert',
        kind: 'changed',
        before: null,
        after: 80,
      },
    ]);
  });

  it('reports an inserted standard once, as the whole standard', () => {
    const after = edited(SECOND_STANDARD, `${INSERTED_STANDARD.slice(1)}\n${SECOND_STANDARD}`);
    expect(diffAgreements(base, after)).toEqual([
      {
        path: '/steeringFields/0/qualityStandards/1',
        label: 'Klientinnen- bzw. Klientenperspektive › Aktive Kontaktaufnahme inklusive aufsuchender Arbeit',
        kind: 'added',
        before: null,
        after: { id: 'kontaktaufnahme', title: 'Aktive Kontaktaufnahme inklusive aufsuchender Arbeit', indicators: [] },
      },
    ]);
  });

  it('reports a removed standard once, pointing into the before document', () => {
    const withThree = edited(SECOND_STANDARD, `${INSERTED_STANDARD.slice(1)}\n${SECOND_STANDARD}`);
    const changes = diffAgreements(withThree, base);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      path: '/steeringFields/0/qualityStandards/1',
      label: 'Klientinnen- bzw. Klientenperspektive › Aktive Kontaktaufnahme inklusive aufsuchender Arbeit',
      kind: 'removed',
      after: null,
    });
    expect(changes[0].before).toMatchObject({ id: 'kontaktaufnahme' });
  });

  it('reports a validity extension as the end date alone', () => {
    const after = edited('until: 2023-12-31', 'until: 2025-12-31');
    expect(diffAgreements(base, after)).toEqual([
      { path: '/validity/until', label: 'Geltungsdauer › Ende', kind: 'changed', before: '2023-12-31', after: '2025-12-31' },
    ]);
  });

  it('reports a pure reordering once, with the id sequences', () => {
    const after = edited(
      `  - { id: daten, title: Daten, status: open }\n  - { id: digitalisierung, title: Digitalisierung, status: open }`,
      `  - { id: digitalisierung, title: Digitalisierung, status: open }\n  - { id: daten, title: Daten, status: open }`,
    );
    expect(diffAgreements(base, after)).toEqual([
      {
        path: '/measurePackages',
        label: 'Maßnahmenpakete › Reihenfolge',
        kind: 'changed',
        before: ['daten', 'digitalisierung'],
        after: ['digitalisierung', 'daten'],
      },
    ]);
  });

  it('matches reordered items by id and still reports their own changes', () => {
    const after = edited(
      `  - { id: daten, title: Daten, status: open }\n  - { id: digitalisierung, title: Digitalisierung, status: open }`,
      `  - { id: digitalisierung, title: Digitalisierung, status: inProgress }\n  - { id: daten, title: Daten, status: open }`,
    );
    expect(diffAgreements(base, after).map((c) => [c.path, c.label, c.before, c.after])).toEqual([
      ['/measurePackages', 'Maßnahmenpakete › Reihenfolge', ['daten', 'digitalisierung'], ['digitalisierung', 'daten']],
      ['/measurePackages/0/status', 'Digitalisierung › Status', 'open', 'inProgress'],
    ]);
  });

  it('does not call an insertion a reordering', () => {
    const after = doc(BASE).measurePackages;
    after.unshift({ id: 'ressourcen', title: 'Ressourcen', status: 'open' });
    const changes = diffAgreements(base, { ...base, measurePackages: after });
    expect(changes.map((c) => [c.kind, c.path, c.label])).toEqual([['added', '/measurePackages/0', 'Ressourcen']]);
  });

  it('reports an added optional key', () => {
    const after = edited('    focus: false\n', '    focus: false\n    description: Wirtschaftlicher Mitteleinsatz\n');
    expect(diffAgreements(base, after)).toEqual([
      {
        path: '/steeringFields/1/description',
        label: 'Wirtschaftlichkeit › Beschreibung',
        kind: 'added',
        before: null,
        after: 'Wirtschaftlicher Mitteleinsatz',
      },
    ]);
  });

  it('reports a removed optional key where it stood', () => {
    const withDescription = edited('    focus: false\n', '    focus: false\n    description: Wirtschaftlicher Mitteleinsatz\n');
    const after = edited('  - { id: daten, title: Daten, status: open }', '  - { id: daten, title: Daten und Auswertung, status: open }');
    expect(diffAgreements(withDescription, after).map((c) => [c.kind, c.path, c.label, c.before, c.after])).toEqual([
      ['removed', '/steeringFields/1/description', 'Wirtschaftlichkeit › Beschreibung', 'Wirtschaftlicher Mitteleinsatz', null],
      ['changed', '/measurePackages/0/title', 'Daten und Auswertung › Titel', 'Daten', 'Daten und Auswertung'],
    ]);
  });

  it('names parties by name and signatory roles by title', () => {
    const after = edited(
      '{ id: finanzen, title: Für Finanzen zuständiges Bezirksamtsmitglied }',
      '{ id: finanzen, title: Bezirksstadtrat für Finanzen }',
    );
    expect(diffAgreements(base, after)).toEqual([
      {
        path: '/parties/1/signatoryRoles/1/title',
        label: 'Bezirksamt Neukölln › Bezirksstadtrat für Finanzen › Titel',
        kind: 'changed',
        before: 'Für Finanzen zuständiges Bezirksamtsmitglied',
        after: 'Bezirksstadtrat für Finanzen',
      },
    ]);
  });

  it('numbers an indicator by its position in the document the path points into', () => {
    const after = edited(
      `          - ${indicator('indikator-1')}\n          - ${indicator('indikator-2')}`,
      `          - ${indicator('indikator-2')}`,
    );
    expect(diffAgreements(base, after)).toEqual([
      {
        path: '/steeringFields/0/qualityStandards/1/indicators/0',
        label: 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1',
        kind: 'removed',
        before: expect.objectContaining({ id: 'indikator-1' }),
        after: null,
      },
    ]);
  });

  it('lists changes in the order of the after document', () => {
    const after = doc(
      BASE.replace('policyArea: Soziale Wohnhilfen', 'policyArea: Soziales')
        .replace('focus: true', 'focus: false')
        .replace('predecessor: null', 'predecessor: vorgaenger'),
    );
    expect(diffAgreements(base, after).map((c) => c.path)).toEqual(['/policyArea', '/steeringFields/0/focus', '/predecessor']);
  });

  it('compares lists of scalars as whole values', () => {
    const before = { ...base, tags: ['a', 'b'] } as AgreementDocument;
    const after = { ...base, tags: ['b', 'a', 'c'] } as AgreementDocument;
    expect(diffAgreements(before, after)).toEqual([{ path: '/tags', label: 'tags', kind: 'changed', before: ['a', 'b'], after: ['b', 'a', 'c'] }]);
  });
});
