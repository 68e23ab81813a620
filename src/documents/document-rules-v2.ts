import { closest } from '../common/closest.js';
import { findParty, suggestPartyId } from '../parties/berlin-parties.js';
import type { AgreementDocumentV2, IndicatorV2, IndicatorValue } from './agreement-v2.types.js';
import { ALL_DISTRICTS } from './agreement-v2.types.js';
import { districtIdsOf } from './agreement-terms.js';
import { factValue, isDistrictValues, isMissing, listOf } from './facts.js';
import { joinPointer, quote } from './problems.js';
import type { Locate, Problem } from './problems.js';

/**
 * Rules of format 2 that JSON Schema cannot express: ids unique in their lists, party ids that Berlin's party
 * list knows (with "did you mean"), sources that are listed, indicator values that fit the indicator's scope,
 * kind and direction. Expects a document that passed the schema. Pure.
 */
export function checkDocumentRulesV2(doc: AgreementDocumentV2, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ ...locate(path), path, code, message });

  const uniqueIds = <T>(
    listPath: string,
    items: T[],
    what: string,
    idOf: (item: T) => string = (item) => (item as { id: string }).id,
    key = 'id',
  ) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const id = idOf(item);
      const earlier = first.get(id);
      if (earlier === undefined) return void first.set(id, i);
      const earlierPath = joinPointer(listPath, earlier);
      const at = (base: string) => (key === '' ? base : joinPointer(base, key));
      add(
        at(joinPointer(listPath, i)),
        'duplicate-id',
        `duplicate ${what} id ${quote(id)}; already used by ${earlierPath} (line ${locate(at(earlierPath)).line})`,
      );
    });
  };

  // Sources first: everything else may cite them.
  uniqueIds('/sources', doc.sources, 'source');
  const sourceIds = doc.sources.map((s) => s.id);
  checkCitations(doc, '', sourceIds, add, true);

  // Parties, by their ids in Berlin's party list.
  const senate = doc.parties.senateDepartments;
  uniqueIds('/parties/senateDepartments', senate, 'party', (p) => p.party, 'party');
  senate.forEach((p, i) => {
    const at = joinPointer('/parties/senateDepartments', i);
    checkPartyId(p.party, 'senateDepartment', joinPointer(at, 'party'), add);
    if (Array.isArray(p.signatoryRoles)) uniqueIds(joinPointer(at, 'signatoryRoles'), p.signatoryRoles, 'signatory role');
  });
  const districts = doc.parties.districts;
  if (!isMissing(districts)) {
    if (Array.isArray(districts.which)) {
      uniqueIds('/parties/districts/which', districts.which, 'district', (id) => id, '');
      districts.which.forEach((id, i) => checkPartyId(id, 'district', joinPointer('/parties/districts/which', i), add));
    }
    if (Array.isArray(districts.signatoryRoles)) uniqueIds('/parties/districts/signatoryRoles', districts.signatoryRoles, 'signatory role');
    const listed = new Set(districtIdsOf(doc));
    for (const id of Object.keys(districts.namesInDocument ?? {})) {
      if (!listed.has(id))
        add(
          joinPointer('/parties/districts/namesInDocument', id),
          'rule',
          `${quote(id)} is not one of the districts listed in parties.districts.which`,
        );
    }
  }
  const senateIds = new Set(senate.map((p) => p.party));
  const lead = factValue(doc.leadDepartment);
  if (lead !== null && !senateIds.has(lead)) {
    const path = typeof doc.leadDepartment === 'string' ? '/leadDepartment' : '/leadDepartment/value';
    add(path, 'rule', `leadDepartment ${quote(lead)} is not one of the Senate departments listed in parties.senateDepartments`);
  }

  const from = factValue(doc.validity.from);
  const until = factValue(doc.validity.until);
  if (from !== null && until !== null && from > until)
    add('/validity/until', 'rule', `validity.until ${until} must not be before validity.from ${from}`);
  if (doc.predecessor !== null && doc.predecessor === doc.id) {
    add('/predecessor', 'rule', `predecessor must differ from id ${quote(doc.id)}; an agreement cannot follow up itself`);
  }

  // Steering fields, standards, indicators. Null when the document marks its districts as not known: then a value
  // per district can only be checked against Berlin's districts, not against the parties of the agreement.
  const districtIds = isMissing(doc.parties.districts) ? null : new Set(districtIdsOf(doc));
  const indicatorIds: string[] = [];
  uniqueIds('/steeringFields', doc.steeringFields, 'steering field');
  doc.steeringFields.forEach((field, f) => {
    const standardsPath = joinPointer('/steeringFields', f, 'qualityStandards');
    uniqueIds(standardsPath, field.qualityStandards, 'quality standard');
    field.qualityStandards.forEach((standard, s) => {
      const indicatorsPath = joinPointer(standardsPath, s, 'indicators');
      uniqueIds(indicatorsPath, standard.indicators, 'indicator');
      standard.indicators.forEach((indicator, i) => {
        indicatorIds.push(indicator.id);
        checkIndicator(indicator, joinPointer(indicatorsPath, i), districtIds, add);
      });
    });
  });

  const promises = listOf(doc.servicePromises);
  uniqueIds('/servicePromises', promises, 'service promise');
  promises.forEach((promise, i) => {
    if (promise.indicator !== undefined && !indicatorIds.includes(promise.indicator)) {
      const hint = closest(promise.indicator, indicatorIds);
      add(
        joinPointer('/servicePromises', i, 'indicator'),
        'rule',
        `no indicator ${quote(promise.indicator)} in this document${hint !== undefined ? `; did you mean ${quote(hint)}?` : ''}`,
      );
    }
  });
  const milestones = listOf(doc.timetable);
  uniqueIds('/timetable', milestones, 'milestone');
  milestones.forEach((m, i) => checkPartyIds(m.responsible, joinPointer('/timetable', i, 'responsible'), add));
  const resources = listOf(doc.resources);
  uniqueIds('/resources', resources, 'resource');
  resources.forEach((r, i) => {
    if (isMissing(r.amounts)) return;
    r.amounts.forEach((a, j) => checkValueScope(a.value, factValue(r.scope), joinPointer('/resources', i, 'amounts', j, 'value'), districtIds, add));
  });
  if (!isMissing(doc.attainmentCheck)) checkPartyIds(doc.attainmentCheck.reportedBy, '/attainmentCheck/reportedBy', add);
  const packages = listOf(doc.measurePackages);
  uniqueIds('/measurePackages', packages, 'measure package');
  const resourceIds = resources.map((r) => r.id);
  packages.forEach((mp, i) => {
    checkPartyIds(mp.responsible, joinPointer('/measurePackages', i, 'responsible'), add);
    (mp.resources ?? []).forEach((id, j) => {
      if (resourceIds.includes(id)) return;
      const hint = closest(id, resourceIds);
      add(
        joinPointer('/measurePackages', i, 'resources', j),
        'rule',
        `no resource ${quote(id)} in this document${hint !== undefined ? `; did you mean ${quote(hint)}?` : ''}`,
      );
    });
  });
  return problems;
}

