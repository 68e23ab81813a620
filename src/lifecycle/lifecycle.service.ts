import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../database/transaction.js';
import { idChanged, noChange, versionConflict } from '../versions/versions.errors.js';
import { assertMayEdit, assertMaySignFor, assertMaySignForParty } from '../auth/policy.js';
import { actorLabel, type Actor } from '../common/actor.js';
import { AppError, ErrorCode, notFound } from '../common/app-error.js';
import {
  agreementStatus,
  assertNoViolations,
  buildFollowUp,
  buildValidityExtension,
  checkAmendment,
  checkFreeze,
  checkSignature,
  checkWithdrawal,
  expiringAgreements,
  germanDate,
  lifecycleEvents,
  statusByTerms,
  type AgreementHistory,
  type AgreementStatus,
  type AmendmentType,
  type IsoDate,
  type LifecycleEvent,
  type SignatureInput,
  type StatusByTerms,
  type TermsHistory,
} from './rules/index.js';
import type { VersionRow } from '../versions/version.entity.js';
import { VersionsService } from '../versions/versions.service.js';
import { berlinToday } from '../common/berlin-date.js';
import {
  LifecycleRepository,
  type AmendmentRecord,
  type SignatureRecord,
  type StatusInputsRead,
  type StatusQuestion,
} from './lifecycle.repository.js';
import { CoalescedReads } from '../database/coalesced-reads.js';
import { documentYaml, withValidityUntil } from './yaml-edit.js';
import { termsOf } from '../documents/agreement-terms.js';
import { missingFacts, type MissingFact } from '../documents/missing-facts.js';
import { StatusInputsCache, type StatusInputs } from './status-inputs.cache.js';

export interface AmendInput {
  agreementId: string;
  baseVersion: number;
  yaml: string;
  type: AmendmentType;
  source: string;
  decidedOn: IsoDate;
  effectiveOn: IsoDate;
}

export interface WithdrawInput {
  signatureId: string;
  withdrawnOn: IsoDate;
  reason: string;
}

export interface FollowUpInput {
  predecessorId: string;
  predecessorVersion?: number | null;
  id: string;
  title: string;
}

export interface ExtendInput {
  agreementId: string;
  until: IsoDate;
  source: string;
  decidedOn: IsoDate;
  effectiveOn: IsoDate;
}

/**
 * Wires the lifecycle rules (src/lifecycle, pure) to storage. Every write locks the agreement,
 * reads its history inside the same transaction, asks the rules, then appends; so two people
 * recording the same signature at once queue, and the second is told it is already signed.
 */
