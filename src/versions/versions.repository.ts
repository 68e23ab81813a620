import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AnyAgreementDocument } from '../documents/agreement-terms.js';
import { VersionRow } from './version.entity.js';
import { valuesList } from '../database/values-list.js';

/** The columns of agreement_versions as PostgreSQL returns them. */
interface VersionColumns {
  agreement_id: string;
  number: number;
  yaml: string;
  content: AnyAgreementDocument;
  content_hash: string;
  previous_hash: string | null;
  chain_hash: string;
  author: string;
  created_at: Date;
  change_note: string | null;
}

const COLUMNS = 'agreement_id, number, yaml, content, content_hash, previous_hash, chain_hash, author, created_at, change_note';

/** The statements of the hot reads, written to src/queries/ by `npm run sql:emit` so a change shows in review. */
export const VERSIONS_SQL = {
  latestOf: `SELECT DISTINCT ON (agreement_id) ${COLUMNS} FROM agreement_versions
 WHERE agreement_id = ANY($1) ORDER BY agreement_id, number DESC`,
  latestPage: `SELECT DISTINCT ON (agreement_id) ${COLUMNS} FROM agreement_versions ORDER BY agreement_id, number DESC LIMIT $1 OFFSET $2`,
  countAgreements: 'SELECT count(*)::int AS n FROM agreements',
  versionsOf: `SELECT ${COLUMNS} FROM agreement_versions WHERE agreement_id = ANY($1) ORDER BY agreement_id, number`,
  version: `SELECT ${COLUMNS} FROM agreement_versions WHERE agreement_id = $1 AND number = ANY($2)`,
  latest: `SELECT ${COLUMNS} FROM agreement_versions WHERE agreement_id = $1 ORDER BY number DESC LIMIT 1`,
  lockAgreement: 'SELECT id FROM agreements WHERE id = $1 FOR UPDATE',
  insertAgreement: 'INSERT INTO agreements (id, created_at, created_by) VALUES ($1, now(), $2) ON CONFLICT (id) DO NOTHING RETURNING id',
  insertVersion: `INSERT INTO agreement_versions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING number`,
  // Many at once, for a folder import: one round trip instead of one per agreement.
  storedAmong: 'SELECT DISTINCT agreement_id FROM agreement_versions WHERE agreement_id = ANY($1)',
  insertAgreements: `INSERT INTO agreements (id, created_at, created_by) SELECT id, now(), $2 FROM unnest($1::text[]) AS k(id)
        ON CONFLICT (id) DO NOTHING RETURNING id`,
  pageAfter: `SELECT ${COLUMNS} FROM agreement_versions WHERE (agreement_id, number) > ($1, $2) ORDER BY agreement_id, number LIMIT $3`,
  // By the index on the predecessor each version names, then only those that are their agreement's latest.
  followUpsOf: `SELECT v.content->>'predecessor' AS predecessor, v.agreement_id FROM agreement_versions v
        WHERE v.content->>'predecessor' = ANY($1)
          AND v.number = (SELECT max(l.number) FROM agreement_versions l WHERE l.agreement_id = v.agreement_id)
        ORDER BY predecessor, v.agreement_id`,
  content: 'SELECT content FROM agreement_versions WHERE agreement_id = $1 AND number = $2',
  contents: `SELECT v.agreement_id, v.number, v.content FROM unnest($1::text[], $2::int[]) AS k(agreement_id, number)
        JOIN agreement_versions v ON v.agreement_id = k.agreement_id AND v.number = k.number`,
} as const;

/**
 * Every read and write of agreements and their versions. Methods take an optional entity manager:
 * inside a transaction they run on its connection, otherwise on the pool.
 */
