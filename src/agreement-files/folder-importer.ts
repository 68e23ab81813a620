import { dirname, join, normalize } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditAttempt } from '../audit/audit.service.js';
import type { Actor } from '../common/actor.js';
import { actorLabel } from '../common/actor.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../common/tokens.js';
import { lockForTransaction } from '../database/locks.js';
import { contentHash } from '../documents/canonical.js';
import { diffAgreements } from '../documents/diff.js';
import type { LifecycleFile, LifecycleFileEvent, TextEvent } from '../documents/lifecycle-file.types.js';
import type { Problem } from '../documents/problems.js';
import { parseLifecycleFile } from '../documents/parse-lifecycle.js';
import { LifecycleRepository } from '../lifecycle/lifecycle.repository.js';
import { LifecycleService } from '../lifecycle/lifecycle.service.js';
import { replayEvent, type ReplayOutcome } from '../lifecycle/lifecycle-replay.js';
import type { PapersFile } from '../documents/papers-file.types.js';
import { replayPaper } from '../papers/papers-replay.js';
import { PapersRepository } from '../papers/papers.repository.js';
import { PapersService } from '../papers/papers.service.js';
import { validationFailed } from '../versions/versions.errors.js';
import { VersionsService, type ParsedDocument } from '../versions/versions.service.js';
import type { FieldChange } from '../documents/diff.js';
import { isLifecycleFile, parseFile, type AgreementFile } from './agreement-files.js';
import { importConflict } from './agreement-files.errors.js';
import { forcedNote, planDocument } from './import-plan.js';

/** What an import did (or would do) with one agreement file. */
export interface ImportEntry {
  file: string;
  agreementId: string;
  /** `conflict`: new content on an outdated or unknown base, not stored (start-up loading only; the command line refuses). */
  action: 'create' | 'update' | 'unchanged' | 'conflict';
  /** The version stored, or for `unchanged` the stored version the file equals. */
  version: number | null;
  /** The version the file was based on, where known. */
  baseVersion: number | null;
  /** The latest version before the import (absent for a new agreement). */
  latestVersion: number | null;
  /** Stored over versions newer than its base, on purpose. */
  forced: boolean;
  /** From the latest version to the file. */
  changes: FieldChange[];
}

export interface LifecycleEntry {
  file: string;
  agreementId: string;
  /** Position of the event in the file, from 0. */
  index: number;
  description: string;
  /**
   * `conflict`: a text event naming a version stored with other content, not loaded; `skipped`: an event after it in
   * the same history, not replayed. Both only when loading at start-up (onConflict 'skip'); the command line refuses.
   */
  outcome: ReplayOutcome | 'conflict' | 'skipped';
}

export interface ImportReport {
  agreements: ImportEntry[];
  lifecycle: LifecycleEntry[];
}

export interface ImportOptions {
  dryRun: boolean;
  actor: Actor;
  /** The audit operation: who wrote, and through which door. */
  operation: string;
  /** The change note of a version stored from `file`; finding it again tells the version the file was last loaded as. */
  changeNote: (file: string) => string;
  /** The version the agreement files were based on; without it, the version each was last loaded as. */
  baseVersion?: number | null;
  /** Store new content even on an outdated or unknown base (audited as forced). */
  force?: boolean;
  /** `refuse` fails the whole import with VERSION_CONFLICT; `skip` stores nothing for that file and reports it. */
  onConflict: 'refuse' | 'skip';
}

interface LifecycleInput {
  file: string;
  text: string;
  content: LifecycleFile;
}

interface PapersInput {
  file: string;
  text: string;
  content: PapersFile;
}

type FileDocument = ParsedDocument & { file: string };

/** A file in a history/ folder: an earlier text of an agreement, stored only by a text event. */
function isHistoryText(file: string): boolean {
  return /(^|[\\/])history[\\/][^\\/]+$/.test(normalize(file));
}

