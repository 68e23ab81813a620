/**
 * Berlin's parties to target agreements, defined once: the twelve districts and the Senate departments, each under
 * a stable id with its names over time. Facts only, each name with its source; what no source states is left out.
 */
import { closest } from '../common/closest.js';
import { partialDateRange, type IsoDate, type PartialDate } from '../common/dates.js';

/** The kinds of party; the GraphQL enum is registered from this object. */
export const PartyKind = { SENATE_DEPARTMENT: 'senateDepartment', DISTRICT: 'district' } as const;
export type PartyKind = (typeof PartyKind)[keyof typeof PartyKind];

export interface PartyName {
  name: string;
  abbreviation: string | null;
  /** From when the name is used; null for the oldest known name (in use before any date this register knows). */
  since: PartialDate | null;
  /** Where the name (and its date) is stated. */
  source: string;
}

export interface BerlinParty {
  /** Stays when the party is renamed: stored documents, signatures and tokens refer to it. */
  id: string;
  kind: PartyKind;
  /** Oldest first. */
  names: readonly PartyName[];
  note?: string;
}

const DRUCKSACHE_1265 = 'Bezirksamt Neukölln, Drucksache 1265/XXI';
const BRIEF_RENAMES = 'Domain brief: Party names change';
const BRIEF_DISTRICTS = 'Domain brief: What a target agreement is (the twelve districts)';

/** A district office: the name the agreements give it, stable over time (BRIEF_RENAMES: "The twelve districts' names are stable"). */
function district(id: string, name: string, source = BRIEF_DISTRICTS): BerlinParty {
  return { id, kind: PartyKind.DISTRICT, names: [{ name: `Bezirksamt ${name}`, abbreviation: null, since: null, source }] };
}

const PARTIES: BerlinParty[] = [
  district('mitte', 'Mitte'),
  district('friedrichshain-kreuzberg', 'Friedrichshain-Kreuzberg'),
  district('pankow', 'Pankow'),
  district('charlottenburg-wilmersdorf', 'Charlottenburg-Wilmersdorf'),
  district('spandau', 'Spandau'),
  district('steglitz-zehlendorf', 'Steglitz-Zehlendorf'),
  district('tempelhof-schoeneberg', 'Tempelhof-Schöneberg'),
  district('neukoelln', 'Neukölln', DRUCKSACHE_1265),
  district('treptow-koepenick', 'Treptow-Köpenick'),
  district('marzahn-hellersdorf', 'Marzahn-Hellersdorf'),
  district('lichtenberg', 'Lichtenberg'),
  district('reinickendorf', 'Reinickendorf'),
  {
    id: 'senias',
    kind: PartyKind.SENATE_DEPARTMENT,
    names: [
      {
        name: 'Senatsverwaltung für Integration, Arbeit und Soziales',
        abbreviation: 'SenIAS',
        since: null,
        source: `${DRUCKSACHE_1265}; ${BRIEF_RENAMES}`,
      },
      {
        name: 'Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung',
        abbreviation: 'SenASGIVA',
        // The sources give the year only.
        since: '2023',
        source: `${BRIEF_RENAMES}; ${DRUCKSACHE_1265}`,
      },
    ],
    note: 'Seit 2023 Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung (SenASGIVA). Die Kennung bleibt senias, weil gespeicherte Fassungen, Unterschriften und Tokens sie verwenden.',
  },
  {
    id: 'senfin',
    kind: PartyKind.SENATE_DEPARTMENT,
    names: [{ name: 'Senatsverwaltung für Finanzen', abbreviation: 'SenFin', since: null, source: DRUCKSACHE_1265 }],
  },
];

// Frozen, so that no caller can change the one definition for everyone else.
export const BERLIN_PARTIES: readonly BerlinParty[] = Object.freeze(
  PARTIES.map((p) => Object.freeze({ ...p, names: Object.freeze(p.names.map((n) => Object.freeze({ ...n }))) })),
);

const BY_ID = new Map(BERLIN_PARTIES.map((p) => [p.id, p]));

export function findParty(id: string): BerlinParty | undefined {
  return BY_ID.get(id);
}

/** The twelve districts' ids. A district signatory's token names one of these; anything else (a Senate department, say) is no district. */
export const BERLIN_DISTRICTS: readonly string[] = Object.freeze(BERLIN_PARTIES.filter((p) => p.kind === PartyKind.DISTRICT).map((p) => p.id));

export function isBerlinDistrict(id: string | null): boolean {
  return id !== null && BERLIN_DISTRICTS.includes(id);
}

export interface PartyNameOn {
  name: string;
  abbreviation: string | null;
  /** false when a rename known only by year or month may or may not have happened by the date. */
  certain: boolean;
  /** When not certain: the later name, which may already have been in use. */
  alternative: string | null;
}

/**
 * The name on a date. A rename dated only '2023' may have happened on any day of 2023: from 2023-01-01 up to the day
 * before 2023-12-31 the name is not certain, so the earlier one is given with `certain: false` and the later one as
 * `alternative`; on 2023-12-31 the rename has happened whichever day it was. Without a date: the current (latest) name.
 * Null for an unknown id.
 */
export function partyNameOn(id: string, date?: IsoDate | null): PartyNameOn | null {
  const party = findParty(id);
  if (party === undefined) return null;
  const { names } = party;
  if (date == null) return nameOn(names[names.length - 1], null);
  let current = 0;
  let possible: number | null = null;
  for (const [i, n] of names.entries()) {
    if (n.since === null) continue;
    const { first, last } = partialDateRange(n.since);
    if (last <= date) current = i;
    else if (first <= date) possible = i;
  }
  return nameOn(names[current], possible !== null && possible > current ? names[possible].name : null);
}

function nameOn(name: PartyName, alternative: string | null): PartyNameOn {
  return { name: name.name, abbreviation: name.abbreviation, certain: alternative === null, alternative };
}

/**
 * The known id (of one kind, if given) an unknown one most likely meant, for "did you mean"; undefined when nothing
 * is close. Matched against the ids and against every name and abbreviation a party had, so 'Neukölln',
 * 'neukolln' and 'SenASGIVA' all find their party.
 */
export function suggestPartyId(id: string, kind?: PartyKind): string | undefined {
  const parties = BERLIN_PARTIES.filter((p) => kind === undefined || p.kind === kind);
  // Ids first: among equally close candidates the first wins, and an id is what the caller will write.
  const byLabel = new Map<string, string>(parties.map((p) => [p.id, p.id]));
  for (const p of parties) {
    for (const n of p.names) {
      for (const label of [n.abbreviation, n.name]) if (label !== null && !byLabel.has(label)) byLabel.set(label, p.id);
    }
  }
  const match = closest(id, [...byLabel.keys()]);
  return match === undefined ? undefined : byLabel.get(match);
}
