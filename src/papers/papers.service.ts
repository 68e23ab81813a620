import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertMayRecordPapersOf } from '../auth/policy.js';
import { actorLabel, type Actor } from '../common/actor.js';
import { AppError, ErrorCode, notFound } from '../common/app-error.js';
import { berlinToday } from '../common/berlin-date.js';
import type { IsoDate } from '../common/dates.js';
import { inTransaction } from '../database/transaction.js';
import { LifecycleRepository } from '../lifecycle/lifecycle.repository.js';
import { AmendmentType, assertNoViolations, type LifecycleViolation } from '../lifecycle/rules/index.js';
import { VersionsService } from '../versions/versions.service.js';
import { consultationExists, oparlIdOfOtherBody, paperExists, paperNotFound } from './papers.errors.js';
import { PapersRepository } from './papers.repository.js';
import {
  agreementIdsNamed,
  checkConsultation,
  checkPaper,
  OPARL_PAPER_FIELDS,
  oparlDecision,
  oparlFingerprint,
  type OParlPaper,
  type OParlReading,
  type OParlStep,
  papersKnownBy,
  sameConsultation,
  stepFingerprint,
  type ConsultationFacts,
  type LinkedVersion,
  type Paper,
  type PaperFacts,
} from './rules/index.js';

/**
 * Wires the paper rules (src/papers/rules, pure) to storage. A council office records the papers of its own body
 * only, checked before anything is looked up; the writers of one paper queue on its key.
 */
