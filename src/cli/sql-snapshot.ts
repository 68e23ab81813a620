import { INTEGRITY_SQL } from '../integrity/integrity.repository.js';
import { LIFECYCLE_SQL } from '../lifecycle/lifecycle.repository.js';
import { PAPERS_SQL } from '../papers/papers.repository.js';
import { VERSIONS_SQL } from '../versions/versions.repository.js';

/** The hot reads (and verify's) whose SQL is kept in src/queries/, one file per repository. */
export const SQL_SNAPSHOTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'versions.repository.sql': VERSIONS_SQL,
  'lifecycle.repository.sql': LIFECYCLE_SQL,
  'papers.repository.sql': PAPERS_SQL,
  'integrity.repository.sql': INTEGRITY_SQL,
};

export function renderSqlSnapshot(statements: Readonly<Record<string, string>>): string {
  const header = '-- Written by `npm run sql:emit` from the repository; do not edit. A test fails when the code differs.\n';
  return (
    header +
    Object.entries(statements)
      .map(([name, sql]) => `\n-- ${name}\n${sql.trim()};\n`)
      .join('')
  );
}
