import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { requireActor, type GraphQLContext } from '../graphql/context.js';
import { PageArgs, pageOf } from '../graphql/pagination.js';
import { RecordConsultationInput } from './dto/record-consultation.input.js';
import { RecordPaperInput } from './dto/record-paper.input.js';
import { PaperConcerns } from './models/enums.js';
import { OParlImportedPaperModel, type OParlImportOutcome } from './models/oparl-import.model.js';
import { PaperPage } from './models/paper-page.model.js';
import { PaperModel } from './models/paper.model.js';
import { PapersService } from './papers.service.js';
import { readOParl } from './rules/index.js';

@Resolver()
export class PapersResolver {
  constructor(private readonly service: PapersService) {}

  @Query(() => PaperPage, { description: 'The council papers reporting on an agreement, by their first dated fact.' })
  async papers(@Args('agreementId', { type: () => ID }) agreementId: string, @Args() page: PageArgs): Promise<PaperPage> {
    const papers = pageOf(await this.service.papersOf(agreementId), page);
    return { ...papers, items: papers.items.map((p) => PaperModel.from(p)) };
  }

  @Query(() => PaperModel, { description: "One council paper by its body and reference, e.g. ('bvv-neukoelln', '1265/XXI')." })
  async paper(@Args('body', { type: () => ID }) body: string, @Args('reference') reference: string): Promise<PaperModel> {
    return PaperModel.from(await this.service.paper(body, reference));
  }

  @Mutation(() => PaperModel, { description: 'Records a council paper; council offices for their own body.' })
  async recordPaper(@Context() ctx: GraphQLContext, @Args('input') input: RecordPaperInput): Promise<PaperModel> {
    const paper = await this.service.recordPaper(requireActor(ctx), {
      body: input.body,
      reference: input.reference,
      type: input.type ?? null,
      subject: input.subject ?? null,
      date: input.date ?? null,
      originator: input.originator ?? null,
      public: input.public ?? null,
      legalGround: input.legalGround ?? null,
      agreementId: input.agreementId ?? null,
      agreementVersion: input.agreementVersion ?? null,
      concerns: input.concerns ?? null,
      oparlId: input.oparlId ?? null,
      note: input.note ?? null,
    });
    return PaperModel.from(paper);
  }

  @Mutation(() => PaperModel, { description: "Records a step of a paper (a consultation, or the district office's decision); returns the paper." })
  async recordConsultation(@Context() ctx: GraphQLContext, @Args('input') input: RecordConsultationInput): Promise<PaperModel> {
    const paper = await this.service.recordConsultation(requireActor(ctx), input.paperBody, input.reference, {
      kind: input.kind,
      body: input.body,
      date: input.date ?? null,
      meeting: input.meeting ?? null,
      meetingNumber: input.meetingNumber ?? null,
      role: input.role ?? null,
      result: input.result ?? null,
      finished: input.finished ?? null,
      oparlId: input.oparlId ?? null,
      note: input.note ?? null,
    });
    return PaperModel.from(paper);
  }

  @Mutation(() => [OParlImportedPaperModel], {
    description:
      "Imports OParl 1.1 objects (a Paper, a list, or a list page with `data`; Consultations, Meetings and AgendaItems beside) as papers of the register's body `body`; council offices for their own body. All or nothing.",
  })
  async importOParl(
    @Context() ctx: GraphQLContext,
    @Args('body', { type: () => ID, description: "The register's council body the papers belong to, e.g. 'bvv-neukoelln'." }) body: string,
    @Args('json', { description: 'The OParl JSON as served.' }) json: string,
  ): Promise<OParlImportedPaperModel[]> {
    const outcomes = await this.service.importOParl(requireActor(ctx), body, readOParl(json, body));
    return outcomes.map((o) => Object.assign(new OParlImportedPaperModel(), { ...o, outcome: o.outcome as OParlImportOutcome }));
  }

  @Mutation(() => PaperModel, {
    description: 'Links a recorded paper (by reference or OParl id) to an agreement; council offices for their own body.',
  })
  async linkPaper(
    @Context() ctx: GraphQLContext,
    @Args('body', { type: () => ID }) body: string,
    @Args('reference', { type: () => String, nullable: true }) reference: string | null | undefined,
    @Args('oparlId', { type: () => String, nullable: true }) oparlId: string | null | undefined,
    @Args('agreementId', { type: () => ID }) agreementId: string,
    @Args('version', { type: () => Int, nullable: true, description: 'The version of the agreement the paper reports on.' })
    version: number | null | undefined,
    @Args('concerns', { type: () => PaperConcerns, nullable: true }) concerns: PaperConcerns | null | undefined,
  ): Promise<PaperModel> {
    const paper = await this.service.linkPaper(
      requireActor(ctx),
      body,
      { reference: reference ?? null, oparlId: oparlId ?? null },
      { agreementId, agreementVersion: version ?? null, concerns: concerns ?? null },
    );
    return PaperModel.from(paper);
  }
}
