// Preloaded with `node --import` into a program under test: writes the URL of every module the
// program loads to the file named by ZV_LOADED, one per line, so a test can see which packages a
// command needed without timing it.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.ZV_LOADED;
// ES modules, and CommonJS files imported by them, pass the load hook (on its own thread).
register('./note-loads-hooks.mjs', import.meta.url, { data: { out } });
// CommonJS files required by CommonJS files bypass the hook on Node 20; they are in the require cache.
process.on('exit', () => {
  const required = Object.keys(createRequire(import.meta.url).cache);
  appendFileSync(out, required.map((file) => pathToFileURL(file).href + '\n').join(''));
});
