import { Args, Context, ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Agreement } from '../agreements/models/agreement.model.js';
import { DateScalar } from '../graphql/date.scalar.js';
import type { GraphQLContext } from '../graphql/context.js';
import { PageArgs, pageOf } from '../graphql/pagination.js';
import type { EventsRecordedElsewhereLoaders, LifecycleLoaders } from './lifecycle.loaders.js';
import { LifecycleService } from './lifecycle.service.js';
import { notFound } from '../common/app-error.js';
import type { VersionLoaders } from '../versions/version.loaders.js';
import { AgreementStatusModel } from './models/agreement-status.model.js';
import { AmendmentPage } from './models/amendment-page.model.js';
import { AmendmentModel } from './models/amendment.model.js';
import { LifecycleEventPage } from './models/lifecycle-event-page.model.js';
import { LifecycleEventModel } from './models/lifecycle-event.model.js';
import { SignaturePage } from './models/signature-page.model.js';
import { SignatureModel } from './models/signature.model.js';

/** The lifecycle seen from an agreement: its status, events and links, batched per request. */
@Resolver(() => Agreement)
export class AgreementLifecycleResolver {
  constructor(private readonly lifecycle: LifecycleService) {}

  @ResolveField(() => AgreementStatusModel, { description: 'As agreementStatus(id, asOf, party).' })
  async status(
    @Parent() agreement: Agreement,
    @Context() ctx: GraphQLContext<LifecycleLoaders & VersionLoaders>,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
    @Args('party', { type: () => ID, nullable: true }) party: string | null,
  ): Promise<AgreementStatusModel> {
    // By the inputs kept or read for the whole page at once, and the document of a version reported on the first time.
    const inputs = await ctx.loaders.statusInputs.load(agreement.id);
    if (inputs === null) throw notFound(`agreement '${agreement.id}'`);
    const { status, reportedVersion } = this.lifecycle.statusByTermsOf(inputs.history, inputs.successor, asOf ?? null, party ?? null);
    const facts = await this.lifecycle.missingFactsOf(inputs, reportedVersion, (agreementId, number) =>
      ctx.loaders.document.load({ agreementId, number }),
    );
    return AgreementStatusModel.from({ ...status, missingFacts: [...facts] });
  }

  @ResolveField(() => LifecycleEventPage, {
    description: 'Freezes, signatures, withdrawals, amendments, follow-up, entry into force, council papers and their steps, by date.',
  })
  async events(
    @Parent() agreement: Agreement,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLContext<LifecycleLoaders & EventsRecordedElsewhereLoaders>,
  ): Promise<LifecycleEventPage> {
    const [history, successor] = await this.histories(agreement.id, ctx);
    const elsewhere = await ctx.loaders.eventsRecordedElsewhere.load(agreement.id);
    const events = pageOf(this.lifecycle.eventsOf(history, successor, elsewhere), page);
    return { ...events, items: events.items.map((e) => LifecycleEventModel.from(e)) };
  }

  @ResolveField(() => SignaturePage, { description: 'Every signature recorded, withdrawn ones included.' })
  async signatures(@Parent() agreement: Agreement, @Args() page: PageArgs, @Context() ctx: GraphQLContext<LifecycleLoaders>): Promise<SignaturePage> {
    const signatures = pageOf((await ctx.loaders.history.load(agreement.id)).signatures, page);
    return { ...signatures, items: signatures.items.map((s) => SignatureModel.from(s, agreement.id)) };
  }

  @ResolveField(() => AmendmentPage)
  async amendments(@Parent() agreement: Agreement, @Args() page: PageArgs, @Context() ctx: GraphQLContext<LifecycleLoaders>): Promise<AmendmentPage> {
    const amendments = pageOf((await ctx.loaders.history.load(agreement.id)).amendments, page);
    return { ...amendments, items: amendments.items.map((a) => AmendmentModel.from(a, agreement.id)) };
  }

  @ResolveField(() => ID, { nullable: true, description: 'The agreement this one follows up (named in its document).' })
  predecessorId(@Parent() agreement: Agreement): string | null {
    return agreement.latest.content.predecessor;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The follow-up agreement naming this one as predecessor.' })
  successorId(@Parent() agreement: Agreement, @Context() ctx: GraphQLContext<LifecycleLoaders>): Promise<string | null> {
    return ctx.loaders.successor.load(agreement.id);
  }

  private async histories(id: string, ctx: GraphQLContext<LifecycleLoaders>) {
    const successorId = await ctx.loaders.successor.load(id);
    return Promise.all([ctx.loaders.history.load(id), successorId ? ctx.loaders.history.load(successorId) : null]);
  }
}
