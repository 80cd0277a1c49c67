// Prosody edits in process (run by bench/run.mjs after `pnpm build`), each as a ratio to a parse of
// the same file in the same run:
//   - one verified edit on the 2020-05 per-host template (parse, plan, re-parse, read back,
//     toString): enableSecureDomain (target <= 2.2x the vendored luaparse) and one `set` of the
//     main host's authentication (target <= 2.0x); the published luaparse 0.3.1 is shown as a
//     second baseline;
//   - N edits on one document: a generated Prosody config of 3,000 settings in one VirtualHost;
//     the k-th verified `set` of a distinct existing setting, for k = 1, 10, 100, 1,000, 3,000
//     (target: flat), and 1,000 of them in one batch (the parses it costs, target: a few);
//   - peak memory of one `set` on that file: the most heap held at any parse during it (after a
//     full collection) against what one parsed document holds (target <= 1.5x), in a child
//     process started with --expose-gc.
// Parses are counted by wrapping the vendored parser's `parse`, which the library calls.
//
// Environment: BENCH_RUNS_IN_PROCESS (runs of each single edit, default 2000), BENCH_CURVE_PASSES
// (default 3), JITSI_CONFKIT_CORPUS.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, medians, time } from './cpu-time.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repo, '..', 'shared', 'fixtures', 'real'));
const runs = Number(process.env.BENCH_RUNS_IN_PROCESS ?? 2000);
const passes = Number(process.env.BENCH_CURVE_PASSES ?? 3);
const pkgDir = join(repo, 'packages/prosody-config');
const requirePkg = createRequire(join(pkgDir, 'package.json'));
const vendored = requirePkg('./dist/vendor/luaparse.cjs');
const published = requirePkg('luaparse');
const publishedVersion = requirePkg('luaparse/package.json').version;
const { parseProsodyConfig } = await import(pathToFileURL(join(pkgDir, 'dist/index.js')).href);

// The options the library parses with (src/lua.ts), without its node callback.
const options = { comments: true, ranges: true, locations: false, scope: false, luaVersion: '5.3', encodingMode: 'pseudo-latin1' };
const vendoredOptions = { ...options, maxLevels: 196 };

let parses = 0;
let onParse;
const parse = vendored.parse;
vendored.parse = function counted(...args) {
  parses++;
  const result = parse.apply(this, args);
  onParse?.();
  return result;
};
const vendoredParse = (text) => parse.call(vendored, text, vendoredOptions);
const publishedParse = (text) => published.parse(text, options);

const KEYS = 3000;
const generated = [
  '-- generated: one VirtualHost with many settings',
  'VirtualHost "meet.example.com"',
  ...Array.from({ length: KEYS }, (_, i) => `    key${i} = "value ${i}"`),
  '',
].join('\n');
const keyOf = (k) => `key${((k - 1) * 1543) % KEYS}`;
const HOST = { host: 'meet.example.com' };

if (process.argv[2] === '--memory') {
  memory();
} else {
  timing();
}

