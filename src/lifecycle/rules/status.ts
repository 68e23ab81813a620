import { type Binding, partyBindings } from './binding.js';
import { addDays, daysBetween, isIsoDate } from '../../common/dates.js';
import { LifecycleError } from './errors.js';
import { effectiveSignatures, isActiveOn, latestFrozenBy, latestOf, partyInHistory, signaturesOfVersion, versionsKnownBy } from './history.js';
import type { AgreementHistory, IsoDate, TermsHistory, VersionTerms } from './lifecycle.types.js';
import type { PartyKind } from '../../documents/agreement.types.js';
import type { AgreementStatus, LifecycleState, PartyStatus } from './status.types.js';
import { missingFacts, type MissingFact } from '../../documents/missing-facts.js';
import { partyNameOn } from '../../parties/berlin-parties.js';

export type { AgreementStatus, LifecycleState, MissingSignature, PartyStatus } from './status.types.js';

export interface StatusOptions {
  /** Report the state of this party (its binding, its missing roles) instead of the whole agreement. */
  party?: string | null;
  /** The agreement whose latest version names this one as predecessor. */
  successor?: TermsHistory | null;
  /** Overrides the predecessor named in the document. */
  predecessorId?: string | null;
}

interface Context {
  history: TermsHistory;
  asOf: IsoDate;
  known: VersionTerms[];
  latestFrozen: VersionTerms | undefined;
  bindings: Map<string, Binding>;
  /** Each party of the versions known by asOf with its kind in the latest one naming it, in the order of the latest one. */
  kinds: Map<string, PartyKind>;
}

/**
 * The agreement's lifecycle as it stood on asOf; anything dated later is ignored.
 * State order: NOT_YET_RECORDED before the earliest day any version demonstrably existed
 * (knownSince, not the day it was stored); SUPERSEDED when the successor is in force; IN_FORCE while bound and
 * asOf <= validUntil; EXPIRED once the period of the version that was in force is over;
 * otherwise SIGNING / FROZEN / DRAFT from the signatures and freezes recorded by asOf.
 * Two decisions beyond that order: a frozen agreement that never came into force is EXPIRED
 * once its end date has passed (there is nothing left to sign for); a party that is not bound
 * takes the agreement's state, with IN_FORCE read as "still signing" for it.
 */
export function agreementStatus(history: AgreementHistory, asOf: IsoDate, options: StatusOptions = {}): AgreementStatus {
  const { status, reportedVersion } = statusByTerms(history, asOf, options);
  return withMissingFacts(status, history.versions.find((v) => v.number === reportedVersion)?.document ?? null);
}

/** The status without what only the documents tell, and the number of the version it reports on (null: none). */
export interface StatusByTerms {
  status: Omit<AgreementStatus, 'missingFacts'>;
  reportedVersion: number | null;
}

/**
 * agreementStatus from the versions' terms alone: all of the status but its missing facts, which come
 * from the document of the one version reported on (withMissingFacts). So a caller need not load every
 * version's document to answer for one day.
 */
export function statusByTerms(history: TermsHistory, asOf: IsoDate, options: StatusOptions = {}): StatusByTerms {
  if (!isIsoDate(asOf)) throw new LifecycleError('BAD_INPUT', `asOf ${String(asOf)} is not a date (YYYY-MM-DD)`);
  const party = options.party ?? null;
  if (party !== null && !partyInHistory(history, party)) {
    throw new LifecycleError('BAD_INPUT', `Party ${party} is not a party of agreement ${history.agreementId}`);
  }
  const ctx = context(history, asOf);
  const successor = successorView(options.successor ?? null, asOf, party);
  const successorInForce = successor?.state === 'IN_FORCE';
  const parties = (party !== null ? [party] : partyIds(ctx)).map((id) => partyStatus(ctx, id)).filter((p) => p !== null);
  const scope = scopeOf(ctx, party, successorInForce);
  const inForce = scope.state === 'IN_FORCE' ? scope.binding : undefined;
  const reported = inForce?.version ?? latestOf(ctx.known);
  const validity = reported?.content.validity ?? null;
  const status = {
    agreementId: history.agreementId,
    asOf,
    party,
    state: scope.state,
    versionInForce: inForce?.version.number ?? null,
    latestVersion: latestOf(ctx.known)?.number ?? null,
    validFrom: validity?.from ?? null,
    validUntil: validity?.until ?? null,
    inForceSince: inForce?.since ?? null,
    amendmentsApplied: history.amendments
      .filter((a) => a.decidedOn <= asOf && a.effectiveOn <= asOf)
      .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.newVersion - b.newVersion),
    signatures: unique(parties.flatMap((p) => p.signatures)),
    missing: parties.flatMap((p) => p.missing),
    parties,
    predecessorId: options.predecessorId !== undefined ? options.predecessorId : (latestOf(ctx.known)?.content.predecessor ?? null),
    successorId: successor?.id ?? null,
    successorState: successor?.state ?? null,
    daysUntilExpiry: inForce?.until != null ? daysBetween(asOf, inForce.until) : null,
  };
  return { status, reportedVersion: reported?.number ?? null };
}

