import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import type {
  AgreementDocument,
  Direction,
  EntryIntoForce,
  Indicator,
  MeasurePackage,
  MeasurePackageStatus,
  Party,
  PartyKind,
  Periodicity,
  QualityStandard,
  SignatoryRole,
  SteeringField,
  Validity,
} from './agreement.types.js';
import { projectRoot } from '../common/project-root.js';
import { formatProblem } from './problems.js';
import type { Problem } from './problems.js';
import {
  AGREEMENT_SCHEMA,
  agreementSchema,
  agreementValidator,
  validateAgainstSchema,
  validateWithSchema,
  validateWithSchemaObject,
} from './schema-validator.js';
import { YamlLocator } from './yaml-locator.js';
import { keysOf, unionOf } from '../../test/support/type-lists.js';

interface SchemaNode {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, SchemaNode & { $ref?: string; enum?: unknown[] }>;
  enum?: unknown[];
  additionalProperties?: boolean;
  items?: { $ref: string };
  $ref?: string;
  title?: string;
  description?: string;
}

const schema = agreementSchema() as SchemaNode & { $defs: Record<string, SchemaNode> };
const def = (name: string) => schema.$defs[name];

describe('schema/agreement.schema.json', () => {
  it('is found from the project root and compiles under ajv strict mode', () => {
    expect(existsSync(join(projectRoot(), 'package.json'))).toBe(true);
    expect(existsSync(join(projectRoot(), 'schema/agreement.schema.json'))).toBe(true);
    expect(() => agreementValidator()).not.toThrow();
    expect(agreementValidator()).toBe(agreementValidator());
  });

  it('matches the keys of agreement.types.ts, required and optional', () => {
    const shapes: [SchemaNode, { required: string[]; optional: string[] }][] = [
      [
        schema,
        keysOf<AgreementDocument>()(
          [
            'formatVersion',
            'id',
            'title',
            'legalBasis',
            'policyArea',
            'leadDepartment',
            'entryIntoForce',
            'validity',
            'parties',
            'steeringFields',
            'measurePackages',
            'predecessor',
          ] as const,
          ['notes'] as const,
        ),
      ],
      [def('validity'), keysOf<Validity>()(['from', 'until'] as const, [] as const)],
      [def('party'), keysOf<Party>()(['id', 'kind', 'name', 'signatoryRoles'] as const, [] as const)],
      [def('signatoryRole'), keysOf<SignatoryRole>()(['id', 'title'] as const, [] as const)],
      [def('steeringField'), keysOf<SteeringField>()(['id', 'title', 'focus', 'qualityStandards'] as const, ['description'] as const)],
      [def('qualityStandard'), keysOf<QualityStandard>()(['id', 'title', 'indicators'] as const, ['description'] as const)],
      [
        def('indicator'),
        keysOf<Indicator>()(
          ['id', 'title', 'published', 'unit', 'direction', 'definition', 'dataSource', 'periodicity', 'minimumValue', 'targetValue'] as const,
          ['note'] as const,
        ),
      ],
      [def('measurePackage'), keysOf<MeasurePackage>()(['id', 'title', 'status'] as const, ['description'] as const)],
    ];
    for (const [node, keys] of shapes) {
      expect(node.additionalProperties).toBe(false);
      expect([...(node.required ?? [])].sort()).toEqual(keys.required);
      expect(Object.keys(node.properties ?? {}).sort()).toEqual([...keys.required, ...keys.optional].sort());
    }
  });

  it('matches the enumerations of agreement.types.ts', () => {
    expect(def('party').properties?.kind.enum).toEqual(unionOf<PartyKind>()(['senateDepartment', 'district'] as const));
    expect(schema.properties?.entryIntoForce.enum).toEqual(unionOf<EntryIntoForce>()(['allParties', 'perDistrict'] as const));
    expect(def('measurePackage').properties?.status.enum).toEqual(unionOf<MeasurePackageStatus>()(['open', 'inProgress', 'done'] as const));
    expect(def('indicator').properties?.direction.enum).toEqual([...unionOf<Direction>()(['higherIsBetter', 'lowerIsBetter'] as const), null]);
    expect(def('indicator').properties?.periodicity.enum).toEqual([
      ...unionOf<Periodicity>()(['monthly', 'quarterly', 'halfYearly', 'yearly'] as const),
      null,
    ]);
  });

  it('gives every property a title and a description for editors', () => {
    const missing: string[] = [];
    const visit = (node: SchemaNode, where: string) => {
      for (const [key, prop] of Object.entries(node.properties ?? {})) {
        if (!prop.title || !prop.description) missing.push(`${where}.${key}`);
      }
    };
    visit(schema, '(root)');
    for (const [name, node] of Object.entries(schema.$defs)) {
      if (!node.title || !node.description) missing.push(`$defs.${name}`);
      visit(node, name);
    }
    expect(missing).toEqual([]);
  });

  it('uses no oneOf/anyOf: format 1 has no unknown marker, only null', () => {
    expect(JSON.stringify(schema)).not.toMatch(/"(oneOf|anyOf)"/);
  });
});

