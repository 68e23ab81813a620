import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Role } from '../src/common/actor.js';
import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TokenClaims, type Untyped } from './support/test-app.js';

/**
 * Role × mutation: every mutation of the running schema, called by each role and without a token.
 * The expected rules below are this test's own reading of who may do what, kept apart from
 * src/auth/policy.ts on purpose: a change there that nobody meant shows up here.
 */
const EXPECTED: Readonly<Record<string, readonly Role[]>> = {
  createAgreement: ['senate-editor', 'admin'],
  saveDraft: ['senate-editor', 'admin'],
  freezeVersion: ['senate-editor', 'admin'],
  extendValidity: ['senate-editor', 'admin'],
  amendAgreement: ['senate-editor', 'admin'],
  createFollowUpDraft: ['senate-editor', 'admin'],
  recordSignature: ['district-signatory', 'admin'],
  withdrawSignature: ['district-signatory', 'admin'],
  recordPaper: ['council-office', 'admin'],
  recordConsultation: ['council-office', 'admin'],
  importOParl: ['council-office', 'admin'],
  linkPaper: ['council-office', 'admin'],
};

interface Call {
  query: string;
  variables: Record<string, unknown>;
}

/** Each caller with the scope that fits the sample calls: senin leads the sample agreement, mitte is its district. */
const CALLERS: Array<{ label: string; role: Role | null; claims?: TokenClaims }> = [
  { label: 'senate-editor (senin)', role: 'senate-editor', claims: { name: 'Erika Muster', roles: ['senate-editor'], departments: ['senin'] } },
  {
    label: 'district-signatory (mitte)',
    role: 'district-signatory',
    claims: { name: 'Dana Bezirk', roles: ['district-signatory'], district: 'mitte' },
  },
  { label: 'council-office (bvv-mitte)', role: 'council-office', claims: { name: 'Carl Rat', roles: ['council-office'], body: 'bvv-mitte' } },
  { label: 'reader', role: 'reader', claims: { name: 'Rita Leser', roles: ['reader'] } },
  { label: 'admin', role: 'admin', claims: { name: 'Ada Admin', roles: ['admin'] } },
  { label: 'no token', role: null },
];

/** The same roles acting for someone else: another department, district or council body. */
const OUT_OF_SCOPE: Partial<Record<Role, TokenClaims>> = {
  'senate-editor': { name: 'Otto Fremd', roles: ['senate-editor'], departments: ['senfin'] },
  'district-signatory': { name: 'Paula Pankow', roles: ['district-signatory'], district: 'pankow' },
  'council-office': { name: 'Konrad Pankow', roles: ['council-office'], body: 'bvv-pankow' },
};

const t: TestApp = await startTestApp({ LOAD_AGREEMENTS: 'false' });
afterAll(async () => {
  await t.close();
});
const schemaMutations = Object.keys(t.app.get(GraphQLSchemaHost).schema.getMutationType()?.getFields() ?? {}).sort();

// ---- building blocks for the sample calls; every preparation is done by an admin ----

let counter = 0;
const freshId = (prefix = 'rolle') => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
/** A Berlin calendar day safely in the past, so "not in the future" rules never interfere. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let adminToken: string;
async function asAdmin(query: string, variables: Record<string, unknown>): Promise<Record<string, Untyped>> {
  adminToken ??= await t.token({ name: 'Ada Admin', roles: ['admin'] });
  const res = await t.gql(query, variables, { as: adminToken });
  if (res.errors) throw new Error(`preparing a sample call failed: ${JSON.stringify(res.errors)}`);
  return res.data!;
}

const CREATE = `mutation($yaml: String!) { createAgreement(yaml: $yaml) { agreementId number } }`;
const FREEZE = `mutation($id: ID!, $version: Int!, $on: Date) { freezeVersion(agreementId: $id, version: $version, frozenOn: $on) { agreementId number } }`;
const SIGN = `mutation($input: RecordSignatureInput!) { recordSignature(input: $input) { id } }`;

/** A new draft led by senin, version 1. */
async function draft(): Promise<{ id: string; yaml: string }> {
  const id = freshId();
  const yaml = sampleAgreementYaml(id);
  await asAdmin(CREATE, { yaml });
  return { id, yaml };
}

