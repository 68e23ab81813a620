import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RECORD_PAPER = `mutation($input: RecordPaperInput!) {
  recordPaper(input: $input) { body bodyName reference term type date agreementId agreementVersion concerns recordedBy }
}`;
const RECORD_STEP = `mutation($input: RecordConsultationInput!) {
  recordConsultation(input: $input) { reference consultations { totalCount items { kind body bodyName date meeting meetingNumber role result finished } } }
}`;
const PAPERS = `query($id: ID!) {
  papers(agreementId: $id) {
    totalCount
    items { reference date type originator public legalGround agreementVersion concerns note
            consultations { items { kind body date meeting meetingNumber role result finished note } } }
  }
}`;
const EVENTS = `{ agreement(id: "soziale-wohnhilfen") { events(limit: 100) { items { date kind version detail } } } }`;

const SLOW = 240_000;

/** Council papers over HTTP on a real PostgreSQL, with the shipped papers of the real agreement loaded at start. */
describe('council papers', () => {
  let t: TestApp;
  let bvv: string;
  let otherBvv: string;
  let reader: string;

  beforeAll(async () => {
    t = await startTestApp();
    bvv = await t.token({ name: 'Bea BVV', roles: ['council-office'], body: 'bvv-neukoelln' });
    otherBvv = await t.token({ name: 'Konrad Pankow', roles: ['council-office'], body: 'bvv-pankow' });
    reader = await t.token({ name: 'Lea Leser', roles: ['reader'] });
  }, SLOW);
  afterAll(() => t.close());

  const paperInput = (reference: string, extra: Record<string, unknown> = {}) => ({
    body: 'bvv-neukoelln',
    reference,
    type: 'Vorlage zur Kenntnisnahme',
    subject: 'Erfundene Beispielvorlage',
    date: '2024-05-02',
    originator: 'BA/SozGes',
    public: true,
    legalGround: '§ 15 BezVG',
    agreementId: 'soziale-wohnhilfen',
    agreementVersion: 2,
    concerns: 'EXTENSION',
    ...extra,
  });

  it('the shipped papers answer with their real dates and steps', async () => {
    const res = await t.gql(PAPERS, { id: 'soziale-wohnhilfen' }, { as: reader });
    expect(res.errors).toBeUndefined();
    const { totalCount, items } = res.data!.papers;
    expect(totalCount).toBe(2);
    expect(items.map((p: { reference: string }) => p.reference)).toEqual(['2415/XX', '1265/XXI']);
    const [old, extension] = items;
    expect(old).toMatchObject({ date: null, type: null, agreementVersion: 1, concerns: 'DRAFT_BEFORE_SIGNATURE' });
    expect(old.note).toContain('1265/XXI');
    expect(old.consultations.items).toEqual([
      expect.objectContaining({ kind: 'DISTRICT_OFFICE_DECISION', body: 'ba-neukoelln', date: '2021-10-26', result: 'beschlossen' }),
      expect.objectContaining({
        kind: 'COUNCIL_CONSULTATION',
        body: 'bvv-neukoelln',
        date: '2021-10-28',
        meeting: null,
        result: 'zur Kenntnis genommen',
      }),
    ]);
    expect(extension).toMatchObject({
      date: '2024-01-09',
      type: 'Vorlage zur Kenntnisnahme',
      originator: 'BA/SozGes',
      public: true,
      legalGround: '§ 15 Bezirksverwaltungsgesetz (BezVG)',
      agreementVersion: 2,
      concerns: 'EXTENSION',
    });
    expect(extension.consultations.items[1]).toMatchObject({
      date: '2024-04-17',
      meeting: 'öffentliche Sitzung',
      meetingNumber: 30,
      role: 'Kenntnisnahme',
      result: 'zur Kenntnis genommen',
      finished: true,
    });
    const one = await t.gql(`{ paper(body: "bvv-neukoelln", reference: "1265/XXI") { reference term bodyName } }`, {}, { as: reader });
    expect(one.data).toEqual({ paper: { reference: '1265/XXI', term: 21, bodyName: 'BVV Neukölln' } });
  });

  it("lists them in the agreement's events in date order, and in its status as of a date", async () => {
    const res = await t.gql(EVENTS, {}, { as: reader });
    expect(res.errors).toBeUndefined();
    const items: Array<{ date: string; kind: string; detail: string }> = res.data!.agreement.events.items;
    const papers = items.filter((e) => e.kind === 'PAPER' || e.kind === 'CONSULTATION');
    expect(papers).toEqual([
      { date: '2021-10-26', kind: 'CONSULTATION', version: 1, detail: 'Bezirksamt Neukölln: beschlossen (Drucksache 2415/XX)' },
      { date: '2021-10-28', kind: 'CONSULTATION', version: 1, detail: 'BVV Neukölln: zur Kenntnis genommen (Drucksache 2415/XX)' },
      {
        date: '2024-01-09',
        kind: 'PAPER',
        version: 2,
        detail: 'Drucksache 1265/XXI: Vorlage zur Kenntnisnahme (Bezirksamt Neukölln, 09.01.2024)',
      },
      { date: '2024-01-09', kind: 'CONSULTATION', version: 2, detail: 'Bezirksamt Neukölln: beschlossen (Drucksache 1265/XXI)' },
      {
        date: '2024-04-17',
        kind: 'CONSULTATION',
        version: 2,
        detail: 'BVV Neukölln, 30. öffentliche Sitzung: zur Kenntnis genommen, Beratungsfolge beendet (Drucksache 1265/XXI)',
      },
    ]);
    const dates = items.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const status = await t.gql(
      `{ agreement(id: "soziale-wohnhilfen") { status(asOf: "2023-06-30") { papers { totalCount items { reference } } } } }`,
      {},
      { as: reader },
    );
    expect(status.data!.agreement.status.papers).toEqual({ totalCount: 1, items: [{ reference: '2415/XX' }] });
  });

  it('a council office records a paper and its steps for its own body', async () => {
    const res = await t.gql(RECORD_PAPER, { input: paperInput('9001/XXI') }, { as: bvv });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPaper).toMatchObject({
      bodyName: 'BVV Neukölln',
      term: 21,
      concerns: 'EXTENSION',
      recordedBy: 'Bea BVV (council-office bvv-neukoelln)',
    });
    const decided = await t.gql(
      RECORD_STEP,
      {
        input: {
          paperBody: 'bvv-neukoelln',
          reference: '9001/XXI',
          kind: 'DISTRICT_OFFICE_DECISION',
          body: 'ba-neukoelln',
          date: '2024-05-02',
          result: 'beschlossen',
        },
      },
      { as: bvv },
    );
    expect(decided.errors).toBeUndefined();
    const step = {
      paperBody: 'bvv-neukoelln',
      reference: '9001/XXI',
      kind: 'COUNCIL_CONSULTATION',
      body: 'bvv-neukoelln',
      date: '2024-05-15',
      meeting: 'öffentliche Sitzung',
      meetingNumber: 31,
      role: 'Kenntnisnahme',
      result: 'zur Kenntnis genommen',
      finished: true,
    };
    const consulted = await t.gql(RECORD_STEP, { input: step }, { as: bvv });
    expect(consulted.errors).toBeUndefined();
    expect(consulted.data!.recordConsultation.consultations.totalCount).toBe(2);
    expect((await t.gql(RECORD_STEP, { input: step }, { as: bvv })).errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
    expect((await t.gql(RECORD_PAPER, { input: paperInput('9001/XXI') }, { as: bvv })).errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
    const audit = await t.sql(`SELECT operation, outcome, agreement_id FROM audit_log WHERE operation = 'recordPaper' AND outcome = 'ok'`);
    expect(audit).toEqual([{ operation: 'recordPaper', outcome: 'ok', agreement_id: 'soziale-wohnhilfen' }]);
  });

  it('refuses another body, a bad reference, an unknown version, a mismatched link', async () => {
    const code = async (input: Record<string, unknown>, as = bvv) => (await t.gql(RECORD_PAPER, { input }, { as })).errors?.[0].extensions?.code;
    expect(await code(paperInput('9002/XXI'), otherBvv)).toBe('FORBIDDEN');
    expect(await code(paperInput('9002/XXI'), reader)).toBe('FORBIDDEN');
    const stepOfOther = await t.gql(
      RECORD_STEP,
      { input: { paperBody: 'bvv-neukoelln', reference: '1265/XXI', kind: 'COUNCIL_CONSULTATION', body: 'bvv-neukoelln', date: '2024-05-01' } },
      { as: otherBvv },
    );
    expect(stepOfOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const reference of ['1265', '1265/21', '1265/xxi', '1265/IIII', '0/XXI', '1265/XXI ']) {
      expect([reference, await code(paperInput(reference))]).toEqual([reference, 'BAD_INPUT']);
    }
    expect(await code(paperInput('9003/XXI', { agreementVersion: 9 }))).toBe('NOT_FOUND');
    expect(await code(paperInput('9003/XXI', { agreementId: 'gibt-es-nicht' }))).toBe('NOT_FOUND');
    expect(await code(paperInput('9003/XXI', { agreementVersion: 1 }))).toBe('INVALID_STATE');
    expect(await code(paperInput('9003/XXI', { date: '2999-01-01' }))).toBe('BAD_INPUT');
    const count = await t.sql(`SELECT count(*)::int AS n FROM council_papers WHERE reference LIKE '900_/XXI' AND reference <> '9001/XXI'`);
    expect(count[0].n).toBe(0);
  });

  it(
    'loading the folder twice adds nothing',
    async () => {
      const env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
      const before = await t.sql('SELECT (SELECT count(*) FROM council_papers)::int AS p, (SELECT count(*) FROM council_consultations)::int AS c');
      const res = await runCli(['import', 'agreements'], env);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(
        'agreements/soziale-wohnhilfen.papers.yaml: soziale-wohnhilfen already recorded: Drucksache 1265/XXI (BVV Neukölln)',
      );
      expect(res.stdout).not.toMatch(/papers\.yaml: .* applied/);
      expect(await t.sql('SELECT (SELECT count(*) FROM council_papers)::int AS p, (SELECT count(*) FROM council_consultations)::int AS c')).toEqual(
        before,
      );
    },
    SLOW,
  );

  it(
    'a paper the rules refuse is a located problem of the import, and nothing is stored',
    async () => {
      const env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
      const dir = mkdtempSync(join(tmpdir(), 'papers-'));
      const text = readFileSync('agreements/soziale-wohnhilfen.papers.yaml', 'utf8')
        .replace('reference: 1265/XXI', 'reference: 1266/XXI')
        .replace('agreementVersion: 2', 'agreementVersion: 9');
      writeFileSync(join(dir, 'soziale-wohnhilfen.papers.yaml'), text);
      const before = await t.sql('SELECT count(*)::int AS n FROM council_papers');
      const res = await runCli(['import', join(dir, 'soziale-wohnhilfen.papers.yaml')], env);
      expect(res.code).toBe(1);
      expect(res.stdout + res.stderr).toMatch(
        /soziale-wohnhilfen\.papers\.yaml:\d+:\d+ \/papers\/1 NOT_FOUND: version 9 of agreement 'soziale-wohnhilfen' not found/,
      );
      expect(await t.sql('SELECT count(*)::int AS n FROM council_papers')).toEqual(before);
    },
    SLOW,
  );

  it(
    'a bad papers file is refused with located problems',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'papers-'));
      const bad = readFileSync('agreements/soziale-wohnhilfen.papers.yaml', 'utf8').replace('reference: 2415/XX', 'reference: 2415-XX');
      writeFileSync(join(dir, 'kaputt.papers.yaml'), bad);
      const res = await runCli(['validate', join(dir, 'kaputt.papers.yaml')], {});
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/kaputt\.papers\.yaml:\d+:\d+ \/papers\/0\/reference /);
    },
    SLOW,
  );
});
