import { isFormat2 } from '../../documents/agreement-terms.js';
import type { AgreementDocument } from '../../documents/agreement.types.js';
import type { AgreementDocumentV2, IndicatorV2 } from '../../documents/agreement-v2.types.js';
import { isMissing } from '../../documents/facts.js';
import type { LifecycleVersion, PartyStatus } from '../../lifecycle/rules/index.js';
import { bodyName, type Paper } from '../../papers/rules/index.js';
import type { Block, ReportDocument } from './blocks.js';
import {
  AMENDMENT_DE,
  CONCERNS_DE,
  MISSING_DE,
  NOT_GIVEN,
  STATE_DE,
  STEP_DE,
  UNKNOWN,
  dateDe,
  directionDe,
  entryIntoForceDe,
  factDe,
  partyDe,
  periodicityDe,
  yesNoDe,
} from './german.js';
import { reportedVersion, stepsBy, versionByNumber, type ReportInput } from './report-input.js';

/**
 * The agreement's state on the status date, in German: every section is there, and a value the register does not
 * hold is shown as such ("nicht bekannt", "noch zu vereinbaren", "entfällt", "nicht angegeben"), never left out.
 */
export function agreementReport(input: ReportInput): ReportDocument {
  const { status } = input;
  const version = reportedVersion(input);
  const title = version === undefined ? null : factDe(version.document.title);
  const heading = title === null || title === NOT_GIVEN ? `Zielvereinbarung ${status.agreementId}` : title;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: heading },
    { kind: 'paragraph', text: `Bericht zum Stand ${dateDe(status.asOf)} · Kennung: ${status.agreementId}` },
    ...overview(input, version),
    ...validity(input),
    ...signatures(input),
    ...steering(version),
    ...missingFactsSection(input),
    ...papersSection(input),
    ...followUpSection(input),
  ];
  return { title: `${heading} – Stand ${dateDe(status.asOf)}`, blocks };
}

function overview(input: ReportInput, version: LifecycleVersion | undefined): Block[] {
  const { status } = input;
  const doc = version?.document;
  const lead = version?.content.leadDepartment;
  const rows: Array<[string, string]> = [
    ['Titel', doc === undefined ? NOT_GIVEN : factDe(doc.title)],
    ['Rechtsgrundlage', doc === undefined ? NOT_GIVEN : factDe(doc.legalBasis)],
    ['Politikfeld', doc === undefined ? NOT_GIVEN : factDe(doc.policyArea)],
    ['Federführung', lead == null ? (doc === undefined ? NOT_GIVEN : factDe(doc.leadDepartment)) : partyDe(lead, status.asOf)],
    ['Zustand', STATE_DE[status.state]],
    ['Fassung in Kraft', status.versionInForce === null ? 'keine' : `Fassung ${status.versionInForce}`],
    [
      'Prüfsumme der Fassung in Kraft (SHA-256)',
      status.versionInForce === null ? 'entfällt' : (versionByNumber(input, status.versionInForce)?.contentHash ?? NOT_GIVEN),
    ],
    ['Neueste bekannte Fassung', status.latestVersion === null ? 'keine' : `Fassung ${status.latestVersion}`],
    ['Inkrafttreten', doc === undefined ? NOT_GIVEN : entryIntoForceDe(doc.entryIntoForce)],
    ['In Kraft seit', status.inForceSince === null ? 'entfällt' : dateDe(status.inForceSince)],
    ['Vorgängerin', status.predecessorId ?? 'keine'],
  ];
  return [
    { kind: 'heading', level: 2, text: 'Überblick' },
    { kind: 'fields', caption: 'Überblick', rows },
  ];
}

function validity(input: ReportInput): Block[] {
  const { status } = input;
  const version = reportedVersion(input);
  const from = version === undefined ? undefined : version.document.validity.from;
  const until = version === undefined ? undefined : version.document.validity.until;
  const rows: Array<[string, string]> = [
    ['Gültig ab', factDe(from ?? null)],
    ['Gültig bis', factDe(until ?? null)],
    ['Tage bis zum Ablauf', status.daysUntilExpiry === null ? 'entfällt' : String(status.daysUntilExpiry)],
  ];
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Geltungsdauer und Verlängerungen' },
    { kind: 'fields', caption: 'Geltungsdauer', rows },
  ];
  if (status.amendmentsApplied.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Keine Verlängerung oder Änderung verzeichnet.' });
    return blocks;
  }
  blocks.push({
    kind: 'table',
    caption: 'Verlängerungen und Änderungen',
    head: ['Art', 'Fassung', 'Beschlossen am', 'Wirksam ab', 'Gültig bis danach', 'Quelle'],
    rows: status.amendmentsApplied.map((a) => [
      AMENDMENT_DE[a.type],
      `Fassung ${a.baseVersion} → Fassung ${a.newVersion}`,
      dateDe(a.decidedOn),
      dateDe(a.effectiveOn),
      dateDe(versionByNumber(input, a.newVersion)?.content.validity.until ?? null),
      a.source,
    ]),
  });
  return blocks;
}

