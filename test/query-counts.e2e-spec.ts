import { readFileSync } from 'node:fs';
import { termsOf, type AnyAgreementDocument, type TermsSource } from '../src/documents/agreement-terms.js';
import { LifecycleRepository } from '../src/lifecycle/lifecycle.repository.js';
import { LifecycleService } from '../src/lifecycle/lifecycle.service.js';
import { agreementStatus } from '../src/lifecycle/rules/index.js';
import { QueryCounter } from './support/query-counter.js';
import { startTestApp, type TestApp, type Untyped } from './support/test-app.js';

/** The agreements folder (with a follow-up), plus generated agreements so that a page of 50 is full. */
let t: TestApp;
let counter: QueryCounter;

const STATUS_FIELDS = `agreementId asOf party state versionInForce latestVersion validFrom validUntil inForceSince
  amendmentsApplied { id type baseVersion newVersion decidedOn effectiveOn }
  signatures { id party role signedOn version carriedOverFrom withdrawal { withdrawnOn } }
  missing { party partyName role roleTitle }
  parties { party partyName partyNameCertain nameInDocument rolesKnown kind version complete boundSince signingRecorded
            signatures { id } missing { role } }
  predecessorId successorId successorState daysUntilExpiry missingFacts { path label reason note }`;

const STATUS = `query($id: ID!, $asOf: Date, $party: ID) { agreementStatus(id: $id, asOf: $asOf, party: $party) { ${STATUS_FIELDS} } }`;
const PAGE = `query($limit: Int!) { agreements(limit: $limit) { totalCount items { id latestVersion { number contentHash }
  status { state validUntil } successorId predecessorId } } }`;

