import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../src/common/app-error.js';
import { projectRoot } from '../src/common/project-root.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The codes the README lists under "Errors carry a stable `extensions.code`", up to the next section. */
function documentedCodes(): Set<string> {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf('Errors carry a stable `extensions.code`');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  return new Set([...section.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]));
}

interface Answer {
  status: number;
  errors: Array<{ message: string; locations?: Array<{ line: number; column: number }>; extensions?: Record<string, unknown> }>;
}

describe('every error a caller can cause has one documented code', () => {
  let t: TestApp;
  const documented = documentedCodes();
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false', MAX_DOCUMENT_BYTES: '16384', MAX_REQUEST_BYTES: '32768' });
    t.defaultToken = await t.token({ name: 'Ada Admin', roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = async (body: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.defaultToken}`, ...headers },
      body,
    });
    const text = await res.text();
    let parsed: { errors?: Answer['errors'] };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`HTTP ${res.status} answered without JSON: ${text}`);
    }
    return { status: res.status, errors: parsed.errors ?? [] };
  };
  const ask = (query: string, variables?: Record<string, unknown>) => post(JSON.stringify({ query, variables }));
  const get = async (query: string): Promise<Answer> => {
    const res = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${t.defaultToken}`, 'apollo-require-preflight': 'true' },
    });
    return { status: res.status, errors: ((await res.json()) as { errors?: Answer['errors'] }).errors ?? [] };
  };
  const codeOf = (answer: Answer) => answer.errors.map((e) => e.extensions?.code);

  it('lists every code the service throws itself', () => {
    expect(Object.values(ErrorCode).filter((code) => !documented.has(code))).toEqual([]);
  });

  it('answers a date that does not exist with BAD_INPUT, located, written inline or as a variable', async () => {
    const inline = await ask('{\n  agreementStatus(id: "x", asOf: "2024-02-30") { state }\n}');
    expect(inline.errors).toEqual([
      {
        message: `Date must be an existing calendar date 'YYYY-MM-DD', got "2024-02-30"`,
        locations: [{ line: 2, column: 34 }],
        extensions: { code: 'BAD_INPUT' },
      },
    ]);
    const notAString = await ask('{ agreementStatus(id: "x", asOf: 20240101) { state } }');
    expect(notAString.errors).toEqual([
      { message: "Date must be a string 'YYYY-MM-DD'", locations: [{ line: 1, column: 34 }], extensions: { code: 'BAD_INPUT' } },
    ]);
    const variable = await ask('query($d: Date) { agreementStatus(id: "x", asOf: $d) { state } }', { d: '2024-02-30' });
    expect(variable.errors).toEqual([
      {
        message: `Variable "$d" got invalid value "2024-02-30"; Date must be an existing calendar date 'YYYY-MM-DD', got "2024-02-30"`,
        locations: [{ line: 1, column: 7 }],
        extensions: { code: 'BAD_INPUT' },
      },
    ]);
  });

  it('answers a malformed date-time with BAD_INPUT instead of passing it to the database', async () => {
    for (const since of ['"gestern"', '"2024-13-01T00:00:00Z"', '"2024-01-01"', '5']) {
      const res = await ask(`{ auditLog(since: ${since}) { items { id } } }`);
      expect({ since, status: res.status, codes: codeOf(res), located: res.errors[0]?.locations?.length }).toEqual({
        since,
        status: 400,
        codes: ['BAD_INPUT'],
        located: 1,
      });
    }
    const variable = await ask('query($s: DateTime) { auditLog(since: $s) { items { id } } }', { s: 'gestern' });
    expect(codeOf(variable)).toEqual(['BAD_INPUT']);
    expect(variable.errors[0].message).toMatch(/DateTime must be an ISO date-time with a zone, like 2024-01-31T09:30:00Z, got "gestern"/);

    const valid = await ask('query($s: DateTime) { auditLog(since: $s) { items { id } } }', { s: '2024-01-31T09:30:00+01:00' });
    expect(valid.errors).toEqual([]);
  });

  it('gives every other mistake a documented code, the same for the same mistake', async () => {
    const cases: Array<[string, Promise<Answer>, string]> = [
      ['a misspelled field', ask('{ agreementz { id } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['a literal of the wrong type', ask('{ expiringAgreements(withinDays: "bald") { items { agreementId } } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['a missing argument', ask('{ expiringAgreements { items { agreementId } } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['broken GraphQL syntax', ask('{ agreements { id }'), 'GRAPHQL_PARSE_FAILED'],
      [
        'a variable of the wrong type',
        ask('query($d: Int!) { expiringAgreements(withinDays: $d) { items { agreementId } } }', { d: 'bald' }),
        'BAD_INPUT',
      ],
      ['a missing variable', ask('query($d: Int!) { expiringAgreements(withinDays: $d) { items { agreementId } } }'), 'BAD_INPUT'],
      [
        'two operations without a name to choose',
        ask('query A { agreements { items { id } } } query B { agreements { items { id } } }'),
        'OPERATION_RESOLUTION_FAILURE',
      ],
      ['no query at all', post('{}'), 'BAD_REQUEST'],
      [
        'a simple cross-site request',
        post(JSON.stringify({ query: '{ agreements { items { id } } }' }), { 'content-type': 'text/plain' }),
        'BAD_REQUEST',
      ],
      ['a mutation over GET', get('mutation { createAgreement(yaml: "x") { number } }'), 'BAD_REQUEST'],
      ['a body that is not JSON', post('{"query": "{ agreements { items { id } } }"'), 'BAD_REQUEST'],
      ['variables that are not an object', post(JSON.stringify({ query: '{ agreements { items { id } } }', variables: 5 })), 'BAD_REQUEST'],
      [
        'a persisted-query hash',
        post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } })),
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ],
      ['a body over MAX_REQUEST_BYTES', ask(`{ agreements { items { id } } } # ${'x'.repeat(40 * 1024)}`), 'REQUEST_TOO_LARGE'],
      ['no token', post(JSON.stringify({ query: '{ agreements { items { id } } }' }), { authorization: '' }), 'UNAUTHENTICATED'],
      ['introspection while it is off', ask('{ __schema { queryType { name } } }'), 'GRAPHQL_VALIDATION_FAILED'],
    ];
    const seen: Array<[string, unknown]> = [];
    for (const [mistake, answer, expected] of cases) {
      const res = await answer;
      expect({ mistake, codes: codeOf(res) }).toEqual({ mistake, codes: [expected] });
      seen.push([mistake, res.errors[0].extensions!.code]);
    }
    expect(seen.filter(([, code]) => !documented.has(String(code)))).toEqual([]);
    const tooLarge = await ask(`{ agreements { items { id } } } # ${'x'.repeat(40 * 1024)}`);
    expect(tooLarge).toEqual({
      status: 413,
      errors: [{ message: 'the request body is larger than 32768 bytes (MAX_REQUEST_BYTES)', extensions: { code: 'REQUEST_TOO_LARGE' } }],
    });
  });
});
