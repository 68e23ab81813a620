import type { PapersFile } from './papers-file.types.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import type { DocumentKind, ParseLimits } from './parse-yaml-document.js';
import { joinPointer, quote, type Locate, type Problem } from './problems.js';

export type PapersParseResult = { ok: true; content: PapersFile; text: string } | { ok: false; problems: Problem[] };

const CANONICAL_ROMAN = /^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** What the schema cannot say: a legislative term in the usual roman form, and each paper once. */
export function checkPapersRules(file: PapersFile, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ ...locate(path), path, code: 'rule', message });
  const seen = new Map<string, string>();
  file.papers.forEach((paper, i) => {
    const at = joinPointer('/papers', i);
    const term = paper.reference.split('/')[1];
    if (!CANONICAL_ROMAN.test(term)) add(joinPointer(at, 'reference'), `${quote(term)} is not a roman numeral in its usual form, e.g. XXI`);
    const key = `${paper.body} ${paper.reference}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) add(joinPointer(at, 'reference'), `paper ${paper.reference} of ${quote(paper.body)} is already at ${earlier}`);
    seen.set(key, at);
  });
  return problems;
}

/** Papers files: agreements/<id>.papers.yaml, schema/papers.schema.json. */
export const PAPERS_KIND: DocumentKind<PapersFile> = Object.freeze({
  schemaFile: 'papers.schema.json',
  emptyMessage: "the document is empty; a papers file starts with 'formatVersion: 1'",
  rootKeysHint: 'formatVersion, agreement, papers',
  rules: checkPapersRules,
  fileDescription: 'a papers file',
});

/** Reads one papers file, with the same guards, problem codes and locating as the other files. Pure and synchronous. */
export function parsePapersFile(input: string | Uint8Array, options?: { file?: string; limits?: Partial<ParseLimits> }): PapersParseResult {
  return parseYamlDocument(input, PAPERS_KIND, options);
}
