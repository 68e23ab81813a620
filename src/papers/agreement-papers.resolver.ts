import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { PageArgs, pageOf } from '../graphql/pagination.js';
import { Agreement } from '../agreements/models/agreement.model.js';
import { PaperPage } from './models/paper-page.model.js';
import { PaperModel } from './models/paper.model.js';
import type { PaperLoaders } from './papers.loaders.js';
import { papersKnownBy } from './rules/index.js';

/** An agreement's papers, all of them or as known on the status date; batched per request. */
@Resolver(() => Agreement)
export class AgreementPapersResolver {
  @ResolveField(() => PaperPage, { description: 'The council papers reporting on it, by their first dated fact.' })
  async papers(@Parent() agreement: Agreement, @Args() page: PageArgs, @Context() ctx: GraphQLContext<PaperLoaders>): Promise<PaperPage> {
    const papers = pageOf(papersKnownBy(await ctx.loaders.papers.load(agreement.id), null), page);
    return { ...papers, items: papers.items.map((p) => PaperModel.from(p)) };
  }
}
