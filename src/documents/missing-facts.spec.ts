import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { missingFacts } from './missing-facts.js';
import { parseAgreement } from './parse-agreement.js';
import { formatProblem } from './problems.js';

const root = projectRoot();

function contentOf(file: string): unknown {
  const result = parseAgreement(readFileSync(join(root, file), 'utf8'));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.content;
}

describe('missingFacts: every fact a document marks as missing, where, under which label and why', () => {
  it('lists those of the complete example in document order, with the German label of the place and the note', () => {
    expect(missingFacts(contentOf('test/fixtures/documents/format2-complete.yaml'))).toEqual([
      {
        path: '/steeringFields/0/qualityStandards/0/indicators/1/definition',
        label: 'Klientenperspektive › Erreichbarkeit › Offene Fälle am Quartalsende › Definition',
        reason: 'unknown',
        note: 'Die Definition wird noch abgestimmt (erfunden).',
      },
      {
        path: '/steeringFields/0/qualityStandards/0/indicators/1/targetValue/perDistrict/pankow',
        label: 'Klientenperspektive › Erreichbarkeit › Offene Fälle am Quartalsende › Zielwert › Je Bezirk › Bezirksamt Pankow',
        reason: 'toBeAgreed',
        note: 'Pankow legt seinen Zielwert 2023 fest (erfunden).',
      },
      {
        path: '/steeringFields/0/qualityStandards/1/indicators/0/baseline',
        label: 'Klientenperspektive › Beratung › Beratungen je Jahr, berlinweit › Ausgangswert',
        reason: 'unknown',
        note: null,
      },
      {
        path: '/measurePackages/0/statusHistory/2/asOf',
        label: 'Daten › Statusverlauf › 3 › Stand',
        reason: 'unknown',
        note: 'Abgeschlossen, das Datum ist nicht bekannt (erfunden).',
      },
      { path: '/measurePackages/1/due', label: 'Personalgewinnung › Fällig', reason: 'toBeAgreed', note: null },
      {
        path: '/sources/0/url',
        label: 'Entwurf der Beispielvereinbarung (erfunden) › Link',
        reason: 'notApplicable',
        note: 'Ein internes Papier, erfunden.',
      },
    ]);
  });

  it('lists the unknowns of the Bürgerämter agreement, whose signed text is not public', () => {
    const facts = missingFacts(contentOf('agreements/buergeraemter.yaml'));
    expect(facts.slice(0, 7)).toEqual([
      { path: '/title', label: 'Titel', reason: 'unknown', note: 'Der unterzeichnete Text ist nicht veröffentlicht; sein Titel ist nicht bekannt.' },
      { path: '/legalBasis', label: 'Rechtsgrundlage', reason: 'unknown', note: 'Der unterzeichnete Text ist nicht veröffentlicht.' },
      { path: '/leadDepartment', label: 'Federführung', reason: 'unknown', note: 'Die federführende Senatsverwaltung nennen die Quellen nicht.' },
      { path: '/entryIntoForce', label: 'Inkrafttreten', reason: 'unknown', note: null },
      { path: '/validity/from', label: 'Geltungsdauer › Beginn', reason: 'unknown', note: null },
      { path: '/validity/until', label: 'Geltungsdauer › Ende', reason: 'unknown', note: null },
      {
        path: '/parties/districts/signatoryRoles',
        label: 'Parteien › Bezirke › Unterzeichnungsrollen',
        reason: 'unknown',
        note: 'Wer für die Bezirksämter unterzeichnet hat, ist nicht veröffentlicht.',
      },
    ]);
    const paths = facts.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/timetable', '/measurePackages', '/attainmentCheck/reportedBy', '/resources/0/amounts']));
    // What the sources state is not among them.
    expect(paths).not.toContain('/policyArea');
    expect(paths).not.toContain('/steeringFields/0/qualityStandards/1/indicators/0/minimumValue');
    expect(facts.every((f) => f.reason === 'unknown')).toBe(true);
  });

  it('tells "to be agreed" from "not known" in the shipped Soziale Wohnhilfen text', () => {
    const facts = missingFacts(contentOf('agreements/soziale-wohnhilfen.yaml'));
    const toBeAgreed = facts.filter((f) => f.reason === 'toBeAgreed');
    // Minimum and target of the five indicators: the 2026 follow-up is to set them.
    expect(toBeAgreed.map((f) => f.label.split(' › ').slice(-1)[0])).toEqual(Array(5).fill(['Mindestwert', 'Zielwert']).flat());
    expect(facts).toContainEqual({
      path: '/sources/1/url',
      label:
        'Schreiben der Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung zur Verlängerung › Link',
      reason: 'notApplicable',
      note: 'Ein Schreiben; genannt in Drs. 1265/XXI.',
    });
  });

  it('finds none in a format-1 document: its null cannot say which it meant', () => {
    expect(missingFacts(contentOf('agreements/history/soziale-wohnhilfen.1.yaml'))).toEqual([]);
  });

  it('takes a marker as a whole: a source inside it is no fact of its own', () => {
    expect(missingFacts({ validity: { from: { missing: 'unknown', source: 'drs', note: 'nicht genannt' } } })).toEqual([
      { path: '/validity/from', label: 'Geltungsdauer › Beginn', reason: 'unknown', note: 'nicht genannt' },
    ]);
  });
});
