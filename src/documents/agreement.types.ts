/**
 * The parsed form of one agreement version (YAML format version 1).
 * The JSON Schema in schema/agreement.schema.json is the authority; these types mirror it.
 */
import type { IsoDate } from '../common/dates.js';
import { PartyKind } from '../parties/berlin-parties.js';

export type { IsoDate } from '../common/dates.js';
// Defined with Berlin's parties; re-exported so that documents and their readers name it from here as before.
export { PartyKind };
export type Direction = 'higherIsBetter' | 'lowerIsBetter';
export type Periodicity = 'monthly' | 'quarterly' | 'halfYearly' | 'yearly';
export type EntryIntoForce = 'allParties' | 'perDistrict';
export type MeasurePackageStatus = 'open' | 'inProgress' | 'done';

export interface SignatoryRole {
  id: string;
  title: string;
}

export interface Party {
  id: string;
  kind: PartyKind;
  name: string;
  signatoryRoles: SignatoryRole[];
}

export interface Indicator {
  id: string;
  title: string | null;
  /** false while the indicator's definition and values have not been published. */
  published: boolean;
  unit: string | null;
  direction: Direction | null;
  definition: string | null;
  dataSource: string | null;
  periodicity: Periodicity | null;
  minimumValue: number | null;
  targetValue: number | null;
  note?: string | null;
}

export interface QualityStandard {
  id: string;
  title: string;
  description?: string | null;
  indicators: Indicator[];
}

export interface SteeringField {
  id: string;
  title: string;
  /** The field this agreement concentrates on; its indicators must carry values before a follow-up is frozen. */
  focus: boolean;
  description?: string | null;
  qualityStandards: QualityStandard[];
}

export interface MeasurePackage {
  id: string;
  title: string;
  status: MeasurePackageStatus;
  description?: string | null;
}

export interface Validity {
  from: IsoDate | null;
  until: IsoDate | null;
}

export interface AgreementDocument {
  formatVersion: 1;
  id: string;
  title: string;
  legalBasis: string | null;
  policyArea: string | null;
  leadDepartment: string;
  entryIntoForce: EntryIntoForce;
  validity: Validity;
  parties: Party[];
  steeringFields: SteeringField[];
  measurePackages: MeasurePackage[];
  predecessor: string | null;
  notes?: string | null;
}
