import { parse } from 'yaml';
import { documentYaml, withValidityUntil } from './yaml-edit.js';

describe('withValidityUntil', () => {
  it('changes only the end date and keeps comments and folded text', () => {
    const yaml = '# Kopf\nvalidity:\n  # kein Beginn bekannt\n  from: null\n  until: 2023-12-31 # Drs. 1265/XXI\nnotes: >-\n  Ein langer\n  Absatz\n';
    const out = withValidityUntil(yaml, '2025-12-31');
    expect(out).toBe(yaml.replace('until: 2023-12-31', 'until: 2025-12-31'));
    expect(withValidityUntil('validity: { from: null, until: null }\n', '2025-12-31')).toBe('validity: { from: null, until: 2025-12-31 }\n');
  });
});

describe('documentYaml', () => {
  it('writes the schema line first and round-trips the content', () => {
    const content = { formatVersion: 1, id: 'x', validity: { from: null, until: null } } as never;
    const text = documentYaml(content, ['Folgezielvereinbarung']);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/agreement.schema.json');
    expect(parse(text)).toEqual(content);
  });
});
