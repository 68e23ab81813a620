import type { AgreementHistory, AgreementStatus, IsoDate, LifecycleState, LifecycleVersion } from '../../lifecycle/rules/index.js';
import type { Consultation, Paper } from '../../papers/rules/index.js';

/** The follow-up agreement as the register holds it on the report's date. */
export interface FollowUpFacts {
  agreementId: string;
  /** Its title in its latest version known by then; null when it has none. */
  title: string | null;
  /** Its state on the report's date; null when none of its versions is known by then. */
  state: LifecycleState | null;
  /** When and by what it was recorded as the follow-up, if recorded so. */
  createdOn: IsoDate | null;
  source: string | null;
}

/** Everything a report is built from: recorded facts only, already read from storage. */
export interface ReportInput {
  history: AgreementHistory;
  /** agreementStatus(history, asOf) */
  status: AgreementStatus;
  /** The agreement's council papers known by asOf (their steps dated later are left out when rendering). */
  papers: readonly Paper[];
  followUp: FollowUpFacts | null;
}

/** The version the report describes: the one in force, else the latest known on the date. */
export function reportedVersion(input: ReportInput): LifecycleVersion | undefined {
  const number = input.status.versionInForce ?? input.status.latestVersion;
  return number === null ? undefined : input.history.versions.find((v) => v.number === number);
}

export function versionByNumber(input: ReportInput, number: number): LifecycleVersion | undefined {
  return input.history.versions.find((v) => v.number === number);
}

/** The steps of a paper taken by the date (undated steps included: they are shown with their date unknown). */
export function stepsBy(paper: Paper, asOf: IsoDate): Consultation[] {
  return paper.consultations.filter((c) => c.date === null || c.date <= asOf).sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}
