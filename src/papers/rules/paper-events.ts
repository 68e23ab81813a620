import { germanDate, type IsoDate } from '../../common/dates.js';
import { LifecycleEventKind, type LifecycleEvent } from '../../lifecycle/rules/events.js';
import { bodyName, districtOfBody } from './bodies.js';
import { ConsultationKind, type Consultation, type Paper } from './paper.types.js';

/**
 * A paper in an agreement's timeline: the paper on its date, each dated step on its own. Undated facts have no place
 * on a timeline and are left out of it (the paper itself still lists them).
 */
export function paperEvents(paper: Paper): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  if (paper.date !== null) {
    events.push({
      date: paper.date,
      kind: LifecycleEventKind.PAPER,
      actor: paper.recordedBy,
      version: paper.agreementVersion,
      party: null,
      detail: paperDetail(paper, paper.date),
    });
  }
  for (const c of paper.consultations) {
    if (c.date === null) continue;
    events.push({
      date: c.date,
      kind: LifecycleEventKind.CONSULTATION,
      actor: c.recordedBy,
      version: paper.agreementVersion,
      party: null,
      detail: consultationDetail(paper, c),
    });
  }
  return events;
}

/** "Drucksache 1265/XXI: Vorlage zur Kenntnisnahme (Bezirksamt Neukölln, 09.01.2024)". */
function paperDetail(paper: Paper, date: IsoDate): string {
  const from = originatorName(paper);
  return `Drucksache ${paper.reference}: ${paper.type ?? 'Art nicht bekannt'} (${from === null ? '' : `${from}, `}${germanDate(date)})`;
}

/** "BVV Neukölln, 30. öffentliche Sitzung: zur Kenntnis genommen (Drucksache 1265/XXI)". */
function consultationDetail(paper: Paper, c: Consultation): string {
  const meeting = c.meeting === null ? '' : `, ${c.meetingNumber === null ? '' : `${c.meetingNumber}. `}${c.meeting}`;
  const outcome =
    c.result ?? (c.kind === ConsultationKind.DISTRICT_OFFICE_DECISION ? 'Vorlage beschlossen' : `${c.role ?? 'Beratung'}, Ergebnis nicht bekannt`);
  const finished = c.finished === true ? ', Beratungsfolge beendet' : '';
  return `${bodyName(c.body)}${meeting}: ${outcome}${finished} (Drucksache ${paper.reference})`;
}

/** A paper of the district office ("BA/SozGes") is from the Bezirksamt of the council's district. */
function originatorName(paper: Paper): string | null {
  if (paper.originator === null) return null;
  const district = districtOfBody(paper.body);
  if (/^BA\b/.test(paper.originator) && district !== null) return bodyName(`ba-${district}`);
  return paper.originator;
}

/** The first day the register knows of a paper: its date or its earliest dated step; null when nothing is dated. */
export function paperKnownSince(paper: Paper): IsoDate | null {
  const dates = [paper.date, ...paper.consultations.map((c) => c.date)].filter((d): d is IsoDate => d !== null).sort();
  return dates[0] ?? null;
}

/** The papers known by a date, in the order of their first dated fact (then reference). */
export function papersKnownBy(papers: readonly Paper[], asOf: IsoDate | null): Paper[] {
  return papers
    .filter((p) => {
      const since = paperKnownSince(p);
      return asOf === null || (since !== null && since <= asOf);
    })
    .sort(comparePapers);
}

export function comparePapers(a: Paper, b: Paper): number {
  const as = paperKnownSince(a) ?? '9999-12-31';
  const bs = paperKnownSince(b) ?? '9999-12-31';
  return as.localeCompare(bs) || a.body.localeCompare(b.body) || a.reference.localeCompare(b.reference);
}
