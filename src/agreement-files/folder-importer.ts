import { LineCounter, parseDocument } from 'yaml';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { actorLabel } from '../common/actor.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../common/tokens.js';
import { lockForTransaction } from '../database/locks.js';
import { contentHash } from '../documents/canonical.js';
import { diffAgreements } from '../documents/diff.js';
import type { LifecycleFile, LifecycleFileEvent } from '../documents/lifecycle-file.types.js';
import type { Problem } from '../documents/problems.js';
import { LifecycleRepository } from '../lifecycle/lifecycle.repository.js';
import { LifecycleService } from '../lifecycle/lifecycle.service.js';
import { replayEvent, type ReplayOutcome } from '../lifecycle/lifecycle-replay.js';
import { validationFailed } from '../versions/versions.errors.js';
import { VersionsService, type ParsedDocument } from '../versions/versions.service.js';
import type { FieldChange } from '../documents/diff.js';
import { parseFile, type AgreementFile } from './agreement-files.js';

/** What an import did (or would do) with one agreement file. */
export interface ImportEntry {
  file: string;
  agreementId: string;
  action: 'create' | 'update' | 'unchanged';
  /** The version the file is compared with (absent for a new agreement). */
  baseVersion: number | null;
  /** The version stored (or that would be stored in a dry run). */
  newVersion: number | null;
  changes: FieldChange[];
}

export interface LifecycleEntry {
  file: string;
  agreementId: string;
  /** Position of the event in the file, from 0. */
  index: number;
  description: string;
  outcome: ReplayOutcome;
}

export interface ImportReport {
  agreements: ImportEntry[];
  lifecycle: LifecycleEntry[];
}

interface LifecycleInput {
  file: string;
  text: string;
  content: LifecycleFile;
}

// Serialises imports across instances so two loaders never race on one agreement.
const IMPORT_LOCK = 726_002;

/**
 * Imports a folder as `agreements/` holds it: agreement documents (`<id>.yaml`) and their dated
 * histories (`<id>.lifecycle.yaml`). Everything is validated first; then one transaction stores
 * what is new and replays what has not been recorded yet, so a second run adds nothing. A dry run
 * does the same work and rolls it back, so it reports exactly what a real run would do.
 */
