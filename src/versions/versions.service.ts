import { berlinDate } from '../common/berlin-date.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertMayEdit } from '../auth/policy.js';
import { actorLabel, type Actor } from '../common/actor.js';
import { notFound } from '../common/app-error.js';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { AnyAgreementDocument } from '../documents/agreement-terms.js';
import { chainHash, contentHash } from '../documents/canonical.js';
import { diffAgreements, type FieldChange } from '../documents/diff.js';
import { parseAgreement } from '../documents/parse-agreement.js';
import type { Problem } from '../documents/problems.js';
import { unifiedYamlDiff } from '../documents/unified-diff.js';
import { lockNameForTransaction } from '../database/locks.js';
import { VersionRow } from './version.entity.js';
import { agreementExists, followUpExists, idChanged, noChange, validationFailed, versionConflict } from './versions.errors.js';
import { VersionsRepository } from './versions.repository.js';
import { verifyChain, type ChainReport } from './verify-chain.js';
import { termsOf } from '../documents/agreement-terms.js';

export interface ParsedDocument {
  content: AnyAgreementDocument;
  text: string;
  hash: string;
}

export interface VersionDiffResult {
  agreementId: string;
  from: number;
  to: number;
  changes: FieldChange[];
  /** null when the line diff was given up; `note` then says so. */
  unified: string | null;
  note: string | null;
}

/** Advisory lock namespace for naming a predecessor (with the predecessor's id as the name). */
const FOLLOW_UP_LOCK = 726_003;

/** Shown instead of a line diff that would cost too much; the field changes are complete either way. */
export const LINE_DIFF_OMITTED_NOTE =
  'Zeilenvergleich ausgelassen, weil sich die Fassungen in zu vielen Zeilen unterscheiden; die Feldänderungen sind vollständig.';

/** How documentsOf and the document loader name a version. */
export function versionKey(agreementId: string, number: number): string {
  return `${agreementId}@${number}`;
}

