import { notFound } from '../common/app-error.js';

/** What the plan needs of a stored version. */
export interface StoredVersionRef {
  number: number;
  contentHash: string;
  changeNote: string | null;
}

export interface PlanInput {
  agreementId: string;
  /** The file's canonical content hash. */
  hash: string;
  /** The change note a version stored from this file gets; it also marks versions the file was loaded as. */
  source: string;
  /** The version the file was based on, when the importer names it; otherwise the version last loaded from the file. */
  base: number | null;
  force: boolean;
}

export type DocumentPlan =
  | { action: 'create' }
  | { action: 'unchanged'; version: number }
  /** Stored on top of `latest`; `forced` when `base` was not the latest (or unknown). */
  | { action: 'update'; base: number | null; latest: number; forced: boolean }
  /** New content whose base is not the latest: storing it would undo the versions after the base. */
  | { action: 'conflict'; base: number | null; latest: number };

/**
 * Decides what an agreement file does to the stored versions (oldest first). A file whose content
 * equals a stored version adds nothing. New content is stored on top of the latest version only
 * when the file was based on it, so versions saved meanwhile (through GraphQL, by an amendment)
 * are never undone silently; `force` stores it anyway, on purpose.
 */
export function planDocument(stored: readonly StoredVersionRef[], input: PlanInput): DocumentPlan {
  if (stored.length === 0) {
    if (input.base !== null) throw notFound(`version ${input.base} of agreement '${input.agreementId}'`);
    return { action: 'create' };
  }
  if (input.base !== null && !stored.some((v) => v.number === input.base)) {
    throw notFound(`version ${input.base} of agreement '${input.agreementId}'`);
  }
  const same = [...stored].reverse().find((v) => v.contentHash === input.hash);
  if (same) return { action: 'unchanged', version: same.number };
  const latest = stored[stored.length - 1].number;
  const base = input.base ?? lastLoadedFrom(stored, input.source);
  if (base === latest) return { action: 'update', base, latest, forced: false };
  if (input.force) return { action: 'update', base, latest, forced: true };
  return { action: 'conflict', base, latest };
}

/** The latest version stored from this file, found by its change note (a forced one carries a suffix). */
export function lastLoadedFrom(stored: readonly StoredVersionRef[], source: string): number | null {
  const from = stored.filter((v) => v.changeNote === source || v.changeNote?.startsWith(`${source} (`));
  return from.length > 0 ? from[from.length - 1].number : null;
}

/** The change note of a version stored over newer ones: the suffix keeps it recognisable as loaded from the file. */
export function forcedNote(source: string, base: number | null, latest: number): string {
  return `${source} (erzwungen über Fassung ${latest}, Grundlage ${base === null ? 'unbekannt' : `Fassung ${base}`})`;
}
