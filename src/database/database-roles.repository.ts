import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import type { EmbeddedCredentials } from './embedded-credentials.js';

// Any number: the key only has to be the same for every process that starts on one cluster.
const PROVISION_LOCK = 726_003;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * As the superuser of the embedded cluster: sets every password from the credentials file, makes
 * the owner and the runtime role, and hands the owner everything the superuser created in the
 * schema (clusters from before the split have their tables owned by the superuser). Idempotent;
 * runs on every start, under a lock because the CLI may start beside the service.
 */
export async function provisionEmbeddedRoles(client: pg.Client, credentials: EmbeddedCredentials): Promise<void> {
  const { superuser, owner, runtime } = credentials;
  await client.query('SELECT pg_advisory_lock($1)', [PROVISION_LOCK]);
  try {
    await client.query(`ALTER ROLE ${ident(superuser.user)} PASSWORD ${literal(superuser.password)}`);
    for (const role of [owner, runtime]) {
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user])).rowCount! > 0;
      await client.query(
        `${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(role.user)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(role.password)}`,
      );
    }
    const database = (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0].name;
    // Temporary tables are a place to create things too; nothing here needs them.
    await client.query(`REVOKE TEMPORARY ON DATABASE ${ident(database)} FROM PUBLIC`);
    await client.query(`GRANT CREATE, USAGE ON SCHEMA public TO ${ident(owner.user)}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${ident(runtime.user)}`);
    const transfers = await client.query<{ statement: string }>(
      `SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement FROM (
         SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                               WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
                c.oid::regclass::text AS name
           FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
            -- a serial's sequence moves with its table; extension members stay with their extension
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
         UNION ALL
         SELECT 'ROUTINE', p.oid::regprocedure::text
           FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         UNION ALL
         SELECT 'TYPE', t.oid::regtype::text
           FROM pg_type t
          WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            AND t.typtype = 'e'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
       ) AS objects`,
      [owner.user],
    );
    for (const { statement } of transfers.rows) await client.query(statement);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PROVISION_LOCK]).catch(() => undefined);
  }
}

/** The role a data source or one of its connections acts as. */
export async function currentRole(db: { query(sql: string): Promise<unknown> }): Promise<string> {
  const [row] = (await db.query('SELECT current_user AS role')) as Array<{ role: string }>;
  return row.role;
}

/**
 * Run by the schema's owner after migrating, so tables of later migrations are covered too: the
 * runtime role may read and append, and nothing else. The history tables refuse UPDATE and
 * DELETE by trigger as well, even for their owner.
 */
export async function grantRuntimeAccess(runner: QueryRunner, runtimeRole: string): Promise<void> {
  const role = ident(runtimeRole);
  await runner.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ${role}`);
  await runner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  // The migrations' own record: read to see that the schema is current, written only by the owner.
  await runner.query(`REVOKE INSERT ON TABLE migrations FROM ${role}`);
  // SELECT … FOR UPDATE, the lock that queues the writers of one agreement, needs the UPDATE
  // privilege; a trigger refuses every actual update of an agreement row.
  await runner.query(`GRANT UPDATE ON TABLE agreements TO ${role}`);
}
