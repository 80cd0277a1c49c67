// The timing of the in-process benchmarks (bench/library.mjs, bench/edit-curve.mjs,
// bench/web-config.mjs, bench/jicofo.mjs, bench/prosody.mjs).

/**
 * Milliseconds of CPU time (user + system, this process's threads, the garbage collector's
 * included) that `fn` takes: steadier than wall-clock time on a machine that is busy with other
 * work, and it still counts what the edit costs.
 */
export const time = (fn) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Median milliseconds of each function (wall-clock, for operations too short for CPU time's
 * resolution), after a warm-up, measured interleaved: rounds of a few runs of each in turn, so that
 * a slower or faster stretch of the machine weighs on all of them alike.
 */
export function medians(fns, runs) {
  const perRound = Math.min(50, runs);
  for (const fn of fns) for (let i = 0; i < Math.min(500, runs); i++) fn();
  const times = fns.map(() => []);
  for (let done = 0; done < runs; done += perRound) {
    fns.forEach((fn, k) => {
      for (let i = 0; i < perRound; i++) {
        const start = process.hrtime.bigint();
        fn();
        times[k].push(Number(process.hrtime.bigint() - start));
      }
    });
  }
  return times.map((t) => median(t) / 1e6);
}
