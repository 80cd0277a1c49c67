/**
 * The built CLI as real processes for fault tests: started asynchronously, held at a named point
 * of its write (JITSI_CONFKIT_TEST_HOLD, see bin.ts) until the test resumes or kills it, and the
 * example server copied to a temp dir for each run.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../../test/support/corpus.js';
import { requireBuiltCli } from './trees.js';

export { seeded } from '../../../../test/support/random.js';

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  pid: number;
  done: Promise<Finished>;
}

/** Starts the built CLI; `hold` names the points where it stops itself (SIGSTOP); `node` are options for Node itself. */
export function start(args: readonly string[], options: { cwd: string; hold?: string; env?: Record<string, string>; node?: readonly string[] }): Started {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env };
  if (options.hold !== undefined) env.JITSI_CONFKIT_TEST_HOLD = options.hold;
  const child = spawn(process.execPath, [...(options.node ?? []), requireBuiltCli(), ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
  const done = new Promise<Finished>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, pid: child.pid as number, done };
}

/** The state letter of a process (/proc/<pid>/stat: R, S, T for stopped, …), or undefined once it is gone. */
function state(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Resolves once the process has stopped itself at its hold point; rejects if it ends first. */
export async function stopped(run: Started): Promise<void> {
  let ended: Finished | undefined;
  void run.done.then((f) => (ended = f));
  for (;;) {
    if (ended !== undefined) throw new Error(`the process ended before its hold point: status ${ended.status}, stderr ${JSON.stringify(ended.stderr)}`);
    if (state(run.pid) === 'T') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A copy of examples/debian-tree in a new temp dir (the repository's own tree is never written). */
export function exampleTree(): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'confkit-faults-'));
  cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every name under `root` that jitsi-confkit put beside a file (locks, temporary files, rollback links). */
export function leftovers(root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.name.includes('.jitsi-confkit.')) found.push(path);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk('');
  return found.sort();
}
