// web-config's edits at scale (run by bench/run.mjs after `pnpm build`, with bench/babel-probe.cjs
// preloaded to count @babel/parser's calls), as ratios to a plain @babel/parser parse of the same
// file (default options, the floor) measured in the same run:
//   - N edits: the k-th verified MeetConfig.set of a distinct existing key of a generated 3,000-key
//     config.js, for k = 1, 10, 100, 1,000 and 3,000 (target: flat, from the first to the last);
//   - 1,000 such sets inside one doc.batch, session creation included: the whole-file parses it
//     costs (target: at most 3) and its time;
//   - peak memory of one edit (moveBrowser on the 2020-05 interface_config.js with 3,000 keys more,
//     set on the 3,000-key config.js, so that a tree weighs megabytes): the heap right after each
//     parse inside the edit and once it is done, garbage collected, against the heap one parse of
//     the file holds (target: at most 1.5). In a child process with --expose-gc; never timed.
//
// Environment: BENCH_CURVE_PASSES (default 5); BENCH_WEB_CONFIG (another build of web-config's
// dist/index.js, to measure an older version the same way: without batch(), the batch row makes
// the sets one by one); JITSI_CONFKIT_CORPUS.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, time } from './cpu-time.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repo, '..', 'shared', 'fixtures', 'real'));
const passes = Number(process.env.BENCH_CURVE_PASSES ?? 5);
const webConfig = process.env.BENCH_WEB_CONFIG ?? join(repo, 'packages/web-config/dist/index.js');
const { parseInterfaceConfig, parseMeetConfig } = await import(pathToFileURL(webConfig).href);
const babel = createRequire(join(repo, 'packages/web-config/package.json'))('@babel/parser');
const probe = globalThis.__confkitBabelProbe;
if (probe === undefined) {
  console.error('bench/web-config.mjs: run it with --require bench/babel-probe.cjs (bench/run.mjs does)');
  process.exit(1);
}

const KEYS = 3000;
const big = ['var config = {', ...Array.from({ length: KEYS }, (_, i) => `    key${i}: 'value ${i}',`), '};', ''].join('\n');
const ui = readFileSync(join(corpus, 'interface_config/jitsi-meet-2020-05-stable-4548.js'), 'utf8');
const plainParse = (text) => babel.parse(text, { sourceType: 'script' });
// The k-th edit sets a key spread over the file (not the next line each time).
const keyOf = (k) => `key${((k - 1) * 1543) % KEYS}`;
const valueOf = (k) => `edited ${k}`;
const batching = typeof parseMeetConfig('').batch === 'function';

