import { germanDate, germanPartialDate, isIsoDate, isPartialDate } from '../../common/dates.js';
import type { MissingReason } from '../../documents/agreement-v2.types.js';
import { isDistrictValues, isMissing, isSourced } from '../../documents/facts.js';
import { partyNameOn } from '../../parties/berlin-parties.js';
import type { AmendmentType, IsoDate, LifecycleState } from '../../lifecycle/rules/index.js';
import type { ConsultationKind, PaperConcerns } from '../../papers/rules/index.js';

/** German words of the report: one place for every label, so the Markdown and the HTML say the same. */

export const STATE_DE: Record<LifecycleState, string> = {
  NOT_YET_RECORDED: 'noch nicht verzeichnet',
  DRAFT: 'Entwurf',
  FROZEN: 'eingefroren',
  SIGNING: 'in Unterzeichnung',
  IN_FORCE: 'in Kraft',
  EXPIRED: 'abgelaufen',
  SUPERSEDED: 'abgelöst',
};

/** How a missing fact is shown: the reason the document gives for it. */
export const MISSING_DE: Record<MissingReason, string> = {
  unknown: 'nicht bekannt',
  toBeAgreed: 'noch zu vereinbaren',
  notApplicable: 'entfällt',
};

/** A fact recorded as not known (a paper's null, which its note explains). */
export const UNKNOWN = 'nicht bekannt';

/** A format-1 null: the document cannot say whether the value is unknown or still to be agreed. */
export const NOT_GIVEN = 'nicht angegeben';

export const AMENDMENT_DE: Record<AmendmentType, string> = {
  validityExtension: 'Verlängerung der Geltungsdauer',
  contentAmendment: 'Inhaltliche Änderung',
  correction: 'Berichtigung',
};

export const CONCERNS_DE: Record<PaperConcerns, string> = {
  draftBeforeSignature: 'Entwurf vor der Unterzeichnung',
  signature: 'Unterzeichnung',
  extension: 'Verlängerung',
  amendment: 'Änderung',
  followUp: 'Folgevereinbarung',
  other: 'Sonstiges',
};

export const STEP_DE: Record<ConsultationKind, string> = {
  districtOfficeDecision: 'Beschluss des Bezirksamts',
  councilConsultation: 'Beratung',
};

const DIRECTION_DE: Record<string, string> = { higherIsBetter: 'höher ist besser', lowerIsBetter: 'niedriger ist besser' };
const PERIODICITY_DE: Record<string, string> = { monthly: 'monatlich', quarterly: 'vierteljährlich', halfYearly: 'halbjährlich', yearly: 'jährlich' };
const ENTRY_DE: Record<string, string> = { allParties: 'mit der Unterschrift aller Parteien', perDistrict: 'je Bezirk mit dessen Unterschrift' };

export function dateDe(date: IsoDate | null | undefined): string {
  return date == null ? NOT_GIVEN : germanDate(date);
}

export function yesNoDe(value: boolean | null | undefined): string {
  return value == null ? 'nicht bekannt' : value ? 'ja' : 'nein';
}

export function numberDe(value: number): string {
  return value.toLocaleString('de-DE', { maximumFractionDigits: 6 });
}

/**
 * Any fact of a format-1 or format-2 document as German text: a plain value, a sourced value, a missing marker
 * (with its reason), a format-1 null ("nicht angegeben"), per-district values. `words` translates enumerations.
 */
export function factDe(fact: unknown, words: Record<string, string> = {}, district: string | null = null): string {
  if (fact === null || fact === undefined) return NOT_GIVEN;
  if (isMissing(fact)) return MISSING_DE[fact.missing] ?? fact.missing;
  if (isDistrictValues(fact)) {
    if (district !== null && Object.hasOwn(fact.perDistrict, district)) return factDe(fact.perDistrict[district], words);
    const entries = Object.entries(fact.perDistrict).map(([id, v]) => `${partyNameOn(id)?.name ?? id}: ${factDe(v, words)}`);
    return entries.length === 0 ? NOT_GIVEN : `je Bezirk – ${entries.join('; ')}`;
  }
  if (isSourced(fact)) return factDe(fact.value, words);
  if (typeof fact === 'number') return numberDe(fact);
  if (typeof fact === 'boolean') return yesNoDe(fact);
  if (typeof fact === 'string') {
    if (Object.hasOwn(words, fact)) return words[fact];
    if (isIsoDate(fact)) return germanDate(fact);
    if (/^\d{4}(-\d{2})?$/.test(fact) && isPartialDate(fact)) return germanPartialDate(fact);
    return fact;
  }
  if (Array.isArray(fact)) return fact.length === 0 ? 'keine' : fact.map((x) => factDe(x, words)).join(', ');
  return JSON.stringify(fact);
}

export const directionDe = (fact: unknown) => factDe(fact, DIRECTION_DE);
export const periodicityDe = (fact: unknown) => factDe(fact, PERIODICITY_DE);
export const entryIntoForceDe = (fact: unknown) => factDe(fact, ENTRY_DE);

/** A party's name on a date (SenIAS in 2022, SenASGIVA in 2024), else the given fallback, else the id. */
export function partyDe(id: string, date: IsoDate, fallback?: string | null): string {
  return partyNameOn(id, date)?.name ?? fallback ?? id;
}
