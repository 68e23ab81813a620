import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRow } from './audit.entity.js';

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

export interface AuditFilter {
  agreementId?: string | null;
  since?: Date | null;
  limit: number;
}

/** The append-only audit log: rows go in, and come out newest first. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: NewAuditRow, m: EntityManager = this.dataSource.manager): Promise<void> {
    await m.getRepository(AuditRow).insert(row);
  }

  list(filter: AuditFilter): Promise<AuditRow[]> {
    const qb = this.dataSource.getRepository(AuditRow).createQueryBuilder('a');
    if (filter.agreementId) qb.andWhere('a.agreementId = :id', { id: filter.agreementId });
    if (filter.since) qb.andWhere('a.at >= :since', { since: filter.since });
    return qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(filter.limit).getMany();
  }
}
