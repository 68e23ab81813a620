import { valuesList } from './values-list.js';

describe('valuesList', () => {
  it('numbers the parameters row after row', () => {
    expect(valuesList(2, 3)).toBe('($1, $2, $3), ($4, $5, $6)');
    expect(valuesList(1, 1)).toBe('($1)');
  });
});