type Add = (path: string, code: string, message: string) => void;

function checkPartyId(id: string, kind: 'senateDepartment' | 'district', path: string, add: Add): void {
  const party = findParty(id);
  if (party === undefined) {
    const hint = suggestPartyId(id, kind);
    add(path, 'unknown-party', `${quote(id)} is not in Berlin's party list${hint !== undefined ? `; did you mean ${quote(hint)}?` : ''}`);
  } else if (party.kind !== kind) {
    const where = party.kind === 'district' ? 'parties.districts' : 'parties.senateDepartments';
    add(path, 'rule', `${quote(id)} is a ${party.kind === 'district' ? 'district' : 'Senate department'}; list it under ${where}`);
  }
}

function checkPartyIds(fact: unknown, path: string, add: Add): void {
  const ids = factValue(fact as string[]);
  if (ids === null) return;
  const at = typeof fact === 'object' && !Array.isArray(fact) ? joinPointer(path, 'value') : path;
  ids.forEach((id, i) => {
    if (id === ALL_DISTRICTS || findParty(id) !== undefined) return;
    const hint = suggestPartyId(id);
    add(
      joinPointer(at, i),
      'unknown-party',
      `${quote(id)} is not in Berlin's party list${hint !== undefined ? `; did you mean ${quote(hint)}?` : ''}`,
    );
  });
}

