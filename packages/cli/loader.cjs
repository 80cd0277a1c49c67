#!/usr/bin/env node
'use strict';
// The jitsi-confkit executable (installed as dist/cli.cjs).
//
// The CLI and its libraries are one CommonJS bundle, bundle.cjs. The two parsers, @babel/parser
// and luaparse, are files of their own beside it, required only when a library first needs one:
// `--help` loads neither, `browsers move` only Babel, a Prosody edit only luaparse.
//
// Node 20 compiles every script afresh on each run (its compile cache arrives in Node 22), so
// each of the three files ships with a V8 code cache, <file>.cache, made at build time after a
// warm-up over the commands (build.mjs). A cache that does not fit the running V8 (another Node
// version) is rejected by V8 and the source is compiled as usual: the same result, without the
// gain. Nothing is written at run time.
const { readFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

/**
 * The bundle's external modules that ship beside it, and their file names (prosody-config
 * requires its vendored luaparse by the relative path it has in that package).
 */
const VENDORED = { '@babel/parser': 'babel-parser.cjs', './vendor/luaparse.cjs': 'luaparse.cjs' };

/** @type {Map<string, { exports: unknown, script: import('node:vm').Script }>} */
const loaded = new Map();

/** Compiles and runs `name` (a CommonJS file beside this one) once, with its code cache when there is one. */
function load(name) {
  const done = loaded.get(name);
  if (done !== undefined) return done;
  const filename = join(__dirname, name);
  let cachedData;
  try {
    cachedData = readFileSync(`${filename}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
  const module = { exports: {} };
  const base = createRequire(filename);
  const require = Object.assign((id) => (Object.hasOwn(VENDORED, id) ? load(VENDORED[id]).exports : base(id)), base);
  script.runInThisContext().call(module.exports, module.exports, require, module, filename, __dirname);
  const entry = { exports: module.exports, script };
  loaded.set(name, entry);
  return entry;
}

module.exports = { load, VENDORED };

if (require.main === module) load('bundle.cjs').exports.main();