/** Where a text event's file is, as the import names files: relative to the lifecycle file's folder. */
function textPath(lifecycleFile: string, file: string): string {
  return normalize(join(dirname(lifecycleFile), file));
}

// Serialises imports across instances so two loaders never race on one agreement.
const IMPORT_LOCK = 726_002;

/**
 * Imports a folder as `agreements/` holds it: agreement documents (`<id>.yaml`) and their dated
 * histories (`<id>.lifecycle.yaml`). One transaction validates everything, stores what is new and
 * replays what has not been recorded yet, so a second run adds nothing; a problem in any file stores
 * nothing (documents stored while later files are still being read are rolled back). New content
 * never undoes versions saved since the file's base (see planDocument), and every write is audited
 * under the actor who ran the import. A dry run does the same work and rolls it back, so it reports
 * exactly what a real run would do.
 */
@Injectable()
export class FolderImporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: VersionsService,
    private readonly history: LifecycleRepository,
    private readonly lifecycle: LifecycleService,
    private readonly papersService: PapersService,
    private readonly papers: PapersRepository,
    private readonly auditLog: AuditService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'maxDocumentBytes'>,
  ) {}

  async import(files: AgreementFile[], options: ImportOptions): Promise<ImportReport> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const m = runner.manager;
      await lockForTransaction(m, IMPORT_LOCK);
      // Documents are stored while the files after them are still being read; a problem in any file still
      // stores nothing, as the transaction is rolled back (see parseAll).
      const early = new EarlyStore((chunk) => this.storeDocuments(m, chunk, options));
      const { docs, histories, texts, paperFiles } = await this.parseAll(files, early);
      const storedEarly = await early.finish();
      if (docs.length < early.docs.length || early.docs.some((d, i) => docs[i] !== d)) {
        throw new Error('FolderImporter: the documents stored early are not the first of those to store');
      }
      const agreements = [...storedEarly, ...(await this.storeDocuments(m, docs.slice(early.docs.length), options))];
      const conflicts = agreements.filter((e) => e.action === 'conflict');
      if (conflicts.length > 0 && options.onConflict === 'refuse') throw importConflict(conflicts);
      const lifecycle = [...(await this.replay(m, histories, texts, options)), ...(await this.recordPapers(m, paperFiles, options.actor))];
      await this.audit(m, agreements, lifecycle, options);
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

  /**
   * Reads and validates every file; any problem fails the import with all problems, in file order, and nothing is
   * stored: what `early` stored by then is rolled back with the transaction, and no other write has happened yet.
   *
   * Lifecycle files are read first, so that the texts their events name are known. Then each agreement document is
   * handed to `early` as soon as it is read, as long as it is certain to be stored by storeDocuments in this place:
   * not a text a history names (the history stores it), and nothing before it under history/ (whether such a text
   * is stored depends on the files after it), and no problem so far.
   */
  private async parseAll(
    files: AgreementFile[],
    early: EarlyStore,
  ): Promise<{
    docs: FileDocument[];
    histories: LifecycleInput[];
    texts: Map<string, FileDocument>;
    paperFiles: PapersInput[];
  }> {
    // Per file, so that problems come out in file order although lifecycle files are read first.
    const problemsOf: Problem[][] = files.map(() => []);
    const docs: Array<ParsedDocument & { file: string }> = [];
    const histories: LifecycleInput[] = [];
    const paperFiles: PapersInput[] = [];
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
    for (const [i, f] of files.entries()) {
      if (!isLifecycleFile(f.file)) continue;
      const result = parseLifecycleFile(f.bytes, { file: f.file, limits });
      if (!result.ok) problemsOf[i].push(...result.problems);
      else if (historyFiles.has(result.content.agreement)) {
        problemsOf[i].push(twice(f.file, `the history of '${result.content.agreement}'`, historyFiles.get(result.content.agreement)!));
      } else {
        historyFiles.set(result.content.agreement, f.file);
        histories.push({ file: f.file, text: result.text, content: result.content });
      }
    }
    const named = new Set(
      histories.flatMap((h) => h.content.events.flatMap((event) => ('text' in event ? [textPath(h.file, event.text.file)] : []))),
    );
    let storing = problemsOf.every((p) => p.length === 0);
    for (const [i, f] of files.entries()) {
      if (isLifecycleFile(f.file)) continue;
      // Lets the statements of the documents handed over so far run while the next files are read.
      if (i % YIELD_EVERY === 0) await nextTurn();
      const parsed = parseFile(f, limits);
      if (parsed.kind === 'lifecycle') throw new Error(`FolderImporter: ${f.file} was read as a lifecycle file`);
      if (parsed.kind === 'papers') {
        if (!parsed.result.ok) problemsOf[i].push(...parsed.result.problems);
        else paperFiles.push({ file: f.file, text: parsed.result.text, content: parsed.result.content });
        storing &&= problemsOf[i].length === 0;
        continue;
      }
      const result = parsed.result;
      if (!result.ok) problemsOf[i].push(...result.problems);
      else if (!isHistoryText(f.file) && docFiles.has(result.content.id)) {
        problemsOf[i].push(twice(f.file, `agreement '${result.content.id}'`, docFiles.get(result.content.id)!));
      } else {
        // Earlier texts under history/ share their agreement's id; the history's text events place them.
        if (!isHistoryText(f.file)) docFiles.set(result.content.id, f.file);
        const doc = { file: f.file, content: result.content, text: result.text, hash: contentHash(result.content) };
        docs.push(doc);
        storing &&= !isHistoryText(f.file);
        if (storing && !named.has(normalize(f.file))) early.add(doc);
      }
      storing &&= problemsOf[i].length === 0;
    }
    const problems = problemsOf.flat();
    if (problems.length > 0) {
      await early.settle();
      throw validationFailed(problems);
    }
    let separated: { docs: FileDocument[]; texts: Map<string, FileDocument> };
    try {
      separated = this.separateTexts(docs, histories);
    } catch (error) {
      await early.settle();
      throw error;
    }
    return { ...separated, histories, paperFiles };
  }

  /**
   * Documents a lifecycle file names in a text event are stored by that event, in the order of the history (version
   * 1 from history/, the extension, then the agreement's own file), not on their own before it. Every text named
   * must be among the files imported, and a history that names texts names the agreement's own file too.
   */
  private separateTexts(all: FileDocument[], histories: LifecycleInput[]): { docs: FileDocument[]; texts: Map<string, FileDocument> } {
    const problems: Problem[] = [];
    const byPath = new Map(all.map((d) => [normalize(d.file), d]));
    const texts = new Map<string, FileDocument>();
    for (const h of histories) {
      const named = h.content.events.flatMap((event, index) => ('text' in event ? [{ event: event.text, index }] : []));
      for (const { event, index } of named) {
        const path = textPath(h.file, event.file);
        const doc = byPath.get(path);
        const at = { file: h.file, line: 1, column: 1, path: `/events/${index}/text/file`, code: 'rule' };
        if (doc === undefined) problems.push({ ...at, message: `${path} is not among the files imported; import the whole folder` });
        else if (doc.content.id !== h.content.agreement) {
          problems.push({ ...at, message: `${path} holds agreement '${doc.content.id}', not '${h.content.agreement}'` });
        } else texts.set(path, doc);
      }
      const own = all.find((d) => d.content.id === h.content.agreement && !isHistoryText(d.file));
      if (named.length > 0 && own !== undefined && !texts.has(normalize(own.file))) {
        problems.push({
          file: h.file,
          line: 1,
          column: 1,
          path: '/events',
          code: 'rule',
          message: `the history names texts, so it must name ${own.file} too, at the version it becomes`,
        });
      }
    }
    if (problems.length > 0) throw validationFailed(problems);
    const textFiles = new Set(texts.values());
    // Texts kept under history/ but named by no history are earlier versions too, never an agreement of their own,
    // when their agreement is in the import. One imported without it (`import agreements/history/x.1.yaml`, or a
    // folder that happens to be called history) is an ordinary document: dropped, it was neither stored nor reported.
    const others = (d: FileDocument) => all.some((o) => o !== d && o.content.id === d.content.id);
    return { docs: all.filter((d) => !textFiles.has(d) && (!isHistoryText(d.file) || !others(d))), texts };
  }

  /**
   * A text event: stores the file as version N when absent; the same text already there is recorded; anything else
   * conflicts. At start-up (onConflict 'skip') a conflict is reported, not thrown: a register that saved version N
   * itself before its folder named a text for N (say, a follow-up draft edited before an upgrade) would otherwise
   * refuse to start, where an agreement file over newer versions only gives a warning.
   */
  private async replayText(
    m: EntityManager,
    h: LifecycleInput,
    event: TextEvent,
    texts: Map<string, FileDocument>,
    options: ImportOptions,
  ): Promise<{ outcome: ReplayOutcome | 'conflict'; description: string }> {
    const doc = texts.get(textPath(h.file, event.file))!;
    const id = h.content.agreement;
    const description = `Fassung ${event.version} aus ${event.file}`;
    const stored = await this.versions.versionsOf([id], m);
    const existing = stored.find((v) => v.number === event.version);
    if (existing !== undefined) {
      if (existing.contentHash === doc.hash) return { outcome: 'unchanged', description };
      const message = `'${id}': version ${event.version} is stored with other content than ${event.file}`;
      if (options.onConflict === 'skip') return { outcome: 'conflict', description: `${description}: ${message}` };
      throw new AppError(ErrorCode.VERSION_CONFLICT, message);
    }
    const actor = options.actor;
    const note = event.changeNote ?? `Import aus ${doc.file}`;
    const latest = stored.at(-1);
    if (latest === undefined && event.version === 1) {
      await this.versions.storeNew(m, doc, actorLabel(actor), note);
      return { outcome: 'applied', description };
    }
    if (latest === undefined || latest.number !== event.version - 1) {
      throw new AppError(
        ErrorCode.VERSION_CONFLICT,
        `'${id}': version ${event.version} of ${event.file} cannot be stored next; the latest version is ${latest?.number ?? 'none'}`,
      );
    }
    await this.versions.append(m, id, await this.versions.lockLatest(m, id), doc, actorLabel(actor), note);
    return { outcome: 'applied', description };
  }

  /**
   * Every document, in file order. A run of consecutive new agreements that name no predecessor is stored together
   * (see VersionsService.storeNewMany), which is what a folder of new files mostly is; every other document goes
   * through storeDocument on its own, after the run before it, so the order of the writes stays the file order.
   */
  private async storeDocuments(m: EntityManager, docs: FileDocument[], options: ImportOptions): Promise<ImportEntry[]> {
    const ids = docs.map((d) => d.content.id);
    // Known once for all: the documents before a new one cannot store its id, as every id is imported once.
    const stored = (options.baseVersion ?? null) === null && new Set(ids).size === ids.length ? await this.versions.storedAmong(ids, m) : null;
    const entries: ImportEntry[] = [];
    let run: FileDocument[] = [];
    const storeRun = async () => {
      if (run.length > 0) entries.push(...(await this.createAll(m, run, options)));
      run = [];
    };
    for (const doc of docs) {
      if (stored !== null && !stored.has(doc.content.id) && doc.content.predecessor === null) {
        run.push(doc);
        continue;
      }
      await storeRun();
      entries.push(await this.storeDocument(m, doc, options));
    }
    await storeRun();
    return entries;
  }

  /** New agreements without a predecessor, as storeDocument would create each (planDocument on no stored versions: create). */
  private async createAll(m: EntityManager, docs: FileDocument[], options: ImportOptions): Promise<ImportEntry[]> {
    const author = actorLabel(options.actor);
    await this.versions.storeNewMany(
      m,
      docs.map((doc) => ({ doc, changeNote: options.changeNote(doc.file) })),
      author,
    );
    return docs.map((doc) => ({
      file: doc.file,
      agreementId: doc.content.id,
      action: 'create',
      version: 1,
      baseVersion: null,
      latestVersion: null,
      forced: false,
      changes: [],
    }));
  }

  /** Decides with planDocument; an existing agreement is locked first, so a concurrent save waits or wins, never vanishes. */
  private async storeDocument(m: EntityManager, doc: ParsedDocument & { file: string }, options: ImportOptions): Promise<ImportEntry> {
    const id = doc.content.id;
    const exists = (await this.versions.findLatest(id, m)) !== null;
    if (exists) await this.versions.lockLatest(m, id);
    const stored = exists ? await this.versions.versionsOf([id], m) : [];
    const source = options.changeNote(doc.file);
    const plan = planDocument(stored, { agreementId: id, hash: doc.hash, source, base: options.baseVersion ?? null, force: options.force ?? false });
    const entry: ImportEntry = {
      file: doc.file,
      agreementId: id,
      action: plan.action,
      version: null,
      baseVersion: null,
      latestVersion: null,
      forced: false,
      changes: [],
    };
    const author = actorLabel(options.actor);
    if (plan.action === 'create') {
      await this.versions.storeNew(m, doc, author, source);
      return { ...entry, version: 1 };
    }
    const latest = stored[stored.length - 1];
    if (plan.action === 'unchanged') return { ...entry, version: plan.version, latestVersion: latest.number };
    const planned = { ...entry, baseVersion: plan.base, latestVersion: latest.number, changes: diffAgreements(latest.content, doc.content) };
    if (plan.action === 'conflict') return planned;
    const note = plan.forced ? forcedNote(source, plan.base, latest.number) : source;
    const row = await this.versions.append(m, id, latest, doc, author, note);
    return { ...planned, version: row.number, forced: plan.forced };
  }

  /** One entry per file that wrote something, in the import's transaction: it stands or falls with the writes. */
  private async audit(m: EntityManager, agreements: ImportEntry[], lifecycle: LifecycleEntry[], options: ImportOptions): Promise<void> {
    const { actor, operation } = options;
    const attempts: AuditAttempt[] = [];
    for (const e of agreements) {
      if (e.action !== 'create' && e.action !== 'update') continue;
      const { changes: _changes, ...args } = e;
      attempts.push({ actor, operation, args, agreementId: e.agreementId, version: e.version, outcome: e.forced ? 'forced' : 'ok' });
    }
    const applied = new Map<string, LifecycleEntry[]>();
    for (const e of lifecycle.filter((l) => l.outcome === 'applied')) applied.set(e.file, [...(applied.get(e.file) ?? []), e]);
    for (const [file, events] of applied) {
      const args = { file, applied: events.map((e) => e.description) };
      attempts.push({ actor, operation, args, agreementId: events[0].agreementId, version: null, outcome: 'ok' });
    }
    await this.auditLog.recordAll(attempts, m);
  }

  /** After every history: a paper may report on a version that an extension made. */
  private async recordPapers(m: EntityManager, files: PapersInput[], actor: Actor): Promise<LifecycleEntry[]> {
    const entries: LifecycleEntry[] = [];
    for (const p of files) {
      let index = 0;
      for (const [i, paper] of p.content.papers.entries()) {
        try {
          const steps = await replayPaper(m, this.papersService, this.papers, actor, p.content.agreement, paper, `/papers/${i}`);
          for (const s of steps)
            entries.push({ file: p.file, agreementId: p.content.agreement, index: index++, description: s.description, outcome: s.outcome });
        } catch (error) {
          if (error instanceof AppError) throw locatedPaperError(p, i, error);
          throw error;
        }
      }
    }
    return entries;
  }

  /**
   * Follow-up links last: they may point at versions that other histories' amendments create. After a text event
   * that conflicts, the later events of that history are skipped: they number versions as the file does, and the
   * stored version of that number holds another text.
   */
  private async replay(
    m: EntityManager,
    histories: LifecycleInput[],
    texts: Map<string, FileDocument>,
    options: ImportOptions,
  ): Promise<LifecycleEntry[]> {
    const { actor } = options;
    const entries: LifecycleEntry[] = [];
    const steps = histories.flatMap((h) => h.content.events.map((event, index) => ({ h, event, index })));
    const ordered = [...steps.filter((s) => !('followUp' in s.event)), ...steps.filter((s) => 'followUp' in s.event)];
    const conflictAt = new Map<LifecycleInput, number>();
    for (const { h, event, index } of ordered) {
      const after = conflictAt.get(h);
      if (after !== undefined && index > after) {
        entries.push({ file: h.file, agreementId: h.content.agreement, index, description: describeSkipped(event), outcome: 'skipped' });
        continue;
      }
      try {
        const result =
          'text' in event
            ? await this.replayText(m, h, event.text, texts, options)
            : await replayEvent(m, this.lifecycle, this.history, actor, h.content.agreement, event);
        if (result.outcome === 'conflict') conflictAt.set(h, index);
        entries.push({ file: h.file, agreementId: h.content.agreement, index, description: result.description, outcome: result.outcome });
      } catch (error) {
        if (error instanceof AppError) throw locatedReplayError(h, index, event, error);
        throw error;
      }
    }
    return entries.sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
  }
}

