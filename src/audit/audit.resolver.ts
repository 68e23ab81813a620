import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { DateTimeScalar } from '../graphql/date-time.scalar.js';
import { assertMayReadAudit } from '../auth/policy.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { GraphQLContext } from '../graphql/context.js';
import { checkPage, PageArgs, pageFrom } from '../graphql/pagination.js';
import { VersionsService } from '../versions/versions.service.js';
import { AuditService } from './audit.service.js';
import { AuditEntryPage } from './models/audit-entry-page.model.js';
import { AuditEntry } from './models/audit-entry.model.js';
import { termsOf } from '../documents/agreement-terms.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly versions: VersionsService,
  ) {}

  @Query(() => AuditEntryPage, { description: 'Newest first. Admins see all; editors the agreements their department leads.' })
  async auditLog(
    @Context() ctx: GraphQLContext,
    @Args('agreementId', { type: () => ID, nullable: true }) agreementId: string | null,
    @Args('since', { type: () => DateTimeScalar, nullable: true }) since: Date | null,
    @Args() page: PageArgs,
  ): Promise<AuditEntryPage> {
    if (!ctx.actor) throw new AppError(ErrorCode.UNAUTHENTICATED, 'the audit log needs a token');
    checkPage(page);
    const latest = agreementId ? await this.versions.findLatest(agreementId) : null;
    assertMayReadAudit(ctx.actor, latest ? termsOf(latest.content).leadDepartment : null);
    const { rows, total } = await this.audit.page({ agreementId, since, ...page });
    return pageFrom(
      rows.map((row) => AuditEntry.from(row)),
      total,
      page,
    );
  }
}