/** The status with what the reported version's document marks as missing (none without a version reported on). */
export function withMissingFacts(status: Omit<AgreementStatus, 'missingFacts'>, reportedDocument: unknown): AgreementStatus {
  const facts: MissingFact[] = reportedDocument === null ? [] : missingFacts(reportedDocument);
  return { ...status, missingFacts: facts };
}

/**
 * Agreements in force on asOf whose validity ends within [asOf, asOf + withinDays], soonest first.
 * Successors are looked up among the given histories, so one already in force counts as SUPERSEDED.
 */
export function expiringAgreements(histories: AgreementHistory[], withinDays: number, asOf: IsoDate): AgreementStatus[] {
  if (!Number.isInteger(withinDays) || withinDays < 0) {
    throw new LifecycleError('BAD_INPUT', `withinDays must be a whole number of days >= 0, got ${withinDays}`);
  }
  const horizon = addDays(asOf, withinDays);
  return histories
    .map((h) => agreementStatus(h, asOf, { successor: successorAmong(histories, h.agreementId) }))
    .filter((s) => s.state === 'IN_FORCE' && s.validUntil !== null && s.validUntil >= asOf && s.validUntil <= horizon)
    .sort((a, b) => (a.validUntil as string).localeCompare(b.validUntil as string) || a.agreementId.localeCompare(b.agreementId));
}

/** The agreement whose latest version names agreementId as its predecessor: the link successorId shows. */
export function successorAmong(histories: readonly AgreementHistory[], agreementId: string): AgreementHistory | null {
  return histories.find((h) => h.agreementId !== agreementId && latestOf(h.versions)?.content.predecessor === agreementId) ?? null;
}

function context(history: TermsHistory, asOf: IsoDate): Context {
  const known = versionsKnownBy(history, asOf);
  const kinds = new Map<string, PartyKind>();
  for (const version of [...known].reverse()) for (const p of version.content.parties) if (!kinds.has(p.id)) kinds.set(p.id, p.kind);
  return { history, asOf, known, latestFrozen: latestFrozenBy(history, asOf), bindings: partyBindings(history, asOf), kinds };
}

interface Scope {
  state: LifecycleState;
  binding: Binding | undefined;
}

function scopeOf(ctx: Context, party: string | null, successorInForce: boolean): Scope {
  // Nothing on record by then: neither a draft nor anything that could have superseded it.
  if (ctx.known.length === 0) return { state: 'NOT_YET_RECORDED', binding: undefined };
  return party !== null ? scopeOfParty(ctx, party, successorInForce) : scopeOfAgreement(ctx, successorInForce);
}

/** perDistrict: in force once one district is bound. (Under allParties all parties are bound together.) */
function scopeOfAgreement(ctx: Context, successorInForce: boolean): Scope {
  const ids = partyIds(ctx);
  const districts = ids.filter((id) => kindOf(ctx, id) === 'district');
  const gating = (districts.length > 0 ? districts : ids).map((id) => ctx.bindings.get(id)).filter((b) => b !== undefined);
  const inForce = gating.filter((b) => b.inForce);
  if (successorInForce) return { state: 'SUPERSEDED', binding: undefined };
  if (inForce.length > 0) return { state: 'IN_FORCE', binding: widest(inForce) };
  if (gating.length > 0) return { state: 'EXPIRED', binding: undefined };
  return { state: signingState(ctx), binding: undefined };
}

