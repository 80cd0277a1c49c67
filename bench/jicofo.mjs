// jicofo.conf and .properties edits (run by bench/run.mjs after `pnpm build`), each as a ratio to
// the project's parse of the same text, measured in the same run:
//   1. one verified edit on real files: the document's parse, the edit (planned, applied, parsed
//      again or verified locally, read back) and toString(), against parseHocon (the project's
//      HOCON parse: the lossless syntax tree) and, for .properties, parseProperties;
//   2. N edits on one document: the k-th `set` of a distinct existing key of a generated jicofo.conf
//      of 3,000 keys, outside batches, for k = 1, 10, 100, 1,000 and 3,000 (median of the 9 edits
//      around k), and what reading the edits after 3,000 commits costs;
//   3. 1,000 sets of distinct existing keys of that file in one batch: whole-file and local parses, and time;
//   4. peak live heap of one edit, against the live heap of a parse of the same file (a child
//      process with --expose-gc: the heap is measured after a full collection at the end of every
//      parse the edit makes, the moments when it holds the most).
// With BENCH_JICOFO_BEFORE=<a built jicofo-config's dist/index.js> (an earlier version of the
// package), 1 and 2 show its figures next to these, measured in the same run.
//
// Environment: BENCH_RUNS_IN_PROCESS (default 2000), BENCH_CURVE_PASSES (default 3),
// JITSI_CONFKIT_CORPUS.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, medians as interleaved, time } from './cpu-time.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => pathToFileURL(join(repo, 'packages/jicofo-config/dist', file)).href;
const { parseJicofoConf, parseProperties } = await import(dist('index.js'));
const { parseHocon } = await import(dist('hocon/parse.js'));
const { hoconKind } = await import(dist('hocon/kind.js'));

const KEYS = 3000;
const generated = ['jicofo {', ...Array.from({ length: KEYS }, (_, i) => `  key${i} = "value ${i}"`), '}', ''].join('\n');
const keyOf = (k) => `jicofo.key${((k - 1) * 1543) % KEYS}`;
const valueOf = (k) => `edited ${k}`;

if (process.argv[2] === '--memory') {
  memory();
  process.exit(0);
}

const corpus = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repo, '..', 'shared', 'fixtures', 'real'));
const runs = Number(process.env.BENCH_RUNS_IN_PROCESS ?? 2000);
const passes = Number(process.env.BENCH_CURVE_PASSES ?? 3);
const beforePath = process.env.BENCH_JICOFO_BEFORE;
const before = beforePath === undefined ? undefined : await import(pathToFileURL(resolve(beforePath)).href);

const medians = (fns) => interleaved(fns, runs);

// ---------------------------------------------------------------- 1. one verified edit

/** @typedef {{ file: string, ops: [string, (doc: any) => { toString(): string }][] }} Case a corpus file and the edits timed on it */
/** @type {Case[]} */
const FILES = [
  {
    file: 'jicofo/jicofo-reference-2026-08-master-7ebb13d.conf',
    ops: [
      ['set an existing key', (p) => p.set('jicofo.conference.max-ssrcs-per-user', 40)],
      ['set a new key in an existing object', (p) => p.set('jicofo.authentication.login-url', 'meet.example.com')],
      ['set a new object in jicofo { }', (p) => p.set('jicofo.confkit.enabled', true)],
      ['delete a key', (p) => p.delete('jicofo.conference.min-participants')],
    ],
  },
  {
    file: 'jicofo/jicofo-selector-reference-2026-07-before-module-split.conf',
    ops: [
      ['set an existing key', (p) => p.set('jicofo.bridge.max-bridge-participants', 40)],
      ['set a new key in an existing object', (p) => p.set('jicofo.bridge.confkit', 'x')],
    ],
  },
  {
    file: 'jicofo/wild/qkit-docker-2023-06-jicofo-auth-xmpp.conf',
    ops: [
      ['set an existing key', (p) => p.set('jicofo.authentication.type', 'JWT')],
      ['set a new key in an existing object', (p) => p.set('jicofo.conference.enable-auto-owner', false)],
    ],
  },
];

/** @type {Case} */
const PROPERTIES = {
  file: 'jicofo/jitsi-meet-doc-scalable-jicofo-sip-communicator-2020-04-f2df590.properties',
  ops: [
    ['set an existing key', (p) => p.set('org.jitsi.jicofo.BRIDGE_MUC', 'JvbBrewery@internal.auth.meet.example.com')],
    ['append a key', (p) => p.set('org.jitsi.jicofo.auth.URL', 'XMPP:meet.example.com')],
  ],
};

