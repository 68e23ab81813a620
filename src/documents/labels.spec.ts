import { parse } from 'yaml';
import { FIELD_LABELS, formatPointer, labelForPath, parsePointer } from './labels.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';

const DOC = parse(`
validity: { from: null, until: 2023-12-31 }
parties:
  - id: neukoelln
    name: Bezirksamt Neukölln
    signatoryRoles: [{ id: soziales, title: Für Soziales zuständiges Bezirksamtsmitglied }]
  - id: senfin
    name: ''
    signatoryRoles: []
steeringFields:
  - id: klientenperspektive
    title: Klientinnen- bzw. Klientenperspektive
    qualityStandards:
      - id: begleitung-zwangsraeumungen
        title: Begleitung Zwangsräumungen
        indicators:
          - { id: i1, title: null, targetValue: null }
          - { id: i2, title: Anteil begleiteter Räumungen, targetValue: null }
          - { id: i3, title: null, targetValue: null }
measurePackages:
  - { id: daten, title: Daten, status: open }
tags: [a, b]
`) as unknown;

describe('labelForPath', () => {
  it.each([
    [
      '/steeringFields/0/qualityStandards/0/indicators/2/targetValue',
      'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 3 › Zielwert',
    ],
    [
      '/steeringFields/0/qualityStandards/0/indicators/1/targetValue',
      'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Anteil begleiteter Räumungen › Zielwert',
    ],
    ['/steeringFields/0/qualityStandards/0', 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen'],
    ['/steeringFields/0/qualityStandards', 'Klientinnen- bzw. Klientenperspektive › Qualitätsstandards'],
    ['/parties/0/signatoryRoles/0/title', 'Bezirksamt Neukölln › Für Soziales zuständiges Bezirksamtsmitglied › Titel'],
    ['/parties/1/kind', 'senfin › Art'],
    ['/validity/until', 'Geltungsdauer › Ende'],
    ['/validity/from', 'Geltungsdauer › Beginn'],
    ['/measurePackages/0/status', 'Daten › Status'],
    ['/measurePackages', 'Maßnahmenpakete'],
    ['/tags/1', 'tags › 2'],
    ['', ''],
  ])('%s → %s', (pointer, label) => {
    expect(labelForPath(DOC, pointer)).toBe(label);
  });

  it('names places that do not exist, for error messages', () => {
    expect(labelForPath(DOC, '/steeringFields/0/qualityStandards/0/indicators/5/minimumValue')).toBe(
      'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 6 › Mindestwert',
    );
    expect(labelForPath(DOC, '/steeringFields/0/description')).toBe('Klientinnen- bzw. Klientenperspektive › Beschreibung');
    expect(labelForPath(null, '/predecessor')).toBe('Vorgänger');
  });

  it('rejects text that is not a pointer', () => {
    expect(() => labelForPath(DOC, 'validity/until')).toThrow();
  });
});

describe('labelForPath in format 2', () => {
  const V2 = parse(`
parties:
  senateDepartments: [{ party: senias, signatoryRoles: { missing: unknown } }]
  districts: { which: [mitte, neukoelln], signatoryRoles: { missing: unknown }, namesInDocument: { mitte: Bezirksamt Mitte von Berlin } }
steeringFields:
  - id: feld
    title: { value: Klientenperspektive, source: drs }
    qualityStandards:
      - id: standard
        title: Erreichbarkeit
        indicators:
          - { id: i1, title: Offene Fälle, targetValue: { perDistrict: { mitte: 100, neukoelln: 130 } } }
resources:
  - { id: personal, title: Stellen, amounts: [{ period: '2023', value: 2 }] }
measurePackages:
  - { id: daten, title: Daten, statusHistory: [{ status: open, asOf: 2022-07 }, { status: done, asOf: { missing: unknown } }] }
chronology:
  - { date: 2021-06, event: Entwurf }
`) as unknown;

  it.each([
    // Values per district are named by the district, not its id.
    [
      '/steeringFields/0/qualityStandards/0/indicators/0/targetValue/perDistrict/neukoelln',
      'Klientenperspektive › Erreichbarkeit › Offene Fälle › Zielwert › Je Bezirk › Bezirksamt Neukölln',
    ],
    ['/parties/districts/namesInDocument/mitte', 'Parteien › Bezirke › Namen im Dokument › Bezirksamt Mitte'],
    // Items without a name of their own are numbered within their named list.
    ['/measurePackages/0/statusHistory/1/asOf', 'Daten › Statusverlauf › 2 › Stand'],
    ['/resources/0/amounts/0/value', 'Stellen › Beträge › 1 › Wert'],
    ['/chronology/0/date', 'Chronologie › 1 › Datum'],
    // A Senate department by its name in the party list.
    [
      '/parties/senateDepartments/0/signatoryRoles',
      'Parteien › Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung › Unterzeichnungsrollen',
    ],
  ])('%s → %s', (pointer, label) => {
    expect(labelForPath(V2, pointer)).toBe(label);
  });
});

describe('FIELD_LABELS', () => {
  it('covers every key of formats 1 and 2', () => {
    const keys = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties') Object.keys(value as object).forEach((k) => keys.add(k));
        collect(value);
      }
    };
    for (const file of ['agreement.schema.json', 'agreement-v2.schema.json']) {
      collect(JSON.parse(readFileSync(join(projectRoot(), 'schema', file), 'utf8')));
    }
    expect([...keys].filter((k) => !Object.hasOwn(FIELD_LABELS, k))).toEqual([]);
    expect(Object.keys(FIELD_LABELS).filter((k) => !keys.has(k))).toEqual([]);
  });
});

describe('JSON Pointer helpers', () => {
  it('escape and unescape ~ and /', () => {
    const pointer = formatPointer(['a/b', 'c~d', 0]);
    expect(pointer).toBe('/a~1b/c~0d/0');
    expect(parsePointer(pointer)).toEqual(['a/b', 'c~d', '0']);
  });
});

describe('labelForPath on format 2', () => {
  const doc = { parties: { senateDepartments: [{ party: 'senias', signatoryRoles: [] }] }, title: { value: 'Titel', source: 'x' } };

  it('names a party as on the date asked about, by its latest name without one', () => {
    const path = '/parties/senateDepartments/0/signatoryRoles';
    expect(labelForPath(doc, path, { asOf: '2022-01-12' })).toBe(
      'Parteien › Senatsverwaltung für Integration, Arbeit und Soziales › Unterzeichnungsrollen',
    );
    expect(labelForPath(doc, path, { asOf: '2024-06-01' })).toBe(
      'Parteien › Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung › Unterzeichnungsrollen',
    );
    expect(labelForPath(doc, path)).toBe(labelForPath(doc, path, { asOf: '2024-06-01' }));
  });

  it('labels a value written with its source like the plain value', () => {
    expect(labelForPath(doc, '/title/value')).toBe('Titel › Wert');
  });
});
