// Shared by build.mjs and bench/run.mjs: the esbuild plugin that points @babel/parser and
// luaparse at vendored copies loaded with a V8 code cache (src/code-cache.ts), the banner every
// output file needs, and the step that writes the vendored files and their caches.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Warm-up inputs: the shapes the libraries parse, so their code is compiled into the caches. */
const WARM_JS = [
  '/* eslint-disable */',
  "var config = { hosts: { domain: 'meet.example.com', muc: 'conference.' + 'x' }, list: [ 'a', \"b\" ], n: -1, t: true, f: null };",
  '// comment',
  "config.p2p = { enabled: false }; config.a.b = `t${1}`;",
  "var interfaceConfig = { OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ], UNSUPPORTED_BROWSERS: [], makeJsonParserHappy: 'x' };",
].join('\n');
const WARM_LUA = [
  '-- comment',
  'plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }',
  'VirtualHost "meet.example.com"',
  '    authentication = "anonymous" -- do not delete me',
  '    ssl = { key = "/etc/prosody/certs/x.key"; certificate = "/etc/prosody/certs/x.crt"; }',
  '    modules_enabled = { "bosh"; "pubsub", "ping"; }',
  '    c2s_require_encryption = false',
  'Component "conference.meet.example.com" "muc"',
  '    storage = "memory"',
  '    muc_room_locking = false',
].join('\n');

/** The vendored CommonJS parsers: where each comes from, and how the bundle imports it. */
const VENDORED = {
  '@babel/parser': {
    name: 'babel-parser',
    from: createRequire(join(here, '../web-config/package.json')).resolve('@babel/parser'),
    license: '../LICENSE',
    module: "const m = loadVendored('babel-parser'); export const parse = m.parse; export default m;",
    warm: (babel) => babel.parse(WARM_JS, { sourceType: 'script', errorRecovery: false }),
  },
  luaparse: {
    name: 'luaparse',
    from: createRequire(join(here, '../prosody-config/package.json')).resolve('luaparse'),
    license: 'LICENSE',
    module: "const m = loadVendored('luaparse'); export default m;",
    warm: (lua) =>
      lua.parse(WARM_LUA, { comments: true, ranges: true, locations: false, scope: false, luaVersion: '5.3', encodingMode: 'pseudo-latin1' }),
  },
};

/** The esbuild plugin. */
export const vendoredParsers = {
  name: 'vendored-parsers',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(VENDORED).map((k) => k.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vendored' }));
    b.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => ({
      contents: `import { loadVendored } from './code-cache.ts';\n${VENDORED[args.path].module}\n`,
      resolveDir: join(here, 'src'),
      loader: 'js',
    }));
  },
};

/** write-file-atomic is CommonJS: give the bundle the require and __filename it expects. */
export const banner = [
  '#!/usr/bin/env node',
  'import { createRequire as __confkitRequire } from "node:module";',
  'import { fileURLToPath as __confkitPath } from "node:url";',
  'const require = __confkitRequire(import.meta.url);',
  'const __filename = __confkitPath(import.meta.url);',
].join('\n');

/**
 * Writes each vendored parser into `dir` (beside the module that holds src/code-cache.ts), with
 * its licence and the code cache made after a warm-up parse by the Node running this.
 */
export async function writeVendored(dir) {
  const { compileCommonJs } = await import('./dist/code-cache.js');
  for (const { name, from, license, warm } of Object.values(VENDORED)) {
    const file = join(dir, `${name}.cjs`);
    // As published (minifying it measured no faster once the code cache is there).
    copyFileSync(from, file);
    const licenseFile = join(dirname(from), license);
    if (existsSync(licenseFile)) copyFileSync(licenseFile, join(dir, `${name}.LICENSE.txt`));
    const { exports, script } = compileCommonJs(file);
    warm(exports);
    writeFileSync(join(dir, `${name}.cache`), script.createCachedData());
  }
}
