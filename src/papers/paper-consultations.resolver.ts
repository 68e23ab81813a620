import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs, pageOf } from '../graphql/pagination.js';
import { ConsultationPage } from './models/consultation-page.model.js';
import { ConsultationModel } from './models/consultation.model.js';
import { PaperModel } from './models/paper.model.js';

/** A paper's steps, loaded with it. */
@Resolver(() => PaperModel)
export class PaperConsultationsResolver {
  @ResolveField(() => ConsultationPage, { description: "Its steps (Beratungsfolge, the district office's decision among them), by date." })
  consultations(@Parent() paper: PaperModel, @Args() page: PageArgs): ConsultationPage {
    const steps = pageOf(paper.steps, page);
    return { ...steps, items: steps.items.map((c) => ConsultationModel.from(c)) };
  }
}
