import { closest } from './closest.js';

describe('closest', () => {
  const known = ['title', 'legalBasis', 'leadDepartment', 'entryIntoForce', 'id'];
  it.each([
    ['titel', 'title'],
    ['Title', 'title'],
    ['lead_department', 'leadDepartment'],
    ['leadDepartmnet', 'leadDepartment'],
    ['legalbasis', 'legalBasis'],
    ['ix', 'id'],
  ])('suggests %s → %s', (key, expected) => {
    expect(closest(key, known)).toBe(expected);
  });

  it('suggests nothing for a key far from every known one', () => {
    expect(closest('zuständigkeit', known)).toBeUndefined();
    expect(closest('xyz', known)).toBeUndefined();
  });
});
