import { parse } from 'yaml';
import { canonicalJson, chainHash, contentHash } from '../documents/canonical.js';

export interface StoredVersion {
  agreementId: string;
  number: number;
  yaml: string;
  content: unknown;
  contentHash: string;
  previousHash: string | null;
  chainHash: string;
  author: string;
  createdAt: Date;
  changeNote: string | null;
}

export interface BrokenLink {
  agreementId: string;
  number: number;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  agreements: number;
  versions: number;
  /** The first broken link in (agreement, number) order; null when every link holds. */
  firstBroken: BrokenLink | null;
}

/**
 * Recomputes every hash and link. Rows must be ordered by agreement and number.
 * Checks the stored content against its hash, the YAML text against the content,
 * the numbering, the link to the previous version and the chain hash over all of it.
 */
export async function verifyChain(rows: Iterable<StoredVersion> | AsyncIterable<StoredVersion>): Promise<ChainReport> {
  let versions = 0;
  let agreements = 0;
  let previous: StoredVersion | null = null;
  for await (const row of rows) {
    versions++;
    // Rows come ordered by agreement, so counting changes of id counts agreements without a set.
    if (previous?.agreementId !== row.agreementId) agreements++;
    const prior = previous && previous.agreementId === row.agreementId ? previous : null;
    const reason = checkRow(row, prior);
    previous = row;
    if (reason) {
      return { ok: false, agreements, versions, firstBroken: { agreementId: row.agreementId, number: row.number, reason } };
    }
  }
  return { ok: true, agreements, versions, firstBroken: null };
}

function checkRow(row: StoredVersion, prior: StoredVersion | null): string | null {
  const expectedNumber = (prior?.number ?? 0) + 1;
  if (row.number !== expectedNumber) return `version number ${row.number} follows ${prior?.number ?? 'nothing'}`;
  if (contentHash(row.content) !== row.contentHash) return 'stored content does not match its content hash';
  let fromYaml: unknown;
  try {
    fromYaml = parse(row.yaml);
  } catch {
    return 'stored YAML no longer parses';
  }
  if (canonicalJson(fromYaml) !== canonicalJson(row.content)) return 'stored YAML does not match the stored content';
  const expectedPrevious = prior?.chainHash ?? null;
  if (row.previousHash !== expectedPrevious) return 'previous hash does not match the chain hash of the version before';
  const expectedChain = chainHash({
    agreementId: row.agreementId,
    number: row.number,
    previousHash: row.previousHash,
    contentHash: row.contentHash,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    changeNote: row.changeNote,
  });
  if (expectedChain !== row.chainHash) return 'chain hash does not match (author, time, note or a link was changed)';
  return null;
}