/** A new agreement whose version 1 is frozen for signature. */
async function frozen(): Promise<{ id: string; yaml: string }> {
  const d = await draft();
  await asAdmin(FREEZE, { id: d.id, version: 1, on: daysAgo(3) });
  return d;
}

const signatureInput = (agreementId: string, party: string, role: string) => ({
  agreementId,
  version: 1,
  party,
  role,
  personName: party === 'mitte' ? 'Dana Bezirk' : 'Senatorin Beispiel',
  office: party === 'mitte' ? 'Bezirksstadträtin für Bürgerdienste' : 'Senatorin für Inneres',
  signedOn: daysAgo(2),
  level: 'QUALIFIED_ELECTRONIC',
  evidence: { fileName: `${party}-${role}.p7s`, sha256: 'ab'.repeat(32) },
});

const RECORD_PAPER = `mutation($input: RecordPaperInput!) { recordPaper(input: $input) { id reference } }`;
/** A reference no other call uses: <number>/XXI. */
const freshReference = () => `${++counter}${Math.floor(Math.random() * 1000)}/XXI`;
/** A paper of the council of mitte, the sample agreement's district, on a new draft. */
const paperInput = (agreementId: string, reference: string) => ({
  body: 'bvv-mitte',
  reference,
  type: 'Vorlage zur Kenntnisnahme',
  date: daysAgo(2),
  agreementId,
  agreementVersion: 1,
  concerns: 'DRAFT_BEFORE_SIGNATURE',
});

async function signature(agreementId: string, party: string, role: string): Promise<string> {
  return (await asAdmin(SIGN, { input: signatureInput(agreementId, party, role) })).recordSignature.id;
}

/**
 * For each mutation, a call as it would really be made, prepared so that an allowed caller can
 * succeed: the role rule, not a missing precondition, decides the outcome.
 */
const SAMPLE_CALLS: Readonly<Record<string, () => Promise<Call>>> = {
  createAgreement: () => Promise.resolve({ query: CREATE, variables: { yaml: sampleAgreementYaml(freshId()) } }),
  saveDraft: async () => {
    const { id, yaml } = await draft();
    return {
      query: `mutation($id: ID!, $base: Int!, $yaml: String!) { saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml, changeNote: "Zielwert angehoben") { agreementId number } }`,
      variables: { id, base: 1, yaml: yaml.replace('targetValue: 90', 'targetValue: 95') },
    };
  },
  freezeVersion: async () => {
    const { id } = await draft();
    return { query: FREEZE, variables: { id, version: 1, on: daysAgo(3) } };
  },
  recordSignature: async () => {
    const { id } = await frozen();
    return { query: SIGN, variables: { input: signatureInput(id, 'mitte', 'buergerdienste') } };
  },
  withdrawSignature: async () => {
    const { id } = await frozen();
    const signatureId = await signature(id, 'mitte', 'buergerdienste');
    return {
      query: `mutation($input: WithdrawSignatureInput!) { withdrawSignature(input: $input) { id withdrawal { withdrawnOn } } }`,
      variables: { input: { signatureId, withdrawnOn: daysAgo(1), reason: 'Falsche Person eingetragen' } },
    };
  },
  extendValidity: async () => {
    const { id } = await frozen();
    await signature(id, 'senin', 'leitung'); // senin has signed completely: the agreement can be extended
    return {
      query: `mutation($input: ExtendValidityInput!) { extendValidity(input: $input) { id newVersion } }`,
      variables: {
        input: { agreementId: id, until: '2027-12-31', source: 'Schreiben SenInn vom Vortag', decidedOn: daysAgo(1), effectiveOn: daysAgo(1) },
      },
    };
  },
  amendAgreement: async () => {
    const { id, yaml } = await frozen();
    return {
      query: `mutation($input: AmendAgreementInput!) { amendAgreement(input: $input) { id newVersion } }`,
      variables: {
        input: {
          agreementId: id,
          baseVersion: 1,
          yaml: yaml.replace('targetValue: 90', 'targetValue: 95'),
          type: 'CONTENT_AMENDMENT',
          source: 'Beschluss der Steuerungsrunde',
          decidedOn: daysAgo(1),
          effectiveOn: daysAgo(1),
        },
      },
    };
  },
  recordPaper: async () => {
    const { id } = await draft();
    return { query: RECORD_PAPER, variables: { input: paperInput(id, freshReference()) } };
  },
  recordConsultation: async () => {
    const { id } = await draft();
    const reference = freshReference();
    await asAdmin(RECORD_PAPER, { input: paperInput(id, reference) });
    return {
      query: `mutation($input: RecordConsultationInput!) { recordConsultation(input: $input) { id consultations { totalCount } } }`,
      variables: {
        input: {
          paperBody: 'bvv-mitte',
          reference,
          kind: 'COUNCIL_CONSULTATION',
          body: 'bvv-mitte',
          date: daysAgo(1),
          role: 'Kenntnisnahme',
          result: 'zur Kenntnis genommen',
          finished: true,
        },
      },
    };
  },
  importOParl: () => {
    // An invented OParl paper (https://oparl.example.org/… is not a real council information system).
    const reference = freshReference();
    const json = JSON.stringify({
      id: `https://oparl.example.org/papers/${freshId('paper')}`,
      type: 'https://schema.oparl.org/1.1/Paper',
      name: 'Beispielvorlage',
      reference,
      date: daysAgo(2),
      paperType: 'Vorlage zur Kenntnisnahme',
    });
    return Promise.resolve({
      query: `mutation($body: ID!, $json: String!) { importOParl(body: $body, json: $json) { oparlId outcome } }`,
      variables: { body: 'bvv-mitte', json },
    });
  },
  linkPaper: async () => {
    const { id } = await draft();
    const reference = freshReference();
    await asAdmin(RECORD_PAPER, { input: { body: 'bvv-mitte', reference, date: daysAgo(2) } });
    return {
      query: `mutation($body: ID!, $reference: String, $id: ID!) {
        linkPaper(body: $body, reference: $reference, agreementId: $id, version: 1, concerns: DRAFT_BEFORE_SIGNATURE) { id agreementId revision } }`,
      variables: { body: 'bvv-mitte', reference, id },
    };
  },
  createFollowUpDraft: async () => {
    const { id } = await draft();
    return {
      query: `mutation($input: CreateFollowUpDraftInput!) { createFollowUpDraft(input: $input) { agreementId number } }`,
      variables: { input: { predecessorId: id, id: freshId('folge'), title: 'Folgevereinbarung Bürgerämter' } },
    };
  },
};

