// The N-edit curve (run by bench/run.mjs after `pnpm build`): what the k-th verified edit on one
// document costs, for k = 1, 10, 100, 1,000 and 3,000, as a ratio to one parse of the same file in
// the same run. The document is a generated config.js of 3,000 keys; each edit sets one distinct
// existing key (a string literal replaced), parsed again with @babel/parser and read back. Two ways
// side by side, on the same document kind:
//   - core's EditSession (edits composed by ComposedEdits, O(log N) per edit);
//   - what the four documents do today: applyEdits, parse, read back, composeEdits (which rescans
//     every earlier edit on each call).
// Each figure is the median of the 9 edits around k over several passes. To reach k quickly, the
// state after the edits before the window is prepared without timing, by one batch of those sets
// (one parse; the same text and edits as one by one, as a core test proves), for both ways.
// Then 1,000 sets of distinct keys inside one batch: the parses it costs (target: at most 3 in all).
//
// Environment: BENCH_CURVE_PASSES (default 5).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, time } from './cpu-time.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const passes = Number(process.env.BENCH_CURVE_PASSES ?? 5);
const { applyEdits, ComposedEdits, composeEdits, EditSession } = await import(pathToFileURL(join(repo, 'packages/core/dist/index.js')).href);
const babel = createRequire(join(repo, 'packages/web-config/package.json'))('@babel/parser');

const KEYS = 3000;
const text = ['var config = {', ...Array.from({ length: KEYS }, (_, i) => `    key${i}: 'value ${i}',`), '};', ''].join('\n');

let parses = 0;
/** The bench kind: config.js parsed by @babel/parser, indexed by key (the value literal's range and value). */
function parse(source) {
  parses++;
  const ast = babel.parse(source, { sourceType: 'script', attachComment: false });
  const values = new Map();
  for (const p of ast.program.body[0].declarations[0].init.properties) values.set(p.key.name, { start: p.value.start, end: p.value.end, value: p.value.value });
  return values;
}
const kind = { name: 'config.js', parse };

// The k-th edit sets a key spread over the file (not the next line each time).
const keyOf = (k) => `key${((k - 1) * 1543) % KEYS}`;
const valueOf = (k) => `edited ${k}`;
const planSet = ({ parsed }, key, value) => {
  const v = parsed.get(key);
  return [{ offset: v.start, length: v.end - v.start, content: `'${value}'` }];
};
const setStep = (k) => {
  const key = keyOf(k);
  const value = valueOf(k);
  return { what: `set ${key}`, footprint: [[key]], plan: (s) => planSet(s, key, value), check: (after) => after.parsed.get(key).value === value };
};

/** Today's commit, as the documents write it: apply, parse, read back, composeEdits against the original. */
function todayCommit(state, k) {
  const key = keyOf(k);
  const value = valueOf(k);
  const edits = planSet(state, key, value);
  const next = applyEdits(state.text, edits);
  const parsed = parse(next);
  if (parsed.get(key).value !== value) throw new Error('bench: read-back failed');
  return { text: next, parsed, edits: composeEdits(text, state.edits, edits) };
}

const WINDOW = 9;
const ks = [1, 10, 100, 1000, 3000];
const windowStart = (k) => Math.min(Math.max(1, k - (WINDOW >> 1)), KEYS - WINDOW + 1);

/**
 * Times `edit(i)` for i = 0 … WINDOW-1, each next to a parse of the original text (interleaved, so
 * that garbage collection and the machine weigh on both alike), after a full collection.
 */
function timeWindow(edit) {
  const edits = [];
  for (let i = 0; i < WINDOW; i++) {
    parseTimes.push(time(() => parse(text)));
    edits.push(time(() => edit(i)));
  }
  return edits;
}

function sessionWindow(k) {
  const first = windowStart(k);
  const session = new EditSession(kind, text);
  session.batch(() => {
    for (let j = 1; j < first; j++) session.commit(setStep(j));
  });
  return timeWindow((i) => session.commit(setStep(first + i)));
}

