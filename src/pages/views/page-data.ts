/** The shapes of the GraphQL answers the pages read: the pages are a client of the service's own API. */

export interface PartyRef {
  id: string;
  name: string;
  kind: 'DISTRICT' | 'SENATE_DEPARTMENT';
}

export interface SignatureData {
  id: string;
  party: string;
  role: string;
  personName: string;
  office: string | null;
  signedOn: string;
  version: number;
  level: string;
  carriedOverFrom: number | null;
  evidence: { fileName: string; sha256: string } | null;
  withdrawal: { withdrawnOn: string; reason: string; actor: string } | null;
}

export interface MissingData {
  party: string;
  role: string;
  roleTitle: string;
}

export interface PartyStatusData {
  party: string;
  partyName: string;
  partyNameCertain: boolean;
  kind: string;
  version: number;
  complete: boolean;
  boundSince: string | null;
  rolesKnown: boolean;
  signingRecorded: boolean;
  signatures: SignatureData[];
  missing: MissingData[];
}

export interface AmendmentData {
  type: string;
  source: string;
  decidedOn: string;
  effectiveOn: string;
  baseVersion: number;
  newVersion: number;
}

export interface StatusData {
  asOf: string;
  party: string | null;
  state: string;
  versionInForce: number | null;
  latestVersion: number | null;
  validFrom: string | null;
  validUntil: string | null;
  inForceSince: string | null;
  daysUntilExpiry: number | null;
  successorId: string | null;
  successorState: string | null;
  predecessorId: string | null;
  amendmentsApplied: AmendmentData[];
  parties: PartyStatusData[];
  missingFacts: { label: string; reason: string; note: string | null }[];
}

export interface ListItemData {
  id: string;
  title: string | null;
  leadDepartment: string | null;
  status: {
    state: string;
    validUntil: string | null;
    daysUntilExpiry: number | null;
    successorId: string | null;
    successorState: string | null;
    signatures: { party: string }[];
    missing: { party: string }[];
    parties: { party: string }[];
  };
}

export interface EventData {
  date: string;
  kind: string;
  detail: string;
  party: string | null;
  version: number | null;
  actor: string | null;
}

export interface VersionData {
  number: number;
  createdAt: string;
  author: string;
  changeNote: string | null;
  frozenOn: string | null;
}

export interface AgreementData {
  id: string;
  title: string | null;
  leadDepartment: string | null;
  policyArea: string | null;
  status: StatusData;
  /** The status for every party, read only for the titles of the signatory roles (a chosen party may miss none). */
  roleTitles: { missing: { role: string; roleTitle: string }[] };
  events: { items: EventData[]; totalCount: number };
  signatures: { items: SignatureData[]; totalCount: number };
  versions: { items: VersionData[]; totalCount: number };
}

export interface FieldChangeData {
  label: string;
  kind: string;
  before: unknown;
  after: unknown;
}
