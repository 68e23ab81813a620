import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { projectRoot } from '../common/project-root.js';
import { BERLIN_DISTRICTS, partyNameOn } from '../parties/berlin-parties.js';
import { districtIdsOf, focusValueSlots, isFormat2, termsOf, type AnyAgreementDocument } from './agreement-terms.js';
import type { AgreementDocumentV2 } from './agreement-v2.types.js';
import { parseAgreement } from './parse-agreement.js';
import { formatProblem } from './problems.js';

const root = projectRoot();
const read = (file: string) => readFileSync(join(root, file), 'utf8');

function parsed(text: string): AnyAgreementDocument {
  const result = parseAgreement(text);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.content;
}

const v2 = (text: string) => parsed(text) as AgreementDocumentV2;
const complete = read('test/fixtures/documents/format2-complete.yaml');

const SENIAS_2022 = 'Senatsverwaltung für Integration, Arbeit und Soziales';
const SENASGIVA = 'Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung';

describe('termsOf: what the lifecycle decides by, read from a format-2 document', () => {
  it("expands 'which: all' to the twelve districts with their names from the party list, roles not known (Bürgerämter)", () => {
    const terms = termsOf(parsed(read('agreements/buergeraemter.yaml')));
    expect(terms.parties.map((p) => p.id)).toEqual([...BERLIN_DISTRICTS]);
    expect(terms.parties).toHaveLength(12);
    expect(terms.parties.map((p) => p.name)).toEqual([
      'Bezirksamt Mitte',
      'Bezirksamt Friedrichshain-Kreuzberg',
      'Bezirksamt Pankow',
      'Bezirksamt Charlottenburg-Wilmersdorf',
      'Bezirksamt Spandau',
      'Bezirksamt Steglitz-Zehlendorf',
      'Bezirksamt Tempelhof-Schöneberg',
      'Bezirksamt Neukölln',
      'Bezirksamt Treptow-Köpenick',
      'Bezirksamt Marzahn-Hellersdorf',
      'Bezirksamt Lichtenberg',
      'Bezirksamt Reinickendorf',
    ]);
    for (const p of terms.parties) expect(p).toMatchObject({ kind: 'district', rolesKnown: false, signatoryRoles: [] });
    // What the document marks as not known is null, never a guess.
    expect(terms).toMatchObject({
      id: 'buergeraemter',
      title: null,
      leadDepartment: null,
      entryIntoForce: null,
      validity: { from: null, until: null },
      predecessor: null,
    });
  });

  it('reads values written with their source, and tells known roles from unknown ones (Soziale Wohnhilfen, format 2)', () => {
    const terms = termsOf(parsed(read('agreements/soziale-wohnhilfen.yaml')));
    expect(terms).toMatchObject({
      title: 'Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen',
      leadDepartment: 'senias',
      entryIntoForce: 'perDistrict',
      validity: { from: null, until: '2025-12-31' },
    });
    const senate = terms.parties.filter((p) => p.kind === 'senateDepartment');
    // Without a validity start the party list's current name stands.
    expect(senate.map((p) => [p.id, p.name, p.rolesKnown, p.signatoryRoles])).toEqual([
      ['senias', SENASGIVA, false, []],
      ['senfin', 'Senatsverwaltung für Finanzen', false, []],
    ]);
    const districts = terms.parties.filter((p) => p.kind === 'district');
    expect(districts.map((p) => p.id)).toEqual([...BERLIN_DISTRICTS]);
    for (const p of districts) {
      expect(p.rolesKnown).toBe(true);
      expect(p.signatoryRoles.map((r) => r.id)).toEqual(['soziales', 'finanzen']);
    }
  });

  it('names the parties as on the day the validity starts, unless the document names them itself', () => {
    const terms = termsOf(v2(complete));
    expect(terms.validity).toEqual({ from: '2022-07-01', until: '2026-12-31' });
    expect(terms.parties.map((p) => [p.id, p.kind, p.name, p.rolesKnown])).toEqual([
      ['senias', 'senateDepartment', SENIAS_2022, true],
      ['senfin', 'senateDepartment', 'Senatsverwaltung für Finanzen', true],
      ['mitte', 'district', 'Bezirksamt Mitte', true],
      ['neukoelln', 'district', 'Bezirksamt Neukölln', true],
      ['pankow', 'district', 'Bezirksamt Pankow', true],
    ]);
    expect(partyNameOn('senias', '2022-07-01')?.name).toBe(SENIAS_2022);

    const doc = parseDocument(complete);
    doc.setIn(['parties', 'districts', 'namesInDocument'], doc.createNode({ pankow: 'Bezirksamt Pankow von Berlin' }));
    doc.setIn(['parties', 'senateDepartments', 1, 'nameInDocument'], 'Senatsverwaltung für Finanzen (Haushalt)');
    const named = termsOf(v2(doc.toString()));
    expect(named.parties.find((p) => p.id === 'pankow')?.name).toBe('Bezirksamt Pankow von Berlin');
    expect(named.parties.find((p) => p.id === 'senfin')?.name).toBe('Senatsverwaltung für Finanzen (Haushalt)');
  });

  it('marks unknown roles of one Senate department, and has no district parties when the districts are not known', () => {
    const doc = parseDocument(complete);
    doc.setIn(['parties', 'senateDepartments', 1, 'signatoryRoles'], doc.createNode({ missing: 'unknown' }));
    doc.setIn(['parties', 'districts'], doc.createNode({ missing: 'unknown' }));
    // Values per district and milestones for all districts say nothing about which districts are parties.
    const terms = termsOf(v2(doc.toString()));
    expect(terms.parties.map((p) => [p.id, p.rolesKnown])).toEqual([
      ['senias', true],
      ['senfin', false],
    ]);
  });

  it('reads a format-1 document as it is, every role known', () => {
    const doc = parsed(read('agreements/history/soziale-wohnhilfen.1.yaml'));
    expect(isFormat2(doc)).toBe(false);
    const terms = termsOf(doc);
    expect(terms.parties).toHaveLength(14);
    expect(terms.parties[0]).toEqual({
      id: 'senias',
      kind: 'senateDepartment',
      name: SENIAS_2022,
      signatoryRoles: [{ id: 'leitung', title: 'Leitung der Senatsverwaltung' }],
      rolesKnown: true,
    });
    expect(terms.validity).toEqual({ from: null, until: '2023-12-31' });
  });
});

