import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsoDate } from '../common/dates.js';
import type {
  Consultation,
  ConsultationFacts,
  ConsultationKind,
  ConsultationRevisionFacts,
  Paper,
  PaperConcerns,
  PaperFacts,
  PaperRevisionFacts,
} from './rules/index.js';

const PAPER_COLUMNS = `id, body, reference, type, subject, paper_date::text AS paper_date, originator, public, legal_ground,
       agreement_id, agreement_version, concerns, oparl_id, note, recorded_by, oparl_modified, deleted, fingerprint, revision`;
const CONSULTATION_COLUMNS = `id, paper_id, kind, body, consulted_on::text AS consulted_on, meeting, meeting_number, role, result,
       finished, oparl_id, note, recorded_by, oparl_modified, deleted, fingerprint`;

/** The statements of the hot reads (an agreement's papers, one paper), written to src/queries/ by `npm run sql:emit`. */
export const PAPERS_SQL = {
  papersOfAgreements: `SELECT ${PAPER_COLUMNS} FROM council_papers_current WHERE agreement_id = ANY($1) ORDER BY paper_date NULLS LAST, body, reference`,
  paperByKey: `SELECT ${PAPER_COLUMNS} FROM council_papers_current WHERE body = $1 AND reference = $2`,
  paperByOparlId: `SELECT ${PAPER_COLUMNS} FROM council_papers_current WHERE oparl_id = $1`,
  consultationsOf: `SELECT ${CONSULTATION_COLUMNS} FROM council_consultations_current WHERE paper_id = ANY($1::uuid[])
        ORDER BY consulted_on NULLS LAST, recorded_at`,
} as const;

interface PaperColumns {
  id: string;
  body: string;
  reference: string;
  type: string | null;
  subject: string | null;
  paper_date: IsoDate | null;
  originator: string | null;
  public: boolean | null;
  legal_ground: string | null;
  agreement_id: string | null;
  agreement_version: number | null;
  concerns: PaperConcerns | null;
  oparl_id: string | null;
  note: string | null;
  recorded_by: string;
  oparl_modified: string | null;
  deleted: boolean;
  fingerprint: string | null;
  revision: number;
}

interface ConsultationColumns {
  id: string;
  paper_id: string;
  kind: ConsultationKind;
  body: string;
  consulted_on: IsoDate | null;
  meeting: string | null;
  meeting_number: number | null;
  role: string | null;
  result: string | null;
  finished: boolean | null;
  oparl_id: string | null;
  note: string | null;
  recorded_by: string;
  oparl_modified: string | null;
  deleted: boolean;
  fingerprint: string | null;
}

