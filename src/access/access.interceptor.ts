import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { defer, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { Logger } from '../common/logger.js';
import { assertWellFormedArguments, isWellFormedText } from '../common/text-input.js';
import { APP_CONFIG, APP_LOGGER } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { inUnitOfWork } from '../database/unit-of-work.js';
import type { GraphQLContext } from '../graphql/context.js';
import { mayCallMutation } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';

/**
 * The one gate every root query and mutation passes: authentication, well-formed text in every
 * argument, the role rule of each mutation (src/auth/policy.ts), and the audit trail of every
 * mutation attempt by a known actor, written in the mutation's own transaction.
 */
@Injectable()
export class AccessInterceptor implements NestInterceptor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const ctx = gql.getContext<GraphQLContext>();
    const kind = info.parentType.name;
    if (kind !== 'Query' && kind !== 'Mutation') return next.handle();

    if (ctx.authFailure === 'keys-unavailable') {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'token keys are unavailable; try again later');
    }
    if (ctx.authFailure) throw new AppError(ErrorCode.UNAUTHENTICATED, 'the token was not accepted');
    const args = gql.getArgs<Record<string, unknown>>();
    if (kind === 'Query') {
      if (!ctx.actor && !this.config.allowAnonymousRead) throw new AppError(ErrorCode.UNAUTHENTICATED, 'a token is required');
      assertWellFormedArguments(args);
      return next.handle();
    }
    const actor = ctx.actor;
    if (!actor) throw new AppError(ErrorCode.UNAUTHENTICATED, 'a token is required');
    return defer(() => this.mutate({ actor, operation: info.fieldName, args }, next));
  }

  /**
   * The mutation and its audit entry are one unit of work: if the entry cannot be written, the
   * mutation fails and nothing is stored. A refused or failed attempt is audited after the rollback.
   */
  private async mutate(attempt: Attempt, next: CallHandler): Promise<unknown> {
    try {
      if (!mayCallMutation(attempt.actor, attempt.operation)) {
        throw new AppError(ErrorCode.FORBIDDEN, `your role may not call ${attempt.operation}`);
      }
      assertWellFormedArguments(attempt.args);
      return await inUnitOfWork(this.dataSource, async () => {
        // Called inside the unit of work, so the resolver runs in it.
        const result: unknown = await lastValueFrom(next.handle());
        await this.audit.record({ ...attempt, ...auditTarget(attempt.args, result), outcome: 'ok' });
        return result;
      });
    } catch (error) {
      await this.recordFailure(attempt, error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR');
      throw error;
    }
  }

  private async recordFailure(attempt: Attempt, outcome: string): Promise<void> {
    try {
      await this.audit.record({ ...attempt, ...auditTarget(attempt.args, null), outcome });
    } catch (error) {
      // Nothing was stored, so no change goes unaudited; a lost entry of a failed attempt is an operations alarm.
      this.logger.error(error instanceof Error ? error : String(error), { audit: 'write failed', operation: attempt.operation });
    }
  }
}

interface Attempt {
  actor: Actor;
  operation: string;
  args: Record<string, unknown>;
}

/** Finds the agreement and version a mutation concerned, from its arguments or its result. */
export function auditTarget(args: Record<string, unknown>, result: unknown): { agreementId: string | null; version: number | null } {
  const input = (typeof args.input === 'object' && args.input !== null ? args.input : {}) as Record<string, unknown>;
  const out = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  // A refused argument may not be text PostgreSQL can store; no agreement has such an id anyway.
  const str = (...xs: unknown[]) => (xs.find((x) => typeof x === 'string' && isWellFormedText(x)) as string | undefined) ?? null;
  const int = (...xs: unknown[]) => (xs.find((x) => Number.isInteger(x)) as number | undefined) ?? null;
  return {
    agreementId: str(args.agreementId, input.agreementId, out.agreementId, input.predecessorId, args.id, idInYaml(args.yaml)),
    // The version made (a saved draft, an amendment), else the one acted on (a freeze, a signature), else the base.
    version: int(out.number, out.newVersion, out.version, args.version, input.version, args.baseVersion, input.baseVersion),
  };
}

/**
 * The id line of a submitted document, read without parsing it (it may be hostile or invalid),
 * so that a refused createAgreement is still found under the agreement it meant.
 */
function idInYaml(yaml: unknown): string | undefined {
  if (typeof yaml !== 'string') return undefined;
  return /^id:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*(?:#.*)?$/m.exec(yaml.slice(0, 64 * 1024))?.[1];
}
