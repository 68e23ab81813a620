import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar.js';
import { ReportFormat } from './models/report-format.enum.js';
import { ReportsService } from './reports.service.js';

@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => String, {
    description:
      'The agreement as it stood on asOf (today if not given), in German: state, version in force with its hash, validity and extensions, ' +
      'signatures by party and role, steering fields, standards and indicators, council papers, follow-up. Unknown values are shown as unknown.',
  })
  agreementReport(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
    @Args('format', { type: () => ReportFormat, defaultValue: ReportFormat.MARKDOWN }) format: ReportFormat,
  ): Promise<string> {
    return this.reports.agreementReport(id, asOf ?? null, format);
  }

  @Query(() => String, {
    description:
      'Markdown draft of the next "Vorlage zur Kenntnisnahme" (§ 15 BezVG) to a district council (body: bvv-<district>), from the recorded facts ' +
      'on asOf only, for the district office to edit.',
  })
  draftCouncilPaper(
    @Args('agreementId', { type: () => ID }) agreementId: string,
    @Args('body', { type: () => ID }) body: string,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ): Promise<string> {
    return this.reports.draftCouncilPaper(agreementId, body, asOf ?? null);
  }
}
