import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { loadAgreementsFolder } from '../src/bootstrap.js';
import { Logger } from '../src/common/logger.js';
import { runCli } from './support/cli.js';
import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Keeps the warnings the loader gives, as an operator would read them in the log. */
class RecordingLogger extends Logger {
  readonly warnings: Array<{ message: unknown; fields: unknown }> = [];
  constructor() {
    super('error');
  }
  override warn(message: unknown, ...rest: unknown[]): void {
    this.warnings.push({ message, fields: rest[0] });
  }
}

/**
 * Files that come back after versions were saved through GraphQL: the command line and start-up
 * loading never undo those versions silently, and every write they make is in the audit trail.
 */
describe('importing files over versions saved meanwhile', () => {
  let t: TestApp;
  let dir: string;
  let env: Record<string, string>;
  const cliUser = `cli:${userInfo().username}`;

  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    t.defaultToken = await t.token({ name: 'Erika Muster', roles: ['senate-editor'], departments: ['senin'] });
    dir = mkdtempSync(join(tmpdir(), 'zv-import-'));
    env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = async (yaml: string) => {
    const res = await t.gql(`mutation($yaml: String!) { createAgreement(yaml: $yaml) { number } }`, { yaml });
    expect(res.errors).toBeUndefined();
  };
  const save = async (id: string, base: number, yaml: string) => {
    const res = await t.gql(
      `mutation($id: ID!, $base: Int!, $yaml: String!) { saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml) { number } }`,
      {
        id,
        base,
        yaml,
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.saveDraft.number as number;
  };
  const versions = async (id: string) =>
    (await t.sql('SELECT number, content, change_note FROM agreement_versions WHERE agreement_id = $1 ORDER BY number', [id])).map((r) => ({
      number: r.number as number,
      targetValue: r.content.steeringFields[0].qualityStandards[0].indicators[0].targetValue as number,
      changeNote: r.change_note as string | null,
    }));
  const auditOf = async (id: string) =>
    await t.sql<Record<string, unknown>>('SELECT subject, name, operation, version, outcome FROM audit_log WHERE agreement_id = $1 ORDER BY id', [
      id,
    ]);

  const exportedId = 'export-alt';
  const exportedFile = () => join(dir, 'export-alt.yaml');

  it('command line: a file exported at version 1 is refused once versions 2 and 3 are saved, naming both', async () => {
    const [id, file] = [exportedId, exportedFile()];
    await create(sampleAgreementYaml(id));
    const exported = await runCli(['export', id, '--out', file], env);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`wrote ${id} version 1 to ${file}; after editing, import it with --base 1\n`);

    const v1 = readFileSync(file, 'utf8');
    await save(id, 1, v1.replace('targetValue: 90', 'targetValue: 92'));
    await save(id, 2, v1.replace('targetValue: 90', 'targetValue: 92').replace('minimumValue: 60', 'minimumValue: 65'));
    writeFileSync(file, v1.replace('dataSource: Terminmanagement', 'dataSource: Terminstatistik'));

    // Without a base the file cannot say what it was based on: refused, also in a dry run.
    const unknown = await runCli(['import', file, '--dry-run'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain(
      `VERSION_CONFLICT: ${file}: '${id}' is at version 3, and the version this file was based on is not known; name it with --base N`,
    );

    const stale = await runCli(['import', file, '--base', '1'], env);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain(
      `VERSION_CONFLICT: ${file}: '${id}' was based on version 1, but the latest is version 3; storing it would undo the versions saved since`,
    );
    expect(stale.stderr).toContain('nothing was stored');
    expect((await versions(id)).map((v) => v.targetValue)).toEqual([90, 92, 92]);
  });

  it('command line: --force stores it over them on purpose; the plan shows what it undoes, version and audit trail say forced', async () => {
    const [id, file] = [exportedId, exportedFile()];
    const plan = await runCli(['import', file, '--base', '1', '--force', '--dry-run'], env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`${id} would add version 4 (3 change(s) from version 3; forced: the file was based on version 1)`);
    expect(plan.stdout).toContain('changed Kundenperspektive › Termine binnen 14 Tagen › Anteil Termine binnen 14 Tagen › Zielwert: 92 → 90');
    expect(await versions(id)).toHaveLength(3);

    const forced = await runCli(['import', file, '--base', '1', '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`${id} added version 4 (3 change(s) from version 3; forced: the file was based on version 1)`);
    expect((await versions(id))[3]).toEqual({
      number: 4,
      targetValue: 90,
      changeNote: `Import aus ${file} (erzwungen über Fassung 3, Grundlage Fassung 1)`,
    });
    const audit = await runCli(['audit', '--agreement', id], env);
    expect(audit.stdout.split('\n')[0]).toMatch(new RegExp(`forced +import +${id}@4 +${cliUser} <${cliUser}> \\[admin\\]$`));
  });

  it('command line: a file exported again and edited on its named base is stored on top, audited as ok', async () => {
    const [id, file] = [exportedId, exportedFile()];
    expect((await runCli(['export', id, '--out', file], env)).stderr).toContain('import it with --base 4');
    writeFileSync(file, readFileSync(file, 'utf8').replace('targetValue: 90', 'targetValue: 93'));
    const onTop = await runCli(['import', file, '--base', '4'], env);
    expect(onTop.code).toBe(0);
    expect(onTop.stdout).toContain(`${id} added version 5 (1 change(s) from version 4)`);
    expect((await auditOf(id)).slice(-2)).toEqual([
      { subject: cliUser, name: cliUser, operation: 'import', version: 4, outcome: 'forced' },
      { subject: cliUser, name: cliUser, operation: 'import', version: 5, outcome: 'ok' },
    ]);
  });

  it('command line: a file imported before is refused when versions were saved since it was imported', async () => {
    const id = 'import-alt';
    const file = join(dir, 'import-alt.yaml');
    writeFileSync(file, sampleAgreementYaml(id));
    const first = await runCli(['import', file], env);
    expect(first.stdout).toBe(`${file}: ${id} created (version 1)\n`);
    expect(await auditOf(id)).toEqual([{ subject: cliUser, name: cliUser, operation: 'import', version: 1, outcome: 'ok' }]);

    // Edited and imported again with nothing in between: the version it was imported as is the latest.
    writeFileSync(file, sampleAgreementYaml(id).replace('minimumValue: 60', 'minimumValue: 62'));
    expect((await runCli(['import', file], env)).stdout).toContain(`${id} added version 2 (1 change(s) from version 1)`);

    await save(id, 2, readFileSync(file, 'utf8').replace('targetValue: 90', 'targetValue: 92'));
    writeFileSync(file, sampleAgreementYaml(id).replace('minimumValue: 60', 'minimumValue: 64'));
    const refused = await runCli(['import', file], env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`'${id}' was based on version 2, but the latest is version 3`);
    expect((await versions(id)).map((v) => v.targetValue)).toEqual([90, 90, 92]);
    expect(await auditOf(id)).toHaveLength(3); // two imports and the GraphQL save; the refusal stored nothing
  });

  it('command line: --base names a version of exactly one agreement file', async () => {
    const a = join(dir, 'base-a.yaml');
    const b = join(dir, 'base-b.yaml');
    writeFileSync(a, sampleAgreementYaml('base-a'));
    writeFileSync(b, sampleAgreementYaml('base-b'));
    const two = await runCli(['import', a, b, '--base', '1'], env);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--base names the version of one agreement file; 2 were given');
    expect((await runCli(['import', a, '--base', 'eins'], env)).code).toBe(2);
    const missing = await runCli(['import', a, '--base', '1'], env);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("NOT_FOUND: version 1 of agreement 'base-a' not found");
    expect(await versions('base-a')).toEqual([]);
  });

  it('start-up loading stores new content on top of the version a file was loaded as, and never undoes a newer version', async () => {
    const folder = join(dir, 'agreements');
    mkdirSync(folder);
    const config = { ...t.config, agreementsDir: folder };
    const id = 'ordner-test';
    const file = join(folder, 'ordner-test.yaml');
    writeFileSync(file, sampleAgreementYaml(id));
    await loadAgreementsFolder(t.app, config, new RecordingLogger());
    writeFileSync(file, sampleAgreementYaml(id).replace('targetValue: 90', 'targetValue: 95'));
    await loadAgreementsFolder(t.app, config, new RecordingLogger());
    expect(await versions(id)).toEqual([
      { number: 1, targetValue: 90, changeNote: 'Geladen aus agreements/ordner-test.yaml' },
      { number: 2, targetValue: 95, changeNote: 'Geladen aus agreements/ordner-test.yaml' },
    ]);

    // Saved through GraphQL, then the file changes again, and a new agreement joins the folder.
    await save(id, 2, sampleAgreementYaml(id).replace('targetValue: 90', 'targetValue: 97'));
    writeFileSync(file, sampleAgreementYaml(id).replace('dataSource: Terminmanagement', 'dataSource: Terminstatistik'));
    writeFileSync(join(folder, 'ordner-neu.yaml'), sampleAgreementYaml('ordner-neu'));
    const logger = new RecordingLogger();
    await loadAgreementsFolder(t.app, config, logger);
    expect((await versions(id)).map((v) => v.targetValue)).toEqual([90, 95, 97]);
    expect(logger.warnings).toEqual([
      {
        message: `agreement file not loaded: '${id}' is at version 3, saved after version 2, which the file was loaded as; a newer stored version is never undone`,
        fields: expect.objectContaining({ agreementId: id, action: 'conflict', baseVersion: 2, latestVersion: 3 }),
      },
    ]);
    expect(await versions('ordner-neu')).toHaveLength(1);

    const loader = { subject: 'system:agreements-folder', name: 'Import aus agreements/', operation: 'loadAgreementsFolder', outcome: 'ok' };
    expect(await auditOf(id)).toEqual([
      { ...loader, version: 1 },
      { ...loader, version: 2 },
      expect.objectContaining({ subject: expect.not.stringMatching(/^system:/), operation: 'saveDraft', version: 3 }),
    ]);
    expect(await auditOf('ordner-neu')).toEqual([{ ...loader, version: 1 }]);
  });
});
