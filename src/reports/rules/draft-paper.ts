import { isFormat2 } from '../../documents/agreement-terms.js';
import { ConsultationKind, bodyName, districtOfBody, isCouncilBody, type Paper } from '../../papers/rules/index.js';
import type { Block, ReportDocument } from './blocks.js';
import { paperTitle } from './agreement-report.js';
import { AMENDMENT_DE, CONCERNS_DE, MISSING_DE, NOT_GIVEN, STATE_DE, dateDe, factDe, partyDe } from './german.js';
import { reportedVersion, stepsBy, versionByNumber, type ReportInput } from './report-input.js';

export class ReportInputError extends Error {}

const LEGAL_GROUND = '§ 15 Bezirksverwaltungsgesetz (BezVG)';

/**
 * The draft of the district office's next "Vorlage zur Kenntnisnahme" under § 15 BezVG to the given council, from
 * the recorded facts only: what was agreed, who signed for the district and when, extensions with their sources,
 * the council's earlier papers and their results, and what is pending. Placeholders in square brackets mark what
 * the office fills in; nothing else is added.
 */
export function draftCouncilPaper(input: ReportInput, body: string): ReportDocument {
  if (!isCouncilBody(body)) throw new ReportInputError(`'${body}' is not a district council (bvv-<district>)`);
  const district = districtOfBody(body)!;
  const { status } = input;
  const asOf = status.asOf;
  const party = status.parties.find((p) => p.party === district);
  if (party === undefined) throw new ReportInputError(`district '${district}' is not a party of agreement '${status.agreementId}' on ${asOf}`);
  const version = reportedVersion(input);
  const title = version === undefined ? NOT_GIVEN : factDe(version.document.title);
  const office = partyDe(district, asOf);
  const council = `Bezirksverordnetenversammlung ${office.replace(/^Bezirksamt /, '')}`;

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Entwurf: Vorlage zur Kenntnisnahme' },
    {
      kind: 'fields',
      caption: 'Kopf der Vorlage',
      rows: [
        ['Drucksache', '[Nummer vergibt das BVV-Büro]'],
        ['Drucksache-Art', 'Vorlage zur Kenntnisnahme'],
        ['Gremium', `${council} (${bodyName(body)})`],
        ['Initiator', `${office} [Abteilung]`],
        ['Rechtsgrundlage', LEGAL_GROUND],
        ['Betreff', title],
        ['Stand der Angaben', dateDe(asOf)],
      ],
    },
    { kind: 'heading', level: 2, text: 'Das Bezirksamt legt der Bezirksverordnetenversammlung zur Kenntnisnahme vor:' },
    ...agreed(input, title),
    ...signed(input, district, office),
    ...extended(input),
    ...toldBefore(input, body),
    ...pending(input, district),
    { kind: 'paragraph', text: `Berlin, [Datum]` },
    { kind: 'paragraph', text: '[Unterschriften des Bezirksamts]' },
    {
      kind: 'paragraph',
      text: `Entwurf aus dem Register der Zielvereinbarungen (Kennung ${status.agreementId}, Stand ${dateDe(asOf)}); er enthält nur dort verzeichnete Angaben und ist vom Bezirksamt zu prüfen und zu ergänzen.`,
    },
  ];
  return { title: `Entwurf: Vorlage zur Kenntnisnahme – ${title}`, blocks };
}

function agreed(input: ReportInput, title: string): Block[] {
  const version = reportedVersion(input);
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: 'Vereinbart' }];
  if (version === undefined) return [...blocks, { kind: 'paragraph', text: 'Im Register ist noch keine Fassung verzeichnet.' }];
  const doc = version.document;
  const lead = version.content.leadDepartment;
  blocks.push({
    kind: 'paragraph',
    text:
      `Zielvereinbarung „${title}“; Rechtsgrundlage: ${factDe(doc.legalBasis)}; ` +
      `Federführung: ${lead === null ? factDe(doc.leadDepartment) : partyDe(lead, input.status.asOf)}.`,
  });
  const fields = doc.steeringFields.map((f) => (f.focus ? `${f.title} (Fokus)` : f.title));
  if (fields.length > 0) blocks.push({ kind: 'paragraph', text: `Steuerungsfelder: ${fields.join('; ')}.` });
  const standards = doc.steeringFields.flatMap((f) => f.qualityStandards.map((q) => `${q.title} (${f.title})`));
  if (standards.length > 0) blocks.push({ kind: 'list', items: standards.map((s) => `Qualitätsstandard: ${s}`) });
  return blocks;
}

function signed(input: ReportInput, district: string, office: string): Block[] {
  const { status } = input;
  const party = status.parties.find((p) => p.party === district)!;
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: 'Unterzeichnung' }];
  if (party.signatures.length === 0) {
    return [...blocks, { kind: 'paragraph', text: `Für das ${office} ist bis ${dateDe(status.asOf)} keine Unterschrift verzeichnet.` }];
  }
  const roles = versionByNumber(input, party.version)?.content.parties.find((p) => p.id === district)?.signatoryRoles ?? [];
  const signedVersions = [...new Set(party.signatures.map((s) => s.carriedOverFrom ?? s.version))];
  const firstUntil = signedVersions.map((n) => versionByNumber(input, n)?.content.validity.until ?? null);
  blocks.push({
    kind: 'paragraph',
    text: `Für das ${office} unterzeichnet (Fassung ${signedVersions.join(', ')}; Geltungsdauer bei Unterzeichnung bis ${firstUntil.map((d) => dateDe(d)).join(', ')}):`,
  });
  blocks.push({
    kind: 'list',
    items: party.signatures.map((s) => {
      const role = roles.find((r) => r.id === s.role)?.title ?? s.role;
      // The person is often recorded by the role alone ("Für Finanzen zuständiges Bezirksamtsmitglied (Name … nicht genannt)").
      const who = s.personName.startsWith(role) ? s.personName : `${role}: ${s.personName}`;
      return `${who}, unterzeichnet am ${dateDe(s.signedOn)}`;
    }),
  });
  return blocks;
}

