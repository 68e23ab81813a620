import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface AgreementFile {
  /** As the user named it (relative to the working directory where possible), for messages. */
  file: string;
  bytes: Uint8Array;
}

const YAML_FILE = /\.ya?ml$/i;

/** Expands folders to the YAML files directly inside them (sorted), keeps named files as they are. */
export function listAgreementFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      const inside = readdirSync(path)
        .filter((name) => YAML_FILE.test(name))
        .sort()
        .map((name) => join(path, name));
      files.push(...inside.filter((file) => statSync(file).isFile()));
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
