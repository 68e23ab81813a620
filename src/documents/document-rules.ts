import type { AgreementDocument } from './agreement.types.js';
import { joinPointer, quote } from './problems.js';
import type { Locate, Problem } from './problems.js';

/**
 * Rules JSON Schema cannot express. Expects a document that already passed the schema: the checks trust its
 * shapes and types, so running them on an invalid one could throw or repeat what the schema already said.
 * Pure; problems are located through `locate` and returned in document order of their checks (unsorted).
 */
export function checkDocumentRules(doc: AgreementDocument, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ ...locate(path), path, code, message });

  const uniqueIds = (listPath: string, items: { id: string }[], what: string) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) {
        first.set(item.id, i);
        return;
      }
      const earlierPath = joinPointer(listPath, earlier);
      add(
        joinPointer(listPath, i, 'id'),
        'duplicate-id',
        `duplicate ${what} id ${quote(item.id)}; already used by ${earlierPath} (line ${locate(joinPointer(earlierPath, 'id')).line})`,
      );
    });
  };

  uniqueIds('/parties', doc.parties, 'party');
  doc.parties.forEach((party, p) => uniqueIds(joinPointer('/parties', p, 'signatoryRoles'), party.signatoryRoles, 'signatory role'));
  uniqueIds('/steeringFields', doc.steeringFields, 'steering field');
  doc.steeringFields.forEach((field, f) => {
    const standardsPath = joinPointer('/steeringFields', f, 'qualityStandards');
    uniqueIds(standardsPath, field.qualityStandards, 'quality standard');
    field.qualityStandards.forEach((standard, s) => {
      const indicatorsPath = joinPointer(standardsPath, s, 'indicators');
      uniqueIds(indicatorsPath, standard.indicators, 'indicator');
      standard.indicators.forEach((ind, i) => {
        const at = joinPointer(indicatorsPath, i);
        const { minimumValue: min, targetValue: target, direction } = ind;
        if ((min !== null || target !== null) && direction === null) {
          add(
            joinPointer(at, 'direction'),
            'rule',
            'direction must be set (higherIsBetter or lowerIsBetter) when minimumValue or targetValue is set',
          );
        }
        if (min !== null && target !== null) {
          if (direction === 'higherIsBetter' && min > target) {
            add(
              joinPointer(at, 'targetValue'),
              'rule',
              `targetValue ${target} must not be below minimumValue ${min} when direction is higherIsBetter`,
            );
          } else if (direction === 'lowerIsBetter' && min < target) {
            add(
              joinPointer(at, 'targetValue'),
              'rule',
              `targetValue ${target} must not be above minimumValue ${min} when direction is lowerIsBetter`,
            );
          }
        }
      });
    });
  });
  uniqueIds('/measurePackages', doc.measurePackages, 'measure package');

  const lead = doc.parties.find((p) => p.id === doc.leadDepartment);
  if (!lead) {
    add(
      '/leadDepartment',
      'rule',
      `leadDepartment ${quote(doc.leadDepartment)} is not a party of this agreement; it must name a party of kind senateDepartment`,
    );
  } else if (lead.kind !== 'senateDepartment') {
    add('/leadDepartment', 'rule', `leadDepartment ${quote(doc.leadDepartment)} is a ${lead.kind}; it must name a party of kind senateDepartment`);
  }

  const { from, until } = doc.validity;
  // ISO dates of equal length compare correctly as strings.
  if (from !== null && until !== null && from > until) {
    add('/validity/until', 'rule', `validity.until ${until} must not be before validity.from ${from}`);
  }

  if (doc.predecessor !== null && doc.predecessor === doc.id) {
    add('/predecessor', 'rule', `predecessor must differ from id ${quote(doc.id)}; an agreement cannot follow up itself`);
  }

  return problems;
}
