// Builds the executable: dist/bundle.cjs (the CLI and its libraries, one CommonJS bundle),
// dist/babel-parser.cjs and dist/luaparse.cjs (the parsers: @babel/parser as published, and the
// luaparse that prosody-config vendors; each loaded only when needed), dist/cli.cjs (the loader, see loader.cjs), and a V8 code cache for each of the three
// scripts, taken after a warm-up that runs the commands on a temp copy of examples/debian-tree.
// Then what ships beside it: the licences of the third-party code in it
// (dist/THIRD-PARTY-NOTICES.txt, and dist/third-party.json for the Debian package), the manual
// page (dist/jitsi-confkit.1) and the bash completion (dist/completion.bash), both made from the
// command spec by the compiled src/manual.ts and src/completion.ts.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thirdParty, thirdPartyText } from './third-party.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

const { metafile } = await build({
  entryPoints: [join(here, 'src/bin.ts')],
  // The package's own tsconfig (the root one maps the libraries to their sources): the bundle
  // takes the libraries as built, through their package exports.
  tsconfig: join(here, 'tsconfig.build.json'),
  outfile: join(dist, 'bundle.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // The oldest Node the package supports (engines): Debian 12's nodejs. esbuild lowers syntax
  // only; the Debian test runs the CLI on Debian 12's and 13's own nodejs.
  target: 'node18',
  // prosody-config imports its vendored luaparse as './vendor/luaparse.cjs' (see loader.cjs).
  external: ['@babel/parser', '*/vendor/luaparse.cjs'],
  // Whitespace and syntax only: identifiers keep their names for --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // The notices of the bundled packages are in THIRD-PARTY-NOTICES.txt, with their licences.
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const loader = join(dist, 'cli.cjs');
copyFileSync(join(here, 'loader.cjs'), loader);
chmodSync(loader, 0o755);

// The parsers as published (minifying them measured no faster once the code cache is there).
const vendored = [
  { file: 'babel-parser.cjs', from: createRequire(join(here, '../web-config/package.json')).resolve('@babel/parser') },
  // prosody-config's changed copy of luaparse, under luaparse's licence (the published package,
  // a development dependency of prosody-config, tells its name, version and licence).
  {
    file: 'luaparse.cjs',
    from: join(here, '../prosody-config/dist/vendor/luaparse.cjs'),
    licensedAs: createRequire(join(here, '../prosody-config/package.json')).resolve('luaparse'),
  },
];
for (const { file, from } of vendored) copyFileSync(from, join(dist, file));

const packages = thirdParty({ metafile, cwd: process.cwd(), bundleFile: 'bundle.cjs', vendored });
writeFileSync(join(dist, 'THIRD-PARTY-NOTICES.txt'), thirdPartyText(packages));
writeFileSync(join(dist, 'third-party.json'), `${JSON.stringify(packages, null, 2)}\n`);

const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const { manPage } = await import('./dist/manual.js');
const { bashCompletion } = await import('./dist/completion.js');
writeFileSync(join(dist, 'jitsi-confkit.1'), manPage(version));
writeFileSync(join(dist, 'completion.bash'), bashCompletion());

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