function todayWindow(k) {
  const first = windowStart(k);
  const prepared = new EditSession(kind, text);
  prepared.batch(() => {
    for (let j = 1; j < first; j++) prepared.commit(setStep(j));
  });
  let state = { text: prepared.toString(), parsed: prepared.snapshot.parsed, edits: prepared.edits };
  return timeWindow((i) => {
    state = todayCommit(state, first + i);
  });
}

const parseTimes = [];
// Warm up both ways and the parser.
for (let i = 0; i < 30; i++) parse(text);
sessionWindow(10);
todayWindow(10);
parseTimes.length = 0;

// 1,000 sets of distinct existing keys inside one batch (session creation included), counting
// the parses. Timed in blocks of a few batches against blocks of as many parses, interleaved, so
// that the garbage collection each causes is counted where it belongs.
const BLOCK = 5;
const batchTimes = [];
const batchParseTimes = [];
let batchParses = 0;
const oneBatch = () => {
  const session = new EditSession(kind, text);
  session.batch(() => {
    for (let k = 1; k <= 1000; k++) session.commit(setStep(k));
  });
};
for (let round = -2; round < 4 * passes; round++) {
  const parseMs = time(() => {
    for (let i = 0; i < BLOCK; i++) parse(text);
  });
  parses = 0;
  const batchMs = time(() => {
    for (let i = 0; i < BLOCK; i++) oneBatch();
  });
  batchParses = parses / BLOCK;
  if (round < 0) continue; // warm-up
  batchParseTimes.push(parseMs / BLOCK);
  batchTimes.push(batchMs / BLOCK);
}

const sessionTimes = new Map(ks.map((k) => [k, []]));
const todayTimes = new Map(ks.map((k) => [k, []]));
for (let pass = 0; pass < passes; pass++) {
  for (const k of ks) {
    sessionTimes.get(k).push(...sessionWindow(k));
    todayTimes.get(k).push(...todayWindow(k));
  }
}
const parseMs = median(parseTimes);

// The session composes its edits when they are read: what reading them after 3,000 commits costs
// (3,000 one-edit lists folded by ComposedEdits, each against the text as it stands).
const commits = [];
{
  let current = text;
  for (let k = 1; k <= KEYS; k++) {
    const label = `    ${keyOf(k)}: `;
    const at = current.indexOf(label) + label.length;
    const edits = [{ offset: at, length: current.indexOf(',\n', at) - at, content: `'${valueOf(k)}'` }];
    commits.push(edits);
    current = applyEdits(current, edits);
  }
}
const foldTimes = [];
for (let i = 0; i < 2 * passes; i++) {
  foldTimes.push(
    time(() => {
      let composed = ComposedEdits.of(text);
      for (const edits of commits) composed = composed.then(edits);
      composed.toArray();
    }),
  );
}

console.log(
  `N edits on one document: a generated config.js of ${KEYS} keys (${(text.length / 1024).toFixed(0)} KiB); the k-th \`set\` of a distinct existing key, re-parsed and read back;` +
    ` median of ${WINDOW} edits around k, ${passes} passes; ratio to one parse of the file (${parseMs.toFixed(3)} ms, @babel/parser + the key index) in the same run`,
);
console.log(`${'k'.padStart(5)}  ${'EditSession'.padStart(11)}  ${'today: composeEdits'.padStart(19)}`);
for (const k of ks) {
  const ours = median(sessionTimes.get(k)) / parseMs;
  const theirs = median(todayTimes.get(k)) / parseMs;
  console.log(`${String(k).padStart(5)}  ${ours.toFixed(2).padStart(11)}  ${theirs.toFixed(2).padStart(19)}`);
}
const flat = median(sessionTimes.get(3000)) / median(sessionTimes.get(1));
console.log(`EditSession reads its edits once, composing them then: after ${KEYS} commits that costs ${(median(foldTimes) / parseMs).toFixed(2)}x one parse in all (O(N log N))`);
console.log(`EditSession at k = 3,000 / at k = 1: ${flat.toFixed(2)} (target: flat, ~1; each edit's floor is its one verification parse)`);
console.log(
  `1,000 sets of distinct existing keys in one batch: ${batchParses} parses in all, ${(median(batchTimes) / median(batchParseTimes)).toFixed(2)}x one parse of time (target <= 3), session creation included`,
);