@Injectable()
export class LifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: VersionsService,
    private readonly history: LifecycleRepository,
    private readonly statusCache: StatusInputsCache,
  ) {}

  /**
   * Statuses asked for at the same time share their statement: while one runs, the questions of the requests
   * arriving meanwhile collect for the next, so under load one round trip checks the kept inputs of many requests.
   */
  private readonly statusReads = new CoalescedReads((asked: StatusQuestion[]) => this.history.loadBatchForStatus(asked), {
    concurrent: 1,
    batch: 100,
  });

  /** Overridable clock, so "today" is one value per operation. */
  today: () => IsoDate = berlinToday;

  freeze(actor: Actor, agreementId: string, version: number, frozenOn: IsoDate | null, tx?: EntityManager): Promise<VersionRow> {
    return inTransaction(this.dataSource, tx, async (m) => {
      const today = this.today();
      const latest = await this.versions.lockLatest(m, agreementId);
      assertMayEdit(actor, termsOf(latest.content).leadDepartment);
      const history = await this.history.loadOne(agreementId, m);
      const on = frozenOn ?? today;
      assertNoViolations(checkFreeze(history, version, on, today));
      await this.history.insertFreeze(m, agreementId, { version, frozenOn: on, actor: actorLabel(actor) });
      return (await this.versions.findVersion(agreementId, version, m))!;
    });
  }

  recordSignature(actor: Actor, agreementId: string, input: SignatureInput, tx?: EntityManager): Promise<SignatureRecord> {
    // Before anything is looked up: a district's signatory learns nothing about other districts' business.
    assertMaySignFor(actor, input.party);
    return inTransaction(this.dataSource, tx, async (m) => {
      const today = this.today();
      await this.versions.lockLatest(m, agreementId);
      const history = await this.history.loadOne(agreementId, m);
      assertMaySignIn(actor, history, input.version, input.party);
      assertNoViolations(checkSignature(history, input, today));
      const version = history.versions.find((v) => v.number === input.version)!;
      return this.history.insertSignature(m, agreementId, { ...input, contentHash: version.contentHash, recordedBy: actorLabel(actor) });
    });
  }

  withdrawSignature(actor: Actor, input: WithdrawInput, tx?: EntityManager): Promise<SignatureRecord> {
    return inTransaction(this.dataSource, tx, async (m) => {
      const signature = await this.history.findSignature(input.signatureId, m);
      if (!signature) throw notFound(`signature '${input.signatureId}'`);
      assertMaySignFor(actor, signature.party);
      const today = this.today();
      await this.versions.lockLatest(m, signature.agreementId);
      const history = await this.history.loadOne(signature.agreementId, m);
      assertMaySignIn(actor, history, signature.version, signature.party);
      assertNoViolations(checkWithdrawal(history, input.signatureId, input.withdrawnOn, input.reason, today));
      await this.history.insertWithdrawal(m, input.signatureId, { ...input, actor: actorLabel(actor) });
      return (await this.history.findSignature(input.signatureId, m))!;
    });
  }

  /** A new version in which only the end date changes; the signatures of the base carry over. */
  extendValidity(actor: Actor, input: ExtendInput, tx?: EntityManager): Promise<AmendmentRecord> {
    return inTransaction(this.dataSource, tx, async (m) => {
      const today = this.today();
      const latest = await this.versions.lockLatest(m, input.agreementId);
      assertMayEdit(actor, termsOf(latest.content).leadDepartment);
      const history = await this.history.loadOne(input.agreementId, m);
      const amendment = {
        type: 'validityExtension' as const,
        baseVersion: latest.number,
        decidedOn: input.decidedOn,
        effectiveOn: input.effectiveOn,
      };
      assertNoViolations(checkAmendment(history, amendment, buildValidityExtension(latest.content, input.until), today));
      const doc = this.versions.parse(withValidityUntil(latest.yaml, input.until));
      const note = `Verlängerung bis ${germanDate(input.until)} (${input.source})`;
      return this.storeAmendment(m, actor, latest, doc, note, { ...amendment, source: input.source });
    });
  }

  async amend(actor: Actor, input: AmendInput): Promise<AmendmentRecord> {
    const doc = this.versions.parse(input.yaml);
    if (doc.content.id !== input.agreementId) throw idChanged(doc.content.id, input.agreementId);
    const today = this.today();
    return this.dataSource.transaction(async (m) => {
      const latest = await this.versions.lockLatest(m, input.agreementId);
      assertMayEdit(actor, termsOf(latest.content).leadDepartment);
      assertMayEdit(actor, termsOf(doc.content).leadDepartment);
      if (latest.number !== input.baseVersion) throw versionConflict(input.agreementId, input.baseVersion, latest.number);
      if (latest.contentHash === doc.hash) throw noChange(input.agreementId, latest.number);
      const history = await this.history.loadOne(input.agreementId, m);
      const amendment = { type: input.type, baseVersion: input.baseVersion, decidedOn: input.decidedOn, effectiveOn: input.effectiveOn };
      assertNoViolations(checkAmendment(history, amendment, doc.content, today));
      return this.storeAmendment(m, actor, latest, doc, `${AMENDMENT_NOTE[input.type]} (${input.source})`, { ...amendment, source: input.source });
    });
  }

  /** A new agreement carrying over the predecessor's parties, fields, standards and indicators. */
  createFollowUp(actor: Actor, input: FollowUpInput, tx?: EntityManager): Promise<VersionRow> {
    return inTransaction(this.dataSource, tx, async (m) => {
      const today = this.today();
      const latest = await this.versions.lockLatest(m, input.predecessorId);
      const base = input.predecessorVersion ? await this.versions.findVersion(input.predecessorId, input.predecessorVersion, m) : latest;
      if (!base) throw notFound(`version ${input.predecessorVersion} of agreement '${input.predecessorId}'`);
      assertMayEdit(actor, termsOf(base.content).leadDepartment);
      const content = buildFollowUp(base.content, { id: input.id, title: input.title });
      const yaml = documentYaml(content, [
        `Folgezielvereinbarung zu '${input.predecessorId}', übernommen aus deren Fassung ${base.number}.`,
        'Geltungsdauer, Mindest- und Zielwerte sind festzulegen.',
      ]);
      const doc = this.versions.parse(yaml);
      const author = actorLabel(actor);
      const row = await this.versions.storeNew(m, doc, author, `Folgezielvereinbarung zu ${input.predecessorId} (Fassung ${base.number})`);
      await this.history.insertFollowUp(m, {
        successorId: input.id,
        predecessorId: input.predecessorId,
        predecessorVersion: base.number,
        createdOn: today,
        source: null,
        actor: author,
      });
      return row;
    });
  }

  /**
   * One statement when the inputs kept for this agreement are current (the database says so), else the histories
   * by their terms in that same statement and, once per version, its document for the missing facts. The decision
   * itself is the pure statusByTerms, the same agreementStatus makes.
   */
  async status(agreementId: string, asOf: IsoDate | null, party: string | null): Promise<AgreementStatus> {
    const day = asOf ?? this.today();
    const decide = (inputs: StatusInputs) => statusByTerms(inputs.history, day, { party, successor: inputs.successor });
    const kept = this.statusCache.get(agreementId);
    // Decided ahead from what is kept, so the statement that confirms it can bring the one document still unread.
    const ahead = kept ? attempt(() => decide(kept)) : null;
    const unread = ahead && kept ? unreadDocument(kept, ahead.reportedVersion) : null;
    const read = await this.statusReads.read({ id: agreementId, knownRevision: kept?.revision ?? null, documentOf: unread });
    const inputs = this.keep(agreementId, read, kept);
    if (inputs === null) throw notFound(`agreement '${agreementId}'`);
    if (!read.changed && unread !== null && read.document !== null) rememberFacts(inputs, unread, read.document);
    const { status, reportedVersion } = inputs === kept && ahead ? ahead : decide(inputs);
    return { ...status, missingFacts: [...(await this.missingFactsOf(inputs, reportedVersion))] };
  }

  /** The status inputs of these agreements, checked or read in one statement; an unknown agreement is absent. */
  async statusInputsOf(agreementIds: readonly string[]): Promise<Map<string, StatusInputs>> {
    const kept = new Map(agreementIds.map((id) => [id, this.statusCache.get(id)]));
    const read = await this.history.loadBatchForStatus(
      agreementIds.map((id) => ({ id, knownRevision: kept.get(id)?.revision ?? null, documentOf: null })),
    );
    const inputs = new Map<string, StatusInputs>();
    agreementIds.forEach((id, k) => {
      const current = this.keep(id, read[k], kept.get(id));
      if (current !== null) inputs.set(id, current);
    });
    return inputs;
  }

  /** The inputs as read: those kept while the revision is unchanged, else the histories read, kept from now on; null: no such agreement. */
  private keep(agreementId: string, read: StatusInputsRead, kept: StatusInputs | undefined): StatusInputs | null {
    if (!read.changed) return kept ?? null;
    if (read.revision === null || read.history.versions.length === 0) return null;
    // Facts found in a document stay right for the same content, whatever else changed.
    const missingFacts = kept?.missingFacts ?? new Map<string, readonly MissingFact[]>();
    const inputs = { revision: read.revision, history: read.history, successor: read.successor, missingFacts };
    this.statusCache.set(agreementId, inputs);
    return inputs;
  }

  /** The missing facts of the version reported on, its document read (by `read`) only the first time. */
  async missingFactsOf(
    inputs: StatusInputs,
    version: number | null,
    read: (agreementId: string, number: number) => Promise<unknown> = (id, n) => this.versions.documentOf(id, n),
  ): Promise<readonly MissingFact[]> {
    const reported = inputs.history.versions.find((v) => v.number === version);
    if (reported === undefined) return [];
    return (
      inputs.missingFacts.get(reported.contentHash) ?? rememberFacts(inputs, reported.number, await read(inputs.history.agreementId, reported.number))
    );
  }

  async expiring(withinDays: number, asOf: IsoDate | null): Promise<AgreementStatus[]> {
    if (!Number.isInteger(withinDays) || withinDays < 0) throw new AppError(ErrorCode.BAD_INPUT, 'withinDays must be 0 or more');
    const histories = await this.history.load(await this.history.agreementIds());
    return expiringAgreements([...histories.values()], withinDays, asOf ?? this.today());
  }

  async successorOf(agreementId: string): Promise<string | null> {
    return (await this.successorsOf([agreementId])).get(agreementId) ?? null;
  }

  /**
   * For each id, its follow-up: the agreement whose latest version names it as predecessor, the same
   * link the follow-up shows as predecessorId. A second one is refused when stored; should older
   * records hold two, the first by id is named.
   */
  async successorsOf(agreementIds: readonly string[]): Promise<Map<string, string>> {
    const followUps = await this.versions.followUpsOf(agreementIds);
    return new Map([...followUps].map(([id, successors]) => [id, successors[0]]));
  }

  /** Status and events from already loaded histories (the request loaders batch the loading). */
  statusOf(history: AgreementHistory, successor: AgreementHistory | null, asOf: IsoDate | null, party: string | null): AgreementStatus {
    return agreementStatus(history, asOf ?? this.today(), { party, successor });
  }

  /** statusByTerms with this service's today: all of the status but the missing facts (see withMissingFacts). */
  statusByTermsOf(history: TermsHistory, successor: TermsHistory | null, asOf: IsoDate | null, party: string | null): StatusByTerms {
    return statusByTerms(history, asOf ?? this.today(), { party, successor });
  }

  eventsOf(history: AgreementHistory, successor: AgreementHistory | null, recordedElsewhere: readonly LifecycleEvent[] = []): LifecycleEvent[] {
    return lifecycleEvents(history, { successor, until: this.today(), recordedElsewhere });
  }

  private async storeAmendment(
    m: EntityManager,
    actor: Actor,
    latest: VersionRow,
    doc: ReturnType<VersionsService['parse']>,
    note: string,
    amendment: { type: AmendmentType; baseVersion: number; source: string; decidedOn: IsoDate; effectiveOn: IsoDate },
  ): Promise<AmendmentRecord> {
    const author = actorLabel(actor);
    const row = await this.versions.append(m, latest.agreementId, latest, doc, author, note);
    return this.history.insertAmendment(m, latest.agreementId, { ...amendment, newVersion: row.number, actor: author });
  }
}

/** The value, or null when the work fails: a decision made ahead is made again, and fails then, once confirmed. */
function attempt<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}

/** The version whose missing facts are still to be found, if the reported one's are. */
function unreadDocument(inputs: StatusInputs, version: number | null): number | null {
  const reported = inputs.history.versions.find((v) => v.number === version);
  return reported !== undefined && !inputs.missingFacts.has(reported.contentHash) ? reported.number : null;
}

function rememberFacts(inputs: StatusInputs, version: number, document: unknown): readonly MissingFact[] {
  const reported = inputs.history.versions.find((v) => v.number === version)!;
  const facts = missingFacts(document);
  inputs.missingFacts.set(reported.contentHash, facts);
  return facts;
}

/** Judged by the party's kind in the signed version; a party the version lacks is left to the rules, which name it. */
function assertMaySignIn(actor: Actor, history: AgreementHistory, version: number, partyId: string): void {
  const party = history.versions.find((v) => v.number === version)?.content.parties.find((p) => p.id === partyId);
  if (party) assertMaySignForParty(actor, party);
}

const AMENDMENT_NOTE: Record<AmendmentType, string> = {
  validityExtension: 'Verlängerung',
  contentAmendment: 'Änderung',
  correction: 'Berichtigung',
};
