import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

/** Each limit as a client meets it over HTTP. */

const EDITOR = { name: 'Erika Muster', roles: ['senate-editor' as const], departments: ['senin'] };
const CREATE = `mutation($yaml: String!) { createAgreement(yaml: $yaml) { number } }`;

/** Runs `fn` and counts the SQL statements the app sent meanwhile (the app logs each through the data source's logger). */
async function countQueries<T>(t: TestApp, fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const original = t.dataSource.logger;
  let queries = 0;
  t.dataSource.logger = Object.assign(Object.create(original), { logQuery: () => void queries++ });
  try {
    return { result: await fn(), queries };
  } finally {
    t.dataSource.logger = original;
  }
}

const count = async (t: TestApp, table: 'agreement_versions' | 'audit_log') => Number((await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

/**
 * A limit refused the whole operation while validating: one error with a message, no data, no SQL.
 * Returns the error; each test checks the codes it collected last, so that every other check has run.
 */
async function refusedBeforeExecution(t: TestApp, query: string, message: RegExp) {
  const { result: res, queries } = await countQueries(t, () => t.gql(query));
  expect({ status: res.status, hasData: 'data' in res, errors: res.errors?.length, queries }).toEqual({
    status: 400,
    hasData: false,
    errors: 1,
    queries: 0,
  });
  expect(res.errors![0].message).toMatch(message);
  return res.errors![0];
}
const codes = (...errors: Array<{ extensions?: Record<string, unknown> }>) => errors.map((e) => e.extensions?.code);

/** The same check's counterpart: a query inside the limit is answered from the database. */
async function expectAnswered(t: TestApp, query: string): Promise<GraphQLResponse> {
  const { result: res, queries } = await countQueries(t, () => t.gql(query));
  expect(res.errors).toBeUndefined();
  expect(queries).toBeGreaterThan(0);
  return res;
}

async function appWith(env: Record<string, string>, options: { logs?: string[] } = {}): Promise<TestApp> {
  const t = await startTestApp({ LOAD_AGREEMENTS: 'false', ...env }, options);
  t.defaultToken = await t.token(EDITOR);
  expect((await t.gql(CREATE, { yaml: sampleAgreementYaml('haertung') })).errors).toBeUndefined();
  return t;
}

describe('query limits, checked before anything runs', () => {
  it('refuses a query nested deeper than GRAPHQL_MAX_DEPTH, fragments included', async () => {
    // The lowest limit the configuration allows, so that the oldest fields of the schema suffice.
    const t = await appWith({ GRAPHQL_MAX_DEPTH: '2' });
    try {
      await expectAnswered(t, '{ agreement(id: "haertung") { id title } }');
      const direct = await refusedBeforeExecution(t, '{ agreement(id: "haertung") { latestVersion { number } } }', /depth 3 exceeds the limit of 2/);
      expect(direct.extensions).toMatchObject({ depth: 3, limit: 2 });
      const viaFragments = await refusedBeforeExecution(
        t,
        '{ ...Q } fragment Q on Query { agreement(id: "haertung") { ...A } } fragment A on Agreement { latestVersion { number } }',
        /depth 3 exceeds/,
      );
      expect(codes(direct, viaFragments)).toEqual(['QUERY_TOO_DEEP', 'QUERY_TOO_DEEP']);
    } finally {
      await t.close();
    }
  });

  it('refuses a query more complex than GRAPHQL_MAX_COMPLEXITY', async () => {
    const t = await appWith({ GRAPHQL_MAX_COMPLEXITY: '20' });
    try {
      await expectAnswered(t, '{ agreements(limit: 10) { items { id } totalCount } }'); // 1 + (1 + 10 × 1) + 1
      // 1 + (1 + 10 × 3): a page multiplies what is asked of each item.
      const error = await refusedBeforeExecution(
        t,
        '{ agreements(limit: 10) { items { id title leadDepartment } } }',
        /complexity 32 exceeds the limit of 20/,
      );
      expect(error.extensions).toMatchObject({ complexity: 32, limit: 20 });
      // Without a limit a page holds 20 items: 1 + (1 + 20 × 1).
      await refusedBeforeExecution(t, '{ agreements { items { id } } }', /complexity 22 exceeds the limit of 20/);
      expect(codes(error)).toEqual(['QUERY_TOO_COMPLEX']);
    } finally {
      await t.close();
    }
  });

  it("weighs whole documents: every version of every agreement in 20 aliases is refused, one agreement's are answered", async () => {
    const t = await appWith({});
    try {
      const dump = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: agreements { items { versions { items { yaml content } } } }`).join(' ')} }`;
      // Per alias 1 + (1 + 20 × (1 + (1 + 20 × (100 + 100)))) = 80042: pages of 20, and 100 for each document field.
      const refused = await refusedBeforeExecution(t, dump, /complexity 1600840 exceeds the limit of 5000/);
      expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
      // 1 + (1 + (1 + 20 × 100)) = 2003
      const one = await expectAnswered(t, '{ agreement(id: "haertung") { versions { items { yaml } } } }');
      expect(one.data!.agreement.versions.items).toEqual([{ yaml: sampleAgreementYaml('haertung') }]);
    } finally {
      await t.close();
    }
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES, in queries and in batched mutations', async () => {
    const t = await appWith({ GRAPHQL_MAX_ALIASES: '3' });
    try {
      const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: agreement(id: "haertung") { id }`).join(' ')} }`;
      await expectAnswered(t, aliased(3));
      const query = await refusedBeforeExecution(t, aliased(4), /4 aliases, more than the limit of 3/);
      expect(query.extensions).toMatchObject({ aliases: 4, limit: 3 });

      const [versions, audit] = [await count(t, 'agreement_versions'), await count(t, 'audit_log')];
      const batch = `mutation { ${[1, 2, 3, 4].map((i) => `c${i}: createAgreement(yaml: ${JSON.stringify(sampleAgreementYaml(`stapel-${i}`))}) { number }`).join(' ')} }`;
      const mutation = await refusedBeforeExecution(t, batch, /4 aliases/);
      expect([await count(t, 'agreement_versions'), await count(t, 'audit_log')]).toEqual([versions, audit]);
      expect(codes(query, mutation)).toEqual(['TOO_MANY_ALIASES', 'TOO_MANY_ALIASES']);
    } finally {
      await t.close();
    }
  });
});

describe('HTTP limits', () => {
  it('answers a request body over MAX_REQUEST_BYTES with 413 and stores nothing', async () => {
    const t = await appWith({ MAX_DOCUMENT_BYTES: '16384', MAX_REQUEST_BYTES: '32768' });
    try {
      const [versions, audit] = [await count(t, 'agreement_versions'), await count(t, 'audit_log')];
      const huge = sampleAgreementYaml('riesig', `notes: "${'x'.repeat(64 * 1024)}"\n`);
      const res = await t.gql(CREATE, { yaml: huge });
      expect(res.status).toBe(413);
      expect(res.data ?? null).toBeNull();
      expect([await count(t, 'agreement_versions'), await count(t, 'audit_log')]).toEqual([versions, audit]);

      // Under the request limit but over the document limit: the service itself refuses the document.
      const big = await t.gql(CREATE, { yaml: sampleAgreementYaml('gross', `notes: "${'x'.repeat(20 * 1024)}"\n`) });
      expect(big.status).toBe(200);
      expect(big.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ code: 'too-large' })] });
      expect(await count(t, 'agreement_versions')).toBe(versions);
    } finally {
      await t.close();
    }
  });

  it('refuses a request without a valid token before parsing it, and caps the query text and the tokens parsed', async () => {
    const t = await appWith({});
    try {
      const post = (query: string, authorization?: string) =>
        fetch(`${t.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query }),
        });
      // 2.4 MB that never closes its braces: parsing it would end in a syntax error.
      const broken = `{ agreements { items { ${'id '.repeat(800_000)}`;
      const expired = await t.token(EDITOR, '-1h');
      const { result: refusals, queries } = await countQueries(t, async () => {
        const answers = [];
        for (const authorization of [undefined, 'Bearer abc', `Bearer ${expired}`]) {
          const res = await post(broken, authorization);
          answers.push({ status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.json() });
        }
        return answers;
      });
      const unauthenticated = (message: string) => ({
        status: 401,
        challenge: 'Bearer',
        body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
      });
      expect(refusals).toEqual([
        unauthenticated('a token is required'),
        unauthenticated('the token was not accepted'),
        unauthenticated('the token was not accepted'),
      ]);
      expect(queries).toBe(0);

      // With a valid token the same text is refused for its size, still unparsed.
      const sized = await post(broken, `Bearer ${t.defaultToken}`);
      expect(sized.status).toBe(413);
      expect(((await sized.json()) as GraphQLResponse).errors).toEqual([
        {
          message: `the query text has ${Buffer.byteLength(broken)} bytes, more than the limit of 65536; send documents as variables`,
          extensions: { code: 'QUERY_TOO_LARGE', bytes: Buffer.byteLength(broken), limit: 65536 },
        },
      ]);
      // Short enough, but more tokens than the parser reads (2000): refused with the same code, not parsed through.
      const wide = await t.gql(`{ ${'a '.repeat(3000)}}`);
      expect({ status: wide.status, errors: wide.errors }).toEqual({
        status: 400,
        errors: [
          { message: 'the query has more than 2000 tokens, the limit; ask for fewer fields', extensions: { code: 'QUERY_TOO_LARGE', limit: 2000 } },
        ],
      });
      expect((await t.gql('{ agreements { items { id } } }')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('limits requests per token and minute with 429, RATE_LIMITED and Retry-After; other tokens are still served', async () => {
    const t = await appWith({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      // The 5 requests of this minute: appWith used one to store an agreement.
      for (let i = 0; i < 4; i++) expect((await t.gql('{ agreements { items { id } } }')).status).toBe(200);
      const versions = await count(t, 'agreement_versions');

      const res = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.defaultToken}` },
        body: JSON.stringify({ query: CREATE, variables: { yaml: sampleAgreementYaml('zu-viel') } }),
      });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      const body = (await res.json()) as GraphQLResponse;
      expect(body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
      expect(await count(t, 'agreement_versions')).toBe(versions);

      // The same caller with the header spelled otherwise, or with a fresh token, is the same caller.
      const fresh = await t.token(EDITOR, '2h');
      for (const authorization of [`bearer ${t.defaultToken}`, `Bearer  ${t.defaultToken} `, `Bearer ${fresh}`]) {
        const again = await t.gql('{ agreements { items { id } } }', {}, { as: null, headers: { authorization } });
        expect({ authorization, status: again.status, code: again.errors?.[0]?.extensions?.code }).toEqual({
          authorization,
          status: 429,
          code: 'RATE_LIMITED',
        });
      }

      const other = await t.gql('{ agreements { items { id } } }', {}, { as: await t.token({ name: 'Rita Leser', roles: ['reader'] }) });
      expect(other.status).toBe(200);
      expect(other.data!.agreements.items).toEqual([{ id: 'haertung' }]);
    } finally {
      await t.close();
    }
  });
});

