import { addDays, germanDate, isIsoDate, minDate } from '../../common/dates.js';
import { amendmentCreating, findVersion, knownSince, versionsKnownBy } from './history.js';
import { SignatureLevel, type AgreementHistory, type Amendment, type IsoDate, type Signature } from './lifecycle.types.js';
import { agreementStatus } from './status.js';
import type { AgreementStatus } from './status.types.js';

/** What can happen to an agreement; the GraphQL enum is registered from this object. */
export const LifecycleEventKind = {
  CREATED: 'CREATED',
  FROZEN: 'FROZEN',
  SIGNED: 'SIGNED',
  SIGNATURE_WITHDRAWN: 'SIGNATURE_WITHDRAWN',
  AMENDED: 'AMENDED',
  FOLLOW_UP_CREATED: 'FOLLOW_UP_CREATED',
  ENTERED_INTO_FORCE: 'ENTERED_INTO_FORCE',
  EXPIRED: 'EXPIRED',
  SUPERSEDED: 'SUPERSEDED',
  /** A council paper reporting on the agreement (recorded by the papers feature). */
  PAPER: 'PAPER',
  /** A step of such a paper: the district office's decision, a council's consultation. */
  CONSULTATION: 'CONSULTATION',
} as const;
export type LifecycleEventKind = (typeof LifecycleEventKind)[keyof typeof LifecycleEventKind];

export interface LifecycleEvent {
  date: IsoDate;
  kind: LifecycleEventKind;
  actor: string | null;
  version: number | null;
  party: string | null;
  /** German, short. */
  detail: string;
}

/** Within one day, events follow cause and effect: a version is frozen before it is signed, signed before it binds. */
const KIND_ORDER: readonly LifecycleEventKind[] = [
  'CREATED',
  'FROZEN',
  'AMENDED',
  'SIGNED',
  'SIGNATURE_WITHDRAWN',
  'ENTERED_INTO_FORCE',
  'EXPIRED',
  'SUPERSEDED',
  'FOLLOW_UP_CREATED',
  'PAPER',
  'CONSULTATION',
];

/**
 * The agreement's story, sorted by date. Recorded acts (creation, freeze, signature, withdrawal,
 * amendment, follow-up) come from the history; entry into force, expiry and supersession are the
 * days the status changes, found by evaluating the status on every day something could change it. Events other features
 * record about the agreement (council papers and their steps) are merged in by date.
 */
export function lifecycleEvents(
  history: AgreementHistory,
  options: { successor?: AgreementHistory | null; until?: IsoDate; recordedElsewhere?: readonly LifecycleEvent[] } = {},
): LifecycleEvent[] {
  const successor = options.successor ?? null;
  const events = [
    ...recordedEvents(history),
    ...followUpEvents(history, successor),
    ...transitionEvents(history, successor, options.until),
    ...(options.recordedElsewhere ?? []),
  ];
  return events.filter((e) => options.until === undefined || e.date <= options.until).sort(compareEvents);
}

function recordedEvents(history: AgreementHistory): LifecycleEvent[] {
  const created = history.versions
    .filter((v) => amendmentCreating(history, v.number) === undefined)
    .map((v) => {
      const origin = v.number === 1 ? history.followUpOf : null;
      const detail =
        origin !== null
          ? `Fassung 1 angelegt als Folgezielvereinbarung zu ${origin.predecessorId} (Fassung ${origin.predecessorVersion})`
          : `Fassung ${v.number} angelegt`;
      return event(knownSince(history, v), 'CREATED', origin?.actor ?? v.author, v.number, null, detail);
    });
  const frozen = history.freezes.map((f) =>
    event(f.frozenOn, 'FROZEN', f.actor, f.version, null, `Fassung ${f.version} zur Unterzeichnung festgeschrieben`),
  );
  const amended = history.amendments.map((a) => event(a.decidedOn, 'AMENDED', a.actor, a.newVersion, null, amendmentDetail(history, a)));
  return [...created, ...frozen, ...amended, ...history.signatures.flatMap((s) => signatureEvents(history, s))];
}

function signatureEvents(history: AgreementHistory, s: Signature): LifecycleEvent[] {
  const party = findVersion(history, s.version)?.content.parties.find((p) => p.id === s.party);
  const roleTitle = party?.signatoryRoles.find((r) => r.id === s.role)?.title ?? s.role;
  const partyName = party?.name ?? s.party;
  const signer = signerOf(roleTitle, s.personName);
  const signed = event(s.signedOn, 'SIGNED', s.recordedBy, s.version, s.party, `${partyName}: ${signer} hat unterzeichnet${levelRemark(s.level)}`);
  if (s.withdrawal === null) return [signed];
  const w = s.withdrawal;
  const detail = `${partyName}: Unterschrift ${signer} zurückgezogen – ${w.reason}`;
  return [signed, event(w.withdrawnOn, 'SIGNATURE_WITHDRAWN', w.actor, s.version, s.party, detail)];
}

/** A level the sources do not state is said, so that no reader takes the record for more than it knows. */
function levelRemark(level: SignatureLevel): string {
  return level === SignatureLevel.UNKNOWN ? ' (Art der Unterschrift nicht bekannt)' : '';
}