beforeAll(async () => {
  t = await startTestApp();
  const editor = await t.token({ roles: ['senate-editor'], departments: ['senias'] });
  const example = readFileSync('examples/alle-parteien.yaml', 'utf8');
  for (let i = 1; i <= 50; i++) {
    const yaml = example.replace('id: alle-parteien', `id: seite-${String(i).padStart(2, '0')}`);
    const res = await t.gql('mutation($yaml: String!) { createAgreement(yaml: $yaml) { number } }', { yaml }, { as: editor });
    expect(res.errors).toBeUndefined();
  }
  t.defaultToken = await t.token({ roles: ['reader'] });
  counter = QueryCounter.attach(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

async function statementsOf(query: string, variables: Record<string, unknown>): Promise<{ body: Untyped; statements: string[] }> {
  const { result, statements } = await counter.during(() => t.gql(query, variables));
  expect(result.errors).toBeUndefined();
  return { body: result.data, statements };
}

describe('SQL statements per request', () => {
  it.each([
    ['with a follow-up, for a party', { id: 'soziale-wohnhilfen', asOf: '2024-06-01', party: 'neukoelln' }],
    ['with a follow-up, today', { id: 'soziale-wohnhilfen' }],
    ['the follow-up itself', { id: 'soziale-wohnhilfen-2026', asOf: '2026-03-01' }],
    ['without one', { id: 'buergeraemter', asOf: '2023-01-01' }],
    ['before anything was recorded', { id: 'seite-01', asOf: '2000-01-01' }],
  ])('agreementStatus %s: at most 2', async (_case, variables) => {
    const { statements } = await statementsOf(STATUS, variables);
    expect(statements.length).toBeLessThanOrEqual(2);
  });

  it('agreements: the same number for pages of 1, 10 and 50', async () => {
    const counts = [];
    for (const limit of [1, 10, 50]) {
      const { body, statements } = await statementsOf(PAGE, { limit });
      expect(body.agreements.items).toHaveLength(limit);
      counts.push(statements.length);
    }
    expect(new Set(counts).size).toBe(1);
  });
});

describe('status inputs kept between requests', () => {
  const state = async (id: string, asOf = '2030-01-01') => (await t.gql(STATUS, { id, asOf })).data!.agreementStatus;

  it('asked again, the status takes one statement and answers the same', async () => {
    const first = await statementsOf(STATUS, { id: 'seite-02', asOf: '2030-01-01', party: 'mitte' });
    const again = await statementsOf(STATUS, { id: 'seite-02', asOf: '2030-01-01', party: 'mitte' });
    expect(again.statements).toHaveLength(1);
    expect(again.body).toEqual(first.body);
  });

  it('asked for a day that reports on another version, still one statement: its document comes along', async () => {
    const first = await statementsOf(STATUS, { id: 'soziale-wohnhilfen', asOf: '2022-06-01', party: 'neukoelln' });
    const later = await statementsOf(STATUS, { id: 'soziale-wohnhilfen', asOf: '2025-06-01', party: 'neukoelln' });
    expect(later.body.agreementStatus.versionInForce).not.toBe(first.body.agreementStatus.versionInForce);
    expect(later.statements).toHaveLength(1);
    expect(later.statements[0]).toMatch(/zv_status_inputs/);
  });

  it('a record written behind the service, as another instance would, is in the very next answer', async () => {
    expect((await state('seite-04', '2024-06-01')).state).toBe('NOT_YET_RECORDED');
    await t.sql(`INSERT INTO version_freezes (agreement_id, version, frozen_on, actor) VALUES ('seite-04', 1, '2023-12-01', 'test:elsewhere')`);
    expect((await state('seite-04', '2024-06-01')).state).toBe('FROZEN');
    const signed = await statementsOf(STATUS, { id: 'seite-04', asOf: '2024-06-01', party: 'mitte' });
    expect(signed.body.agreementStatus.signatures).toEqual([]);
    const LISTED = `{ agreements(limit: 50) { items { id status(asOf: "2024-06-01", party: "mitte") { state signatures { role } } } } }`;
    const listed = async () => (await t.gql(LISTED)).data!.agreements.items.find((a: Untyped) => a.id === 'seite-04').status;
    expect(await listed()).toEqual({ state: 'FROZEN', signatures: [] });
    const [version] = await t.sql<{ content_hash: string }>(`SELECT content_hash FROM agreement_versions WHERE agreement_id = 'seite-04'`);
    await t.sql(
      `INSERT INTO signatures (agreement_id, version, content_hash, party, role, person_name, signed_on, level, recorded_by)
       VALUES ('seite-04', 1, $1, 'mitte', 'soziales', 'Erika Beispiel', '2024-02-01', 'handwrittenScan', 'test:elsewhere')`,
      [version.content_hash],
    );
    const after = await statementsOf(STATUS, { id: 'seite-04', asOf: '2024-06-01', party: 'mitte' });
    expect(after.body.agreementStatus).toMatchObject({
      state: 'SIGNING',
      signatures: [{ party: 'mitte', role: 'soziales', signedOn: '2024-02-01' }],
    });
    expect(after.statements).toHaveLength(1);
    expect(await listed()).toEqual({ state: 'SIGNING', signatures: [{ role: 'soziales' }] });
  });

  it('statuses asked at the same time share a statement, and each answers as if asked alone', async () => {
    const lifecycle = t.app.get(LifecycleService);
    const questions: Array<[string, string | null, string | null]> = [];
    for (const id of ['soziale-wohnhilfen', 'soziale-wohnhilfen-2026', 'buergeraemter', 'seite-05', 'gibt-es-nicht']) {
      for (const asOf of ['2022-06-01', '2025-06-01', null]) questions.push([id, asOf, null], [id, asOf, 'neukoelln']);
    }
    const ask = ([id, asOf, party]: [string, string | null, string | null]) =>
      lifecycle.status(id, asOf, party).then(
        (status) => ({ status }),
        (error: Error) => ({ error: error.message }),
      );
    const alone = [];
    for (const question of questions) alone.push(await ask(question));
    // Refusals are answers too: the unknown agreement, and neukoelln where it is no party.
    expect(alone.filter((a) => 'error' in a)).toHaveLength(9);
    const { result: together, statements } = await counter.during(() => Promise.all(questions.map(ask)));
    expect(together).toEqual(alone);
    // The first went out alone; the 29 asked while it ran, together in the next.
    expect(statements).toHaveLength(2);
  });

  it("the follow-up's records reach the kept status of its predecessor", async () => {
    expect(await state('seite-03')).toMatchObject({ successorId: null, successorState: null });
    const editor = await t.token({ roles: ['senate-editor'], departments: ['senias'] });
    const created = await t.gql(
      'mutation($input: CreateFollowUpDraftInput!) { createFollowUpDraft(input: $input) { number } }',
      { input: { predecessorId: 'seite-03', id: 'seite-03-folge', title: 'Folgevereinbarung' } },
      { as: editor },
    );
    expect(created.errors).toBeUndefined();
    expect(await state('seite-03')).toMatchObject({ successorId: 'seite-03-folge', successorState: 'DRAFT' });
    await t.sql(`INSERT INTO version_freezes (agreement_id, version, frozen_on, actor) VALUES ('seite-03-folge', 1, '2026-11-01', 'test:elsewhere')`);
    expect(await state('seite-03')).toMatchObject({ successorId: 'seite-03-folge', successorState: 'FROZEN' });
  });
});

describe('the status from the terms', () => {
  const ids = ['soziale-wohnhilfen', 'soziale-wohnhilfen-2026', 'buergeraemter', 'seite-01'];
  const dates = [null, '2021-10-26', '2022-01-12', '2023-12-31', '2024-01-01', '2024-06-01', '2025-12-31', '2026-06-01', '2030-01-01'];
  const parties = [null, 'neukoelln', 'mitte', 'senias'];

  it('is the status computed from the whole history (documents included), for every agreement, date and party', async () => {
    const lifecycle = t.app.get(LifecycleService);
    const repository = t.app.get(LifecycleRepository);
    const settle = <T>(work: () => T | Promise<T>) =>
      Promise.resolve()
        .then(work)
        .then(
          (value) => ({ value }),
          (error: Error) => ({ error: error.message }),
        );
    for (const id of ids) {
      const successorId = await lifecycle.successorOf(id);
      const histories = await repository.load(successorId ? [id, successorId] : [id]);
      for (const asOf of dates) {
        for (const party of parties) {
          const fast = await settle(() => lifecycle.status(id, asOf, party));
          const full = await settle(() =>
            agreementStatus(histories.get(id)!, asOf ?? lifecycle.today(), { party, successor: successorId ? histories.get(successorId)! : null }),
          );
          expect(fast).toEqual(full);
        }
      }
    }
  });

  it('answers the same through agreementStatus and through a list of agreements', async () => {
    for (const id of ids) {
      for (const asOf of dates) {
        for (const party of parties) {
          const single = await t.gql(STATUS, { id, asOf, party });
          const listed = await t.gql(
            `query($id: ID!, $asOf: Date, $party: ID) { agreement(id: $id) { status(asOf: $asOf, party: $party) { ${STATUS_FIELDS} } } }`,
            { id, asOf, party },
          );
          expect(single.errors?.map((e) => e.extensions?.code)).toEqual(listed.errors?.map((e) => e.extensions?.code));
          if (!single.errors) expect(single.data!.agreementStatus).toEqual(listed.data!.agreement.status);
        }
      }
    }
  });

  it('keeps for every stored version exactly the keys termsOf reads', async () => {
    const rows = await t.sql<{ content: AnyAgreementDocument; terms: TermsSource }>(
      'SELECT v.content, t.terms FROM agreement_versions v JOIN version_terms t USING (agreement_id, number)',
    );
    const versions = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM agreement_versions');
    expect(rows).toHaveLength(versions[0].n);
    for (const { content, terms } of rows) expect(termsOf(terms)).toEqual(termsOf(content));
  });
});
