/**
 * The parsed form of one agreement version in YAML format version 2. The JSON Schema in
 * schema/agreement-v2.schema.json is the authority; these types mirror it.
 *
 * What changed from format 1, and why: every fact that may be missing says why it is missing (`Missing`) instead
 * of null, which meant both "not public" and "still to be agreed"; a fact may name its source or be marked as an
 * inference; parties are referred to by their ids in Berlin's party list (src/parties) instead of being copied
 * into every document; and the content § 6a AZG asks for (service promises, timetable, resources, attainment
 * check) has a place.
 */
import type { IsoDate, PartialDate } from '../common/dates.js';
import type { Direction, EntryIntoForce, MeasurePackageStatus, Periodicity, SignatoryRole } from './agreement.types.js';

/** Why a value is missing. The GraphQL enum is registered from this object. */
export const MissingReason = { UNKNOWN: 'unknown', TO_BE_AGREED: 'toBeAgreed', NOT_APPLICABLE: 'notApplicable' } as const;
export type MissingReason = (typeof MissingReason)[keyof typeof MissingReason];

/** A source id, or several. */
export type SourceRef = string | string[];

/** Where a statement comes from: a source it is taken from, or the reasoning of an inference. */
export interface Citation {
  source?: SourceRef;
  /** Present when the statement is inferred rather than stated by a source: the reasoning, in German. */
  inferred?: string;
  note?: string;
}

/** `{ missing: unknown }`: the value is not there, and why. */
export interface Missing {
  missing: MissingReason;
  source?: SourceRef;
  note?: string;
}

/** `{ value: …, source: … }` or `{ value: …, inferred: "…" }`. */
export interface Sourced<T> extends Citation {
  value: T;
}

/** A fact: the plain value, the value with its source, or why it is missing. */
export type Fact<T> = T | Sourced<T> | Missing;

export const IndicatorKind = { COUNT: 'count', SHARE: 'share', DURATION: 'duration', AMOUNT: 'amount', OTHER: 'other' } as const;
export type IndicatorKind = (typeof IndicatorKind)[keyof typeof IndicatorKind];
export const Scope = { PER_DISTRICT: 'perDistrict', BERLIN_WIDE: 'berlinWide' } as const;
export type Scope = (typeof Scope)[keyof typeof Scope];
export const SourceKind = {
  COUNCIL_PAPER: 'councilPaper',
  LETTER: 'letter',
  PUBLICATION: 'publication',
  PRESS: 'press',
  LAW: 'law',
  OTHER: 'other',
} as const;
export type SourceKind = (typeof SourceKind)[keyof typeof SourceKind];
export type ResourceKind = 'money' | 'positions' | 'equipment' | 'other';

/** Party ids, or 'allDistricts'. */
export type PartyIds = string[];
export const ALL_DISTRICTS = 'allDistricts';

export interface Source {
  id: string;
  kind: SourceKind;
  title: string;
  issuer?: Fact<string>;
  date: Fact<PartialDate>;
  url?: Fact<string>;
  note?: string;
}

export interface SenateParty extends Citation {
  party: string;
  signatoryRoles: SignatoryRole[] | Missing;
  nameInDocument?: string;
}

export interface DistrictParties extends Citation {
  which: 'all' | string[];
  signatoryRoles: SignatoryRole[] | Missing;
  namesInDocument?: Record<string, string>;
}

export interface PartiesV2 {
  senateDepartments: SenateParty[];
  districts: DistrictParties | Missing;
  note?: string;
}

export interface DistrictValues extends Citation {
  perDistrict: Record<string, number | Missing>;
}

/** One value for all, one per district, with its source, or missing. */
export type IndicatorValue = number | Sourced<number> | Missing | DistrictValues;

export interface Within {
  value: number;
  unit: string;
  of?: string;
}

export interface Baseline extends Citation {
  value: Fact<number>;
  period: Fact<PartialDate>;
}

export interface IndicatorV2 extends Citation {
  id: string;
  title: Fact<string>;
  published?: boolean;
  kind: Fact<IndicatorKind>;
  unit: Fact<string>;
  within?: Within;
  scope: Fact<Scope>;
  direction: Fact<Direction>;
  definition: Fact<string>;
  dataSource: Fact<string>;
  periodicity: Fact<Periodicity>;
  baseline: Baseline | Missing;
  minimumValue: IndicatorValue;
  targetValue: IndicatorValue;
}

export interface QualityStandardV2 extends Citation {
  id: string;
  title: string;
  indicators: IndicatorV2[];
}

export interface SteeringFieldV2 extends Citation {
  id: string;
  title: string;
  focus: boolean;
  qualityStandards: QualityStandardV2[];
}

export interface ServicePromise extends Citation {
  id: string;
  text: string;
  indicator?: string;
}

export interface Milestone extends Citation {
  id: string;
  title: string;
  due: Fact<PartialDate>;
  responsible: Fact<PartyIds>;
}

export interface ResourceAmount extends Citation {
  period: PartialDate;
  value: IndicatorValue;
}

export interface Resource extends Citation {
  id: string;
  kind: ResourceKind;
  title: string;
  unit: Fact<string>;
  scope: Fact<Scope>;
  amounts: ResourceAmount[] | Missing;
}

export interface AttainmentCheck extends Citation {
  method?: Fact<string>;
  dataSource: Fact<string>;
  cadence: Fact<Periodicity>;
  reportedBy: Fact<PartyIds>;
}

export interface StatusEntry extends Citation {
  status: MeasurePackageStatus;
  asOf: Fact<PartialDate>;
}

export interface MeasurePackageV2 extends Citation {
  id: string;
  title: string;
  responsible: Fact<PartyIds>;
  due: Fact<PartialDate>;
  resources?: string[];
  statusHistory: StatusEntry[];
}

export interface ChronologyEntry extends Citation {
  date: PartialDate;
  event: string;
}

export interface AgreementDocumentV2 {
  formatVersion: 2;
  id: string;
  title: Fact<string>;
  legalBasis: Fact<string>;
  policyArea: Fact<string>;
  leadDepartment: Fact<string>;
  entryIntoForce: Fact<EntryIntoForce>;
  validity: { from: Fact<IsoDate>; until: Fact<IsoDate> };
  parties: PartiesV2;
  steeringFields: SteeringFieldV2[];
  servicePromises: ServicePromise[] | Missing;
  timetable: Milestone[] | Missing;
  resources: Resource[] | Missing;
  attainmentCheck: AttainmentCheck | Missing;
  measurePackages: MeasurePackageV2[] | Missing;
  chronology?: ChronologyEntry[];
  sources: Source[];
  predecessor: string | null;
  note?: string;
}
