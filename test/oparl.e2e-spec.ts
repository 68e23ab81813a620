import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The OParl objects under examples/oparl are invented examples (https://oparl.example.org/…).
const FIXTURES = 'examples/oparl';
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const PAPER_4711 = 'https://oparl.example.org/bodies/1/papers/4711';

const IMPORT = `mutation($body: ID!, $json: String!) { importOParl(body: $body, json: $json) { oparlId reference outcome } }`;
const PAPER = `query($ref: String!) {
  paper(body: "bvv-neukoelln", reference: $ref) {
    reference subject type date deleted revision oparlId oparlModified agreementId agreementVersion concerns
    consultations { items { date meeting role result finished oparlId note deleted } }
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
        deleted: false,
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

  it('takes a later result and a corrected reference from a re-import, each object decided by its own modified', async () => {
    const base = 'https://oparl.example.org/bodies/1';
    const stepId = `${base}/consultations/4713-1`;
    const paper = (reference: string, modified: string, step: Record<string, unknown> = {}) => ({
      id: `${base}/papers/4713`,
      type: 'https://schema.oparl.org/1.1/Paper',
      name: 'Beispiel: Bericht zur Zielvereinbarung',
      reference,
      date: '2024-02-01',
      paperType: 'Vorlage zur Kenntnisnahme',
      consultation: [
        { id: stepId, type: 'https://schema.oparl.org/1.1/Consultation', meeting: `${base}/meetings/31`, role: 'Kenntnisnahme', ...step },
      ],
      modified,
    });
    const meeting = {
      id: `${base}/meetings/31`,
      type: 'https://schema.oparl.org/1.1/Meeting',
      name: '31. öffentliche Sitzung der BVV',
      start: '2024-05-15T17:00:00+02:00',
      modified: '2024-05-16T09:00:00+02:00',
    };
    const agendaItem = {
      id: `${base}/agendaitems/950`,
      type: 'https://schema.oparl.org/1.1/AgendaItem',
      meeting: meeting.id,
      result: 'zur Kenntnis genommen',
      modified: '2024-05-16T09:00:00+02:00',
    };
    const importing = async (json: unknown) => {
      const res = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: JSON.stringify(json) }, { as: bvv });
      expect(res.errors).toBeUndefined();
      return res.data!.importOParl[0] as { reference: string; outcome: string };
    };
    const stepOf = async (ref: string) => (await t.gql(PAPER, { ref }, { as: bvv })).data!.paper.consultations.items[0];
    const revisions = async () => Number((await t.sql('SELECT count(*)::int AS n FROM council_consultation_revisions'))[0].n);

    // Announced: the meeting is only referenced, so no date and no result yet.
    const first = paper('4713/XXI', '2024-02-01T10:00:00+01:00');
    expect(await importing(first)).toEqual({ oparlId: first.id, reference: '4713/XXI', outcome: 'NEW' });
    expect(await stepOf('4713/XXI')).toMatchObject({ date: null, result: null, meeting: meeting.id, deleted: false });
    const announced = await revisions();

    // After the meeting: the paper is as before, the agenda item brings the result; the consultation is revised.
    const after = paper('4713/XXI', '2024-02-01T10:00:00+01:00', { agendaItem: agendaItem.id });
    expect(await importing([after, meeting, agendaItem])).toMatchObject({ reference: '4713/XXI', outcome: 'REVISED' });
    expect(await stepOf('4713/XXI')).toMatchObject({
      date: '2024-05-15',
      meeting: '31. öffentliche Sitzung der BVV',
      result: 'zur Kenntnis genommen',
      finished: true,
    });
    expect(await revisions()).toBe(announced + 1);

    // The council information system corrects the reference: the id is the key, the paper keeps its consultation.
    const corrected = paper('4731/XXI', '2024-06-01T10:00:00+02:00', { agendaItem: agendaItem.id });
    expect(await importing([corrected, meeting, agendaItem])).toMatchObject({ reference: '4731/XXI', outcome: 'REVISED' });
    expect((await t.gql(PAPER, { ref: '4713/XXI' }, { as: bvv })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await stepOf('4731/XXI')).toMatchObject({ result: 'zur Kenntnis genommen' });

    // The announcement again: older than what is stored, for the paper and for the consultation; nothing changes.
    const before = [await counts(), await revisions()];
    expect(await importing(first)).toMatchObject({ reference: '4731/XXI', outcome: 'UNCHANGED' });
    expect([await counts(), await revisions()]).toEqual(before);
    expect(await stepOf('4731/XXI')).toMatchObject({ date: '2024-05-15', result: 'zur Kenntnis genommen' });

    // A reference another paper of the body has is refused, and nothing is stored.
    const clash = await t.gql(IMPORT, { body: 'bvv-neukoelln', json: JSON.stringify(paper('4711/XXI', '2024-07-01T10:00:00+02:00')) }, { as: bvv });
    expect(clash.errors?.[0]?.extensions?.code).toBe('ALREADY_EXISTS');
    expect([await counts(), await revisions()]).toEqual(before);

    // The consultation withdrawn later: kept, marked deleted.
    const withdrawn = paper('4731/XXI', '2024-06-01T10:00:00+02:00', { deleted: true, modified: '2024-08-01T10:00:00+02:00' });
    expect(await importing(withdrawn)).toMatchObject({ outcome: 'REVISED' });
    expect(await stepOf('4731/XXI')).toMatchObject({ deleted: true, role: 'Kenntnisnahme' });
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
      expect(verify.stdout).toContain('paper revisions 6');
      expect(verify.stdout).toContain('consultation revisions 5');
      expect(verify.code).toBe(0);

      // A result changed behind the service's back, and a corrected reference undone: both named.
      const db = new pg.Client({ connectionString: t.superuserUrl });
      await db.connect();
      try {
        await db.query('SET session_replication_role = replica');
        const [step] = (await db.query(`UPDATE council_consultation_revisions SET result = 'abgelehnt' WHERE result IS NOT NULL RETURNING id`)).rows;
        const [revision] = (await db.query(`UPDATE council_paper_revisions SET reference = '4713/XXI' WHERE reference = '4731/XXI' RETURNING id`))
          .rows;
        const tampered = await runCli(['verify'], env);
        expect(tampered.code).not.toBe(0);
        expect(tampered.stdout + tampered.stderr).toContain(`revision ${step.id} of a consultation`);
        expect(tampered.stdout + tampered.stderr).toContain(`revision ${revision.id} of a council paper`);
      } finally {
        await db.end();
      }
    },
    SLOW,
  );
});
