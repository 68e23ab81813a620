import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { assertMayReadAudit } from '../auth/policy.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { GraphQLContext } from '../graphql/context.js';
import { VersionsService } from '../versions/versions.service.js';
import { AuditService } from './audit.service.js';
import { AuditEntry } from './models/audit-entry.model.js';

const MAX_LIMIT = 1000;

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly versions: VersionsService,
  ) {}

  @Query(() => [AuditEntry], { description: 'Newest first. Admins see all; editors the agreements their department leads.' })
  async auditLog(
    @Context() ctx: GraphQLContext,
    @Args('agreementId', { type: () => ID, nullable: true }) agreementId: string | null,
    @Args('since', { type: () => GraphQLISODateTime, nullable: true }) since: Date | null,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 100 }) limit: number,
  ): Promise<AuditEntry[]> {
    if (!ctx.actor) throw new AppError(ErrorCode.UNAUTHENTICATED, 'the audit log needs a token');
    if (limit < 1 || limit > MAX_LIMIT) throw new AppError(ErrorCode.BAD_INPUT, `limit must be from 1 to ${MAX_LIMIT}`);
    const latest = agreementId ? await this.versions.findLatest(agreementId) : null;
    assertMayReadAudit(ctx.actor, latest?.content.leadDepartment ?? null);
    const rows = await this.audit.list({ agreementId, since, limit });
    return rows.map((row) => AuditEntry.from(row));
  }
}
