import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';
import { loadAgreementsFolder } from '../src/bootstrap.js';
import { Logger } from '../src/common/logger.js';
import { projectRoot } from '../src/common/project-root.js';
import { runCli } from './support/cli.js';
import { startTestApp, type TestApp, type Untyped } from './support/test-app.js';

const root = projectRoot();
const FIXTURE = join(root, 'test/fixtures/documents/format2-complete.yaml');
const complete = readFileSync(FIXTURE, 'utf8');
const historyText = readFileSync(join(root, 'agreements/history/soziale-wohnhilfen.1.yaml'), 'utf8');

const SENIAS_2022 = 'Senatsverwaltung für Integration, Arbeit und Soziales';
const SENASGIVA = 'Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung';

/** Replaces one exact, unique snippet, so each test states the change it makes. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`snippet not found once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const VERSIONS = `query($id: ID!) { agreement(id: $id) { title versions(limit: 10) { items { number formatVersion contentHash yaml } } } }`;
const DIFF = `query($id: ID!, $from: Int!, $to: Int!) { versionDiff(agreementId: $id, from: $from, to: $to) { changes { path label kind before after } } }`;
const STATUS = `query($id: ID!, $asOf: Date, $party: ID) {
  agreementStatus(id: $id, asOf: $asOf, party: $party) {
    state versionInForce latestVersion
    parties { party partyName partyNameCertain nameInDocument rolesKnown complete kind }
    missingFacts { path label reason note }
  }
}`;

/**
 * Format 2 as its users meet it: an editor drafts in YAML, validates with the command line, creates and edits over
 * GraphQL, compares versions; readers ask for the status on a date and see what is not known; operators migrate
 * format-1 agreements and upgrade a register loaded with the old agreements folder.
 */
