import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRow } from './audit.entity.js';
import { valuesList } from '../database/values-list.js';

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

export interface AuditFilter {
  agreementId?: string | null;
  since?: Date | null;
  limit: number;
  /** Entries to skip, newest first. */
  offset?: number;
}

const INSERT_COLUMNS = ['subject', 'name', 'roles', 'party', 'operation', 'agreement_id', 'version', 'args_digest', 'outcome'];

/** The append-only audit log: rows go in, and come out newest first. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: NewAuditRow, m: EntityManager = this.dataSource.manager): Promise<void> {
    await m.getRepository(AuditRow).insert(row);
  }

  /** In one statement, in this order; the same columns as insert writes (id and at from their defaults). */
  async insertMany(rows: readonly NewAuditRow[], m: EntityManager = this.dataSource.manager): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO audit_log (${INSERT_COLUMNS.join(', ')}) VALUES ${valuesList(rows.length, INSERT_COLUMNS.length)}`,
      rows.flatMap((row) => [row.subject, row.name, row.roles, row.party, row.operation, row.agreementId, row.version, row.argsDigest, row.outcome]),
    );
  }

  async list(filter: AuditFilter): Promise<AuditRow[]> {
    // A limit of 0 would mean no limit to the query builder.
    if (filter.limit === 0) return [];
    return this.matching(filter)
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset(filter.offset ?? 0)
      .limit(filter.limit)
      .getMany();
  }

  /** How many entries match, whatever the limit. */
  count(filter: Omit<AuditFilter, 'limit' | 'offset'>): Promise<number> {
    return this.matching(filter).getCount();
  }

  private matching(filter: Omit<AuditFilter, 'limit' | 'offset'>) {
    const qb = this.dataSource.getRepository(AuditRow).createQueryBuilder('a');
    if (filter.agreementId) qb.andWhere('a.agreementId = :id', { id: filter.agreementId });
    if (filter.since) qb.andWhere('a.at >= :since', { since: filter.since });
    return qb;
  }
}
