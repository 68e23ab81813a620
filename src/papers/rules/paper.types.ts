import type { IsoDate } from '../../common/dates.js';

/** Which step of an agreement's life a paper reports on; the GraphQL enum and the database check derive from it. */
export const PaperConcerns = {
  DRAFT_BEFORE_SIGNATURE: 'draftBeforeSignature',
  SIGNATURE: 'signature',
  EXTENSION: 'extension',
  AMENDMENT: 'amendment',
  FOLLOW_UP: 'followUp',
  OTHER: 'other',
} as const;
export type PaperConcerns = (typeof PaperConcerns)[keyof typeof PaperConcerns];
export const PAPER_CONCERNS: readonly PaperConcerns[] = Object.freeze(Object.values(PaperConcerns));

/**
 * A step of a paper's way: the district office's own decision (Beschluss des Bezirksamts), or a consultation by the
 * council or one of its committees (Beratungsfolge).
 */
export const ConsultationKind = {
  DISTRICT_OFFICE_DECISION: 'districtOfficeDecision',
  COUNCIL_CONSULTATION: 'councilConsultation',
} as const;
export type ConsultationKind = (typeof ConsultationKind)[keyof typeof ConsultationKind];
export const CONSULTATION_KINDS: readonly ConsultationKind[] = Object.freeze(Object.values(ConsultationKind));

/** What a paper states. Every fact but body and reference may be unknown (null); `note` says why. */
export interface PaperFacts {
  body: string;
  reference: string;
  type: string | null;
  subject: string | null;
  date: IsoDate | null;
  originator: string | null;
  public: boolean | null;
  legalGround: string | null;
  agreementId: string | null;
  agreementVersion: number | null;
  concerns: PaperConcerns | null;
  oparlId: string | null;
  note: string | null;
}

export interface ConsultationFacts {
  kind: ConsultationKind;
  body: string;
  date: IsoDate | null;
  meeting: string | null;
  meetingNumber: number | null;
  role: string | null;
  result: string | null;
  finished: boolean | null;
  oparlId: string | null;
  note: string | null;
}

export interface Consultation extends ConsultationFacts {
  id: string;
  paperId: string;
  recordedBy: string;
  /** The latest OParl `modified` of the objects it was last imported from, as given. */
  oparlModified: string | null;
  /** Marked deleted by its council information system; kept, and shown as such. */
  deleted: boolean;
  /** The mapped OParl content of its last import (stepFingerprint). */
  fingerprint: string | null;
}

/** A consultation's changeable facts as a whole, as a revision states them. */
export type ConsultationRevisionFacts = Omit<ConsultationFacts, 'kind' | 'body' | 'oparlId'> &
  Pick<Consultation, 'oparlModified' | 'deleted' | 'fingerprint'>;

export interface Paper extends PaperFacts {
  id: string;
  recordedBy: string;
  consultations: Consultation[];
  /** OParl's `modified` of the object the paper was last imported from, as given. */
  oparlModified: string | null;
  /** Marked deleted by its council information system; kept, and shown as such. */
  deleted: boolean;
  /** The mapped OParl content of its last import (oparlFingerprint). */
  fingerprint: string | null;
  /** How many revisions the paper has had (0: as first recorded). */
  revision: number;
}

/** A paper's changeable facts as a whole, as a revision states them. */
export interface PaperRevisionFacts {
  reference: string;
  type: string | null;
  subject: string | null;
  date: IsoDate | null;
  agreementId: string | null;
  agreementVersion: number | null;
  concerns: PaperConcerns | null;
  oparlModified: string | null;
  deleted: boolean;
  fingerprint: string | null;
}
