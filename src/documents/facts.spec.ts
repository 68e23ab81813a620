import {
  citationOf,
  factValue,
  indicatorValueFor,
  indicatorValueSet,
  isDistrictValues,
  isMissing,
  isSourced,
  listOf,
  missingReason,
  sourceIds,
} from './facts.js';

describe('facts of format 2: a plain value, a value with its source, or why it is missing', () => {
  it('factValue gives the value of a plain or sourced fact, and null for a missing one', () => {
    expect(factValue('senias')).toBe('senias');
    expect(factValue({ value: 'senias', source: 'drs-1265-xxi' })).toBe('senias');
    expect(factValue({ value: 12000, inferred: 'aus dem Entwurf gerechnet' })).toBe(12000);
    // A value that is falsy is still a value.
    expect(factValue({ value: 0, source: 'bericht' })).toBe(0);
    expect(factValue(0)).toBe(0);
    expect(factValue({ missing: 'unknown' })).toBeNull();
    expect(factValue({ missing: 'toBeAgreed', note: 'folgt 2026' })).toBeNull();
    expect(factValue(undefined)).toBeNull();
  });

  it('missingReason says why a fact is missing, and null when it has a value', () => {
    expect(missingReason({ missing: 'unknown' })).toBe('unknown');
    expect(missingReason({ missing: 'toBeAgreed', source: 'drs-1265-xxi' })).toBe('toBeAgreed');
    expect(missingReason({ missing: 'notApplicable' })).toBe('notApplicable');
    expect(missingReason('2025-12-31')).toBeNull();
    expect(missingReason({ value: '2025-12-31' })).toBeNull();
    expect(missingReason(null)).toBeNull();
  });

  it('tells the three forms apart', () => {
    expect(isMissing({ missing: 'unknown' })).toBe(true);
    expect(isMissing({ value: 1 })).toBe(false);
    expect(isMissing(['missing'])).toBe(false);
    expect(isSourced({ value: 1, source: 'x' })).toBe(true);
    expect(isSourced({ missing: 'unknown' })).toBe(false);
    expect(isSourced(1)).toBe(false);
    expect(isDistrictValues({ perDistrict: { mitte: 1 } })).toBe(true);
    expect(isDistrictValues({ value: 1 })).toBe(false);
  });

  it('citationOf keeps source, inference and note of a fact written with them, nothing else', () => {
    expect(citationOf({ value: 12, source: ['a', 'b'], inferred: 'erschlossen', note: 'etwa' })).toEqual({
      source: ['a', 'b'],
      inferred: 'erschlossen',
      note: 'etwa',
    });
    expect(citationOf({ missing: 'unknown', source: 'drs' })).toEqual({ source: 'drs' });
    expect(citationOf('plain')).toEqual({});
    expect(citationOf(null)).toEqual({});
  });

  it('sourceIds lists the source ids of one source or several', () => {
    expect(sourceIds({ source: 'drs-1265-xxi' })).toEqual(['drs-1265-xxi']);
    expect(sourceIds({ source: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(sourceIds({ inferred: 'ohne Quelle' })).toEqual([]);
    expect(sourceIds({ missing: 'unknown' })).toEqual([]);
  });

  it('indicatorValueFor gives a district its own value where values are per district, else the value for all', () => {
    const perDistrict = { perDistrict: { mitte: 100, pankow: { missing: 'toBeAgreed' as const } } };
    expect(indicatorValueFor(perDistrict, 'mitte')).toBe(100);
    expect(indicatorValueFor(perDistrict, 'pankow')).toBeNull();
    expect(indicatorValueFor(perDistrict, 'spandau')).toBeNull();
    // Values per district have no value for Berlin as a whole.
    expect(indicatorValueFor(perDistrict, null)).toBeNull();
    expect(indicatorValueFor(90, 'mitte')).toBe(90);
    expect(indicatorValueFor(90, null)).toBe(90);
    expect(indicatorValueFor({ value: 90, source: 'x' }, 'mitte')).toBe(90);
    expect(indicatorValueFor({ missing: 'unknown' }, 'mitte')).toBeNull();
  });

  it('indicatorValueSet: one value, or a value for every district listed and every district of the agreement', () => {
    expect(indicatorValueSet(90)).toBe(true);
    expect(indicatorValueSet(0)).toBe(true);
    expect(indicatorValueSet({ value: 90, source: 'x' })).toBe(true);
    expect(indicatorValueSet({ missing: 'toBeAgreed' })).toBe(false);
    expect(indicatorValueSet({ perDistrict: { mitte: 100, pankow: 90 } })).toBe(true);
    expect(indicatorValueSet({ perDistrict: { mitte: 100, pankow: { missing: 'toBeAgreed' } } })).toBe(false);
    // A value for Mitte only does not set the value of an agreement with Mitte and Pankow.
    expect(indicatorValueSet({ perDistrict: { mitte: 100 } }, ['mitte', 'pankow'])).toBe(false);
    expect(indicatorValueSet({ perDistrict: { mitte: 100, pankow: 90 } }, ['mitte', 'pankow'])).toBe(true);
    // The districts matter only to values per district.
    expect(indicatorValueSet(90, ['mitte', 'pankow'])).toBe(true);
  });

  it('listOf gives the items of a list, and none for a list marked missing as a whole', () => {
    expect(listOf([1, 2])).toEqual([1, 2]);
    expect(listOf({ missing: 'unknown' })).toEqual([]);
  });
});
