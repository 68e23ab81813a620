import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import { loadAgreementsFolder } from '../src/bootstrap.js';
import { Logger } from '../src/common/logger.js';
import { contentHash } from '../src/documents/canonical.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey } from '../src/auth/tokens/index.js';
import { runCli } from './support/cli.js';
import { sampleAgreementYaml } from './support/documents.js';
import { startOidcProvider, type OidcProvider } from './support/oidc-provider.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TokenClaims } from './support/test-app.js';

const CREATE = `mutation($yaml: String!, $note: String) {
  createAgreement(yaml: $yaml, changeNote: $note) { agreementId number author changeNote } }`;
const SAVE = `mutation($id: ID!, $base: Int!, $yaml: String!) {
  saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml) { agreementId number author } }`;
const READ = `query($id: ID!) { agreement(id: $id) { id title } }`;
const AUDIT = `query($id: ID, $since: DateTime, $limit: Int) {
  auditLog(agreementId: $id, since: $since, limit: $limit) {
    items { id at operation outcome subject name roles party agreementId version argsDigest } totalCount hasMore } }`;

const EDITOR: TokenClaims = { name: 'Erika Muster', subject: 'u-erika', roles: ['senate-editor'], departments: ['senin'] };
const OTHER_EDITOR: TokenClaims = { name: 'Otto Fremd', subject: 'u-otto', roles: ['senate-editor'], departments: ['senfin'] };

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

/**
 * What a caller sees for a refused request: no data (none at all when refused before parsing, or a nullable field
 * that is null), one error, nothing in extensions but the code.
 */
function expectRefused(res: GraphQLResponse, code: 'UNAUTHENTICATED' | 'FORBIDDEN') {
  const data = !res.data || Object.values(res.data).every((v) => v === null) ? null : res.data;
  expect({ data, errors: res.errors?.length, extensions: res.errors?.[0]?.extensions }).toEqual({
    data: null,
    errors: 1,
    extensions: { code },
  });
}

/** The response exactly as sent over the wire, for comparing two answers byte for byte. */
async function rawPost(t: TestApp, query: string, variables: Record<string, unknown>, authorization?: string) {
  const res = await fetch(`${t.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.text() };
}

/** A value of the given input type that passes GraphQL's own checks, so the call reaches the access check. */
function exampleValue(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [];
  if (isEnumType(t)) return t.getValues()[0].name;
  if (isInputObjectType(t)) {
    return Object.fromEntries(
      Object.values(t.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, exampleValue(f.type)]),
    );
  }
  const scalars: Record<string, unknown> = { Int: 1, Float: 1, Boolean: true, Date: '2024-01-01', DateTime: '2024-01-01T00:00:00.000Z' };
  return scalars[t.name] ?? 'soziale-wohnhilfen';
}

/** Every root query field of the running schema, each as a minimal call with its required arguments. */
function everyQuery(t: TestApp): Array<{ field: string; query: string; variables: Record<string, unknown> }> {
  const fields = Object.values(t.app.get(GraphQLSchemaHost).schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[];
  return fields.map((field) => {
    const required = field.args.filter((a) => isNonNullType(a.type));
    const params = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
    return {
      field: field.name,
      query: `query${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
      variables: Object.fromEntries(required.map((a) => [a.name, exampleValue(a.type)])),
    };
  });
}

