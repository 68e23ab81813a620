import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mayCallMutation } from '../auth/policy.js';
import { berlinToday } from '../common/berlin-date.js';
import { isIsoDate } from '../common/dates.js';
import { callGraphQL } from './graphql-client.js';
import { PagesService } from './pages.service.js';
import { AGREEMENT, COUNCIL_PAPER, DIFF, LIST, REPORT, VERSION } from './queries.js';
import { agreementView } from './views/agreement.view.js';
import { listView } from './views/list.view.js';
import type { AgreementData, FieldChangeData, ListItemData, PartyRef } from './views/page-data.js';
import { diffView, problemView, textDocumentView, versionView, type VersionView } from './views/versions.view.js';

/** Shown once after a form was stored, by the key the form's redirect names. */
const NOTICES: Record<string, string> = {
  signature: 'Die Unterschrift wurde gespeichert.',
  paper: 'Die Drucksache wurde gespeichert.',
  consultation: 'Die Beratung wurde gespeichert.',
  oparl: 'Die OParl-Drucksache wurde übernommen und verknüpft.',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The reading pages: the list, an agreement as of a date, a version's text, a diff, the report and paper draft. */
@Controller()
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query('party') partyParam: unknown): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const today = berlinToday();
    const items: ListItemData[] = [];
    let parties: PartyRef[];
    for (let offset = 0; ; offset += 50) {
      const answer = await callGraphQL<{ agreements: { items: ListItemData[]; hasMore: boolean }; parties: PartyRef[] }>(req, ctx.token, LIST, {
        today,
        offset,
      });
      if (this.pages.refused(req, res, ctx, answer)) return;
      items.push(...answer.data!.agreements.items);
      parties = answer.data!.parties;
      if (!answer.data!.agreements.hasMore) break;
    }
    const party = str(partyParam);
    this.pages.send(res, ctx, 200, listView({ today, items, parties, party: parties.some((p) => p.id === party) ? party : null }));
  }

  @Get('agreements/:id')
  async agreement(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query() q: Record<string, unknown>): Promise<void> {
    const ctx = await this.pages.context(req, res);
    // A date that does not exist is said beside the date field; the status is then shown for today.
    const asOfError = str(q.asOf) !== null && !isIsoDate(q.asOf) ? `Bitte ein Datum wie 2024-06-01 angeben (nicht „${String(q.asOf)}“).` : null;
    const asOf = asOfError === null ? (str(q.asOf) ?? berlinToday()) : berlinToday();
    const party = str(q.party);
    const answer = await callGraphQL<{ agreement: AgreementData | null; parties: PartyRef[] }>(req, ctx.token, AGREEMENT, { id, asOf, party });
    if (this.pages.refused(req, res, ctx, answer)) return;
    if (!answer.data!.agreement) return this.notFound(res, ctx, id);
    const may = {
      sign: ctx.actor !== null && mayCallMutation(ctx.actor, 'recordSignature'),
      recordPapers: ctx.actor !== null && mayCallMutation(ctx.actor, 'recordPaper'),
    };
    const notice = NOTICES[str(q.saved) ?? ''] ?? null;
    this.pages.send(
      res,
      ctx,
      200,
      agreementView({ agreement: answer.data!.agreement, parties: answer.data!.parties, asOf, asOfError, party, may, notice }),
    );
  }

  @Get('agreements/:id/versions/:number')
  async version(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('number') number: string): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const answer = await callGraphQL<{ agreement: { id: string; title: string | null; version: VersionView['version'] | null } | null }>(
      req,
      ctx.token,
      VERSION,
      {
        id,
        number: Number(number),
      },
    );
    if (this.pages.refused(req, res, ctx, answer)) return;
    const a = answer.data!.agreement;
    if (!a) return this.notFound(res, ctx, id);
    if (!a.version)
      return this.pages.send(res, ctx, 404, problemView('Fassung nicht gefunden', `version ${number} of '${id}' not found`, 'NOT_FOUND'));
    this.pages.send(res, ctx, 200, versionView({ agreementId: a.id, title: a.title ?? a.id, version: a.version }));
  }

  @Get('agreements/:id/diff')
  async diff(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query() q: Record<string, unknown>): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const answer = await callGraphQL<{
      agreement: { id: string; title: string | null } | null;
      versionDiff: { from: number; to: number; changes: FieldChangeData[]; note: string | null };
    }>(req, ctx.token, DIFF, { id, from: Number(q.from), to: Number(q.to) });
    if (this.pages.refused(req, res, ctx, answer)) return;
    const { agreement, versionDiff } = answer.data!;
    if (!agreement) return this.notFound(res, ctx, id);
    this.pages.send(res, ctx, 200, diffView({ agreementId: id, title: agreement.title ?? id, ...versionDiff }));
  }

  /** The service's own German HTML report, as the GraphQL query renders it. */
  @Get('agreements/:id/report')
  async report(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('asOf') asOf: unknown): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const answer = await callGraphQL<{ agreementReport: string }>(req, ctx.token, REPORT, { id, asOf: str(asOf) });
    if (this.pages.refused(req, res, ctx, answer)) return;
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      })
      .send(answer.data!.agreementReport);
  }

  @Get('agreements/:id/council-paper')
  async councilPaper(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query() q: Record<string, unknown>): Promise<void> {
    const ctx = await this.pages.context(req, res);
    const answer = await callGraphQL<{ agreement: { id: string; title: string | null } | null; draftCouncilPaper: string }>(
      req,
      ctx.token,
      COUNCIL_PAPER,
      {
        id,
        asOf: str(q.asOf),
        body: str(q.body) ?? '',
      },
    );
    if (this.pages.refused(req, res, ctx, answer)) return;
    const title = answer.data!.agreement?.title ?? id;
    const view = textDocumentView(
      `Entwurf einer Vorlage zur Kenntnisnahme: ${title}`,
      `/agreements/${encodeURIComponent(id)}`,
      `Zurück zu ${title}`,
      answer.data!.draftCouncilPaper,
    );
    this.pages.send(res, ctx, 200, view);
  }

  private notFound(res: Response, ctx: Awaited<ReturnType<PagesService['context']>>, id: string): void {
    this.pages.send(res, ctx, 404, problemView('Zielvereinbarung nicht gefunden', `agreement '${id}' not found`, 'NOT_FOUND'));
  }
}
