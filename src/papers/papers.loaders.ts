import DataLoader from 'dataloader';
import type { EventsRecordedElsewhereLoaders } from '../lifecycle/lifecycle.loaders.js';
import type { PapersRepository } from './papers.repository.js';
import { paperEvents, type Paper } from './rules/index.js';

/** Per-request batching of agreements' papers; they also give the agreement's timeline its paper events. */
export interface PaperLoaders extends EventsRecordedElsewhereLoaders {
  papers: DataLoader<string, Paper[]>;
}

export function createPaperLoaders(repository: PapersRepository): PaperLoaders {
  const papers = new DataLoader<string, Paper[]>(async (ids) => {
    const found = await repository.papersOf(ids);
    return ids.map((id) => found.get(id)!);
  });
  return {
    papers,
    eventsRecordedElsewhere: new DataLoader(async (ids) =>
      (await papers.loadMany(ids)).map((p) => (p instanceof Error ? p : p.flatMap(paperEvents))),
    ),
  };
}
