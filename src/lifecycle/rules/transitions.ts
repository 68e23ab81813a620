import type { SignatureEvent } from '../../documents/lifecycle-file.types.js';
import type { Party } from '../../documents/agreement.types.js';
import type { AnyAgreementDocument } from '../../documents/agreement-terms.js';
import { diffAgreements } from '../../documents/diff.js';
import { checkFollowUpFreeze, checkValidityExtension } from './content-rules.js';
import { isIsoDate } from '../../common/dates.js';
import { badInput, invalidState, type LifecycleViolation } from './errors.js';
import { effectiveSignatures, findVersion, freezeDate, latestOf } from './history.js';
import {
  AMENDMENT_TYPES,
  SIGNATURE_LEVELS,
  type AgreementHistory,
  type AmendmentType,
  type IsoDate,
  type LifecycleVersion,
} from './lifecycle.types.js';

export { buildFollowUp, buildValidityExtension, checkFollowUpFreeze, checkValidityExtension } from './content-rules.js';

/**
 * The transition rules. Each check returns every problem it finds (empty = allowed);
 * assertNoViolations (errors.ts) turns them into a LifecycleError. They judge the history as
 * recorded now; `today` is the only clock.
 */

/** A signature to record: the same fields whether it comes from GraphQL or from a lifecycle file. */
export type SignatureInput = Omit<SignatureEvent, 'note'>;

