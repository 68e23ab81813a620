import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLObjectType, type ValidationRule } from 'graphql';
import { aliasLimitRule, complexityLimitRule, depthLimitRule } from './index.js';

const schema = buildSchema(`
  type Party { id: ID! name: String agreements(limit: Int): [Agreement!]! }
  type Agreement { id: ID! title: String parties: [Party!]! parent: Agreement versions(first: Int): [Version!] }
  type Version { number: Int! author: String }
  type Query { agreement(id: ID!): Agreement agreements(limit: Int): [Agreement!]! node: Agreement }
`);

function errorsOf(query: string, rule: ValidationRule) {
  return validate(schema, parse(query), [...specifiedRules, rule]).map((e) => ({ message: e.message, ...e.extensions }));
}

describe('depthLimitRule', () => {
  const rule = depthLimitRule(3);

  it('passes a query within the limit', () => {
    expect(errorsOf('{ agreement(id: "a") { parent { id } } }', rule)).toEqual([]);
  });

  it('refuses a query nested too deep', () => {
    expect(errorsOf('{ agreement(id: "a") { parent { parent { id } } } }', rule)).toEqual([
      { message: 'query depth 4 exceeds the limit of 3', code: 'QUERY_TOO_DEEP', depth: 4, limit: 3 },
    ]);
  });

  it('counts through inline fragments and a named fragment spread nested twice', () => {
    expect(errorsOf('{ node { ... on Agreement { parent { parent { id } } } } }', rule)).toMatchObject([{ depth: 4 }]);
    const twice = `
      query { agreement(id: "a") { ...P } }
      fragment P on Agreement { parent { ...Q } }
      fragment Q on Agreement { parent { ...R } }
      fragment R on Agreement { parent { id } }`;
    expect(errorsOf(twice, rule)).toMatchObject([{ code: 'QUERY_TOO_DEEP', depth: 5 }]);
  });

  it('survives a fragment cycle, which graphql itself reports', () => {
    const cycle = `
      query { agreement(id: "a") { ...A } }
      fragment A on Agreement { parent { ...B } }
      fragment B on Agreement { parent { ...A } }`;
    const errors = errorsOf(cycle, depthLimitRule(10));
    expect(errors.some((e) => /Cannot spread fragment "A" within itself/.test(e.message))).toBe(true);
  });

  it('stays fast when fragments fan out', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Agreement { parent { ...F${i + 1} ...F${i + 1} } }`);
    const query = `{ agreement(id: "a") { ...F0 } } ${levels.join(' ')} fragment F30 on Agreement { id }`;
    expect(errorsOf(query, depthLimitRule(100))).toEqual([]);
  });

  it('lets the introspection query through', () => {
    expect(errorsOf(getIntrospectionQuery(), depthLimitRule(10))).toEqual([]);
  });

  it('reports each operation on its own', () => {
    const query = 'query Ok { agreement(id: "a") { id } } query Deep { agreement(id: "a") { parent { parent { id } } } }';
    expect(errorsOf(query, rule)).toHaveLength(1);
  });
});

describe('complexityLimitRule', () => {
  it('passes a cheap query and multiplies list fields', () => {
    // agreements: 1 + 10 × (id + parties: 1 + 10 × name) = 1 + 10 × 12 = 121
    expect(errorsOf('{ agreements { id parties { name } } }', complexityLimitRule(121))).toEqual([]);
    expect(errorsOf('{ agreements { id parties { name } } }', complexityLimitRule(120))).toEqual([
      { message: 'query complexity 121 exceeds the limit of 120', code: 'QUERY_TOO_COMPLEX', complexity: 121, limit: 120 },
    ]);
  });

  it('uses a literal limit or first instead of the list factor', () => {
    expect(errorsOf('{ agreements(limit: 2) { id versions(first: 3) { number } } }', complexityLimitRule(1000))).toEqual([]);
    expect(errorsOf('{ agreements(limit: 2) { id versions(first: 3) { number } } }', complexityLimitRule(10))).toMatchObject([
      { complexity: 1 + 2 * (1 + 1 + 3 * 1) },
    ]);
    expect(errorsOf('query($n: Int) { agreements(limit: $n) { id } }', complexityLimitRule(10))).toMatchObject([{ complexity: 11 }]);
    expect(errorsOf('{ agreements(limit: 100000) { id } }', complexityLimitRule(1000))).toMatchObject([{ code: 'QUERY_TOO_COMPLEX' }]);
  });

  it('refuses a wide query and expands fragments', () => {
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: agreements { ...F }`).join(' ')} } fragment F on Agreement { id title }`;
    expect(errorsOf(wide, complexityLimitRule(300, { listFactor: 5 }))).toMatchObject([
      { code: 'QUERY_TOO_COMPLEX', complexity: 30 * (1 + 5 * 2), limit: 300 },
    ]);
  });

  it('survives a fragment cycle and lets introspection through', () => {
    const cycle = `{ node { ...A } } fragment A on Agreement { parent { ...A } }`;
    expect(errorsOf(cycle, complexityLimitRule(100)).some((e) => /within itself/.test(e.message))).toBe(true);
    expect(errorsOf(getIntrospectionQuery(), complexityLimitRule(100))).toEqual([]);
  });
});

describe('complexityLimitRule on pages', () => {
  const paged = buildSchema(`
    type Version { number: Int! yaml: String }
    type VersionPage { items: [Version!]! totalCount: Int! }
    type Agreement { id: ID! title: String versions(limit: Int! = 20, offset: Int! = 0): VersionPage! }
    type AgreementPage { items: [Agreement!]! totalCount: Int! }
    type Query { agreements(limit: Int! = 20, offset: Int! = 0): AgreementPage! }
  `);
  // As code-first GraphQL sets it from @Field({ complexity }).
  (paged.getType('Version') as GraphQLObjectType).getFields().yaml.extensions = { complexity: 100 };
  const complexityOf = (query: string) => {
    const errors = validate(paged, parse(query), [...specifiedRules, complexityLimitRule(0, { maxPageSize: 100 })]);
    return errors.map((e) => e.extensions.complexity);
  };

  it('multiplies the items of a page by its literal limit, else by the declared default', () => {
    expect(complexityOf('{ agreements(limit: 2) { items { id title } totalCount } }')).toEqual([1 + (1 + 2 * 2) + 1]);
    expect(complexityOf('{ agreements { items { id } } }')).toEqual([1 + (1 + 20 * 1)]);
  });

  it('assumes the largest page for a limit given as a variable', () => {
    expect(complexityOf('query($n: Int!) { agreements(limit: $n) { items { id } } }')).toEqual([1 + (1 + 100 * 1)]);
  });

  it("takes a field's complexity as its own cost, within nested pages", () => {
    const query = '{ agreements(limit: 3) { items { versions(limit: 2) { items { number yaml } } } } }';
    expect(complexityOf(query)).toEqual([1 + (1 + 3 * (1 + (1 + 2 * (1 + 100))))]);
  });

  it('costs a fragment on a page by the page size where it is spread', () => {
    const query = '{ a: agreements(limit: 1) { ...P } b: agreements(limit: 3) { ...P } } fragment P on AgreementPage { items { id } }';
    expect(complexityOf(query)).toEqual([1 + (1 + 1) + 1 + (1 + 3)]);
  });
});

describe('aliasLimitRule', () => {
  it('allows a few aliases', () => {
    expect(errorsOf('{ a: agreement(id: "a") { id } b: agreement(id: "b") { id } }', aliasLimitRule(2))).toEqual([]);
  });

  it('refuses alias batching, counting aliases inside fragments too', () => {
    const batch = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: agreement(id: "${i}") { ...F }`).join(' ')} } fragment F on Agreement { t: title }`;
    expect(errorsOf(batch, aliasLimitRule(30))).toEqual([
      { message: 'query uses 41 aliases, more than the limit of 30', code: 'TOO_MANY_ALIASES', aliases: 41, limit: 30 },
    ]);
  });
});