/** Reads and appends council papers and their steps. Dates travel as 'YYYY-MM-DD' text. */
@Injectable()
export class PapersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each agreement's papers with their steps, two queries for any number of agreements. */
  async papersOf(agreementIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, Paper[]>> {
    const result = new Map<string, Paper[]>(agreementIds.map((id) => [id, []]));
    const rows = await m.query<PaperColumns[]>(PAPERS_SQL.papersOfAgreements, [[...agreementIds]]);
    for (const paper of await this.withConsultations(m, rows)) result.get(paper.agreementId!)!.push(paper);
    return result;
  }

  async findByKey(body: string, reference: string, m: EntityManager = this.dataSource.manager): Promise<Paper | null> {
    const rows = await m.query<PaperColumns[]>(PAPERS_SQL.paperByKey, [body, reference]);
    return (await this.withConsultations(m, rows))[0] ?? null;
  }

  async findByOparlId(oparlId: string, m: EntityManager = this.dataSource.manager): Promise<Paper | null> {
    const rows = await m.query<PaperColumns[]>(PAPERS_SQL.paperByOparlId, [oparlId]);
    return (await this.withConsultations(m, rows))[0] ?? null;
  }

  async agreementIds(m: EntityManager): Promise<string[]> {
    return (await m.query<{ id: string }[]>('SELECT id FROM agreements ORDER BY id')).map((r) => r.id);
  }

  /** The stored consultations with the given OParl ids, of any paper, as they read now. */
  async consultationsByOparlId(m: EntityManager, oparlIds: readonly string[]): Promise<Map<string, Consultation>> {
    const rows = await m.query<ConsultationColumns[]>(`SELECT ${CONSULTATION_COLUMNS} FROM council_consultations_current WHERE oparl_id = ANY($1)`, [
      [...oparlIds],
    ]);
    return new Map(rows.map((r) => [r.oparl_id!, toConsultation(r)]));
  }

  /** Appends a revision numbered after the paper's last one (the caller holds the paper's lock). */
  async insertRevision(m: EntityManager, paperId: string, r: PaperRevisionFacts & { recordedBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO council_paper_revisions (paper_id, number, reference, type, subject, paper_date, agreement_id, agreement_version, concerns,
                                            oparl_modified, deleted, fingerprint, recorded_by)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM council_paper_revisions WHERE paper_id = $1`,
      [
        paperId,
        r.reference,
        r.type,
        r.subject,
        r.date,
        r.agreementId,
        r.agreementVersion,
        r.concerns,
        r.oparlModified,
        r.deleted,
        r.fingerprint,
        r.recordedBy,
      ],
    );
  }

  /** Appends a revision numbered after the consultation's last one (the caller holds its paper's lock). */
  async insertConsultationRevision(m: EntityManager, consultationId: string, r: ConsultationRevisionFacts & { recordedBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO council_consultation_revisions (consultation_id, number, consulted_on, meeting, meeting_number, role, result, finished, note,
                                                   oparl_modified, deleted, fingerprint, recorded_by)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
         FROM council_consultation_revisions WHERE consultation_id = $1`,
      [
        consultationId,
        r.date,
        r.meeting,
        r.meetingNumber,
        r.role,
        r.result,
        r.finished,
        r.note,
        r.oparlModified,
        r.deleted,
        r.fingerprint,
        r.recordedBy,
      ],
    );
  }

  /** Serialises the writers of one paper (and of one new reference) until the transaction ends. */
  async lockKey(m: EntityManager, body: string, reference: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(726040, hashtext($1))', [`${body} ${reference}`]);
  }

  async insertPaper(m: EntityManager, p: PaperFacts & { recordedBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO council_papers (body, reference, type, subject, paper_date, originator, public, legal_ground,
                                   agreement_id, agreement_version, concerns, oparl_id, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        p.body,
        p.reference,
        p.type,
        p.subject,
        p.date,
        p.originator,
        p.public,
        p.legalGround,
        p.agreementId,
        p.agreementVersion,
        p.concerns,
        p.oparlId,
        p.note,
        p.recordedBy,
      ],
    );
  }

  /** Stores a consultation and gives its id. */
  async insertConsultation(m: EntityManager, paperId: string, c: ConsultationFacts & { recordedBy: string }): Promise<string> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO council_consultations (paper_id, kind, body, consulted_on, meeting, meeting_number, role, result, finished,
                                          oparl_id, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [paperId, c.kind, c.body, c.date, c.meeting, c.meetingNumber, c.role, c.result, c.finished, c.oparlId, c.note, c.recordedBy],
    );
    return rows[0].id;
  }

  private async withConsultations(m: EntityManager, rows: PaperColumns[]): Promise<Paper[]> {
    if (rows.length === 0) return [];
    const steps = await m.query<ConsultationColumns[]>(PAPERS_SQL.consultationsOf, [rows.map((r) => r.id)]);
    const byPaper = new Map<string, Consultation[]>(rows.map((r) => [r.id, []]));
    for (const s of steps) byPaper.get(s.paper_id)!.push(toConsultation(s));
    return rows.map((r) => toPaper(r, byPaper.get(r.id)!));
  }
}

function toPaper(r: PaperColumns, consultations: Consultation[]): Paper {
  return {
    id: r.id,
    body: r.body,
    reference: r.reference,
    type: r.type,
    subject: r.subject,
    date: r.paper_date,
    originator: r.originator,
    public: r.public,
    legalGround: r.legal_ground,
    agreementId: r.agreement_id,
    agreementVersion: r.agreement_version,
    concerns: r.concerns,
    oparlId: r.oparl_id,
    note: r.note,
    recordedBy: r.recorded_by,
    oparlModified: r.oparl_modified,
    deleted: r.deleted,
    fingerprint: r.fingerprint,
    revision: r.revision,
    consultations,
  };
}

function toConsultation(s: ConsultationColumns): Consultation {
  return {
    id: s.id,
    paperId: s.paper_id,
    kind: s.kind,
    body: s.body,
    date: s.consulted_on,
    meeting: s.meeting,
    meetingNumber: s.meeting_number,
    role: s.role,
    result: s.result,
    finished: s.finished,
    oparlId: s.oparl_id,
    note: s.note,
    recordedBy: s.recorded_by,
    oparlModified: s.oparl_modified,
    deleted: s.deleted,
    fingerprint: s.fingerprint,
  };
}
