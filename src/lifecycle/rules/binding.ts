import type { Party } from '../../documents/agreement.types.js';
import { maxDate } from '../../common/dates.js';
import {
  amendmentCreating,
  effectiveSignatures,
  extendedVersion,
  findVersion,
  freezeDate,
  isActiveOn,
  isFrozenBy,
  knownSince,
  versionsKnownBy,
} from './history.js';
import type { IsoDate, Signature, TermsHistory, VersionTerms } from './lifecycle.types.js';

/**
 * Who is bound by which version on a given day. Everything is judged from the record as it
 * stood on asOf: later versions, freezes, signatures, withdrawals and amendments do not exist yet.
 */

export interface Binding {
  version: VersionTerms;
  /** The day the party became bound by this text (validity extensions keep the day of the text they extend). */
  since: IsoDate;
  until: IsoDate | null;
  /** false once asOf is past `until`: the party was bound, the period is over. */
  inForce: boolean;
}

/**
 * Versions that can bind anyone on asOf, latest first: frozen and, when they come from an
 * amendment, decided and effective. The base of an effective validity extension drops out:
 * from then on the extension (same text, later end) stands in for it.
 */
export function candidateVersions(history: TermsHistory, asOf: IsoDate): VersionTerms[] {
  const usable = versionsKnownBy(history, asOf).filter((v) => isFrozenBy(history, v.number, asOf) && isEffectiveBy(history, v, asOf));
  const replaced = new Set(usable.map((v) => extendedVersion(history, v.number)).filter((n) => n !== null));
  return usable.filter((v) => !replaced.has(v.number)).reverse();
}

/** For every party: the latest version that has bound it by asOf, or none. */
export function partyBindings(history: TermsHistory, asOf: IsoDate): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const version of candidateVersions(history, asOf)) {
    for (const [party, since] of entryDates(history, version, asOf)) {
      if (bindings.has(party) || since === null || since > asOf) continue;
      const until = version.content.validity.until;
      bindings.set(party, { version, since, until, inForce: until === null || asOf <= until });
    }
  }
  return bindings;
}

/**
 * The day each party is bound by this version, or null while its signatures are incomplete.
 * allParties: everyone on the day the last required signature of all parties is there.
 * perDistrict: each party on the day its own roles have all signed (Senate departments
 * included, but they do not gate the districts).
 */
export function entryDates(history: TermsHistory, version: VersionTerms, asOf: IsoDate): Map<string, IsoDate | null> {
  const { parties, validity, entryIntoForce } = version.content;
  // Judged on the last day of validity at the latest: a withdrawal after the period ended cannot undo it.
  const on = validity.until !== null && validity.until < asOf ? validity.until : asOf;
  const active = effectiveSignatures(history, version.number).filter((s) => isActiveOn(s, on));
  const floor = floorDate(history, version);
  const completions = parties.map((p) => completion(p, active));
  if (entryIntoForce === 'allParties') {
    const all = completions.every((c) => c.complete) ? (maxDate([floor, ...completions.map((c) => c.date)]) ?? floor) : null;
    return new Map(parties.map((p) => [p.id, all]));
  }
  return new Map(parties.map((p, i) => [p.id, completions[i].complete ? (maxDate([floor, completions[i].date]) ?? floor) : null]));
}

/**
 * The earliest day a version can bind anyone, signatures aside: not before its validity starts,
 * before it was frozen, or before the amendment that made it takes effect. An extension keeps
 * the floor of the text it extends, so those already bound stay bound since their original day.
 */
function floorDate(history: TermsHistory, version: VersionTerms, seen = new Set<number>()): IsoDate {
  seen.add(version.number);
  const baseNumber = extendedVersion(history, version.number);
  const base = baseNumber === null || seen.has(baseNumber) ? undefined : findVersion(history, baseNumber);
  if (base !== undefined) return floorDate(history, base, seen);
  const amendment = amendmentCreating(history, version.number);
  return maxDate([version.content.validity.from, freezeDate(history, version.number), amendment?.effectiveOn]) ?? knownSince(history, version);
}

function isEffectiveBy(history: TermsHistory, version: VersionTerms, asOf: IsoDate): boolean {
  const amendment = amendmentCreating(history, version.number);
  return amendment === undefined || (amendment.decidedOn <= asOf && amendment.effectiveOn <= asOf);
}

/** Complete when every role of the party has an active signature; dated by the last of them. */
function completion(party: Party, active: readonly Signature[]): { complete: boolean; date: IsoDate | null } {
  let date: IsoDate | null = null;
  for (const role of party.signatoryRoles) {
    const signedOn = active
      .filter((s) => s.party === party.id && s.role === role.id)
      .map((s) => s.signedOn)
      .sort()[0];
    if (signedOn === undefined) return { complete: false, date: null };
    date = maxDate([date, signedOn]);
  }
  return { complete: true, date };
}
