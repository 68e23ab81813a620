import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actingFor } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { canonicalJson, sha256Hex } from '../documents/canonical.js';
import type { AuditRow } from './audit.entity.js';
import { AuditRepository, type AuditFilter, type NewAuditRow } from './audit.repository.js';

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
   * A successful mutation writes its entry inside its own unit of work, so it commits with the
   * change or not at all; refused and failed attempts write theirs after the rollback, so they are kept.
   * An import passes its transaction: its entries stand or fall with the writes they record.
   */
  async record(attempt: AuditAttempt, m?: EntityManager): Promise<void> {
    await this.repository.insert(auditRow(attempt), m);
  }

  /** Many entries, in this order, as record would write them one by one; a few hundred per statement. */
  async recordAll(attempts: readonly AuditAttempt[], m?: EntityManager): Promise<void> {
    for (let from = 0; from < attempts.length; from += ENTRIES_PER_STATEMENT) {
      await this.repository.insertMany(attempts.slice(from, from + ENTRIES_PER_STATEMENT).map(auditRow), m);
    }
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

/** Nine columns each: far below PostgreSQL's limit of 65,535 parameters per statement. */
const ENTRIES_PER_STATEMENT = 500;

function auditRow(attempt: AuditAttempt): NewAuditRow {
  return {
    subject: attempt.actor.subject,
    name: attempt.actor.name,
    roles: attempt.actor.roles,
    party: actingFor(attempt.actor),
    operation: attempt.operation,
    agreementId: attempt.agreementId,
    version: attempt.version,
    argsDigest: argsDigest(attempt.args),
    outcome: attempt.outcome,
  };
}

/**
 * SHA-256 of the canonical JSON of the arguments (the JSON round trip drops undefined and turns
 * dates into text). Refused arguments may hold lone surrogates; they are escaped as JSON does.
 */
export function argsDigest(args: unknown): string {
  const plain: unknown = JSON.parse(JSON.stringify(args ?? null));
  return sha256Hex(canonicalJson(plain, { escapeLoneSurrogates: true }));
}