const count = async (t: TestApp, table: 'agreement_versions' | 'audit_log') => Number((await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('authentication, audit trail and CLI tokens (local key)', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    // As the service does on start (LOAD_AGREEMENTS defaults to true): the shipped agreements are in.
    // Idempotent: should startTestApp have loaded them already, this adds nothing.
    await loadAgreementsFolder(t.app, t.config, new Logger('error'));
    admin = await t.token({ name: 'Ada Admin', subject: 'u-ada', roles: ['admin'] });
    editor = await t.token(EDITOR);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('unusable tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    /** Claims as the app's own key would sign them; each case falsifies one thing. */
    const signWithAppKey = async (overrides: JWTPayload) => {
      const key = await loadOrCreateLocalKey(t.config.dataDir);
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
        sub: 'u-ada',
        iat: now,
        exp: now + 3600,
        name: 'Ada Admin',
        roles: ['admin'],
        ...overrides,
      };
      return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(await importJWK(key.privateJwk, 'ES256'));
    };
    const signWithStrangerKey = async (kid: string) => {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT({ name: 'Ada Admin', roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject('u-ada')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    };
    const unusable = async (): Promise<Array<[string, string]>> => {
      const appKid = (await loadOrCreateLocalKey(t.config.dataDir)).kid;
      return [
        ['expired', `Bearer ${await t.token({ name: 'Ada Admin', roles: ['admin'] }, '-1h')}`],
        ['signed by another key under the app key id', `Bearer ${await signWithStrangerKey(appKid)}`],
        ['signed by another key with its own key id', `Bearer ${await signWithStrangerKey('stranger')}`],
        ['for another audience', `Bearer ${await signWithAppKey({ aud: 'someone-else' })}`],
        ['from another issuer', `Bearer ${await signWithAppKey({ iss: 'https://idp.example.org' })}`],
        ['without any known role', `Bearer ${await signWithAppKey({ roles: ['root', 'superuser'] })}`],
        ['valid for a century', `Bearer ${await signWithAppKey({ exp: Date.UTC(2126, 0, 1) / 1000 })}`],
        ['issued in a week, for an hour', `Bearer ${await signWithAppKey({ iat: now() + 7 * 86400, exp: now() + 7 * 86400 + 3600 })}`],
        ['without the time it was issued', `Bearer ${await signWithAppKey({ iat: undefined })}`],
        ['not a JWT', 'Bearer abc'],
        ['not a bearer token', 'Basic xyz'],
        ['unsigned (alg none)', `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${(await signWithAppKey({})).split('.')[1]}.`],
      ];
    };

    it('refuses each with the same UNAUTHENTICATED answer, which does not say what was wrong', async () => {
      const control = await t.gql(READ, { id: 'soziale-wohnhilfen' }, { as: admin });
      expect(control.data!.agreement.id).toBe('soziale-wohnhilfen');

      const answers = new Map<string, string>();
      for (const [label, authorization] of await unusable()) {
        const res = await t.gql(READ, { id: 'soziale-wohnhilfen' }, { as: null, headers: { authorization } });
        expectRefused(res, 'UNAUTHENTICATED');
        answers.set(label, JSON.stringify(res));
      }
      // One answer for all: the reason (expired, audience, signature…) is not revealed.
      expect(new Set(answers.values()).size).toBe(1);
      expect([...answers.values()][0]).not.toMatch(/expire|audience|issuer|signature|role|malformed/i);
    });

    it('refuses a token signed with the local key to last for a century, for the audit log too', async () => {
      const century = await signWithAppKey({ exp: Date.UTC(2126, 0, 1) / 1000 });
      expectRefused(await t.gql(AUDIT, {}, { as: century }), 'UNAUTHENTICATED');
      const day = await signWithAppKey({ exp: now() + 24 * 3600 });
      expect((await t.gql(AUDIT, {}, { as: day })).errors).toBeUndefined();
    });

    it('answers the same for an existing and an unknown agreement', async () => {
      const expired = `Bearer ${await t.token({ name: 'Ada Admin', roles: ['admin'] }, '-1h')}`;
      for (const authorization of [expired, 'Bearer abc', undefined]) {
        const existing = await rawPost(t, READ, { id: 'soziale-wohnhilfen' }, authorization);
        const unknown = await rawPost(t, READ, { id: 'gibt-es-nicht' }, authorization);
        expect(JSON.parse(existing.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(unknown).toEqual(existing);
      }
      // A valid token without the role a mutation needs: FORBIDDEN, equally silent about existence.
      const reader = `Bearer ${await t.token({ name: 'Rita Leser', roles: ['reader'] })}`;
      const yaml = sampleAgreementYaml('gibt-es-nicht');
      const existing = await rawPost(t, SAVE, { id: 'soziale-wohnhilfen', base: 1, yaml }, reader);
      const unknown = await rawPost(t, SAVE, { id: 'gibt-es-nicht', base: 1, yaml }, reader);
      expect(JSON.parse(existing.body).errors[0].extensions.code).toBe('FORBIDDEN');
      expect(unknown).toEqual(existing);
    });

    it('refuses mutations with an unusable token and stores nothing, not even an audit entry', async () => {
      const [versions, audit] = [await count(t, 'agreement_versions'), await count(t, 'audit_log')];
      for (const [, authorization] of await unusable()) {
        const res = await t.gql(CREATE, { yaml: sampleAgreementYaml('unbefugt') }, { as: null, headers: { authorization } });
        expectRefused(res, 'UNAUTHENTICATED');
      }
      expect(await count(t, 'agreement_versions')).toBe(versions);
      expect(await count(t, 'audit_log')).toBe(audit);
    });
  });

  describe('without a token', () => {
    it('refuses queries and mutations by default', async () => {
      expectRefused(await t.gql('{ agreements { items { id } } }', {}, { as: null }), 'UNAUTHENTICATED');
      expectRefused(await t.gql(READ, { id: 'soziale-wohnhilfen' }, { as: null }), 'UNAUTHENTICATED');
      expectRefused(await t.gql(AUDIT, {}, { as: null }), 'UNAUTHENTICATED');
      expectRefused(await t.gql(CREATE, { yaml: sampleAgreementYaml('anonym') }, { as: null }), 'UNAUTHENTICATED');
    });

    it('refuses every root query of the schema, whatever was added since', async () => {
      const calls = everyQuery(t);
      expect(calls.map((c) => c.field)).toEqual(expect.arrayContaining(['agreement', 'agreements', 'auditLog']));
      const outcomes = [];
      for (const { field, query, variables } of calls) {
        const anonymous = await t.gql(query, variables, { as: null });
        const withToken = await t.gql(query, variables, { as: admin });
        outcomes.push({ field, anonymous: codeOf(anonymous), withToken: codeOf(withToken) ?? 'answered' });
      }
      // With a token each call gets past the access check, so the calls themselves are well-formed.
      expect(outcomes).toEqual(
        calls.map(({ field }) => ({
          field,
          anonymous: 'UNAUTHENTICATED',
          withToken: expect.not.stringMatching(/UNAUTHENTICATED|FORBIDDEN|GRAPHQL_/),
        })),
      );
    });

    it('with ALLOW_ANONYMOUS_READ=true: queries work, mutations and the audit log still need a token', async () => {
      const open = await startTestApp({ LOAD_AGREEMENTS: 'false', ALLOW_ANONYMOUS_READ: 'true' });
      try {
        // Every root query is open, except the audit log.
        for (const { field, query, variables } of everyQuery(open)) {
          const code = codeOf(await open.gql(query, variables, { as: null }));
          expect({ field, code }).toEqual({
            field,
            code: field === 'auditLog' ? 'UNAUTHENTICATED' : expect.not.stringMatching(/UNAUTHENTICATED|FORBIDDEN|GRAPHQL_/),
          });
        }

        const stored = await open.gql(CREATE, { yaml: sampleAgreementYaml('oeffentlich') }, { as: await open.token(EDITOR) });
        expect(stored.errors).toBeUndefined();

        const list = await open.gql('{ agreements { items { id title } } }', {}, { as: null });
        expect(list.errors).toBeUndefined();
        expect(list.data!.agreements.items).toEqual([{ id: 'oeffentlich', title: 'Testvereinbarung Bürgerämter' }]);
        const one = await open.gql(READ, { id: 'oeffentlich' }, { as: null });
        expect(one.data!.agreement).toEqual({ id: 'oeffentlich', title: 'Testvereinbarung Bürgerämter' });

        const versions = await count(open, 'agreement_versions');
        expectRefused(await open.gql(CREATE, { yaml: sampleAgreementYaml('anonym') }, { as: null }), 'UNAUTHENTICATED');
        const save = await open.gql(
          SAVE,
          { id: 'oeffentlich', base: 1, yaml: sampleAgreementYaml('oeffentlich').replace('targetValue: 90', 'targetValue: 99') },
          { as: null },
        );
        expectRefused(save, 'UNAUTHENTICATED');
        expect(await count(open, 'agreement_versions')).toBe(versions);
        expect(await count(open, 'audit_log')).toBe(1); // only the editor's createAgreement
        expectRefused(await open.gql(AUDIT, {}, { as: null }), 'UNAUTHENTICATED');

        // A refused token is not quietly read as "no token": it stays UNAUTHENTICATED.
        const expired = await open.token({ name: 'Rita Leser', roles: ['reader'] }, '-1h');
        expectRefused(await open.gql('{ agreements { items { id } } }', {}, { as: expired }), 'UNAUTHENTICATED');
        // Anonymous queries pass the token check, not the cap on the query text.
        const huge = await open.gql(`{ agreements { items { ${'id '.repeat(30_000)}} } }`, {}, { as: null });
        expect({ status: huge.status, code: codeOf(huge) }).toEqual({ status: 413, code: 'QUERY_TOO_LARGE' });
      } finally {
        await open.close();
      }
    });
  });

  describe('audit trail', () => {
    const ID = 'audit-fall';
    const v1 = sampleAgreementYaml(ID);
    const v2 = v1.replace('targetValue: 90', 'targetValue: 95');
    const audit = (variables: Record<string, unknown>, as: string) => t.gql(AUDIT, variables, { as });
    type Entry = {
      id: string;
      at: string;
      operation: string;
      outcome: string;
      subject: string;
      name: string;
      roles: string[];
      party: string | null;
      agreementId: string | null;
      version: number | null;
      argsDigest: string;
    };
    let entries: Entry[];

    beforeAll(async () => {
      const other = await t.token(OTHER_EDITOR);
      expect((await t.gql(CREATE, { yaml: sampleAgreementYaml('audit-nachbar') }, { as: editor })).errors).toBeUndefined();
      expect((await t.gql(CREATE, { yaml: v1, note: 'Erster Entwurf' }, { as: editor })).errors).toBeUndefined();
      expect(codeOf(await t.gql(SAVE, { id: ID, base: 1, yaml: v2 }, { as: other }))).toBe('FORBIDDEN');
      expect((await t.gql(SAVE, { id: ID, base: 1, yaml: v2 }, { as: editor })).errors).toBeUndefined();
      const stale = v1.replace('minimumValue: 60', 'minimumValue: 70');
      expect(codeOf(await t.gql(SAVE, { id: ID, base: 1, yaml: stale }, { as: editor }))).toBe('VERSION_CONFLICT');
      const invalid = v2.replace('direction: higherIsBetter', 'direction: up');
      expect(codeOf(await t.gql(SAVE, { id: ID, base: 2, yaml: invalid }, { as: editor }))).toBe('VALIDATION_FAILED');
      // Not audited: it did not pass authentication.
      expectRefused(await t.gql(SAVE, { id: ID, base: 2, yaml: v2 }, { as: null }), 'UNAUTHENTICATED');
      expectRefused(await t.gql(SAVE, { id: ID, base: 2, yaml: v2 }, { as: await t.token(EDITOR, '-1h') }), 'UNAUTHENTICATED');

      const res = await audit({ id: ID }, admin);
      expect(res.errors).toBeUndefined();
      entries = res.data!.auditLog.items;
    });

    it('lists every authenticated attempt, newest first, with who, for whom, what and how it ended', () => {
      const erika = { subject: 'u-erika', name: 'Erika Muster', roles: ['senate-editor'], party: 'senin', agreementId: ID };
      expect(entries.map(({ id: _id, at: _at, argsDigest: _d, ...rest }) => rest)).toEqual([
        { ...erika, operation: 'saveDraft', outcome: 'VALIDATION_FAILED', version: 2 },
        { ...erika, operation: 'saveDraft', outcome: 'VERSION_CONFLICT', version: 1 },
        { ...erika, operation: 'saveDraft', outcome: 'ok', version: 2 },
        {
          subject: 'u-otto',
          name: 'Otto Fremd',
          roles: ['senate-editor'],
          party: 'senfin',
          agreementId: ID,
          operation: 'saveDraft',
          outcome: 'FORBIDDEN',
          version: 1,
        },
        { ...erika, operation: 'createAgreement', outcome: 'ok', version: 1 },
      ]);
      const times = entries.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const e of entries) expect(e.argsDigest).toMatch(/^[0-9a-f]{64}$/);
      // The digest proves what was sent: the refused save's arguments, hashed as canonical JSON.
      expect(entries[3].argsDigest).toBe(contentHash({ agreementId: ID, baseVersion: 1, yaml: v2 }));
      expect(entries[2].argsDigest).toBe(entries[3].argsDigest); // same arguments, same digest
      expect(new Set(entries.map((e) => e.argsDigest)).size).toBe(4);
    });

    it('filters by since and pages by limit', async () => {
      const since = await audit({ id: ID, since: entries[2].at }, admin);
      expect(since.data!.auditLog.items.map((e: Entry) => e.id)).toEqual(entries.slice(0, 3).map((e) => e.id));
      const limited = await audit({ id: ID, limit: 2 }, admin);
      expect(limited.data!.auditLog.items.map((e: Entry) => e.id)).toEqual(entries.slice(0, 2).map((e) => e.id));
      expect(limited.data!.auditLog).toMatchObject({ totalCount: 5, hasMore: true });
      expect(codeOf(await audit({ id: ID, limit: 101 }, admin))).toBe('BAD_INPUT');
      // The whole log, for admins, holds other agreements' entries too.
      const all: Entry[] = (await audit({ limit: 100 }, admin)).data!.auditLog.items;
      expect(all.map((e) => e.id)).toEqual(expect.arrayContaining(entries.map((e) => e.id)));
      expect(all.filter((e) => e.agreementId === 'audit-nachbar')).toMatchObject([{ operation: 'createAgreement', outcome: 'ok' }]);
    });

    it('is open to the editors of the lead department for their agreements only', async () => {
      const own = await audit({ id: ID }, editor);
      expect(own.errors).toBeUndefined();
      expect(own.data!.auditLog.items).toEqual(entries);

      expectRefused(await audit({}, editor), 'FORBIDDEN');
      const otherLead = await audit({ id: 'soziale-wohnhilfen' }, editor); // led by senias
      expectRefused(otherLead, 'FORBIDDEN');
      expect(await audit({ id: 'gibt-es-nicht' }, editor)).toEqual(otherLead);
      expectRefused(await audit({ id: ID }, await t.token(OTHER_EDITOR)), 'FORBIDDEN');
      expectRefused(await audit({ id: ID }, await t.token({ name: 'Rita Leser', roles: ['reader'] })), 'FORBIDDEN');
      expectRefused(await audit({ id: ID }, await t.token({ name: 'Dana Bezirk', roles: ['district-signatory'], district: 'mitte' })), 'FORBIDDEN');
      expectRefused(await audit({ id: ID }, await t.token({ name: 'Carl Rat', roles: ['council-office'], body: 'bvv-mitte' })), 'FORBIDDEN');
    });

    it('cannot be changed or deleted, not even directly in the database', async () => {
      const before = await t.sql('SELECT * FROM audit_log ORDER BY id');
      await expect(t.sql(`UPDATE audit_log SET outcome = 'ok' WHERE agreement_id = $1`, [ID])).rejects.toThrow(/not allowed/);
      await expect(t.sql('DELETE FROM audit_log WHERE agreement_id = $1', [ID])).rejects.toThrow(/not allowed/);
      await expect(t.sql('TRUNCATE audit_log')).rejects.toThrow(/not allowed/);
      expect(await t.sql('SELECT * FROM audit_log ORDER BY id')).toEqual(before);
    });

    it('takes the author from the token, whatever the document, the arguments or headers claim', async () => {
      const yaml = sampleAgreementYaml('wer-schrieb').replace('# Testvereinbarung', '# Autor: Mallory Fake (admin)');
      const headers = { 'x-forwarded-user': 'Mallory Fake', 'x-user-name': 'Mallory Fake', 'x-author': 'Mallory Fake' };
      const res = await t.gql(CREATE, { yaml, note: 'Verfasst von Mallory Fake' }, { as: editor, headers });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createAgreement).toMatchObject({ author: 'Erika Muster (senate-editor senin)', changeNote: 'Verfasst von Mallory Fake' });
      const stored = await t.sql('SELECT author FROM agreement_versions WHERE agreement_id = $1', ['wer-schrieb']);
      expect(stored).toEqual([{ author: 'Erika Muster (senate-editor senin)' }]);
      const [entry] = (await audit({ id: 'wer-schrieb' }, admin)).data!.auditLog.items;
      expect(entry).toMatchObject({ subject: 'u-erika', name: 'Erika Muster', outcome: 'ok' });

      // The document format and the API have no place for an author at all.
      const inDocument = await t.gql(CREATE, { yaml: sampleAgreementYaml('wer-schrieb-2', 'author: Mallory Fake\n') }, { as: editor });
      expect(codeOf(inDocument)).toBe('VALIDATION_FAILED');
      const asArgument = await t.gql(
        `mutation($yaml: String!) { createAgreement(yaml: $yaml, author: "Mallory Fake") { author } }`,
        { yaml: sampleAgreementYaml('wer-schrieb-3') },
        { as: editor },
      );
      expect(codeOf(asArgument)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await t.sql(`SELECT agreement_id FROM agreement_versions WHERE agreement_id LIKE 'wer-schrieb-%'`)).toEqual([]);
    });
  });

  describe('CLI', () => {
    const cliEnv = () => ({ DATA_DIR: t.config.dataDir, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });

    it('token prints a JWT the running service accepts, with the given name and department', async () => {
      const res = await runCli(['token', '--role', 'senate-editor', '--party', 'senin', '--name', 'Erika Muster'], cliEnv());
      expect(res.code).toBe(0);
      const jwt = res.stdout.trim();
      expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const created = await t.gql(CREATE, { yaml: sampleAgreementYaml('cli-token') }, { as: jwt });
      expect(created.errors).toBeUndefined();
      expect(created.data!.createAgreement.author).toBe('Erika Muster (senate-editor senin)');
      // The department in the token counts: not an editor of senias' agreements.
      const foreign = await t.gql(SAVE, { id: 'soziale-wohnhilfen', base: 1, yaml: sampleAgreementYaml('soziale-wohnhilfen') }, { as: jwt });
      expect(codeOf(foreign)).toBe('FORBIDDEN');
    });

    it('token refuses a missing name, an unknown role, a missing party or a lifetime over a day with exit 2', async () => {
      const century = ['token', '--role', 'admin', '--name', 'Ada Admin', '--expires-in', '100y'];
      const calls = [
        ['token', '--role', 'senate-editor', '--party', 'senin'],
        ['token', '--role', 'root', '--name', 'Erika Muster'],
        ['token', '--role', 'senate-editor', '--name', 'Erika Muster'],
        century,
        ['token', '--role', 'admin', '--name', 'Ada Admin', '--expires-in', 'ewig'],
      ];
      const results = await Promise.all(calls.map((args) => runCli(args, cliEnv())));
      expect(results.map((res, i) => ({ args: calls[i], code: res.code, stdout: res.stdout }))).toEqual(
        calls.map((args) => ({ args, code: 2, stdout: '' })),
      );
      expect(results[calls.indexOf(century)].stderr).toContain('a local token may last at most 24 hours, asked for 100y');
    }, 180_000);

    it('audit prints the entries of an agreement, newest first', async () => {
      const res = await runCli(['audit', '--agreement', 'audit-fall'], cliEnv());
      expect(res.code).toBe(0);
      const lines = res.stdout.trim().split('\n');
      expect(lines).toHaveLength(5);
      expect(lines[0]).toMatch(/\bVALIDATION_FAILED\s+saveDraft\s+audit-fall@2\s+Erika Muster <u-erika> \[senate-editor senin\]$/);
      expect(lines[3]).toMatch(/\bFORBIDDEN\s+saveDraft\s+audit-fall@1\s+Otto Fremd <u-otto> \[senate-editor senfin\]$/);
      expect(lines[4]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z\s+ok\s+createAgreement\s+audit-fall@1\s+Erika Muster/);
      expect(res.stderr).toContain('5 entries');
    });
  });
});

describe('authentication with an OIDC identity provider', () => {
  let idp: OidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startOidcProvider();
    t = await startTestApp({
      LOAD_AGREEMENTS: 'false',
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: idp.audience,
      OIDC_JWKS_URL: idp.jwksUrl,
      OIDC_JWKS_COOLDOWN_MS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const create = (id: string, token: string | null) => t.gql(CREATE, { yaml: sampleAgreementYaml(id) }, { as: token });
  const stored = async (id: string) => Number((await t.sql('SELECT count(*)::int AS n FROM agreement_versions WHERE agreement_id = $1', [id]))[0].n);

  it('follows a key rotation: the new key works, the removed one no longer does', async () => {
    const [a, b] = [await idp.createKey(), await idp.createKey()];
    idp.publish(a);
    const withA = await create('oidc-schluessel-a', await idp.sign(a, EDITOR));
    expect(withA.errors).toBeUndefined();
    expect(withA.data!.createAgreement).toMatchObject({ number: 1, author: 'Erika Muster (senate-editor senin)' });

    // The new key is announced; tokens signed with the old one keep working meanwhile.
    idp.publish(a, b);
    expect((await create('oidc-schluessel-a2', await idp.sign(a, EDITOR))).errors).toBeUndefined();
    // Then the old key is withdrawn, and the first token signed with the new one arrives.
    idp.publish(b);
    const withB = await create('oidc-schluessel-b', await idp.sign(b, { ...EDITOR, name: 'Berta Neu' }));
    expect(withB.errors).toBeUndefined();
    expect(withB.data!.createAgreement.author).toBe('Berta Neu (senate-editor senin)');

    const lateA = await create('oidc-schluessel-alt', await idp.sign(a, EDITOR));
    expectRefused(lateA, 'UNAUTHENTICATED');
    expect(await stored('oidc-schluessel-alt')).toBe(0);
  });

  it('refuses a wrong audience, a wrong issuer, an expired token, a local token and no token', async () => {
    const key = await idp.createKey();
    idp.publish(key);
    const control = await create('oidc-kontrolle', await idp.sign(key, EDITOR));
    expect(control.errors).toBeUndefined();

    const local = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    const localToken = await local.token(EDITOR);
    await local.close();
    for (const token of [
      await idp.sign(key, EDITOR, { audience: 'someone-else' }),
      await idp.sign(key, EDITOR, { issuer: 'https://idp.example.org/realms/andere' }),
      await idp.sign(key, EDITOR, { expiresIn: '-1h' }),
      localToken,
      null,
    ]) {
      expectRefused(await create('oidc-falsch', token), 'UNAUTHENTICATED');
      expectRefused(await t.gql(READ, { id: 'oidc-kontrolle' }, { as: token }), 'UNAUTHENTICATED');
    }
    expect(await stored('oidc-falsch')).toBe(0);
  });

  it('reports an unreachable identity provider as SERVICE_UNAVAILABLE, not as a bad token', async () => {
    const fresh = await idp.createKey();
    idp.publish(fresh);
    idp.failing = true;
    try {
      const res = await create('oidc-ausfall', await idp.sign(fresh, EDITOR));
      expect({ status: res.status, data: res.data ?? null }).toEqual({ status: 503, data: null });
      expect(res.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      expect(JSON.stringify(res)).not.toContain('127.0.0.1');
    } finally {
      idp.failing = false;
    }
    expect((await create('oidc-ausfall', await idp.sign(fresh, EDITOR))).errors).toBeUndefined();
  });
});