/** Parties × roles: "unterzeichnet am …", "fehlt", "entfällt" (not a role of this party), "nicht bekannt". */
function signatures(input: ReportInput): Block[] {
  const { status } = input;
  const head: Block = { kind: 'heading', level: 2, text: 'Unterschriften' };
  if (status.parties.length === 0) return [head, { kind: 'paragraph', text: 'Keine Parteien verzeichnet.' }];
  const roles = new Map<string, string>();
  for (const p of status.parties) for (const r of rolesOf(input, p)) if (!roles.has(r.id)) roles.set(r.id, r.title);
  const rows = status.parties.map((p) => {
    const own = rolesOf(input, p);
    const cells = [...roles.keys()].map((role) => {
      if (!p.rolesKnown) return 'nicht bekannt';
      if (!own.some((r) => r.id === role)) return 'entfällt';
      const signed = p.signatures.find((s) => s.role === role);
      return signed === undefined ? 'fehlt' : `unterzeichnet am ${dateDe(signed.signedOn)}`;
    });
    return [p.partyName, ...cells, p.boundSince === null ? 'nein' : `seit ${dateDe(p.boundSince)}`, `Fassung ${p.version}`];
  });
  const blocks: Block[] = [
    head,
    {
      kind: 'table',
      caption: `Unterschriften nach Partei und Rolle, Namen der Parteien am ${dateDe(status.asOf)}`,
      head: ['Partei', ...roles.values(), 'Gebunden', 'Fassung'],
      rows,
    },
  ];
  const unknownRoles = status.parties.filter((p) => !p.rolesKnown);
  if (unknownRoles.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `Wer unterzeichnet, ist nicht bekannt für: ${unknownRoles.map((p) => p.partyName).join(', ')}.`,
    });
  }
  const signers = status.parties.flatMap((p) =>
    p.signatures.map((s) => {
      const role = roleTitle(input, p, s.role);
      // A person recorded by the role alone ("Für Finanzen zuständiges Bezirksamtsmitglied (Name … nicht genannt)") is not named twice.
      const who = s.personName.startsWith(role) ? s.personName : `${role}: ${s.personName}`;
      return `${p.partyName}, ${who}, unterzeichnet am ${dateDe(s.signedOn)}`;
    }),
  );
  if (signers.length > 0) blocks.push({ kind: 'list', items: signers });
  return blocks;
}

function rolesOf(input: ReportInput, party: PartyStatus): Array<{ id: string; title: string }> {
  return versionByNumber(input, party.version)?.content.parties.find((x) => x.id === party.party)?.signatoryRoles ?? [];
}

function roleTitle(input: ReportInput, party: PartyStatus, role: string): string {
  return rolesOf(input, party).find((r) => r.id === role)?.title ?? role;
}

function steering(version: LifecycleVersion | undefined): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Steuerungsfelder, Qualitätsstandards und Indikatoren' }];
  if (version === undefined) return [...blocks, { kind: 'paragraph', text: 'Keine Fassung verzeichnet.' }];
  const doc = version.document;
  if (doc.steeringFields.length === 0) return [...blocks, { kind: 'paragraph', text: 'Keine Steuerungsfelder verzeichnet.' }];
  for (const field of fieldViews(doc)) {
    blocks.push({ kind: 'heading', level: 3, text: field.focus ? `${field.title} (Fokus)` : field.title });
    if (field.text) blocks.push({ kind: 'paragraph', text: field.text });
    if (field.rows.length === 0) {
      blocks.push({ kind: 'paragraph', text: 'Keine Qualitätsstandards verzeichnet.' });
      continue;
    }
    blocks.push({
      kind: 'table',
      caption: `Qualitätsstandards und Indikatoren: ${field.title}`,
      head: ['Qualitätsstandard', 'Indikator', 'Einheit', 'Richtung', 'Erhebung', 'Ausgangswert', 'Mindestwert', 'Zielwert'],
      rows: field.rows,
    });
  }
  return blocks;
}

interface FieldView {
  title: string;
  focus: boolean;
  text: string | null;
  rows: string[][];
}

/** The steering fields as rows of the report; the formats differ only in the field's text and the baseline. */
function fieldViews(doc: AgreementDocument | AgreementDocumentV2): FieldView[] {
  const fields: (AgreementDocument | AgreementDocumentV2)['steeringFields'] = doc.steeringFields;
  return fields.map((f) => ({
    title: f.title,
    focus: f.focus,
    text: ('note' in f ? f.note : 'description' in f ? f.description : null) ?? null,
    rows: f.qualityStandards.flatMap((q) =>
      q.indicators.length === 0
        ? [[q.title, 'keine Indikatoren', '', '', '', '', '', '']]
        : q.indicators.map((i) => [
            q.title,
            factDe(i.title),
            factDe(i.unit),
            directionDe(i.direction),
            periodicityDe(i.periodicity),
            baselineDe(i),
            factDe(i.minimumValue),
            factDe(i.targetValue),
          ]),
    ),
  }));
}

