import type { AgreementDocument } from '../../documents/agreement.types.js';
import { diffAgreements } from '../../documents/diff.js';
import { formatPointer, labelForPath } from '../../documents/labels.js';
import { isIsoDate } from '../../common/dates.js';
import { badInput, invalidState, type LifecycleViolation } from './errors.js';

/** Rules about an agreement's content alone, no history needed. */

const REQUIRED_VALUES = ['minimumValue', 'targetValue'] as const;

/**
 * A follow-up exists to set minimum and target values from the measured data, so it may not
 * be frozen while an indicator of a focus field still lacks one. One violation per missing value.
 */
export function checkFollowUpFreeze(content: AgreementDocument): LifecycleViolation[] {
  if (content.predecessor == null) return [];
  const violations: LifecycleViolation[] = [];
  content.steeringFields.forEach((field, f) => {
    if (!field.focus) return;
    field.qualityStandards.forEach((standard, s) => {
      standard.indicators.forEach((indicator, i) => {
        for (const key of REQUIRED_VALUES) {
          if (indicator[key] != null) continue;
          const path = formatPointer(['steeringFields', f, 'qualityStandards', s, 'indicators', i, key]);
          const label = labelForPath(content, path);
          violations.push(
            invalidState('FOCUS_VALUE_MISSING', `${label}: a follow-up agreement needs this value before it can be frozen`, {
              path,
              label,
            }),
          );
        }
      });
    });
  });
  return violations;
}

/** A validity extension moves the end date later and changes nothing else. */
export function checkValidityExtension(base: AgreementDocument, extended: AgreementDocument): LifecycleViolation[] {
  const violations: LifecycleViolation[] = diffAgreements(base, extended)
    .filter((change) => change.path !== '/validity/until')
    .map((change) =>
      badInput('EXTENSION_CHANGES_CONTENT', `A validity extension may only change the end date, but it changes ${change.label}`, {
        path: change.path,
        label: change.label,
      }),
    );
  const before = base.validity.until;
  const after = extended.validity.until;
  const path = '/validity/until';
  const label = labelForPath(extended, path);
  if (!isIsoDate(after)) {
    violations.push(badInput('EXTENSION_UNTIL_INVALID', `${label}: a validity extension needs a new end date (YYYY-MM-DD)`, { path, label }));
  } else if (before !== null && after <= before) {
    violations.push(badInput('EXTENSION_NOT_LATER', `${label}: the new end date ${after} must be later than ${before}`, { path, label }));
  }
  return violations;
}

export function buildValidityExtension(base: AgreementDocument, until: string): AgreementDocument {
  const extended = copyDocument(base);
  extended.validity.until = until;
  return extended;
}

/**
 * The first draft of a follow-up agreement: the predecessor's parties, structure, standards and
 * indicators as they are (values included, null in the real case); a new identity, no validity yet.
 */
export function buildFollowUp(predecessor: AgreementDocument, input: { id: string; title: string }): AgreementDocument {
  const copy = copyDocument(predecessor);
  return {
    formatVersion: 1,
    id: input.id,
    title: input.title,
    legalBasis: copy.legalBasis,
    policyArea: copy.policyArea,
    leadDepartment: copy.leadDepartment,
    entryIntoForce: copy.entryIntoForce,
    validity: { from: null, until: null },
    parties: copy.parties,
    steeringFields: copy.steeringFields,
    measurePackages: copy.measurePackages,
    predecessor: predecessor.id,
  };
}

/**
 * Documents are plain JSON data. A JSON round trip (not structuredClone) keeps the copy in the
 * caller's realm, which matters to the prototype-aware deep equality of diffAgreements under jest's vm.
 */
function copyDocument(doc: AgreementDocument): AgreementDocument {
  return JSON.parse(JSON.stringify(doc)) as AgreementDocument;
}
