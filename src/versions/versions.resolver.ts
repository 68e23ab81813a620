import { DateScalar } from '../graphql/date.scalar.js';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { requireActor, type GraphQLContext } from '../graphql/context.js';
import { AgreementVersion } from './models/agreement-version.model.js';
import { ValidationReportModel } from './models/validation-report.model.js';
import { VersionDiffModel } from './models/version-diff.model.js';
import { VersionsService } from './versions.service.js';

@Resolver(() => AgreementVersion)
export class VersionsResolver {
  constructor(private readonly versions: VersionsService) {}

  @Query(() => VersionDiffModel, { description: 'Field-level and line-level differences between two versions.' })
  async versionDiff(
    @Args('agreementId', { type: () => ID }) agreementId: string,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
    @Args('asOf', {
      type: () => DateScalar,
      nullable: true,
      description: 'Parties are named as on this day; by default the day version `to` was stored.',
    })
    asOf: string | null,
  ): Promise<VersionDiffModel> {
    return this.versions.diff(agreementId, from, to, asOf);
  }

  @Query(() => ValidationReportModel, { description: 'Checks a document without storing anything.' })
  validateAgreement(@Args('yaml') yaml: string): ValidationReportModel {
    const problems = this.versions.validate(yaml);
    return { valid: problems.length === 0, problems };
  }

  @Mutation(() => AgreementVersion, { description: 'Stores version 1 of a new agreement.' })
  async createAgreement(
    @Context() ctx: GraphQLContext,
    @Args('yaml') yaml: string,
    @Args('changeNote', { type: () => String, nullable: true }) changeNote: string | null,
  ): Promise<AgreementVersion> {
    return AgreementVersion.from(await this.versions.createAgreement(yaml, changeNote ?? null, requireActor(ctx)));
  }

  @Mutation(() => AgreementVersion, {
    description: 'Stores a new version on top of baseVersion; fails with VERSION_CONFLICT if that is no longer the latest.',
  })
  async saveDraft(
    @Context() ctx: GraphQLContext,
    @Args('agreementId', { type: () => ID }) agreementId: string,
    @Args('baseVersion', { type: () => Int }) baseVersion: number,
    @Args('yaml') yaml: string,
    @Args('changeNote', { type: () => String, nullable: true }) changeNote: string | null,
  ): Promise<AgreementVersion> {
    const row = await this.versions.saveDraft(agreementId, baseVersion, yaml, changeNote ?? null, requireActor(ctx));
    return AgreementVersion.from(row);
  }
}
