import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAgreement, type ParseLimits } from '../documents/parse-agreement.js';
import { parseLifecycleFile } from '../documents/parse-lifecycle.js';
import { parsePapersFile } from '../documents/parse-papers.js';

export interface AgreementFile {
  /** As the user named it (relative to the working directory where possible), for messages. */
  file: string;
  bytes: Uint8Array;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Expands folders to the YAML files directly inside them and in their history/ folder (earlier texts that lifecycle
 * files name), sorted; keeps named files as they are.
 */
export function listAgreementFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const yamlFilesIn = (folder: string) =>
    readdirSync(folder)
      .filter((name) => YAML_FILE.test(name))
      .sort()
      .map((name) => join(folder, name))
      .filter((file) => statSync(file).isFile());
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      files.push(...yamlFilesIn(path));
      const history = join(path, 'history');
      if (existsSync(history) && statSync(history).isDirectory()) files.push(...yamlFilesIn(history));
    } else {
      files.push(path);
    }
  }
  return files;
}

export function readAgreementFiles(paths: readonly string[], cwd = process.cwd()): AgreementFile[] {
  return listAgreementFiles(paths).map((path) => ({
    file: displayName(path, cwd),
    bytes: readFileSync(path),
  }));
}

function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}

const LIFECYCLE_FILE = /\.lifecycle\.ya?ml$/i;

const PAPERS_FILE = /\.papers\.ya?ml$/i;

/** `<id>.lifecycle.yaml` holds an agreement's dated history; every other YAML file but a papers file an agreement version. */
export function isLifecycleFile(file: string): boolean {
  return LIFECYCLE_FILE.test(file);
}

/** `<id>.papers.yaml` holds the council papers that reported on an agreement. */
export function isPapersFile(file: string): boolean {
  return PAPERS_FILE.test(file);
}

export type ParsedFile =
  | { kind: 'agreement'; result: ReturnType<typeof parseAgreement> }
  | { kind: 'lifecycle'; result: ReturnType<typeof parseLifecycleFile> }
  | { kind: 'papers'; result: ReturnType<typeof parsePapersFile> };

export function parseFile(f: AgreementFile, limits: Partial<ParseLimits>): ParsedFile {
  if (isLifecycleFile(f.file)) return { kind: 'lifecycle', result: parseLifecycleFile(f.bytes, { file: f.file, limits }) };
  if (isPapersFile(f.file)) return { kind: 'papers', result: parsePapersFile(f.bytes, { file: f.file, limits }) };
  return { kind: 'agreement', result: parseAgreement(f.bytes, { file: f.file, limits }) };
}
