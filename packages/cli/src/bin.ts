/**
 * The bundle's entry (dist/bundle.cjs, started by dist/cli.cjs): `main` binds `run` to this
 * process; it is the only place that reads process.argv or sets the exit status.
 */
import { run } from './index.js';

export { run } from './index.js';

export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    now: () => new Date(),
  });
}
