import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/project-root.js';

/** The shipped real agreement, as text. */
export function realAgreementYaml(): string {
  return readFileSync(join(projectRoot(), 'agreements/history/soziale-wohnhilfen.1.yaml'), 'utf8');
}

/**
 * A copy of agreements/ (in a new temporary folder, which the caller removes) as it was shipped before the level of
 * Neukölln's two signatures was marked as not known: both `level: handwrittenScan`, the inference registers loaded
 * then recorded, and which the database before migration SignatureLevelUnknown1764000000030 allowed; without the
 * council papers, which no register of that time could hold.
 */
export function agreementsWithInferredLevels(): string {
  const folder = mkdtempSync(join(tmpdir(), 'zv-agreements-'));
  cpSync(join(projectRoot(), 'agreements'), folder, { recursive: true });
  const file = join(folder, 'soziale-wohnhilfen.lifecycle.yaml');
  const marker = /level:\n( +)missing: unknown\n\1note: >-\n(?:\1 +\S.*\n)+/g;
  const shipped = readFileSync(file, 'utf8');
  if (shipped.match(marker)?.length !== 2) throw new Error(`expected Neukölln's two signatures with { missing: unknown } in ${file}`);
  writeFileSync(file, shipped.replace(marker, 'level: handwrittenScan\n'));
  // Council papers came later, with tables of their own (migration CouncilPapers1764000000040).
  rmSync(join(folder, 'soziale-wohnhilfen.papers.yaml'));
  return folder;
}

/** A small complete agreement for tests; `id` lets each test use its own. */
export function sampleAgreementYaml(id = 'test-vereinbarung', extra = ''): string {
  return `# yaml-language-server: $schema=../schema/agreement.schema.json
# Testvereinbarung
formatVersion: 1
id: ${id}
title: Testvereinbarung Bürgerämter
legalBasis: § 6a AZG
policyArea: Bürgerdienste
leadDepartment: senin
entryIntoForce: allParties
validity:
  from: 2024-01-01
  until: 2025-12-31
parties:
  - id: senin
    kind: senateDepartment
    name: Senatsverwaltung für Inneres
    signatoryRoles:
      - id: leitung
        title: Leitung der Senatsverwaltung
  - id: mitte
    kind: district
    name: Bezirksamt Mitte
    signatoryRoles:
      - id: buergerdienste
        title: Für Bürgerdienste zuständiges Bezirksamtsmitglied
      - id: finanzen
        title: Für Finanzen zuständiges Bezirksamtsmitglied
steeringFields:
  - id: kundenperspektive
    title: Kundenperspektive
    focus: true
    qualityStandards:
      - id: termine
        title: Termine binnen 14 Tagen
        indicators:
          - id: indikator-1
            title: Anteil Termine binnen 14 Tagen
            published: true
            unit: Prozent
            direction: higherIsBetter
            definition: Anteil der Termine, die binnen 14 Tagen vergeben werden
            dataSource: Terminmanagement
            periodicity: quarterly
            minimumValue: 60
            targetValue: 90
measurePackages:
  - id: digitalisierung
    title: Digitalisierung
    status: open
predecessor: null
${extra}`;
}
