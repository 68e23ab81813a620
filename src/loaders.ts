import DataLoader from 'dataloader';
import type { LifecycleRepository } from './lifecycle/lifecycle.repository.js';
import type { LifecycleService } from './lifecycle/lifecycle.service.js';
import type { AgreementHistory } from './lifecycle/rules/index.js';
import { createVersionLoaders, type VersionLoaders } from './versions/version.loaders.js';
import type { VersionsService } from './versions/versions.service.js';

/** Per-request batching, so a list of agreements costs one query per field, not one per item. */
export interface Loaders extends VersionLoaders {
  history: DataLoader<string, AgreementHistory>;
  successor: DataLoader<string, string | null>;
}

export function createLoaders(versions: VersionsService, history: LifecycleRepository, lifecycle: LifecycleService): Loaders {
  return {
    ...createVersionLoaders(versions),
    history: new DataLoader(async (ids) => {
      const loaded = await history.load(ids);
      return ids.map((id) => loaded.get(id)!);
    }),
    successor: new DataLoader(async (ids) => {
      const found = await lifecycle.successorsOf(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
