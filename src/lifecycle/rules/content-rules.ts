import { focusValueSlots, isFormat2, termsOf, type AnyAgreementDocument } from '../../documents/agreement-terms.js';
import { diffAgreements } from '../../documents/diff.js';
import { formatPointer, labelForPath } from '../../documents/labels.js';
import { isIsoDate } from '../../common/dates.js';
import { badInput, invalidState, type LifecycleViolation } from './errors.js';

/** Rules about an agreement's content alone, no history needed. */

/**
 * A follow-up exists to set minimum and target values from the measured data, so it may not
 * be frozen while an indicator of a focus field still lacks one. One violation per missing value.
 */
export function checkFollowUpFreeze(content: AnyAgreementDocument): LifecycleViolation[] {
  if (content.predecessor == null) return [];
  return focusValueSlots(content)
    .filter((slot) => !slot.set)
    .map((slot) => {
      const path = formatPointer(slot.path);
      const label = labelForPath(content, path);
      return invalidState('FOCUS_VALUE_MISSING', `${label}: a follow-up agreement needs this value before it can be frozen`, { path, label });
    });
}

/** A validity extension moves the end date later and changes nothing else. */
export function checkValidityExtension(base: AnyAgreementDocument, extended: AnyAgreementDocument): LifecycleViolation[] {
  // In format 2 the end date may be written with its source ({ value, source }): only its value may change.
  const violations: LifecycleViolation[] = diffAgreements(base, extended)
    .filter((change) => change.path !== '/validity/until' && change.path !== '/validity/until/value')
    .map((change) =>
      badInput('EXTENSION_CHANGES_CONTENT', `A validity extension may only change the end date, but it changes ${change.label}`, {
        path: change.path,
        label: change.label,
      }),
    );
  const before = termsOf(base).validity.until;
  const after = termsOf(extended).validity.until;
  const path = '/validity/until';
  const label = labelForPath(extended, path);
  if (!isIsoDate(after)) {
    violations.push(badInput('EXTENSION_UNTIL_INVALID', `${label}: a validity extension needs a new end date (YYYY-MM-DD)`, { path, label }));
  } else if (before !== null && after <= before) {
    violations.push(badInput('EXTENSION_NOT_LATER', `${label}: the new end date ${after} must be later than ${before}`, { path, label }));
  }
  return violations;
}

export function buildValidityExtension(base: AnyAgreementDocument, until: string): AnyAgreementDocument {
  const extended = copyDocument(base);
  const current: unknown = extended.validity.until;
  if (isFormat2(extended) && typeof current === 'object' && current !== null && 'value' in current) {
    extended.validity.until = { ...(current as { value: string }), value: until };
  } else {
    extended.validity.until = until;
  }
  return extended;
}

/**
 * The first draft of a follow-up agreement: the predecessor's parties, structure, standards and
 * indicators as they are (values included, null in the real case); a new identity, no validity yet.
 */
export function buildFollowUp(predecessor: AnyAgreementDocument, input: { id: string; title: string }): AnyAgreementDocument {
  const copy = copyDocument(predecessor);
  if (isFormat2(copy)) {
    // What the follow-up is to set is marked so, not left as the predecessor's values.
    return {
      ...copy,
      id: input.id,
      title: input.title,
      validity: { from: { missing: 'toBeAgreed' }, until: { missing: 'toBeAgreed' } },
      chronology: [],
      predecessor: predecessor.id,
    };
  }
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
function copyDocument<T extends AnyAgreementDocument>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}
