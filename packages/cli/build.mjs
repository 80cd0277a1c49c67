// Builds the executable: dist/bundle.cjs (the CLI and its libraries, one CommonJS bundle),
// dist/babel-parser.cjs and dist/luaparse.cjs (the parsers, as published, loaded only when
// needed), dist/cli.cjs (the loader, see loader.cjs), and a V8 code cache for each of the three
// scripts, taken after a warm-up that runs the commands on a temp copy of examples/debian-tree.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

await build({
  entryPoints: [join(here, 'src/bin.ts')],
  // The package's own tsconfig (the root one maps the libraries to their sources): the bundle
  // takes the libraries as built, through their package exports.
  tsconfig: join(here, 'tsconfig.build.json'),
  outfile: join(dist, 'bundle.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['@babel/parser', 'luaparse'],
  // Whitespace and syntax only: identifiers keep their names for --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

const loader = join(dist, 'cli.cjs');
copyFileSync(join(here, 'loader.cjs'), loader);
chmodSync(loader, 0o755);

// The parsers as published (minifying them measured no faster once the code cache is there).
const vendored = {
  'babel-parser': { from: createRequire(join(here, '../web-config/package.json')).resolve('@babel/parser'), license: '../LICENSE' },
  luaparse: { from: createRequire(join(here, '../prosody-config/package.json')).resolve('luaparse'), license: 'LICENSE' },
};
for (const [name, { from, license }] of Object.entries(vendored)) {
  copyFileSync(from, join(dist, `${name}.cjs`));
  const licenseFile = join(dirname(from), license);
  if (existsSync(licenseFile)) copyFileSync(licenseFile, join(dist, `${name}.LICENSE.txt`));
}

// Warm-up: run the commands in this process so that the functions they use are compiled, then
// take each script's code cache. Old caches are removed first so that the warm-up compiles.
for (const name of ['bundle.cjs', 'babel-parser.cjs', 'luaparse.cjs']) rmSync(join(dist, `${name}.cache`), { force: true });
const { load } = createRequire(import.meta.url)(loader);
const { run } = load('bundle.cjs').exports;
const tree = mkdtempSync(join(tmpdir(), 'confkit-warm-up-'));
try {
  cpSync(join(here, '../../examples/debian-tree'), tree, { recursive: true, verbatimSymlinks: true });
  const io = { stdout() {}, stderr() {}, env: { NO_COLOR: '1' }, cwd: tree, isTTY: false, now: () => new Date() };
  const commands = [
    ['--help'],
    ['browsers', 'list', '--root', '.'],
    ['browsers', 'move', 'firefox', '--to', 'unsupported', '--root', '.', '--dry-run'],
    ['browsers', 'move', 'firefox', '--to', 'unsupported', '--root', '.'],
    ['secure-domain', 'enable', '--root', '.', '--dry-run', '--json'],
    ['secure-domain', 'enable', '--root', '.'],
    ['check', '--root', '.'],
    ['get', 'etc/prosody/conf.avail/meet.example.com.cfg.lua', 'host:meet.example.com/authentication'],
    ['get', 'etc/jitsi/jicofo/jicofo.conf', 'jicofo.authentication.enabled'],
    ['set', 'etc/jitsi/jicofo/sip-communicator.properties', 'org.jitsi.jicofo.auth.URL', 'XMPP:meet.example.com'],
  ];
  for (const argv of commands) {
    const status = await run(argv, io);
    if (status !== 0) throw new Error(`build: warm-up command failed (${status}): jitsi-confkit ${argv.join(' ')}`);
  }
} finally {
  rmSync(tree, { recursive: true, force: true });
}
for (const name of ['bundle.cjs', 'babel-parser.cjs', 'luaparse.cjs']) {
  writeFileSync(join(dist, `${name}.cache`), load(name).script.createCachedData());
}
