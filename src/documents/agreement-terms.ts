import type { IsoDate } from '../common/dates.js';
import { BERLIN_DISTRICTS, findParty, partyNameOn } from '../parties/berlin-parties.js';
import type { AgreementDocument, EntryIntoForce, Party, PartyKind } from './agreement.types.js';
import type { AgreementDocumentV2, IndicatorValue } from './agreement-v2.types.js';
import { factValue, indicatorValueSet, isMissing } from './facts.js';

/** A stored agreement version in any format the register has used. */
export type AnyAgreementDocument = AgreementDocument | AgreementDocumentV2;

export function isFormat2(doc: AnyAgreementDocument): doc is AgreementDocumentV2 {
  return doc.formatVersion === 2;
}

/**
 * What the lifecycle decides by, the same for every format: who signs in which roles, the validity, how the
 * agreement enters into force, the lead and the predecessor. A missing fact is null here; a party whose
 * signatory roles are not known has none (so no signature can be recorded for it until a version names them).
 */
export interface AgreementTerms {
  id: string;
  title: string | null;
  leadDepartment: string | null;
  entryIntoForce: EntryIntoForce | null;
  validity: { from: IsoDate | null; until: IsoDate | null };
  parties: TermsParty[];
  predecessor: string | null;
}

/** A party as the rules see it; `rolesKnown` is false when the document marks its signatory roles as missing. */
export interface TermsParty extends Party {
  rolesKnown: boolean;
}

/**
 * The keys of a document termsOf reads, and nothing else. The database keeps these beside each version
 * (version_terms, migration 1764000000060, which lists the same keys), so the status needs no document.
 */
export const TERMS_KEYS = ['formatVersion', 'id', 'title', 'leadDepartment', 'entryIntoForce', 'validity', 'parties', 'predecessor'] as const;
type TermsKey = (typeof TERMS_KEYS)[number];

/** A document cut down to TERMS_KEYS: all termsOf needs. */
export type TermsSource = Pick<AgreementDocument, TermsKey> | Pick<AgreementDocumentV2, TermsKey>;

/** The terms of a document. Pure; format 1 documents are read as they are. */
export function termsOf(doc: TermsSource): AgreementTerms {
  if (doc.formatVersion !== 2) {
    const { id, title, leadDepartment, entryIntoForce, validity, parties, predecessor } = doc;
    return { id, title, leadDepartment, entryIntoForce, validity, parties: parties.map((p) => ({ ...p, rolesKnown: true })), predecessor };
  }
  return {
    id: doc.id,
    title: factValue(doc.title),
    leadDepartment: factValue(doc.leadDepartment),
    entryIntoForce: factValue(doc.entryIntoForce),
    validity: { from: factValue(doc.validity.from), until: factValue(doc.validity.until) },
    parties: partiesOf(doc),
    predecessor: doc.predecessor,
  };
}

/** The district ids a format-2 document lists as parties ('all' is the twelve). */
export function districtIdsOf(doc: Pick<AgreementDocumentV2, 'parties'>): string[] {
  const districts = doc.parties.districts;
  if (isMissing(districts)) return [];
  return districts.which === 'all' ? [...BERLIN_DISTRICTS] : districts.which;
}

/**
 * Parties with their names as the document gives them, else as Berlin's party list names them on the day the
 * validity starts (or today's name when that is not known).
 */
function partiesOf(doc: Pick<AgreementDocumentV2, TermsKey>): TermsParty[] {
  const on = factValue(doc.validity.from);
  const party = (id: string, kind: PartyKind, roles: Party['signatoryRoles'] | { missing: string }, nameInDocument?: string): TermsParty => ({
    id,
    kind: findParty(id)?.kind ?? kind,
    name: nameInDocument ?? partyNameOn(id, on)?.name ?? id,
    signatoryRoles: Array.isArray(roles) ? roles : [],
    rolesKnown: Array.isArray(roles),
  });
  const senate = doc.parties.senateDepartments.map((p) => party(p.party, 'senateDepartment', p.signatoryRoles, p.nameInDocument));
  const districts = doc.parties.districts;
  const district = isMissing(districts)
    ? []
    : districtIdsOf(doc).map((id) => party(id, 'district', districts.signatoryRoles, districts.namesInDocument?.[id]));
  return [...senate, ...district];
}

/** One indicator value of a focus field that a follow-up must set before it is frozen, by its path. */
export interface ValueSlot {
  /** JSON Pointer segments into the document. */
  path: (string | number)[];
  set: boolean;
}

/** The minimum and target values of every indicator in a focus field, set or not. */
export function focusValueSlots(doc: AnyAgreementDocument): ValueSlot[] {
  const slots: ValueSlot[] = [];
  // Values per district are set only when every district of the agreement has one.
  const districts = isFormat2(doc) ? districtIdsOf(doc) : [];
  doc.steeringFields.forEach((field, f) => {
    if (!field.focus) return;
    field.qualityStandards.forEach((standard, s) => {
      standard.indicators.forEach((indicator, i) => {
        for (const key of ['minimumValue', 'targetValue'] as const) {
          const value: IndicatorValue | number | null = indicator[key];
          const set = isFormat2(doc) ? indicatorValueSet(value as IndicatorValue, districts) : value !== null;
          slots.push({ path: ['steeringFields', f, 'qualityStandards', s, 'indicators', i, key], set });
        }
      });
    });
  });
  return slots;
}