/** Files read between two turns of the event loop while documents are being stored. */
const YIELD_EVERY = 4;

/** Documents handed to the early store are stored this many at a time. */
const EARLY_CHUNK = 100;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Stores documents in the order they are added, a chunk at a time, one chunk after the other, while the caller goes
 * on reading files. After the first error nothing more is stored; finish() reports it, settle() only waits.
 */
class EarlyStore {
  /** Every document added, in order. */
  readonly docs: FileDocument[] = [];
  private readonly entries: ImportEntry[] = [];
  private pending: FileDocument[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(private readonly store: (docs: FileDocument[]) => Promise<ImportEntry[]>) {}

  add(doc: FileDocument): void {
    this.docs.push(doc);
    this.pending.push(doc);
    if (this.pending.length >= EARLY_CHUNK) this.flush();
  }

  /** The entries of every document added, in order, once all are stored; or the first error. */
  async finish(): Promise<ImportEntry[]> {
    this.flush();
    await this.chain;
    if (this.failure !== null) throw this.failure.error;
    return this.entries;
  }

  /** Waits until nothing is running any more, for an import that fails anyway. */
  async settle(): Promise<void> {
    await this.chain;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    this.chain = this.chain.then(async () => {
      if (this.failure !== null) return;
      try {
        this.entries.push(...(await this.store(chunk)));
      } catch (error) {
        this.failure = { error };
      }
    });
  }
}

/** A rule refusing a paper or one of its steps becomes a problem at that paper in the file. */
function locatedPaperError(p: PapersInput, index: number, error: AppError): AppError {
  const lineCounter = new LineCounter();
  const doc = parseDocument(p.text, { lineCounter });
  const node = doc.getIn(['papers', index], true) as { range?: [number, number, number] } | undefined;
  const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
  return validationFailed([{ file: p.file, line, column: col, path: `/papers/${index}`, code: 'rule', message: `${error.code}: ${error.message}` }]);
}

/** An event not replayed, named by its kind and the version it concerns. */
function describeSkipped(event: LifecycleFileEvent): string {
  const [kind, body] = Object.entries(event)[0] as [string, { version?: number; baseVersion?: number }];
  const version = body.version ?? body.baseVersion;
  return `${kind}${version === undefined ? '' : ` (Fassung ${version})`} nicht geladen: ein früheres Textereignis dieser Datei widerspricht einer gespeicherten Fassung`;
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
