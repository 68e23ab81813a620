import { unifiedYamlDiff } from './unified-diff.js';

const BEFORE = `formatVersion: 1
id: soziale-wohnhilfen
title: Zielvereinbarung Soziale Wohnhilfen
policyArea: Soziale Wohnhilfen
leadDepartment: senias
entryIntoForce: perDistrict
validity:
  from: null
  until: 2023-12-31
predecessor: null
notes: null
`;

describe('unifiedYamlDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedYamlDiff(BEFORE, BEFORE, 'v1.yaml', 'v2.yaml')).toBe('');
  });

  it('shows a change with three lines of context', () => {
    const after = BEFORE.replace('until: 2023-12-31', 'until: 2025-12-31');
    expect(unifiedYamlDiff(BEFORE, after, 'soziale-wohnhilfen v1', 'soziale-wohnhilfen v2')).toBe(
      [
        '--- soziale-wohnhilfen v1',
        '+++ soziale-wohnhilfen v2',
        '@@ -6,6 +6,6 @@',
        ' entryIntoForce: perDistrict',
        ' validity:',
        '   from: null',
        '-  until: 2023-12-31',
        '+  until: 2025-12-31',
        ' predecessor: null',
        ' notes: null',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing final newline', () => {
    const patch = unifiedYamlDiff('a: 1\n', 'a: 2', 'a', 'b');
    expect(patch).toContain('\\ No newline at end of file');
  });
});