function extended(input: ReportInput): Block[] {
  const { status } = input;
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: 'Verlängerung und Änderungen' }];
  const items = status.amendmentsApplied.map((a) => {
    const before = versionByNumber(input, a.baseVersion)?.content.validity.until ?? null;
    const after = versionByNumber(input, a.newVersion)?.content.validity.until ?? null;
    const span = a.type === 'validityExtension' ? `: Geltungsdauer bis ${dateDe(before)} verlängert bis ${dateDe(after)}` : '';
    return `${AMENDMENT_DE[a.type]}${span} (Fassung ${a.newVersion}; beschlossen am ${dateDe(a.decidedOn)}, wirksam ab ${dateDe(a.effectiveOn)}; Quelle: ${a.source})`;
  });
  if (items.length === 0) blocks.push({ kind: 'paragraph', text: 'Keine Verlängerung oder Änderung verzeichnet.' });
  else blocks.push({ kind: 'list', items });
  const until = status.validUntil === null ? NOT_GIVEN : dateDe(status.validUntil);
  blocks.push({
    kind: 'paragraph',
    text:
      `Zustand am ${dateDe(status.asOf)}: ${STATE_DE[status.state]}` +
      (status.versionInForce === null ? '' : ` (Fassung ${status.versionInForce})`) +
      `; gültig bis ${until}.`,
  });
  return blocks;
}

function toldBefore(input: ReportInput, body: string): Block[] {
  const asOf = input.status.asOf;
  const own = input.papers.filter((p) => p.body === body);
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: 'Bisherige Unterrichtung der Bezirksverordnetenversammlung' }];
  if (own.length === 0)
    return [...blocks, { kind: 'paragraph', text: `Für ${bodyName(body)} ist keine Drucksache zu dieser Zielvereinbarung verzeichnet.` }];
  return [...blocks, { kind: 'list', items: own.map((p) => paperLine(p, asOf)) }];
}

function paperLine(paper: Paper, asOf: string): string {
  const steps = stepsBy(paper, asOf);
  const about = paper.concerns === null ? '' : `, betrifft: ${CONCERNS_DE[paper.concerns]}`;
  const kind = paper.type === null ? '' : `, ${paper.type}`;
  const stepText = steps.map((c) =>
    c.kind === ConsultationKind.DISTRICT_OFFICE_DECISION
      ? `Beschluss des Bezirksamts am ${on(c.date)}`
      : `${bodyName(c.body)}: ${c.result ?? 'Ergebnis nicht bekannt'} am ${on(c.date)}`,
  );
  const told = steps.some((c) => c.kind === ConsultationKind.COUNCIL_CONSULTATION && c.date !== null && c.body === paper.body);
  const open = told ? '' : `; Beratung in der ${bodyName(paper.body)} bis ${dateDe(asOf)} nicht verzeichnet`;
  return `${paperTitle(paper)}${kind}${about}: ${stepText.length === 0 ? 'kein Schritt verzeichnet' : stepText.join('; ')}${open}`;
}

const on = (date: string | null) => (date === null ? '(Datum nicht bekannt)' : dateDe(date));

function pending(input: ReportInput, district: string): Block[] {
  const { status } = input;
  const party = status.parties.find((p) => p.party === district)!;
  const items: string[] = [];
  if (!party.rolesKnown) items.push(`Wer für das ${party.partyName} unterzeichnet, ist nicht bekannt.`);
  for (const m of party.missing) items.push(`Unterschrift fehlt: ${m.partyName}, ${m.roleTitle}`);
  const others = status.parties.filter((p) => p.party !== district && (!p.complete || p.missing.length > 0));
  if (others.length > 0) {
    items.push(`Nicht alle Unterschriften verzeichnet bei weiteren ${others.length} Parteien: ${others.map((p) => p.partyName).join(', ')}`);
  }
  const version = reportedVersion(input);
  if (version !== undefined && isFormat2(version.document)) {
    for (const f of status.missingFacts.filter((f) => f.reason === 'toBeAgreed')) {
      items.push(`${MISSING_DE[f.reason]}: ${f.label}${f.note ? ` (${f.note})` : ''}`);
    }
  } else if (version !== undefined && !isFormat2(version.document)) {
    const indicators = version.document.steeringFields.flatMap((f) => f.qualityStandards.flatMap((q) => q.indicators));
    const open = indicators.filter((i) => i.minimumValue === null || i.targetValue === null);
    if (open.length > 0) items.push(`Mindest- oder Zielwert ${NOT_GIVEN} für ${open.length} von ${indicators.length} Indikatoren`);
  }
  const f = input.followUp;
  if (f !== null) {
    const since = f.createdOn === null ? '' : `, verzeichnet seit ${dateDe(f.createdOn)}`;
    const source = f.source === null ? '' : `; Quelle: ${f.source}`;
    items.push(
      `Folgevereinbarung „${factDe(f.title)}“ (${f.agreementId}): ${f.state === null ? STATE_DE.NOT_YET_RECORDED : STATE_DE[f.state]}${since}${source}`,
    );
  } else {
    items.push('Eine Folgevereinbarung ist nicht verzeichnet.');
  }
  return [
    { kind: 'heading', level: 3, text: 'Offen' },
    { kind: 'list', items },
  ];
}
