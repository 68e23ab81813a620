import type { EntityManager } from 'typeorm';

/** Holds a PostgreSQL advisory lock until the transaction ends, so instances sharing a database take turns. */
export async function lockForTransaction(m: EntityManager, key: number): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [key]);
}

/** The same for one named thing (an agreement id) within a namespace, so writers about different things do not wait on each other. */
export async function lockNameForTransaction(m: EntityManager, namespace: number, name: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, name]);
}