// ---- observing a call ----

/**
 * Row count and digest of every domain table: all of the public schema but the audit log, the register
 * log (which logs each audit entry too; a domain record it logs shows in its own table) and migration bookkeeping.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await t.sql<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('audit_log', 'register_log', 'migrations', 'typeorm_metadata')
      ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await t.sql(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS digest FROM "${name}" x`,
    );
    result[name] = `${row.n} rows, md5 ${row.digest}`;
  }
  return result;
}

const auditRows = async (operation: string) =>
  t.sql<{ outcome: string; name: string }>('SELECT outcome, name FROM audit_log WHERE operation = $1 ORDER BY id', [operation]);

const tokens = new Map<TokenClaims, string>();
const tokenFor = async (claims?: TokenClaims) => {
  if (!claims) return null;
  if (!tokens.has(claims)) tokens.set(claims, await t.token(claims));
  return tokens.get(claims)!;
};

/** Prepares the sample call, then makes it as the caller, watching the domain tables and the audit log. */
async function attempt(mutation: string, claims?: TokenClaims) {
  const call = await SAMPLE_CALLS[mutation]();
  const as = await tokenFor(claims);
  const before = await fingerprint();
  const auditBefore = (await auditRows(mutation)).length;
  const res = await t.gql(call.query, call.variables, { as });
  const newAudit = (await auditRows(mutation)).slice(auditBefore);
  return { res, before, after: await fingerprint(), newAudit };
}

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code as string | undefined;
/** Errors that mean the sample call never reached the service: it does not fit the schema. */
const GRAPHQL_LEVEL = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'];
/** A variable GraphQL could not take is BAD_INPUT before any resolver ran, so without a path. */
const fitsSchema = (res: GraphQLResponse) => {
  const error = res.errors?.[0];
  const code = error?.extensions?.code;
  return !(GRAPHQL_LEVEL.includes(code) || (code === 'BAD_INPUT' && !error?.path));
};

