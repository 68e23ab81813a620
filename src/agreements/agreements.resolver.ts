import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import type { VersionLoaders } from '../versions/version.loaders.js';
import { checkPage, PageArgs, pageFrom, pageOf } from '../graphql/pagination.js';
import { AgreementVersionPage } from '../versions/models/agreement-version-page.model.js';
import { AgreementVersion } from '../versions/models/agreement-version.model.js';
import { VersionsService } from '../versions/versions.service.js';
import { AgreementPage } from './models/agreement-page.model.js';
import { Agreement } from './models/agreement.model.js';

@Resolver(() => Agreement)
export class AgreementsResolver {
  constructor(private readonly store: VersionsService) {}

  @Query(() => AgreementPage, { description: 'Every agreement, by id.' })
  async agreements(@Args() page: PageArgs): Promise<AgreementPage> {
    const { rows, total } = await this.store.latestVersionsPage(checkPage(page));
    return pageFrom(rows.map((row) => Agreement.from(row)), total, page);
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

  @ResolveField(() => AgreementVersionPage, { description: 'Oldest first.' })
  async versions(
    @Parent() agreement: Agreement,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLContext<VersionLoaders>,
  ): Promise<AgreementVersionPage> {
    const versions = pageOf(await ctx.loaders.all.load(agreement.id), page);
    return { ...versions, items: versions.items.map((row) => AgreementVersion.from(row)) };
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
