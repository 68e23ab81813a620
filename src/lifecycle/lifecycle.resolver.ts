import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar.js';
import { requireActor, type GraphQLContext } from '../graphql/context.js';
import { PageArgs, pageOf } from '../graphql/pagination.js';
import { AgreementVersion } from '../versions/models/agreement-version.model.js';
import { AmendAgreementInput } from './dto/amend-agreement.input.js';
import { CreateFollowUpDraftInput } from './dto/create-follow-up-draft.input.js';
import { ExtendValidityInput } from './dto/extend-validity.input.js';
import { RecordSignatureInput } from './dto/record-signature.input.js';
import { WithdrawSignatureInput } from './dto/withdraw-signature.input.js';
import { LifecycleService } from './lifecycle.service.js';
import { AgreementStatusPage } from './models/agreement-status-page.model.js';
import { AgreementStatusModel } from './models/agreement-status.model.js';
import { AmendmentModel } from './models/amendment.model.js';
import { SignatureModel } from './models/signature.model.js';

@Resolver()
export class LifecycleResolver {
  constructor(private readonly lifecycle: LifecycleService) {}

  @Query(() => AgreementStatusModel, {
    description: 'What was in force on a date (default today), signed by whom, valid until when; with party, for that party.',
  })
  async agreementStatus(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
    @Args('party', { type: () => ID, nullable: true }) party: string | null,
  ): Promise<AgreementStatusModel> {
    return AgreementStatusModel.from(await this.lifecycle.status(id, asOf ?? null, party ?? null));
  }

  @Query(() => AgreementStatusPage, { description: 'Agreements in force whose validity ends within the given days, for reminders.' })
  async expiringAgreements(
    @Args('withinDays', { type: () => Int }) withinDays: number,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
    @Args() page: PageArgs,
  ): Promise<AgreementStatusPage> {
    const expiring = pageOf(await this.lifecycle.expiring(withinDays, asOf ?? null), page);
    return { ...expiring, items: expiring.items.map((s) => AgreementStatusModel.from(s)) };
  }

  @Mutation(() => AgreementVersion, { description: 'Freezes a draft for signature; later edits make new drafts.' })
  async freezeVersion(
    @Context() ctx: GraphQLContext,
    @Args('agreementId', { type: () => ID }) agreementId: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('frozenOn', { type: () => DateScalar, nullable: true, description: 'Default today.' }) frozenOn: string | null,
  ): Promise<AgreementVersion> {
    return AgreementVersion.from(await this.lifecycle.freeze(requireActor(ctx), agreementId, version, frozenOn ?? null));
  }

  @Mutation(() => SignatureModel)
  async recordSignature(@Context() ctx: GraphQLContext, @Args('input') input: RecordSignatureInput): Promise<SignatureModel> {
    const { agreementId, ...rest } = input;
    const record = await this.lifecycle.recordSignature(requireActor(ctx), agreementId, {
      ...rest,
      office: rest.office ?? null,
      level: rest.level,
      evidence: rest.evidence ? { fileName: rest.evidence.fileName, sha256: rest.evidence.sha256 } : null,
    });
    return SignatureModel.from(record, agreementId);
  }

  @Mutation(() => SignatureModel, { description: 'A wrongly recorded signature is withdrawn with a reason; it stays in the history.' })
  async withdrawSignature(@Context() ctx: GraphQLContext, @Args('input') input: WithdrawSignatureInput): Promise<SignatureModel> {
    const record = await this.lifecycle.withdrawSignature(requireActor(ctx), { ...input });
    return SignatureModel.from(record, record.agreementId);
  }

  @Mutation(() => AmendmentModel, { description: 'A new version in which only the end of validity changes; signatures carry over.' })
  async extendValidity(@Context() ctx: GraphQLContext, @Args('input') input: ExtendValidityInput): Promise<AmendmentModel> {
    const record = await this.lifecycle.extendValidity(requireActor(ctx), { ...input });
    return AmendmentModel.from(record, record.agreementId);
  }

  @Mutation(() => AmendmentModel, { description: 'A typed amendment producing a new version linked to the one it amends.' })
  async amendAgreement(@Context() ctx: GraphQLContext, @Args('input') input: AmendAgreementInput): Promise<AmendmentModel> {
    const record = await this.lifecycle.amend(requireActor(ctx), { ...input, type: input.type });
    return AmendmentModel.from(record, record.agreementId);
  }

  @Mutation(() => AgreementVersion, { description: 'Version 1 of a follow-up agreement, carried over from its predecessor.' })
  async createFollowUpDraft(@Context() ctx: GraphQLContext, @Args('input') input: CreateFollowUpDraftInput): Promise<AgreementVersion> {
    return AgreementVersion.from(await this.lifecycle.createFollowUp(requireActor(ctx), { ...input }));
  }
}
