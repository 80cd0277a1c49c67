// Preloaded with `node --import` in the memory runs of bench/run.mjs (never in the timed runs):
// on exit, appends the process's peak resident set size (kilobytes, from getrusage) to the file
// named by CONFKIT_BENCH_RSS_FILE.
import { appendFileSync } from 'node:fs';

const file = process.env.CONFKIT_BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