/**
 * "Role (Name)"; where no name is public the recorded name is the role title with a remark, e.g.
 * "Für Finanzen zuständiges Bezirksamtsmitglied (Name in der Drucksache nicht genannt)", and stands alone.
 */
function signerOf(roleTitle: string, personName: string): string {
  return personName.startsWith(roleTitle) ? personName : `${roleTitle} (${personName})`;
}

function amendmentDetail(history: AgreementHistory, a: Amendment): string {
  const effective = `wirksam ab ${germanDate(a.effectiveOn)}`;
  if (a.type === 'validityExtension') {
    const until = findVersion(history, a.newVersion)?.content.validity.until;
    const to = until != null ? ` bis ${germanDate(until)}` : '';
    return `Verlängerung${to} (${a.source}), Fassung ${a.newVersion}, ${effective}`;
  }
  const what = a.type === 'contentAmendment' ? 'Inhaltliche Änderung' : 'Berichtigung';
  return `${what} (${a.source}), Fassung ${a.newVersion}, ${effective}`;
}

/** On the predecessor's timeline: who began the follow-up, and from which of its versions (when recorded). */
function followUpEvents(history: AgreementHistory, successor: AgreementHistory | null): LifecycleEvent[] {
  const first = minDate(successor?.versions.map((v) => knownSince(successor, v)) ?? []);
  if (successor === null || first === null) return [];
  const origin = successor.followUpOf?.predecessorId === history.agreementId ? successor.followUpOf : null;
  const from = origin !== null ? `, übernommen aus Fassung ${origin.predecessorVersion}` : '';
  const detail = `Folgezielvereinbarung ${successor.agreementId} angelegt${from}`;
  return [event(first, 'FOLLOW_UP_CREATED', origin?.actor ?? null, origin?.predecessorVersion ?? null, null, detail)];
}

function transitionEvents(history: AgreementHistory, successor: AgreementHistory | null, until: IsoDate | undefined): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  let previous: AgreementStatus | null = null;
  for (const date of changeDates(history, successor).filter((d) => until === undefined || d <= until)) {
    const current = agreementStatus(history, date, { successor });
    events.push(...entries(history, previous, current), ...endings(previous, current));
    previous = current;
  }
  return events;
}

/** perDistrict: one entry per party as it becomes bound; allParties: one for the agreement. */
function entries(history: AgreementHistory, previous: AgreementStatus | null, current: AgreementStatus): LifecycleEvent[] {
  const mode = versionsKnownBy(history, current.asOf).at(-1)?.content.entryIntoForce;
  if (mode === 'allParties') {
    if (current.inForceSince === null || current.inForceSince === previous?.inForceSince) return [];
    const detail = `In Kraft für alle Parteien (Fassung ${current.versionInForce})`;
    return [event(current.asOf, 'ENTERED_INTO_FORCE', null, current.versionInForce, null, detail)];
  }
  return current.parties
    .filter((p) => p.boundSince !== null && p.boundSince !== previous?.parties.find((q) => q.party === p.party)?.boundSince)
    .map((p) => event(current.asOf, 'ENTERED_INTO_FORCE', null, p.version, p.party, `In Kraft für ${p.partyName} (Fassung ${p.version})`));
}

function endings(previous: AgreementStatus | null, current: AgreementStatus): LifecycleEvent[] {
  if (current.state === previous?.state) return [];
  // Once superseded, the agreement's own story is over: its successor's later expiry is the successor's event.
  if (previous?.state === 'SUPERSEDED') return [];
  const version = previous?.versionInForce ?? null;
  if (current.state === 'EXPIRED') {
    const ended = current.validUntil !== null ? `am ${germanDate(current.validUntil)} ` : '';
    return [event(current.asOf, 'EXPIRED', null, version, null, `Geltungsdauer ${ended}abgelaufen`)];
  }
  if (current.state === 'SUPERSEDED') {
    return [event(current.asOf, 'SUPERSEDED', null, version, null, `Abgelöst durch ${current.successorId}`)];
  }
  return [];
}

/** Every day on which the status of the agreement (or of its successor) can change. */
function changeDates(history: AgreementHistory, successor: AgreementHistory | null): IsoDate[] {
  const dates = [history, ...(successor !== null ? [successor] : [])].flatMap(historyDates);
  return [...new Set(dates.filter(isIsoDate))].sort();
}

function historyDates(history: AgreementHistory): (IsoDate | null)[] {
  return [
    ...history.versions.flatMap((v) => {
      const until = v.content.validity.until;
      return [v.createdOn, knownSince(history, v), v.content.validity.from, isIsoDate(until) ? addDays(until, 1) : null];
    }),
    ...history.freezes.map((f) => f.frozenOn),
    ...history.signatures.flatMap((s) => [s.signedOn, s.withdrawal?.withdrawnOn ?? null]),
    ...history.amendments.flatMap((a) => [a.decidedOn, a.effectiveOn]),
  ];
}

function compareEvents(a: LifecycleEvent, b: LifecycleEvent): number {
  return (
    a.date.localeCompare(b.date) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    (a.version ?? 0) - (b.version ?? 0) ||
    (a.party ?? '').localeCompare(b.party ?? '')
  );
}

function event(
  date: IsoDate,
  kind: LifecycleEventKind,
  actor: string | null,
  version: number | null,
  party: string | null,
  detail: string,
): LifecycleEvent {
  return { date, kind, actor, version, party, detail };
}
