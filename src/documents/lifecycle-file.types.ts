/**
 * The parsed form of a lifecycle file, agreements/<id>.lifecycle.yaml (format version 1): the dated history of one
 * agreement as far as it is known, which the import replays in order. The JSON Schema in
 * schema/lifecycle.schema.json is the authority; these types mirror it (optional keys are the ones the schema does
 * not require).
 */
import type { IsoDate } from './agreement.types.js';

export type { IsoDate } from './agreement.types.js';

/**
 * The one list of signature levels: the file format, the rules, the GraphQL enum (registered from this
 * object) and the database check use it; a test compares it with the schema and the database. `unknown`
 * says that the sources do not state how a signature was given; a file writes it as the marker
 * `{ missing: unknown }` (see SignatureLevelInFile), the register stores it as this value.
 */
export const SignatureLevel = {
  HANDWRITTEN_SCAN: 'handwrittenScan',
  SIMPLE_ELECTRONIC: 'simpleElectronic',
  ADVANCED_ELECTRONIC: 'advancedElectronic',
  QUALIFIED_ELECTRONIC: 'qualifiedElectronic',
  UNKNOWN: 'unknown',
} as const;
export type SignatureLevel = (typeof SignatureLevel)[keyof typeof SignatureLevel];
export const SIGNATURE_LEVELS: readonly SignatureLevel[] = Object.freeze(Object.values(SignatureLevel));

/** A level the sources state: a file names it by its word. */
export type KnownSignatureLevel = Exclude<SignatureLevel, typeof SignatureLevel.UNKNOWN>;
export const KNOWN_SIGNATURE_LEVELS: readonly KnownSignatureLevel[] = Object.freeze(
  SIGNATURE_LEVELS.filter((level): level is KnownSignatureLevel => level !== SignatureLevel.UNKNOWN),
);

/** `{ missing: unknown }`, the marker of format 2 of the agreement documents: the sources do not say how it was signed. */
export interface UnknownSignatureLevel {
  missing: 'unknown';
  /** Why it is not known, and the sources looked at. */
  note?: string | null;
}

/** The level as a lifecycle file writes it. */
export type SignatureLevelInFile = KnownSignatureLevel | UnknownSignatureLevel;

/** The level the register stores for the level a file writes: the marker becomes `unknown`, its note stays in the file. */
export function signatureLevelOf(level: SignatureLevelInFile): SignatureLevel {
  return typeof level === 'string' ? level : SignatureLevel.UNKNOWN;
}

export interface LifecycleFile {
  formatVersion: 1;
  /** Id (slug) of the agreement this history belongs to. */
  agreement: string;
  /** Replayed in this order. */
  events: LifecycleFileEvent[];
}

/**
 * Version `version` of the agreement has the text of `file` (relative to the lifecycle file's folder). Earlier texts
 * live under history/; the agreement's own file is named too, at the version it becomes. So a fresh register is
 * loaded with the same versions in the same order as one that has kept them all along.
 */
export interface TextEvent {
  version: number;
  file: string;
  changeNote?: string;
}

/** A version frozen for signature. */
export interface FreezeEvent {
  /** >= 1. */
  version: number;
  frozenOn: IsoDate;
  /** Why this date, sources. */
  note?: string | null;
}

/** The file proving a signature. */
export interface SignatureEvidence {
  fileName: string;
  /** 64 lowercase hexadecimal digits. */
  sha256: string;
}

/** One signatory role of one party signed a version. */
export interface SignatureEvent {
  version: number;
  /** Party id in that version. */
  party: string;
  /** Signatory role id of that party. */
  role: string;
  /** Non-empty. */
  personName: string;
  office: string | null;
  signedOn: IsoDate;
  /** A known level, or { missing: unknown } when the sources do not say. */
  level: SignatureLevelInFile;
  evidence: SignatureEvidence | null;
  note?: string | null;
}

/** Withdraws the signature with this version, party, role and signedOn. */
export interface WithdrawalEvent {
  version: number;
  party: string;
  role: string;
  signedOn: IsoDate;
  /** Not before signedOn. */
  withdrawnOn: IsoDate;
  /** Non-empty. */
  reason: string;
}

/** A new version in which only validity.until changes. */
export interface ValidityExtensionEvent {
  baseVersion: number;
  until: IsoDate;
  /** Non-empty, e.g. 'Schreiben SenASGIVA vom 21.11.2023'. */
  source: string;
  decidedOn: IsoDate;
  /** Not before decidedOn. */
  effectiveOn: IsoDate;
}

/** This agreement is the follow-up of another one (at most one per file). */
export interface FollowUpEvent {
  /** Id of the predecessor agreement; differs from LifecycleFile.agreement. */
  predecessor: string;
  predecessorVersion: number;
  createdOn: IsoDate;
  source?: string | null;
}

/** Exactly one key per event; narrow with `'freeze' in event` or lifecycleEventKind(event). */
export type LifecycleFileEvent =
  | { text: TextEvent }
  | { freeze: FreezeEvent }
  | { signature: SignatureEvent }
  | { withdrawal: WithdrawalEvent }
  | { validityExtension: ValidityExtensionEvent }
  | { followUp: FollowUpEvent };

/** The key of an event. */
export type LifecycleEventKind = 'text' | 'freeze' | 'signature' | 'withdrawal' | 'validityExtension' | 'followUp';

export const LIFECYCLE_EVENT_KINDS: readonly LifecycleEventKind[] = Object.freeze([
  'text',
  'freeze',
  'signature',
  'withdrawal',
  'validityExtension',
  'followUp',
]);

/** The one key of an event that passed the schema. */
export function lifecycleEventKind(event: LifecycleFileEvent): LifecycleEventKind {
  return Object.keys(event)[0] as LifecycleEventKind;
}
