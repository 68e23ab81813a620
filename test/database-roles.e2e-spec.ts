import pg from 'pg';
import { openDatabase } from '../src/bootstrap.js';
import { Logger } from '../src/common/logger.js';
import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The service migrates as the schema's owner and serves as a role that may read and append only,
 * so a flaw in the service cannot rewrite the history, change the schema or reach the server's host.
 */
describe('database roles', () => {
  let t: TestApp;
  let runtime: pg.Client;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    t.defaultToken = await t.token({ name: 'Erika Muster', roles: ['senate-editor'], departments: ['senin'] });
    const created = await t.gql('mutation($yaml: String!) { createAgreement(yaml: $yaml) { number } }', { yaml: sampleAgreementYaml('rollen') });
    expect(created.errors).toBeUndefined();
    runtime = new pg.Client({ connectionString: t.databaseUrl });
    await runtime.connect();
  });
  afterAll(async () => {
    await runtime.end();
    await t.close();
  });

  it('serves as the runtime role, not as a superuser', async () => {
    const [row] = await t.dataSource.query('SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser');
    expect(row).toEqual({ role: 'zv_app', superuser: false });
  });

  it('lets the runtime role read and append, and refuses programs, server files, rewrites and schema changes', async () => {
    const refused = (sql: string) => expect(runtime.query(sql)).rejects;
    expect((await runtime.query(`SELECT count(*)::int AS n FROM agreement_versions WHERE agreement_id = 'rollen'`)).rows).toEqual([{ n: 1 }]);
    await refused(`COPY (SELECT 1) TO PROGRAM 'id'`).toThrow('permission denied to COPY to or from an external program');
    await refused(`SELECT pg_read_file('PG_VERSION')`).toThrow('permission denied for function pg_read_file');
    await refused(`UPDATE agreement_versions SET change_note = 'geändert'`).toThrow('permission denied for table agreement_versions');
    await refused('DELETE FROM agreement_versions').toThrow('permission denied for table agreement_versions');
    await refused('DELETE FROM audit_log').toThrow('permission denied for table audit_log');
    await refused('TRUNCATE signatures').toThrow('permission denied for table signatures');
    await refused('CREATE TABLE eigene (id int)').toThrow('permission denied for schema public');
    await refused('ALTER TABLE agreement_versions DISABLE TRIGGER agreement_versions_append_only').toThrow(
      'must be owner of table agreement_versions',
    );
    await refused(`INSERT INTO migrations (timestamp, name) VALUES (1, 'Unecht1')`).toThrow('permission denied for table migrations');
    // UPDATE on agreements exists only for the row lock that queues writers; the row itself never changes.
    await refused(`UPDATE agreements SET created_by = 'jemand' WHERE id = 'rollen'`).toThrow(
      'UPDATE on agreements is not allowed: stored history is append-only',
    );
    expect((await runtime.query(`SELECT created_by FROM agreements WHERE id = 'rollen'`)).rows).toEqual([
      { created_by: 'Erika Muster (senate-editor senin)' },
    ]);
  });

  it('grants the runtime role the tables of later migrations when the service next starts', async () => {
    const owner = new pg.Client({ connectionString: t.config.migrationDatabaseUrl! });
    await owner.connect();
    try {
      await owner.query('CREATE TABLE later_records (id int PRIMARY KEY)');
    } finally {
      await owner.end();
    }
    await expect(runtime.query('SELECT * FROM later_records')).rejects.toThrow('permission denied for table later_records');

    const restarted = await openDatabase(t.config, new Logger('error'));
    await restarted.close();
    await runtime.query('INSERT INTO later_records (id) VALUES (1)');
    expect((await runtime.query('SELECT id FROM later_records')).rows).toEqual([{ id: 1 }]);
    await expect(runtime.query('UPDATE later_records SET id = 2')).rejects.toThrow('permission denied for table later_records');
  });
});
