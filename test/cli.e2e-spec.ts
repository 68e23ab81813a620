import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from './support/cli.js';
import { realAgreementYaml, sampleAgreementYaml } from './support/documents.js';
import { createTestDatabase } from './support/test-app.js';
import { projectRoot } from '../src/common/project-root.js';

describe('CLI on real files and a real database', () => {
  let dir: string;
  let env: Record<string, string>;
  let db: pg.Client;
  const count = async () => (await db.query('SELECT count(*)::int AS n FROM agreement_versions')).rows[0].n as number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zv-cli-'));
    const url = await createTestDatabase();
    env = { DATABASE_URL: url, LOG_LEVEL: 'error' };
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
  });

  const write = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('validate: exit 0 for valid files, 1 with file:line:column path message for invalid ones', async () => {
    const good = write('gut.yaml', sampleAgreementYaml('gut'));
    const ok = await runCli(['validate', good], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');

    const bad = write('schlecht.yaml', sampleAgreementYaml('schlecht').replace('focus: true', 'focus: ja\n    fokus: true'));
    const res = await runCli(['validate', good, bad], env);
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toContain(`${bad}:31:12 /steeringFields/0/focus must be boolean (true or false)`);
    expect(lines.some((l) => l.startsWith(`${bad}:32:5 /steeringFields/0/fokus unknown key 'fokus'`))).toBe(true);

    const json = await runCli(['validate', '--format', 'json', good, bad], env);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.valid).toBe(false);
    expect(report.files.map((f: { valid: boolean }) => f.valid)).toEqual([true, false]);
    expect(report.files[1].problems[0]).toMatchObject({ file: bad, line: 31, column: 12, path: '/steeringFields/0/focus' });
  });

  it('validate: the shipped agreements folder is valid', async () => {
    const res = await runCli(['validate', 'agreements'], env);
    expect(res.stderr).toMatch(/valid/);
    expect(res.code).toBe(0);
  });

  it('validate: bytes that are not UTF-8 are refused, located', async () => {
    // Saved as Latin-1: the first 'ü' is in the title on line 5.
    const latin1 = write('latin1.yaml', Buffer.from(sampleAgreementYaml('latin'), 'latin1'));
    const res = await runCli(['validate', latin1], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`^${latin1}:5:26 / .*UTF-8`, 'm'));
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['frobnicate'], env)).code).toBe(2);
    expect((await runCli(['validate'], env)).code).toBe(2);
    expect((await runCli(['export', 'x', '--version', 'zwei'], env)).code).toBe(2);
  });

  it('a file or folder that does not exist is a usage error, named plainly (exit 2)', async () => {
    const missing = join(dir, 'gibt-es-nicht.yaml');
    const res = await runCli(['validate', missing], env);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.split('\n')[0]).toBe(`cannot read '${missing}': no such file or folder`);
    const folder = await runCli(['import', join(dir, 'kein-ordner')], env);
    expect(folder.code).toBe(2);
    expect(folder.stderr.split('\n')[0]).toBe(`cannot read '${join(dir, 'kein-ordner')}': no such file or folder`);
  });

  it('import: dry run shows the plan and stores nothing; import stores all or nothing', async () => {
    const folder = join(dir, 'import');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.yaml'), sampleAgreementYaml('import-a'));
    writeFileSync(join(folder, 'b.yaml'), realAgreementYaml());

    const dry = await runCli(['import', folder, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('import-a would create (version 1)');
    expect(dry.stdout).toContain('soziale-wohnhilfen would create (version 1)');
    expect(await count()).toBe(0);

    const real = await runCli(['import', folder], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('import-a created (version 1)');
    expect(await count()).toBe(2);

    const again = await runCli(['import', folder], env);
    expect(again.stdout).toContain('import-a unchanged (version 1)');
    expect(await count()).toBe(2);

    // One changed file and one broken file: nothing is stored.
    writeFileSync(join(folder, 'a.yaml'), sampleAgreementYaml('import-a').replace('targetValue: 90', 'targetValue: 92'));
    writeFileSync(join(folder, 'c.yaml'), 'formatVersion: 1\nid: kaputt\n');
    const broken = await runCli(['import', folder], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/c\.yaml:1:1 \/ missing required key 'title'/);
    expect(await count()).toBe(2);

    writeFileSync(join(folder, 'c.yaml'), sampleAgreementYaml('import-c'));
    const plan = await runCli(['import', folder, '--dry-run'], env);
    expect(plan.stdout).toContain('import-a would add version 2 (1 change(s) from version 1)');
    expect(plan.stdout).toContain('changed Kundenperspektive › Termine binnen 14 Tagen › Anteil Termine binnen 14 Tagen › Zielwert: 90 → 92');
    expect(plan.stdout).toContain('import-c would create (version 1)');
    expect(await count()).toBe(2);

    expect((await runCli(['import', folder], env)).code).toBe(0);
    expect(await count()).toBe(4);
  });

  it('import replays lifecycle files once, and refuses a history the rules forbid, located, storing nothing', async () => {
    const folder = join(dir, 'history');
    mkdirSync(folder);
    mkdirSync(join(folder, 'history'));
    for (const name of [
      'soziale-wohnhilfen.yaml',
      'soziale-wohnhilfen.lifecycle.yaml',
      'history/soziale-wohnhilfen.1.yaml',
      'soziale-wohnhilfen-2026.yaml',
      'soziale-wohnhilfen-2026.lifecycle.yaml',
      'history/soziale-wohnhilfen-2026.1.yaml',
    ]) {
      writeFileSync(join(folder, name), readFileSync(join(projectRoot(), 'agreements', name)));
    }
    const first = await runCli(['import', folder], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('soziale-wohnhilfen applied: Fassung 1 eingefroren am 12.01.2022');
    expect(first.stdout).toContain('soziale-wohnhilfen applied: Verlängerung von Fassung 1 bis 31.12.2025 (Schreiben SenASGIVA vom 21.11.2023)');
    const versions = await count();

    const again = await runCli(['import', folder], env);
    expect(again.stdout).not.toContain('applied');
    expect(again.stdout).toContain('already recorded: Unterschrift neukoelln/soziales auf Fassung 1 am 12.01.2022');
    expect(await count()).toBe(versions);

    const history = join(folder, 'soziale-wohnhilfen.lifecycle.yaml');
    writeFileSync(
      history,
      readFileSync(history, 'utf8') +
        '  - signature:\n      version: 2\n      party: mitte\n      role: kultur\n      personName: Mara Mitte\n      office: null\n      signedOn: 2024-01-10\n      level: handwrittenScan\n      evidence: null\n',
    );
    const refused = await runCli(['import', folder], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/soziale-wohnhilfen\.lifecycle\.yaml:\d+:5 \/events\/6\/signature BAD_INPUT: .*kultur/);
    expect(await count()).toBe(versions);
    const signatures = await db.query(`SELECT count(*)::int AS n FROM signatures WHERE party = 'mitte'`);
    expect(signatures.rows[0].n).toBe(0);
  });

  it('export gives back the stored YAML byte for byte', async () => {
    const original = sampleAgreementYaml('export-test') + '# Kommentar am Ende, mit Umlauten: äöüß\n\n';
    write('export-in.yaml', original);
    expect((await runCli(['import', join(dir, 'export-in.yaml')], env)).code).toBe(0);
    const out = join(dir, 'export-out.yaml');
    const res = await runCli(['export', 'export-test', '--out', out], env);
    expect(res.code).toBe(0);
    expect(readFileSync(out)).toEqual(Buffer.from(original, 'utf8'));
    const stdout = await runCli(['export', 'export-test', '--version', '1'], env);
    expect(stdout.stdout).toBe(original);
    const missing = await runCli(['export', 'export-test', '--version', '7'], env);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });

  it('the database refuses UPDATE and DELETE on stored versions', async () => {
    await expect(db.query(`UPDATE agreement_versions SET author = 'jemand' WHERE agreement_id = 'import-a'`)).rejects.toThrow(
      /UPDATE on agreement_versions is not allowed/,
    );
    await expect(db.query(`DELETE FROM agreement_versions WHERE agreement_id = 'import-a'`)).rejects.toThrow(
      /DELETE on agreement_versions is not allowed/,
    );
    await expect(db.query(`TRUNCATE agreement_versions CASCADE`)).rejects.toThrow(/TRUNCATE/);
  });

  it("verify: exit 0 on an intact chain, 1 naming the first link altered behind the service's back", async () => {
    const ok = await runCli(['verify'], env);
    expect(ok.code).toBe(0);
    const stored = (await db.query(`SELECT count(*)::int AS versions, count(DISTINCT agreement_id)::int AS agreements FROM agreement_versions`))
      .rows[0];
    expect(ok.stdout).toContain(`chain intact: ${stored.versions} version(s) of ${stored.agreements} agreement(s)`);

    // A superuser switches triggers off for the session, as an attacker with database access could.
    await db.query(`SET session_replication_role = replica`);
    await db.query(
      `UPDATE agreement_versions SET content = jsonb_set(content::jsonb, '{title}', '"Manipuliert"')::json WHERE agreement_id = 'import-a' AND number = 2`,
    );
    await db.query(`SET session_replication_role = origin`);
    const broken = await runCli(['verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN: import-a version 2: stored content does not match its content hash');

    await db.query(`SET session_replication_role = replica`);
    await db.query(
      `UPDATE agreement_versions SET content = jsonb_set(content::jsonb, '{title}', '"Testvereinbarung Bürgerämter"')::json WHERE agreement_id = 'import-a' AND number = 2`,
    );
    await db.query(`UPDATE agreement_versions SET author = 'jemand anderes' WHERE agreement_id = 'export-test' AND number = 1`);
    await db.query(`SET session_replication_role = origin`);
    const author = await runCli(['verify'], env);
    expect(author.code).toBe(1);
    expect(author.stdout).toContain('BROKEN: export-test version 1: chain hash does not match');
  });
});
