// The timing of the edit-curve benchmarks (bench/edit-curve.mjs, bench/web-config.mjs).

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
