// Preloaded with `node --require` by bench/web-config.mjs (never in the timed runs of other
// benchmarks): wraps @babel/parser's parse and parseExpression, as web-config resolves them, to
// count the calls; with CONFKIT_BENCH_PEAK=1 (and --expose-gc), also to collect garbage after each
// call and record the heap then, when what the edit holds is at its largest.
const { createRequire } = require('node:module');
const { join } = require('node:path');

const babel = createRequire(join(__dirname, '../packages/web-config/package.json'))('@babel/parser');
const probe = { parses: 0, expressions: 0, heap: [], sampling: false };
globalThis.__confkitBabelProbe = probe;
const sample = () => {
  if (!probe.sampling) return;
  globalThis.gc();
  probe.heap.push(process.memoryUsage().heapUsed);
};
const { parse, parseExpression } = babel;
babel.parse = function (...args) {
  probe.parses++;
  const result = parse.apply(this, args);
  sample();
  return result;
};
babel.parseExpression = function (...args) {
  probe.expressions++;
  const result = parseExpression.apply(this, args);
  sample();
  return result;
};
