// The load hook of note-loads.mjs: runs on Node's hooks thread, so it writes each URL as it passes.
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  appendFileSync(out, url + '\n');
  return nextLoad(url, context);
}