if (process.argv[2] === '--peak') {
  // Child process: peak heap of one edit, in units of the heap one parse holds.
  const measure = (text, edit) => {
    const ratios = [];
    for (let round = 0; round < 7; round++) {
      globalThis.gc();
      const base = process.memoryUsage().heapUsed;
      const held = [plainParse(text)];
      globalThis.gc();
      const one = process.memoryUsage().heapUsed - base;
      held.length = 0;
      globalThis.gc();
      const start = process.memoryUsage().heapUsed;
      probe.heap = [];
      probe.sampling = true;
      const doc = edit();
      probe.sampling = false;
      globalThis.gc();
      const kept = process.memoryUsage().heapUsed;
      ratios.push((Math.max(kept, ...probe.heap) - start) / one);
      if (doc.toString().length === 0 || held.length !== 0) throw new Error('bench: nothing edited');
    }
    return ratios.sort((a, b) => a - b)[3];
  };
  // The 2020-05 file with 3,000 more keys, so that a tree weighs megabytes, well above the heap's noise.
  const open = ui.indexOf('{', ui.indexOf('var interfaceConfig')) + 1;
  const bigUi = ui.slice(0, open) + Array.from({ length: KEYS }, (_, i) => `\n    EXTRA_${i}: 'value ${i}',`).join('') + ui.slice(open);
  const move = measure(bigUi, () => parseInterfaceConfig(bigUi).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'));
  const set = measure(big, () => parseMeetConfig(big).set('key1500', 'edited'));
  console.log(JSON.stringify({ move, set }));
  process.exit(0);
}

const WINDOW = 9;
const ks = (process.env.BENCH_CURVE_KS ?? '1,10,100,1000,3000').split(',').map(Number);
const windowStart = (k) => Math.min(Math.max(1, k - (WINDOW >> 1)), KEYS - WINDOW + 1);
const parseTimes = [];

/** A document with the sets before `first` made (in one batch where there is one). */
function prepared(first) {
  const doc = parseMeetConfig(big);
  const sets = (d) => {
    for (let j = 1; j < first; j++) d.set(keyOf(j), valueOf(j));
  };
  if (batching) doc.batch(sets);
  else sets(doc);
  return doc;
}

/** Times the WINDOW edits from `first` on, each next to a plain parse of the file (interleaved). */
function curveWindow(k) {
  const first = windowStart(k);
  const doc = prepared(first);
  const out = [];
  for (let i = 0; i < WINDOW; i++) {
    parseTimes.push(time(() => plainParse(big)));
    out.push(time(() => doc.set(keyOf(first + i), valueOf(first + i))));
  }
  return out;
}

for (let i = 0; i < 20; i++) plainParse(big);
curveWindow(10);
parseTimes.length = 0;

// 1,000 sets of distinct existing keys in one batch, session creation included, in blocks against
// as many plain parses, interleaved; the whole-file parses and the value parses it costs, counted.
const BLOCK = 3;
const batchTimes = [];
const batchParseTimes = [];
let batchParses = 0;
let batchExpressions = 0;
const oneBatch = () => {
  const doc = parseMeetConfig(big);
  const sets = (d) => {
    for (let k = 1; k <= 1000; k++) d.set(keyOf(k), valueOf(k));
  };
  if (batching) doc.batch(sets);
  else sets(doc);
  return doc;
};
for (let round = -1; round < 2 * passes; round++) {
  const parseMs = time(() => {
    for (let i = 0; i < BLOCK; i++) plainParse(big);
  });
  const before = { parses: probe.parses, expressions: probe.expressions };
  const batchMs = time(() => {
    for (let i = 0; i < BLOCK; i++) oneBatch();
  });
  batchParses = (probe.parses - before.parses) / BLOCK;
  batchExpressions = (probe.expressions - before.expressions) / BLOCK;
  if (round < 0) continue; // warm-up
  batchParseTimes.push(parseMs / BLOCK);
  batchTimes.push(batchMs / BLOCK);
}

const curve = new Map(ks.map((k) => [k, []]));
for (let pass = 0; pass < passes; pass++) for (const k of ks) curve.get(k).push(...curveWindow(k));
const parseMs = median(parseTimes);

const peak = spawnSync(process.execPath, ['--expose-gc', '--require', join(repo, 'bench/babel-probe.cjs'), fileURLToPath(import.meta.url), '--peak'], {
  env: process.env,
  encoding: 'utf8',
});
if (peak.status !== 0) {
  process.stderr.write(peak.stderr);
  process.exit(1);
}
const peaks = JSON.parse(peak.stdout);

console.log(
  `web-config, N edits on one MeetConfig: a generated config.js of ${KEYS} keys (${(big.length / 1024).toFixed(0)} KiB); the k-th set of a distinct existing key, verified;` +
    ` median of ${WINDOW} edits around k, ${passes} passes; ratio to one plain @babel/parser parse of the file (${parseMs.toFixed(3)} ms) in the same run`,
);
console.log(`${'k'.padStart(5)}  ${'per edit'.padStart(8)}`);
for (const k of ks) console.log(`${String(k).padStart(5)}  ${(median(curve.get(k)) / parseMs).toFixed(2).padStart(8)}`);
const flat = median(curve.get(ks.at(-1))) / median(curve.get(ks[0]));
console.log(`per edit at k = ${ks.at(-1)} / at k = ${ks[0]}: ${flat.toFixed(2)} (target: flat, ~1)`);
console.log(
  `1,000 sets of distinct existing keys ${batching ? 'in one batch' : 'one by one (no batch in this version)'}: ${batchParses} whole-file parses` +
    ` (+ ${batchExpressions} value parses), ${(median(batchTimes) / median(batchParseTimes)).toFixed(2)}x one parse of time (target: at most 3 parses), session creation included`,
);
console.log(
  `peak heap of one edit, in parses of the file held (target <= 1.5): moveBrowser on the 2020-05 interface_config.js with ${KEYS} keys more ${peaks.move.toFixed(2)};` +
    ` set of one key of the ${KEYS}-key config.js ${peaks.set.toFixed(2)}`,
);
