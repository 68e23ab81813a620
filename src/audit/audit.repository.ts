import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRow } from './audit.entity.js';

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

export interface AuditFilter {
  agreementId?: string | null;
  since?: Date | null;
  limit: number;
  /** Entries to skip, newest first. */
  offset?: number;
}

/** The append-only audit log: rows go in, and come out newest first. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: NewAuditRow, m: EntityManager = this.dataSource.manager): Promise<void> {
    await m.getRepository(AuditRow).insert(row);
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