function expectRefused(outcome: Awaited<ReturnType<typeof attempt>>, code: 'FORBIDDEN' | 'UNAUTHENTICATED', who?: string) {
  const { res, before, after, newAudit } = outcome;
  // Without a token the request is refused before it is parsed, and then there is no data at all.
  expect({ code: codeOf(res), data: res.data ?? null }).toEqual({ code, data: null });
  expect(after).toEqual(before);
  // Attempts that passed authentication are audited, refused ones included; anonymous ones are not.
  expect(newAudit).toEqual(code === 'FORBIDDEN' ? [{ outcome: 'FORBIDDEN', name: who }] : []);
}

// ---- the tests ----

it('has an expected rule and a sample call for every mutation of the schema', () => {
  const problems = schemaMutations.flatMap((m) => {
    const missing = [!(m in EXPECTED) && 'no expected rule', !(m in SAMPLE_CALLS) && 'no sample call'].filter(Boolean);
    return missing.length ? [`mutation ${m} has ${missing.join(' / ')}: add them here and a rule in src/auth/policy.ts`] : [];
  });
  expect(problems).toEqual([]);
  expect(Object.keys(SAMPLE_CALLS).sort()).toEqual(Object.keys(EXPECTED).sort());
});

it('fingerprints every domain table, and sees a change', async () => {
  const before = await fingerprint();
  expect(Object.keys(before)).toEqual(expect.arrayContaining(['agreements', 'agreement_versions']));
  expect(Object.keys(before)).not.toContain('audit_log');
  await draft();
  const after = await fingerprint();
  expect(after.agreements).not.toBe(before.agreements);
  expect(after.agreement_versions).not.toBe(before.agreement_versions);
});

it('has no rule left for a mutation that is gone from the schema', () => {
  expect(Object.keys(EXPECTED).filter((m) => !schemaMutations.includes(m))).toEqual([]);
});

describe.each(schemaMutations.filter((m) => m in EXPECTED && m in SAMPLE_CALLS))('%s', (mutation) => {
  const allowed = EXPECTED[mutation];

  it('sample call is a real call: it succeeds for an admin and changes the stored data', async () => {
    const { res, before, after } = await attempt(mutation, CALLERS.find((c) => c.role === 'admin')!.claims);
    expect(res.errors).toBeUndefined();
    expect(after).not.toEqual(before);
  });

  const cases = CALLERS.map((caller) => {
    const expectation =
      caller.role === null
        ? 'UNAUTHENTICATED, nothing changes, not audited'
        : allowed.includes(caller.role)
          ? 'let through'
          : 'FORBIDDEN, nothing changes, audited';
    return { ...caller, expectation };
  });
  it.each(cases)('$label: $expectation', async ({ role, claims }) => {
    const outcome = await attempt(mutation, claims);
    const code = codeOf(outcome.res);
    if (!fitsSchema(outcome.res)) {
      throw new Error(`the sample call for ${mutation} does not fit the schema: ${JSON.stringify(outcome.res.errors)}`);
    }
    if (role === null) return expectRefused(outcome, 'UNAUTHENTICATED');
    if (!allowed.includes(role)) return expectRefused(outcome, 'FORBIDDEN', claims!.name);
    // Let through: whatever the service then says, it is not the role gate speaking.
    expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR']).not.toContain(code);
  });

  const scoped = allowed.filter((r): r is keyof typeof OUT_OF_SCOPE => r in OUT_OF_SCOPE);
  it.each(scoped)('%s acting for another party: FORBIDDEN, even with a correct agreement id', async (role) => {
    const claims = OUT_OF_SCOPE[role]!;
    expectRefused(await attempt(mutation, claims), 'FORBIDDEN', claims.name);
  });
});

(schemaMutations.includes('recordSignature') ? it : it.skip)(
  'a district signatory signs for her own district only, not for the Senate department',
  async () => {
    const { id } = await frozen();
    const as = await tokenFor(CALLERS.find((c) => c.role === 'district-signatory')!.claims);
    const before = await fingerprint();
    const res = await t.gql(SIGN, { input: signatureInput(id, 'senin', 'leitung') }, { as });
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(await fingerprint()).toEqual(before);
    const own = await t.gql(SIGN, { input: signatureInput(id, 'mitte', 'finanzen') }, { as });
    expect(own.errors).toBeUndefined();
  },
);
