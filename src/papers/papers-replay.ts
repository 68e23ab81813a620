import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { ConsultationEntry, PaperEntry } from '../documents/papers-file.types.js';
import { germanDate } from '../common/dates.js';
import type { PapersRepository } from './papers.repository.js';
import type { PapersService } from './papers.service.js';
import { bodyName, sameConsultation, type ConsultationFacts, type PaperFacts } from './rules/index.js';

export type PaperReplayOutcome = 'applied' | 'unchanged';

export interface PaperReplayStep {
  /** JSON Pointer of the entry in the file, for located problems. */
  path: string;
  description: string;
  outcome: PaperReplayOutcome;
}

/**
 * Records one paper of a papers file and its steps unless they are recorded already, through the same rules as the
 * mutations. A paper is the same by body and reference (a recorded one linked elsewhere is a conflict); a step by
 * kind, body, date and role.
 */
export async function replayPaper(
  m: EntityManager,
  service: PapersService,
  repository: PapersRepository,
  actor: Actor,
  agreementId: string,
  entry: PaperEntry,
  at: string,
): Promise<PaperReplayStep[]> {
  const facts = paperFacts(agreementId, entry);
  const steps: PaperReplayStep[] = [];
  const description = `Drucksache ${entry.reference} (${bodyName(entry.body)})`;
  let recorded = await repository.findByKey(entry.body, entry.reference, m);
  if (recorded) {
    if (recorded.agreementId !== facts.agreementId || recorded.agreementVersion !== facts.agreementVersion) {
      throw new AppError(
        ErrorCode.INVALID_STATE,
        `paper ${entry.reference} is recorded for ${recorded.agreementId ?? 'no agreement'} (version ${recorded.agreementVersion ?? '–'})`,
      );
    }
    steps.push({ path: at, description, outcome: 'unchanged' });
  } else {
    recorded = await service.recordPaper(actor, facts, m);
    steps.push({ path: at, description, outcome: 'applied' });
  }
  for (const [i, c] of entry.consultations.entries()) {
    const step = consultationFacts(c);
    const path = `${at}/consultations/${i}`;
    const stepDescription = `Drucksache ${entry.reference}: ${bodyName(c.body)}${c.date ? ` am ${germanDate(c.date)}` : ''}`;
    if (recorded.consultations.some((r) => sameConsultation(r, step))) {
      steps.push({ path, description: stepDescription, outcome: 'unchanged' });
      continue;
    }
    recorded = await service.recordConsultation(actor, entry.body, entry.reference, step, m);
    steps.push({ path, description: stepDescription, outcome: 'applied' });
  }
  return steps;
}

function paperFacts(agreementId: string, e: PaperEntry): PaperFacts {
  return {
    body: e.body,
    reference: e.reference,
    type: e.type,
    subject: e.subject,
    date: e.date,
    originator: e.originator,
    public: e.public,
    legalGround: e.legalGround,
    agreementId,
    agreementVersion: e.agreementVersion,
    concerns: e.concerns,
    oparlId: e.oparlId ?? null,
    note: e.note ?? null,
  };
}

function consultationFacts(c: ConsultationEntry): ConsultationFacts {
  return {
    kind: c.kind,
    body: c.body,
    date: c.date,
    meeting: c.meeting,
    meetingNumber: c.meetingNumber,
    role: c.role,
    result: c.result,
    finished: c.finished,
    oparlId: c.oparlId ?? null,
    note: c.note ?? null,
  };
}
