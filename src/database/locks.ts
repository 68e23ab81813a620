import type { EntityManager } from 'typeorm';

/** Holds a PostgreSQL advisory lock until the transaction ends, so instances sharing a database take turns. */
export async function lockForTransaction(m: EntityManager, key: number): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [key]);
}
