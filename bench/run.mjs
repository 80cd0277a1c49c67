#!/usr/bin/env node
// pnpm bench: whole-process time and peak memory of the built CLI (packages/cli/dist/cli.cjs)
// against bare Node start-up (`node -e 0`) in the same run. Commands are interleaved round by
// round, each file is reset from a pristine copy before every run (outside the timing), and the
// report gives medians and ratios to `node -e 0`. Timing is wall-clock around spawnSync.
// Peak memory is measured in separate, untimed runs: bench/peak-rss.mjs is preloaded with
// `node --import` and records process.resourceUsage().maxRSS (getrusage) at exit, because
// /usr/bin/time -v is not everywhere.
//
// Environment: BENCH_RUNS (rounds, default 40), JITSI_CONFKIT_CORPUS (the real-config corpus;
// default ../shared/fixtures/real next to the checkout).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = join(repo, 'packages/cli/dist/cli.cjs');
const corpus = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repo, '..', 'shared', 'fixtures', 'real'));
const runs = Number(process.env.BENCH_RUNS ?? 40);

if (!existsSync(builtCli)) {
  console.error('bench: packages/cli/dist/cli.cjs is missing; run `pnpm build` first');
  process.exit(1);
}
if (!existsSync(join(corpus, 'MANIFEST.md'))) {
  console.error(`bench: the real-config corpus is missing at ${corpus} (set JITSI_CONFKIT_CORPUS)`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'confkit-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// The bundle is self-contained: run a copy, so that a rebuild during the benchmark cannot mix
// chunks of two builds.
cpSync(dirname(builtCli), join(work, 'dist'), { recursive: true });
const cli = join(work, 'dist/cli.cjs');

// The 2020-05 stable 4548 files, laid out as the Debian installer leaves them for meet.example.com.
const pristine = join(work, 'pristine');
const tree = join(work, 'tree');
const place = (rel, corpusRel, from, to) => {
  const file = join(pristine, rel);
  mkdirSync(dirname(file), { recursive: true });
  const text = readFileSync(join(corpus, corpusRel), 'latin1');
  writeFileSync(file, from === undefined ? text : text.replaceAll(from, to), 'latin1');
};
place('usr/share/jitsi-meet/interface_config.js', 'interface_config/jitsi-meet-2020-05-stable-4548.js');
place('etc/jitsi/meet/meet.example.com-config.js', 'config/jitsi-meet-2020-05-stable-4548.js', 'jitsi-meet.example.com', 'meet.example.com');
place('etc/prosody/conf.avail/meet.example.com.cfg.lua', 'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua', 'jitmeet.example.com', 'meet.example.com');
place('etc/jitsi/jicofo/sip-communicator.properties', 'jicofo/jitsi-meet-doc-scalable-jicofo-sip-communicator-2020-04-f2df590.properties');
mkdirSync(join(pristine, 'etc/prosody/conf.d'), { recursive: true });
symlinkSync('../conf.avail/meet.example.com.cfg.lua', join(pristine, 'etc/prosody/conf.d/meet.example.com.cfg.lua'));
const single = join(work, 'interface_config.js');
// A jicofo.conf beside the tree (the 2020 tree has none; in it, secure-domain would edit it too).
const jicofoConf = join(work, 'jicofo.conf');
cpSync(join(corpus, 'jicofo/jicofo-reference-2022-09-before-split.conf'), jicofoConf);
const reset = () => {
  rmSync(tree, { recursive: true, force: true });
  cpSync(pristine, tree, { recursive: true, verbatimSymlinks: true });
  cpSync(join(pristine, 'usr/share/jitsi-meet/interface_config.js'), single);
};

// For comparison, the same executable without its V8 code caches (what they buy).
const nocache = join(work, 'nocache');
cpSync(join(work, 'dist'), nocache, { recursive: true });
for (const name of ['bundle.cjs', 'babel-parser.cjs', 'luaparse.cjs']) rmSync(join(nocache, `${name}.cache`));
const uncached = join(nocache, 'cli.cjs');

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'jitsi-confkit --help', args: [cli, '--help'] },
  { name: '  same, without code caches', args: [uncached, '--help'] },
  { name: 'browsers move firefox --to unsupported --file <2020 file>', args: [cli, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--file', single] },
  { name: '  same, --dry-run (no write, no fsync)', args: [cli, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--file', single, '--dry-run'] },
  { name: '  same, without code caches', args: [uncached, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--file', single] },
  {
    name: 'get <Prosody file> host:meet.example.com/authentication',
    args: [cli, 'get', join(tree, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'), 'host:meet.example.com/authentication'],
  },
  { name: '  same, without code caches', args: [uncached, 'get', join(tree, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'), 'host:meet.example.com/authentication'] },
  // get on each other kind: one document interface, each kind's library (and parser) loaded alone.
  { name: 'get <interface_config.js> APP_NAME', args: [cli, 'get', single, 'APP_NAME'] },
  { name: 'get <config.js> hosts.domain', args: [cli, 'get', join(tree, 'etc/jitsi/meet/meet.example.com-config.js'), 'hosts.domain'] },
  { name: 'get <jicofo.conf> jicofo.authentication.authentication-lifetime', args: [cli, 'get', jicofoConf, 'jicofo.authentication.authentication-lifetime'] },
  {
    name: 'get <sip-communicator.properties> org.jitsi.jicofo.BRIDGE_MUC',
    args: [cli, 'get', join(tree, 'etc/jitsi/jicofo/sip-communicator.properties'), 'org.jitsi.jicofo.BRIDGE_MUC'],
  },
  { name: 'secure-domain enable --root <2020 tree>', args: [cli, 'secure-domain', 'enable', '--root', tree] },
  { name: '  same, --dry-run (no write, no fsync)', args: [cli, 'secure-domain', 'enable', '--root', tree, '--dry-run'] },
];

const run = (args, env = process.env) => {
  reset();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`bench: ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
};

for (const c of cases) run(c.args); // warm the file system cache
const times = cases.map(() => []);
for (let round = 0; round < runs; round++) {
  cases.forEach((c, i) => times[i].push(run(c.args)));
}

const rssFile = join(work, 'rss');
const peak = cases.map((c) => {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    rmSync(rssFile, { force: true });
    run(['--import', join(repo, 'bench/peak-rss.mjs'), ...c.args], { ...process.env, CONFKIT_BENCH_RSS_FILE: rssFile });
    samples.push(Number(readFileSync(rssFile, 'utf8').trim()));
  }
  return median(samples) / 1024;
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const base = median(times[0]);
const baseRss = peak[0];
const width = Math.max(...cases.map((c) => c.name.length));
console.log(`jitsi-confkit start-up, ${runs} interleaved rounds, Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`${'command'.padEnd(width)}  median ms  ratio  peak RSS MiB  ratio`);
cases.forEach((c, i) => {
  const ms = median(times[i]);
  console.log(
    `${c.name.padEnd(width)}  ${ms.toFixed(1).padStart(9)}  ${(ms / base).toFixed(2).padStart(5)}  ${peak[i].toFixed(1).padStart(12)}  ${(peak[i] / baseRss).toFixed(2).padStart(5)}`,
  );
});

/** Runs one in-process benchmark script (after a blank line) and passes on what it reports. */
function part(args) {
  console.log('');
  const result = spawnSync(process.execPath, args, { env: { ...process.env, JITSI_CONFKIT_CORPUS: corpus }, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exitCode = 1;
  }
}

// In-process: the library operations, each as a ratio to the bare parse of the same file by the
// parser it is built on (so the figure says what the model and the edit cost on top of parsing).
part([join(repo, 'bench/library.mjs')]);

// web-config's documents at scale: the N-edit curve of MeetConfig, 1,000 sets in one batch with
// the parses counted, and the peak heap of one edit (bench/babel-probe.cjs counts the parses).
part(['--require', join(repo, 'bench/babel-probe.cjs'), join(repo, 'bench/web-config.mjs')]);

// jicofo-config's documents: one verified edit on real files, the N-edit curve and a batch of a
// generated 3,000-key jicofo.conf (the parses counted), and the peak heap of one edit.
part([join(repo, 'bench/jicofo.mjs')]);

// prosody-config's documents: one verified edit against a parse, the N-edit curve of
// ProsodyConfig, 1,000 sets in one batch with the parses counted, and the peak heap of one edit.
part(['--expose-gc', join(repo, 'bench/prosody.mjs')]);

// The N-edit curve: the k-th verified edit on one document, with core's EditSession and with
// today's composeEdits, as ratios to one parse in the same run.
part([join(repo, 'bench/edit-curve.mjs')]);
