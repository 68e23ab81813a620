import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { renderSqlSnapshot, SQL_SNAPSHOTS } from './sql-snapshot.js';

/** Writes the SQL of the hot reads to src/queries/, so a changed query shows in review. */
for (const [file, statements] of Object.entries(SQL_SNAPSHOTS)) {
  const path = join(projectRoot(), 'src/queries', file);
  writeFileSync(path, renderSqlSnapshot(statements));
  process.stdout.write(`wrote ${path}\n`);
}
