import { runCli } from './support/cli.js';
import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

const SIGN = `mutation($input: RecordSignatureInput!) { recordSignature(input: $input) { id party role } }`;
const WITHDRAW = `mutation($input: WithdrawSignatureInput!) { withdrawSignature(input: $input) { id withdrawal { reason } } }`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

/** District signatories sign for district parties only: never for a Senate department. */
describe('district signatories', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    admin = await t.token({ name: 'Anna Admin', roles: ['admin'] });
    t.defaultToken = await t.token({ name: 'Erika Editor', roles: ['senate-editor'], departments: ['senin'] });
    // The same agreement twice: as drafted, and with Mitte wrongly entered as a Senate department.
    const documents = {
      'nur-bezirke': sampleAgreementYaml('nur-bezirke'),
      'mitte-als-senat': sampleAgreementYaml('mitte-als-senat').replace(
        '  - id: mitte\n    kind: district',
        '  - id: mitte\n    kind: senateDepartment',
      ),
    };
    for (const [id, yaml] of Object.entries(documents)) {
      expect((await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: yaml })).errors).toBeUndefined();
      const frozen = await t.gql(`mutation($id: ID!) { freezeVersion(agreementId: $id, version: 1, frozenOn: "2024-01-15") { number } }`, { id });
      expect(frozen.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const sign = (as: string, agreementId: string, party: string, role: string) =>
    t.gql(
      SIGN,
      { input: { agreementId, version: 1, party, role, personName: 'Sabine Senatorin', signedOn: '2024-02-01', level: 'QUALIFIED_ELECTRONIC' } },
      { as },
    );
  const signatures = (agreementId: string) => t.sql('SELECT party, role FROM signatures WHERE agreement_id = $1 ORDER BY party', [agreementId]);

  it('refuses a token whose district claim names a Senate department, and nothing is signed', async () => {
    const senin = await t.token({ name: 'Sabine Senatorin', roles: ['district-signatory'], district: 'senin' });
    const res = await sign(senin, 'nur-bezirke', 'senin', 'leitung');
    // Refused with the token, before the request is read: 401 and no data at all.
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(await signatures('nur-bezirke')).toEqual([]);
  });

  it("judges by the party's kind in the document: a party entered as a Senate department is not a district's to sign", async () => {
    const mitte = await t.token({ name: 'Max Mitte', roles: ['district-signatory'], district: 'mitte' });
    const refused = await sign(mitte, 'mitte-als-senat', 'mitte', 'finanzen');
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toBe("you may not record signatures for 'mitte'");
    expect(await signatures('mitte-als-senat')).toEqual([]);

    // Recorded by an admin instead, it cannot be withdrawn by the district's signatory either.
    const recorded = await sign(admin, 'mitte-als-senat', 'mitte', 'finanzen');
    expect(recorded.errors).toBeUndefined();
    const withdrawal = { signatureId: recorded.data!.recordSignature.id, withdrawnOn: '2024-02-02', reason: 'Versehen' };
    expect(codeOf(await t.gql(WITHDRAW, { input: withdrawal }, { as: mitte }))).toBe('FORBIDDEN');
    expect(await t.sql('SELECT count(*)::int AS n FROM signature_withdrawals')).toEqual([{ n: 0 }]);

    // Where the document names Mitte a district, its signatory signs.
    expect((await sign(mitte, 'nur-bezirke', 'mitte', 'finanzen')).errors).toBeUndefined();
  });

  // Two CLI processes, each starting the application context: slow on a busy machine.
  it('the CLI issues signatory tokens for Berlin districts only', async () => {
    const env = { DATA_DIR: t.config.dataDir, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
    const refused = await runCli(['token', '--role', 'district-signatory', '--party', 'senin', '--name', 'Sabine Senatorin'], env);
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(/--party of a district-signatory is a Berlin district: mitte, friedrichshain-kreuzberg, .*, reinickendorf/);
    const issued = await runCli(['token', '--role', 'district-signatory', '--party', 'pankow', '--name', 'Paula Pankow'], env);
    expect(issued.code).toBe(0);
    const res = await t.gql(`{ agreements { items { id } } }`, {}, { as: issued.stdout.trim() });
    expect(res.errors).toBeUndefined();
  }, 180_000);
});
