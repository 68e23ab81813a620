import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in the caller's transaction when one is given, else in a new one. Lets one service
 * method serve a single GraphQL mutation and a step of a larger import alike.
 */
export function inTransaction<T>(dataSource: DataSource, m: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return m ? work(m) : dataSource.transaction(work);
}
