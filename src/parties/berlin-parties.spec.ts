import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isPartialDate } from '../common/dates.js';
import { projectRoot } from '../common/project-root.js';
import {
  BERLIN_DISTRICTS,
  BERLIN_PARTIES,
  type BerlinParty,
  findParty,
  isBerlinDistrict,
  PartyKind,
  partyNameOn,
  suggestPartyId,
} from './berlin-parties.js';

/** The parties of the shipped agreement, read as plain YAML: this module is below the document parser. */
function shippedParties(): Array<{ id: string; kind: string; name: string }> {
  const text = readFileSync(join(projectRoot(), 'agreements/history/soziale-wohnhilfen.1.yaml'), 'utf8');
  return (parse(text) as { parties: Array<{ id: string; kind: string; name: string }> }).parties;
}

describe('Berlin districts', () => {
  it('are exactly the district parties of the shipped agreement, under the same ids and names', () => {
    const districts = shippedParties().filter((p) => p.kind === 'district');
    expect([...BERLIN_DISTRICTS].sort()).toEqual(districts.map((p) => p.id).sort());
    for (const d of districts)
      expect(partyNameOn(d.id, '2022-01-12')).toEqual({ name: d.name, abbreviation: null, certain: true, alternative: null });
  });

  it('are the twelve, in the order they were listed before', () => {
    expect(BERLIN_DISTRICTS).toEqual([
      'mitte',
      'friedrichshain-kreuzberg',
      'pankow',
      'charlottenburg-wilmersdorf',
      'spandau',
      'steglitz-zehlendorf',
      'tempelhof-schoeneberg',
      'neukoelln',
      'treptow-koepenick',
      'marzahn-hellersdorf',
      'lichtenberg',
      'reinickendorf',
    ]);
  });

  it('does not count a Senate department, a council body or nothing as a district', () => {
    expect(isBerlinDistrict('neukoelln')).toBe(true);
    expect(isBerlinDistrict('senias')).toBe(false);
    expect(isBerlinDistrict('bvv-neukoelln')).toBe(false);
    expect(isBerlinDistrict('Neukoelln')).toBe(false);
    expect(isBerlinDistrict(null)).toBe(false);
  });
});

describe('Berlin parties', () => {
  it('are the twelve districts and the two Senate departments the sources name, each id once', () => {
    const byKind = (kind: PartyKind) => BERLIN_PARTIES.filter((p) => p.kind === kind).map((p) => p.id);
    expect(byKind(PartyKind.DISTRICT)).toHaveLength(12);
    expect(byKind(PartyKind.SENATE_DEPARTMENT)).toEqual(['senias', 'senfin']);
    expect(new Set(BERLIN_PARTIES.map((p) => p.id)).size).toBe(BERLIN_PARTIES.length);
    expect(findParty('senfin')?.kind).toBe(PartyKind.SENATE_DEPARTMENT);
    expect(findParty('mitte')?.kind).toBe(PartyKind.DISTRICT);
    expect(findParty('senasgiva')).toBeUndefined();
  });

  it('have names oldest first: only the oldest undated, each later one dated after the one before, each with a source', () => {
    for (const { id, names } of BERLIN_PARTIES) {
      expect({ id, firstSince: names[0].since }).toEqual({ id, firstSince: null });
      for (const [i, n] of names.entries()) {
        expect(n.source.trim()).not.toBe('');
        if (i === 0) continue;
        expect({ id, since: n.since, valid: isPartialDate(n.since) }).toEqual({ id, since: n.since, valid: true });
        const before = names[i - 1].since;
        if (before !== null) expect(n.since! > before).toBe(true);
      }
    }
  });

  it('agree with the shipped agreement, signed in January 2022, on the Senate departments’ names of then', () => {
    for (const p of shippedParties().filter((p) => p.kind === 'senateDepartment')) {
      expect(partyNameOn(p.id, '2022-01-12')?.name).toBe(p.name);
    }
  });

  it('cannot be changed by a caller', () => {
    expect(() => (BERLIN_PARTIES as BerlinParty[]).push(BERLIN_PARTIES[0])).toThrow();
    expect(() => Object.assign(BERLIN_PARTIES[0].names[0], { name: 'Bezirksamt Anderswo' })).toThrow();
    expect(partyNameOn('mitte')?.name).toBe('Bezirksamt Mitte');
  });
});

describe('partyNameOn', () => {
  const SENIAS = 'Senatsverwaltung für Integration, Arbeit und Soziales';
  const SENASGIVA = 'Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung';

  it('gives SenIAS, certainly, before 2023', () => {
    for (const date of ['2022-01-12', '2022-12-31']) {
      expect(partyNameOn('senias', date)).toEqual({ name: SENIAS, abbreviation: 'SenIAS', certain: true, alternative: null });
    }
  });

  it('gives SenIAS, not certainly, while the rename known only as 2023 may not have happened yet', () => {
    for (const date of ['2023-01-01', '2023-06-01', '2023-12-30']) {
      expect(partyNameOn('senias', date)).toEqual({ name: SENIAS, abbreviation: 'SenIAS', certain: false, alternative: SENASGIVA });
    }
  });

  it('gives SenASGIVA once the rename has happened whichever day of 2023 it was', () => {
    for (const date of ['2023-12-31', '2024-01-01', '2024-06-01']) {
      expect(partyNameOn('senias', date)).toEqual({ name: SENASGIVA, abbreviation: 'SenASGIVA', certain: true, alternative: null });
    }
  });

  it('gives the current name without a date', () => {
    const current = { name: SENASGIVA, abbreviation: 'SenASGIVA', certain: true, alternative: null };
    expect(partyNameOn('senias')).toEqual(current);
    expect(partyNameOn('senias', null)).toEqual(current);
    expect(partyNameOn('senfin')).toEqual({ name: 'Senatsverwaltung für Finanzen', abbreviation: 'SenFin', certain: true, alternative: null });
    expect(partyNameOn('neukoelln', '2021-10-26')?.name).toBe('Bezirksamt Neukölln');
  });

  it('knows no name for an unknown id', () => {
    expect(partyNameOn('senasgiva')).toBeNull();
    expect(partyNameOn('neukolln', '2024-01-01')).toBeNull();
  });
});

describe('suggestPartyId', () => {
  it.each([
    ['neukolln', 'neukoelln'],
    ['Neukölln', 'neukoelln'],
    ['Bezirksamt Neukölln', 'neukoelln'],
    ['tempelhof-schöneberg', 'tempelhof-schoeneberg'],
    ['friedrichshain_kreuzberg', 'friedrichshain-kreuzberg'],
    ['senfn', 'senfin'],
    ['SenASGIVA', 'senias'],
    ['senasgiva', 'senias'],
  ])('suggests %s → %s', (id, expected) => {
    expect(suggestPartyId(id)).toBe(expected);
  });

  it('suggests only parties of the kind asked for', () => {
    expect(suggestPartyId('senfn', PartyKind.SENATE_DEPARTMENT)).toBe('senfin');
    expect(suggestPartyId('senfn', PartyKind.DISTRICT)).toBeUndefined();
    expect(suggestPartyId('mite', PartyKind.DISTRICT)).toBe('mitte');
    expect(suggestPartyId('mite', PartyKind.SENATE_DEPARTMENT)).toBeUndefined();
  });

  it('suggests nothing for an id far from every party', () => {
    expect(suggestPartyId('bvv-neukoelln')).toBeUndefined();
    expect(suggestPartyId('hamburg')).toBeUndefined();
  });
});