describe('format 2 end to end, on a register loaded with agreements/ as npm start loads it', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let dir: string;
  let editor: string;

  beforeAll(async () => {
    t = await startTestApp(); // LOAD_AGREEMENTS and AGREEMENTS_DIR as a deployment has them: agreements/ is loaded
    expect(t.config.loadAgreementsOnStart).toBe(true);
    expect(t.config.agreementsDir).toBe(join(root, 'agreements'));
    t.defaultToken = await t.token({ name: 'Lea Leser', roles: ['reader'] });
    editor = await t.token({ name: 'Erika Muster', roles: ['senate-editor'], departments: ['senias'] });
    env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
    dir = mkdtempSync(join(tmpdir(), 'zv-format2-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ok = async (query: string, variables?: Record<string, unknown>, as?: string) => {
    const res = await t.gql(query, variables, as === undefined ? {} : { as });
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, Untyped>;
  };
  const versionsOf = async (id: string) => (await ok(VERSIONS, { id })).agreement;
  const diff = async (id: string, from: number, to: number) => (await ok(DIFF, { id, from, to })).versionDiff.changes as Untyped[];
  const status = async (id: string, asOf: string | null, party: string | null = null) => (await ok(STATUS, { id, asOf, party })).agreementStatus;
  const create = async (yaml: string) =>
    (await ok(`mutation($yaml: String!) { createAgreement(yaml: $yaml) { number formatVersion } }`, { yaml }, editor)).createAgreement;
  const saveDraft = async (id: string, base: number, yaml: string) =>
    (
      await ok(
        `mutation($id: ID!, $base: Int!, $yaml: String!) { saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml) { number formatVersion } }`,
        { id, base, yaml },
        editor,
      )
    ).saveDraft;
  const freeze = (id: string, version: number, frozenOn: string) =>
    t.gql(
      `mutation($id: ID!, $v: Int!, $on: Date!) { freezeVersion(agreementId: $id, version: $v, frozenOn: $on) { number frozenOn } }`,
      { id, v: version, on: frozenOn },
      { as: editor },
    );

  describe('the complete example (invented)', () => {
    it('validates with the command line', async () => {
      const res = await runCli(['validate', FIXTURE], env);
      expect(res.stdout).toBe('');
      expect(res.stderr).toBe('1 file(s) valid\n');
      expect(res.code).toBe(0);
    });

    it('is created over GraphQL, exported byte for byte, changed per district and compared with German labels', async () => {
      expect(await create(complete)).toEqual({ number: 1, formatVersion: 2 });

      const exported = await runCli(['export', 'beispiel-format2'], env);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toBe(complete);
      const file = join(dir, 'beispiel-format2.yaml');
      expect((await runCli(['export', 'beispiel-format2', '--out', file], env)).code).toBe(0);
      expect(readFileSync(file).equals(readFileSync(FIXTURE))).toBe(true);

      // Neukölln's target of open cases, 130 → 125.
      const changed = edit(readFileSync(file, 'utf8'), '                neukoelln: 130\n', '                neukoelln: 125\n');
      expect(await saveDraft('beispiel-format2', 1, changed)).toEqual({ number: 2, formatVersion: 2 });

      expect(await diff('beispiel-format2', 1, 2)).toEqual([
        {
          path: '/steeringFields/0/qualityStandards/0/indicators/1/targetValue/perDistrict/neukoelln',
          label: 'Klientenperspektive › Erreichbarkeit › Offene Fälle am Quartalsende › Zielwert › Je Bezirk › Bezirksamt Neukölln',
          kind: 'CHANGED',
          before: 130,
          after: 125,
        },
      ]);
      const exportedV2 = await runCli(['export', 'beispiel-format2', '--version', '2'], env);
      expect(exportedV2.stdout).toBe(changed);
    });

    it('answers its status with what it marks missing, and names the parties as on the date asked', async () => {
      // Frozen for signature in May 2022 (in the invented story): from then on the text is on record.
      const frozen = await freeze('beispiel-format2', 2, '2022-05-01');
      expect(frozen.errors).toBeUndefined();

      const expectedMissing = [
        {
          path: '/steeringFields/0/qualityStandards/0/indicators/1/definition',
          label: 'Klientenperspektive › Erreichbarkeit › Offene Fälle am Quartalsende › Definition',
          reason: 'UNKNOWN',
          note: 'Die Definition wird noch abgestimmt (erfunden).',
        },
        {
          path: '/steeringFields/0/qualityStandards/0/indicators/1/targetValue/perDistrict/pankow',
          label: 'Klientenperspektive › Erreichbarkeit › Offene Fälle am Quartalsende › Zielwert › Je Bezirk › Bezirksamt Pankow',
          reason: 'TO_BE_AGREED',
          note: 'Pankow legt seinen Zielwert 2023 fest (erfunden).',
        },
        {
          path: '/steeringFields/0/qualityStandards/1/indicators/0/baseline',
          label: 'Klientenperspektive › Beratung › Beratungen je Jahr, berlinweit › Ausgangswert',
          reason: 'UNKNOWN',
          note: null,
        },
        {
          path: '/measurePackages/0/statusHistory/2/asOf',
          label: 'Daten › Statusverlauf › 3 › Stand',
          reason: 'UNKNOWN',
          note: 'Abgeschlossen, das Datum ist nicht bekannt (erfunden).',
        },
        { path: '/measurePackages/1/due', label: 'Personalgewinnung › Fällig', reason: 'TO_BE_AGREED', note: null },
        {
          path: '/sources/0/url',
          label: 'Entwurf der Beispielvereinbarung (erfunden) › Link',
          reason: 'NOT_APPLICABLE',
          note: 'Ein internes Papier, erfunden.',
        },
      ];

      const named = async (asOf: string) => {
        const s = await status('beispiel-format2', asOf, 'senias');
        expect(s).toMatchObject({ state: 'FROZEN', versionInForce: null, latestVersion: 2 });
        expect(s.missingFacts).toEqual(expectedMissing);
        expect(s.parties).toHaveLength(1);
        return s.parties[0];
      };
      const base = { party: 'senias', kind: 'SENATE_DEPARTMENT', rolesKnown: true, complete: false, nameInDocument: SENIAS_2022 };
      expect(await named('2022-06-01')).toEqual({ ...base, partyName: SENIAS_2022, partyNameCertain: true });
      // The rename is dated only by its year: in June 2023 it may or may not have happened.
      expect(await named('2023-06-01')).toEqual({ ...base, partyName: SENIAS_2022, partyNameCertain: false });
      expect(await named('2024-06-01')).toEqual({ ...base, partyName: SENASGIVA, partyNameCertain: true });

      // Before the freeze nothing of it was on record.
      expect((await status('beispiel-format2', '2022-04-30')).state).toBe('NOT_YET_RECORDED');
    });

    it('cannot be frozen while the signatory roles of a party are { missing: unknown }', async () => {
      const doc = parseDocument(complete);
      doc.set('id', 'beispiel-rollen-offen');
      doc.setIn(['parties', 'senateDepartments', 1, 'signatoryRoles'], doc.createNode({ missing: 'unknown' }));
      expect(await create(doc.toString())).toEqual({ number: 1, formatVersion: 2 });

      const refused = await freeze('beispiel-rollen-offen', 1, '2024-01-15');
      expect(refused.data).toBeNull();
      expect(refused.errors![0].extensions!.code).toBe('INVALID_STATE');
      expect(refused.errors![0].extensions!.violations).toEqual([
        expect.objectContaining({
          rule: 'SIGNATORY_ROLES_UNKNOWN',
          message: 'Version 1 cannot be frozen: the signatory roles of Senatsverwaltung für Finanzen (senfin) are not known',
        }),
      ]);
      const s = await status('beispiel-rollen-offen', null);
      expect(s.state).toBe('DRAFT');
      expect(s.parties.find((p: Untyped) => p.party === 'senfin')).toMatchObject({ rolesKnown: false, complete: false });
      expect(s.missingFacts).toContainEqual(
        expect.objectContaining({
          path: '/parties/senateDepartments/1/signatoryRoles',
          label: 'Parteien › Senatsverwaltung für Finanzen › Unterzeichnungsrollen',
        }),
      );
    });
  });

  describe('migrate', () => {
    it('<file>: writes a format-2 file that validates, and stores nothing', async () => {
      const out = join(dir, 'migriert.yaml');
      const before = (await t.sql('SELECT count(*)::int AS n FROM agreement_versions'))[0].n;
      const res = await runCli(['migrate', 'agreements/history/soziale-wohnhilfen.1.yaml', '--out', out], env);
      expect(res.code).toBe(0);
      expect(res.stderr).toBe(`wrote ${out}: format 2; review what is marked { missing: unknown }\n`);
      const text = readFileSync(out, 'utf8');
      expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/agreement-v2\.schema\.json\n/);
      expect(parse(text)).toMatchObject({ formatVersion: 2, id: 'soziale-wohnhilfen' });
      const valid = await runCli(['validate', out], env);
      expect(valid.stdout).toBe('');
      expect(valid.code).toBe(0);
      // Without --out, the same text on standard output.
      const printed = await runCli(['migrate', 'agreements/history/soziale-wohnhilfen.1.yaml'], env);
      expect(printed.stdout).toBe(text);
      expect((await t.sql('SELECT count(*)::int AS n FROM agreement_versions'))[0].n).toBe(before);
    });

    it('<file>: refuses a party id that Berlin’s party list lacks, writing nothing', async () => {
      const file = join(dir, 'unbekannte-partei.yaml');
      writeFileSync(file, historyText.replace('  - id: senfin\n', '  - id: senfinanzen\n'));
      const out = join(dir, 'unbekannte-partei.v2.yaml');
      const res = await runCli(['migrate', file, '--out', out], env);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe(`${file} /parties/1/id party 'senfinanzen' is not in Berlin's party list; format 2 refers to parties by those ids\n`);
      expect(res.stderr).toBe(`${file} cannot be written in format 2 as it is; nothing was written\n`);
      expect(() => readFileSync(out)).toThrow();
    });

    it('<id>: adds a version in format 2 (audited); the format-1 version stays byte-exact and verifies', async () => {
      const id = 'wohnhilfen-format1';
      const file = join(dir, `${id}.yaml`);
      const format1 = edit(historyText, 'id: soziale-wohnhilfen\n', `id: ${id}\n`);
      writeFileSync(file, format1);
      expect((await runCli(['import', file], env)).stdout).toBe(`${file}: ${id} created (version 1)\n`);

      const res = await runCli(['migrate', id], env);
      expect(res.stdout).toBe(`${id}: added version 2 in format 2 (from version 1)\n`);
      expect(res.code).toBe(0);

      const { versions } = await versionsOf(id);
      expect(versions.items.map((v: Untyped) => [v.number, v.formatVersion])).toEqual([
        [1, 1],
        [2, 2],
      ]);
      expect(versions.items[0].yaml).toBe(format1);
      expect(versions.items[1].yaml).toContain(`# In Formatversion 2 überführt aus ${id}, Fassung 1.`);

      const audit = await runCli(['audit', '--agreement', id], env);
      expect(audit.code).toBe(0);
      const entries = audit.stdout.trim().split('\n');
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatch(new RegExp(`^\\S+\\s+ok\\s+migrate\\s+${id}@2\\s`));
      expect(entries[1]).toMatch(new RegExp(`^\\S+\\s+ok\\s+import\\s+${id}@1\\s`));

      const v1 = await runCli(['export', id, '--version', '1'], env);
      expect(v1.stdout).toBe(format1);
      const verify = await runCli(['verify'], env);
      expect(verify.stdout).toMatch(/^chain intact: /);
      expect(verify.code).toBe(0);

      // The comparison shows what the migration added, not every key that format 2 writes otherwise.
      const changes = await diff(id, 1, 2);
      expect(changes.length).toBe(5 * 3 + 3 * 2 + 5);
      expect(changes.filter((c: Untyped) => c.kind !== 'ADDED')).toEqual([]);
      expect(changes.map((c: Untyped) => c.label)).toEqual(
        expect.arrayContaining([
          'Leistungsversprechen',
          'Zeitplan',
          'Ressourcen',
          'Zielerreichungskontrolle',
          'Quellen',
          'Klientinnen- bzw. Klientenperspektive › Einheitlicher Zugang zu den Sozialen Wohnhilfen › Indikator 1 › Art',
          'Daten › Verantwortlich',
        ]),
      );
      expect(changes.map((c: Untyped) => c.path)).not.toEqual(expect.arrayContaining(['/title', '/parties', '/steeringFields/0/title']));

      // A second run finds nothing to do.
      const again = await runCli(['migrate', id], env);
      expect(again.stderr).toBe(`${id}, Fassung 2 is in format 2 already; nothing to do\n`);
      expect(again.code).toBe(0);
      expect((await versionsOf(id)).versions.items).toHaveLength(2);
    });
  });

  describe('the shipped agreements', () => {
    it('soziale-wohnhilfen: version 1 the format-1 text signed in 2022, 2 its extension, 3 the same in format 2', async () => {
      const { versions } = await versionsOf('soziale-wohnhilfen');
      expect(versions.items.map((v: Untyped) => [v.number, v.formatVersion])).toEqual([
        [1, 1],
        [2, 1],
        [3, 2],
      ]);
      expect(versions.items[0].yaml).toBe(historyText);
      expect(parse(versions.items[1].yaml)).toEqual({ ...parse(historyText), validity: { from: null, until: '2025-12-31' } });
      expect(versions.items[2].yaml).toBe(readFileSync(join(root, 'agreements/soziale-wohnhilfen.yaml'), 'utf8'));

      const neukoelln = await status('soziale-wohnhilfen', '2024-06-01', 'neukoelln');
      // Version 3 was stored today: on that date the latest was the extension.
      expect(neukoelln).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, latestVersion: 2 });
      expect((await status('soziale-wohnhilfen', null, 'neukoelln')).latestVersion).toBe(3);
      // Its lead, named as on the day asked: SenIAS when Neukölln signed, SenASGIVA since 2023.
      const lead = async (asOf: string) => (await status('soziale-wohnhilfen', asOf, 'senias')).parties[0];
      expect(await lead('2022-06-01')).toMatchObject({ partyName: SENIAS_2022, partyNameCertain: true });
      expect(await lead('2023-06-01')).toMatchObject({ partyName: SENIAS_2022, partyNameCertain: false });
      expect(await lead('2024-06-01')).toMatchObject({ partyName: SENASGIVA, partyNameCertain: true });
      // The version in force is in format 1: it says nothing is missing, for its null cannot tell.
      expect(neukoelln.missingFacts).toEqual([]);

      const follow = await versionsOf('soziale-wohnhilfen-2026');
      expect(follow.versions.items.map((v: Untyped) => [v.number, v.formatVersion])).toEqual([
        [1, 1],
        [2, 2],
      ]);
      expect(follow.versions.items[0].yaml).toBe(readFileSync(join(root, 'agreements/history/soziale-wohnhilfen-2026.1.yaml'), 'utf8'));
    });

    it('loading the folder a second time adds nothing', async () => {
      const counts = async () =>
        t.sql(
          `SELECT (SELECT count(*) FROM agreement_versions)::int AS versions, (SELECT count(*) FROM version_freezes)::int AS freezes,
                  (SELECT count(*) FROM signatures)::int AS signatures, (SELECT count(*) FROM amendments)::int AS amendments, (SELECT count(*) FROM follow_ups)::int AS follow_ups,
                  (SELECT count(*) FROM audit_log)::int AS audit`,
        );
      const before = await counts();
      await loadAgreementsFolder(t.app, t.config, new Logger('error'));
      expect(await counts()).toEqual(before);

      const dry = await runCli(['import', 'agreements', '--dry-run'], env);
      expect(dry.code).toBe(0);
      const lines = dry.stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.filter((l) => !/ (unchanged \(version \d+\)|already recorded: .*)$/.test(l))).toEqual([]);
      expect(lines).toContain('agreements/buergeraemter.yaml: buergeraemter unchanged (version 1)');
      expect(lines).toContain(
        'agreements/soziale-wohnhilfen.lifecycle.yaml: soziale-wohnhilfen already recorded: Fassung 3 aus soziale-wohnhilfen.yaml',
      );
    });

    it('a text under history/ imported on its own is a document like any other, not dropped without a word', async () => {
      const alone = await runCli(['import', 'agreements/history/soziale-wohnhilfen.1.yaml', '--dry-run'], env);
      expect(alone.stdout).toBe('agreements/history/soziale-wohnhilfen.1.yaml: soziale-wohnhilfen unchanged (version 1)\n');
      expect(alone.code).toBe(0);
      // A folder that happens to be called history.
      const folder = join(dir, 'history');
      mkdirSync(folder);
      writeFileSync(join(folder, 'neu.yaml'), edit(complete, 'id: beispiel-format2\n', 'id: aus-history-ordner\n'));
      const res = await runCli(['import', folder], env);
      expect(res.stdout).toBe(`${join(folder, 'neu.yaml')}: aus-history-ordner created (version 1)\n`);
      expect((await versionsOf('aus-history-ordner')).versions.items).toHaveLength(1);
    });

    it('buergeraemter: its unknowns in missingFacts, its title null', async () => {
      const { agreement } = await ok(`{ agreement(id: "buergeraemter") { title leadDepartment policyArea } }`);
      expect(agreement).toEqual({ title: null, leadDepartment: null, policyArea: 'Bürgerdienste (Bürgerämter)' });

      const s = await status('buergeraemter', null);
      expect(s.state).toBe('DRAFT');
      expect(s.missingFacts.slice(0, 3)).toEqual([
        {
          path: '/title',
          label: 'Titel',
          reason: 'UNKNOWN',
          note: 'Der unterzeichnete Text ist nicht veröffentlicht; sein Titel ist nicht bekannt.',
        },
        { path: '/legalBasis', label: 'Rechtsgrundlage', reason: 'UNKNOWN', note: 'Der unterzeichnete Text ist nicht veröffentlicht.' },
        { path: '/leadDepartment', label: 'Federführung', reason: 'UNKNOWN', note: 'Die federführende Senatsverwaltung nennen die Quellen nicht.' },
      ]);
      expect(s.missingFacts.map((m: Untyped) => m.label)).toEqual(
        expect.arrayContaining([
          'Geltungsdauer › Beginn',
          'Geltungsdauer › Ende',
          'Parteien › Bezirke › Unterzeichnungsrollen',
          'Zeitplan',
          'Maßnahmenpakete',
        ]),
      );
      // All twelve districts, their signatories not known.
      expect(s.parties).toHaveLength(12);
      expect(s.parties.every((p: Untyped) => p.kind === 'DISTRICT' && !p.rolesKnown && !p.complete)).toBe(true);
      expect(s.parties.find((p: Untyped) => p.party === 'neukoelln')).toMatchObject({ partyName: 'Bezirksamt Neukölln', partyNameCertain: true });
    });
  });
});

