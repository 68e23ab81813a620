import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, from, map, mergeMap, Observable, throwError } from 'rxjs';
import { AuditService } from '../audit/audit.service.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { Logger } from '../common/logger.js';
import { APP_CONFIG, APP_LOGGER } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { GraphQLContext } from '../graphql/context.js';
import { refusalOf, type Authentication } from '../auth/authenticate.js';
import { mayCallMutation } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';

/**
 * The one gate every root query and mutation passes: authentication, the role rule of each
 * mutation (src/auth/policy.ts) and the audit trail of every mutation attempt by a known actor.
 */
@Injectable()
export class AccessInterceptor implements NestInterceptor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const ctx = gql.getContext<GraphQLContext>();
    const kind = info.parentType.name;
    if (kind !== 'Query' && kind !== 'Mutation') return next.handle();

    // Normally refused before parsing already (refuseUnauthenticated in front of /graphql); checked here for every call.
    const auth = (ctx.actor ? { actor: ctx.actor, failure: null } : { actor: null, failure: ctx.authFailure }) as Authentication;
    const refused = refusalOf(auth, kind === 'Mutation' || !this.config.allowAnonymousRead);
    if (refused) throw refused;
    if (kind === 'Query') return next.handle();
    const actor = ctx.actor!;

    const operation = info.fieldName;
    const args = gql.getArgs<Record<string, unknown>>();
    const attempt = { actor, operation, args };
    if (!mayCallMutation(actor, operation)) {
      return from(this.write(attempt, null, ErrorCode.FORBIDDEN)).pipe(
        mergeMap(() => throwError(() => new AppError(ErrorCode.FORBIDDEN, `your role may not call ${operation}`))),
      );
    }
    return next.handle().pipe(
      mergeMap((result) => from(this.write(attempt, result, 'ok')).pipe(map(() => result))),
      catchError((error: unknown) => {
        const code = error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
        return from(this.write(attempt, null, code)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }

  private async write(attempt: { actor: Actor; operation: string; args: Record<string, unknown> }, result: unknown, outcome: string): Promise<void> {
    const target = auditTarget(attempt.args, result);
    try {
      await this.audit.record({ ...attempt, ...target, outcome });
    } catch (error) {
      // The mutation's own outcome stands; a lost audit entry is an operations alarm.
      this.logger.error(error instanceof Error ? error : String(error), { audit: 'write failed', operation: attempt.operation });
    }
  }
}

/** Finds the agreement and version a mutation concerned, from its arguments or its result. */
export function auditTarget(args: Record<string, unknown>, result: unknown): { agreementId: string | null; version: number | null } {
  const input = (typeof args.input === 'object' && args.input !== null ? args.input : {}) as Record<string, unknown>;
  const out = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const str = (...xs: unknown[]) => (xs.find((x) => typeof x === 'string') as string | undefined) ?? null;
  const int = (...xs: unknown[]) => (xs.find((x) => Number.isInteger(x)) as number | undefined) ?? null;
  return {
    agreementId: str(args.agreementId, input.agreementId, out.agreementId, input.predecessorId, args.id, idInYaml(args.yaml)),
    version: int(out.number, args.version, input.version, args.baseVersion, input.baseVersion),
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
