import { minDate } from '../../common/dates.js';
import type { Amendment, HistoryOf, IsoDate, Signature, TermsHistory, VersionSignature, VersionTerms } from './lifecycle.types.js';

/** Read-only questions about a recorded history, shared by the rules, the status and the events. */

/**
 * Answers that do not depend on the day asked about, kept per history: a status is asked for many days
 * and parties of one history, and without this each answer would scan every signature once per version.
 * Histories are values, built once and never changed in place; the sizes guard against one that was.
 */
interface HistoryIndex {
  sizes: string;
  freezeDate: Map<number, IsoDate | null>;
  knownSince: Map<number, IsoDate>;
  effectiveSignatures: Map<number, Signature[]>;
  signaturesOfVersion: Map<number, VersionSignature[]>;
}

const indexes = new WeakMap<TermsHistory, HistoryIndex>();

function indexOf(history: TermsHistory): HistoryIndex {
  const sizes = `${history.versions.length}/${history.freezes.length}/${history.signatures.length}/${history.amendments.length}`;
  let index = indexes.get(history);
  if (index === undefined || index.sizes !== sizes) {
    index = { sizes, freezeDate: new Map(), knownSince: new Map(), effectiveSignatures: new Map(), signaturesOfVersion: new Map() };
    indexes.set(history, index);
  }
  return index;
}

function remembered<V>(map: Map<number, V>, key: number, compute: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = compute();
  map.set(key, value);
  return value;
}

export function findVersion<V extends VersionTerms>(history: HistoryOf<V>, number: number): V | undefined {
  return history.versions.find((v) => v.number === number);
}

export function latestOf<V extends VersionTerms>(versions: readonly V[]): V | undefined {
  return versions.reduce<V | undefined>((max, v) => (max === undefined || v.number > max.number ? v : max), undefined);
}

export function amendmentCreating(history: TermsHistory, number: number): Amendment | undefined {
  return history.amendments.find((a) => a.newVersion === number);
}

/**
 * The day a version was fixed for signature. A validity extension or a content amendment
 * fixes its new version by the decision itself (it amends a text that is already frozen);
 * a correction yields a draft that has to be frozen like any other.
 */
export function freezeDate(history: TermsHistory, number: number): IsoDate | null {
  return remembered(indexOf(history).freezeDate, number, () => freezeDateOf(history, number));
}

function freezeDateOf(history: TermsHistory, number: number): IsoDate | null {
  const amendment = amendmentCreating(history, number);
  const decided = amendment !== undefined && amendment.type !== 'correction' ? amendment.decidedOn : null;
  return minDate([...history.freezes.filter((f) => f.version === number).map((f) => f.frozenOn), decided]);
}

export function isFrozenBy(history: TermsHistory, number: number, asOf: IsoDate): boolean {
  const frozen = freezeDate(history, number);
  return frozen !== null && frozen <= asOf;
}

/**
 * The earliest day a version demonstrably existed. History is often recorded long after it
 * happened (the 2022 signatures are entered in 2026), so a late createdOn must not hide a
 * freeze, amendment decision or signature dated earlier.
 */
export function knownSince(history: TermsHistory, version: VersionTerms): IsoDate {
  return remembered(indexOf(history).knownSince, version.number, () => knownSinceOf(history, version));
}

function knownSinceOf(history: TermsHistory, version: VersionTerms): IsoDate {
  const n = version.number;
  return minDate([
    version.createdOn,
    freezeDate(history, n),
    amendmentCreating(history, n)?.decidedOn,
    ...history.signatures.filter((s) => s.version === n).map((s) => s.signedOn),
  ]) as IsoDate;
}

/** Versions that existed by asOf, in ascending order. */
export function versionsKnownBy<V extends VersionTerms>(history: HistoryOf<V>, asOf: IsoDate): V[] {
  return history.versions.filter((v) => knownSince(history, v) <= asOf).sort((a, b) => a.number - b.number);
}

export function latestFrozenBy<V extends VersionTerms>(history: HistoryOf<V>, asOf: IsoDate): V | undefined {
  return latestOf(versionsKnownBy(history, asOf).filter((v) => isFrozenBy(history, v.number, asOf)));
}

/** Signed by that day and not withdrawn by it: a withdrawal counts from withdrawnOn on. */
export function isActiveOn(signature: Signature, date: IsoDate): boolean {
  return signature.signedOn <= date && (signature.withdrawal === null || signature.withdrawal.withdrawnOn > date);
}

/**
 * The signatures that back a version: its own plus, transitively, those of the version a
 * validity extension extended (the extension only moves the end date of a text already
 * signed). A content amendment's version starts with none. Withdrawn ones are included;
 * filter with isActiveOn.
 */
export function effectiveSignatures(history: TermsHistory, versionNumber: number): readonly Signature[] {
  return remembered(indexOf(history).effectiveSignatures, versionNumber, () => effectiveSignaturesOf(history, versionNumber));
}

function effectiveSignaturesOf(history: TermsHistory, versionNumber: number): Signature[] {
  const result: Signature[] = [];
  const seen = new Set<number>();
  let current: number | null = versionNumber;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const n: number = current;
    result.push(...history.signatures.filter((s) => s.version === n));
    current = extendedVersion(history, n);
  }
  return result;
}

/**
 * The signatures listed on a version, in the order they were given: its own, and those a validity
 * extension carried over (effectiveSignatures), each of those marked with the version signed.
 */
export function signaturesOfVersion(history: TermsHistory, versionNumber: number): readonly VersionSignature[] {
  return remembered(indexOf(history).signaturesOfVersion, versionNumber, () =>
    effectiveSignatures(history, versionNumber)
      .map((s) => ({ ...s, carriedOverFrom: s.version === versionNumber ? null : s.version }))
      .sort((a, b) => a.signedOn.localeCompare(b.signedOn)),
  );
}

/** The version a validity extension amended, or null when the version is not an extension. */
export function extendedVersion(history: TermsHistory, number: number): number | null {
  const amendment = amendmentCreating(history, number);
  return amendment?.type === 'validityExtension' ? amendment.baseVersion : null;
}

export function partyInHistory(history: TermsHistory, partyId: string): boolean {
  return history.versions.some((v) => v.content.parties.some((p) => p.id === partyId));
}