describe('districtIdsOf', () => {
  it('lists the districts a format-2 document names, all twelve for which: all, none when not known', () => {
    expect(districtIdsOf(v2(complete))).toEqual(['mitte', 'neukoelln', 'pankow']);
    expect(districtIdsOf(v2(read('agreements/buergeraemter.yaml')))).toEqual([...BERLIN_DISTRICTS]);
    const doc = parseDocument(complete);
    doc.setIn(['parties', 'districts'], doc.createNode({ missing: 'notApplicable' }));
    expect(districtIdsOf(v2(doc.toString()))).toEqual([]);
  });
});

describe('focusValueSlots: the minimum and target values a follow-up must set', () => {
  const slotsOf = (text: string) => focusValueSlots(parsed(text)).map((s) => `${s.path.slice(-3).join('/')} ${s.set ? 'set' : 'open'}`);

  it('a value is set when it is a number, with or without its source, and for values per district when every district has one', () => {
    expect(slotsOf(complete)).toEqual([
      'indicators/0/minimumValue set',
      'indicators/0/targetValue set',
      'indicators/1/minimumValue set',
      // Pankow's target is still to be agreed.
      'indicators/1/targetValue open',
      'indicators/0/minimumValue set',
      'indicators/0/targetValue set',
    ]);
  });

  it('values for only some of the districts leave the value open', () => {
    const doc = parseDocument(complete);
    const target = ['steeringFields', 0, 'qualityStandards', 0, 'indicators', 1, 'targetValue'];
    doc.setIn(target, doc.createNode({ perDistrict: { mitte: 100, neukoelln: 130 } }));
    expect(slotsOf(doc.toString())[3]).toBe('indicators/1/targetValue open');
    doc.setIn(target, doc.createNode({ perDistrict: { mitte: 100, neukoelln: 130, pankow: 80 } }));
    expect(slotsOf(doc.toString())[3]).toBe('indicators/1/targetValue set');
  });

  it('counts only focus fields', () => {
    const doc = parseDocument(complete);
    doc.setIn(['steeringFields', 0, 'focus'], false);
    expect(slotsOf(doc.toString())).toEqual([]);
  });
});
