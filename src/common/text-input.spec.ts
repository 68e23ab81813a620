import { AppError } from './app-error.js';
import { assertWellFormedArguments, findTextProblem, isWellFormedText } from './text-input.js';

describe('text input', () => {
  it('takes umlauts, line breaks and characters written as surrogate pairs', () => {
    for (const text of ['Bezirksamt Neukölln', 'Zeile 1\nZeile 2\ttabuliert', 'Anlage 📎', '𠀋', '']) {
      expect(isWellFormedText(text)).toBe(true);
    }
  });

  it('refuses NUL and unpaired surrogates, high or low, at the start, inside or at the end', () => {
    for (const text of ['\u0000', 'a\u0000b', '\ud800', 'x\ud83dy', '\udc00x', 'x\ude00', '📎\ud800', '\udc00\ud800']) {
      expect(isWellFormedText(text)).toBe(false);
    }
  });

  it('names the argument path, the line and column, and the character', () => {
    expect(findTextProblem({ input: { agreementId: 'a', evidence: { fileName: 'scan\udc00.pdf' } } })).toEqual({
      field: 'input.evidence.fileName',
      message: 'input.evidence.fileName holds a lone surrogate (U+DC00) at line 1, column 5; text must be well-formed Unicode without NUL',
    });
    expect(findTextProblem({ yaml: 'id: x\ntitle: 📎 a\u0000\n' })).toEqual({
      field: 'yaml',
      message: 'yaml holds a NUL character (U+0000) at line 2, column 11; text must be well-formed Unicode without NUL',
    });
    expect(findTextProblem({ ids: ['gut', 'schl\ud800echt'] })?.field).toBe('ids[1]');
  });

  it('finds nothing in well-formed arguments, whatever else they hold', () => {
    expect(findTextProblem({ n: 1, flag: true, none: null, at: new Date(0), list: [], input: { note: 'Grüße' } })).toBeNull();
  });

  it('throws BAD_INPUT with the field', () => {
    let thrown: unknown;
    try {
      assertWellFormedArguments({ changeNote: 'a\u0000' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'BAD_INPUT', details: { field: 'changeNote' } });
    expect(() => assertWellFormedArguments({ changeNote: 'gut' })).not.toThrow();
  });
});