/** The versioned agreement store: validation on the way in, immutable hash-chained versions. */
@Injectable()
export class VersionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: VersionsRepository,
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
    assertMayEdit(actor, termsOf(doc.content).leadDepartment);
    const author = actorLabel(actor);
    return this.dataSource.transaction((m) => this.storeNew(m, doc, author, changeNote));
  }

  /** Version 1 of a new agreement, inside the caller's transaction; ALREADY_EXISTS if the id is taken. */
  async storeNew(m: EntityManager, doc: ParsedDocument, author: string, changeNote: string | null): Promise<VersionRow> {
    if (!(await this.repository.insertAgreement(m, doc.content.id, author))) throw agreementExists(doc.content.id);
    return this.append(m, doc.content.id, null, doc, author, changeNote);
  }

  /**
   * Version 1 of each of these new agreements, in the caller's transaction, in a few statements rather than a few
   * per agreement; what is stored is exactly what storeNew would store for each, in this order. Only for documents
   * naming no predecessor (storeNew checks the follow-up of one first). ALREADY_EXISTS for the first id taken.
   */
  async storeNewMany(
    m: EntityManager,
    docs: ReadonlyArray<{ doc: ParsedDocument; changeNote: string | null }>,
    author: string,
  ): Promise<VersionRow[]> {
    const rows: VersionRow[] = [];
    for (let from = 0; from < docs.length; from += ROWS_PER_STATEMENT) {
      const chunk = docs.slice(from, from + ROWS_PER_STATEMENT);
      if (chunk.some(({ doc }) => doc.content.predecessor !== null)) throw new Error('storeNewMany: a document names a predecessor; use storeNew');
      const ids = chunk.map(({ doc }) => doc.content.id);
      const created = await this.repository.insertAgreements(m, ids, author);
      const taken = ids.find((id) => !created.has(id));
      if (taken !== undefined) throw agreementExists(taken);
      const chunkRows = chunk.map(({ doc, changeNote }) => versionRow(doc.content.id, null, doc, author, changeNote));
      const inserted = new Set((await this.repository.insertVersions(m, chunkRows)).map((r) => versionKey(r.agreementId, r.number)));
      const missing = chunkRows.find((r) => !inserted.has(versionKey(r.agreementId, r.number)));
      if (missing !== undefined) throw versionConflict(missing.agreementId, 0, missing.number);
      rows.push(...chunkRows);
    }
    return rows;
  }

  /** Those of the ids that have a stored version, in one query. */
  storedAmong(agreementIds: readonly string[], m?: EntityManager): Promise<Set<string>> {
    return this.repository.storedAmong(agreementIds, m);
  }

  /**
   * Stores a new version on top of `baseVersion`. The agreement row is locked for the
   * transaction, so of two writers on the same base exactly one wins; the other gets VERSION_CONFLICT.
   */
  async saveDraft(agreementId: string, baseVersion: number, yaml: string, changeNote: string | null, actor: Actor): Promise<VersionRow> {
    const current = await this.repository.findLatest(agreementId);
    if (!current) throw notFound(`agreement '${agreementId}'`);
    assertMayEdit(actor, termsOf(current.content).leadDepartment);
    const doc = this.parse(yaml);
    // Handing an agreement to another department is for an editor of both, or an admin.
    assertMayEdit(actor, termsOf(doc.content).leadDepartment);
    const author = actorLabel(actor);
    if (doc.content.id !== agreementId) throw idChanged(doc.content.id, agreementId);
    return this.dataSource.transaction(async (m) => {
      const latest = await this.lockLatest(m, agreementId);
      // The lead department may have changed since the check above; the lock makes this one final.
      assertMayEdit(actor, termsOf(latest.content).leadDepartment);
      if (latest.number !== baseVersion) throw versionConflict(agreementId, baseVersion, latest.number);
      if (latest.contentHash === doc.hash) throw noChange(agreementId, latest.number);
      return this.append(m, agreementId, latest, doc, author, changeNote);
    });
  }

  /** Parties are named as on `asOf`, by default the day the later version was stored. */
  async diff(agreementId: string, from: number, to: number, asOf?: string | null): Promise<VersionDiffResult> {
    const rows = await this.repository.findVersions(agreementId, [from, to]);
    const before = rows.find((r) => r.number === from);
    const after = rows.find((r) => r.number === to);
    if (!before) throw notFound(`version ${from} of agreement '${agreementId}'`);
    if (!after) throw notFound(`version ${to} of agreement '${agreementId}'`);
    const unified = await unifiedYamlDiff(before.yaml, after.yaml, `${agreementId}@${from}.yaml`, `${agreementId}@${to}.yaml`);
    return {
      agreementId,
      from,
      to,
      changes: diffAgreements(before.content, after.content, { asOf: asOf ?? berlinDate(after.createdAt) }),
      unified,
      note: unified === null ? LINE_DIFF_OMITTED_NOTE : null,
    };
  }

  findVersion(agreementId: string, number: number, m?: EntityManager): Promise<VersionRow | null> {
    return this.repository.findVersion(agreementId, number, m);
  }

  findLatest(agreementId: string, m?: EntityManager): Promise<VersionRow | null> {
    return this.repository.findLatest(agreementId, m);
  }

  /** The document of one version, for a caller that needs no more of it. */
  documentOf(agreementId: string, number: number): Promise<AnyAgreementDocument | null> {
    return this.repository.findContent(agreementId, number);
  }

  /** The documents of these versions in one query, keyed `id@number`. */
  async documentsOf(keys: ReadonlyArray<{ agreementId: string; number: number }>): Promise<Map<string, AnyAgreementDocument>> {
    const rows = await this.repository.findContents(keys);
    return new Map(rows.map((r) => [versionKey(r.agreementId, r.number), r.content]));
  }

  /** The latest version of each given agreement, in one query. */
  latestVersions(agreementIds: readonly string[]): Promise<VersionRow[]> {
    return this.repository.latestOf(agreementIds);
  }

  /** A page of agreements by id, each as its latest version, and how many agreements there are. */
  async latestVersionsPage(page: { limit: number; offset: number }): Promise<{ rows: VersionRow[]; total: number }> {
    const [rows, total] = await Promise.all([this.repository.latestPage(page.limit, page.offset), this.repository.countAgreements()]);
    return { rows, total };
  }

  /** All versions of the given agreements in one query, oldest first. */
  versionsOf(agreementIds: readonly string[], m?: EntityManager): Promise<VersionRow[]> {
    return this.repository.versionsOf(agreementIds, m);
  }

  /** Recomputes every hash and link of every agreement; names the first broken one. */
  verify(pageSize = 500, m?: EntityManager): Promise<ChainReport> {
    return verifyChain(this.repository.allInOrder(pageSize, m));
  }

  /**
   * Locks the agreement for the rest of the transaction and returns its latest version. Every writer
   * of an agreement's history takes this lock first, so concurrent writers queue instead of racing.
   */
  async lockLatest(m: EntityManager, agreementId: string): Promise<VersionRow> {
    const latest = (await this.repository.lockAgreement(m, agreementId)) ? await this.repository.findLatest(agreementId, m) : null;
    if (!latest) throw notFound(`agreement '${agreementId}'`);
    return latest;
  }

  /**
   * For each id, the agreements whose latest version names it as predecessor: the follow-up link
   * as both directions show it (predecessorId from the document, successorId from this).
   */
  followUpsOf(predecessorIds: readonly string[], m?: EntityManager): Promise<Map<string, string[]>> {
    return this.repository.followUpsOf(predecessorIds, m);
  }

  /**
   * An agreement is followed up once: a document may newly name a predecessor only while no other
   * agreement does. The lock makes two writers naming the same predecessor queue, whichever mutation
   * they come through (follow-up draft, new agreement, draft, amendment, folder import).
   */
  private async assertNoOtherFollowUp(m: EntityManager, agreementId: string, predecessor: string): Promise<void> {
    await lockNameForTransaction(m, FOLLOW_UP_LOCK, predecessor);
    const others = ((await this.repository.followUpsOf([predecessor], m)).get(predecessor) ?? []).filter((id) => id !== agreementId);
    if (others.length > 0) throw followUpExists(predecessor, others[0]);
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
    const predecessor = doc.content.predecessor;
    if (predecessor !== null && predecessor !== previous?.content.predecessor) await this.assertNoOtherFollowUp(m, agreementId, predecessor);
    const row = versionRow(agreementId, previous, doc, author, changeNote);
    if (!(await this.repository.insertVersion(m, row))) throw versionConflict(agreementId, previous?.number ?? 0, row.number);
    return row;
  }
}

/** Versions per statement when many are stored at once: a few megabytes of YAML and JSON at most. */
const ROWS_PER_STATEMENT = 200;

/** The version after `previous` (version 1 when null), chained to it, stamped now. */
function versionRow(agreementId: string, previous: VersionRow | null, doc: ParsedDocument, author: string, changeNote: string | null): VersionRow {
  const number = (previous?.number ?? 0) + 1;
  const previousHash = previous?.chainHash ?? null;
  const createdAt = new Date();
  const chain = { agreementId, number, previousHash, contentHash: doc.hash, author, createdAt: createdAt.toISOString(), changeNote };
  return Object.assign(new VersionRow(), {
    ...chain,
    yaml: doc.text,
    content: doc.content,
    createdAt,
    chainHash: chainHash(chain),
  });
}
