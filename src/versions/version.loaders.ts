import DataLoader from 'dataloader';
import type { VersionRow } from './version.entity.js';
import type { VersionsService } from './versions.service.js';

/** Per-request batching, so a list of agreements costs one query per field, not one per item. */
export interface VersionLoaders {
  latest: DataLoader<string, VersionRow | null>;
  all: DataLoader<string, VersionRow[]>;
}

export function createVersionLoaders(versions: VersionsService): VersionLoaders {
  return {
    latest: new DataLoader(async (ids) => {
      const rows = await versions.latestVersions(ids);
      const byId = new Map(rows.map((r) => [r.agreementId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    all: new DataLoader(async (ids) => {
      const rows = await versions.versionsOf(ids);
      const byId = new Map<string, VersionRow[]>(ids.map((id) => [id, []]));
      for (const row of rows) byId.get(row.agreementId)?.push(row);
      return ids.map((id) => byId.get(id) ?? []);
    }),
  };
}
