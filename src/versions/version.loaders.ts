import DataLoader from 'dataloader';
import type { VersionRow } from './version.entity.js';
import type { AnyAgreementDocument } from '../documents/agreement-terms.js';
import { versionKey, type VersionsService } from './versions.service.js';

/** Per-request batching, so a list of agreements costs one query per field, not one per item. */
export interface VersionLoaders {
  latest: DataLoader<string, VersionRow | null>;
  all: DataLoader<string, VersionRow[]>;
  /** One version's document, by versionKey (`id@number`): a list of statuses reads only those it reports on. */
  document: DataLoader<{ agreementId: string; number: number }, AnyAgreementDocument | null, string>;
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
    document: new DataLoader(
      async (keys) => {
        const found = await versions.documentsOf(keys);
        return keys.map((k) => found.get(versionKey(k.agreementId, k.number)) ?? null);
      },
      { cacheKeyFn: (k) => versionKey(k.agreementId, k.number) },
    ),
  };
}
