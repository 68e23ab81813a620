import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { termsOf, type AnyAgreementDocument, type TermsSource } from '../documents/agreement-terms.js';
import type {
  AgreementHistory,
  Amendment,
  AmendmentType,
  Freeze,
  FollowUpOrigin,
  IsoDate,
  Signature,
  SignatureLevel,
  TermsHistory,
} from './rules/index.js';
import { berlinDate } from '../common/berlin-date.js';

export interface FollowUpLink extends FollowUpOrigin {
  successorId: string;
}

export interface SignatureRecord extends Signature {
  agreementId: string;
  recordedAt: Date;
}

/** A status's question to the database: the agreement, the revision kept of it, the version whose document is still unread. */
export interface StatusQuestion {
  id: string;
  knownRevision: string | null;
  documentOf: number | null;
}

/** What the status inputs read: nothing more than the revision when it is the one known. */
export type StatusInputsRead =
  | { changed: false; revision: string; document: AnyAgreementDocument | null }
  | { changed: true; revision: string | null; history: TermsHistory; successor: TermsHistory | null };

export interface AmendmentRecord extends Amendment {
  agreementId: string;
  recordedAt: Date;
}

/**
 * Reads an agreement's dated history into the lifecycle rules' model, five queries for any number
 * of agreements, and writes its append-only records. Dates travel as 'YYYY-MM-DD' text, never as
 * JavaScript Dates, so no time zone can shift them.
 */
