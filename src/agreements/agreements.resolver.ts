import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import type { VersionLoaders } from '../versions/version.loaders.js';
import { AgreementVersion } from '../versions/models/agreement-version.model.js';
import { VersionsService } from '../versions/versions.service.js';
import { Agreement } from './models/agreement.model.js';

@Resolver(() => Agreement)
export class AgreementsResolver {
  constructor(private readonly store: VersionsService) {}

  @Query(() => [Agreement], { description: 'Every agreement, by id.' })
  async agreements(): Promise<Agreement[]> {
    const latest = await this.store.latestVersions();
    return latest.map((row) => Agreement.from(row));
  }

  @Query(() => Agreement, { nullable: true })
  async agreement(@Args('id', { type: () => ID }) id: string, @Context() ctx: GraphQLContext<VersionLoaders>): Promise<Agreement | null> {
    const latest = await ctx.loaders.latest.load(id);
    return latest ? Agreement.from(latest) : null;
  }

  @ResolveField(() => AgreementVersion)
  latestVersion(@Parent() agreement: Agreement): AgreementVersion {
    return AgreementVersion.from(agreement.latest);
  }

  @ResolveField(() => [AgreementVersion], { description: 'Oldest first.' })
  async versions(@Parent() agreement: Agreement, @Context() ctx: GraphQLContext<VersionLoaders>): Promise<AgreementVersion[]> {
    const rows = await ctx.loaders.all.load(agreement.id);
    return rows.map((row) => AgreementVersion.from(row));
  }

  @ResolveField(() => AgreementVersion, { nullable: true })
  async version(
    @Parent() agreement: Agreement,
    @Args('number', { type: () => Int }) number: number,
    @Context() ctx: GraphQLContext<VersionLoaders>,
  ): Promise<AgreementVersion | null> {
    const rows = await ctx.loaders.all.load(agreement.id);
    const row = rows.find((r) => r.number === number);
    return row ? AgreementVersion.from(row) : null;
  }
}
