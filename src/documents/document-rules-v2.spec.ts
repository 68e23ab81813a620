import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { projectRoot } from '../common/project-root.js';
import type { AgreementDocumentV2 } from './agreement-v2.types.js';
import { checkDocumentRulesV2 } from './document-rules-v2.js';
import { missingFacts } from './missing-facts.js';
import { parseAgreement } from './parse-agreement.js';
import { formatProblem } from './problems.js';
import type { Problem } from './problems.js';

/**
 * The rules of format 2 beyond its schema, each shown on the invented complete example
 * (test/fixtures/documents/format2-complete.yaml) with one change, as `validate` prints them: file:line:column path message.
 */
const FILE = 'beispiel.yaml';
const complete = readFileSync(join(projectRoot(), 'test/fixtures/documents/format2-complete.yaml'), 'utf8');

/** Replaces one exact, unique snippet of the example, so each test states the change it makes. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`snippet not found once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function edits(...changes: [string, string][]): string {
  return changes.reduce((text, [from, to]) => edit(text, from, to), complete);
}

function problemsOf(text: string): Problem[] {
  const result = parseAgreement(text, { file: FILE });
  if (result.ok) throw new Error('expected problems, got a valid document');
  return result.problems;
}

/** The problems as `validate` prints them. */
const printed = (text: string) => problemsOf(text).map(formatProblem);