function checkIndicator(ind: IndicatorV2, at: string, districtIds: Set<string> | null, add: Add): void {
  const scope = factValue(ind.scope);
  const kind = factValue(ind.kind);
  const direction = factValue(ind.direction);
  checkValueScope(ind.minimumValue, scope, joinPointer(at, 'minimumValue'), districtIds, add);
  checkValueScope(ind.targetValue, scope, joinPointer(at, 'targetValue'), districtIds, add);
  if (ind.within !== undefined && kind !== null && kind !== 'share') {
    add(joinPointer(at, 'within'), 'rule', `'within' counts the cases within a limit; it needs kind 'share', not ${quote(kind)}`);
  }
  const pairs = valuePairs(ind.minimumValue, ind.targetValue);
  if (pairs.length > 0 && direction === null) {
    add(joinPointer(at, 'direction'), 'rule', 'direction must be set (higherIsBetter or lowerIsBetter) when minimumValue or targetValue is set');
  }
  if (kind === 'share') {
    for (const [key, value] of [
      ['minimumValue', ind.minimumValue],
      ['targetValue', ind.targetValue],
    ] as const) {
      for (const [district, v] of numbersOf(value)) {
        if (v < 0 || v > 100) add(joinPointer(at, key, ...pathTo(value, district)), 'rule', `a share is a percentage from 0 to 100, got ${v}`);
      }
    }
  }
  for (const { district, min, target } of pairs) {
    if (min === null || target === null || direction === null) continue;
    const where = district === null ? '' : ` for ${district}`;
    if (direction === 'higherIsBetter' && min > target) {
      add(
        joinPointer(at, 'targetValue', ...pathTo(ind.targetValue, district)),
        'rule',
        `targetValue ${target}${where} must not be below minimumValue ${min} when direction is higherIsBetter`,
      );
    } else if (direction === 'lowerIsBetter' && min < target) {
      add(
        joinPointer(at, 'targetValue', ...pathTo(ind.targetValue, district)),
        'rule',
        `targetValue ${target}${where} must not be above minimumValue ${min} when direction is lowerIsBetter`,
      );
    }
  }
}

/**
 * Values per district only where the scope is per district, and only for districts that are parties; when the parties'
 * districts are not known (null), for any of Berlin's districts.
 */
function checkValueScope(value: IndicatorValue, scope: string | null, path: string, districtIds: Set<string> | null, add: Add): void {
  if (!isDistrictValues(value)) return;
  if (scope === 'berlinWide') add(path, 'rule', 'values per district need scope perDistrict; a Berlin-wide figure is one value');
  for (const id of Object.keys(value.perDistrict)) {
    const known = findParty(id)?.kind === 'district';
    if (districtIds === null ? known : districtIds.has(id)) continue;
    const hint = suggestPartyId(id, 'district');
    add(
      joinPointer(path, 'perDistrict', id),
      known ? 'rule' : 'unknown-party',
      known
        ? `${quote(id)} is not one of the districts of this agreement`
        : `${quote(id)} is not a Berlin district${hint !== undefined ? `; did you mean ${quote(hint)}?` : ''}`,
    );
  }
}

/** (district or null for all, number) for every number a value holds. */
function numbersOf(value: IndicatorValue): [string | null, number][] {
  if (isDistrictValues(value))
    return Object.entries(value.perDistrict).flatMap(([d, v]) => (typeof v === 'number' ? [[d, v] as [string, number]] : []));
  const v = factValue(value);
  return v === null ? [] : [[null, v]];
}

function pathTo(value: IndicatorValue, district: string | null): string[] {
  if (district !== null && isDistrictValues(value)) return ['perDistrict', district];
  return typeof value === 'object' && !isMissing(value) && !isDistrictValues(value) ? ['value'] : [];
}

/** Minimum and target side by side: per district when either is per district, else once for all. */
function valuePairs(min: IndicatorValue, target: IndicatorValue): { district: string | null; min: number | null; target: number | null }[] {
  const mins = new Map(numbersOf(min));
  const targets = new Map(numbersOf(target));
  if (mins.size === 0 && targets.size === 0) return [];
  const perDistrict = isDistrictValues(min) || isDistrictValues(target);
  if (!perDistrict) return [{ district: null, min: mins.get(null) ?? null, target: targets.get(null) ?? null }];
  const districts = new Set([...mins.keys(), ...targets.keys()].filter((d): d is string => d !== null));
  return [...districts].map((d) => ({
    district: d,
    min: mins.get(d) ?? mins.get(null) ?? null,
    target: targets.get(d) ?? targets.get(null) ?? null,
  }));
}

/** Every `source` in the document names a listed source. */
function checkCitations(node: unknown, path: string, sourceIds: string[], add: Add, root = false): void {
  if (Array.isArray(node)) return node.forEach((item, i) => checkCitations(item, joinPointer(path, i), sourceIds, add));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (root && key === 'sources') continue;
    if (key === 'source' && (typeof value === 'string' || Array.isArray(value))) {
      const refs = typeof value === 'string' ? [[value, joinPointer(path, key)]] : value.map((v, i) => [String(v), joinPointer(path, key, i)]);
      for (const [id, at] of refs) {
        if (sourceIds.includes(id)) continue;
        const hint = closest(id, sourceIds);
        add(at, 'unknown-source', `no source ${quote(id)} in this document's sources${hint !== undefined ? `; did you mean ${quote(hint)}?` : ''}`);
      }
      continue;
    }
    checkCitations(value, joinPointer(path, key), sourceIds, add);
  }
}
