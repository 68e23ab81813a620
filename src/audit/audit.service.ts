import { Injectable } from '@nestjs/common';
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

  /** Written outside the mutation's transaction, so refused and failed attempts are kept too. */
  async record(attempt: AuditAttempt): Promise<void> {
    await this.repository.insert({
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

  list(filter: AuditFilter): Promise<AuditRow[]> {
    return this.repository.list(filter);
  }

  /** A page of the log, newest first, and how many entries match. */
  async page(filter: AuditFilter & { offset: number }): Promise<{ rows: AuditRow[]; total: number }> {
    const [rows, total] = await Promise.all([this.repository.list(filter), this.repository.count(filter)]);
    return { rows, total };
  }
}

function stripUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
