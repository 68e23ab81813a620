import { migrations } from '../migrations/index.js';
import { createDataSource } from '../src/database/data-source.js';
import { createTestDatabase } from './support/test-app.js';

const SLOW = 240_000;

/** What a migration leaves behind: the names and kinds of every object in the schema, functions and triggers included. */
const SCHEMA_OBJECTS = `
  SELECT c.relkind::text AS kind, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrations%'
     AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = c.oid AND i.indrelid = 'migrations'::regclass)
  UNION ALL SELECT 'function', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
  UNION ALL SELECT 'trigger', t.tgname || ' on ' || t.tgrelid::regclass::text FROM pg_trigger t WHERE NOT t.tgisinternal
  ORDER BY 1, 2`;

/**
 * Every migration can be undone, last first, down to an empty schema, and applied again to the same schema: an
 * operator who must step back from a release has a `down` that works.
 */
describe('migrations', () => {
  it(
    'undo one by one to an empty schema and apply again to the same schema',
    async () => {
      const ds = createDataSource(await createTestDatabase());
      await ds.initialize();
      try {
        await ds.runMigrations();
        const applied = await ds.query<{ kind: string; name: string }[]>(SCHEMA_OBJECTS);
        expect(applied.some((o) => o.name === 'council_consultation_revisions')).toBe(true);
        for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
        expect(await ds.query(SCHEMA_OBJECTS)).toEqual([]);
        await ds.runMigrations();
        expect(await ds.query(SCHEMA_OBJECTS)).toEqual(applied);
      } finally {
        await ds.destroy();
      }
    },
    SLOW,
  );
});