describe('validateAgainstSchema', () => {
  it('returns located problems for plain data, through the given locator', () => {
    const problems = validateAgainstSchema({ formatVersion: 1 }, (pointer, options) => ({
      line: pointer.length,
      column: options?.key ? 2 : 1,
    }));
    expect(problems.map((p) => p.key)).toEqual([
      'id',
      'title',
      'legalBasis',
      'policyArea',
      'leadDepartment',
      'entryIntoForce',
      'validity',
      'parties',
      'steeringFields',
      'measurePackages',
      'predecessor',
    ]);
    expect(problems.every((p) => p.code === 'required' && p.path === '' && p.line === 0)).toBe(true);
  });

  it('reports one enum problem, not also a type problem, for a value of the wrong type in an enum', () => {
    const locate = () => ({ line: 1, column: 1 });
    const [problem, ...rest] = validateAgainstSchema({ formatVersion: '1' }, locate).filter((p) => p.path === '/formatVersion');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'enum', allowedValues: [1, 2] });
  });
});

describe('validateWithSchema', () => {
  it('locates and words only the problems it returns, and counts the others', () => {
    let located = 0;
    const locate = () => ({ line: ++located, column: 1 });
    const content = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]));
    const { problems, omitted } = validateWithSchema(AGREEMENT_SCHEMA, content, locate, 10);
    expect(problems).toHaveLength(10);
    expect(located).toBe(10);
    expect(omitted).toBe((agreementSchema().required as string[]).length + 5000 - 10);
  });
});

/**
 * A schema made up for these tests on the conventions of format version 2: the unknown marker in $defs/missing, and
 * facts that are a plain value, the marker, or the value with its source. Its key names are its own, so the messages
 * below cannot come from names written into the validator.
 */
const MARKER = { $ref: '#/$defs/missing' };
const fact = (value: AnySchemaObject): AnySchemaObject => ({
  anyOf: [
    value,
    MARKER,
    {
      type: 'object',
      required: ['value'],
      additionalProperties: false,
      properties: { value, source: { $ref: '#/$defs/source' }, inferred: { type: 'boolean' }, note: { type: 'string' } },
    },
  ],
});
const factsSchema: AnySchemaObject = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'facts.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['label', 'remark', 'goal', 'headcount', 'since', 'trend', 'series', 'span', 'share'],
  properties: {
    label: { type: 'string', minLength: 1 },
    remark: { type: ['string', 'null'] },
    goal: { $ref: '#/$defs/numberFact' },
    headcount: { anyOf: [{ type: 'integer', minimum: 0 }, MARKER] },
    since: fact({ type: 'string', format: 'date' }),
    trend: fact({ enum: ['rising', 'falling'] }),
    series: { type: 'array', items: { $ref: '#/$defs/numberFact' } },
    span: fact({
      type: 'object',
      additionalProperties: false,
      required: ['from', 'until'],
      properties: { from: { type: 'string' }, until: { type: 'string' } },
    }),
    share: { anyOf: [{ type: ['number', 'null'] }, MARKER] },
    level: fact({ anyOf: [{ type: 'number' }, { type: 'null' }] }),
  },
  $defs: {
    missing: {
      type: 'object',
      additionalProperties: false,
      required: ['missing'],
      properties: {
        missing: { enum: ['unknown', 'toBeAgreed', 'notApplicable'] },
        note: { type: 'string' },
        source: { $ref: '#/$defs/source' },
      },
    },
    source: { type: 'string', minLength: 1 },
    numberFact: fact({ type: 'number' }),
  },
};

