import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainReport } from '../versions/verify-chain.js';
import { VersionsService } from '../versions/versions.service.js';
import { IntegrityRepository } from './integrity.repository.js';
import { MAX_FINDINGS, verifyRegisterLog, type LogReport } from './verify-register-log.js';

export interface IntegrityReport {
  ok: boolean;
  versions: ChainReport;
  log: LogReport;
}

/** Checks everything the register keeps: each agreement's version chain and the register log over all records. */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: VersionsService,
    private readonly repository: IntegrityRepository,
  ) {}

  /** `expect`: a head kept from an earlier run, which must still be in the log. */
  verify(options: { expect?: string | null } = {}, pageSize = 500): Promise<IntegrityReport> {
    // One snapshot for all of it, so the head names exactly the state that was checked while writers go on.
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const versions = await this.versions.verify(pageSize, m);
      const unlogged = await this.repository.unloggedRecords(m, MAX_FINDINGS);
      const log = await verifyRegisterLog(this.repository.logEntries(m, pageSize), { expect: options.expect ?? null, unlogged });
      return { ok: versions.ok && log.ok, versions, log };
    });
  }
}
