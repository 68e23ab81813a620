import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import type { AgreementDocument } from './agreement.types.js';
import { checkDocumentRules } from './document-rules.js';
import { parseAgreement } from './parse-agreement.js';
import type { Problem } from './problems.js';

const minimal = readFileSync(join(projectRoot(), 'test/fixtures/documents/minimal.yaml'), 'utf8');

function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`snippet not found once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function problemsOf(text: string): Problem[] {
  const result = parseAgreement(text);
  if (result.ok) throw new Error('expected problems, got a valid document');
  return result.problems;
}

const where = (p: Problem) => ({ line: p.line, column: p.column, path: p.path, code: p.code });

const INDICATOR = '/steeringFields/0/qualityStandards/0/indicators/0';

describe('document rules, through parseAgreement (located in the YAML)', () => {
  it('reports a duplicate party id at the later id value', () => {
    const problems = problemsOf(edit(minimal, '  - id: mitte\n', '  - id: senx\n'));
    // The duplicate is also no longer a district named mitte, which changes nothing else.
    expect(problems).toEqual([
      {
        line: 18,
        column: 9,
        path: '/parties/1/id',
        code: 'duplicate-id',
        message: "duplicate party id 'senx'; already used by /parties/0 (line 12)",
      },
    ]);
  });

  it('reports duplicate ids in every nested list', () => {
    let text = edit(
      minimal,
      '      - id: soziales\n        title: Soziales\n',
      '      - id: soziales\n        title: Soziales\n      - id: soziales\n        title: Nochmal\n',
    );
    text = edit(text, '    status: open\n', '    status: open\n  - id: daten\n    title: Daten 2\n    status: done\n');
    text = edit(
      text,
      '            targetValue: 90\n',
      `            targetValue: 90\n          - id: indikator\n            title: null\n            published: false\n            unit: null\n            direction: null\n            definition: null\n            dataSource: null\n            periodicity: null\n            minimumValue: null\n            targetValue: null\n`,
    );
    expect(problemsOf(text).map(where)).toEqual([
      { line: 24, column: 13, path: '/parties/1/signatoryRoles/1/id', code: 'duplicate-id' },
      { line: 44, column: 17, path: `${INDICATOR.slice(0, -2)}/1/id`, code: 'duplicate-id' },
      { line: 58, column: 9, path: '/measurePackages/1/id', code: 'duplicate-id' },
    ]);
  });

  it('allows the same id in different parent lists', () => {
    // Role 'leitung' in two parties, like senias and senfin in the real agreement.
    const text = edit(minimal, '      - id: soziales\n', '      - id: leitung\n');
    expect(parseAgreement(text).ok).toBe(true);
  });

  it('requires the lead department to be a Senate department party', () => {
    expect(problemsOf(edit(minimal, 'leadDepartment: senx', 'leadDepartment: mitte'))).toEqual([
      {
        line: 6,
        column: 17,
        path: '/leadDepartment',
        code: 'rule',
        message: "leadDepartment 'mitte' is a district; it must name a party of kind senateDepartment",
      },
    ]);
    expect(problemsOf(edit(minimal, 'leadDepartment: senx', 'leadDepartment: senfin'))[0]).toMatchObject({
      line: 6,
      column: 17,
      code: 'rule',
      message: "leadDepartment 'senfin' is not a party of this agreement; it must name a party of kind senateDepartment",
    });
  });

  it('requires a direction once a minimum or target value is set', () => {
    const problems = problemsOf(edit(minimal, 'direction: higherIsBetter', 'direction: null'));
    expect(problems).toEqual([
      {
        line: 36,
        column: 24,
        path: `${INDICATOR}/direction`,
        code: 'rule',
        message: 'direction must be set (higherIsBetter or lowerIsBetter) when minimumValue or targetValue is set',
      },
    ]);
    let onlyTarget = edit(minimal, 'direction: higherIsBetter', 'direction: null');
    onlyTarget = edit(onlyTarget, 'minimumValue: 70', 'minimumValue: null');
    expect(problemsOf(onlyTarget).map(where)).toEqual([{ line: 36, column: 24, path: `${INDICATOR}/direction`, code: 'rule' }]);
  });

  it('orders minimum and target for higherIsBetter: minimum <= target', () => {
    const problems = problemsOf(edit(minimal, 'minimumValue: 70', 'minimumValue: 95'));
    expect(problems).toEqual([
      {
        line: 41,
        column: 26,
        path: `${INDICATOR}/targetValue`,
        code: 'rule',
        message: 'targetValue 90 must not be below minimumValue 95 when direction is higherIsBetter',
      },
    ]);
    expect(parseAgreement(edit(minimal, 'minimumValue: 70', 'minimumValue: 90')).ok).toBe(true);
  });

  it('orders minimum and target for lowerIsBetter: minimum >= target', () => {
    const lower = edit(minimal, 'direction: higherIsBetter', 'direction: lowerIsBetter');
    expect(problemsOf(lower)).toEqual([
      {
        line: 41,
        column: 26,
        path: `${INDICATOR}/targetValue`,
        code: 'rule',
        message: 'targetValue 90 must not be above minimumValue 70 when direction is lowerIsBetter',
      },
    ]);
    let fine = edit(lower, 'minimumValue: 70', 'minimumValue: 14');
    fine = edit(fine, 'targetValue: 90', 'targetValue: 7.5');
    expect(parseAgreement(fine).ok).toBe(true);
  });

  it('requires validity.from not after validity.until', () => {
    const problems = problemsOf(edit(minimal, 'from: 2024-01-01', 'from: 2026-01-01'));
    expect(problems).toEqual([
      {
        line: 10,
        column: 10,
        path: '/validity/until',
        code: 'rule',
        message: 'validity.until 2025-12-31 must not be before validity.from 2026-01-01',
      },
    ]);
    expect(parseAgreement(edit(minimal, 'from: 2024-01-01', 'from: 2025-12-31')).ok).toBe(true);
    expect(parseAgreement(edit(minimal, 'from: 2024-01-01', 'from: null')).ok).toBe(true);
  });

  it('requires predecessor to differ from id', () => {
    expect(problemsOf(edit(minimal, 'predecessor: null', 'predecessor: beispiel')).map(where)).toEqual([
      { line: 46, column: 14, path: '/predecessor', code: 'rule' },
    ]);
    expect(parseAgreement(edit(minimal, 'predecessor: null', 'predecessor: vorgaenger')).ok).toBe(true);
  });

  it('reports all rule violations together, sorted', () => {
    let text = edit(minimal, 'leadDepartment: senx', 'leadDepartment: mitte');
    text = edit(text, 'from: 2024-01-01', 'from: 2026-01-01');
    text = edit(text, 'minimumValue: 70', 'minimumValue: 95');
    text = edit(text, 'predecessor: null', 'predecessor: beispiel');
    expect(problemsOf(text).map((p) => [p.line, p.path])).toEqual([
      [6, '/leadDepartment'],
      [10, '/validity/until'],
      [41, `${INDICATOR}/targetValue`],
      [46, '/predecessor'],
    ]);
  });

  it('runs only once the schema passes, so no message is repeated', () => {
    let text = edit(minimal, 'leadDepartment: senx', 'leadDepartment: mitte');
    text = edit(text, 'title: Beispielvereinbarung', 'title: 5');
    expect(problemsOf(text).map((p) => p.code)).toEqual(['type']);
  });
});

describe('checkDocumentRules, called directly', () => {
  it('is pure: it takes a document and a locator and leaves the document alone', () => {
    const result = parseAgreement(minimal);
    if (!result.ok) throw new Error('fixture must be valid');
    const doc = structuredClone(result.content) as AgreementDocument;
    doc.measurePackages.push({ id: 'daten', title: 'Nochmal', status: 'done' });
    const before = JSON.stringify(doc);
    const asked: string[] = [];
    const problems = checkDocumentRules(doc, (pointer) => {
      asked.push(pointer);
      return { line: 100, column: 1 };
    });
    expect(JSON.stringify(doc)).toBe(before);
    expect(problems).toEqual([
      {
        line: 100,
        column: 1,
        path: '/measurePackages/1/id',
        code: 'duplicate-id',
        message: "duplicate measure package id 'daten'; already used by /measurePackages/0 (line 100)",
      },
    ]);
    expect(asked).toContain('/measurePackages/1/id');
  });
});
