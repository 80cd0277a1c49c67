/**
 * Start-up of the bundle: the two parsers, @babel/parser and luaparse, are large CommonJS files
 * that Node 20 compiles afresh on every run (Node's own compile cache arrives in Node 22). The
 * bundle ships each as a file of its own beside its chunks, with a V8 code cache made at build
 * time by the same Node, and loads it here through `vm.Script` with that cache. When the cache
 * does not fit the running V8 (another Node version), V8 rejects it and compiles the source as
 * usual: the same result, without the gain. Nothing is written at run time.
 *
 * Only the bundle uses this module (build.mjs points `@babel/parser` and `luaparse` at it); the
 * libraries themselves import the packages as usual.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

/** Compiles and runs a CommonJS file (with `cachedData` when given); returns its exports and the script. */
export function compileCommonJs(filename: string, cachedData?: Buffer): { exports: unknown; script: Script } {
  const source = readFileSync(filename, 'utf8');
  // The same wrapper as Node's CommonJS loader, so the file runs as it would under require().
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const run = script.runInThisContext() as ModuleFunction;
  const module = { exports: {} as unknown };
  run.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  return { exports: module.exports, script };
}

/** Loads `<name>.cjs` from beside this chunk, with `<name>.cache` as its code cache when present. */
export function loadVendored(name: string): unknown {
  const filename = fileURLToPath(new URL(`./${name}.cjs`, import.meta.url));
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(fileURLToPath(new URL(`./${name}.cache`, import.meta.url)));
  } catch {
    cachedData = undefined;
  }
  return compileCommonJs(filename, cachedData).exports;
}
