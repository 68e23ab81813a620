import { createLifecycleLoaders, type LifecycleLoaders } from './lifecycle/lifecycle.loaders.js';
import type { LifecycleRepository } from './lifecycle/lifecycle.repository.js';
import type { LifecycleService } from './lifecycle/lifecycle.service.js';
import { createPaperLoaders, type PaperLoaders } from './papers/papers.loaders.js';
import type { PapersRepository } from './papers/papers.repository.js';
import { createVersionLoaders, type VersionLoaders } from './versions/version.loaders.js';
import type { VersionsService } from './versions/versions.service.js';

/** The registry of every feature's per-request loaders, built fresh for each request. */
export type Loaders = VersionLoaders & LifecycleLoaders & PaperLoaders;

export function createLoaders(
  versions: VersionsService,
  history: LifecycleRepository,
  lifecycle: LifecycleService,
  papers: PapersRepository,
): Loaders {
  return { ...createVersionLoaders(versions), ...createLifecycleLoaders(history, lifecycle), ...createPaperLoaders(papers) };
}