export interface AmendmentInput {
  type: AmendmentType;
  baseVersion: number;
  decidedOn: IsoDate;
  effectiveOn: IsoDate;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

export function checkFreeze(history: AgreementHistory, versionNumber: number, frozenOn: IsoDate, today: IsoDate): LifecycleViolation[] {
  const version = findVersion(history, versionNumber);
  if (version === undefined) return [unknownVersion(versionNumber)];
  const violations: LifecycleViolation[] = [];
  if (freezeDate(history, versionNumber) !== null) {
    violations.push(invalidState('ALREADY_FROZEN', `Version ${versionNumber} is already frozen`));
  }
  const latest = latestOf(history.versions);
  if (latest !== undefined && latest.number !== versionNumber) {
    violations.push(invalidState('VERSION_OUTDATED', `Version ${versionNumber} is outdated: version ${latest.number} is the latest draft`));
  }
  violations.push(...pastDate('frozenOn', frozenOn, today));
  violations.push(...freezeOrder(history, versionNumber, frozenOn));
  violations.push(...checkFollowUpFreeze(version.document));
  violations.push(...signingTermsKnown(version));
  return violations;
}

export function checkSignature(history: AgreementHistory, input: SignatureInput, today: IsoDate): LifecycleViolation[] {
  const version = findVersion(history, input.version);
  if (version === undefined) return [unknownVersion(input.version)];
  const frozen = freezeDate(history, input.version);
  const violations: LifecycleViolation[] = [...signableState(history, version, frozen)];
  const party = version.content.parties.find((p) => p.id === input.party);
  if (party === undefined) {
    violations.push(badInput('UNKNOWN_PARTY', `Party ${input.party} is not a party of version ${input.version}`, { field: 'party' }));
  } else {
    violations.push(...roleProblems(history, input, party));
  }
  violations.push(...pastDate('signedOn', input.signedOn, today));
  if (frozen !== null && isIsoDate(input.signedOn) && input.signedOn < frozen) {
    violations.push(
      badInput('SIGNED_BEFORE_FREEZE', `signedOn ${input.signedOn} is before version ${input.version} was frozen on ${frozen}`, {
        field: 'signedOn',
      }),
    );
  }
  violations.push(...signerProblems(input));
  return violations;
}

export function checkWithdrawal(
  history: AgreementHistory,
  signatureId: string,
  withdrawnOn: IsoDate,
  reason: string,
  today: IsoDate,
): LifecycleViolation[] {
  const signature = history.signatures.find((s) => s.id === signatureId);
  if (signature === undefined) {
    return [badInput('UNKNOWN_SIGNATURE', `Signature ${signatureId} does not exist`, { field: 'signatureId' })];
  }
  const violations: LifecycleViolation[] = [];
  if (signature.withdrawal !== null) {
    violations.push(invalidState('ALREADY_WITHDRAWN', `Signature ${signatureId} was already withdrawn on ${signature.withdrawal.withdrawnOn}`));
  }
  if (reason.trim() === '') violations.push(badInput('EMPTY_REASON', 'A withdrawal needs a reason', { field: 'reason' }));
  violations.push(...pastDate('withdrawnOn', withdrawnOn, today));
  if (isIsoDate(withdrawnOn) && withdrawnOn < signature.signedOn) {
    violations.push(
      badInput('WITHDRAWN_BEFORE_SIGNED', `withdrawnOn ${withdrawnOn} is before the signature date ${signature.signedOn}`, {
        field: 'withdrawnOn',
      }),
    );
  }
  return violations;
}

/** An amendment always starts from the latest version and yields the next one. */
export function checkAmendment(
  history: AgreementHistory,
  input: AmendmentInput,
  newContent: AnyAgreementDocument,
  today: IsoDate,
): LifecycleViolation[] {
  if (!AMENDMENT_TYPES.includes(input.type)) {
    return [badInput('UNKNOWN_AMENDMENT_TYPE', `Unknown amendment type ${String(input.type)}`, { field: 'type' })];
  }
  const base = findVersion(history, input.baseVersion);
  if (base === undefined) return [unknownVersion(input.baseVersion, 'baseVersion')];
  const violations: LifecycleViolation[] = [];
  const latest = latestOf(history.versions);
  if (latest !== undefined && latest.number !== base.number) {
    violations.push(invalidState('VERSION_OUTDATED', `Version ${base.number} is outdated: amend the latest version ${latest.number}`));
  }
  violations.push(...amendableState(history, input.type, base));
  violations.push(...amendmentContent(input.type, base.document, newContent));
  violations.push(...amendmentDates(history, input, today));
  return violations;
}

function amendableState(history: AgreementHistory, type: AmendmentType, base: LifecycleVersion): LifecycleViolation[] {
  const frozen = freezeDate(history, base.number) !== null;
  const signed = activeSignatures(history, base.number).length > 0;
  const n = base.number;
  if (type === 'validityExtension' && !hasCompleteParty(history, base)) {
    return [invalidState('BASE_NOT_SIGNED', `Version ${n} cannot be extended: no party has signed it completely (extend signed agreements only)`)];
  }
  if (type === 'contentAmendment' && !frozen) {
    return [invalidState('BASE_NOT_FROZEN', `Version ${n} is a draft: edit it as a new draft version instead of amending it`)];
  }
  if (type === 'correction' && signed) {
    return [invalidState('BASE_SIGNED', `Version ${n} already carries signatures: a signed text needs a content amendment, not a correction`)];
  }
  return [];
}

function amendmentContent(type: AmendmentType, base: AnyAgreementDocument, next: AnyAgreementDocument): LifecycleViolation[] {
  if (next.id !== base.id) {
    return [badInput('ID_CHANGED', `An amendment cannot change the agreement id (${base.id} → ${next.id})`, { path: '/id' })];
  }
  if (type === 'validityExtension') return checkValidityExtension(base, next);
  if (diffAgreements(base, next).length === 0) {
    return [badInput('NO_CHANGE', 'The amended content is identical to the base version')];
  }
  return [];
}

function amendmentDates(history: AgreementHistory, input: AmendmentInput, today: IsoDate): LifecycleViolation[] {
  const violations = [...pastDate('decidedOn', input.decidedOn, today)];
  if (!isIsoDate(input.effectiveOn)) {
    violations.push(badInput('INVALID_DATE', `effectiveOn ${String(input.effectiveOn)} is not a date (YYYY-MM-DD)`, { field: 'effectiveOn' }));
  } else if (isIsoDate(input.decidedOn) && input.effectiveOn < input.decidedOn) {
    violations.push(
      badInput('EFFECTIVE_BEFORE_DECIDED', `effectiveOn ${input.effectiveOn} is before decidedOn ${input.decidedOn}`, {
        field: 'effectiveOn',
      }),
    );
  }
  // A decision before the base was even frozen would give the new version an earlier freeze date than its base.
  const frozen = freezeDate(history, input.baseVersion);
  if (frozen !== null && isIsoDate(input.decidedOn) && input.decidedOn < frozen) {
    violations.push(
      badInput('DECIDED_BEFORE_FREEZE', `decidedOn ${input.decidedOn} is before version ${input.baseVersion} was frozen on ${frozen}`, {
        field: 'decidedOn',
      }),
    );
  }
  return violations;
}

/** Signatures go on the latest frozen version only; everything older is outdated. */
function signableState(history: AgreementHistory, version: LifecycleVersion, frozen: IsoDate | null): LifecycleViolation[] {
  if (frozen === null) {
    return [invalidState('VERSION_NOT_FROZEN', `Version ${version.number} is a draft: freeze it before it is signed`)];
  }
  const latestFrozen = latestOf(history.versions.filter((v) => freezeDate(history, v.number) !== null));
  if (latestFrozen !== undefined && latestFrozen.number !== version.number) {
    return [
      invalidState(
        'VERSION_OUTDATED',
        `Version ${version.number} is outdated: signatures go on version ${latestFrozen.number}, the latest frozen one`,
      ),
    ];
  }
  return [];
}

function roleProblems(history: AgreementHistory, input: SignatureInput, party: Party): LifecycleViolation[] {
  if (!party.signatoryRoles.some((r) => r.id === input.role)) {
    const roles = party.signatoryRoles.map((r) => r.id).join(', ');
    return [badInput('UNKNOWN_ROLE', `Role ${input.role} does not sign for ${party.id} (roles: ${roles})`, { field: 'role' })];
  }
  // Signatures carried over by a validity extension count: that role has signed this text.
  const existing = activeSignatures(history, input.version).find((s) => s.party === input.party && s.role === input.role);
  if (existing === undefined) return [];
  return [invalidState('ALREADY_SIGNED', `Role ${input.role} of ${party.id} already signed (signature ${existing.id}, ${existing.signedOn})`)];
}

function signerProblems(input: SignatureInput): LifecycleViolation[] {
  const violations: LifecycleViolation[] = [];
  if (input.personName.trim() === '') {
    violations.push(badInput('EMPTY_PERSON_NAME', 'The name of the person who signed is required', { field: 'personName' }));
  }
  if (!SIGNATURE_LEVELS.includes(input.level)) {
    violations.push(badInput('UNKNOWN_LEVEL', `Unknown signature level ${String(input.level)}`, { field: 'level' }));
  }
  if (input.evidence !== null && !SHA256_HEX.test(input.evidence.sha256)) {
    violations.push(badInput('BAD_EVIDENCE_HASH', 'evidence.sha256 must be 64 hexadecimal characters', { field: 'evidence.sha256' }));
  }
  if (input.evidence !== null && input.evidence.fileName.trim() === '') {
    violations.push(badInput('EMPTY_EVIDENCE_FILE', 'evidence.fileName is required', { field: 'evidence.fileName' }));
  }
  return violations;
}

function hasCompleteParty(history: AgreementHistory, version: LifecycleVersion): boolean {
  const active = activeSignatures(history, version.number);
  return version.content.parties.some(
    (p) => p.signatoryRoles.length > 0 && p.signatoryRoles.every((r) => active.some((s) => s.party === p.id && s.role === r.id)),
  );
}

/** The rules judge the record as it stands; every recorded withdrawal is already past. */
function activeSignatures(history: AgreementHistory, versionNumber: number) {
  return effectiveSignatures(history, versionNumber).filter((s) => s.withdrawal === null);
}

function pastDate(field: string, date: IsoDate, today: IsoDate): LifecycleViolation[] {
  if (!isIsoDate(date)) return [badInput('INVALID_DATE', `${field} ${String(date)} is not a date (YYYY-MM-DD)`, { field })];
  if (date > today) return [badInput('DATE_IN_FUTURE', `${field} ${date} is in the future (today is ${today})`, { field })];
  return [];
}

/** Freezes follow the version order; a later version frozen before an earlier one would be a contradiction. */
function freezeOrder(history: AgreementHistory, versionNumber: number, frozenOn: IsoDate): LifecycleViolation[] {
  if (!isIsoDate(frozenOn)) return [];
  const earlier = history.versions
    .filter((v) => v.number < versionNumber)
    .map((v) => ({ number: v.number, frozen: freezeDate(history, v.number) }))
    .find((v) => v.frozen !== null && v.frozen > frozenOn);
  if (earlier === undefined) return [];
  return [
    badInput('FROZEN_BEFORE_EARLIER', `frozenOn ${frozenOn} is before version ${earlier.number} was frozen on ${earlier.frozen}`, {
      field: 'frozenOn',
    }),
  ];
}

function unknownVersion(number: number, field = 'version'): LifecycleViolation {
  return badInput('UNKNOWN_VERSION', `Version ${number} does not exist`, { field });
}

/**
 * Freezing hands a text out for signature: who signs in which roles, and how it enters into force, must be
 * known then. A format-2 document may mark them as not known; such a version stays a draft.
 */
function signingTermsKnown(version: LifecycleVersion): LifecycleViolation[] {
  const violations = version.content.parties
    .filter((p) => !p.rolesKnown)
    .map((p) =>
      invalidState('SIGNATORY_ROLES_UNKNOWN', `Version ${version.number} cannot be frozen: the signatory roles of ${p.name} (${p.id}) are not known`),
    );
  if (version.content.entryIntoForce === null) {
    violations.push(
      invalidState('ENTRY_INTO_FORCE_UNKNOWN', `Version ${version.number} cannot be frozen: how it enters into force (entryIntoForce) is not known`),
    );
  }
  return violations;
}
