/**
 * The bundle's entry (dist/bundle.cjs, started by dist/cli.cjs): `main` binds `run` to this
 * process; it is the only place that reads process.argv or sets the exit status.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { run } from './index.js';
import type { Io } from './index.js';

export { run } from './index.js';

export async function main(): Promise<void> {
  const io: Io = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    now: () => new Date(),
    readStdin: () => readFileSync(0),
  };
  io.executable = () => {
    const script = process.argv[1];
    try {
      return script === undefined ? undefined : { node: realpathSync(process.execPath), script: realpathSync(script) };
    } catch {
      return undefined; // started in a way that names no script file: hook install says so
    }
  };
  const points = process.env.JITSI_CONFKIT_TEST_HOLD;
  if (points !== undefined && points !== '') io.hold = holdAt(points.split(','));
  process.exitCode = await run(process.argv.slice(2), io);
}

/**
 * For tests of faults that need a real process stopped at an exact point (a file changed just
 * before its rename, a kill -9 between two renames): JITSI_CONFKIT_TEST_HOLD=before-rename:2 makes
 * the process stop itself (SIGSTOP) there, until the test sends SIGCONT (or SIGKILL). Unset, it
 * costs one look-up of the environment.
 */
function holdAt(points: readonly string[]): (point: string) => void {
  return (point) => {
    if (points.includes(point)) process.kill(process.pid, 'SIGSTOP');
  };
}
