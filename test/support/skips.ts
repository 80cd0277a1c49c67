/**
 * What the suite cannot run on this machine, said once per run with the command that makes it run.
 * A test file calls `unavailable(what, fix)` where a program, the corpus or a privilege is
 * missing, and skips; the reasons are collected (skip-report.ts, vitest's global setup) and printed
 * once after the run, each with its fix, instead of a warning per test file. Under CI=true a
 * missing prerequisite is a failure, never a skip.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The directory where test files leave their skip reasons (skip-report.ts). */
    skipReports: string;
  }
}

/** Records that `what` cannot run here and how to make it run; throws instead under CI=true. Returns false, for `if (!available) …`. */
export function unavailable(what: string, fix: string): false {
  if (isCI) throw new Error(`${what}; CI must run these tests (${fix})`);
  let dir: string | undefined;
  try {
    dir = inject('skipReports');
  } catch {
    dir = undefined;
  }
  if (dir === undefined) {
    console.warn(`[jitsi-confkit] skipped: ${what} (to run it: ${fix})`);
    return false;
  }
  const name = createHash('sha256').update(what).digest('hex').slice(0, 16);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ what, fix }));
  return false;
}
