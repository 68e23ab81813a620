import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { PageArgs, pageOf } from '../graphql/pagination.js';
import { AgreementStatusModel } from '../lifecycle/models/agreement-status.model.js';
import { PaperPage } from './models/paper-page.model.js';
import { PaperModel } from './models/paper.model.js';
import type { PaperLoaders } from './papers.loaders.js';
import { papersKnownBy } from './rules/index.js';

/** The papers an agreement's status knows of: those with a dated fact on or before its date. */
@Resolver(() => AgreementStatusModel)
export class StatusPapersResolver {
  @ResolveField(() => PaperPage, { description: 'The council papers reporting on the agreement known by the status date, by date.' })
  async papers(@Parent() status: AgreementStatusModel, @Args() page: PageArgs, @Context() ctx: GraphQLContext<PaperLoaders>): Promise<PaperPage> {
    const papers = pageOf(papersKnownBy(await ctx.loaders.papers.load(status.agreementId), status.asOf), page);
    return { ...papers, items: papers.items.map((p) => PaperModel.from(p)) };
  }
}
