import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode, notFound } from '../common/app-error.js';
import type { IsoDate } from '../common/dates.js';
import { LifecycleRepository } from '../lifecycle/lifecycle.repository.js';
import { LifecycleService } from '../lifecycle/lifecycle.service.js';
import { knownSince } from '../lifecycle/rules/index.js';
import { PapersService } from '../papers/papers.service.js';
import { factValue } from '../documents/facts.js';
import {
  ReportInputError,
  agreementReport,
  draftCouncilPaper,
  toHtml,
  toMarkdown,
  type FollowUpFacts,
  type ReportDocument,
  type ReportInput,
} from './rules/index.js';
import { ReportFormat } from './models/report-format.enum.js';

/** Reads an agreement's recorded facts as they stood on a date and hands them to the pure renderers (./rules). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly lifecycle: LifecycleService,
    private readonly histories: LifecycleRepository,
    private readonly papers: PapersService,
  ) {}

  /** The agreement's state on asOf (today when null), in German, as Markdown or HTML. */
  async agreementReport(agreementId: string, asOf: IsoDate | null, format: ReportFormat = ReportFormat.MARKDOWN): Promise<string> {
    return render(agreementReport(await this.input(agreementId, asOf)), format);
  }

  /** The draft of the next "Vorlage zur Kenntnisnahme" to the council `body` (bvv-<district>), as Markdown. */
  async draftCouncilPaper(agreementId: string, body: string, asOf: IsoDate | null): Promise<string> {
    const input = await this.input(agreementId, asOf);
    try {
      return toMarkdown(draftCouncilPaper(input, body));
    } catch (error) {
      if (error instanceof ReportInputError) throw new AppError(ErrorCode.BAD_INPUT, error.message);
      throw error;
    }
  }

  private async input(agreementId: string, asOf: IsoDate | null): Promise<ReportInput> {
    const date = asOf ?? this.lifecycle.today();
    const successorId = await this.lifecycle.successorOf(agreementId);
    const loaded = await this.histories.load(successorId ? [agreementId, successorId] : [agreementId]);
    const history = loaded.get(agreementId)!;
    if (history.versions.length === 0) throw notFound(`agreement '${agreementId}'`);
    const successor = successorId ? (loaded.get(successorId) ?? null) : null;
    const status = this.lifecycle.statusOf(history, successor, date, null);
    const papers = await this.papers.papersOf(agreementId, date);
    let followUp: FollowUpFacts | null = null;
    if (successor !== null && status.successorId !== null) {
      const known = successor.versions.filter((v) => knownSince(successor, v) <= date).sort((a, b) => b.number - a.number);
      const origin = successor.followUpOf !== null && successor.followUpOf.createdOn <= date ? successor.followUpOf : null;
      followUp = {
        agreementId: successor.agreementId,
        title: known.length === 0 ? null : factValue(known[0].document.title),
        state: status.successorState,
        createdOn: origin?.createdOn ?? null,
        source: origin?.source ?? null,
      };
    }
    return { history, status, papers, followUp };
  }
}

function render(doc: ReportDocument, format: ReportFormat): string {
  return format === ReportFormat.HTML ? toHtml(doc) : toMarkdown(doc);
}
