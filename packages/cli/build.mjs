// Bundles the CLI into dist/cli.js (ESM, code-split): the entry holds the argument parser, file
// handling and output; each library (and so each parser: Babel, luaparse) lands in a chunk of its
// own that is loaded by a dynamic import only when a file of its language is touched.
//
// The two parsers are CommonJS files that Node 20 would compile on every run: they are copied
// beside the chunks as dist/chunks/<name>.cjs and loaded through src/code-cache.ts with a V8 code
// cache (<name>.cache) made here, after a warm-up parse, by the Node that runs the build.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const chunks = join(here, 'dist/chunks');
rmSync(chunks, { recursive: true, force: true });
mkdirSync(chunks, { recursive: true });

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

const vendored = {
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

const result = await build({
  entryPoints: { cli: 'src/bin.ts' },
  // The package's own tsconfig (the root one maps the libraries to their sources): the bundle
  // takes the libraries as built, through their package exports.
  tsconfig: 'tsconfig.build.json',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  metafile: true,
  legalComments: 'linked',
  plugins: [vendored],
  banner: {
    // write-file-atomic is CommonJS: give the bundle the require and __filename it expects.
    js: [
      '#!/usr/bin/env node',
      'import { createRequire as __confkitRequire } from "node:module";',
      'import { fileURLToPath as __confkitPath } from "node:url";',
      'const require = __confkitRequire(import.meta.url);',
      'const __filename = __confkitPath(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});

// code-cache.ts finds the vendored files beside itself: it must have landed in a chunk.
const home = Object.entries(result.metafile.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith('src/code-cache.ts')));
if (home === undefined || !home[0].startsWith('dist/chunks/')) throw new Error(`build: src/code-cache.ts is in ${home?.[0]}, not in dist/chunks/`);

const { compileCommonJs } = await import('./dist/code-cache.js');
for (const { name, from, license, warm } of Object.values(VENDORED)) {
  const file = join(chunks, `${name}.cjs`);
  // As published (minifying it measured no faster once the code cache is there).
  copyFileSync(from, file);
  const licenseFile = join(dirname(from), license);
  if (existsSync(licenseFile)) copyFileSync(licenseFile, join(chunks, `${name}.LICENSE.txt`));
  const { exports, script } = compileCommonJs(file);
  warm(exports);
  writeFileSync(join(chunks, `${name}.cache`), script.createCachedData());
}

if (process.env.CONFKIT_BUNDLE_REPORT === '1') {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${file.padEnd(40)} ${(output.bytes / 1024).toFixed(1)} KiB`);
  }
}
