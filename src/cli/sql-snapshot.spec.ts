import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { renderSqlSnapshot, SQL_SNAPSHOTS } from './sql-snapshot.js';

describe('SQL snapshots', () => {
  it.each(Object.keys(SQL_SNAPSHOTS))('src/queries/%s matches the SQL the repository runs', (file) => {
    const committed = readFileSync(join(projectRoot(), 'src/queries', file), 'utf8');
    // If this fails after a deliberate change of a query: npm run sql:emit, review the diff, commit.
    expect(renderSqlSnapshot(SQL_SNAPSHOTS[file])).toBe(committed);
  });
});
