import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from './support/cli.js';
import { sampleAgreementYaml } from './support/documents.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * A folder of many files: new agreements are stored a chunk at a time while the files after them are still being
 * read. What the import guarantees stays as it is for one file: file order, one audit entry per write, a chain that
 * verifies, and a problem anywhere (even in the last file) stores nothing and is reported located.
 */
describe('importing a folder of many agreement files', () => {
  let dir: string;
  let env: Record<string, string>;
  let db: pg.Client;
  const many = 250;
  const id = (k: number) => `viele-${String(k).padStart(3, '0')}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zv-import-many-'));
    const url = await createTestDatabase();
    env = { DATABASE_URL: url, LOG_LEVEL: 'error' };
    db = new pg.Client({ connectionString: url });
    await db.connect();
    // The first command that opens the database migrates it.
    expect((await runCli(['verify'], env)).code).toBe(0);
  });
  afterAll(async () => {
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const counts = async () =>
    (
      await db.query(`SELECT (SELECT count(*)::int FROM agreements) AS agreements, (SELECT count(*)::int FROM agreement_versions) AS versions,
                             (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM register_log) AS log`)
    ).rows[0] as Record<string, number>;

  /** A folder with `many` new agreements, plus whatever `extra` adds (file name → text). */
  const folderWith = (name: string, extra: Record<string, string> = {}) => {
    const folder = join(dir, name);
    mkdirSync(folder);
    for (let k = 0; k < many; k++) writeFileSync(join(folder, `${id(k)}.yaml`), sampleAgreementYaml(id(k)));
    for (const [file, text] of Object.entries(extra)) writeFileSync(join(folder, file), text);
    return folder;
  };

  it('a problem in the last file stores nothing, reported located as validate reports it', async () => {
    const before = await counts();
    const bad = sampleAgreementYaml('zz-kaputt').replace('targetValue: 90', 'targetValue: neunzig');
    const folder = folderWith('broken-last', { 'zz-kaputt.yaml': bad });
    const res = await runCli(['import', folder], env);
    expect(res.code).toBe(1);
    const validated = await runCli(['validate', join(folder, 'zz-kaputt.yaml')], env);
    expect(validated.stdout).toMatch(/zz-kaputt\.yaml:\d+:\d+ \/steeringFields\/0\/qualityStandards\/0\/indicators\/0\/targetValue /);
    expect(res.stdout).toBe(validated.stdout);
    expect(await counts()).toEqual(before);
  });

  it('an agreement defined twice, the second time in the last file, stores nothing', async () => {
    const before = await counts();
    const folder = folderWith('twice-last', { 'zz-doppelt.yaml': sampleAgreementYaml(id(0)) });
    const res = await runCli(['import', folder], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`zz-doppelt.yaml:1:1 / agreement '${id(0)}' is also defined in ${join(folder, `${id(0)}.yaml`)}`);
    expect(await counts()).toEqual(before);
  });

  it('problems come out in file order, a lifecycle file among agreement files included', async () => {
    const folder = join(dir, 'order');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.yaml'), 'formatVersion: 1\nid: a\n');
    writeFileSync(join(folder, 'b.lifecycle.yaml'), 'formatVersion: 1\n');
    writeFileSync(join(folder, 'c.yaml'), 'formatVersion: 1\nid: c\n');
    const res = await runCli(['import', folder], env);
    expect(res.code).toBe(1);
    const files = res.stdout
      .trim()
      .split('\n')
      .map((line) => line.slice(folder.length + 1).split(':')[0]);
    expect(files.length).toBeGreaterThan(3);
    expect([...new Set(files)]).toEqual(['a.yaml', 'b.lifecycle.yaml', 'c.yaml']);
    expect(files).toEqual([...files].sort());
  });

  it('a dry run reports every file and stores nothing', async () => {
    const before = await counts();
    const res = await runCli(['import', folderWith('dry'), '--dry-run'], env);
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual(
      Array.from({ length: many }, (_, k) => expect.stringMatching(new RegExp(`${id(k)} would create \\(version 1\\)$`))),
    );
    expect(await counts()).toEqual(before);
  });

  it('stores them in file order with one audit entry each, among an update, an unchanged file and a follow-up; the chain verifies', async () => {
    // Two agreements stored from the folder before: one comes back changed, one unchanged.
    const folder = join(dir, 'many');
    mkdirSync(folder);
    writeFileSync(join(folder, `${id(100)}.yaml`), sampleAgreementYaml(id(100)));
    writeFileSync(join(folder, `${id(200)}.yaml`), sampleAgreementYaml(id(200)));
    expect((await runCli(['import', folder], env)).code).toBe(0);

    for (let k = 0; k < many; k++) if (k !== 200) writeFileSync(join(folder, `${id(k)}.yaml`), sampleAgreementYaml(id(k)));
    writeFileSync(join(folder, `${id(100)}.yaml`), sampleAgreementYaml(id(100)).replace('targetValue: 90', 'targetValue: 92'));
    writeFileSync(join(folder, `${id(150)}.yaml`), sampleAgreementYaml(id(150)).replace('predecessor: null', `predecessor: ${id(0)}`));
    const res = await runCli(['import', folder], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const [lines, changes] = [
      res.stdout
        .trimEnd()
        .split('\n')
        .filter((l) => !l.startsWith('  ')),
      res.stdout.split('\n').filter((l) => l.startsWith('  ')),
    ];
    expect(changes).toEqual(['  changed Kundenperspektive › Termine binnen 14 Tagen › Anteil Termine binnen 14 Tagen › Zielwert: 90 → 92']);
    expect(lines).toHaveLength(many);
    lines.forEach((line, k) => {
      const what = k === 100 ? 'added version 2 (1 change(s) from version 1)' : k === 200 ? 'unchanged (version 1)' : 'created (version 1)';
      expect(line).toBe(`${join(folder, `${id(k)}.yaml`)}: ${id(k)} ${what}`);
    });
    expect(lines[101]).toBe(`${join(folder, `${id(101)}.yaml`)}: ${id(101)} created (version 1)`);

    const audited = await db.query(
      `SELECT agreement_id, version, outcome FROM audit_log WHERE operation = 'import' AND agreement_id LIKE 'viele-%' ORDER BY id`,
    );
    const expected = [
      { agreement_id: id(100), version: 1 },
      { agreement_id: id(200), version: 1 },
      ...Array.from({ length: many }, (_, k) => k)
        .filter((k) => k !== 200)
        .map((k) => ({ agreement_id: id(k), version: k === 100 ? 2 : 1 })),
    ];
    expect(audited.rows).toEqual(expected.map((e) => ({ ...e, outcome: 'ok' })));
    const notes = await db.query(`SELECT agreement_id, number, change_note FROM agreement_versions WHERE agreement_id = ANY($1) ORDER BY 1, 2`, [
      [id(5), id(100)],
    ]);
    expect(notes.rows).toEqual([
      { agreement_id: id(5), number: 1, change_note: `Import aus ${join(folder, `${id(5)}.yaml`)}` },
      { agreement_id: id(100), number: 1, change_note: `Import aus ${join(folder, `${id(100)}.yaml`)}` },
      { agreement_id: id(100), number: 2, change_note: `Import aus ${join(folder, `${id(100)}.yaml`)}` },
    ]);

    const verify = await runCli(['verify'], env);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);

    const before = await counts();
    const again = await runCli(['import', folder], env);
    expect(again.code).toBe(0);
    expect(
      again.stdout
        .trim()
        .split('\n')
        .every((line) => / unchanged \(version \d\)$/.test(line)),
    ).toBe(true);
    expect(await counts()).toEqual(before);
  });
});
