import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type Untyped, type TestApp } from './support/test-app.js';

const STATUS = `query($id: ID!, $asOf: Date, $party: ID) {
  agreementStatus(id: $id, asOf: $asOf, party: $party) {
    state versionInForce validFrom validUntil inForceSince daysUntilExpiry successorId successorState predecessorId
    amendmentsApplied { type source decidedOn effectiveOn newVersion }
    signatures { party role signedOn }
    missing { party role roleTitle }
    parties { party complete boundSince signingRecorded missing { role } }
  }
}`;

const SIGN = `mutation($input: RecordSignatureInput!) {
  recordSignature(input: $input) { id party role signedOn contentHash version level recordedBy withdrawal { reason } }
}`;

describe('lifecycle: the real case as shipped in agreements/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(); // loads agreements/ with its lifecycle files, as npm start does
    t.defaultToken = await t.token({ name: 'Lea Leser', roles: ['reader'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const status = async (asOf: string, party?: string) => {
    const res = await t.gql(STATUS, { id: 'soziale-wohnhilfen', asOf, party: party ?? null });
    expect(res.errors).toBeUndefined();
    return res.data!.agreementStatus;
  };

  it("tells Neukölln's story date by date", async () => {
    const before = await status('2021-12-01', 'neukoelln');
    expect(before.state).not.toBe('IN_FORCE');
    expect(before.versionInForce).toBeNull();

    for (const asOf of ['2022-06-30', '2023-06-30']) {
      const s = await status(asOf, 'neukoelln');
      expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 1, validUntil: '2023-12-31', inForceSince: '2022-01-12' });
      expect(s.amendmentsApplied).toEqual([]);
      expect(s.parties).toEqual([{ party: 'neukoelln', complete: true, boundSince: '2022-01-12', signingRecorded: true, missing: [] }]);
    }

    const extended = await status('2024-06-01', 'neukoelln');
    expect(extended).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, validUntil: '2025-12-31', daysUntilExpiry: 578 });
    expect(extended.amendmentsApplied).toEqual([
      { type: 'VALIDITY_EXTENSION', source: 'Schreiben SenASGIVA vom 21.11.2023', decidedOn: '2023-11-21', effectiveOn: '2023-11-21', newVersion: 2 },
    ]);
    // The extension is backed by its source: Neukölln's signatures of version 1 carry over.
    expect(extended.signatures.map((s: { role: string }) => s.role).sort()).toEqual(['finanzen', 'soziales']);

    const after = await status('2026-01-15', 'neukoelln');
    expect(after).toMatchObject({ state: 'EXPIRED', versionInForce: null, successorId: 'soziale-wohnhilfen-2026', successorState: 'DRAFT' });
  });

  it('says so for a district whose signing is not recorded, on every date', async () => {
    // Before the signed text is on record (frozen 12.01.2022) there is nothing anyone could have signed.
    const before = await status('2021-12-01', 'mitte');
    expect(before).toMatchObject({ state: 'NOT_YET_RECORDED', versionInForce: null, parties: [] });
    for (const asOf of ['2022-06-30', '2023-06-30', '2024-06-01', '2026-01-15']) {
      const s = await status(asOf, 'mitte');
      expect(s.state).not.toBe('IN_FORCE');
      expect(s.parties).toHaveLength(1);
      expect(s.parties[0]).toMatchObject({ party: 'mitte', complete: false, boundSince: null, signingRecorded: false });
      expect(s.missing.map((m: { role: string }) => m.role).sort()).toEqual(['finanzen', 'soziales']);
    }
  });

  it('is not yet recorded, not a draft, before the earliest dated record of it (12.01.2022, though stored today)', async () => {
    for (const asOf of ['1999-01-01', '2022-01-11']) {
      expect(await status(asOf)).toMatchObject({ state: 'NOT_YET_RECORDED', versionInForce: null, validUntil: null, parties: [], missing: [] });
    }
    expect((await status('2022-01-12')).state).toBe('IN_FORCE');
  });

  it('lists on the extended version the signatures carried over from version 1, marked as carried over', async () => {
    const res = await t.gql(
      `{ agreement(id: "soziale-wohnhilfen") { versions { items { number signatures { party role version carriedOverFrom signedOn } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const listed = res.data!.agreement.versions.items.map((v: { number: number; signatures: Array<Record<string, unknown>> }) => ({
      number: v.number,
      signatures: v.signatures
        .map(
          (s) =>
            `${String(s.party)}/${String(s.role)} signed ${String(s.signedOn)} on ${String(s.version)}, carried over from ${String(s.carriedOverFrom)}`,
        )
        .sort(),
    }));
    expect(listed).toEqual([
      {
        number: 1,
        signatures: [
          'neukoelln/finanzen signed 2022-01-12 on 1, carried over from null',
          'neukoelln/soziales signed 2022-01-12 on 1, carried over from null',
        ],
      },
      {
        number: 2,
        signatures: [
          'neukoelln/finanzen signed 2022-01-12 on 1, carried over from 1',
          'neukoelln/soziales signed 2022-01-12 on 1, carried over from 1',
        ],
      },
      // Version 3 is the same agreement written in format 2: a new text, which nobody has signed.
      { number: 3, signatures: [] },
    ]);
  });

  it('shows the whole agreement in force through Neukölln, with every missing signature listed', async () => {
    const s = await status('2022-06-30');
    expect(s.state).toBe('IN_FORCE');
    const neukoelln = s.parties.find((p: { party: string }) => p.party === 'neukoelln');
    expect(neukoelln).toMatchObject({ complete: true, boundSince: '2022-01-12' });
    const incomplete = s.parties.filter((p: { complete: boolean; party: string }) => !p.complete).map((p: { party: string }) => p.party);
    expect(incomplete).toHaveLength(13); // 11 districts and the two Senate departments
    expect(s.missing).toHaveLength(2 * 11 + 2);
  });

  it('lists the events of the agreement with date, kind, actor and version', async () => {
    const res = await t.gql(`{ agreement(id: "soziale-wohnhilfen") { successorId events { items { date kind version party actor } hasMore } } }`);
    const { events: page, successorId } = res.data!.agreement;
    expect(page.hasMore).toBe(false);
    const events = page.items;
    expect(successorId).toBe('soziale-wohnhilfen-2026');
    const story = events.map(
      (e: { date: string; kind: string; version: number | null; party: string | null }) =>
        `${e.date} ${e.kind} ${e.version ?? '-'} ${e.party ?? '-'}`,
    );
    expect(story).toEqual(
      expect.arrayContaining([
        '2022-01-12 FROZEN 1 -',
        '2022-01-12 SIGNED 1 neukoelln',
        '2022-01-12 ENTERED_INTO_FORCE 1 neukoelln',
        '2023-11-21 AMENDED 2 -',
        '2024-01-09 FOLLOW_UP_CREATED 2 -',
        '2026-01-01 EXPIRED 2 -',
      ]),
    );
    expect(events.map((e: { date: string }) => e.date)).toEqual([...events.map((e: { date: string }) => e.date)].sort());
    expect(events.find((e: { kind: string }) => e.kind === 'FROZEN').actor).toMatch(/agreements/);
    expect(events.find((e: { kind: string }) => e.kind === 'FOLLOW_UP_CREATED').actor).toMatch(/agreements/);

    // A page of them: the same events, in the same order.
    const paged = await t.gql(`{ agreement(id: "soziale-wohnhilfen") { events(limit: 2, offset: 1) { items { date kind } totalCount hasMore } } }`);
    expect(paged.data!.agreement.events).toEqual({
      items: events.slice(1, 3).map(({ date, kind }: { date: string; kind: string }) => ({ date, kind })),
      totalCount: events.length,
      hasMore: events.length > 3,
    });
  });

  it('says each signer of Neukölln once, by the role title the council paper gives in place of a name, and that how they signed is not known', async () => {
    const res = await t.gql(`{ agreement(id: "soziale-wohnhilfen") { events(limit: 100) { items { kind detail } } } }`);
    const signed = res.data!.agreement.events.items.filter((e: { kind: string }) => e.kind === 'SIGNED').map((e: { detail: string }) => e.detail);
    expect(signed.sort()).toEqual([
      'Bezirksamt Neukölln: Für Finanzen zuständiges Bezirksamtsmitglied (Name in der Drucksache nicht genannt) hat unterzeichnet (Art der Unterschrift nicht bekannt)',
      'Bezirksamt Neukölln: Für Soziales zuständiges Bezirksamtsmitglied (Name in der Drucksache nicht genannt) hat unterzeichnet (Art der Unterschrift nicht bekannt)',
    ]);
  });

  it("reads Neukölln's signatures with the level UNKNOWN: the council paper does not say how they signed", async () => {
    const res = await t.gql(`{ agreement(id: "soziale-wohnhilfen") { signatures { items { party role signedOn level evidence { fileName } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.agreement.signatures.items.sort((a: { role: string }, b: { role: string }) => a.role.localeCompare(b.role))).toEqual([
      { party: 'neukoelln', role: 'finanzen', signedOn: '2022-01-12', level: 'UNKNOWN', evidence: null },
      { party: 'neukoelln', role: 'soziales', signedOn: '2022-01-12', level: 'UNKNOWN', evidence: null },
    ]);
  });

  it('refuses to freeze the 2026 follow-up until every focus indicator has its values, then accepts it', async () => {
    const editor = await t.token({ name: 'Sven Senat', roles: ['senate-editor'], departments: ['senias'] });
    const freeze = (version: number) =>
      t.gql(
        `mutation($v: Int!) { freezeVersion(agreementId: "soziale-wohnhilfen-2026", version: $v, frozenOn: "2026-03-01") { number frozenOn } }`,
        { v: version },
        { as: editor },
      );
    const refused = await freeze(2);
    expect(refused.errors![0].extensions!.code).toBe('INVALID_STATE');
    const all = refused.errors![0].extensions!.violations as Array<{ rule: string; path: string; label: string }>;
    // The Senate departments' signatory roles are not known either: a text nobody knows how to sign is not frozen.
    expect(all.filter((v) => v.rule === 'SIGNATORY_ROLES_UNKNOWN').map((v) => v.rule)).toEqual([
      'SIGNATORY_ROLES_UNKNOWN',
      'SIGNATORY_ROLES_UNKNOWN',
    ]);
    const violations = all.filter((v) => v.rule === 'FOCUS_VALUE_MISSING');
    expect(violations).toHaveLength(10); // five standards, one indicator each, minimum and target missing
    expect(violations).toContainEqual(
      expect.objectContaining({
        path: '/steeringFields/0/qualityStandards/3/indicators/0/targetValue',
        label: 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert',
      }),
    );

    const v2 = (await t.gql(`{ agreement(id: "soziale-wohnhilfen-2026") { latestVersion { number yaml } } }`)).data!.agreement.latestVersion;
    expect(v2.number).toBe(2);
    const withValues = v2.yaml
      .replace(/direction: \{ missing: unknown \}/g, 'direction: higherIsBetter')
      .replace(/minimumValue: \{ missing: toBeAgreed[^\n]*\}/g, 'minimumValue: 70')
      .replace(/targetValue: \{ missing: toBeAgreed[^\n]*\}/g, 'targetValue: 90')
      .replace(/signatoryRoles: \{ missing: unknown[^\n]*\}/g, 'signatoryRoles: [ { id: leitung, title: Leitung der Senatsverwaltung } ]');
    expect(withValues).not.toBe(v2.yaml);
    const saved = await t.gql(
      `mutation($y: String!) { saveDraft(agreementId: "soziale-wohnhilfen-2026", baseVersion: 2, yaml: $y, changeNote: "Werte für den Test") { number } }`,
      { y: withValues },
      { as: editor },
    );
    expect(saved.errors).toBeUndefined();
    const accepted = await freeze(3);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.freezeVersion).toEqual({ number: 3, frozenOn: '2026-03-01' });
  });

  it('keeps the shipped history when the agreements folder is loaded again', async () => {
    const { loadAgreementsFolder } = await import('../src/bootstrap.js');
    const { Logger } = await import('../src/common/logger.js');
    const count = async () =>
      (
        await t.sql(
          `SELECT (SELECT count(*) FROM agreement_versions) + (SELECT count(*) FROM signatures) + (SELECT count(*) FROM version_freezes) + (SELECT count(*) FROM amendments) + (SELECT count(*) FROM follow_ups) AS n`,
        )
      )[0].n;
    const before = await count();
    await loadAgreementsFolder(t.app, t.config, new Logger('error'));
    expect(await count()).toBe(before);
  });
});

describe('lifecycle: an all-parties agreement signed completely', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  let mitte: string;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    editor = await t.token({ name: 'Erika Editor', roles: ['senate-editor'], departments: ['senin'] });
    admin = await t.token({ name: 'Anna Admin', roles: ['admin'] });
    mitte = await t.token({ name: 'Max Mitte', roles: ['district-signatory'], district: 'mitte' });
    t.defaultToken = editor;
    const created = await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml('alle-parteien') });
    expect(created.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t.close();
  });

  const sign = (as: string, input: Record<string, unknown>) =>
    t.gql(SIGN, { input: { agreementId: 'alle-parteien', version: 1, level: 'QUALIFIED_ELECTRONIC', office: null, ...input } }, { as });
  const status = async (asOf: string) => (await t.gql(STATUS, { id: 'alle-parteien', asOf, party: null })).data!.agreementStatus;

  it('refuses to sign a draft', async () => {
    const res = await sign(mitte, { party: 'mitte', role: 'finanzen', personName: 'Max Mitte', signedOn: '2024-02-01' });
    expect(res.errors![0].extensions!.code).toBe('INVALID_STATE');
  });

  it('is in force only from the last required signature', async () => {
    const frozen = await t.gql(`mutation { freezeVersion(agreementId: "alle-parteien", version: 1, frozenOn: "2023-12-01") { frozenOn } }`);
    expect(frozen.data!.freezeVersion.frozenOn).toBe('2023-12-01');

    const first = await sign(mitte, {
      party: 'mitte',
      role: 'buergerdienste',
      personName: 'Max Mitte',
      signedOn: '2024-02-01',
      evidence: { fileName: 'scan.pdf', sha256: 'a'.repeat(64) },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordSignature).toMatchObject({
      party: 'mitte',
      role: 'buergerdienste',
      version: 1,
      recordedBy: 'Max Mitte (district-signatory mitte)',
    });
    // Entered afterwards from a letter that does not say how she signed: the level is not known, and the signature counts all the same.
    const senate = await sign(admin, { party: 'senin', role: 'leitung', personName: 'Sabine Senatorin', signedOn: '2024-02-10', level: 'UNKNOWN' });
    expect(senate.errors).toBeUndefined();
    expect(senate.data!.recordSignature).toMatchObject({ party: 'senin', role: 'leitung', level: 'UNKNOWN' });
    expect(await t.sql(`SELECT level FROM signatures WHERE agreement_id = 'alle-parteien' AND party = 'senin'`)).toEqual([{ level: 'unknown' }]);

    expect((await status('2024-01-15')).state).toBe('FROZEN');
    const signing = await status('2024-02-15');
    expect(signing.state).toBe('SIGNING');
    expect(signing.missing).toEqual([{ party: 'mitte', role: 'finanzen', roleTitle: 'Für Finanzen zuständiges Bezirksamtsmitglied' }]);

    expect((await sign(mitte, { party: 'mitte', role: 'finanzen', personName: 'Moritz Mitte', signedOn: '2024-03-05' })).errors).toBeUndefined();
    expect((await status('2024-03-04')).state).toBe('SIGNING');
    expect(await status('2024-03-05')).toMatchObject({
      state: 'IN_FORCE',
      versionInForce: 1,
      inForceSince: '2024-03-05',
      validUntil: '2025-12-31',
      missing: [],
    });
    expect((await status('2026-01-10')).state).toBe('EXPIRED');

    const events = await t.gql(`{ agreement(id: "alle-parteien") { events(limit: 100) { items { kind party detail } } } }`);
    const signed = events.data!.agreement.events.items.filter((e: { kind: string }) => e.kind === 'SIGNED');
    expect(signed.map((e: { party: string; detail: string }) => `${e.party}: ${e.detail}`)).toEqual([
      'mitte: Bezirksamt Mitte: Für Bürgerdienste zuständiges Bezirksamtsmitglied (Max Mitte) hat unterzeichnet',
      'senin: Senatsverwaltung für Inneres: Leitung der Senatsverwaltung (Sabine Senatorin) hat unterzeichnet (Art der Unterschrift nicht bekannt)',
      'mitte: Bezirksamt Mitte: Für Finanzen zuständiges Bezirksamtsmitglied (Moritz Mitte) hat unterzeichnet',
    ]);
  });

  it('is not yet recorded before its freeze of 01.12.2023, though stored today', async () => {
    expect(await status('2023-11-30')).toMatchObject({ state: 'NOT_YET_RECORDED', validUntil: null, parties: [], missing: [] });
    expect(await status('2023-12-01')).toMatchObject({ state: 'FROZEN', validUntil: '2025-12-31' });
  });

  it('answers not yet recorded for a draft made today when asked about an earlier date', async () => {
    expect(
      (await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml('entwurf-von-heute') })).errors,
    ).toBeUndefined();
    const on = async (asOf: string | null) =>
      (await t.gql(`query($asOf: Date) { agreementStatus(id: "entwurf-von-heute", asOf: $asOf) { state latestVersion } }`, { asOf })).data!
        .agreementStatus;
    expect(await on('2024-06-01')).toEqual({ state: 'NOT_YET_RECORDED', latestVersion: null });
    expect(await on(null)).toEqual({ state: 'DRAFT', latestVersion: 1 });
  });

  it('refuses signatures for another party, unknown roles, double signatures, future dates', async () => {
    const other = await sign(mitte, { party: 'senin', role: 'leitung', personName: 'Max Mitte', signedOn: '2024-02-10' });
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    const neukoelln = await t.token({ roles: ['district-signatory'], district: 'neukoelln' });
    const cross = await sign(neukoelln, { party: 'mitte', role: 'finanzen', personName: 'Nora Neukölln', signedOn: '2024-02-10' });
    expect(cross.errors![0].extensions!.code).toBe('FORBIDDEN');
    const unknownRole = await sign(mitte, { party: 'mitte', role: 'kultur', personName: 'Max Mitte', signedOn: '2024-02-10' });
    expect(unknownRole.errors![0].extensions!.code).toBe('BAD_INPUT');
    const twice = await sign(mitte, { party: 'mitte', role: 'finanzen', personName: 'Moritz Mitte', signedOn: '2024-03-06' });
    expect(twice.errors![0].extensions!.code).toBe('INVALID_STATE');
  });

  it('withdraws a wrongly recorded signature with a reason and keeps it in the history', async () => {
    const list = await t.gql(`{ agreement(id: "alle-parteien") { signatures { items { id role withdrawal { reason } } } } }`);
    const finanzen = list.data!.agreement.signatures.items.find((s: { role: string }) => s.role === 'finanzen');
    const res = await t.gql(
      `mutation($input: WithdrawSignatureInput!) { withdrawSignature(input: $input) { role withdrawal { withdrawnOn reason actor } } }`,
      { input: { signatureId: finanzen.id, withdrawnOn: '2024-04-01', reason: 'Falsche Person erfasst' } },
      { as: mitte },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.withdrawSignature.withdrawal).toEqual({
      withdrawnOn: '2024-04-01',
      reason: 'Falsche Person erfasst',
      actor: 'Max Mitte (district-signatory mitte)',
    });
    // History is not rewritten: in force in March, signing again from the withdrawal on.
    expect((await status('2024-03-20')).state).toBe('IN_FORCE');
    expect((await status('2024-04-02')).state).toBe('SIGNING');
    const again = await t.gql(`{ agreement(id: "alle-parteien") { signatures { items { role withdrawal { reason } } totalCount } } }`);
    expect(again.data!.agreement.signatures.items).toHaveLength(3);
    expect(again.data!.agreement.signatures.totalCount).toBe(3);

    const future = await sign(mitte, { party: 'mitte', role: 'finanzen', personName: 'Moritz Mitte', signedOn: '2999-01-01' });
    expect(future.errors![0].extensions!.code).toBe('BAD_INPUT');
    expect(future.errors![0].extensions!.violations[0].field).toBe('signedOn');
  });

  it('of two people recording the same signature at the same moment, exactly one succeeds', async () => {
    const results = await Promise.all(
      [1, 2].map(() => sign(mitte, { party: 'mitte', role: 'finanzen', personName: 'Moritz Mitte', signedOn: '2024-04-10' })),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors![0].extensions!.code).toBe('INVALID_STATE');
    const active = await t.sql(
      `SELECT count(*)::int AS n FROM signatures s WHERE agreement_id = 'alle-parteien' AND role = 'finanzen'
         AND NOT EXISTS (SELECT 1 FROM signature_withdrawals w WHERE w.signature_id = s.id)`,
    );
    expect(active[0].n).toBe(1);
  });

  it('extends validity: only the end date changes, signatures carry over, other changes are refused', async () => {
    const ext = await t.gql(`mutation($input: ExtendValidityInput!) { extendValidity(input: $input) { type baseVersion newVersion source } }`, {
      input: {
        agreementId: 'alle-parteien',
        until: '2026-12-31',
        source: 'Schreiben SenIn vom 01.11.2025',
        decidedOn: '2025-11-01',
        effectiveOn: '2025-11-01',
      },
    });
    expect(ext.errors).toBeUndefined();
    expect(ext.data!.extendValidity).toEqual({ type: 'VALIDITY_EXTENSION', baseVersion: 1, newVersion: 2, source: 'Schreiben SenIn vom 01.11.2025' });
    expect(await status('2026-06-01')).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, validUntil: '2026-12-31' });
    const diff = await t.gql(`{ versionDiff(agreementId: "alle-parteien", from: 1, to: 2) { changes { label before after } unified } }`);
    expect(diff.data!.versionDiff.changes).toEqual([{ label: 'Geltungsdauer › Ende', before: '2025-12-31', after: '2026-12-31' }]);

    const v2 = (await t.gql(`{ agreement(id: "alle-parteien") { version(number: 2) { yaml } } }`)).data!.agreement.version.yaml as string;
    const sneaky = await t.gql(`mutation($input: AmendAgreementInput!) { amendAgreement(input: $input) { newVersion } }`, {
      input: {
        agreementId: 'alle-parteien',
        baseVersion: 2,
        type: 'VALIDITY_EXTENSION',
        source: 'Test',
        decidedOn: '2025-11-02',
        effectiveOn: '2025-11-02',
        yaml: v2.replace('until: 2026-12-31', 'until: 2027-12-31').replace('targetValue: 90', 'targetValue: 99'),
      },
    });
    expect(sneaky.errors![0].extensions!.code).toBe('BAD_INPUT');
    expect(JSON.stringify(sneaky.errors![0].extensions!.violations)).toContain('Zielwert');
  });

  it('a content amendment needs fresh signatures; until then the previous version stays in force', async () => {
    const v2 = (await t.gql(`{ agreement(id: "alle-parteien") { version(number: 2) { yaml } } }`)).data!.agreement.version.yaml as string;
    const res = await t.gql(`mutation($input: AmendAgreementInput!) { amendAgreement(input: $input) { type newVersion } }`, {
      input: {
        agreementId: 'alle-parteien',
        baseVersion: 2,
        type: 'CONTENT_AMENDMENT',
        source: 'Beschluss der Steuerungsrunde vom 01.02.2026',
        decidedOn: '2026-02-01',
        effectiveOn: '2026-03-01',
        yaml: v2.replace('targetValue: 90', 'targetValue: 95'),
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.amendAgreement).toEqual({ type: 'CONTENT_AMENDMENT', newVersion: 3 });
    expect(await status('2026-04-01')).toMatchObject({ state: 'IN_FORCE', versionInForce: 2 });
  });

  it('lists on each version the signatures it carries: extended versions show those carried over, marked', async () => {
    const res = await t.gql(
      `{ agreement(id: "alle-parteien") { versions { items { number signatures { id party role version carriedOverFrom withdrawal { reason } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [v1, v2, v3] = res.data!.agreement.versions.items as Array<{ number: number; signatures: Array<Record<string, Untyped>> }>;
    const signedOn1 = ['mitte/buergerdienste', 'senin/leitung', 'mitte/finanzen', 'mitte/finanzen'];
    expect(v1.signatures.map((s) => `${s.party}/${s.role}`)).toEqual(signedOn1);
    expect(v1.signatures.every((s) => s.version === 1 && s.carriedOverFrom === null)).toBe(true);
    // Version 2 is the extension: the same signatures (the withdrawn one too, still withdrawn), marked as carried over from 1.
    expect(v2.signatures.map((s) => s.id)).toEqual(v1.signatures.map((s) => s.id));
    expect(v2.signatures.every((s) => s.version === 1 && s.carriedOverFrom === 1)).toBe(true);
    expect(v2.signatures.filter((s) => s.withdrawal !== null).map((s) => s.withdrawal.reason)).toEqual(['Falsche Person erfasst']);
    // Version 3 amends the content: it needs signatures of its own and carries none over.
    expect(v3.signatures).toEqual([]);
    const all = await t.gql(`{ agreement(id: "alle-parteien") { signatures { items { carriedOverFrom } } } }`);
    expect(all.data!.agreement.signatures.items.map((s: { carriedOverFrom: number | null }) => s.carriedOverFrom)).toEqual([null, null, null, null]);
  });

  it('corrects an obvious error in an unsigned draft, and refuses a correction once it is signed', async () => {
    const yaml = sampleAgreementYaml('berichtigung');
    expect((await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: yaml })).errors).toBeUndefined();
    const correct = (baseVersion: number, text: string) =>
      t.gql(`mutation($input: AmendAgreementInput!) { amendAgreement(input: $input) { type baseVersion newVersion } }`, {
        input: {
          agreementId: 'berichtigung',
          baseVersion,
          yaml: text,
          type: 'CORRECTION',
          source: 'Tippfehler im Titel',
          decidedOn: '2024-01-05',
          effectiveOn: '2024-01-05',
        },
      });
    const fixed = yaml.replace('title: Termine binnen 14 Tagen', 'title: Termine binnen 14 Kalendertagen');
    const ok = await correct(1, fixed);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.amendAgreement).toEqual({ type: 'CORRECTION', baseVersion: 1, newVersion: 2 });

    await t.gql(`mutation { freezeVersion(agreementId: "berichtigung", version: 2, frozenOn: "2024-01-10") { number } }`);
    expect(
      (
        await sign(mitte, {
          agreementId: 'berichtigung',
          version: 2,
          party: 'mitte',
          role: 'finanzen',
          personName: 'Moritz Mitte',
          signedOn: '2024-01-20',
        })
      ).errors,
    ).toBeUndefined();
    const late = await correct(2, fixed.replace('14 Kalendertagen', '15 Kalendertagen'));
    expect(late.errors![0].extensions!.code).toBe('INVALID_STATE');
  });

  it('is guarded: a reader cannot freeze, an editor of another department cannot extend', async () => {
    const reader = await t.token({ roles: ['reader'] });
    const r = await t.gql(`mutation { freezeVersion(agreementId: "alle-parteien", version: 3) { number } }`, {}, { as: reader });
    expect(r.errors![0].extensions!.code).toBe('FORBIDDEN');
    const senfin = await t.token({ roles: ['senate-editor'], departments: ['senfin'] });
    const e = await t.gql(
      `mutation($input: ExtendValidityInput!) { extendValidity(input: $input) { newVersion } }`,
      { input: { agreementId: 'alle-parteien', until: '2030-12-31', source: 'x', decidedOn: '2026-01-01', effectiveOn: '2026-01-01' } },
      { as: senfin },
    );
    expect(e.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('lists agreements expiring within a number of days', async () => {
    const res = await t.gql(
      `{ expiringAgreements(withinDays: 60, asOf: "2026-11-15") { items { agreementId validUntil daysUntilExpiry } totalCount } }`,
    );
    expect(res.data!.expiringAgreements).toEqual({
      items: [{ agreementId: 'alle-parteien', validUntil: '2026-12-31', daysUntilExpiry: 46 }],
      totalCount: 1,
    });
    const none = await t.gql(`{ expiringAgreements(withinDays: 30, asOf: "2026-11-15") { items { agreementId } } }`);
    expect(none.data!.expiringAgreements.items).toEqual([]);
  });
});

describe('lifecycle: an agreement is followed up once, and both sides show it', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    editor = await t.token({ name: 'Erika Editor', roles: ['senate-editor'], departments: ['senin'] });
    t.defaultToken = editor;
    for (const id of ['vorlage', 'parallel']) {
      expect((await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml(id) })).errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const followUp = (predecessorId: string, id: string) =>
    t.gql(`mutation($input: CreateFollowUpDraftInput!) { createFollowUpDraft(input: $input) { agreementId number } }`, {
      input: { predecessorId, id, title: 'Folgevereinbarung Bürgerämter' },
    });
  const createNaming = (id: string, predecessor: string) =>
    t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, {
      y: sampleAgreementYaml(id).replace('predecessor: null', `predecessor: ${predecessor}`),
    });
  const exists = async (id: string) => (await t.gql(`query($id: ID!) { agreement(id: $id) { id } }`, { id })).data!.agreement !== null;

  it('links the follow-up both ways and puts its creation on the predecessor’s timeline', async () => {
    expect((await followUp('vorlage', 'vorlage-2027')).data!.createFollowUpDraft).toEqual({ agreementId: 'vorlage-2027', number: 1 });
    const res = await t.gql(`{
      vorlage: agreement(id: "vorlage") { successorId status { successorId successorState } events { items { kind version actor detail } } }
      folge: agreement(id: "vorlage-2027") { predecessorId status { predecessorId } events { items { kind version actor detail } } }
    }`);
    expect(res.errors).toBeUndefined();
    const { vorlage, folge } = res.data!;
    expect(vorlage).toMatchObject({ successorId: 'vorlage-2027', status: { successorId: 'vorlage-2027', successorState: 'DRAFT' } });
    expect(folge).toMatchObject({ predecessorId: 'vorlage', status: { predecessorId: 'vorlage' } });
    expect(vorlage.events.items).toContainEqual({
      kind: 'FOLLOW_UP_CREATED',
      version: 1,
      actor: 'Erika Editor (senate-editor senin)',
      detail: 'Folgezielvereinbarung vorlage-2027 angelegt, übernommen aus Fassung 1',
    });
    expect(folge.events.items[0]).toEqual({
      kind: 'CREATED',
      version: 1,
      actor: 'Erika Editor (senate-editor senin)',
      detail: 'Fassung 1 angelegt als Folgezielvereinbarung zu vorlage (Fassung 1)',
    });
  });

  it('refuses a second follow-up of the same agreement, naming the existing one, and stores nothing', async () => {
    const second = await followUp('vorlage', 'vorlage-neu');
    expect(second.data).toBeNull();
    expect(second.errors![0]).toMatchObject({
      message:
        "'vorlage' already has the follow-up 'vorlage-2027'; an agreement is followed up once: continue drafting 'vorlage-2027', or follow up 'vorlage-2027' itself",
      extensions: { code: 'INVALID_STATE', predecessorId: 'vorlage', followUpId: 'vorlage-2027' },
    });
    expect(await exists('vorlage-neu')).toBe(false);
    expect(await t.sql(`SELECT successor_id FROM follow_ups WHERE predecessor_id = 'vorlage'`)).toEqual([{ successor_id: 'vorlage-2027' }]);
  });

  it('refuses a new agreement or a draft whose document names an agreement already followed up', async () => {
    const created = await createNaming('vorlage-handgeschrieben', 'vorlage');
    expect(created.errors![0].extensions).toMatchObject({ code: 'INVALID_STATE', followUpId: 'vorlage-2027' });
    expect(await exists('vorlage-handgeschrieben')).toBe(false);

    expect(
      (await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml('anderes') })).errors,
    ).toBeUndefined();
    const draft = await t.gql(`mutation($y: String!) { saveDraft(agreementId: "anderes", baseVersion: 1, yaml: $y) { number } }`, {
      y: sampleAgreementYaml('anderes').replace('predecessor: null', 'predecessor: vorlage'),
    });
    expect(draft.errors![0].extensions!.code).toBe('INVALID_STATE');
    const still = await t.gql(
      `{ vorlage: agreement(id: "vorlage") { successorId } anderes: agreement(id: "anderes") { predecessorId latestVersion { number } } }`,
    );
    expect(still.data).toEqual({ vorlage: { successorId: 'vorlage-2027' }, anderes: { predecessorId: null, latestVersion: { number: 1 } } });
  });

  it('lets the follow-up itself be followed up, and keeps editing a follow-up possible', async () => {
    expect((await followUp('vorlage-2027', 'vorlage-2029')).errors).toBeUndefined();
    const v1 = (await t.gql(`{ agreement(id: "vorlage-2027") { latestVersion { yaml } } }`)).data!.agreement.latestVersion.yaml as string;
    const saved = await t.gql(`mutation($y: String!) { saveDraft(agreementId: "vorlage-2027", baseVersion: 1, yaml: $y) { number } }`, {
      y: v1.replace('title: Folgevereinbarung Bürgerämter', 'title: Folgevereinbarung Bürgerämter 2027'),
    });
    expect(saved.errors).toBeUndefined();
    const chain = await t.gql(`{ agreement(id: "vorlage-2027") { predecessorId successorId } }`);
    expect(chain.data!.agreement).toEqual({ predecessorId: 'vorlage', successorId: 'vorlage-2029' });
  });

  it('of two follow-ups started at the same moment, exactly one is stored', async () => {
    const results = await Promise.all([
      followUp('parallel', 'parallel-a'),
      createNaming('parallel-b', 'parallel'),
      followUp('parallel', 'parallel-c'),
    ]);
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions!.code)).toEqual(['INVALID_STATE', 'INVALID_STATE']);
    const named = await t.sql(
      `SELECT agreement_id FROM agreement_versions WHERE content->>'predecessor' = 'parallel' GROUP BY agreement_id ORDER BY agreement_id`,
    );
    expect(named).toHaveLength(1);
    const successorId = (await t.gql(`{ agreement(id: "parallel") { successorId } }`)).data!.agreement.successorId;
    expect(successorId).toBe(named[0].agreement_id);
  });
});