function scopeOfParty(ctx: Context, party: string, successorInForce: boolean): Scope {
  const binding = ctx.bindings.get(party);
  if (successorInForce) return { state: 'SUPERSEDED', binding: undefined };
  if (binding?.inForce) return { state: 'IN_FORCE', binding };
  if (binding !== undefined) return { state: 'EXPIRED', binding: undefined };
  const agreement = scopeOfAgreement(ctx, false).state;
  return { state: agreement === 'IN_FORCE' ? signingState(ctx) : agreement, binding: undefined };
}

/** The latest version binding anyone, in force since the first district was bound by it. */
function widest(bindings: Binding[]): Binding {
  const latest = Math.max(...bindings.map((b) => b.version.number));
  const onLatest = bindings.filter((b) => b.version.number === latest);
  return onLatest.reduce((first, b) => (b.since < first.since ? b : first));
}

/** The state of an agreement that binds no one (yet). */
function signingState(ctx: Context): LifecycleState {
  const frozen = ctx.latestFrozen;
  if (frozen === undefined) return 'DRAFT';
  const until = frozen.content.validity.until;
  if (until !== null && until < ctx.asOf) return 'EXPIRED';
  const signed = effectiveSignatures(ctx.history, frozen.number).some((s) => isActiveOn(s, ctx.asOf));
  return signed ? 'SIGNING' : 'FROZEN';
}

function partyStatus(ctx: Context, id: string): PartyStatus | null {
  const binding = ctx.bindings.get(id);
  const version = binding?.version ?? reportedVersion(ctx, id);
  const party = version?.content.parties.find((p) => p.id === id);
  if (version === undefined || party === undefined) return null;
  const signatures = signaturesOfVersion(ctx.history, version.number).filter((s) => s.party === id && isActiveOn(s, ctx.asOf));
  // The name the party bore on the day asked about (SenIAS in 2022, SenASGIVA in 2024), else the document's.
  const named = partyNameOn(id, ctx.asOf);
  const partyName = named?.name ?? party.name;
  const missing = party.signatoryRoles
    .filter((r) => !signatures.some((s) => s.role === r.id))
    .map((r) => ({ party: id, partyName, role: r.id, roleTitle: r.title }));
  return {
    party: id,
    partyName,
    partyNameCertain: named?.certain ?? true,
    nameInDocument: party.name,
    rolesKnown: party.rolesKnown,
    kind: party.kind,
    version: version.number,
    complete: party.rolesKnown && missing.length === 0,
    boundSince: binding?.inForce ? binding.since : null,
    signatures,
    missing,
    signingRecorded: ctx.history.signatures.some((s) => s.party === id && s.signedOn <= ctx.asOf),
  };
}

/** A party not bound is shown against the version it would sign: the latest frozen one, else the latest draft. */
function reportedVersion(ctx: Context, id: string): VersionTerms | undefined {
  const hasParty = (v: VersionTerms) => v.content.parties.some((p) => p.id === id);
  if (ctx.latestFrozen !== undefined && hasParty(ctx.latestFrozen)) return ctx.latestFrozen;
  return latestOf(ctx.known.filter(hasParty));
}

/** Parties of all versions known by asOf, in the order of the latest one. */
function partyIds(ctx: Context): string[] {
  return [...ctx.kinds.keys()];
}

function kindOf(ctx: Context, id: string): string | undefined {
  return ctx.kinds.get(id);
}

function successorView(successor: TermsHistory | null, asOf: IsoDate, party: string | null) {
  if (successor === null || versionsKnownBy(successor, asOf).length === 0) return null;
  const scoped = party !== null && partyInHistory(successor, party) ? party : null;
  return { id: successor.agreementId, state: statusByTerms(successor, asOf, { party: scoped }).status.state };
}

function unique<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
