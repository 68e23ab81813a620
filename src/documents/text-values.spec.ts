import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { parseAgreement } from './parse-agreement.js';

const minimal = readFileSync(join(projectRoot(), 'test/fixtures/documents/minimal.yaml'), 'utf8');
const withTitle = (title: string) => minimal.replace('title: Beispielvereinbarung', `title: ${title}`);
const problemsOf = (text: string | Uint8Array) => {
  const result = parseAgreement(text, { file: 'beispiel.yaml' });
  return result.ok ? [] : result.problems.map(({ line, column, path, code, message }) => ({ line, column, path, code, message }));
};

describe('text values of a document', () => {
  it('refuses a NUL written as a YAML escape, located at the value', () => {
    expect(problemsOf(withTitle('"Beispiel\\0vereinbarung"'))).toEqual([
      {
        line: 3,
        column: 8,
        path: '/title',
        code: 'format',
        message: 'the text holds a NUL character (U+0000) at character 9; text must be well-formed Unicode without NUL',
      },
    ]);
  });

  it('refuses a lone surrogate written as a YAML escape, and a raw NUL in the bytes of a file', () => {
    expect(problemsOf(withTitle('"Beispiel \\ud800"'))).toMatchObject([
      { path: '/title', code: 'format', message: expect.stringMatching(/lone surrogate \(U\+D800\) at character 10;/) },
    ]);
    const bytes = new TextEncoder().encode(minimal.replace('name: Senatsverwaltung X', 'name: Senatsverwaltung\u0000X'));
    expect(problemsOf(bytes)).toMatchObject([{ line: 14, column: 11, path: '/parties/0/name', code: 'format' }]);
  });

  it('takes escapes of real characters, surrogate pairs included', () => {
    expect(problemsOf(withTitle('"Beispiel \\u00e4 \\ud83d\\udcce \\U0001F4CE"'))).toEqual([]);
  });
});
