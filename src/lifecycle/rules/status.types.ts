import type { MissingFact } from '../../documents/missing-facts.js';
import type { PartyKind } from '../../documents/agreement.types.js';
import type { Amendment, IsoDate, VersionSignature } from './lifecycle.types.js';

/**
 * The states an agreement can be in on a date; the GraphQL enum is registered from this object.
 * NOT_YET_RECORDED: no version of the agreement demonstrably existed by then (the earliest dated
 * fact is later), so the register cannot say a draft existed.
 */
export const LifecycleState = {
  NOT_YET_RECORDED: 'NOT_YET_RECORDED',
  DRAFT: 'DRAFT',
  FROZEN: 'FROZEN',
  SIGNING: 'SIGNING',
  IN_FORCE: 'IN_FORCE',
  EXPIRED: 'EXPIRED',
  SUPERSEDED: 'SUPERSEDED',
} as const;
export type LifecycleState = (typeof LifecycleState)[keyof typeof LifecycleState];

export interface MissingSignature {
  party: string;
  partyName: string;
  role: string;
  roleTitle: string;
}

export interface PartyStatus {
  party: string;
  /** The name the party bore on asOf, by Berlin's party list; the document's name for a party the list lacks. */
  partyName: string;
  /** false when asOf falls in a period in which a rename known only to the month or year may have happened. */
  partyNameCertain: boolean;
  /** The name the version reported on gives the party. */
  nameInDocument: string;
  /** false when the document marks the party's signatory roles as not known: then it is never complete. */
  rolesKnown: boolean;
  kind: PartyKind;
  /** The version this entry reports on: the one binding the party, else the one it would sign. */
  version: number;
  complete: boolean;
  boundSince: IsoDate | null;
  /** Active on asOf on `version`; those carried over by a validity extension name the version signed. */
  signatures: VersionSignature[];
  missing: MissingSignature[];
  /** false when no signature at all (on any version, withdrawn or not) is recorded for this party by asOf. */
  signingRecorded: boolean;
}

export interface AgreementStatus {
  agreementId: string;
  asOf: IsoDate;
  party: string | null;
  state: LifecycleState;
  versionInForce: number | null;
  /** Latest version existing by asOf. */
  latestVersion: number | null;
  /** The validity of the version in force, or else of the latest version. */
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
  inForceSince: IsoDate | null;
  /** Decided on or before asOf and effective by asOf. */
  amendmentsApplied: Amendment[];
  /** Active on asOf (signed by then, not withdrawn by then) on the version each party status reports on. */
  signatures: VersionSignature[];
  missing: MissingSignature[];
  parties: PartyStatus[];
  predecessorId: string | null;
  successorId: string | null;
  successorState: LifecycleState | null;
  /** From asOf to validUntil, when in force. */
  daysUntilExpiry: number | null;
  /** What the version reported on marks as not known, to be agreed or not applicable. */
  missingFacts: MissingFact[];
}
