import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actingFor } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { contentHash } from '../documents/canonical.js';
import type { AuditRow } from './audit.entity.js';
import { AuditRepository, type AuditFilter } from './audit.repository.js';

export interface AuditAttempt {
  actor: Actor;
  operation: string;
  args: unknown;
  agreementId: string | null;
  version: number | null;
  outcome: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /**
   * Written outside the mutation's transaction, so refused and failed attempts are kept too. An
   * import passes its transaction: its entries stand or fall with the writes they record.
   */
  async record(attempt: AuditAttempt, m?: EntityManager): Promise<void> {
    await this.repository.insert(
      {
        subject: attempt.actor.subject,
        name: attempt.actor.name,
        roles: attempt.actor.roles,
        party: actingFor(attempt.actor),
        operation: attempt.operation,
        agreementId: attempt.agreementId,
        version: attempt.version,
        argsDigest: contentHash(stripUndefined(attempt.args)),
        outcome: attempt.outcome,
      },
      m,
    );
  }

  list(filter: AuditFilter): Promise<AuditRow[]> {
    return this.repository.list(filter);
  }
}

function stripUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
