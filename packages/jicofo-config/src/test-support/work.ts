/** The work counters of the package (work.ts), for the tests' work bounds. */
import { work } from '../work.js';

/** How many loop turns (work.count) `fn` takes. */
export function workOf(fn: () => unknown): number {
  const before = work.count;
  fn();
  return work.count - before;
}