function contentOf(text: string): AgreementDocumentV2 {
  const result = parseAgreement(text, { file: FILE });
  if (!result.ok) throw new Error(`expected a valid document, got:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.content as AgreementDocumentV2;
}

const OFFENE_FAELLE = '/steeringFields/0/qualityStandards/0/indicators/1';
const ANFRAGEN = '/steeringFields/0/qualityStandards/0/indicators/0';

describe('the complete example of format 2', () => {
  it('is valid and says that it is invented', () => {
    const doc = contentOf(complete);
    expect(doc.formatVersion).toBe(2);
    expect(doc.title).toMatch(/Beispiel, erfunden/);
    expect(complete).toMatch(/^# Beispiel, erfunden/m);
  });

  it('passes the rules checked on their own, too', () => {
    expect(checkDocumentRulesV2(contentOf(complete), () => ({ line: 1, column: 1 }))).toEqual([]);
  });
});

describe('format 2 rules: parties by their ids in Berlin’s party list', () => {
  it('an unknown district id, with "did you mean"; values for the district it should have been are then not of a party', () => {
    expect(printed(edit(complete, 'which: [mitte, neukoelln, pankow]', 'which: [mitte, neukolln, pankow]'))).toEqual([
      `${FILE}:32:20 /parties/districts/which/1 'neukolln' is not in Berlin's party list; did you mean 'neukoelln'?`,
      `${FILE}:84:53 ${OFFENE_FAELLE}/minimumValue/perDistrict/neukoelln 'neukoelln' is not one of the districts of this agreement`,
      `${FILE}:88:28 ${OFFENE_FAELLE}/targetValue/perDistrict/neukoelln 'neukoelln' is not one of the districts of this agreement`,
      `${FILE}:145:47 /resources/0/amounts/0/value/perDistrict/neukoelln 'neukoelln' is not one of the districts of this agreement`,
      `${FILE}:148:47 /resources/0/amounts/1/value/perDistrict/neukoelln 'neukoelln' is not one of the districts of this agreement`,
    ]);
    expect(problemsOf(edit(complete, 'which: [mitte, neukoelln, pankow]', 'which: [mitte, neukolln, pankow]'))[0].code).toBe('unknown-party');
  });

  it('an unknown Senate department, with "did you mean" found by its abbreviation too', () => {
    expect(printed(edits(['    - party: senfin\n', '    - party: senfinn\n']))).toEqual([
      `${FILE}:27:14 /parties/senateDepartments/1/party 'senfinn' is not in Berlin's party list; did you mean 'senfin'?`,
    ]);
    // SenASGIVA is the name senias bears since 2023; the id stays.
    expect(printed(edits(['    - party: senias\n', '    - party: senasgiva\n']))).toEqual([
      `${FILE}:13:17 /leadDepartment leadDepartment 'senias' is not one of the Senate departments listed in parties.senateDepartments`,
      `${FILE}:23:14 /parties/senateDepartments/0/party 'senasgiva' is not in Berlin's party list; did you mean 'senias'?`,
    ]);
  });

  it('a district listed under senateDepartments, and a Senate department listed as a district', () => {
    expect(printed(edits(['    - party: senfin\n', '    - party: mitte\n']))).toEqual([
      `${FILE}:27:14 /parties/senateDepartments/1/party 'mitte' is a district; list it under parties.districts`,
    ]);
    const senateAsDistrict = edits(
      ['which: [mitte, neukoelln, pankow]', 'which: [mitte, neukoelln, pankow, senfin]'],
      ['perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }', 'perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }'],
    );
    expect(printed(senateAsDistrict)).toEqual([
      `${FILE}:32:39 /parties/districts/which/3 'senfin' is a Senate department; list it under parties.senateDepartments`,
    ]);
  });

  it('the same party twice', () => {
    expect(printed(edits(['    - party: senfin\n', '    - party: senias\n']))).toEqual([
      `${FILE}:27:14 /parties/senateDepartments/1/party duplicate party id 'senias'; already used by /parties/senateDepartments/0 (line 23)`,
    ]);
    expect(printed(edits(['which: [mitte, neukoelln, pankow]', 'which: [mitte, neukoelln, pankow, mitte]']))).toEqual([
      `${FILE}:32:39 /parties/districts/which/3 duplicate district id 'mitte'; already used by /parties/districts/which/0 (line 32)`,
    ]);
  });

  it('leadDepartment must be one of the listed Senate departments, written plainly or with its source', () => {
    const withoutSenfin = edits(['leadDepartment: senias', 'leadDepartment: senfin'], ['    - party: senfin\n', '    - party: senias\n']);
    expect(printed(withoutSenfin)).toEqual([
      `${FILE}:13:17 /leadDepartment leadDepartment 'senfin' is not one of the Senate departments listed in parties.senateDepartments`,
      `${FILE}:27:14 /parties/senateDepartments/1/party duplicate party id 'senias'; already used by /parties/senateDepartments/0 (line 23)`,
    ]);
    expect(printed(edits(['leadDepartment: senias', 'leadDepartment: { value: pankow, source: beispiel-entwurf }']))).toEqual([
      `${FILE}:13:26 /leadDepartment/value leadDepartment 'pankow' is not one of the Senate departments listed in parties.senateDepartments`,
    ]);
    // Not known is not wrong.
    expect(parseAgreement(edits(['leadDepartment: senias', 'leadDepartment: { missing: unknown }'])).ok).toBe(true);
  });

  it('namesInDocument only for districts that are listed', () => {
    const text = edits([
      '    which: [mitte, neukoelln, pankow]\n',
      '    which: [mitte, neukoelln, pankow]\n    namesInDocument: { mitte: Bezirksamt Mitte von Berlin, spandau: Bezirksamt Spandau }\n',
    ]);
    expect(printed(text)).toEqual([
      `${FILE}:33:69 /parties/districts/namesInDocument/spandau 'spandau' is not one of the districts listed in parties.districts.which`,
    ]);
  });

  it('the parties responsible for a milestone or a measure package, and who reports, are in the party list', () => {
    const text = edits(
      ['    responsible: [senias]\n    due: 2023-12\n', '    responsible: [senais]\n    due: 2023-12\n'],
      ['      value: [senias, senfin]\n', '      value: [senias, finanzen]\n'],
      ['  reportedBy: [allDistricts]\n', '  reportedBy: [allDistricts, neukolln]\n'],
    );
    expect(printed(text)).toEqual([
      `${FILE}:133:23 /timetable/2/responsible/value/1 'finanzen' is not in Berlin's party list`,
      `${FILE}:167:30 /attainmentCheck/reportedBy/1 'neukolln' is not in Berlin's party list; did you mean 'neukoelln'?`,
      `${FILE}:173:19 /measurePackages/0/responsible/0 'senais' is not in Berlin's party list; did you mean 'senias'?`,
    ]);
    expect(problemsOf(text).map((p) => p.code)).toEqual(['unknown-party', 'unknown-party', 'unknown-party']);
  });
});

