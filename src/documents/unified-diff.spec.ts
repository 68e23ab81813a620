import { changedLinesAtLeast, unifiedYamlDiff } from './unified-diff.js';

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
  it('is empty for equal texts', async () => {
    expect(await unifiedYamlDiff(BEFORE, BEFORE, 'v1.yaml', 'v2.yaml')).toBe('');
  });

  it('shows a change with three lines of context', async () => {
    const after = BEFORE.replace('until: 2023-12-31', 'until: 2025-12-31');
    expect(await unifiedYamlDiff(BEFORE, after, 'soziale-wohnhilfen v1', 'soziale-wohnhilfen v2')).toBe(
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

  it('marks a missing final newline', async () => {
    const patch = await unifiedYamlDiff('a: 1\n', 'a: 2', 'a', 'b');
    expect(patch).toContain('\\ No newline at end of file');
  });

  const numbered = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}: ${i}\n`).join('');

  it('gives up (null) at once when more lines differ than the bound allows, and diffs up to it', async () => {
    const bounds = { maxChangedLines: 10, timeoutMs: 60_000 };
    expect(await unifiedYamlDiff(numbered(6, 'a'), numbered(6, 'b'), 'a', 'b', bounds)).toBe(null);
    expect(await unifiedYamlDiff(numbered(5, 'a'), numbered(5, 'b'), 'a', 'b', bounds)).toMatch(/^-a: 4\n\+b: 0$/m);
  });

  it('gives up when aligning would take more changed lines than allowed, although every line occurs on both sides', async () => {
    const before = numbered(50, 'a');
    const reversed = before.split('\n').slice(0, -1).reverse().join('\n') + '\n';
    expect(changedLinesAtLeast(before, reversed)).toBe(0);
    expect(await unifiedYamlDiff(before, reversed, 'a', 'b', { maxChangedLines: 10, timeoutMs: 60_000 })).toBe(null);
  });

  it('lets other work run while it aligns lines, instead of blocking until it is done', async () => {
    const before = numbered(400, 'a');
    const reversed = before.split('\n').slice(0, -1).reverse().join('\n') + '\n';
    const order: string[] = [];
    const diff = unifiedYamlDiff(before, reversed, 'a', 'b', { maxChangedLines: 1000, timeoutMs: 60_000 }).then((patch) => {
      order.push('diff');
      return patch;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    order.push('other work');
    expect(await diff).toMatch(/^@@ -1,400 \+1,400 @@$/m);
    expect(order).toEqual(['other work', 'diff']);
  });
});

describe('changedLinesAtLeast', () => {
  it('counts the lines that occur more often on one side, ignoring order and a missing final newline', () => {
    expect(changedLinesAtLeast('a\nb\nc\n', 'c\nb\na')).toBe(0);
    expect(changedLinesAtLeast('a\na\nb\n', 'a\nc\n')).toBe(3);
  });
});
