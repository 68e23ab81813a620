import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const ambient = new AsyncLocalStorage<EntityManager>();

/**
 * Runs `work` as one transaction: whatever it does through a DataSource from joiningUnitOfWork
 * commits or rolls back with it. A mutation and its audit entry are stored together this way,
 * without every service and repository passing a transaction along.
 */
export function inUnitOfWork<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  return dataSource.transaction((manager) => ambient.run(manager, work));
}

function ambientManager(): EntityManager | undefined {
  const manager = ambient.getStore();
  // Something started inside a unit of work may run after it ended (a batched loader); it then uses the pool.
  return manager?.queryRunner?.isTransactionActive ? manager : undefined;
}

/**
 * The DataSource the features are given. Inside a unit of work its manager, repositories, queries
 * and query builders use the unit's connection and transaction, and its `transaction()` becomes
 * a savepoint in it; outside one it is the plain DataSource.
 */
export function joiningUnitOfWork(dataSource: DataSource): DataSource {
  return new Proxy(dataSource, {
    get(target, property, receiver) {
      const manager = ambientManager();
      if (manager === undefined) return Reflect.get(target, property, receiver) as unknown;
      if (property === 'manager') return manager;
      if (property === 'query') {
        return (query: string, parameters?: unknown[], runner?: QueryRunner) =>
          runner ? target.query<unknown>(query, parameters, runner) : manager.query<unknown>(query, parameters);
      }
      if (property === 'createQueryBuilder') return manager.createQueryBuilder.bind(manager);
      // Everything else (getRepository, transaction, …) reaches the manager through `this.manager`.
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
