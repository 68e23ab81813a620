import type { IsoDate } from '../../common/dates.js';
import { badInput, invalidState, type LifecycleViolation } from '../../lifecycle/rules/errors.js';
import { BODY_ID, districtOfBody, isCouncilBody, isCouncilOrCommitteeOf } from './bodies.js';
import { ConsultationKind, PaperConcerns, type ConsultationFacts, type PaperFacts } from './paper.types.js';
import { parseReference } from './reference.js';

/** The agreement version a paper links to, as far as the rules need it: whether an extension made it. */
export interface LinkedVersion {
  number: number;
  madeByExtension: boolean;
}

const TEXT_FIELDS = ['type', 'subject', 'originator', 'legalGround', 'note'] as const;

/**
 * What is wrong with a paper before it is recorded: its body must be a district council (`bvv-<district>`), its
 * reference `<number>/<roman numeral>`, its date not in the future, its link whole (a version or a lifecycle step
 * only with an agreement) and fitting: a paper on an extension names the version the extension made.
 */
export function checkPaper(p: PaperFacts, today: IsoDate, linked: LinkedVersion | null = null): LifecycleViolation[] {
  const v: LifecycleViolation[] = [];
  if (!isCouncilBody(p.body)) {
    v.push(badInput('UNKNOWN_BODY', `'${p.body}' is not a district council; write bvv-<district>, e.g. bvv-neukoelln`, { field: 'body' }));
  }
  if (parseReference(p.reference) === null) {
    v.push(
      badInput('BAD_REFERENCE', `'${p.reference}' is not a paper reference; write <number>/<legislative term in roman numerals>, e.g. 1265/XXI`, {
        field: 'reference',
      }),
    );
  }
  v.push(...dateProblems(p.date, 'date', today));
  for (const field of TEXT_FIELDS) {
    const value = p[field];
    if (value !== null && value.trim() === '') v.push(badInput('EMPTY_TEXT', `${field} is empty; leave it out when it is not known`, { field }));
  }
  if (p.oparlId !== null && !/^https?:\/\/\S+$/.test(p.oparlId)) {
    v.push(badInput('BAD_OPARL_ID', `oparlId must be the URL of the OParl object, got '${p.oparlId}'`, { field: 'oparlId' }));
  }
  if (p.agreementId === null) {
    if (p.agreementVersion !== null) v.push(badInput('LINK_INCOMPLETE', 'agreementVersion needs agreementId', { field: 'agreementVersion' }));
    if (p.concerns !== null) v.push(badInput('LINK_INCOMPLETE', 'concerns needs agreementId', { field: 'concerns' }));
  }
  if (p.concerns === PaperConcerns.EXTENSION && p.agreementId !== null) {
    if (p.agreementVersion === null) {
      v.push(badInput('LINK_INCOMPLETE', 'a paper on an extension names the version the extension made', { field: 'agreementVersion' }));
    } else if (linked !== null && !linked.madeByExtension) {
      v.push(
        invalidState('LINK_MISMATCH', `version ${linked.number} of '${p.agreementId}' was not made by a validity extension`, {
          field: 'agreementVersion',
        }),
      );
    }
  }
  return v;
}

/**
 * What is wrong with a step of a paper: the district office's decision is taken by the office of the council's
 * district (`ba-<district>`); a consultation is held by the paper's council or one of its committees; a date is not in the future and not before the paper's.
 */
export function checkConsultation(paper: Pick<PaperFacts, 'body' | 'date'>, c: ConsultationFacts, today: IsoDate): LifecycleViolation[] {
  const v: LifecycleViolation[] = [];
  const district = districtOfBody(paper.body);
  if (c.kind === ConsultationKind.DISTRICT_OFFICE_DECISION) {
    if (c.body !== `ba-${district}`) {
      v.push(badInput('UNKNOWN_BODY', `the district office of this paper is 'ba-${district}', not '${c.body}'`, { field: 'body' }));
    }
  } else if (!BODY_ID.test(c.body) || !isCouncilOrCommitteeOf(paper.body, c.body)) {
    v.push(
      badInput(
        'UNKNOWN_BODY',
        `a paper of '${paper.body}' is consulted by that council or one of its committees ('${paper.body}-<committee>'), not '${c.body}'`,
        { field: 'body' },
      ),
    );
  }
  v.push(...dateProblems(c.date, 'date', today));
  if (c.date !== null && paper.date !== null && c.date < paper.date) {
    v.push(badInput('BEFORE_PAPER', `the step of ${c.date} is dated before the paper (${paper.date})`, { field: 'date' }));
  }
  if (c.meetingNumber !== null && (!Number.isInteger(c.meetingNumber) || c.meetingNumber < 1)) {
    v.push(badInput('BAD_MEETING_NUMBER', `meetingNumber must be 1 or more, got ${c.meetingNumber}`, { field: 'meetingNumber' }));
  }
  for (const field of ['meeting', 'role', 'result', 'note'] as const) {
    const value = c[field];
    if (value !== null && value.trim() === '') v.push(badInput('EMPTY_TEXT', `${field} is empty; leave it out when it is not known`, { field }));
  }
  return v;
}

/** The same step, for a history replayed from a file: kind, body, date and role. */
export function sameConsultation(a: ConsultationFacts, b: ConsultationFacts): boolean {
  return a.kind === b.kind && a.body === b.body && a.date === b.date && a.role === b.role;
}

function dateProblems(date: IsoDate | null, field: string, today: IsoDate): LifecycleViolation[] {
  if (date === null) return [];
  if (date > today) return [badInput('DATE_IN_FUTURE', `${field} ${date} is in the future`, { field })];
  return [];
}
