import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { assertMayEdit } from '../auth/policy.js';
import { actorLabel, type Actor } from '../auth/roles.js';
import { AppError, ErrorCode, notFound } from '../common/app-error.js';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { AgreementDocument } from '../documents/agreement.types.js';
import { chainHash, contentHash } from '../documents/canonical.js';
import { diffAgreements, type FieldChange } from '../documents/diff.js';
import { parseAgreement } from '../documents/parse-agreement.js';
import type { Problem } from '../documents/problems.js';
import { unifiedYamlDiff } from '../documents/unified-diff.js';
import { VersionRow } from './version.entity.js';
import { verifyChain, type ChainReport } from './verify-chain.js';

export interface ParsedDocument {
  content: AgreementDocument;
  text: string;
  hash: string;
}

export interface VersionDiffResult {
  agreementId: string;
  from: number;
  to: number;
  changes: FieldChange[];
  unified: string;
}

const UNIQUE_VIOLATION = '23505';

/** The versioned agreement store: validation on the way in, immutable hash-chained versions. */
@Injectable()
export class VersionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'maxDocumentBytes'>,
  ) {}

  /** Parses and validates; every problem is reported, none is stored. */
  parse(input: string | Uint8Array, file?: string): ParsedDocument {
    const result = parseAgreement(input, { file, limits: { maxBytes: this.config.maxDocumentBytes } });
    if (!result.ok) throw validationFailed(result.problems);
    return { content: result.content, text: result.text, hash: contentHash(result.content) };
  }

  validate(input: string | Uint8Array, file?: string): Problem[] {
    const result = parseAgreement(input, { file, limits: { maxBytes: this.config.maxDocumentBytes } });
    return result.ok ? [] : result.problems;
  }

  async createAgreement(yaml: string, changeNote: string | null, actor: Actor): Promise<VersionRow> {
    const doc = this.parse(yaml);
    assertMayEdit(actor, doc.content.leadDepartment);
    const author = actorLabel(actor);
    return this.dataSource.transaction((m) => this.storeNew(m, doc, author, changeNote));
  }

  /** Version 1 of a new agreement, inside the caller's transaction; ALREADY_EXISTS if the id is taken. */
  async storeNew(m: EntityManager, doc: ParsedDocument, author: string, changeNote: string | null): Promise<VersionRow> {
    const inserted: unknown[] = await m.query(
      'INSERT INTO agreements (id, created_at, created_by) VALUES ($1, now(), $2) ON CONFLICT (id) DO NOTHING RETURNING id',
      [doc.content.id, author],
    );
    if (inserted.length === 0) {
      throw new AppError(ErrorCode.ALREADY_EXISTS, `agreement '${doc.content.id}' already exists`, {
        agreementId: doc.content.id,
      });
    }
    return this.append(m, doc.content.id, null, doc, author, changeNote);
  }

  /**
   * Stores a new version on top of `baseVersion`. The agreement row is locked for the
   * transaction, so of two writers on the same base exactly one wins; the other gets VERSION_CONFLICT.
   */
  async saveDraft(agreementId: string, baseVersion: number, yaml: string, changeNote: string | null, actor: Actor): Promise<VersionRow> {
    const current = await this.findLatest(agreementId);
    if (!current) throw notFound(`agreement '${agreementId}'`);
    assertMayEdit(actor, current.content.leadDepartment);
    const doc = this.parse(yaml);
    // Handing an agreement to another department is for an editor of both, or an admin.
    assertMayEdit(actor, doc.content.leadDepartment);
    const author = actorLabel(actor);
    if (doc.content.id !== agreementId) {
      throw new AppError(
        ErrorCode.BAD_INPUT,
        `the document's id '${doc.content.id}' differs from the agreement '${agreementId}'; an id never changes`,
      );
    }
    return this.dataSource.transaction(async (m) => {
      const latest = await this.lockLatest(m, agreementId);
      // The lead department may have changed since the check above; the lock makes this one final.
      assertMayEdit(actor, latest.content.leadDepartment);
      if (latest.number !== baseVersion) {
        throw new AppError(
          ErrorCode.VERSION_CONFLICT,
          `version ${baseVersion} is not the latest of '${agreementId}' (latest is ${latest.number}); reload and apply your change to it`,
          { agreementId, baseVersion, latestVersion: latest.number },
        );
      }
      if (latest.contentHash === doc.hash) {
        throw new AppError(ErrorCode.NO_CHANGE, `the content equals version ${latest.number}; nothing was stored`, {
          agreementId,
          latestVersion: latest.number,
        });
      }
      return this.append(m, agreementId, latest, doc, author, changeNote);
    });
  }

  async diff(agreementId: string, from: number, to: number): Promise<VersionDiffResult> {
    const rows = await this.dataSource.getRepository(VersionRow).findBy({ agreementId, number: In([from, to]) });
    const before = rows.find((r) => r.number === from);
    const after = rows.find((r) => r.number === to);
    if (!before) throw notFound(`version ${from} of agreement '${agreementId}'`);
    if (!after) throw notFound(`version ${to} of agreement '${agreementId}'`);
    return {
      agreementId,
      from,
      to,
      changes: diffAgreements(before.content, after.content),
      unified: unifiedYamlDiff(before.yaml, after.yaml, `${agreementId}@${from}.yaml`, `${agreementId}@${to}.yaml`),
    };
  }

  async findVersion(agreementId: string, number: number): Promise<VersionRow | null> {
    return this.dataSource.getRepository(VersionRow).findOneBy({ agreementId, number });
  }

  async findLatest(agreementId: string): Promise<VersionRow | null> {
    return this.findLatestIn(this.dataSource.manager, agreementId);
  }

  /** The latest version of each given agreement (or of all agreements), in one query. */
  async latestVersions(agreementIds?: readonly string[]): Promise<VersionRow[]> {
    const qb = this.dataSource
      .getRepository(VersionRow)
      .createQueryBuilder('v')
      .distinctOn(['v.agreementId'])
      .orderBy('v.agreementId')
      .addOrderBy('v.number', 'DESC');
    if (agreementIds) qb.where('v.agreementId = ANY(:ids)', { ids: agreementIds });
    return qb.getMany();
  }

  /** All versions of the given agreements in one query, oldest first. */
  async versionsOf(agreementIds: readonly string[]): Promise<VersionRow[]> {
    return this.dataSource.getRepository(VersionRow).find({
      where: { agreementId: In([...agreementIds]) },
      order: { agreementId: 'ASC', number: 'ASC' },
    });
  }

  /** Recomputes every hash and link of every agreement; names the first broken one. */
  verify(pageSize = 500): Promise<ChainReport> {
    return verifyChain(this.allVersionsInOrder(pageSize));
  }

  /** Pages through every version in (agreement, number) order, so memory stays flat however large the register. */
  private async *allVersionsInOrder(pageSize: number): AsyncGenerator<VersionRow> {
    let after: { agreementId: string; number: number } | null = null;
    for (;;) {
      const qb = this.dataSource.getRepository(VersionRow).createQueryBuilder('v');
      if (after) qb.where('(v.agreementId, v.number) > (:id, :n)', { id: after.agreementId, n: after.number });
      const page = await qb.orderBy('v.agreementId', 'ASC').addOrderBy('v.number', 'ASC').limit(pageSize).getMany();
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!;
    }
  }

  /**
   * Locks the agreement for the rest of the transaction and returns its latest version. Every writer
   * of an agreement's history takes this lock first, so concurrent writers queue instead of racing.
   */
  async lockLatest(m: EntityManager, agreementId: string): Promise<VersionRow> {
    const locked = await m.query('SELECT id FROM agreements WHERE id = $1 FOR UPDATE', [agreementId]);
    if (locked.length === 0) throw notFound(`agreement '${agreementId}'`);
    const latest = await this.findLatestIn(m, agreementId);
    if (!latest) throw notFound(`agreement '${agreementId}'`);
    return latest;
  }

  findVersionIn(m: EntityManager, agreementId: string, number: number): Promise<VersionRow | null> {
    return m.getRepository(VersionRow).findOneBy({ agreementId, number });
  }

  findLatestIn(m: EntityManager, agreementId: string): Promise<VersionRow | null> {
    return m.getRepository(VersionRow).findOne({ where: { agreementId }, order: { number: 'DESC' } });
  }

  /** Stores `doc` as the version after `previous` (version 1 when null), chained to it. */
  async append(
    m: EntityManager,
    agreementId: string,
    previous: VersionRow | null,
    doc: ParsedDocument,
    author: string,
    changeNote: string | null,
  ): Promise<VersionRow> {
    const number = (previous?.number ?? 0) + 1;
    const previousHash = previous?.chainHash ?? null;
    const createdAt = new Date();
    const row: VersionRow = Object.assign(new VersionRow(), {
      agreementId,
      number,
      yaml: doc.text,
      content: doc.content,
      contentHash: doc.hash,
      previousHash,
      author,
      createdAt,
      changeNote,
      chainHash: chainHash({
        agreementId,
        number,
        previousHash,
        contentHash: doc.hash,
        author,
        createdAt: createdAt.toISOString(),
        changeNote,
      }),
    });
    try {
      await m.insert(VersionRow, row);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError(ErrorCode.VERSION_CONFLICT, `version ${number} of '${agreementId}' was stored meanwhile`, {
          agreementId,
          baseVersion: previous?.number ?? 0,
        });
      }
      throw error;
    }
    return row;
  }
}

export function validationFailed(problems: Problem[]): AppError {
  const n = problems.length;
  return new AppError(ErrorCode.VALIDATION_FAILED, `the document has ${n} problem${n === 1 ? '' : 's'}`, { problems });
}