describe('format 2 rules: sources and ids', () => {
  it('a source id that is not listed, with "did you mean"', () => {
    const text = edits(
      [
        '  value: § 6a Allgemeines Zuständigkeitsgesetz (AZG)\n  source: azg-6a\n',
        '  value: § 6a Allgemeines Zuständigkeitsgesetz (AZG)\n  source: azg-6b\n',
      ],
      [
        '    indicator: anfragen-binnen-14-tagen\n    source: beispiel-entwurf\n',
        '    indicator: anfragen-binnen-14-tagen\n    source: [beispiel-entwurf, zeitungsartikel]\n',
      ],
    );
    expect(printed(text)).toEqual([
      `${FILE}:11:11 /legalBasis/source no source 'azg-6b' in this document's sources; did you mean 'azg-6a'?`,
      `${FILE}:116:32 /servicePromises/0/source/1 no source 'zeitungsartikel' in this document's sources`,
    ]);
    expect(problemsOf(text).map((p) => p.code)).toEqual(['unknown-source', 'unknown-source']);
  });

  it('a source cited in a missing marker and deep inside a value is checked as well', () => {
    const text = edits([
      '                pankow: { missing: toBeAgreed, note:',
      '                pankow: { missing: toBeAgreed, source: entwurf, note:',
    ]);
    expect(printed(text)).toEqual([
      `${FILE}:89:56 ${OFFENE_FAELLE}/targetValue/perDistrict/pankow/source no source 'entwurf' in this document's sources`,
    ]);
  });

  it('duplicate ids in every list that has them, each pointing at the first', () => {
    const text = edits(
      ['      - id: beratung\n', '      - id: erreichbarkeit\n'],
      ['  - id: zwischenbericht\n', '  - id: datenerhebung\n'],
      ['  - id: personalgewinnung\n', '  - id: daten\n'],
      ['  - id: beispiel-bericht-2021\n', '  - id: beispiel-entwurf\n'],
      ['      - id: finanzen\n', '      - id: soziales\n'],
    );
    expect(printed(text)).toEqual([
      `${FILE}:36:13 /parties/districts/signatoryRoles/1/id duplicate signatory role id 'soziales'; already used by /parties/districts/signatoryRoles/0 (line 34)`,
      // The source cited as beispiel-bericht-2021 is gone with its id.
      `${FILE}:62:23 ${ANFRAGEN}/baseline/source no source 'beispiel-bericht-2021' in this document's sources`,
      `${FILE}:81:25 ${OFFENE_FAELLE}/baseline/value/source no source 'beispiel-bericht-2021' in this document's sources`,
      `${FILE}:91:13 /steeringFields/0/qualityStandards/1/id duplicate quality standard id 'erreichbarkeit'; already used by /steeringFields/0/qualityStandards/0 (line 44)`,
      `${FILE}:123:9 /timetable/1/id duplicate milestone id 'datenerhebung'; already used by /timetable/0 (line 119)`,
      `${FILE}:181:17 /measurePackages/0/statusHistory/1/source no source 'beispiel-bericht-2021' in this document's sources`,
      `${FILE}:186:9 /measurePackages/1/id duplicate measure package id 'daten'; already used by /measurePackages/0 (line 171)`,
      `${FILE}:212:9 /sources/1/id duplicate source id 'beispiel-entwurf'; already used by /sources/0 (line 204)`,
    ]);
  });

  it('a resource of a measure package and the indicator of a service promise must exist, with "did you mean"', () => {
    const text = edits(
      ['    resources: [sachmittel]\n', '    resources: [sachmitel]\n'],
      ['    indicator: anfragen-binnen-14-tagen\n', '    indicator: anfragen-binnen-14-tage\n'],
    );
    expect(printed(text)).toEqual([
      `${FILE}:115:16 /servicePromises/0/indicator no indicator 'anfragen-binnen-14-tage' in this document; did you mean 'anfragen-binnen-14-tagen'?`,
      `${FILE}:175:17 /measurePackages/0/resources/0 no resource 'sachmitel' in this document; did you mean 'sachmittel'?`,
    ]);
  });
});

