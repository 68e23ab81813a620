import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const VERSION_FIELDS = 'agreementId number yaml content contentHash previousHash chainHash author createdAt changeNote';

describe('versioned agreement store over GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    t.defaultToken = await t.token({ name: 'Erika Muster', roles: ['senate-editor'], departments: ['senin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (yaml: string, changeNote: string | null = null) =>
    t.gql(`mutation($yaml: String!, $note: String) { createAgreement(yaml: $yaml, changeNote: $note) { ${VERSION_FIELDS} } }`, {
      yaml,
      note: changeNote,
    });
  const save = (agreementId: string, baseVersion: number, yaml: string, changeNote?: string) =>
    t.gql(
      `mutation($id: ID!, $base: Int!, $yaml: String!, $note: String) {
         saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml, changeNote: $note) { ${VERSION_FIELDS} } }`,
      { id: agreementId, base: baseVersion, yaml, note: changeNote ?? null },
    );
  const versionCount = async (id: string) =>
    Number((await t.sql('SELECT count(*)::int AS n FROM agreement_versions WHERE agreement_id = $1', [id]))[0].n);

  it('creates an agreement, saves two drafts, rejects a stale save and keeps every version', async () => {
    const v1yaml = sampleAgreementYaml('test-buergeraemter');
    const created = await create(v1yaml, 'Erster Entwurf');
    expect(created.errors).toBeUndefined();
    const v1 = created.data!.createAgreement;
    expect(v1).toMatchObject({ agreementId: 'test-buergeraemter', number: 1, previousHash: null, changeNote: 'Erster Entwurf' });
    // The author comes from the token, never from the request.
    expect(v1.author).toBe('Erika Muster (senate-editor senin)');
    expect(v1.yaml).toBe(v1yaml);
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.content.title).toBe('Testvereinbarung Bürgerämter');

    const v2yaml = v1yaml.replace('targetValue: 90', 'targetValue: 95');
    const saved2 = await save('test-buergeraemter', 1, v2yaml, 'Zielwert angehoben');
    expect(saved2.errors).toBeUndefined();
    const v2 = saved2.data!.saveDraft;
    expect(v2.number).toBe(2);
    expect(v2.previousHash).toBe(v1.chainHash);

    const v3yaml = v2yaml.replace('until: 2025-12-31', 'until: 2026-12-31');
    const v3 = (await save('test-buergeraemter', 2, v3yaml)).data!.saveDraft;
    expect(v3.number).toBe(3);
    expect(v3.previousHash).toBe(v2.chainHash);

    // Someone still working on version 2 saves: refused, nothing stored.
    const stale = await save('test-buergeraemter', 2, v2yaml.replace('minimumValue: 60', 'minimumValue: 70'));
    expect(stale.data).toBeNull();
    expect(stale.errors![0].extensions).toMatchObject({ code: 'VERSION_CONFLICT', latestVersion: 3, baseVersion: 2 });
    expect(await versionCount('test-buergeraemter')).toBe(3);

    const read = await t.gql(
      `{ agreement(id: "test-buergeraemter") { id title latestVersion { number } versions { items { number yaml } } version(number: 2) { yaml changeNote } } }`,
    );
    expect(read.data!.agreement).toMatchObject({
      id: 'test-buergeraemter',
      title: 'Testvereinbarung Bürgerämter',
      latestVersion: { number: 3 },
      version: { yaml: v2yaml, changeNote: 'Zielwert angehoben' },
    });
    expect(read.data!.agreement.versions.items.map((v: { yaml: string }) => v.yaml)).toEqual([v1yaml, v2yaml, v3yaml]);
  });

  it('reports a save identical in content to the latest version instead of storing it twice', async () => {
    const yaml = sampleAgreementYaml('gleich');
    await create(yaml);
    const reformatted = yaml.replace('# Testvereinbarung', '# nur ein anderer Kommentar').replace('minimumValue: 60', 'minimumValue:   60');
    const res = await save('gleich', 1, reformatted);
    expect(res.errors![0].extensions).toMatchObject({ code: 'NO_CHANGE', latestVersion: 1 });
    expect(await versionCount('gleich')).toBe(1);
  });

  it('gives the same content hash to the same content in different formatting', async () => {
    const yaml = sampleAgreementYaml('format-a');
    const flowStyle = yaml
      .replace(/validity:\n {2}from: 2024-01-01\n {2}until: 2025-12-31/, 'validity: { until: 2025-12-31, from: 2024-01-01 }')
      .replace('id: format-a', 'id: "format-a"');
    expect(flowStyle).not.toBe(yaml);
    const a = (await create(yaml)).data!.createAgreement;
    const b = (await save('format-a', 1, flowStyle)).errors![0];
    // Identical content: the store says so rather than adding a version.
    expect(b.extensions!.code).toBe('NO_CHANGE');
    const other = (await create(sampleAgreementYaml('format-b'))).data!.createAgreement;
    const direct = await t.gql(`query($y: String!) { validateAgreement(yaml: $y) { valid } }`, { y: flowStyle });
    expect(direct.data!.validateAgreement.valid).toBe(true);
    // Same content apart from the id: different hash; the id is part of the content.
    expect(other.contentHash).not.toBe(a.contentHash);
  });

  it('refuses to create an agreement twice with ALREADY_EXISTS', async () => {
    await create(sampleAgreementYaml('doppelt'));
    const again = await create(sampleAgreementYaml('doppelt'));
    expect(again.errors![0].extensions!.code).toBe('ALREADY_EXISTS');
    expect(await versionCount('doppelt')).toBe(1);
  });

  it('answers NOT_FOUND for a save on an unknown agreement and null for an unknown id', async () => {
    const res = await save('gibt-es-nicht', 1, sampleAgreementYaml('gibt-es-nicht'));
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
    const read = await t.gql(`{ agreement(id: "gibt-es-nicht") { id } }`);
    expect(read.data!.agreement).toBeNull();
  });

  it('diffs two versions field by field with labels from the document, and as unified text', async () => {
    const v1 = sampleAgreementYaml('diff-test');
    await create(v1);
    const v2 = v1
      .replace('targetValue: 90', 'targetValue: 95')
      .replace(
        '      - id: termine',
        '      - id: erreichbarkeit\n        title: Telefonische Erreichbarkeit\n        indicators: []\n      - id: termine',
      );
    expect((await save('diff-test', 1, v2)).errors).toBeUndefined();
    const res = await t.gql(`{ versionDiff(agreementId: "diff-test", from: 1, to: 2) { from to changes { path label kind before after } unified } }`);
    expect(res.errors).toBeUndefined();
    const diff = res.data!.versionDiff;
    expect(diff.changes).toEqual([
      {
        path: '/steeringFields/0/qualityStandards/0',
        label: 'Kundenperspektive › Telefonische Erreichbarkeit',
        kind: 'ADDED',
        before: null,
        after: { id: 'erreichbarkeit', title: 'Telefonische Erreichbarkeit', indicators: [] },
      },
      {
        path: '/steeringFields/0/qualityStandards/1/indicators/0/targetValue',
        label: 'Kundenperspektive › Termine binnen 14 Tagen › Anteil Termine binnen 14 Tagen › Zielwert',
        kind: 'CHANGED',
        before: 90,
        after: 95,
      },
    ]);
    expect(diff.unified).toContain('-            targetValue: 90\n+            targetValue: 95');
    expect(diff.unified).toMatch(/^--- diff-test@1\.yaml/m);

    const missing = await t.gql(`{ versionDiff(agreementId: "diff-test", from: 1, to: 9) { unified } }`);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('answers with the field changes and a note instead of a line diff when two versions differ in too many lines', async () => {
    const withNotes = (lines: string[]) => sampleAgreementYaml('zeilen', `notes: |\n${lines.map((l) => `  ${l}\n`).join('')}`);
    const numbered = Array.from({ length: 5000 }, (_, i) => `Zeile ${i} der Anmerkungen`);
    const v1 = withNotes(numbered);
    expect((await create(v1)).errors).toBeUndefined();
    // Every line of the notes differs (about 100 KiB), then the same lines in reverse order.
    expect((await save('zeilen', 1, withNotes(numbered.map((l) => `${l}, geändert`)))).errors).toBeUndefined();
    expect((await save('zeilen', 2, withNotes([...numbered].reverse()))).errors).toBeUndefined();

    const DIFF = `query($from: Int!, $to: Int!) { versionDiff(agreementId: "zeilen", from: $from, to: $to) { changes { path label kind } unified note } }`;
    for (const [from, to] of [
      [1, 2],
      [1, 3],
    ]) {
      const res = await t.gql(DIFF, { from, to });
      expect(res.errors).toBeUndefined();
      expect(res.data!.versionDiff).toEqual({
        changes: [{ path: '/notes', label: 'Anmerkungen', kind: 'CHANGED' }],
        unified: null,
        note: 'Zeilenvergleich ausgelassen, weil sich die Fassungen in zu vielen Zeilen unterscheiden; die Feldänderungen sind vollständig.',
      });
    }
    // A small change in the same large document still gets its line diff.
    expect((await save('zeilen', 3, withNotes([...numbered].reverse()).replace('targetValue: 90', 'targetValue: 95'))).errors).toBeUndefined();
    const small = (await t.gql(DIFF, { from: 3, to: 4 })).data!.versionDiff;
    expect(small.note).toBeNull();
    expect(small.unified).toContain('-            targetValue: 90\n+            targetValue: 95');
  });

  it('validates without storing and reports every problem with line, column and path', async () => {
    const bad = sampleAgreementYaml('kaputt')
      .replace('title: Kundenperspektive', 'titel: Kundenperspektive')
      .replace('direction: higherIsBetter', 'direction: up')
      .replace('until: 2025-12-31', 'until: 2025-13-01');
    const res = await t.gql(
      `query($y: String!) { validateAgreement(yaml: $y) { valid problems { line column path message code key allowedValues } } }`,
      { y: bad },
    );
    const report = res.data!.validateAgreement;
    expect(report.valid).toBe(false);
    const byPath = Object.fromEntries(report.problems.map((p: { code: string; path: string }) => [`${p.code} ${p.path}`, p]));
    expect(byPath['format /validity/until']).toMatchObject({ line: 12, column: 10 });
    expect(byPath['unknown-key /steeringFields/0/titel']).toMatchObject({ key: 'titel', line: 30, column: 5 });
    expect(byPath['required /steeringFields/0']).toMatchObject({ key: 'title' });
    expect(byPath['enum /steeringFields/0/qualityStandards/0/indicators/0/direction']).toMatchObject({
      line: 40,
      column: 24,
      allowedValues: expect.arrayContaining(['higherIsBetter', 'lowerIsBetter']),
    });

    const created = await create(bad);
    expect(created.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    expect(created.errors![0].extensions!.problems.length).toBe(report.problems.length);
    expect(await versionCount('kaputt')).toBe(0);
  });

  it('answers every list a page at a time, with the total and whether more follow', async () => {
    for (const id of ['seite-a', 'seite-b', 'seite-c']) expect((await create(sampleAgreementYaml(id))).errors).toBeUndefined();
    const v1 = sampleAgreementYaml('seite-b');
    expect((await save('seite-b', 1, v1.replace('targetValue: 90', 'targetValue: 91'))).errors).toBeUndefined();
    expect((await save('seite-b', 2, v1.replace('targetValue: 90', 'targetValue: 92'))).errors).toBeUndefined();

    const all = (await t.gql(`{ agreements(limit: 100) { items { id } totalCount hasMore } }`)).data!.agreements;
    expect(all.hasMore).toBe(false);
    expect(all.totalCount).toBe(all.items.length);
    const ids: string[] = all.items.map((a: { id: string }) => a.id);
    expect(ids).toEqual([...ids].sort());
    const at = ids.indexOf('seite-a');

    const PAGE = `query($limit: Int!, $offset: Int!) { agreements(limit: $limit, offset: $offset) {
      items { id versions(limit: 2, offset: 1) { items { number } totalCount hasMore } } totalCount hasMore } }`;
    const page = await t.gql(PAGE, { limit: 2, offset: at + 1 });
    expect(page.errors).toBeUndefined();
    expect(page.data!.agreements).toEqual({
      items: [
        { id: 'seite-b', versions: { items: [{ number: 2 }, { number: 3 }], totalCount: 3, hasMore: false } },
        { id: 'seite-c', versions: { items: [], totalCount: 1, hasMore: false } },
      ],
      totalCount: ids.length,
      hasMore: at + 3 < ids.length,
    });
    const countOnly = await t.gql(`{ agreement(id: "seite-b") { versions(limit: 0) { items { number } totalCount hasMore } } }`);
    expect(countOnly.data!.agreement.versions).toEqual({ items: [], totalCount: 3, hasMore: true });

    for (const [limit, offset] of [
      [101, 0],
      [-1, 0],
      [10, -1],
    ]) {
      const refused = await t.gql(PAGE, { limit, offset });
      expect(refused.errors![0].extensions).toEqual({ code: 'BAD_INPUT', maxLimit: 100 });
    }
  });

  it('reads lists of agreements and their versions with a fixed number of queries, however many there are', async () => {
    const queriesFor = async (query: string) => {
      const original = t.dataSource.logger;
      let count = 0;
      t.dataSource.logger = Object.assign(Object.create(original), { logQuery: () => void count++ });
      try {
        const res = await t.gql(query);
        expect(res.errors).toBeUndefined();
      } finally {
        t.dataSource.logger = original;
      }
      return count;
    };
    // Small pages keep the query under the complexity limit; the count of queries must not depend on them either.
    const list = `{ agreements(limit: 30) { items { id title latestVersion { number frozenOn amendment { type } }
      versions(limit: 5) { items { number author signatures { id carriedOverFrom } } }
      v1: version(number: 1) { contentHash } status { state parties { party } } events(limit: 5) { items { kind } } signatures(limit: 5) { items { id } } successorId } } }`;
    const before = await queriesFor(list);
    for (let i = 0; i < 5; i++) await create(sampleAgreementYaml(`viele-${i}`));
    const after = await queriesFor(list);
    expect(after).toBe(before);
    // agreements and their count, versions, the five history tables, successors, council papers and their steps (for
    // the events), the histories by their terms and the reported versions' documents (for the status): a fixed handful,
    // never one per agreement.
    expect(after).toBeLessThanOrEqual(12);
  });

  it('serves exactly the committed GraphQL contract (schema/schema.graphql)', async () => {
    const { GraphQLSchemaHost } = await import('@nestjs/graphql');
    const { printContract } = await import('../src/graphql/print-contract.js');
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    // If this fails after a deliberate API change: npm run schema:emit, and commit the result.
    expect(printContract(t.app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });

  it('verifies the whole chain page by page', async () => {
    const { VersionsService } = await import('../src/versions/versions.service.js');
    const store = t.app.get(VersionsService);
    const [{ n, a }] = await t.sql('SELECT count(*)::int AS n, count(DISTINCT agreement_id)::int AS a FROM agreement_versions');
    expect(n).toBeGreaterThan(5);
    // Pages of two rows cross agreement boundaries, which must not break the links.
    expect(await store.verify(2)).toEqual({ ok: true, versions: n, agreements: a, firstBroken: null });
  });
});
