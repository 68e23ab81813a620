import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The OParl objects under test/fixtures/oparl are invented examples (https://oparl.example.org/…).
const FIXTURES = 'test/fixtures/oparl';
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const PAPER_4711 = 'https://oparl.example.org/bodies/1/papers/4711';

const IMPORT = `mutation($body: ID!, $json: String!) { importOParl(body: $body, json: $json) { oparlId reference outcome } }`;
const PAPER = `query($ref: String!) {
  paper(body: "bvv-neukoelln", reference: $ref) {
    reference subject type date deleted revision oparlId oparlModified agreementId agreementVersion concerns
    consultations { items { date meeting role result finished oparlId note } }
  }
}`;
const LINK = `mutation($ref: String, $oparlId: String) {
  linkPaper(body: "bvv-neukoelln", reference: $ref, oparlId: $oparlId, agreementId: "soziale-wohnhilfen", version: 2, concerns: EXTENSION) {
    reference agreementId agreementVersion concerns revision
  }
}`;
const SLOW = 240_000;

/** The OParl import over HTTP and through the real CLI, on a real PostgreSQL. */
describe('OParl import', () => {
  let t: TestApp;
  let bvv: string;
  let otherBvv: string;
  const counts = () =>
    t.sql(
      `SELECT (SELECT count(*) FROM council_papers)::int AS papers, (SELECT count(*) FROM council_consultations)::int AS steps,
              (SELECT count(*) FROM council_paper_revisions)::int AS revisions`,
    );

  beforeAll(async () => {
    t = await startTestApp();
    bvv = await t.token({ name: 'Bea BVV', roles: ['council-office'], body: 'bvv-neukoelln' });
    otherBvv = await t.token({ name: 'Konrad Pankow', roles: ['council-office'], body: 'bvv-pankow' });
  }, SLOW);
  afterAll(() => t.close());

  it('imports a paper with its embedded consultation, date and result from the meeting and agenda item', async () => {
    const meeting = JSON.parse(fixture('meeting-and-agenda-item.json')) as { data: unknown[] };
    const json = JSON.stringify([JSON.parse(fixture('paper-embedded.json')), ...meeting.data]);
    const res = await t.gql(IMPORT, { body: 'bvv-neukoelln', json }, { as: bvv });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importOParl).toEqual([{ oparlId: PAPER_4711, reference: '4711/XXI', outcome: 'NEW' }]);
    const paper = (await t.gql(PAPER, { ref: '4711/XXI' }, { as: bvv })).data!.paper;
    expect(paper).toMatchObject({
      subject: 'Beispiel: Verlängerung der Zielvereinbarung',
      type: 'Vorlage zur Kenntnisnahme',
      date: '2024-01-09',
      deleted: false,
      revision: 1,
      oparlId: PAPER_4711,
      agreementId: null,
    });
    expect(paper.consultations.items).toEqual([
      {
        date: '2024-04-17',
        meeting: '30. öffentliche Sitzung der BVV',
        role: 'Kenntnisnahme',
        result: 'zur Kenntnis genommen',
        finished: true,
        oparlId: 'https://oparl.example.org/bodies/1/consultations/4711-1',
        note: null,
      },
    ]);
  });

  it('changes nothing when the same object comes again, and refuses another body', async () => {
    const before = await counts();
    const res = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: fixture('paper-embedded.json') }, { as: bvv });
    expect(res.data!.importOParl[0].outcome).toBe('UNCHANGED');
    expect(await counts()).toEqual(before);
    const other = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: fixture('paper-embedded.json') }, { as: otherBvv });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('names the JSON path of malformed input and stores nothing', async () => {
    const before = await counts();
    const bad = JSON.parse(fixture('paper-referenced.json')) as Record<string, unknown>;
    bad.date = '26.10.2023';
    const good = JSON.parse(fixture('paper-deleted.json')) as Record<string, unknown>;
    const res = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: JSON.stringify({ data: [good, bad] }) }, { as: bvv });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(res.errors?.[0]?.extensions?.violations).toEqual([expect.objectContaining({ rule: 'OPARL_DATE', path: '/data/1/date' })]);
    const notJson = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: '{"id": ' }, { as: bvv });
    expect(notJson.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const notOParl = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: fixture('not-oparl.json') }, { as: bvv });
    expect(notOParl.errors?.[0]?.extensions?.violations.map((v: { path: string }) => v.path)).toEqual(['/id', '/type']);
    expect(await counts()).toEqual(before);
    const failed = await t.sql(`SELECT outcome FROM audit_log WHERE operation = 'importOParl' ORDER BY id DESC LIMIT 3`);
    expect(failed.map((r) => r.outcome)).toEqual(['BAD_INPUT', 'BAD_INPUT', 'BAD_INPUT']);
  });

  it('links a paper to an agreement as an audited revision', async () => {
    const res = await t.gql(LINK, { oparlId: PAPER_4711 }, { as: bvv });
    expect(res.errors).toBeUndefined();
    expect(res.data!.linkPaper).toEqual({
      reference: '4711/XXI',
      agreementId: 'soziale-wohnhilfen',
      agreementVersion: 2,
      concerns: 'EXTENSION',
      revision: 2,
    });
    const audit = await t.sql(`SELECT outcome, agreement_id, version FROM audit_log WHERE operation = 'linkPaper' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual([{ outcome: 'ok', agreement_id: 'soziale-wohnhilfen', version: 2 }]);
    const papers = await t.gql(`{ papers(agreementId: "soziale-wohnhilfen") { items { reference } } }`, {}, { as: bvv });
    expect(papers.data!.papers.items.map((p: { reference: string }) => p.reference)).toContain('4711/XXI');
  });

  it(
    'through the CLI: a folder, a deleted paper kept as deleted, an out-of-date object, a referenced consultation kept as its URL',
    async () => {
      const env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
      // The folder holds not-oparl.json as well: the whole import is refused, nothing stored.
      const before = await counts();
      const refused = await runCli(['oparl', 'import', FIXTURES, '--body', 'bvv-neukoelln'], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('BAD_INPUT: not-oparl.json#/id');
      expect(await counts()).toEqual(before);

      const files = ['paper-referenced.json', 'paper-deleted.json'].map((f) => join(FIXTURES, f));
      const res = await runCli(['oparl', 'import', ...files, '--body', 'bvv-neukoelln'], env);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toBe(
        'bvv-neukoelln 4712/XXI (https://oparl.example.org/bodies/1/papers/4712): new\n' + `bvv-neukoelln 4711/XXI (${PAPER_4711}): revised\n`,
      );
      const deleted = (await t.gql(PAPER, { ref: '4711/XXI' }, { as: bvv })).data!.paper;
      // Deleted, kept, still linked, its consultation kept.
      expect(deleted).toMatchObject({ deleted: true, revision: 3, agreementId: 'soziale-wohnhilfen', oparlModified: '2024-06-01T12:00:00+02:00' });
      expect(deleted.consultations.items).toHaveLength(1);
      const referenced = (await t.gql(PAPER, { ref: '4712/XXI' }, { as: bvv })).data!.paper;
      expect(referenced.consultations.items).toEqual([
        expect.objectContaining({
          oparlId: 'https://oparl.example.org/bodies/1/consultations/4712-1',
          date: null,
          result: null,
          note: 'OParl consultation not in the import: https://oparl.example.org/bodies/1/consultations/4712-1',
        }),
      ]);

      // The older object again: its modified is earlier than the stored one, so nothing changes.
      const middle = await counts();
      const again = await runCli(['oparl', 'import', join(FIXTURES, 'paper-embedded.json'), '--body', 'bvv-neukoelln'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(`bvv-neukoelln 4711/XXI (${PAPER_4711}): unchanged\n`);
      expect(await counts()).toEqual(middle);
      expect((await t.gql(PAPER, { ref: '4711/XXI' }, { as: bvv })).data!.paper.deleted).toBe(true);

      const audited = await t.sql(`SELECT name, outcome FROM audit_log WHERE operation = 'importOParl' AND name LIKE 'cli:%' ORDER BY id`);
      expect(audited.map((r) => r.outcome)).toEqual(['ok', 'ok']);

      const verify = await runCli(['verify'], env);
      expect(verify.stdout).toContain('paper revisions 4');
      expect(verify.code).toBe(0);
    },
    SLOW,
  );
});