describe('format 2 rules: indicator values fit the indicator', () => {
  it('values per district under scope berlinWide', () => {
    const text = edit(complete, '            minimumValue: 80\n', '            minimumValue:\n              perDistrict: { mitte: 80 }\n');
    expect(printed(text)).toEqual([
      `${FILE}:64:15 ${ANFRAGEN}/minimumValue values per district need scope perDistrict; a Berlin-wide figure is one value`,
    ]);
  });

  it('resource amounts per district under a resource of scope berlinWide', () => {
    const text = edit(complete, '        value: 250000\n', '        value: { perDistrict: { mitte: 100000 } }\n');
    expect(printed(text)).toEqual([
      `${FILE}:157:16 /resources/1/amounts/0/value values per district need scope perDistrict; a Berlin-wide figure is one value`,
    ]);
  });

  it('a value for a district that is not a party, and for one that is no Berlin district', () => {
    const text = edit(
      complete,
      'perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }',
      'perDistrict: { mitte: 120, neukoelln: 150, pankow: 90, spandau: 100, kreuzberg: 3 }',
    );
    expect(printed(text)).toEqual([
      `${FILE}:84:79 ${OFFENE_FAELLE}/minimumValue/perDistrict/spandau 'spandau' is not one of the districts of this agreement`,
      `${FILE}:84:95 ${OFFENE_FAELLE}/minimumValue/perDistrict/kreuzberg 'kreuzberg' is not a Berlin district`,
    ]);
    expect(problemsOf(text).map((p) => p.code)).toEqual(['rule', 'unknown-party']);
  });

  it('values per district where the districts are not known are checked against Berlin’s districts only', () => {
    const text = edits(
      [
        '  districts:\n    which: [mitte, neukoelln, pankow]\n    signatoryRoles:\n      - id: soziales\n        title: Für Soziales zuständiges Bezirksamtsmitglied\n      - id: finanzen\n        title: Für Finanzen zuständiges Bezirksamtsmitglied\n',
        '  districts: { missing: unknown }\n',
      ],
      ['perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }', 'perDistrict: { mitte: 120, neukoelln: 150, pankow: 90, spandau: 100 }'],
    );
    expect(contentOf(text).parties.districts).toEqual({ missing: 'unknown' });
    const typo = edit(text, 'spandau: 100 }', 'spandaw: 100 }');
    expect(printed(typo)).toEqual([
      `${FILE}:78:79 ${OFFENE_FAELLE}/minimumValue/perDistrict/spandaw 'spandaw' is not a Berlin district; did you mean 'spandau'?`,
    ]);
  });

  it('a share outside 0–100, at the value itself, per district and with its source', () => {
    const text = edits(
      ['            minimumValue: 80\n', '            minimumValue: -1\n'],
      ['            targetValue: 90\n', '            targetValue: { value: 101, source: beispiel-entwurf }\n'],
    );
    expect(printed(text)).toEqual([
      `${FILE}:63:27 ${ANFRAGEN}/minimumValue a share is a percentage from 0 to 100, got -1`,
      `${FILE}:64:35 ${ANFRAGEN}/targetValue/value a share is a percentage from 0 to 100, got 101`,
    ]);
    const perDistrict = edits(
      ['            kind: count\n            unit: Fälle\n', '            kind: share\n            unit: Prozent\n'],
      ['perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }', 'perDistrict: { mitte: 100, neukoelln: 150, pankow: 90 }'],
      ['                mitte: 100\n                neukoelln: 130\n', '                mitte: 100\n                neukoelln: 100\n'],
    );
    expect(printed(perDistrict)).toEqual([
      `${FILE}:84:53 ${OFFENE_FAELLE}/minimumValue/perDistrict/neukoelln a share is a percentage from 0 to 100, got 150`,
    ]);
    // The bounds themselves are shares.
    expect(
      parseAgreement(
        edits(
          ['            minimumValue: 80\n', '            minimumValue: 0\n'],
          ['            targetValue: 90\n', '            targetValue: 100\n'],
        ),
      ).ok,
    ).toBe(true);
  });

  it('`within` only on a share', () => {
    const text = edit(
      complete,
      '            kind: count\n            unit: Fälle\n',
      '            kind: count\n            unit: Fälle\n            within: { value: 3, unit: Tage }\n',
    );
    expect(printed(text)).toEqual([
      `${FILE}:71:21 ${OFFENE_FAELLE}/within 'within' counts the cases within a limit; it needs kind 'share', not 'count'`,
    ]);
    // While the kind is not known, `within` is not wrong.
    expect(
      parseAgreement(
        edit(text, '            kind: count\n            unit: Fälle\n', '            kind: { missing: unknown }\n            unit: Fälle\n'),
      ).ok,
    ).toBe(true);
  });

  it('minimum and target are ordered by the direction, for each district', () => {
    // lowerIsBetter: the target must not be above the minimum; Mitte's minimum 90 is below its target 100.
    const lower = edit(complete, 'perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }', 'perDistrict: { mitte: 90, neukoelln: 150, pankow: 90 }');
    expect(printed(lower)).toEqual([
      `${FILE}:87:24 ${OFFENE_FAELLE}/targetValue/perDistrict/mitte targetValue 100 for mitte must not be above minimumValue 90 when direction is lowerIsBetter`,
    ]);
    // One minimum for all against targets per district.
    const oneMinimum = edit(
      complete,
      '              perDistrict: { mitte: 120, neukoelln: 150, pankow: 90 }\n',
      '              value: 110\n              source: beispiel-entwurf\n',
    );
    expect(printed(oneMinimum)).toEqual([
      `${FILE}:89:28 ${OFFENE_FAELLE}/targetValue/perDistrict/neukoelln targetValue 130 for neukoelln must not be above minimumValue 110 when direction is lowerIsBetter`,
    ]);
    // higherIsBetter: the target must not be below the minimum.
    expect(printed(edit(complete, '            minimumValue: 80\n', '            minimumValue: 95\n'))).toEqual([
      `${FILE}:64:26 ${ANFRAGEN}/targetValue targetValue 90 must not be below minimumValue 95 when direction is higherIsBetter`,
    ]);
    // A minimum or target of a district marked missing has nothing to be ordered against.
    expect(parseAgreement(edit(complete, 'pankow: 90 }', 'pankow: 10 }')).ok).toBe(true);
  });

  it('values need a direction', () => {
    const text = edit(complete, '            direction: lowerIsBetter\n', '            direction: { missing: unknown }\n');
    expect(printed(text)).toEqual([
      `${FILE}:72:24 ${OFFENE_FAELLE}/direction direction must be set (higherIsBetter or lowerIsBetter) when minimumValue or targetValue is set`,
    ]);
  });
});