const validFacts = [
  'label: Beispiel',
  'remark: null',
  'goal: 90',
  'headcount: { missing: toBeAgreed, note: im Haushalt }',
  'since: { value: 2024-01-01, source: Bericht 2023, inferred: true }',
  'trend: rising',
  'series: [1, { missing: unknown, source: Amt }, { value: 2.5 }]',
  'span: { from: a, until: b }',
  'share: null',
];

/** Reads YAML as the parser does and validates it against the facts schema, locating the problems in the text. */
function factProblems(lines: string[]): string[] {
  const text = `${lines.join('\n')}\n`;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', schema: 'core' });
  const locator = new YamlLocator(doc.contents, lineCounter);
  const { problems } = validateWithSchemaObject(factsSchema, doc.toJS(), locator.locate);
  return sortByPosition(problems).map(formatProblem);
}

/** The facts document with one line replaced, and the problems of that. */
function withFact(key: string, line: string): string[] {
  const lines = validFacts.map((l) => (l.startsWith(`${key}:`) ? line : l));
  return factProblems(lines);
}

function sortByPosition(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

const MARKER_HINT = '(write { missing: unknown } when it is not known, or toBeAgreed / notApplicable)';
const MARKER_WORDS = '{ missing: unknown | toBeAgreed | notApplicable }';

describe('validateWithSchemaObject on a schema of format-2 conventions', () => {
  it('accepts plain values, the unknown marker and values with their source', () => {
    expect(factProblems(validFacts)).toEqual([]);
  });

  it('says how to write a missing key that has no value: null, the unknown marker, or both', () => {
    const keep = ['label: Beispiel', 'trend: rising', 'series: []', 'span: { missing: notApplicable }'];
    expect(factProblems(keep)).toEqual([
      "1:1 / missing required key 'remark' (write null when it is empty)",
      `1:1 / missing required key 'goal' ${MARKER_HINT}`,
      `1:1 / missing required key 'headcount' ${MARKER_HINT}`,
      `1:1 / missing required key 'since' ${MARKER_HINT}`,
      `1:1 / missing required key 'share' (write null when it is empty; write { missing: unknown } when it is not known, or toBeAgreed / notApplicable)`,
    ]);
    expect(factProblems(validFacts.filter((l) => !l.startsWith('label:')))).toEqual(["1:1 / missing required key 'label'"]);
  });

  it('gives one problem for a value of no allowed form, at the value, with what it may be', () => {
    expect(withFact('goal', 'goal: 1.500.000')).toEqual([
      `3:7 /goal must be a number or ${MARKER_WORDS}, got '1.500.000' (German number format? write 1500000)`,
    ]);
    expect(withFact('goal', 'goal: [1, 2]')).toEqual([`3:7 /goal must be a number or ${MARKER_WORDS}, got a list`]);
    expect(withFact('headcount', 'headcount: 2.5')).toEqual([`4:12 /headcount must be a whole number or ${MARKER_WORDS}, got 2.5`]);
    expect(withFact('since', 'since: 2024')).toEqual([`5:8 /since must be an ISO date YYYY-MM-DD or ${MARKER_WORDS}, got 2024`]);
    expect(withFact('trend', 'trend: 3')).toEqual([`6:8 /trend must be rising, falling or ${MARKER_WORDS}, got 3`]);
    expect(withFact('span', 'span: 2024')).toEqual([`8:7 /span must be a mapping or ${MARKER_WORDS}, got 2024`]);
    expect(withFact('share', 'share: "viel"')).toEqual([`9:8 /share must be a number, null or ${MARKER_WORDS}, got 'viel'`]);
  });

  it('codes a summary type, and quotes a long value cut short', () => {
    const lines = validFacts.map((l) => (l.startsWith('goal:') ? `goal: ${'x'.repeat(100)}` : l));
    const text = `${lines.join('\n')}\n`;
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    const { problems } = validateWithSchemaObject(factsSchema, doc.toJS(), new YamlLocator(doc.contents, lineCounter).locate);
    expect(problems).toEqual([
      { line: 3, column: 7, path: '/goal', code: 'type', message: `must be a number or ${MARKER_WORDS}, got '${'x'.repeat(60)}…'` },
    ]);
  });

  it('reports only the problems of the form the value takes: a scalar of an allowed type', () => {
    expect(withFact('headcount', 'headcount: -3')).toEqual(['4:12 /headcount must be at least 0, got -3']);
    expect(withFact('since', 'since: 2024-02-30')).toEqual(["5:8 /since must be an ISO date YYYY-MM-DD, got '2024-02-30'"]);
    expect(withFact('trend', 'trend: up')).toEqual(['6:8 /trend must be one of: rising, falling']);
    expect(withFact('span', 'span: { from: a }')).toEqual(["8:7 /span missing required key 'until'"]);
  });

  it("names every form, the marker included, for a marker's word written alone", () => {
    expect(withFact('trend', 'trend: unknown')).toEqual([`6:8 /trend must be rising, falling or ${MARKER_WORDS}, got 'unknown'`]);
    expect(withFact('since', 'since: toBeAgreed')).toEqual([`5:8 /since must be an ISO date YYYY-MM-DD or ${MARKER_WORDS}, got 'toBeAgreed'`]);
  });

  it('reports only the problems of the unknown marker for a mapping with its key', () => {
    expect(withFact('goal', 'goal: { missing: unknwn }')).toEqual(['3:18 /goal/missing must be one of: unknown, toBeAgreed, notApplicable']);
    expect(withFact('goal', 'goal: { missing: unknown, sorce: Amt }')).toEqual(["3:27 /goal/sorce unknown key 'sorce'; did you mean 'source'?"]);
    expect(withFact('goal', 'goal: { missing: unknown, value: 3 }')).toEqual(["3:27 /goal/value unknown key 'value'"]);
  });

  it('reports only the problems of the sourced form for a mapping with its key, suggesting keys inside it', () => {
    expect(withFact('goal', "goal: { value: '12,5', sourc: Bericht }")).toEqual([
      "3:16 /goal/value must be a number, got '12,5' (German number format? write 12.5)",
      "3:24 /goal/sourc unknown key 'sourc'; did you mean 'source'?",
    ]);
    expect(withFact('since', 'since: { value: 2024-01-01, source: "" }')).toEqual(['5:37 /since/source must not be empty']);
  });

  it('takes a misspelt form key for the form it names', () => {
    expect(withFact('goal', 'goal: { valeu: 5 }')).toEqual([
      "3:7 /goal missing required key 'value'",
      "3:9 /goal/valeu unknown key 'valeu'; did you mean 'value'?",
    ]);
    expect(withFact('goal', 'goal: { mising: unknown }')).toEqual([
      "3:7 /goal missing required key 'missing'",
      "3:9 /goal/mising unknown key 'mising'; did you mean 'missing'?",
    ]);
  });

  it('takes a mapping without any form key for a mapping-valued fact, else says what the value may be', () => {
    expect(withFact('span', 'span: { von: a, bis: b }')).toEqual([
      "8:7 /span missing required key 'from'",
      "8:7 /span missing required key 'until'",
      "8:9 /span/von unknown key 'von'",
      "8:17 /span/bis unknown key 'bis'",
    ]);
    expect(withFact('goal', 'goal: { wert: 5 }')).toEqual([`3:7 /goal must be a number or ${MARKER_WORDS}, got a mapping`]);
  });

  it('collapses an anyOf within an alternative the same way', () => {
    expect(factProblems([...validFacts, 'level: hoch'])).toEqual([`10:8 /level must be a number, null or ${MARKER_WORDS}, got 'hoch'`]);
    expect(factProblems([...validFacts, 'level: { value: hoch, note: 3 }'])).toEqual([
      "10:17 /level/value must be a number or null, got 'hoch'",
      '10:29 /level/note must be string',
    ]);
  });

  it('collapses each item of a list of facts on its own', () => {
    expect(withFact('series', 'series: [x, { missing: later }, 3, { value: "1 500 000" }]')).toEqual([
      `7:10 /series/0 must be a number or ${MARKER_WORDS}, got 'x'`,
      '7:24 /series/1/missing must be one of: unknown, toBeAgreed, notApplicable',
      "7:45 /series/3/value must be a number, got '1 500 000' (German number format? write 1500000)",
    ]);
  });

  it('counts one problem per value, not per alternative, when the list is cut', () => {
    const series = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? 'x' : { value: 'y' }));
    const content = { ...parseDocument(validFacts.join('\n')).toJS(), series } as Record<string, unknown>;
    const { problems, omitted } = validateWithSchemaObject(factsSchema, content, () => ({ line: 1, column: 1 }), 10);
    expect(problems).toHaveLength(10);
    expect(omitted).toBe(3000 - 10);
    expect(problems.map((p) => p.path).slice(0, 2)).toEqual(['/series/0', '/series/1/value']);
  });
});

