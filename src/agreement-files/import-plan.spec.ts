import { AppError } from '../common/app-error.js';
import { forcedNote, lastLoadedFrom, planDocument, type StoredVersionRef } from './import-plan.js';

const SOURCE = 'Geladen aus agreements/baum.yaml';
const v = (number: number, changeNote: string | null): StoredVersionRef => ({ number, contentHash: `hash-${number}`, changeNote });
const plan = (stored: StoredVersionRef[], overrides: { hash?: string; base?: number | null; force?: boolean } = {}) =>
  planDocument(stored, { agreementId: 'baum', hash: 'hash-neu', source: SOURCE, base: null, force: false, ...overrides });

describe('planDocument: what an agreement file does to the stored versions', () => {
  it('creates a new agreement', () => {
    expect(plan([])).toEqual({ action: 'create' });
  });

  it('adds nothing for content equal to any stored version, whatever the base', () => {
    const stored = [v(1, SOURCE), v(2, 'Werte ergänzt'), v(3, 'Titel')];
    expect(plan(stored, { hash: 'hash-1' })).toEqual({ action: 'unchanged', version: 1 });
    expect(plan(stored, { hash: 'hash-2', base: 1 })).toEqual({ action: 'unchanged', version: 2 });
  });

  it('stores new content on top when the file was last loaded as the latest version', () => {
    expect(plan([v(1, 'angelegt'), v(2, SOURCE)])).toEqual({ action: 'update', base: 2, latest: 2, forced: false });
  });

  it('refuses new content when versions were saved after the one the file was loaded as', () => {
    expect(plan([v(1, SOURCE), v(2, 'Werte ergänzt'), v(3, 'Zielwert 92')])).toEqual({ action: 'conflict', base: 1, latest: 3 });
  });

  it('refuses new content when the base is unknown (the file was never loaded and names no base)', () => {
    expect(plan([v(1, 'Import aus anderswo.yaml')])).toEqual({ action: 'conflict', base: null, latest: 1 });
  });

  it('takes a named base over the one it was loaded as', () => {
    const stored = [v(1, SOURCE), v(2, 'Werte ergänzt')];
    expect(plan(stored, { base: 2 })).toEqual({ action: 'update', base: 2, latest: 2, forced: false });
    expect(plan([...stored, v(3, SOURCE)], { base: 2 })).toEqual({ action: 'conflict', base: 2, latest: 3 });
  });

  it('stores over newer versions only when forced, and says so', () => {
    const stored = [v(1, SOURCE), v(2, 'Werte ergänzt'), v(3, 'Zielwert 92')];
    expect(plan(stored, { force: true })).toEqual({ action: 'update', base: 1, latest: 3, forced: true });
    expect(plan([v(1, 'angelegt')], { force: true })).toEqual({ action: 'update', base: null, latest: 1, forced: true });
  });

  it('refuses a named base that does not exist', () => {
    expect(() => plan([v(1, SOURCE)], { base: 7 })).toThrow(new AppError('NOT_FOUND', "version 7 of agreement 'baum' not found"));
    expect(() => plan([], { base: 1 })).toThrow(/version 1 of agreement 'baum' not found/);
  });
});

describe('lastLoadedFrom', () => {
  it('recognises the plain and the forced change note of the same file, and no other file', () => {
    const stored = [v(1, SOURCE), v(2, forcedNote(SOURCE, 1, 1)), v(3, `${SOURCE}x`), v(4, 'Geladen aus agreements/baum-2026.yaml')];
    expect(lastLoadedFrom(stored, SOURCE)).toBe(2);
    expect(forcedNote(SOURCE, null, 3)).toBe('Geladen aus agreements/baum.yaml (erzwungen über Fassung 3, Grundlage unbekannt)');
  });
});
