/** The executable: binds `run` to this process. The only place that reads process.argv or sets the exit status. */
import { run } from './index.js';

const status = await run(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  now: () => new Date(),
});
process.exitCode = status;
