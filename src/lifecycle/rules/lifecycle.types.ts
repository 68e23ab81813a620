import type { IsoDate } from '../../documents/agreement.types.js';
import type { AgreementTerms, AnyAgreementDocument } from '../../documents/agreement-terms.js';
import type { SignatureLevel } from '../../documents/lifecycle-file.types.js';

export type { IsoDate } from '../../documents/agreement.types.js';

/** The input model of the lifecycle rules: an agreement's whole recorded history, storage-agnostic. */

/** The one list of amendment kinds, for the rules, the GraphQL enum and the database check. */
export const AmendmentType = {
  VALIDITY_EXTENSION: 'validityExtension',
  CONTENT_AMENDMENT: 'contentAmendment',
  CORRECTION: 'correction',
} as const;
export type AmendmentType = (typeof AmendmentType)[keyof typeof AmendmentType];
export const AMENDMENT_TYPES: readonly AmendmentType[] = Object.freeze(Object.values(AmendmentType));

// One list for the file format, the rules and the database check: defined with the file format.
export { SIGNATURE_LEVELS, SignatureLevel } from '../../documents/lifecycle-file.types.js';

/** A version as the status and the bindings see it: its terms, not its document. */
export interface VersionTerms {
  number: number;
  contentHash: string;
  /** What the rules decide by, the same for every format (termsOf the document). */
  content: AgreementTerms;
  createdOn: IsoDate;
  /** Who stored the version, as recorded with it. */
  author: string;
}

export interface LifecycleVersion extends VersionTerms {
  /** The document as stored, for the rules that copy or compare it (extension, follow-up, amendment). */
  document: AnyAgreementDocument;
}

export interface Freeze {
  version: number;
  frozenOn: IsoDate;
  actor: string;
}

export interface SignatureEvidence {
  fileName: string;
  sha256: string;
}

export interface SignatureWithdrawal {
  withdrawnOn: IsoDate;
  reason: string;
  actor: string;
}

export interface Signature {
  id: string;
  version: number;
  contentHash: string;
  party: string;
  role: string;
  personName: string;
  office: string | null;
  signedOn: IsoDate;
  recordedBy: string;
  level: SignatureLevel;
  evidence: SignatureEvidence | null;
  withdrawal: SignatureWithdrawal | null;
}

/** A signature as listed for one version: carriedOverFrom names the version signed when that is another one. */
export interface VersionSignature extends Signature {
  carriedOverFrom: number | null;
}

export interface Amendment {
  id: string;
  type: AmendmentType;
  baseVersion: number;
  newVersion: number;
  source: string;
  decidedOn: IsoDate;
  effectiveOn: IsoDate;
  actor: string;
}

/** The recorded start of an agreement drafted as the follow-up of another. */
export interface FollowUpOrigin {
  predecessorId: string;
  /** The predecessor's version it was carried over from. */
  predecessorVersion: number;
  createdOn: IsoDate;
  source: string | null;
  actor: string;
}

export interface HistoryOf<V extends VersionTerms> {
  agreementId: string;
  versions: V[];
  freezes: Freeze[];
  signatures: Signature[];
  amendments: Amendment[];
  followUpOf: FollowUpOrigin | null;
}

export type AgreementHistory = HistoryOf<LifecycleVersion>;

/** The history the status decides by: every record, the versions by their terms only (no document to load). */
export type TermsHistory = HistoryOf<VersionTerms>;
