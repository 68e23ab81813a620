import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

const CREATE = `mutation($yaml: String!, $note: String) { createAgreement(yaml: $yaml, changeNote: $note) { number changeNote } }`;
const SAVE = `mutation($id: ID!, $base: Int!, $yaml: String!, $note: String) {
  saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml, changeNote: $note) { number changeNote } }`;
const SIGN = `mutation($input: RecordSignatureInput!) { recordSignature(input: $input) { id personName } }`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

/** No mutation succeeds unaudited, and no text that PostgreSQL or the audit digest cannot hold gets in. */
const logs: string[] = [];

describe('audit integrity', () => {
  let t: TestApp;
  let editor: string;
  let mitte: string;
  beforeAll(async () => {
    // Its log lines are kept here: one test provokes a failed audit write, which operators must see logged.
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' }, { logs });
    editor = await t.token({ name: 'Erika Muster', subject: 'u-erika', roles: ['senate-editor'], departments: ['senin'] });
    mitte = await t.token({ name: 'Max Mitte', subject: 'u-max', roles: ['district-signatory'], district: 'mitte' });
    t.defaultToken = editor;
    expect((await t.gql(CREATE, { yaml: sampleAgreementYaml('integritaet') })).errors).toBeUndefined();
    const frozen = await t.gql(`mutation { freezeVersion(agreementId: "integritaet", version: 1, frozenOn: "2024-01-15") { number } }`);
    expect(frozen.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t.close();
  });

  const auditOf = (operation: string) =>
    t.sql('SELECT agreement_id, version, outcome, name FROM audit_log WHERE operation = $1 ORDER BY id', [operation]);
  const signatureInput = (extra: Record<string, unknown>) => ({
    agreementId: 'integritaet',
    version: 1,
    party: 'mitte',
    role: 'finanzen',
    personName: 'Moritz Mitte',
    signedOn: '2024-02-01',
    level: 'QUALIFIED_ELECTRONIC',
    ...extra,
  });

  describe('every string input is well-formed text without NUL', () => {
    it('refuses a lone surrogate in a signer name with BAD_INPUT and the field, stores nothing, and audits the attempt', async () => {
      const res = await t.gql(SIGN, { input: signatureInput({ personName: 'Moritz \ud800 Mitte' }) }, { as: mitte });
      expect(res.data).toBeNull();
      expect(codeOf(res)).toBe('BAD_INPUT');
      expect(res.errors![0].extensions!.field).toBe('input.personName');
      expect(res.errors![0].message).toBe(
        'input.personName holds a lone surrogate (U+D800) at line 1, column 8; text must be well-formed Unicode without NUL',
      );
      expect(await t.sql('SELECT * FROM signatures')).toEqual([]);
      expect(await auditOf('recordSignature')).toEqual([{ agreement_id: 'integritaet', version: 1, outcome: 'BAD_INPUT', name: 'Max Mitte' }]);
    });

    it('refuses a lone low surrogate deep inside an input object', async () => {
      const evidence = { fileName: 'scan\udc00.pdf', sha256: 'a'.repeat(64) };
      const res = await t.gql(SIGN, { input: signatureInput({ evidence }) }, { as: mitte });
      expect(codeOf(res)).toBe('BAD_INPUT');
      expect(res.errors![0].extensions!.field).toBe('input.evidence.fileName');
      expect(res.errors![0].message).toMatch(/lone surrogate \(U\+DC00\) at line 1, column 5/);
      expect(await t.sql('SELECT * FROM signatures')).toEqual([]);
    });

    it('refuses NUL in a change note with BAD_INPUT, not an internal error', async () => {
      const yaml = sampleAgreementYaml('integritaet').replace('targetValue: 90', 'targetValue: 95');
      const res = await t.gql(SAVE, { id: 'integritaet', base: 1, yaml, note: 'Zielwert\u0000angepasst' });
      expect(codeOf(res)).toBe('BAD_INPUT');
      expect(res.errors![0].extensions!.field).toBe('changeNote');
      expect(res.errors![0].message).toBe(
        'changeNote holds a NUL character (U+0000) at line 1, column 9; text must be well-formed Unicode without NUL',
      );
      expect(res.errors![0].extensions!.stacktrace).toBeUndefined();
      expect(await t.sql(`SELECT number FROM agreement_versions WHERE agreement_id = 'integritaet'`)).toEqual([{ number: 1 }]);
      expect((await auditOf('saveDraft')).at(-1)).toMatchObject({ agreement_id: 'integritaet', version: 1, outcome: 'BAD_INPUT' });
    });

    it('names the line and column of a NUL inside a document', async () => {
      const yaml = sampleAgreementYaml('mit-nul').replace('title: Testvereinbarung', 'title: Test\u0000vereinbarung');
      const res = await t.gql(CREATE, { yaml });
      expect(codeOf(res)).toBe('BAD_INPUT');
      expect(res.errors![0].extensions!.field).toBe('yaml');
      expect(res.errors![0].message).toMatch(/^yaml holds a NUL character \(U\+0000\) at line 5, column 12;/);
      expect(await t.sql(`SELECT id FROM agreements WHERE id = 'mit-nul'`)).toEqual([]);
    });

    it('refuses NUL and lone surrogates that YAML escapes put into a document, as located problems', async () => {
      const yaml = sampleAgreementYaml('mit-escape').replace('title: Testvereinbarung Bürgerämter', 'title: "Test\\0vereinbarung \\ud800"');
      const res = await t.gql(CREATE, { yaml });
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
      expect(res.errors![0].extensions!.problems).toEqual([
        {
          line: 5,
          column: 8,
          path: '/title',
          code: 'format',
          message: 'the text holds a NUL character (U+0000) at character 5; text must be well-formed Unicode without NUL',
        },
      ]);
      expect(await t.sql(`SELECT id FROM agreements WHERE id = 'mit-escape'`)).toEqual([]);
    });

    it('refuses the same in query arguments, where nothing is audited', async () => {
      const before = await t.sql('SELECT count(*)::int AS n FROM audit_log');
      const res = await t.gql(`query($id: ID!) { agreement(id: $id) { id } }`, { id: 'integritaet\u0000' });
      expect(codeOf(res)).toBe('BAD_INPUT');
      expect(res.errors![0].extensions!.field).toBe('id');
      expect(await t.sql('SELECT count(*)::int AS n FROM audit_log')).toEqual(before);
    });

    it('refuses a token whose name is not such text, before anything is stored or audited', async () => {
      const before = await t.sql('SELECT count(*)::int AS n FROM audit_log');
      const token = await t.token({ name: 'Erika\u0000Muster', roles: ['senate-editor'], departments: ['senin'] });
      const res = await t.gql(CREATE, { yaml: sampleAgreementYaml('falscher-name') }, { as: token });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(await t.sql(`SELECT id FROM agreements WHERE id = 'falscher-name'`)).toEqual([]);
      expect(await t.sql('SELECT count(*)::int AS n FROM audit_log')).toEqual(before);
    });

    it('takes characters outside the Basic Multilingual Plane, which are surrogate pairs', async () => {
      const note = 'Anlage 📎 ergänzt, Zeichen 𠀋';
      const yaml = sampleAgreementYaml('integritaet').replace('targetValue: 90', 'targetValue: 92');
      const res = await t.gql(SAVE, { id: 'integritaet', base: 1, yaml, note });
      expect(res.errors).toBeUndefined();
      expect(res.data!.saveDraft).toEqual({ number: 2, changeNote: note });
      expect((await auditOf('saveDraft')).at(-1)).toMatchObject({ version: 2, outcome: 'ok' });
    });
  });

  describe('the audit entry is part of the mutation', () => {
    it('when the audit entry cannot be written, the mutation fails and nothing is stored', async () => {
      // The database refuses audit entries for this one agreement: a stand-in for a full disk or a broken table.
      await t.sql(`ALTER TABLE audit_log ADD CONSTRAINT kein_protokoll CHECK (agreement_id IS DISTINCT FROM 'ohne-protokoll')`);
      try {
        const res = await t.gql(CREATE, { yaml: sampleAgreementYaml('ohne-protokoll'), note: 'Erster Entwurf' });
        expect(res.data).toBeNull();
        expect(codeOf(res)).toBe('INTERNAL_SERVER_ERROR');
        expect(await t.sql(`SELECT id FROM agreements WHERE id = 'ohne-protokoll'`)).toEqual([]);
        expect(await t.sql(`SELECT number FROM agreement_versions WHERE agreement_id = 'ohne-protokoll'`)).toEqual([]);
        expect(logs.some((line) => line.includes('"audit":"write failed"') && line.includes('kein_protokoll'))).toBe(true);
      } finally {
        await t.sql('ALTER TABLE audit_log DROP CONSTRAINT kein_protokoll');
      }
      // The same call goes through once the audit trail works again: nothing was left half-stored.
      const again = await t.gql(CREATE, { yaml: sampleAgreementYaml('ohne-protokoll'), note: 'Erster Entwurf' });
      expect(again.errors).toBeUndefined();
      expect(await auditOf('createAgreement')).toEqual(
        expect.arrayContaining([{ agreement_id: 'ohne-protokoll', version: 1, outcome: 'ok', name: 'Erika Muster' }]),
      );
    });

    it('keeps the audit entry of a refused attempt although its transaction was rolled back', async () => {
      const stale = sampleAgreementYaml('integritaet').replace('minimumValue: 60', 'minimumValue: 65');
      const res = await t.gql(SAVE, { id: 'integritaet', base: 1, yaml: stale });
      expect(codeOf(res)).toBe('VERSION_CONFLICT');
      expect((await auditOf('saveDraft')).at(-1)).toMatchObject({ agreement_id: 'integritaet', version: 1, outcome: 'VERSION_CONFLICT' });
    });
  });
  describe('the record names who and which version', () => {
    it('names the author of a saved draft in its CREATED event', async () => {
      const res = await t.gql(`{ agreement(id: "integritaet") { events { items { kind version actor } } } }`);
      expect(res.errors).toBeUndefined();
      const created = res.data!.agreement.events.items.filter((e: { kind: string }) => e.kind === 'CREATED');
      expect(created).toEqual([
        { kind: 'CREATED', version: 1, actor: 'Erika Muster (senate-editor senin)' },
        { kind: 'CREATED', version: 2, actor: 'Erika Muster (senate-editor senin)' },
      ]);
    });

    it('audits a validity extension with the version it made', async () => {
      expect((await t.gql(CREATE, { yaml: sampleAgreementYaml('verlaengert') })).errors).toBeUndefined();
      expect(
        (await t.gql(`mutation { freezeVersion(agreementId: "verlaengert", version: 1, frozenOn: "2024-01-15") { number } }`)).errors,
      ).toBeUndefined();
      for (const role of ['buergerdienste', 'finanzen']) {
        const signed = await t.gql(SIGN, { input: signatureInput({ agreementId: 'verlaengert', role }) }, { as: mitte });
        expect(signed.errors).toBeUndefined();
      }
      const extended = await t.gql(`mutation($input: ExtendValidityInput!) { extendValidity(input: $input) { newVersion } }`, {
        input: {
          agreementId: 'verlaengert',
          until: '2026-12-31',
          source: 'Schreiben SenIn vom 01.11.2025',
          decidedOn: '2025-11-01',
          effectiveOn: '2025-11-01',
        },
      });
      expect(extended.data).toEqual({ extendValidity: { newVersion: 2 } });
      const admin = await t.token({ name: 'Anna Admin', roles: ['admin'] });
      const log = await t.gql(`{ auditLog(agreementId: "verlaengert") { items { operation version outcome } } }`, {}, { as: admin });
      expect(log.data!.auditLog.items[0]).toEqual({ operation: 'extendValidity', version: 2, outcome: 'ok' });
    });
  });
});
