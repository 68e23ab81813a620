import { FILE_HEADERS_ONLY, createTwoFilesPatch } from 'diff';

/** Lines of unchanged text around each change, as in `diff -u` (the `diff` package defaults to 4). */
const CONTEXT_LINES = 3;

/** A plain unified diff of two YAML texts (`---`/`+++` headers and `@@` hunks); '' when the texts are equal. */
export function unifiedYamlDiff(beforeYaml: string, afterYaml: string, beforeName: string, afterName: string): string {
  if (beforeYaml === afterYaml) return '';
  return createTwoFilesPatch(beforeName, afterName, beforeYaml, afterYaml, undefined, undefined, {
    context: CONTEXT_LINES,
    // Without this the package prefixes an `Index:` line and a row of `=`, which is not plain unified diff.
    headerOptions: FILE_HEADERS_ONLY,
  });
}
