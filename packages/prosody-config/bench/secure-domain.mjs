// Benchmark (run after `pnpm build`): enableSecureDomain on the 2020-05 per-host template, in-process
// median, as a ratio to luaparse parsing the same file in the same run. Target: at most 3x.
// Usage: node packages/prosody-config/bench/secure-domain.mjs [file]  (default: the corpus file)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseProsodyConfig } from '../dist/index.js';

const require = createRequire(import.meta.url);
const luaparse = require('luaparse');
const corpus = process.env.JITSI_CONFKIT_CORPUS ?? fileURLToPath(new URL('../../../../shared/fixtures/real', import.meta.url));
const file = process.argv[2] ?? `${corpus}/prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua`;
const text = readFileSync(file, 'latin1');
const options = { comments: true, ranges: true, locations: false, scope: false, luaVersion: '5.3', encodingMode: 'pseudo-latin1' };

function median(fn, runs = 3000) {
  for (let i = 0; i < 500; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start));
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1] / 1e6;
}

const parse = median(() => luaparse.parse(text, options));
const enable = median(() => parseProsodyConfig(text).enableSecureDomain('jitmeet.example.com'));
console.log(JSON.stringify({ file: file.split('/').pop(), parseMs: +parse.toFixed(4), enableSecureDomainMs: +enable.toFixed(4), ratio: +(enable / parse).toFixed(2), target: 3 }));
