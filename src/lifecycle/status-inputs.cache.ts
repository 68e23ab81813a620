import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { MissingFact } from '../documents/missing-facts.js';
import type { TermsHistory } from './rules/index.js';

/** What the status of one agreement is decided by, as of one revision (migration 065). */
export interface StatusInputs {
  revision: string;
  history: TermsHistory;
  successor: TermsHistory | null;
  /** The missing facts of each document once read, by its content hash: the same content has the same facts. */
  missingFacts: Map<string, readonly MissingFact[]>;
}

/**
 * Status inputs an instance keeps between requests, the least recently used dropped first. An entry is only
 * ever used after the database confirmed, in the same statement that would otherwise read the histories, that
 * its revision is still the agreement's: so no instance answers from a state another instance has written
 * past, and keeping nothing (STATUS_CACHE_ENTRIES=0) gives the same answers.
 */
@Injectable()
export class StatusInputsCache {
  private readonly entries = new Map<string, StatusInputs>();
  private readonly capacity: number;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'statusCacheEntries'>) {
    this.capacity = config.statusCacheEntries;
  }

  get(agreementId: string): StatusInputs | undefined {
    const entry = this.entries.get(agreementId);
    if (entry !== undefined) {
      // A Map iterates in insertion order: moved to the end, it is dropped last.
      this.entries.delete(agreementId);
      this.entries.set(agreementId, entry);
    }
    return entry;
  }

  set(agreementId: string, entry: StatusInputs): void {
    if (this.capacity === 0) return;
    this.entries.delete(agreementId);
    this.entries.set(agreementId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
