// Bundles the CLI into dist/cli.js (ESM, code-split): the entry holds the argument parser, file
// handling and output; each library (and so each parser: Babel, luaparse) lands in a chunk of its
// own that is loaded by a dynamic import only when a file of its language is touched.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('./dist/chunks', import.meta.url), { recursive: true, force: true });

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

if (process.env.CONFKIT_BUNDLE_REPORT === '1') {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${file.padEnd(40)} ${(output.bytes / 1024).toFixed(1)} KiB`);
  }
}
