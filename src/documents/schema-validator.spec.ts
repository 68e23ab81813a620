import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
import { AGREEMENT_SCHEMA, agreementSchema, agreementValidator, validateAgainstSchema, validateWithSchema } from './schema-validator.js';
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

  it('uses no oneOf/anyOf, so errors need no collapsing of alternatives', () => {
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