describe('format 2 rules: validity and predecessor', () => {
  it('until before from', () => {
    expect(printed(edit(complete, '    value: 2026-12-31\n', '    value: 2021-12-31\n'))).toEqual([
      `${FILE}:18:5 /validity/until validity.until 2021-12-31 must not be before validity.from 2022-07-01`,
    ]);
  });

  it('an agreement does not follow up itself', () => {
    expect(printed(edit(complete, 'predecessor: null', 'predecessor: beispiel-format2'))).toEqual([
      `${FILE}:221:14 /predecessor predecessor must differ from id 'beispiel-format2'; an agreement cannot follow up itself`,
    ]);
  });
});

describe('format 2: partial dates where a date only describes, exact dates where it decides', () => {
  const descriptive: [string, string, string][] = [
    ['milestone due', '    due: 2022-09\n', '    due: DATE\n'],
    ['milestone due with its source', '      value: 2023-06-30\n', '      value: DATE\n'],
    ['measure package due', '    due: 2023-12\n', '    due: DATE\n'],
    ['status as of', '        asOf: 2022-07\n', '        asOf: DATE\n'],
    ['baseline period', "              period: '2021'\n", '              period: DATE\n'],
    [
      'resource period',
      "      - period: '2023'\n        value:\n          perDistrict",
      '      - period: DATE\n        value:\n          perDistrict',
    ],
    ['chronology date', '  - date: 2021-06\n', '  - date: DATE\n'],
    ['source date', '    date: 2022-05\n', '    date: DATE\n'],
  ];

  it.each(descriptive)('%s: a month, a year or a day', (_where, from, to) => {
    for (const date of ["'2021-06'", "'2018'", '2021-06', '2018-03-31']) {
      expect(parseAgreement(edit(complete, from, to.replace('DATE', date))).ok).toBe(true);
    }
  });

  it.each(descriptive)('%s: not a month that does not exist', (_where, from, to) => {
    const [problem] = problemsOf(edit(complete, from, to.replace('DATE', '2021-13')));
    expect(problem.code).toBe('format');
    expect(problem.message).toBe("must be a date YYYY-MM-DD, or YYYY-MM or YYYY when no more is known, got '2021-13'");
  });

  it('validity decides legal state: only an exact day, said plainly', () => {
    expect(printed(edit(complete, '  from: 2022-07-01\n', '  from: 2021-06\n'))).toEqual([
      `${FILE}:16:9 /validity/from must be an ISO date YYYY-MM-DD, got '2021-06'`,
    ]);
    expect(printed(edit(complete, '    value: 2026-12-31\n', "    value: '2018'\n"))).toEqual([
      `${FILE}:18:12 /validity/until/value must be an ISO date YYYY-MM-DD, got '2018'`,
    ]);
  });
});

