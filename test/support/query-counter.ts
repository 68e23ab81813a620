import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements the service sends through its TypeORM data source (transaction control
 * included), by standing in as its logger. The count of a request is deterministic, so tests assert it;
 * they never assert a time.
 */
export class QueryCounter implements TypeOrmLogger {
  private statements: string[] = [];

  static attach(dataSource: DataSource): QueryCounter {
    const counter = new QueryCounter();
    dataSource.setOptions({ logger: counter });
    return counter;
  }

  /** The statements sent while `work` ran; the tests run one request at a time, so they are its own. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    this.statements = [];
    const result = await work();
    return { result, statements: [...this.statements] };
  }

  logQuery(query: string): void {
    this.statements.push(query);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
