import type { Citation, DistrictValues, Fact, IndicatorValue, Missing, MissingReason, Sourced } from './agreement-v2.types.js';

/**
 * Reading format-2 facts: a fact is a plain value, `{ value, source | inferred }`, or `{ missing: why }`. Pure.
 * Consumers that only need the value (the lifecycle rules, a status) take `factValue`, which gives null for a
 * missing fact; those that show the fact (diffs, reports) keep the reason and the citation.
 */

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isMissing(x: unknown): x is Missing {
  return isRecord(x) && typeof x.missing === 'string';
}

export function isSourced<T>(x: unknown): x is Sourced<T> {
  return isRecord(x) && Object.hasOwn(x, 'value');
}

export function isDistrictValues(x: unknown): x is DistrictValues {
  return isRecord(x) && isRecord(x.perDistrict);
}

/** The value of a fact, or null when it is missing. */
export function factValue<T>(fact: Fact<T> | undefined): T | null {
  if (fact === undefined || isMissing(fact)) return null;
  if (isSourced<T>(fact)) return fact.value;
  return fact;
}

/** Why the fact is missing, or null when it has a value. */
export function missingReason(fact: unknown): MissingReason | null {
  return isMissing(fact) ? fact.missing : null;
}

/** Source and inference of a fact written with them; empty for a plain value. */
export function citationOf(fact: unknown): Citation {
  if (!isRecord(fact)) return {};
  const { source, inferred, note } = fact as Citation;
  return { ...(source !== undefined && { source }), ...(inferred !== undefined && { inferred }), ...(note !== undefined && { note }) };
}

/** The source ids a citation names. */
export function sourceIds(citation: Citation | Missing): string[] {
  const ref = citation.source;
  return ref === undefined ? [] : Array.isArray(ref) ? ref : [ref];
}

/**
 * An indicator value for one district: the district's own value where values are per district, else the value
 * for all. Null when missing.
 */
export function indicatorValueFor(value: IndicatorValue, district: string | null): number | null {
  if (isDistrictValues(value)) {
    if (district === null) return null;
    const own = value.perDistrict[district];
    return own === undefined || isMissing(own) ? null : own;
  }
  return factValue(value);
}

/**
 * Whether an indicator value is set: one value, or a value for every district it lists and for each of `districts`
 * (the agreement's districts). Without them, values for one district of twelve would count as set.
 */
export function indicatorValueSet(value: IndicatorValue, districts: readonly string[] = []): boolean {
  if (isDistrictValues(value)) {
    const values = value.perDistrict;
    return Object.values(values).every((v) => !isMissing(v)) && districts.every((d) => Object.hasOwn(values, d));
  }
  return factValue(value) !== null;
}

/** The items of a list that may be marked missing as a whole; none when it is. */
export function listOf<T>(list: T[] | Missing): T[] {
  return Array.isArray(list) ? list : [];
}