@Injectable()
export class LifecycleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(ids: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, AgreementHistory>> {
    const histories = new Map<string, AgreementHistory>(
      ids.map((id) => [id, { agreementId: id, versions: [], freezes: [], signatures: [], amendments: [], followUpOf: null }]),
    );
    const list = [...ids];
    // One after the other: inside a transaction they share one connection, which runs one query at a time.
    const versions = await m.query<HistoryVersionColumns[]>(LIFECYCLE_SQL.historyVersions, [list]);
    const freezes = await m.query<FreezeColumns[]>(LIFECYCLE_SQL.historyFreezes, [list]);
    const signatures = await m.query<SignatureColumns[]>(LIFECYCLE_SQL.historySignatures, [list]);
    const amendments = await m.query<AmendmentColumns[]>(LIFECYCLE_SQL.historyAmendments, [list]);
    const followUps = await this.followUpsOf(m, list);
    const followUpOf = new Map(followUps.map((f) => [f.successorId, f]));
    for (const v of versions) {
      histories.get(v.agreement_id)!.versions.push({
        number: v.number,
        contentHash: v.content_hash,
        content: termsOf(v.content),
        document: v.content,
        createdOn: createdOn(v.number, v.created_at, followUpOf.get(v.agreement_id)?.createdOn),
        author: v.author,
      });
    }
    for (const f of freezes) {
      histories.get(f.agreement_id)!.freezes.push({ version: f.version, frozenOn: f.frozen_on, actor: f.actor } satisfies Freeze);
    }
    for (const [id, f] of followUpOf) {
      const { successorId: _successor, ...origin } = f;
      histories.get(id)!.followUpOf = origin;
    }
    for (const s of signatures) histories.get(s.agreement_id)!.signatures.push(toSignature(s));
    for (const a of amendments) histories.get(a.agreement_id)!.amendments.push(toAmendment(a));
    return histories;
  }

  /**
   * What the status of an agreement needs, for several questions in one statement (zv_status_inputs_batch, migrations
   * 065 and 070), answers in the order asked: its revision and, unless that is `knownRevision`, its history and that
   * of its follow-up (the agreement whose latest version names it as predecessor, the first by id), the versions by
   * their terms. The history has no versions when the agreement does not exist. While the revision is the known
   * one, the document of version `documentOf` comes along when asked for.
   */
  async loadBatchForStatus(asked: readonly StatusQuestion[]): Promise<StatusInputsRead[]> {
    const rows = await this.dataSource.query<
      Array<StatusHistoryColumns & { asked: number; revision: string | null; document: AnyAgreementDocument | null }>
    >(LIFECYCLE_SQL.statusInputsBatch, [asked.map((a) => a.id), asked.map((a) => a.knownRevision), asked.map((a) => a.documentOf)]);
    const answers = asked.map(() => [] as typeof rows);
    for (const row of rows) answers[row.asked - 1].push(row);
    return answers.map((own, k) => toInputsRead(own, asked[k].knownRevision, own[0]?.document ?? null));
  }

  async loadOne(id: string, m?: EntityManager): Promise<AgreementHistory> {
    return (await this.load([id], m)).get(id)!;
  }

  /** The recorded follow-up links of these agreements (as successors). */
  async followUpsOf(m: EntityManager, ids: string[]): Promise<FollowUpLink[]> {
    const rows = await m.query<FollowUpColumns[]>(LIFECYCLE_SQL.followUpsOf, [ids]);
    return rows.map((r) => ({
      successorId: r.successor_id,
      predecessorId: r.predecessor_id,
      predecessorVersion: r.predecessor_version,
      createdOn: r.created_on,
      source: r.source,
      actor: r.actor,
    }));
  }

  async agreementIds(m: EntityManager = this.dataSource.manager): Promise<string[]> {
    return (await m.query<Array<{ id: string }>>(LIFECYCLE_SQL.agreementIds)).map((r) => r.id);
  }

  async findSignature(id: string, m: EntityManager = this.dataSource.manager): Promise<SignatureRecord | null> {
    // Signature ids are uuids; anything else cannot name one (and must not reach the uuid cast).
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const rows = await m.query<SignatureColumns[]>(LIFECYCLE_SQL.signature, [id]);
    return rows.length > 0 ? toSignature(rows[0]) : null;
  }

  async insertFreeze(m: EntityManager, agreementId: string, freeze: Freeze): Promise<void> {
    await m.query('INSERT INTO version_freezes (agreement_id, version, frozen_on, actor) VALUES ($1, $2, $3, $4)', [
      agreementId,
      freeze.version,
      freeze.frozenOn,
      freeze.actor,
    ]);
  }

  async insertSignature(m: EntityManager, agreementId: string, s: Omit<Signature, 'id' | 'withdrawal'>): Promise<SignatureRecord> {
    const [{ id }] = await m.query<Array<{ id: string }>>(
      `INSERT INTO signatures (agreement_id, version, content_hash, party, role, person_name, office, signed_on, level,
                               evidence_file_name, evidence_sha256, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        agreementId,
        s.version,
        s.contentHash,
        s.party,
        s.role,
        s.personName,
        s.office,
        s.signedOn,
        s.level,
        s.evidence?.fileName ?? null,
        s.evidence?.sha256 ?? null,
        s.recordedBy,
      ],
    );
    return (await this.findSignature(id, m))!;
  }

  async insertWithdrawal(m: EntityManager, signatureId: string, w: { withdrawnOn: IsoDate; reason: string; actor: string }): Promise<void> {
    await m.query('INSERT INTO signature_withdrawals (signature_id, withdrawn_on, reason, actor) VALUES ($1, $2, $3, $4)', [
      signatureId,
      w.withdrawnOn,
      w.reason,
      w.actor,
    ]);
  }

  async insertAmendment(m: EntityManager, agreementId: string, a: Omit<Amendment, 'id'>): Promise<AmendmentRecord> {
    const [row] = await m.query<AmendmentColumns[]>(
      `INSERT INTO amendments (agreement_id, type, base_version, new_version, source, decided_on, effective_on, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${AMENDMENT_COLUMNS}`,
      [agreementId, a.type, a.baseVersion, a.newVersion, a.source, a.decidedOn, a.effectiveOn, a.actor],
    );
    return toAmendment(row);
  }

  async insertFollowUp(m: EntityManager, link: FollowUpLink): Promise<void> {
    await m.query(
      `INSERT INTO follow_ups (successor_id, predecessor_id, predecessor_version, created_on, source, actor)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [link.successorId, link.predecessorId, link.predecessorVersion, link.createdOn, link.source, link.actor],
    );
  }
}

const SIGNATURE_SELECT = `
  SELECT s.id, s.agreement_id, s.version, s.content_hash, s.party, s.role, s.person_name, s.office,
         s.signed_on::text AS signed_on, s.level, s.evidence_file_name, s.evidence_sha256, s.recorded_by, s.recorded_at,
         w.withdrawn_on::text AS withdrawn_on, w.reason AS withdrawal_reason, w.actor AS withdrawal_actor
    FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id`;

const AMENDMENT_COLUMNS = `id, agreement_id, type, base_version, new_version, source, decided_on::text AS decided_on,
  effective_on::text AS effective_on, actor, recorded_at`;

/** The statements of the hot reads (history load, status), written to src/queries/ by `npm run sql:emit`. */
export const LIFECYCLE_SQL = {
  historyVersions: `SELECT agreement_id, number, content_hash, content, created_at, author FROM agreement_versions
        WHERE agreement_id = ANY($1) ORDER BY agreement_id, number`,
  historyFreezes: `SELECT agreement_id, version, frozen_on::text AS frozen_on, actor FROM version_freezes
        WHERE agreement_id = ANY($1) ORDER BY frozen_on, recorded_at`,
  historySignatures: `${SIGNATURE_SELECT} WHERE s.agreement_id = ANY($1) ORDER BY s.signed_on, s.recorded_at`,
  historyAmendments: `SELECT ${AMENDMENT_COLUMNS} FROM amendments WHERE agreement_id = ANY($1) ORDER BY decided_on, recorded_at`,
  followUpsOf: `SELECT successor_id, predecessor_id, predecessor_version, created_on::text AS created_on, source, actor
         FROM follow_ups WHERE successor_id = ANY($1) ORDER BY created_on, recorded_at`,
  agreementIds: 'SELECT id FROM agreements ORDER BY id',
  // The revision, and the histories with the follow-up's when it is not the one known (migration 065).
  statusInputsBatch: 'SELECT * FROM zv_status_inputs_batch($1::text[], $2::bigint[], $3::integer[])',
  signature: `${SIGNATURE_SELECT} WHERE s.id = $1`,
} as const;

interface HistoryVersionColumns {
  agreement_id: string;
  number: number;
  content_hash: string;
  content: AnyAgreementDocument;
  created_at: Date;
  author: string;
}

interface FreezeColumns {
  agreement_id: string;
  version: number;
  frozen_on: IsoDate;
  actor: string;
}

interface SignatureColumns {
  id: string;
  agreement_id: string;
  version: number;
  content_hash: string;
  party: string;
  role: string;
  person_name: string;
  office: string | null;
  signed_on: IsoDate;
  level: SignatureLevel;
  evidence_file_name: string | null;
  evidence_sha256: string | null;
  recorded_by: string;
  recorded_at: Date;
  withdrawn_on: IsoDate | null;
  withdrawal_reason: string | null;
  withdrawal_actor: string | null;
}

interface AmendmentColumns {
  id: string;
  agreement_id: string;
  type: AmendmentType;
  base_version: number;
  new_version: number;
  source: string;
  decided_on: IsoDate;
  effective_on: IsoDate;
  actor: string;
  recorded_at: Date;
}

interface FollowUpColumns {
  successor_id: string;
  predecessor_id: string;
  predecessor_version: number;
  created_on: IsoDate;
  source: string | null;
  actor: string;
}

/** zv_status_inputs: each record kind as a JSON array (null when there is none), times as ISO text. */
interface StatusHistoryColumns {
  agreement_id: string;
  versions: Array<{ number: number; content_hash: string; terms: TermsSource; created_at: string; author: string }> | null;
  freezes: Array<Omit<FreezeColumns, 'agreement_id'>> | null;
  signatures: Array<Omit<SignatureColumns, 'recorded_at'> & { recorded_at: string }> | null;
  amendments: Array<Omit<AmendmentColumns, 'recorded_at'> & { recorded_at: string }> | null;
  follow_ups: FollowUpColumns[] | null;
}

/** One agreement's rows of zv_status_inputs: the revision alone when it is the one known, else the histories. */
function toInputsRead(
  rows: Array<StatusHistoryColumns & { revision: string | null }>,
  knownRevision: string | null,
  document: AnyAgreementDocument | null,
): StatusInputsRead {
  const revision = rows[0]?.revision ?? null;
  if (revision !== null && revision === knownRevision) return { changed: false, revision, document };
  const [history, successor] = rows.map(toTermsHistory);
  return { changed: true, revision, history, successor: successor ?? null };
}

/** The same model load() builds, from the terms instead of the documents. */
function toTermsHistory(r: StatusHistoryColumns): TermsHistory {
  const followUps = r.follow_ups ?? [];
  // As load(): of several recorded starts the last in date order stands.
  const origin = followUps.length > 0 ? followUps[followUps.length - 1] : null;
  return {
    agreementId: r.agreement_id,
    versions: (r.versions ?? []).map((v) => ({
      number: v.number,
      contentHash: v.content_hash,
      content: termsOf(v.terms),
      createdOn: createdOn(v.number, new Date(v.created_at), origin?.created_on),
      author: v.author,
    })),
    freezes: (r.freezes ?? []).map((f) => ({ version: f.version, frozenOn: f.frozen_on, actor: f.actor })),
    signatures: (r.signatures ?? []).map((s) => toSignature({ ...s, recorded_at: new Date(s.recorded_at) })),
    amendments: (r.amendments ?? []).map((a) => toAmendment({ ...a, recorded_at: new Date(a.recorded_at) })),
    followUpOf: origin
      ? {
          predecessorId: origin.predecessor_id,
          predecessorVersion: origin.predecessor_version,
          createdOn: origin.created_on,
          source: origin.source,
          actor: origin.actor,
        }
      : null,
  };
}

/** The day a version was made; a follow-up's first version may be stored long after the drafting began, whose recorded start counts. */
function createdOn(number: number, createdAt: Date, followUpStartedOn: IsoDate | undefined): IsoDate {
  const stored = berlinDate(createdAt);
  const started = number === 1 ? followUpStartedOn : undefined;
  return started && started < stored ? started : stored;
}

function toSignature(r: SignatureColumns): SignatureRecord {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    version: r.version,
    contentHash: r.content_hash,
    party: r.party,
    role: r.role,
    personName: r.person_name,
    office: r.office,
    signedOn: r.signed_on,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    level: r.level,
    evidence: r.evidence_file_name && r.evidence_sha256 ? { fileName: r.evidence_file_name, sha256: r.evidence_sha256 } : null,
    withdrawal: r.withdrawn_on ? { withdrawnOn: r.withdrawn_on, reason: r.withdrawal_reason ?? '', actor: r.withdrawal_actor ?? '' } : null,
  };
}

function toAmendment(r: AmendmentColumns): AmendmentRecord {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    type: r.type,
    baseVersion: r.base_version,
    newVersion: r.new_version,
    source: r.source,
    decidedOn: r.decided_on,
    effectiveOn: r.effective_on,
    actor: r.actor,
    recordedAt: r.recorded_at,
  };
}
