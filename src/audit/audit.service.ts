import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actingFor } from '../auth/policy.js';
import type { Actor } from '../auth/roles.js';
import { contentHash } from '../documents/canonical.js';
import { AuditRow } from './audit.entity.js';

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
  constructor(private readonly dataSource: DataSource) {}

  /** Written outside the mutation's transaction, so refused and failed attempts are kept too. */
  async record(attempt: AuditAttempt): Promise<void> {
    await this.dataSource.getRepository(AuditRow).insert({
      subject: attempt.actor.subject,
      name: attempt.actor.name,
      roles: attempt.actor.roles,
      party: actingFor(attempt.actor),
      operation: attempt.operation,
      agreementId: attempt.agreementId,
      version: attempt.version,
      argsDigest: contentHash(stripUndefined(attempt.args)),
      outcome: attempt.outcome,
    });
  }

  async list(filter: { agreementId?: string | null; since?: Date | null; limit: number }): Promise<AuditRow[]> {
    const qb = this.dataSource.getRepository(AuditRow).createQueryBuilder('a');
    if (filter.agreementId) qb.andWhere('a.agreementId = :id', { id: filter.agreementId });
    if (filter.since) qb.andWhere('a.at >= :since', { since: filter.since });
    return qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(filter.limit).getMany();
  }
}

function stripUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
