import { AMENDMENT_TYPES, SIGNATURE_LEVELS } from '../src/lifecycle/rules/index.js';
import { CONSULTATION_KINDS, PAPER_CONCERNS } from '../src/papers/rules/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The database checks were written once in a migration; the domain's lists are the source the
 * GraphQL enums are registered from. This keeps the two from drifting apart.
 */
describe('fixed lists in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
  });
  afterAll(() => t.close());

  async function checkedValues(table: string, column: string): Promise<string[]> {
    const rows = await t.sql<{ def: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        WHERE c.conrelid = $1::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE $2`,
      [table, `%(${column} = ANY%`],
    );
    expect(rows).toHaveLength(1);
    return [...rows[0].def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
  }

  it('allows exactly the signature levels the rules know', async () => {
    expect(await checkedValues('signatures', 'level')).toEqual([...SIGNATURE_LEVELS]);
  });

  it('allows exactly the amendment types the rules know', async () => {
    expect(await checkedValues('amendments', 'type')).toEqual([...AMENDMENT_TYPES]);
  });

  it('allows exactly the lifecycle steps a paper may concern, and the kinds of its steps', async () => {
    expect(await checkedValues('council_papers', 'concerns')).toEqual([...PAPER_CONCERNS]);
    expect(await checkedValues('council_consultations', 'kind')).toEqual([...CONSULTATION_KINDS]);
  });
});