describe('format 2: the missing marker is accepted wherever a fact is', () => {
  // Every place the schema lets a fact be { missing: … }, in the example.
  const places = [
    '/title',
    '/legalBasis',
    '/policyArea',
    '/leadDepartment',
    '/entryIntoForce',
    '/validity/from',
    '/validity/until',
    '/parties/senateDepartments/0/signatoryRoles',
    '/parties/districts/signatoryRoles',
    '/parties/districts',
    `${ANFRAGEN}/title`,
    `${ANFRAGEN}/kind`,
    `${ANFRAGEN}/unit`,
    `${ANFRAGEN}/scope`,
    `${ANFRAGEN}/direction`,
    `${ANFRAGEN}/definition`,
    `${ANFRAGEN}/dataSource`,
    `${ANFRAGEN}/periodicity`,
    `${ANFRAGEN}/baseline`,
    `${ANFRAGEN}/baseline/value`,
    `${ANFRAGEN}/baseline/period`,
    `${ANFRAGEN}/minimumValue`,
    `${ANFRAGEN}/targetValue`,
    `${OFFENE_FAELLE}/minimumValue/perDistrict/mitte`,
    '/servicePromises',
    '/timetable',
    '/timetable/0/due',
    '/timetable/0/responsible',
    '/resources',
    '/resources/0/unit',
    '/resources/0/scope',
    '/resources/0/amounts',
    '/resources/1/amounts/0/value',
    '/attainmentCheck',
    '/attainmentCheck/method',
    '/attainmentCheck/dataSource',
    '/attainmentCheck/cadence',
    '/attainmentCheck/reportedBy',
    '/measurePackages',
    '/measurePackages/0/responsible',
    '/measurePackages/0/due',
    '/measurePackages/0/statusHistory/0/asOf',
    '/sources/0/issuer',
    '/sources/0/date',
    '/sources/0/url',
    '/sources/1/date',
  ];

  // What must go with a place marked missing, by the rules: values need a direction, and a measure package can
  // name only resources the document lists.
  const together: Record<string, string[]> = {
    [`${ANFRAGEN}/direction`]: [`${ANFRAGEN}/minimumValue`, `${ANFRAGEN}/targetValue`],
  };
  const removed: Record<string, string[]> = { '/resources': ['/measurePackages/0/resources', '/measurePackages/1/resources'] };
  const tokens = (pointer: string) =>
    pointer
      .slice(1)
      .split('/')
      .map((t) => (/^\d+$/.test(t) ? Number(t) : t));

  it.each(places)('%s', (pointer) => {
    for (const reason of ['unknown', 'toBeAgreed', 'notApplicable'] as const) {
      const doc = parseDocument(complete);
      const path = tokens(pointer);
      expect(doc.hasIn(path)).toBe(true);
      doc.setIn(path, doc.createNode({ missing: reason, note: 'Für den Test als fehlend markiert.' }));
      for (const other of together[pointer] ?? []) doc.setIn(tokens(other), doc.createNode({ missing: reason }));
      for (const other of removed[pointer] ?? []) doc.deleteIn(tokens(other));
      const result = parseAgreement(doc.toString(), { file: FILE });
      if (!result.ok) throw new Error(`${pointer} as { missing: ${reason} }:\n${result.problems.map(formatProblem).join('\n')}`);
      expect(missingFacts(result.content)).toContainEqual(
        expect.objectContaining({ path: pointer, reason, note: 'Für den Test als fehlend markiert.' }),
      );
    }
  });

  it('but not where a value is required: an id, a title of a list item', () => {
    for (const pointer of ['/id', '/steeringFields/0/title', '/timetable/0/title', '/sources/0/title']) {
      const doc = parseDocument(complete);
      doc.setIn(tokens(pointer), doc.createNode({ missing: 'unknown' }));
      const problems = problemsOf(doc.toString());
      expect(problems.map((p) => p.path)).toContain(pointer);
    }
  });
});

describe('format 2 rules: a resource named by a measure package must be listed', () => {
  it('also when the resources are not known at all', () => {
    const doc = parseDocument(complete);
    doc.set('resources', doc.createNode({ missing: 'unknown' }));
    // Written out again by the YAML library, so the lines are not the example's: path and message only.
    expect(problemsOf(doc.toString()).map((p) => `${p.path} ${p.message}`)).toEqual([
      "/measurePackages/0/resources/0 no resource 'sachmittel' in this document",
      "/measurePackages/1/resources/0 no resource 'personal' in this document",
    ]);
  });
});