describe('safe by default, development mode by choice', () => {
  // What a deployment gets that set nothing (NODE_ENV unset), and the opted-in development mode.
  let safe: TestApp;
  let dev: TestApp;
  // Both apps log here: Nest's own logging goes through the logger of whichever app started last.
  const logs: string[] = [];
  beforeAll(async () => {
    safe = await appWith({}, { logs });
    dev = await appWith({ NODE_ENV: 'development' }, { logs });
  });
  afterAll(async () => {
    await safe.close();
    await dev.close();
  });

  const landingPage = (t: TestApp) => fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' } });

  it('refuses introspection by default and allows it in development mode', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Agreement") { fields { name } } }']) {
      const refused = await safe.gql(query);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(refused.errors![0].message).toMatch(/introspection/i);
      expect(JSON.stringify(refused)).not.toMatch(/Agreement"|AgreementVersion/);
    }
    const allowed = await dev.gql('{ __schema { types { name } } }');
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.__schema.types.map((t: { name: string }) => t.name)).toContain('Agreement');
  });

  // Refused with the other requests without a valid token, before the query is parsed.
  it('answers introspection in development mode only to callers who may read', async () => {
    const schemaQueries = [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Agreement") { name } }',
      'query { ...Q } fragment Q on Query { ... on Query { __schema { queryType { name } } } }',
    ];
    for (const query of schemaQueries) {
      for (const as of [null, 'kein.gueltiges.token']) {
        const refused = await dev.gql(query, {}, { as });
        expect({ status: refused.status, data: refused.data ?? null, codes: codes(...(refused.errors ?? [])) }).toEqual({
          status: 401,
          data: null,
          codes: ['UNAUTHENTICATED'],
        });
        expect(JSON.stringify(refused)).not.toMatch(/Agreement"|queryType/);
      }
      const reader = await dev.token({ name: 'Rita Leser', roles: ['reader'] });
      expect((await dev.gql(query, {}, { as: reader })).errors).toBeUndefined();
    }
    const open = await startTestApp({ LOAD_AGREEMENTS: 'false', NODE_ENV: 'development', ALLOW_ANONYMOUS_READ: 'true' });
    try {
      const anonymous = await open.gql(schemaQueries[0], {}, { as: null });
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await open.close();
    }
  });

  it('shows no stack trace or file path in the errors of a caller by default; development mode does', async () => {
    const mistakes = [
      { query: '{ agreementz { id } }' },
      { query: '{ agreements { id }' },
      { query: 'query($d: Int!) { expiringAgreements(withinDays: $d) { agreementId } }', variables: { d: 'bald' } },
    ];
    for (const { query, variables } of mistakes) {
      const res = await safe.gql(query, variables);
      expect(res.errors).toHaveLength(1);
      expect(Object.keys(res.errors![0].extensions!)).toEqual(['code']);
      expect(JSON.stringify(res)).not.toMatch(/node_modules|\.js:\d+|stacktrace/);
      expect((await dev.gql(query, variables)).errors![0].extensions!.stacktrace).toEqual(
        expect.arrayContaining([expect.stringMatching(/\.js:\d+/)]),
      );
    }
  });

  it('serves no landing page by default; development mode has GraphiQL', async () => {
    const res = await landingPage(safe);
    const text = await res.text();
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(text).not.toMatch(/<html|graphiql/i);

    const devRes = await landingPage(dev);
    expect(devRes.headers.get('content-type')).toMatch(/text\/html/);
    expect(await devRes.text()).toMatch(/graphiql/i);
    expect((await fetch(`${safe.baseUrl}/graphql-ide/graphiql.js`)).status).toBe(404);
  });

  it('serves GraphiQL from the installed packages, so it works offline, with a field for the token', async () => {
    const html = await (await landingPage(dev)).text();
    const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      expect(url).toMatch(/^\/[^/]/); // same origin: a path, no host
      const asset = await fetch(new URL(url, dev.baseUrl));
      const body = await asset.text();
      expect({ url, status: asset.status, type: asset.headers.get('content-type'), large: body.length > 10_000 }).toEqual({
        url,
        status: 200,
        type: expect.stringMatching(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/),
        large: true,
      });
    }
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/<input id="token" type="password"/);
    // The token travels as a header of each request, read from the field: nothing stores it.
    expect(html).toMatch(/authorization: 'Bearer ' \+ token\(\)/);
    expect(html).not.toMatch(/localStorage|sessionStorage|document\.cookie/);
    expect(html).toMatch(/shouldPersistHeaders: false/);
  });

  it('shows an unexpected internal error without stack trace or SQL by default', async () => {
    const reader = await safe.token({ name: 'Rita Leser', roles: ['reader'] });
    logs.length = 0;
    await safe.sql('ALTER TABLE agreement_versions RENAME TO agreement_versions_x');
    try {
      const res = await fetch(`${safe.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
        body: JSON.stringify({ query: '{ agreements { items { id } } }' }),
      });
      const text = await res.text();
      const body = JSON.parse(text);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].message).toBe('Internal server error');
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      for (const secret of ['agreement_versions', 'SELECT', 'stack', ' at ', 'QueryFailedError', 'relation']) expect(text).not.toContain(secret);
      // What the caller is not shown, the operator finds in the log: once, with the path and the stack.
      expect(logs.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          level: 'error',
          path: ['agreements'],
          msg: 'relation "agreement_versions" does not exist',
          stack: expect.stringContaining('QueryFailedError'),
        }),
      ]);
    } finally {
      await safe.sql('ALTER TABLE agreement_versions_x RENAME TO agreement_versions');
    }
    const healed = await safe.gql('{ agreements { items { id } } }', {}, { as: reader });
    expect(healed.data!.agreements.items).toEqual([{ id: 'haertung' }]);
  });

  it('keeps the limit codes and figures by default, where other details of errors are dropped', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: agreement(id: "haertung") { id }`).join(' ')} }`; // default limit 30
    const res = await safe.gql(aliases);
    expect({ status: res.status, hasData: 'data' in res, message: res.errors?.[0]?.message }).toEqual({
      status: 400,
      hasData: false,
      message: 'query uses 31 aliases, more than the limit of 30',
    });
    // The figures are the caller's own query measured against a published setting: nothing internal.
    expect(res.errors![0].extensions).toEqual({ code: 'TOO_MANY_ALIASES', aliases: 31, limit: 30 });
  });

  it('answers an oversized or broken request body by default without stack trace', async () => {
    for (const body of ['{"query": "{ agreements { items { id } } }"', JSON.stringify({ query: '#'.repeat(4 * 1024 * 1024) })]) {
      const res = await fetch(`${safe.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${safe.defaultToken}` },
        body,
      });
      expect([400, 413]).toContain(res.status);
      const text = await res.text();
      expect(text).not.toMatch(/\n\s+at |node_modules|"stack"|\.[jt]s:\d+|<html/i);
    }
  });
});

describe('CSRF prevention', () => {
  let t: TestApp;
  let reader: string;
  beforeAll(async () => {
    t = await appWith({});
    reader = await t.token({ name: 'Rita Leser', roles: ['reader'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${reader}`, ...headers } });

  it('refuses a simple GET without a preflight header, before anything runs', async () => {
    const { result: res, queries } = await countQueries(t, () => get('{agreements{items{id}}}'));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
    expect(queries).toBe(0);
  });

  it('refuses a POST sent as text/plain', async () => {
    const versions = await count(t, 'agreement_versions');
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${t.defaultToken}` },
      body: JSON.stringify({ query: CREATE, variables: { yaml: sampleAgreementYaml('quer') } }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
    expect(await count(t, 'agreement_versions')).toBe(versions);
  });

  it('lets the same GET through with apollo-require-preflight, but never a mutation over GET', async () => {
    const res = await get('{agreements{items{id}}}', { 'apollo-require-preflight': 'true' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { agreements: { items: [{ id: 'haertung' }] } } });

    const versions = await count(t, 'agreement_versions');
    const yaml = JSON.stringify(sampleAgreementYaml('per-get'));
    const mutation = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent(`mutation { createAgreement(yaml: ${yaml}) { number } }`)}`, {
      headers: { authorization: `Bearer ${t.defaultToken}`, 'apollo-require-preflight': 'true' },
    });
    expect(mutation.status).toBe(405);
    expect(await count(t, 'agreement_versions')).toBe(versions);
  });
});