const rows = [];
for (const { file, ops } of FILES) {
  const text = readFileSync(join(corpus, file), 'utf8');
  for (const [name, op] of ops) {
    const fns = [() => parseHocon(text), () => op(parseJicofoConf(text)).toString()];
    if (before) fns.push(() => op(before.parseJicofoConf(text)).toString());
    const [parse, ours, theirs] = medians(fns);
    rows.push({ what: `${file.split('/').pop()}: ${name}`, parse, ours, theirs, base: 'parseHocon' });
  }
}
{
  const text = readFileSync(join(corpus, PROPERTIES.file), 'utf8');
  for (const [name, op] of PROPERTIES.ops) {
    const fns = [() => parseProperties(text), () => op(parseProperties(text)).toString()];
    if (before) fns.push(() => op(before.parseProperties(text)).toString());
    const [parse, ours, theirs] = medians(fns);
    rows.push({ what: `${PROPERTIES.file.split('/').pop()}: ${name}`, parse, ours, theirs, base: 'parseProperties' });
  }
}

const width = Math.max(...rows.map((r) => r.what.length));
console.log(`jicofo-config: one verified edit (read, edit, toString) on real files, median of ${runs} runs, ratio to the project's parse of the file in the same run`);
console.log(`${'file: operation'.padEnd(width)}  parse ms  ${before ? 'before  ' : ''}ratio  target`);
for (const r of rows) {
  const target = r.what.includes('.conf: set') ? '<= 2' : '';
  console.log(
    `${r.what.padEnd(width)}  ${r.parse.toFixed(3).padStart(8)}  ${before ? `${(r.theirs / r.parse).toFixed(2).padStart(6)}  ` : ''}${(r.ours / r.parse).toFixed(2).padStart(5)}  ${target.padStart(6)}   (${r.base})`,
  );
}

// ---------------------------------------------------------------- 2. N edits on one document

const WINDOW = 9;
const ks = [1, 10, 100, 1000, 3000];
const windowStart = (k) => Math.min(Math.max(1, k - (WINDOW >> 1)), KEYS - WINDOW + 1);

/** One pass of 3,000 sets, one by one, timing those in the windows around each k, each next to a parse. */
function curvePass(parse, sets, parseTimes) {
  const doc = parse(generated);
  const out = new Map(ks.map((k) => [k, []]));
  const inWindow = new Map();
  for (const k of ks) for (let j = windowStart(k); j < windowStart(k) + WINDOW; j++) inWindow.set(j, k);
  for (let j = 1; j <= KEYS; j++) {
    const k = inWindow.get(j);
    if (k === undefined) {
      sets(doc, j);
      continue;
    }
    parseTimes.push(time(() => parseHocon(generated)));
    out.get(k).push(time(() => sets(doc, j)));
  }
  return { doc, out };
}

const set = (doc, j) => doc.set(keyOf(j), valueOf(j));
for (let i = 0; i < 20; i++) parseHocon(generated);
curvePass(parseJicofoConf, set, []); // warm-up
const parseTimes = [];
const ours = new Map(ks.map((k) => [k, []]));
const editsTimes = [];
for (let pass = 0; pass < passes; pass++) {
  const { doc, out } = curvePass(parseJicofoConf, set, parseTimes);
  for (const k of ks) ours.get(k).push(...out.get(k));
  editsTimes.push(time(() => doc.edits));
}
const theirs = new Map(ks.map((k) => [k, []]));
if (before) {
  const { out } = curvePass(before.parseJicofoConf, set, parseTimes);
  for (const k of ks) theirs.get(k).push(...out.get(k));
}
const parseMs = median(parseTimes);
console.log('');
console.log(
  `jicofo-config: N edits on one document, a generated jicofo.conf of ${KEYS} keys (${(generated.length / 1024).toFixed(0)} KiB); the k-th set of a distinct existing key, outside batches;` +
    ` median of ${WINDOW} edits around k, ${passes} passes; ratio to one parseHocon of the file (${parseMs.toFixed(3)} ms) in the same run`,
);
console.log(`${'k'.padStart(5)}  ${before ? `${'before'.padStart(8)}  ` : ''}${'now'.padStart(6)}`);
for (const k of ks) {
  const now = median(ours.get(k)) / parseMs;
  console.log(`${String(k).padStart(5)}  ${before ? `${(median(theirs.get(k)) / parseMs).toFixed(2).padStart(8)}  ` : ''}${now.toFixed(2).padStart(6)}`);
}
console.log(
  `k = 3,000 / k = 1: ${(median(ours.get(3000)) / median(ours.get(1))).toFixed(2)} (target: flat); reading the edits after ${KEYS} commits: ${(median(editsTimes) / parseMs).toFixed(2)}x one parse in all`,
);

