// Bundles the CLI into dist/cli.js (ESM, code-split): the entry holds the argument parser, file
// handling and output; each library (and so each parser: Babel, luaparse) lands in a chunk of its
// own that is loaded by a dynamic import only when a file of its language is touched.
//
// The two parsers are CommonJS files that Node 20 would compile on every run: they are copied
// beside the chunks as dist/chunks/<name>.cjs and loaded through src/code-cache.ts with a V8 code
// cache (<name>.cache) made here, after a warm-up parse, by the Node that runs the build.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { banner, vendoredParsers, writeVendored } from './esbuild.shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const chunks = join(here, 'dist/chunks');
rmSync(chunks, { recursive: true, force: true });
mkdirSync(chunks, { recursive: true });

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
  // Whitespace and syntax only: identifiers keep their names, so error classes keep theirs in
  // --debug output (esbuild's keepNames would do it at run time, at a cost in start-up).
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  legalComments: 'linked',
  plugins: [vendoredParsers],
  banner: { js: banner },
  logLevel: 'warning',
});

// code-cache.ts finds the vendored files beside itself: it must have landed in a chunk.
const home = Object.entries(result.metafile.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith('src/code-cache.ts')));
if (home === undefined || !home[0].startsWith('dist/chunks/')) throw new Error(`build: src/code-cache.ts is in ${home?.[0]}, not in dist/chunks/`);
await writeVendored(chunks);
chmodSync(join(here, 'dist/cli.js'), 0o755);

if (process.env.CONFKIT_BUNDLE_REPORT === '1') {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${file.padEnd(40)} ${(output.bytes / 1024).toFixed(1)} KiB`);
  }
}
