import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { BERLIN_DISTRICTS } from '../parties/berlin-parties.js';
import type { AgreementDocument } from './agreement.types.js';
import type { AgreementDocumentV2 } from './agreement-v2.types.js';
import { districtIdsOf, termsOf } from './agreement-terms.js';
import { diffAgreements } from './diff.js';
import { missingFacts } from './missing-facts.js';
import { migrateToFormat2, migratedYaml } from './migrate-format.js';
import { parseAgreement } from './parse-agreement.js';
import { formatProblem } from './problems.js';

const root = projectRoot();
const HISTORY_FILE = 'agreements/history/soziale-wohnhilfen.1.yaml';
const historyText = readFileSync(join(root, HISTORY_FILE), 'utf8');
const minimal = readFileSync(join(root, 'test/fixtures/documents/minimal.yaml'), 'utf8');

function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`snippet not found once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function format1(text: string): AgreementDocument {
  const result = parseAgreement(text);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  if (result.content.formatVersion !== 1) throw new Error('expected format 1');
  return result.content;
}

function migrated(doc: AgreementDocument): AgreementDocumentV2 {
  const result = migrateToFormat2(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.document;
}

/** Every scalar in a document with its JSON Pointer. */
function leaves(node: unknown, path = ''): { path: string; value: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => leaves(item, `${path}/${i}`));
  if (typeof node === 'object' && node !== null) return Object.entries(node).flatMap(([k, v]) => leaves(v, `${path}/${k}`));
  return [{ path, value: node }];
}

describe('migrateToFormat2 of the text signed in January 2022 (agreements/history/soziale-wohnhilfen.1.yaml)', () => {
  const before = format1(historyText);
  const after = migrated(before);

  it('keeps every value of the format-1 text somewhere in the format-2 document', () => {
    // `which: all` stands for the twelve districts' ids.
    const kept = new Set([...leaves(after).map((l) => l.value), ...districtIdsOf(after)].map((v) => JSON.stringify(v)));
    // Party names the party list gives the same way are read from it (see the terms below); format 1's
    // formatVersion and party kinds are said by format 2's structure.
    const lost = leaves(before).filter(
      ({ path, value }) =>
        value !== null && !kept.has(JSON.stringify(value)) && path !== '/formatVersion' && !/^\/parties\/\d+\/(kind|name)$/.test(path),
    );
    expect(lost).toEqual([]);
    // Every null is now said to be unknown, in its place.
    const nulls = leaves(before).filter((l) => l.value === null && l.path !== '/predecessor');
    expect(nulls.length).toBeGreaterThan(30);
    const unknown = new Set(missingFacts(after).map((m) => m.path));
    expect(nulls.map((l) => l.path).filter((p) => !unknown.has(p))).toEqual([]);
  });

  it('keeps title, roles, standards, indicator notes, measure package status and notes where format 2 has them', () => {
    expect(after.title).toBe('Zielvereinbarung zur gesamtstädtischen Steuerung und Weiterentwicklung der Sozialen Wohnhilfen');
    expect(after.legalBasis).toBe('§ 6a Allgemeines Zuständigkeitsgesetz (AZG)');
    expect(after.leadDepartment).toBe('senias');
    expect(after.entryIntoForce).toBe('perDistrict');
    expect(after.validity).toEqual({ from: { missing: 'unknown' }, until: '2023-12-31' });
    expect(after.parties.senateDepartments).toEqual([
      {
        party: 'senias',
        signatoryRoles: [{ id: 'leitung', title: 'Leitung der Senatsverwaltung' }],
        // The name the document gives, which format 2 would not read from the party list without a validity start.
        nameInDocument: 'Senatsverwaltung für Integration, Arbeit und Soziales',
      },
      { party: 'senfin', signatoryRoles: [{ id: 'leitung', title: 'Leitung der Senatsverwaltung' }] },
    ]);
    expect(after.parties.districts).toEqual({
      which: 'all',
      signatoryRoles: [
        { id: 'soziales', title: 'Für Soziales zuständiges Bezirksamtsmitglied' },
        { id: 'finanzen', title: 'Für Finanzen zuständiges Bezirksamtsmitglied' },
      ],
    });
    expect(after.steeringFields.map((f) => [f.id, f.title, f.focus, f.note])).toEqual(
      before.steeringFields.map((f) => [f.id, f.title, f.focus, f.description]),
    );
    const standards = (doc: AgreementDocument | AgreementDocumentV2) =>
      doc.steeringFields.flatMap((f) => f.qualityStandards.map((s) => [s.id, s.title]));
    expect(standards(after)).toEqual(standards(before));
    expect(standards(after)).toHaveLength(5);
    const indicators = after.steeringFields[0].qualityStandards.flatMap((s) => s.indicators);
    expect(indicators.map((i) => i.note)).toEqual(before.steeringFields[0].qualityStandards.flatMap((s) => s.indicators.map((i) => i.note)));
    expect(indicators[0]).toMatchObject({
      id: 'indikator-1',
      title: { missing: 'unknown' },
      published: false,
      minimumValue: { missing: 'unknown' },
      targetValue: { missing: 'unknown' },
    });
    expect(listOfPackages(after)).toEqual([
      ['daten', 'Daten', 'open'],
      ['digitalisierung', 'Digitalisierung', 'open'],
      ['ressourcen', 'Ressourcen', 'open'],
    ]);
    expect(after.note).toBe(before.notes);
    expect(after.predecessor).toBeNull();
  });

  it('reads with the same terms as the format-1 text: parties, names, roles, validity, lead', () => {
    expect(termsOf(after)).toEqual(termsOf(before));
  });

  it('marks what format 1 had no place for as not recorded, never invents it', () => {
    expect(after.servicePromises).toEqual([]);
    expect(after.timetable).toEqual([]);
    expect(after.resources).toEqual([]);
    expect(after.sources).toEqual([]);
    expect(after.attainmentCheck).toEqual({ missing: 'unknown', note: 'In Formatversion 1 nicht erfasst.' });
    const indicator = after.steeringFields[0].qualityStandards[0].indicators[0];
    expect(indicator.kind).toEqual({ missing: 'unknown', note: 'In Formatversion 1 nicht erfasst.' });
    expect(indicator.baseline).toEqual({ missing: 'unknown', note: 'In Formatversion 1 nicht erfasst.' });
  });

  it('passes the format-2 schema and rules', () => {
    const text = migratedYaml(historyText, after, HISTORY_FILE);
    const result = parseAgreement(text, { file: 'migriert.yaml' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.content).toEqual(after);
  });

  it('compared with the format-1 text, shows only what the migration added', () => {
    const changes = diffAgreements(before, after);
    expect(changes.map((c) => c.kind)).toEqual(changes.map(() => 'added'));
    const added = changes.map((c) => c.path.replace(/\/\d+\//g, '/N/'));
    expect([...new Set(added)].sort()).toEqual(
      [
        '/servicePromises',
        '/timetable',
        '/resources',
        '/attainmentCheck',
        '/sources',
        '/steeringFields/N/qualityStandards/N/indicators/N/kind',
        '/steeringFields/N/qualityStandards/N/indicators/N/scope',
        '/steeringFields/N/qualityStandards/N/indicators/N/baseline',
        '/measurePackages/N/responsible',
        '/measurePackages/N/due',
      ].sort(),
    );
    // Three per indicator (five), two per measure package (three), five at the top.
    expect(changes).toHaveLength(5 * 3 + 3 * 2 + 5);
    expect(changes).toContainEqual(
      expect.objectContaining({
        label: 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Art',
        kind: 'added',
        after: { missing: 'unknown', note: 'In Formatversion 1 nicht erfasst.' },
      }),
    );
  });
});

function listOfPackages(doc: AgreementDocumentV2): [string, string, string][] {
  if (!Array.isArray(doc.measurePackages)) throw new Error('measure packages missing');
  return doc.measurePackages.map((mp) => {
    expect(mp.statusHistory).toHaveLength(1);
    return [mp.id, mp.title, mp.statusHistory[0].status];
  });
}

describe('migrateToFormat2: parties', () => {
  const withSenias = (text: string) => text.replaceAll('senx', 'senias');

  it('refuses a party id that Berlin’s party list lacks, naming it', () => {
    const result = migrateToFormat2(format1(minimal));
    expect(result).toEqual({
      ok: false,
      problems: [{ path: '/parties/0/id', message: "party 'senx' is not in Berlin's party list; format 2 refers to parties by those ids" }],
    });
  });

  it('refuses a party whose kind differs from the party list', () => {
    const text = edit(withSenias(minimal), '  - id: mitte\n    kind: district\n', '  - id: senfin\n    kind: district\n');
    expect(migrateToFormat2(format1(text))).toEqual({
      ok: false,
      problems: [{ path: '/parties/1/kind', message: "party 'senfin' is a senateDepartment in Berlin's party list, not a district" }],
    });
  });

  it('refuses districts with different signatory roles: format 2 names one set for all', () => {
    const text = edit(
      withSenias(minimal),
      'steeringFields:',
      'steeringFields:'.replace('steeringFields:', '') +
        '  - id: pankow\n    kind: district\n    name: Bezirksamt Pankow\n    signatoryRoles:\n      - id: finanzen\n        title: Finanzen\nsteeringFields:',
    );
    expect(migrateToFormat2(format1(text))).toEqual({
      ok: false,
      problems: [
        {
          path: '/parties/2/signatoryRoles',
          message: "the districts have different signatory roles ('pankow' differs from 'mitte'); format 2 names one set of roles for all districts",
        },
      ],
    });
  });

  it('lists some districts by id, keeps names the party list does not give, and says when there are none', () => {
    const doc = migrated(format1(edit(withSenias(minimal), 'name: Bezirksamt Mitte', 'name: Bezirksamt Mitte von Berlin')));
    expect(doc.parties.districts).toEqual({
      which: ['mitte'],
      signatoryRoles: [{ id: 'soziales', title: 'Soziales' }],
      namesInDocument: { mitte: 'Bezirksamt Mitte von Berlin' },
    });
    // On 2024-01-01, the validity start, the party list cannot say whether SenIAS was renamed yet: the document's name stays.
    expect(doc.parties.senateDepartments).toEqual([
      { party: 'senias', signatoryRoles: [{ id: 'leitung', title: 'Leitung' }], nameInDocument: 'Senatsverwaltung X' },
    ]);
    const noDistricts = edit(
      withSenias(minimal),
      '  - id: mitte\n    kind: district\n    name: Bezirksamt Mitte\n    signatoryRoles:\n      - id: soziales\n        title: Soziales\n',
      '',
    );
    expect(migrated(format1(noDistricts)).parties.districts).toEqual({ missing: 'notApplicable' });
  });

  it("writes 'all' only for the twelve districts in the party list's order", () => {
    const reordered = format1(historyText);
    reordered.parties = [...reordered.parties.slice(0, 2), ...reordered.parties.slice(2).reverse()];
    const districts = migrated(reordered).parties.districts;
    expect(districts).toMatchObject({ which: [...BERLIN_DISTRICTS].reverse() });
  });
});

describe('migratedYaml', () => {
  const before = format1(historyText);
  const text = migratedYaml(historyText, migrated(before), HISTORY_FILE);

  it('starts with the format-2 schema line and says where it comes from', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schema/agreement-v2.schema.json');
    expect(text).toContain(`# In Formatversion 2 überführt aus ${HISTORY_FILE}.`);
    expect(text).not.toContain('agreement.schema.json');
  });

  it('carries every comment of the format-1 text over, in order', () => {
    const comments = historyText
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('#') && !l.startsWith('# yaml-language-server'))
      .map((l) => l.replace(/^#\s?/, ''));
    expect(comments.length).toBeGreaterThan(10);
    const carried = text
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#\s{0,3}/, ''));
    // Each one after the one before it.
    let from = 0;
    const notFound = comments.filter((c) => {
      const at = carried.indexOf(c, from);
      if (at < 0) return true;
      from = at + 1;
      return false;
    });
    expect(notFound).toEqual([]);
    expect(text).toContain('#   Die Drucksache nennt keinen Beginn der Geltungsdauer.');
  });

  it('carries a comment behind a value with what it stood behind, and takes no text of a block for a comment', () => {
    const source = edit(
      edit(minimal.replaceAll('senx', 'senias'), 'until: 2025-12-31', 'until: 2025-12-31 # verlängert laut Schreiben vom 01.02.2024'),
      'predecessor: null\n',
      'predecessor: null\nnotes: |\n  Erste Zeile\n  # kein Kommentar, sondern Text\n',
    );
    const doc = format1(source);
    const out = migratedYaml(source, migrated(doc), 'beispiel.yaml');
    expect(out).toContain('#   verlängert laut Schreiben vom 01.02.2024 (zu: until: 2025-12-31)');
    expect(out).not.toMatch(/^#.*kein Kommentar/m);
    const reread = parseAgreement(out);
    expect(reread.ok && reread.content).toMatchObject({ formatVersion: 2, note: 'Erste Zeile\n# kein Kommentar, sondern Text\n' });
  });
});