describe('number messages', () => {
  const numberSchema: AnySchemaObject = { type: 'object', properties: { n: { type: 'number' }, i: { type: 'integer' } } };
  const messageFor = (value: unknown, key = 'n') =>
    validateWithSchemaObject(numberSchema, { [key]: value }, () => ({ line: 1, column: 1 })).problems.map((p) => p.message);

  it.each([
    ['1.500.000', "must be a number, got '1.500.000' (German number format? write 1500000)"],
    ['1.500.000,5', "must be a number, got '1.500.000,5' (German number format? write 1500000.5)"],
    ['12,5', "must be a number, got '12,5' (German number format? write 12.5)"],
    ['-0,25', "must be a number, got '-0,25' (German number format? write -0.25)"],
    ['12 %', "must be a number, got '12 %' (German number format? write 12)"],
    ['12,5%', "must be a number, got '12,5%' (German number format? write 12.5)"],
    ['1 500 000', "must be a number, got '1 500 000' (German number format? write 1500000)"],
    ['1\u00a0500', "must be a number, got '1\u00a0500' (German number format? write 1500)"],
    ['42', "must be a number, got '42' (write it without quotes: 42)"],
    [' 4.5 ', "must be a number, got ' 4.5 ' (write it without quotes: 4.5)"],
    ['1.500', "must be a number, got '1.500' (German number format? write 1500; for 1.5, write it without quotes)"],
    ['1.50', "must be a number, got '1.50' (write it without quotes: 1.5)"],
    ['zwölf', "must be a number, got 'zwölf'"],
    ['1.500 000', "must be a number, got '1.500 000'"],
    ['1,500,000', "must be a number, got '1,500,000'"],
    ['15.00.00', "must be a number, got '15.00.00'"],
  ])('words a number written as %j', (value, message) => {
    expect(messageFor(value)).toEqual([message]);
  });

  it('echoes values that are not text, and a fraction where a whole number belongs', () => {
    expect(messageFor(true)).toEqual(['must be a number, got true']);
    expect(messageFor({ a: 1 })).toEqual(['must be a number, got a mapping']);
    expect(messageFor(1.5, 'i')).toEqual(['must be a whole number, got 1.5']);
    expect(messageFor('3,0', 'i')).toEqual(["must be a whole number, got '3,0' (German number format? write 3)"]);
  });
});