/**
 * A register that loaded the agreements folder as it was before format 2 (format-1 files, lifecycle files without
 * text events) and then loads the current folder ends where a fresh register starts.
 */
describe('upgrading a register loaded with the format-1 folder', () => {
  let oldDir: string;
  const apps: TestApp[] = [];

  /** The folder as shipped before format 2: the format-1 texts as <id>.yaml, the histories without text events. */
  function buildOldFolder(): string {
    const folder = mkdtempSync(join(tmpdir(), 'zv-agreements-format1-'));
    const history = join(root, 'agreements/history');
    for (const name of readdirSync(history)) {
      const match = /^(.+)\.1\.yaml$/.exec(name);
      if (match) writeFileSync(join(folder, `${match[1]}.yaml`), readFileSync(join(history, name)));
    }
    for (const name of readdirSync(join(root, 'agreements')).filter((n) => n.endsWith('.lifecycle.yaml'))) {
      const doc = parseDocument(readFileSync(join(root, 'agreements', name), 'utf8'));
      const events = (doc.toJS() as { events: Record<string, unknown>[] }).events;
      expect(events.some((e) => 'text' in e)).toBe(true);
      doc.set('events', doc.createNode(events.filter((e) => !('text' in e))));
      writeFileSync(join(folder, name), stringify(doc.toJS()));
    }
    return folder;
  }

  beforeAll(() => {
    oldDir = buildOldFolder();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(oldDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp(env);
    apps.push(app);
    app.defaultToken = await app.token({ name: 'Lea Leser', roles: ['reader'] });
    return app;
  };
  const versions = (app: TestApp) =>
    app.sql<{ agreement_id: string; number: number; content_hash: string }>(
      'SELECT agreement_id, number, content_hash FROM agreement_versions ORDER BY agreement_id, number',
    );

  it('the old folder holds the format-1 texts and histories without text events', () => {
    expect(readdirSync(oldDir).sort()).toEqual([
      'soziale-wohnhilfen-2026.lifecycle.yaml',
      'soziale-wohnhilfen-2026.yaml',
      'soziale-wohnhilfen.lifecycle.yaml',
      'soziale-wohnhilfen.yaml',
    ]);
    expect(readFileSync(join(oldDir, 'soziale-wohnhilfen.yaml'), 'utf8')).toBe(historyText);
    const events = parse(readFileSync(join(oldDir, 'soziale-wohnhilfen.lifecycle.yaml'), 'utf8')).events as object[];
    expect(events.map((e) => Object.keys(e)[0])).toEqual(['freeze', 'signature', 'signature', 'validityExtension']);
  });

  it('ends with the same versions, numbers and content hashes, as a fresh register', async () => {
    const fresh = await start();
    const upgraded = await start({ AGREEMENTS_DIR: oldDir });
    const before = await versions(upgraded);
    expect(before.map((v) => `${v.agreement_id}@${v.number}`)).toEqual(['soziale-wohnhilfen@1', 'soziale-wohnhilfen@2', 'soziale-wohnhilfen-2026@1']);

    await loadAgreementsFolder(upgraded.app, { ...upgraded.config, agreementsDir: 'agreements' }, new Logger('error'));
    const after = await versions(upgraded);
    expect(after).toEqual(await versions(fresh));
    expect(after.map((v) => `${v.agreement_id}@${v.number}`)).toEqual([
      'buergeraemter@1',
      'soziale-wohnhilfen@1',
      'soziale-wohnhilfen@2',
      'soziale-wohnhilfen@3',
      'soziale-wohnhilfen-2026@1',
      'soziale-wohnhilfen-2026@2',
    ]);
    // What was stored before the upgrade is untouched.
    expect(after.filter((v) => before.some((b) => b.agreement_id === v.agreement_id && b.number === v.number))).toEqual(before);

    const q = `{ agreementStatus(id: "soziale-wohnhilfen", asOf: "2024-06-01", party: "neukoelln") { state versionInForce latestVersion } }`;
    expect((await upgraded.gql(q)).data).toEqual((await fresh.gql(q)).data);
  });

  it('a follow-up draft edited in the old register before the upgrade stays, and the rest of the folder loads', async () => {
    const upgraded = await start({ AGREEMENTS_DIR: oldDir });
    const editor = await upgraded.token({ name: 'Erika Muster', roles: ['senate-editor'], departments: ['senias'] });
    const draft = await upgraded.gql(`{ agreement(id: "soziale-wohnhilfen-2026") { latestVersion { yaml } } }`);
    const edited = `${draft.data!.agreement.latestVersion.yaml as string}# Entwurf bearbeitet vor dem Update\n`.replace(
      /^title: (.*)$/m,
      'title: $1 (Entwurf)',
    );
    const saved = await upgraded.gql(
      `mutation($yaml: String!) { saveDraft(agreementId: "soziale-wohnhilfen-2026", baseVersion: 1, yaml: $yaml) { number } }`,
      { yaml: edited },
      { as: editor },
    );
    expect(saved.errors).toBeUndefined();
    const editedHash = (await versions(upgraded)).find((v) => v.agreement_id === 'soziale-wohnhilfen-2026' && v.number === 2)!.content_hash;

    const warnings: string[] = [];
    await loadAgreementsFolder(
      upgraded.app,
      { ...upgraded.config, agreementsDir: 'agreements' },
      new Logger('warn', undefined, (line) => void warnings.push(line)),
    );
    const after = await versions(upgraded);
    // The version saved meanwhile is never undone; the other agreements load.
    expect(after.find((v) => v.agreement_id === 'soziale-wohnhilfen-2026' && v.number === 2)!.content_hash).toBe(editedHash);
    expect(after.filter((v) => v.agreement_id === 'soziale-wohnhilfen-2026')).toHaveLength(2);
    expect(after.map((v) => `${v.agreement_id}@${v.number}`)).toEqual(expect.arrayContaining(['buergeraemter@1', 'soziale-wohnhilfen@3']));
    // The operator is told which text was not loaded, and why.
    const notLoaded = warnings.map((line) => JSON.parse(line) as Record<string, unknown>).filter((w) => String(w.msg).includes('not loaded'));
    expect(notLoaded).toEqual([
      expect.objectContaining({
        agreementId: 'soziale-wohnhilfen-2026',
        outcome: 'conflict',
        file: 'agreements/soziale-wohnhilfen-2026.lifecycle.yaml',
      }),
    ]);
    expect(JSON.stringify(notLoaded[0])).toContain('version 2 is stored with other content than soziale-wohnhilfen-2026.yaml');
  });
});