/** Format 1 has no baseline; format 2 gives one with its period, or says why it is missing. */
function baselineDe(indicator: object): string {
  if (!('baseline' in indicator)) return NOT_GIVEN;
  const baseline = (indicator as IndicatorV2).baseline;
  return isMissing(baseline) ? factDe(baseline) : `${factDe(baseline.value)} (Zeitraum: ${factDe(baseline.period)})`;
}

function missingFactsSection(input: ReportInput): Block[] {
  const facts = input.status.missingFacts;
  const version = reportedVersion(input);
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Fehlende Angaben' }];
  if (version !== undefined && !isFormat2(version.document)) {
    return [
      ...blocks,
      {
        kind: 'paragraph',
        text: `Fassung ${version.number} ist im Format 1 gespeichert: fehlende Werte stehen dort leer und sind als „${NOT_GIVEN}“ gezeigt, ohne Grund.`,
      },
    ];
  }
  if (facts.length === 0) return [...blocks, { kind: 'paragraph', text: 'Keine Angabe ist als fehlend markiert.' }];
  return [...blocks, { kind: 'list', items: facts.map((f) => `${f.label}: ${MISSING_DE[f.reason]}${f.note ? ` (${f.note})` : ''}`) }];
}

function papersSection(input: ReportInput): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Drucksachen' }];
  if (input.papers.length === 0) return [...blocks, { kind: 'paragraph', text: 'Keine Drucksache verzeichnet.' }];
  for (const paper of input.papers) blocks.push(...paperBlocks(paper, input.status.asOf));
  return blocks;
}

export function paperTitle(paper: Paper): string {
  return `Drucksache ${paper.reference} (${bodyName(paper.body)})`;
}

function paperBlocks(paper: Paper, asOf: string): Block[] {
  // A paper's fact is null when the source does not state it (see the paper's note): unknown, not left open.
  const known = (value: string | null) => value ?? UNKNOWN;
  const rows: Array<[string, string]> = [
    ['Art', known(paper.type)],
    ['Betreff', known(paper.subject)],
    ['Datum', paper.date === null ? UNKNOWN : dateDe(paper.date)],
    ['Initiator', known(paper.originator)],
    ['Öffentlich', yesNoDe(paper.public)],
    ['Rechtsgrundlage', known(paper.legalGround)],
    ['Betrifft', paper.concerns === null ? UNKNOWN : CONCERNS_DE[paper.concerns]],
    ['Fassung', paper.agreementVersion === null ? UNKNOWN : `Fassung ${paper.agreementVersion}`],
  ];
  if (paper.note) rows.push(['Anmerkung', paper.note]);
  // Kept, because the council was told what it says; but a reader must see that its source withdrew it.
  if (paper.deleted) rows.push(['Hinweis', DELETED_DE]);
  const steps = stepsBy(paper, asOf);
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: paperTitle(paper) },
    { kind: 'fields', caption: paperTitle(paper), rows },
  ];
  if (steps.length === 0) return [...blocks, { kind: 'paragraph', text: 'Keine Beratung verzeichnet.' }];
  blocks.push({
    kind: 'table',
    caption: `Beratungsfolge: Drucksache ${paper.reference}`,
    head: ['Schritt', 'Gremium', 'Datum', 'Sitzung', 'Rolle', 'Ergebnis', 'Abgeschlossen'],
    rows: steps.map((c) => [
      c.deleted ? `${STEP_DE[c.kind]} (${DELETED_DE})` : STEP_DE[c.kind],
      bodyName(c.body),
      c.date === null ? UNKNOWN : dateDe(c.date),
      c.meeting === null && c.meetingNumber === null
        ? UNKNOWN
        : [c.meetingNumber === null ? null : `${c.meetingNumber}.`, c.meeting].filter((x) => x).join(' '),
      c.role ?? UNKNOWN,
      c.result ?? UNKNOWN,
      yesNoDe(c.finished),
    ]),
  });
  return blocks;
}

const DELETED_DE = 'im Ratsinformationssystem als gelöscht gekennzeichnet';

function followUpSection(input: ReportInput): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Folgevereinbarung' }];
  const f = input.followUp;
  if (f === null) return [...blocks, { kind: 'paragraph', text: 'Keine Folgevereinbarung verzeichnet.' }];
  const rows: Array<[string, string]> = [
    ['Kennung', f.agreementId],
    ['Titel', factDe(f.title)],
    ['Zustand', f.state === null ? STATE_DE.NOT_YET_RECORDED : STATE_DE[f.state]],
    ['Verzeichnet seit', dateDe(f.createdOn)],
    ['Quelle', factDe(f.source)],
  ];
  return [...blocks, { kind: 'fields', caption: 'Folgevereinbarung', rows }];
}
