import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { LifecycleLoaders } from './lifecycle.loaders.js';
import { AgreementVersion } from '../versions/models/agreement-version.model.js';
import { AmendmentModel } from './models/amendment.model.js';
import { SignatureModel } from './models/signature.model.js';
import { signaturesOfVersion } from './rules/index.js';

@Resolver(() => AgreementVersion)
export class VersionLifecycleResolver {
  @ResolveField(() => DateScalar, { nullable: true, description: 'When this version was frozen for signature; null for a draft.' })
  async frozenOn(@Parent() version: AgreementVersion, @Context() ctx: GraphQLContext<LifecycleLoaders>): Promise<string | null> {
    const history = await ctx.loaders.history.load(version.agreementId);
    const freeze = history.freezes.find((f) => f.version === version.number);
    // Versions made by an extension or content amendment count as frozen from the decision.
    const amendment = history.amendments.find((a) => a.newVersion === version.number && a.type !== 'correction');
    return freeze?.frozenOn ?? amendment?.decidedOn ?? null;
  }

  @ResolveField(() => [SignatureModel], {
    description:
      'Signatures this version carries, withdrawn ones included: its own, and those a validity extension carried over (marked with carriedOverFrom).',
  })
  async signatures(@Parent() version: AgreementVersion, @Context() ctx: GraphQLContext<LifecycleLoaders>): Promise<SignatureModel[]> {
    const history = await ctx.loaders.history.load(version.agreementId);
    return signaturesOfVersion(history, version.number).map((s) => SignatureModel.from(s, version.agreementId));
  }

  @ResolveField(() => AmendmentModel, { nullable: true, description: 'The amendment that produced this version, if any.' })
  async amendment(@Parent() version: AgreementVersion, @Context() ctx: GraphQLContext<LifecycleLoaders>): Promise<AmendmentModel | null> {
    const history = await ctx.loaders.history.load(version.agreementId);
    const a = history.amendments.find((x) => x.newVersion === version.number);
    return a ? AmendmentModel.from(a, version.agreementId) : null;
  }
}