// ---------------------------------------------------------------- 3. a batch

// Whole-file parses: every parse, and every reparse that did not build its result from the previous
// parse the session handed over (local verification keeps its root).
let parses = 0;
let local = 0;
const { parse: plainParse, reparse } = hoconKind;
hoconKind.parse = function counted(text) {
  parses++;
  return plainParse.call(this, text);
};
hoconKind.reparse = function counted(text, change) {
  let root;
  const takePrevious = () => {
    const previous = change.takePrevious();
    root = previous?.root;
    return previous;
  };
  const result = reparse.call(this, text, { before: change.before, edits: change.edits, takePrevious });
  if (root !== undefined && result.root === root) local++;
  else parses++;
  return result;
};
const oneBatch = () =>
  parseJicofoConf(generated)
    .batch((d) => {
      for (let k = 1; k <= 1000; k++) d.set(keyOf(k), valueOf(k));
    })
    .toString();
oneBatch();
const batchParses = { whole: parses, local };
Object.assign(hoconKind, { parse: plainParse, reparse });
const batchTimes = [];
const batchParseTimes = [];
for (let round = -2; round < 4 * passes; round++) {
  const p = time(() => {
    for (let i = 0; i < 3; i++) parseHocon(generated);
  });
  const b = time(() => {
    for (let i = 0; i < 3; i++) oneBatch();
  });
  if (round < 0) continue;
  batchParseTimes.push(p / 3);
  batchTimes.push(b / 3);
}
console.log(
  `1,000 sets of distinct existing keys in one batch (read and toString() included): ${batchParses.whole} whole-file parses and ${batchParses.local} local (the object read again), ${(median(batchTimes) / median(batchParseTimes)).toFixed(2)}x one parse of time (target: a few)`,
);

// ---------------------------------------------------------------- 4. memory

const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory'], { encoding: 'utf8' });
process.stdout.write(child.stdout);
if (child.status !== 0) {
  process.stderr.write(child.stderr);
  process.exitCode = 1;
}

/** Peak live heap of one edit of the generated file, against the live heap of a parse of it. */
function memory() {
  const gc = globalThis.gc;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const held = [];
  const live = (fn) => {
    const start = heap();
    held.push(fn());
    const used = heap() - start;
    held.length = 0;
    return used;
  };
  const parseLive = median(Array.from({ length: 5 }, () => live(() => parseHocon(generated))));
  const docLive = median(Array.from({ length: 5 }, () => live(() => parseJicofoConf(generated))));
  let samples = [];
  for (const name of ['parse', 'reparse']) {
    const fn = hoconKind[name];
    hoconKind[name] = function sampled(...args) {
      const result = fn.apply(this, args);
      held.push(result);
      samples.push(heap());
      held.pop();
      return result;
    };
  }
  const ops = [
    ['set an existing key (verified locally)', (d) => d.set('jicofo.key1500', 'x')],
    ['set a new key in jicofo { } (the object read again)', (d) => d.set('jicofo.confkit', 'x')],
    ['set a new key at the top (the whole file parsed again)', (d) => d.set('confkit', 'x')],
    ['delete a key (the object read again)', (d) => d.delete('jicofo.key1500')],
  ];
  console.log('');
  console.log(
    `jicofo-config: peak live heap of one edit of the generated ${KEYS}-key jicofo.conf (read, edit, toString), measured after a full collection at the end of every parse;` +
      ` parseHocon's tree holds ${(parseLive / 1048576).toFixed(1)} MiB, a parsed document ${(docLive / 1048576).toFixed(1)} MiB`,
  );
  for (const [name, op] of ops) {
    const peaks = [];
    for (let i = 0; i < 5; i++) {
      samples = [];
      const start = heap();
      const doc = op(parseJicofoConf(generated));
      doc.toString();
      samples.push(heap());
      peaks.push(Math.max(...samples) - start);
    }
    const peak = median(peaks);
    console.log(
      `  ${name.padEnd(56)} ${(peak / 1048576).toFixed(1).padStart(5)} MiB  ${(peak / parseLive).toFixed(2)}x the tree, ${(peak / docLive).toFixed(2)}x a document (target <= 1.5)`,
    );
  }
}
