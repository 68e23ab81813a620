import type { AgreementDocument, Indicator, Party, SteeringField } from '../documents/agreement.types.js';
import type { AgreementHistory, IsoDate, LifecycleVersion, Signature } from './lifecycle.types.js';

/** Builders for the lifecycle tests (kept out of *.spec.ts so several suites can share them). */

export const DISTRICTS: readonly (readonly [string, string])[] = [
  ['mitte', 'Bezirksamt Mitte'],
  ['friedrichshain-kreuzberg', 'Bezirksamt Friedrichshain-Kreuzberg'],
  ['pankow', 'Bezirksamt Pankow'],
  ['charlottenburg-wilmersdorf', 'Bezirksamt Charlottenburg-Wilmersdorf'],
  ['spandau', 'Bezirksamt Spandau'],
  ['steglitz-zehlendorf', 'Bezirksamt Steglitz-Zehlendorf'],
  ['tempelhof-schoeneberg', 'Bezirksamt Tempelhof-Schöneberg'],
  ['neukoelln', 'Bezirksamt Neukölln'],
  ['treptow-koepenick', 'Bezirksamt Treptow-Köpenick'],
  ['marzahn-hellersdorf', 'Bezirksamt Marzahn-Hellersdorf'],
  ['lichtenberg', 'Bezirksamt Lichtenberg'],
  ['reinickendorf', 'Bezirksamt Reinickendorf'],
];

export function senate(id: string, name: string): Party {
  return { id, kind: 'senateDepartment', name, signatoryRoles: [{ id: 'leitung', title: 'Leitung der Senatsverwaltung' }] };
}

export function district(id: string, name: string): Party {
  return {
    id,
    kind: 'district',
    name,
    signatoryRoles: [
      { id: 'soziales', title: 'Für Soziales zuständiges Bezirksamtsmitglied' },
      { id: 'finanzen', title: 'Für Finanzen zuständiges Bezirksamtsmitglied' },
    ],
  };
}

export function indicator(id: string, values: Partial<Pick<Indicator, 'minimumValue' | 'targetValue'>> = {}): Indicator {
  return {
    id,
    title: null,
    published: false,
    unit: null,
    direction: null,
    definition: null,
    dataSource: null,
    periodicity: null,
    minimumValue: values.minimumValue ?? null,
    targetValue: values.targetValue ?? null,
  };
}

const CLIENT_STANDARDS: readonly (readonly [string, string])[] = [
  ['raeumungsklagen', 'Sofortiges Tätigwerden bei Räumungsklagen'],
  ['kontaktaufnahme', 'Aktive Kontaktaufnahme inklusive aufsuchender Arbeit'],
  ['anschreiben-zwangsraeumungen', 'Sofortiges Tätigwerden – Anschreiben Zwangsräumungen'],
  ['begleitung-zwangsraeumungen', 'Begleitung Zwangsräumungen'],
  ['einheitlicher-zugang', 'Einheitlicher Zugang zu den Sozialen Wohnhilfen'],
];

export function steeringFields(): SteeringField[] {
  const other = (id: string, title: string): SteeringField => ({ id, title, focus: false, qualityStandards: [] });
  return [
    {
      id: 'klientenperspektive',
      title: 'Klientinnen- bzw. Klientenperspektive',
      focus: true,
      qualityStandards: CLIENT_STANDARDS.map(([id, title]) => ({ id, title, indicators: [indicator('indikator-1')] })),
    },
    other('mitarbeitendenperspektive', 'Mitarbeitendenperspektive'),
    other('wirtschaftlichkeit', 'Wirtschaftlichkeit (wirtschaftlicher Ressourceneinsatz)'),
    other('rechtskonformitaet', 'Rechtskonformität'),
  ];
}

/** The Soziale Wohnhilfen agreement as signed in January 2022. */
export function wohnhilfenContent(overrides: Partial<AgreementDocument> = {}): AgreementDocument {
  return {
    formatVersion: 1,
    id: 'soziale-wohnhilfen',
    title: 'Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen',
    legalBasis: '§ 6a Allgemeines Zuständigkeitsgesetz (AZG)',
    policyArea: 'Soziale Wohnhilfen',
    leadDepartment: 'senias',
    entryIntoForce: 'perDistrict',
    validity: { from: null, until: '2023-12-31' },
    parties: [
      senate('senias', 'Senatsverwaltung für Integration, Arbeit und Soziales'),
      senate('senfin', 'Senatsverwaltung für Finanzen'),
      ...DISTRICTS.map(([id, name]) => district(id, name)),
    ],
    steeringFields: steeringFields(),
    measurePackages: [
      { id: 'daten', title: 'Daten', status: 'open' },
      { id: 'digitalisierung', title: 'Digitalisierung', status: 'open' },
      { id: 'ressourcen', title: 'Ressourcen', status: 'open' },
    ],
    predecessor: null,
    ...overrides,
  };
}

/** A small allParties agreement: one Senate department and two districts. */
export function smallContent(overrides: Partial<AgreementDocument> = {}): AgreementDocument {
  return wohnhilfenContent({
    id: 'klein',
    title: 'Kleine Testvereinbarung',
    entryIntoForce: 'allParties',
    validity: { from: null, until: '2025-12-31' },
    parties: [
      senate('senias', 'Senatsverwaltung für Integration, Arbeit und Soziales'),
      district('mitte', 'Bezirksamt Mitte'),
      district('neukoelln', 'Bezirksamt Neukölln'),
    ],
    ...overrides,
  });
}

export function version(number: number, content: AgreementDocument, createdOn: IsoDate): LifecycleVersion {
  return { number, contentHash: `hash-${number}`, content, createdOn };
}

export function history(agreementId: string, parts: Partial<Omit<AgreementHistory, 'agreementId'>> = {}): AgreementHistory {
  return { agreementId, versions: [], freezes: [], signatures: [], amendments: [], ...parts };
}

let nextSignature = 1;

export function signature(versionNumber: number, party: string, role: string, signedOn: IsoDate, extra: Partial<Signature> = {}): Signature {
  return {
    id: `sig-${nextSignature++}`,
    version: versionNumber,
    contentHash: `hash-${versionNumber}`,
    party,
    role,
    personName: `Person ${party}/${role}`,
    office: null,
    signedOn,
    recordedBy: 'register',
    level: 'handwrittenScan',
    evidence: null,
    withdrawal: null,
    ...extra,
  };
}

/** Every role of every party of the content signs on the given day. */
export function signAll(versionNumber: number, content: AgreementDocument, signedOn: IsoDate): Signature[] {
  return content.parties.flatMap((p) => p.signatoryRoles.map((r) => signature(versionNumber, p.id, r.id, signedOn)));
}
