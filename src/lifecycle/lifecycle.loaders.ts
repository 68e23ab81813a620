import DataLoader from 'dataloader';
import type { LifecycleRepository } from './lifecycle.repository.js';
import type { LifecycleService } from './lifecycle.service.js';
import type { AgreementHistory, LifecycleEvent } from './rules/index.js';
import type { StatusInputs } from './status-inputs.cache.js';

/** Per-request batching of histories and follow-up links, one query per field for any number of agreements. */
export interface LifecycleLoaders {
  history: DataLoader<string, AgreementHistory>;
  /** What statuses are decided by (kept between requests, checked against the database); null: no such agreement. */
  statusInputs: DataLoader<string, StatusInputs | null>;
  successor: DataLoader<string, string | null>;
}

export function createLifecycleLoaders(repository: LifecycleRepository, lifecycle: LifecycleService): LifecycleLoaders {
  return {
    history: new DataLoader(async (ids) => {
      const loaded = await repository.load(ids);
      return ids.map((id) => loaded.get(id)!);
    }),
    statusInputs: new DataLoader(async (ids) => {
      const loaded = await lifecycle.statusInputsOf(ids);
      return ids.map((id) => loaded.get(id) ?? null);
    }),
    successor: new DataLoader(async (ids) => {
      const found = await lifecycle.successorsOf(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

/**
 * Events other features record about an agreement (council papers and their steps), for its timeline. Declared here,
 * built by those features; src/loaders.ts puts them together.
 */
export interface EventsRecordedElsewhereLoaders {
  eventsRecordedElsewhere: DataLoader<string, LifecycleEvent[]>;
}
