import { formToken, formTokenMatches, safeNext } from './session.js';

describe('the form token', () => {
  it('is tied to the browser value and to the session', () => {
    const token = formToken('browser-a', 'session-1');
    expect(formTokenMatches('browser-a', 'session-1', token)).toBe(true);
    expect(formTokenMatches('browser-b', 'session-1', token)).toBe(false);
    expect(formTokenMatches('browser-a', 'session-2', token)).toBe(false);
    expect(formTokenMatches('browser-a', null, token)).toBe(false);
    expect(formTokenMatches(undefined, 'session-1', token)).toBe(false);
    expect(formTokenMatches('browser-a', 'session-1', [token])).toBe(false);
  });
});

describe('the page after sign-in', () => {
  it('is a path of this site, never another site', () => {
    expect(safeNext('/agreements/soziale-wohnhilfen?asOf=2024-06-01')).toBe('/agreements/soziale-wohnhilfen?asOf=2024-06-01');
    expect(safeNext('//example.org/')).toBe('/');
    expect(safeNext('/\\example.org/')).toBe('/');
    expect(safeNext('https://example.org/')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});
