import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertMayRecordPapersOf } from '../auth/policy.js';
import { actorLabel, type Actor } from '../common/actor.js';
import { notFound } from '../common/app-error.js';
import { berlinToday } from '../common/berlin-date.js';
import type { IsoDate } from '../common/dates.js';
import { inTransaction } from '../database/transaction.js';
import { LifecycleRepository } from '../lifecycle/lifecycle.repository.js';
import { AmendmentType, assertNoViolations } from '../lifecycle/rules/index.js';
import { VersionsService } from '../versions/versions.service.js';
import { consultationExists, paperExists, paperNotFound } from './papers.errors.js';
import { PapersRepository } from './papers.repository.js';
import {
  checkConsultation,
  checkPaper,
  papersKnownBy,
  sameConsultation,
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