@Injectable()
export class FolderImporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: VersionsService,
    private readonly history: LifecycleRepository,
    private readonly lifecycle: LifecycleService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'maxDocumentBytes'>,
  ) {}

  async import(files: AgreementFile[], options: { dryRun: boolean; actor: Actor; changeNote: (file: string) => string }): Promise<ImportReport> {
    const { docs, histories } = this.parseAll(files);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const m = runner.manager;
      await lockForTransaction(m, IMPORT_LOCK);
      const agreements: ImportEntry[] = [];
      for (const doc of docs) agreements.push(await this.storeDocument(m, doc, actorLabel(options.actor), options.changeNote(doc.file)));
      const lifecycle = await this.replay(m, histories, options.actor);
      if (options.dryRun) await runner.rollbackTransaction();
      else await runner.commitTransaction();
      return { agreements, lifecycle };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private parseAll(files: AgreementFile[]): { docs: Array<ParsedDocument & { file: string }>; histories: LifecycleInput[] } {
    const problems: Problem[] = [];
    const docs: Array<ParsedDocument & { file: string }> = [];
    const histories: LifecycleInput[] = [];
    const docFiles = new Map<string, string>();
    const historyFiles = new Map<string, string>();
    const limits = { maxBytes: this.config.maxDocumentBytes };
    const twice = (file: string, what: string, earlier: string): Problem => ({
      file,
      line: 1,
      column: 1,
      path: '',
      code: 'duplicate-id',
      message: `${what} is also defined in ${earlier}`,
    });
    for (const f of files) {
      const parsed = parseFile(f, limits);
      if (parsed.kind === 'lifecycle') {
        const result = parsed.result;
        if (!result.ok) problems.push(...result.problems);
        else if (historyFiles.has(result.content.agreement)) {
          problems.push(twice(f.file, `the history of '${result.content.agreement}'`, historyFiles.get(result.content.agreement)!));
        } else {
          historyFiles.set(result.content.agreement, f.file);
          histories.push({ file: f.file, text: result.text, content: result.content });
        }
        continue;
      }
      const result = parsed.result;
      if (!result.ok) problems.push(...result.problems);
      else if (docFiles.has(result.content.id)) problems.push(twice(f.file, `agreement '${result.content.id}'`, docFiles.get(result.content.id)!));
      else {
        docFiles.set(result.content.id, f.file);
        docs.push({ file: f.file, content: result.content, text: result.text, hash: contentHash(result.content) });
      }
    }
    if (problems.length > 0) throw validationFailed(problems);
    return { docs, histories };
  }

  /**
   * A file whose content is already one of the agreement's versions adds nothing: versions made
   * later through GraphQL or by amendments (e.g. the extension in a lifecycle file) are not in the
   * file, and loading the folder again must not undo them. A file with new content adds a version
   * on top of the latest one, unless the latest was made by an amendment (then the change belongs
   * in an amendment too).
   */
  private async storeDocument(m: EntityManager, doc: ParsedDocument & { file: string }, author: string, note: string): Promise<ImportEntry> {
    const id = doc.content.id;
    const entry: ImportEntry = { file: doc.file, agreementId: id, action: 'create', baseVersion: null, newVersion: 1, changes: [] };
    const history = await this.history.loadOne(id, m);
    if (history.versions.length === 0) {
      await this.versions.storeNew(m, doc, author, note);
      return entry;
    }
    const same = [...history.versions].reverse().find((v) => v.contentHash === doc.hash);
    if (same) return { ...entry, action: 'unchanged', baseVersion: same.number, newVersion: null };
    const latest = history.versions[history.versions.length - 1]!;
    if (history.amendments.some((a) => a.newVersion === latest.number)) {
      throw new AppError(
        ErrorCode.INVALID_STATE,
        `${doc.file}: '${id}' has new content, but its latest version ${latest.number} was made by an amendment; record the change with amendAgreement instead`,
      );
    }
    const changes = diffAgreements(latest.content, doc.content);
    const row = await this.versions.append(m, id, (await this.versions.findVersion(id, latest.number, m))!, doc, author, note);
    return { ...entry, action: 'update', baseVersion: latest.number, newVersion: row.number, changes };
  }

  /** Follow-up links last: they may point at versions that other histories' amendments create. */
  private async replay(m: EntityManager, histories: LifecycleInput[], actor: Actor): Promise<LifecycleEntry[]> {
    const entries: LifecycleEntry[] = [];
    const steps = histories.flatMap((h) => h.content.events.map((event, index) => ({ h, event, index })));
    const ordered = [...steps.filter((s) => !('followUp' in s.event)), ...steps.filter((s) => 'followUp' in s.event)];
    for (const { h, event, index } of ordered) {
      try {
        const result = await replayEvent(m, this.lifecycle, this.history, actor, h.content.agreement, event);
        entries.push({ file: h.file, agreementId: h.content.agreement, index, description: result.description, outcome: result.outcome });
      } catch (error) {
        if (error instanceof AppError) throw locatedReplayError(h, index, event, error);
        throw error;
      }
    }
    return entries.sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
  }
}

/** A rule refusing an event becomes a problem at that event in the file, like any other document problem. */
function locatedReplayError(h: LifecycleInput, index: number, event: LifecycleFileEvent, error: AppError): AppError {
  const lineCounter = new LineCounter();
  const doc = parseDocument(h.text, { lineCounter });
  const node = doc.getIn(['events', index], true) as { range?: [number, number, number] } | undefined;
  const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
  const kind = Object.keys(event)[0];
  return validationFailed([
    {
      file: h.file,
      line,
      column: col,
      path: `/events/${index}/${kind}`,
      code: 'rule',
      message: `${error.code}: ${error.message}`,
    },
  ]);
}