@Injectable()
export class PapersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: VersionsService,
    private readonly lifecycle: LifecycleRepository,
    private readonly papers: PapersRepository,
  ) {}

  /** Overridable clock, so "today" is one value per operation. */
  today: () => IsoDate = berlinToday;

  recordPaper(actor: Actor, facts: PaperFacts, tx?: EntityManager): Promise<Paper> {
    assertMayRecordPapersOf(actor, facts.body);
    const today = this.today();
    assertNoViolations(checkPaper(facts, today));
    return inTransaction(this.dataSource, tx, async (m) => {
      const linked = await this.linkedVersion(m, facts);
      assertNoViolations(checkPaper(facts, today, linked));
      await this.papers.lockKey(m, facts.body, facts.reference);
      if (await this.papers.findByKey(facts.body, facts.reference, m)) throw paperExists(facts.body, facts.reference);
      await this.papers.insertPaper(m, { ...facts, recordedBy: actorLabel(actor) });
      return (await this.papers.findByKey(facts.body, facts.reference, m))!;
    });
  }

  recordConsultation(actor: Actor, body: string, reference: string, facts: ConsultationFacts, tx?: EntityManager): Promise<Paper> {
    assertMayRecordPapersOf(actor, body);
    const today = this.today();
    return inTransaction(this.dataSource, tx, async (m) => {
      await this.papers.lockKey(m, body, reference);
      const paper = await this.papers.findByKey(body, reference, m);
      if (!paper) throw paperNotFound(body, reference);
      assertNoViolations(checkConsultation(paper, facts, today));
      if (paper.consultations.some((c) => sameConsultation(c, facts))) throw consultationExists(reference, facts.date);
      await this.papers.insertConsultation(m, paper.id, { ...facts, recordedBy: actorLabel(actor) });
      return (await this.papers.findByKey(body, reference, m))!;
    });
  }

  /**
   * Imports OParl papers (read by readOParl / mapOParlSources) for one council body, all or nothing. A paper is found by
   * its OParl id; a new one is recorded with a first revision holding OParl's `modified` and the mapped content, a
   * known one is revised only when its content changed and its `modified` is later; consultations not yet stored are
   * added. A paper whose name names exactly one agreement id is linked to that agreement.
   */
  importOParl(actor: Actor, body: string, reading: OParlReading, tx?: EntityManager): Promise<OParlImportOutcome[]> {
    assertMayRecordPapersOf(actor, body);
    if (!reading.ok) assertNoViolations(reading.problems);
    const papers = reading.ok ? reading.papers : [];
    const today = this.today();
    assertNoViolations(papers.flatMap((p) => checkPaper(p.facts, today).map((v) => located(v, p))));
    return inTransaction(this.dataSource, tx, async (m) => {
      const agreementIds = await this.papers.agreementIds(m);
      const outcomes: OParlImportOutcome[] = [];
      for (const p of papers) outcomes.push(await this.importOne(m, actor, p, agreementIds));
      return outcomes;
    });
  }

  private async importOne(m: EntityManager, actor: Actor, p: OParlPaper, agreementIds: readonly string[]): Promise<OParlImportOutcome> {
    const { body, reference } = p.facts;
    await this.papers.lockKey(m, 'oparl', p.oparlId);
    await this.papers.lockKey(m, body, reference);
    const recordedBy = actorLabel(actor);
    const fingerprint = oparlFingerprint(p);
    const stored = await this.papers.findByOparlId(p.oparlId, m);
    let paper: Paper;
    let revised = false;
    if (stored === null) {
      if (await this.papers.findByKey(body, reference, m)) throw paperExists(body, reference);
      const named = agreementIdsNamed(p.facts.subject, agreementIds);
      const link = named.length === 1 ? named[0] : null;
      await this.papers.insertPaper(m, { ...p.facts, agreementId: link, recordedBy });
      paper = (await this.papers.findByKey(body, reference, m))!;
      await this.papers.insertRevision(m, paper.id, { ...revisionOf(p, paper), fingerprint, recordedBy });
    } else {
      if (stored.body !== body) throw oparlIdOfOtherBody(p.oparlId, stored.body, body);
      paper = stored;
      if (oparlDecision({ modified: stored.oparlModified, fingerprint: stored.fingerprint }, { modified: p.modified, fingerprint }) === 'revise') {
        // The reference may change (the id is the key), but never to one another paper of the body has.
        const holder = reference === stored.reference ? null : await this.papers.findByKey(body, reference, m);
        if (holder !== null) throw paperExists(body, reference);
        await this.papers.insertRevision(m, paper.id, { ...revisionOf(p, stored), fingerprint, recordedBy });
        revised = true;
      }
    }
    const stepsChanged = await this.importSteps(m, paper.id, p.consultations, recordedBy);
    const outcome = stored === null ? 'new' : revised || stepsChanged ? 'revised' : 'unchanged';
    return { oparlId: p.oparlId, body, reference: stored === null || revised ? reference : stored.reference, outcome };
  }

  /**
   * Stores the consultations of an imported paper, each decided on its own like the paper: a new one is added with a
   * first revision holding what OParl says of it, a known one revised when its content changed and its objects are not
   * older than those it was last imported from. True when anything was stored.
   */
  private async importSteps(m: EntityManager, paperId: string, steps: readonly OParlStep[], recordedBy: string): Promise<boolean> {
    const stored = await this.papers.consultationsByOparlId(
      m,
      steps.map((c) => c.oparlId),
    );
    let changed = false;
    for (const c of steps) {
      const known = stored.get(c.oparlId) ?? null;
      const fingerprint = stepFingerprint(c);
      const incoming = { modified: c.modified, fingerprint };
      const decision = oparlDecision(known && { modified: known.oparlModified, fingerprint: known.fingerprint }, incoming);
      if (decision === 'unchanged') continue;
      const id = known?.id ?? (await this.papers.insertConsultation(m, paperId, { ...c, recordedBy }));
      await this.papers.insertConsultationRevision(m, id, { ...c, oparlModified: c.modified, fingerprint, recordedBy });
      changed = true;
    }
    return changed;
  }

  /**
   * Links a paper (by reference or OParl id) to an agreement, its version and the step it concerns, as a new revision of
   * the paper; the link's rules are recordPaper's.
   */
  linkPaper(
    actor: Actor,
    body: string,
    key: { reference: string | null; oparlId: string | null },
    link: PaperLink,
    tx?: EntityManager,
  ): Promise<Paper> {
    assertMayRecordPapersOf(actor, body);
    if ((key.reference === null) === (key.oparlId === null)) {
      throw new AppError(ErrorCode.BAD_INPUT, 'name the paper by its reference or by its OParl id, one of them');
    }
    return inTransaction(this.dataSource, tx, async (m) => {
      const found =
        key.oparlId !== null ? await this.papers.findByOparlId(key.oparlId, m) : await this.papers.findByKey(body, key.reference ?? '', m);
      if (!found || found.body !== body) throw paperNotFound(body, key.reference ?? key.oparlId ?? '');
      await this.papers.lockKey(m, body, found.reference);
      const paper = (await this.papers.findByKey(body, found.reference, m))!;
      const facts: PaperFacts = { ...paper, ...link };
      const linked = await this.linkedVersion(m, facts);
      assertNoViolations(checkPaper(facts, this.today(), linked));
      await this.papers.insertRevision(m, paper.id, {
        reference: paper.reference,
        type: paper.type,
        subject: paper.subject,
        date: paper.date,
        ...link,
        oparlModified: paper.oparlModified,
        deleted: paper.deleted,
        fingerprint: paper.fingerprint,
        recordedBy: actorLabel(actor),
      });
      return (await this.papers.findByKey(body, paper.reference, m))!;
    });
  }

  async paper(body: string, reference: string): Promise<Paper> {
    const paper = await this.papers.findByKey(body, reference);
    if (!paper) throw paperNotFound(body, reference);
    return paper;
  }

  /** An agreement's papers known by a date (all without one), in the order of their first dated fact. */
  async papersOf(agreementId: string, asOf: IsoDate | null = null): Promise<Paper[]> {
    if (!(await this.versions.findLatest(agreementId))) throw notFound(`agreement '${agreementId}'`);
    return papersKnownBy((await this.papers.papersOf([agreementId])).get(agreementId)!, asOf);
  }

  /** NOT_FOUND for an agreement or version that is not stored; what the rules need to judge the link. */
  private async linkedVersion(m: EntityManager, facts: PaperFacts): Promise<LinkedVersion | null> {
    if (facts.agreementId === null) return null;
    if (facts.agreementVersion === null) {
      if (!(await this.versions.findLatest(facts.agreementId, m))) throw notFound(`agreement '${facts.agreementId}'`);
      return null;
    }
    const version = await this.versions.findVersion(facts.agreementId, facts.agreementVersion, m);
    if (!version) throw notFound(`version ${facts.agreementVersion} of agreement '${facts.agreementId}'`);
    const history = await this.lifecycle.loadOne(facts.agreementId, m);
    const madeByExtension = history.amendments.some((a) => a.newVersion === facts.agreementVersion && a.type === AmendmentType.VALIDITY_EXTENSION);
    return { number: facts.agreementVersion, madeByExtension };
  }
}

export interface OParlImportOutcome {
  oparlId: string;
  body: string;
  reference: string;
  outcome: 'new' | 'revised' | 'unchanged';
}

export interface PaperLink {
  agreementId: string;
  agreementVersion: number | null;
  concerns: PaperFacts['concerns'];
}

/** A revision from an import keeps the paper's link to an agreement. */
function revisionOf(p: OParlPaper, current: Paper) {
  return {
    reference: p.facts.reference,
    type: p.facts.type,
    subject: p.facts.subject,
    date: p.facts.date,
    agreementId: current.agreementId,
    agreementVersion: current.agreementVersion,
    concerns: current.concerns,
    oparlModified: p.modified,
    deleted: p.deleted,
  };
}

/** A rule's problem with a paper field, placed at the OParl field it came from. */
function located(v: LifecycleViolation, p: OParlPaper): LifecycleViolation {
  const field = v.field === undefined ? undefined : OPARL_PAPER_FIELDS[v.field];
  const path = field === undefined ? p.path : `${p.path}/${field}`;
  return { ...v, path, message: `${path || '/'}: ${v.message}` };
}