@Injectable()
export class VersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async latestOf(agreementIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<VersionRow[]> {
    return (await m.query<VersionColumns[]>(VERSIONS_SQL.latestOf, [[...agreementIds]])).map(toRow);
  }

  /** Agreements by id, each as its latest version: `limit` of them after skipping `offset`. */
  async latestPage(limit: number, offset: number): Promise<VersionRow[]> {
    return (await this.dataSource.query<VersionColumns[]>(VERSIONS_SQL.latestPage, [limit, offset])).map(toRow);
  }

  async countAgreements(): Promise<number> {
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(VERSIONS_SQL.countAgreements);
    return n;
  }

  async versionsOf(agreementIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<VersionRow[]> {
    return (await m.query<VersionColumns[]>(VERSIONS_SQL.versionsOf, [[...agreementIds]])).map(toRow);
  }

  async findVersions(agreementId: string, numbers: number[], m: EntityManager = this.dataSource.manager): Promise<VersionRow[]> {
    return (await m.query<VersionColumns[]>(VERSIONS_SQL.version, [agreementId, numbers])).map(toRow);
  }

  async findVersion(agreementId: string, number: number, m?: EntityManager): Promise<VersionRow | null> {
    return (await this.findVersions(agreementId, [number], m))[0] ?? null;
  }

  async findLatest(agreementId: string, m: EntityManager = this.dataSource.manager): Promise<VersionRow | null> {
    const [row] = await m.query<VersionColumns[]>(VERSIONS_SQL.latest, [agreementId]);
    return row ? toRow(row) : null;
  }

  /** The document of one version, without the rest of the row. */
  async findContent(agreementId: string, number: number, m: EntityManager = this.dataSource.manager): Promise<AnyAgreementDocument | null> {
    const [row] = await m.query<Array<{ content: AnyAgreementDocument }>>(VERSIONS_SQL.content, [agreementId, number]);
    return row?.content ?? null;
  }

  /** The documents of these versions, in one statement; a version that does not exist is left out. */
  async findContents(
    keys: ReadonlyArray<{ agreementId: string; number: number }>,
  ): Promise<Array<{ agreementId: string; number: number; content: AnyAgreementDocument }>> {
    const rows = await this.dataSource.query<Array<{ agreement_id: string; number: number; content: AnyAgreementDocument }>>(VERSIONS_SQL.contents, [
      keys.map((k) => k.agreementId),
      keys.map((k) => k.number),
    ]);
    return rows.map((r) => ({ agreementId: r.agreement_id, number: r.number, content: r.content }));
  }

  /** Locks the agreement row until the transaction ends; false when there is no such agreement. */
  async lockAgreement(m: EntityManager, agreementId: string): Promise<boolean> {
    return (await m.query<unknown[]>(VERSIONS_SQL.lockAgreement, [agreementId])).length > 0;
  }

  /** False when the id is taken. */
  async insertAgreement(m: EntityManager, agreementId: string, createdBy: string): Promise<boolean> {
    return (await m.query<unknown[]>(VERSIONS_SQL.insertAgreement, [agreementId, createdBy])).length > 0;
  }

  /** False when a version with this number was stored meanwhile. */
  async insertVersion(m: EntityManager, row: VersionRow): Promise<boolean> {
    const inserted = await m.query<unknown[]>(VERSIONS_SQL.insertVersion, versionValues(row));
    return inserted.length > 0;
  }

  /** Those of the ids that have a stored version. */
  async storedAmong(agreementIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const rows = await m.query<Array<{ agreement_id: string }>>(VERSIONS_SQL.storedAmong, [[...agreementIds]]);
    return new Set(rows.map((r) => r.agreement_id));
  }

  /** The ids inserted; an id already taken is left out. */
  async insertAgreements(m: EntityManager, agreementIds: readonly string[], createdBy: string): Promise<Set<string>> {
    const rows = await m.query<Array<{ id: string }>>(VERSIONS_SQL.insertAgreements, [[...agreementIds], createdBy]);
    return new Set(rows.map((r) => r.id));
  }

  /** The versions inserted; a number already stored is left out. Each row's values are sent as insertVersion sends them. */
  async insertVersions(m: EntityManager, rows: readonly VersionRow[]): Promise<Array<{ agreementId: string; number: number }>> {
    if (rows.length === 0) return [];
    const inserted = await m.query<Array<{ agreement_id: string; number: number }>>(insertVersionsSql(rows.length), rows.flatMap(versionValues));
    return inserted.map((r) => ({ agreementId: r.agreement_id, number: r.number }));
  }

  /** For each id, the agreements whose latest version names it as predecessor, by id. */
  async followUpsOf(predecessorIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows = await m.query<Array<{ predecessor: string; agreement_id: string }>>(VERSIONS_SQL.followUpsOf, [[...predecessorIds]]);
    const result = new Map<string, string[]>();
    for (const r of rows) result.set(r.predecessor, [...(result.get(r.predecessor) ?? []), r.agreement_id]);
    return result;
  }

  /** Every version in (agreement, number) order, a page at a time, so memory stays flat however large the register. */
  async *allInOrder(pageSize: number, m: EntityManager = this.dataSource.manager): AsyncGenerator<VersionRow> {
    let after: [string, number] = ['', 0];
    for (;;) {
      const page = (await m.query<VersionColumns[]>(VERSIONS_SQL.pageAfter, [...after, pageSize])).map(toRow);
      yield* page;
      if (page.length < pageSize) return;
      const last = page[page.length - 1];
      after = [last.agreementId, last.number];
    }
  }
}

/** The parameters of a version row, in the order of COLUMNS. */
function versionValues(row: VersionRow): unknown[] {
  return [
    row.agreementId,
    row.number,
    row.yaml,
    JSON.stringify(row.content),
    row.contentHash,
    row.previousHash,
    row.chainHash,
    row.author,
    row.createdAt,
    row.changeNote,
  ];
}

/** insertVersion for `count` rows in one statement: the same columns and parameters, row after row. */
function insertVersionsSql(count: number): string {
  return `INSERT INTO agreement_versions (${COLUMNS}) VALUES ${valuesList(count, COLUMNS.split(',').length)} ON CONFLICT DO NOTHING RETURNING agreement_id, number`;
}

function toRow(r: VersionColumns): VersionRow {
  return Object.assign(new VersionRow(), {
    agreementId: r.agreement_id,
    number: r.number,
    yaml: r.yaml,
    content: r.content,
    contentHash: r.content_hash,
    previousHash: r.previous_hash,
    chainHash: r.chain_hash,
    author: r.author,
    createdAt: r.created_at,
    changeNote: r.change_note,
  });
}