/** Peak heap of one set against the heap one parsed document holds (needs --expose-gc). */
function memory() {
  const heap = () => {
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const samples = (fn) => {
    const base = heap();
    let peak = 0;
    onParse = () => {
      peak = Math.max(peak, heap() - base);
    };
    const kept = fn();
    onParse = undefined;
    peak = Math.max(peak, heap() - base);
    return { peak, kept: kept === undefined ? 0 : 1 };
  };
  const doc = [];
  const edit = [];
  for (let i = 0; i < 7; i++) {
    doc.push(samples(() => parseProsodyConfig(generated, { encoding: 'latin1' })).peak);
    edit.push(samples(() => parseProsodyConfig(generated, { encoding: 'latin1' }).set(HOST, keyOf(7), 'edited')).peak);
  }
  console.log(JSON.stringify({ document: median(doc), edit: median(edit) }));
}

function timing() {
  const lua = readFileSync(join(corpus, 'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua'), 'latin1');
  const host = { host: 'jitmeet.example.com' };
  const single = [
    {
      name: 'enableSecureDomain, 2020-05 template',
      op: () => parseProsodyConfig(lua, { encoding: 'latin1' }).enableSecureDomain('jitmeet.example.com').toString(),
      target: 2.2,
    },
    {
      name: 'set authentication, 2020-05 template',
      op: () => parseProsodyConfig(lua, { encoding: 'latin1' }).set(host, 'authentication', 'internal_hashed').toString(),
      target: 2.0,
    },
  ];
  parses = 0;
  single[0].op();
  const enableParses = parses;
  parses = 0;
  single[1].op();
  const setParses = parses;
  console.log(`Prosody edits in process, median of ${runs} runs each, ratio to a parse of the same file in the same run`);
  console.log(
    `${'operation'.padEnd(38)}  ${'op ms'.padStart(6)}  ${'vendored'.padStart(8)}  ${'ratio'.padStart(5)}  target  ${`luaparse ${publishedVersion}`.padStart(14)}  ratio  parses`,
  );
  for (const [row, count] of /** @type {const} */ ([
    [single[0], enableParses],
    [single[1], setParses],
  ])) {
    const [op, v, p] = medians([row.op, () => vendoredParse(lua), () => publishedParse(lua)], runs);
    console.log(
      `${row.name.padEnd(38)}  ${op.toFixed(3).padStart(6)}  ${v.toFixed(3).padStart(8)}  ${(op / v).toFixed(2).padStart(5)}  ${`<= ${row.target}`.padStart(6)}  ${p.toFixed(3).padStart(14)}  ${(op / p).toFixed(2).padStart(5)}  ${String(count).padStart(6)}`,
    );
  }

  // The N-edit curve.
  const hasBatch = typeof parseProsodyConfig('').batch === 'function';
  const ks = [1, 10, 100, 1000, 3000];
  const WINDOW = 9;
  const parseTimes = [];
  const curve = new Map(ks.map((k) => [k, []]));
  /** A document with the sets before k's window made (in one batch where there is one), and the window timed. */
  const window = (k) => {
    const first = Math.min(Math.max(1, k - (WINDOW >> 1)), KEYS - WINDOW + 1);
    const cfg = parseProsodyConfig(generated, { encoding: 'latin1' });
    const before = () => {
      for (let j = 1; j < first; j++) cfg.set(HOST, keyOf(j), `edited ${j}`);
    };
    if (hasBatch) cfg.batch(before);
    else before();
    for (let i = 0; i < WINDOW; i++) {
      parseTimes.push(time(() => vendoredParse(generated)));
      const k2 = first + i;
      curve.get(k).push(time(() => cfg.set(HOST, keyOf(k2), `edited ${k2}`)));
    }
  };
  window(10);
  parseTimes.length = 0;
  for (const k of ks) curve.get(k).length = 0;
  for (let pass = 0; pass < passes; pass++) for (const k of ks) window(k);
  const parseMs = median(parseTimes);
  console.log('');
  console.log(
    `N edits on one document: a generated Prosody config, ${KEYS} settings in one VirtualHost (${(generated.length / 1024).toFixed(0)} KiB); the k-th \`set\` of a distinct existing setting,` +
      ` re-parsed and read back; median of ${WINDOW} edits around k, ${passes} passes; ratio to one vendored luaparse parse (${parseMs.toFixed(3)} ms, CPU time)`,
  );
  for (const k of ks) console.log(`${String(k).padStart(5)}  ${(median(curve.get(k)) / parseMs).toFixed(2).padStart(6)}`);
  console.log(`k = 3,000 / k = 1: ${(median(curve.get(3000)) / median(curve.get(1))).toFixed(2)} (target: flat, ~1)`);

  // 1,000 sets of distinct existing settings in one batch (document creation included).
  if (hasBatch) {
    const batchTimes = [];
    const batchParseTimes = [];
    let batchParses = 0;
    for (let round = -2; round < 3 * passes; round++) {
      // A full collection first (with --expose-gc, as bench/run.mjs starts this script): the
      // garbage of the round before would otherwise be collected, by chance, in this one.
      globalThis.gc?.();
      const p = time(() => vendoredParse(generated));
      globalThis.gc?.();
      parses = 0;
      const t = time(() => {
        const cfg = parseProsodyConfig(generated, { encoding: 'latin1' });
        cfg.batch(() => {
          for (let k = 1; k <= 1000; k++) cfg.set(HOST, keyOf(k), `edited ${k}`);
        });
        return cfg.toString();
      });
      batchParses = parses;
      if (round < 0) continue;
      batchParseTimes.push(p);
      batchTimes.push(t);
    }
    console.log(
      `1,000 sets of distinct existing settings in one batch: ${batchParses} parses in all, ${(median(batchTimes) / median(batchParseTimes)).toFixed(2)}x one parse of time (target: a few), document creation included`,
    );
  } else {
    console.log('1,000 sets in one batch: no batch() in this version');
  }

  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory'], { encoding: 'utf8', env: process.env });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exitCode = 1;
    return;
  }
  const { document, edit } = JSON.parse(child.stdout);
  console.log(
    `peak heap of one set on that file: ${(edit / 1048576).toFixed(1)} MiB, ${(edit / document).toFixed(2)}x what one parsed document holds (${(document / 1048576).toFixed(1)} MiB; target <= 1.5)`,
  );
}
