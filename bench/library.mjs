// In-process library benchmark (run by bench/run.mjs after `pnpm build`): each operation's median
// over many runs after a warm-up, as a ratio to the bare parse of the same file, in the same run.
// Targets: at most 3x the parse (the model, the edit, the re-parse and read-back on top of it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repo, '..', 'shared', 'fixtures', 'real'));
const runs = Number(process.env.BENCH_RUNS_IN_PROCESS ?? 2000);
const pkg = (name) => import(pathToFileURL(join(repo, 'packages', name, 'dist/index.js')).href);
const requireFrom = (name) => createRequire(join(repo, 'packages', name, 'package.json'));

const { parseInterfaceConfig } = await pkg('web-config');
const { parseProsodyConfig } = await pkg('prosody-config');
const babel = requireFrom('web-config')('@babel/parser');
const luaparse = requireFrom('prosody-config')('luaparse');

function median(fn) {
  for (let i = 0; i < Math.min(500, runs); i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start));
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1] / 1e6;
}

const js = readFileSync(join(corpus, 'interface_config/jitsi-meet-2020-05-stable-4548.js'), 'utf8');
const lua = readFileSync(join(corpus, 'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua'), 'latin1');
const rows = [
  {
    name: 'moveBrowser firefox on the 2020-05 interface_config.js',
    base: 'babel parse',
    baseline: () => babel.parse(js, { sourceType: 'script', tokens: true, ranges: true }),
    op: () => parseInterfaceConfig(js).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS').toString(),
  },
  {
    name: 'enableSecureDomain on the 2020-05 Prosody template',
    base: 'luaparse',
    baseline: () => luaparse.parse(lua, { comments: true, ranges: true, locations: false, scope: false, luaVersion: '5.3', encodingMode: 'pseudo-latin1' }),
    op: () => parseProsodyConfig(lua).enableSecureDomain('jitmeet.example.com').toString(),
  },
];
const width = Math.max(...rows.map((r) => r.name.length));
console.log(`library operations in process, median of ${runs} runs, ratio to the bare parse (target <= 3)`);
console.log(`${'operation'.padEnd(width)}  parse ms  op ms  ratio`);
for (const r of rows) {
  const base = median(r.baseline);
  const op = median(r.op);
  console.log(`${r.name.padEnd(width)}  ${base.toFixed(3).padStart(8)}  ${op.toFixed(3).padStart(5)}  ${(op / base).toFixed(2).padStart(5)}   (${r.base})`);
}
