import type { Io } from '../io.js';

/** An Io that records what a command prints, at a fixed time, never a terminal unless asked. */
export function recorder(options: { cwd: string; isTTY?: boolean; env?: Record<string, string>; stdin?: string }): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    env: options.env ?? {},
    cwd: options.cwd,
    isTTY: options.isTTY ?? false,
    now: () => new Date('2026-11-23T21:00:00Z'),
    ...(options.stdin === undefined ? {} : { readStdin: () => Buffer.from(options.stdin!, 'utf8') }),
  };
  return io;
}
