/**
 * The writer lock in process: who holds it is written in it; a live holder is waited for up to the
 * timeout, then named in a LockedError; a dead one's lock (or a reused pid's) is taken over; a
 * holder this machine cannot judge is never taken over; leftovers of killed runs are removed,
 * and only those. Real concurrent processes: faults.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockedError } from './errors.js';
import { isAuxOf, isStale, lockFiles, lockPathOf, parseOwner } from './lock.js';
import type { LockOptions } from './lock.js';

let dir: string;
let file: string;
let notices: string[];
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-lock-'));
  file = join(dir, 'jicofo.conf');
  writeFileSync(file, 'jicofo {\n}\n');
  notices = [];
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date('2026-11-23T21:45:07.123Z');
const options = (timeoutMs = 0, command = 'set'): LockOptions => ({
  timeoutMs,
  command,
  show: (p) => p.replace(`${dir}/`, ''),
  notice: (m) => void notices.push(m),
  now: () => now,
});
const lockPath = (): string => lockPathOf(file);

/** The fields of this process that a lock records (as lock.ts reads them). */
function me(): { start: string; boot: string; pidns: string } {
  const stat = readFileSync('/proc/self/stat', 'latin1');
  return {
    start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string,
    boot: readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim(),
    pidns: /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] as string,
  };
}

function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string;
}

/** A lock as another run would have left it. */
function plant(fields: { pid: number; start?: string; boot?: string; host?: string; pidns?: string; cmd?: string }): string {
  const { boot, pidns } = me();
  const token = [
    `pid=${fields.pid}`,
    ...(fields.start === undefined ? [] : [`start=${fields.start}`]),
    `boot=${fields.boot ?? boot}`,
    `host=${fields.host ?? hostname()}`,
    `pidns=${fields.pidns ?? pidns}`,
    'since=2026-11-23T21:00:00Z',
    `cmd=${fields.cmd ?? 'secure-domain enable'}`,
  ].join(' ');
  symlinkSync(token, lockPath());
  return token;
}

/** A process that lives until killed, and its start time. */
function sleeper(): { pid: number; start: string } {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  children.push(child);
  return { pid: child.pid as number, start: startOf(child.pid as number) };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(result.stdout);
}

async function lockedBy(timeoutMs: number): Promise<LockedError> {
  try {
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(timeoutMs));
    lock.release();
  } catch (error) {
    if (error instanceof LockedError) return error;
    throw error;
  }
  throw new Error('the lock was taken');
}

describe('the lock file', () => {
  it('is a symlink beside the file naming its owner, and is gone after release', async () => {
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(0, 'secure-domain enable'));
    expect(lstatSync(lockPath()).isSymbolicLink()).toBe(true);
    const owner = parseOwner(readlinkSync(lockPath()));
    const { start, boot, pidns } = me();
    expect(owner).toEqual({ pid: process.pid, start, boot, host: hostname(), pidns, since: '2026-11-23T21:45:07Z', cmd: 'secure-domain enable' });
    expect(lock.covers(file)).toBe(true);
    lock.verify(file);
    lock.release();
    expect(readdirSync(dir)).toEqual(['jicofo.conf']);
  });

  it('a live holder: waited for, then a LockedError that names it and says what to do', async () => {
    const { pid, start } = sleeper();
    const token = plant({ pid, start });
    const error = await lockedBy(120);
    expect(error.message).toBe(
      `jicofo.conf is locked by another jitsi-confkit run (pid ${pid}, "secure-domain enable", since 2026-11-23T21:00:00Z); waited 0.12 s, nothing was written. ` +
        'Run the command again when that run has finished, or wait longer with --lock-timeout SECONDS.',
    );
    expect(notices).toEqual([`waiting for pid ${pid}, "secure-domain enable", since 2026-11-23T21:00:00Z to finish with jicofo.conf (up to 0.12 s)`]);
    expect(readlinkSync(lockPath())).toBe(token);
  });

  it('the holder finishing while this run waits: the lock is taken then', async () => {
    const { pid, start } = sleeper();
    plant({ pid, start });
    setTimeout(() => rmSync(lockPath()), 100);
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(30_000));
    expect(parseOwner(readlinkSync(lockPath()))?.pid).toBe(process.pid);
    lock.release();
  });

  it('a dead holder: its lock is taken over at once, and the admin is told', async () => {
    const pid = deadPid();
    plant({ pid, start: '1' });
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(0));
    expect(parseOwner(readlinkSync(lockPath()))?.pid).toBe(process.pid);
    expect(notices).toEqual([`took over the lock of jicofo.conf left by pid ${pid}, "secure-domain enable", since 2026-11-23T21:00:00Z, which is no longer running`]);
    lock.release();
    expect(readdirSync(dir)).toEqual(['jicofo.conf']);
  });

  it('a live pid that is another process now (its start time differs): stale', () => {
    const { pid, start } = sleeper();
    expect(isStale({ pid, start, host: hostname(), ...pick(me(), 'boot', 'pidns') })).toBe(false);
    expect(isStale({ pid, start: String(Number(start) - 1), host: hostname(), ...pick(me(), 'boot', 'pidns') })).toBe(true);
  });

  it('a lock from before the last boot: stale', () => {
    const { pid, start } = sleeper();
    expect(isStale({ pid, start, host: hostname(), pidns: me().pidns, boot: '00000000-0000-0000-0000-000000000000' })).toBe(true);
  });

  it.each([
    [
      'another host',
      { host: 'other-machine' },
      ' This machine cannot tell whether it still runs (it ran on other-machine): if it does not, remove .jicofo.conf.jitsi-confkit.lock.',
    ],
    [
      'another pid namespace (a container sharing the directory)',
      { pidns: '1' },
      ' This machine cannot tell whether it still runs: if it does not, remove .jicofo.conf.jitsi-confkit.lock.',
    ],
  ])('a holder on %s is never taken over, even with a dead pid here', async (_name, where, hint) => {
    const pid = deadPid();
    const token = plant({ pid, start: '1', ...where });
    const error = await lockedBy(0);
    expect(error.message.endsWith(hint)).toBe(true);
    expect(readlinkSync(lockPath())).toBe(token);
  });

  it("something in the lock's place that is not a jitsi-confkit lock is never removed", async () => {
    writeFileSync(lockPath(), 'mine\n');
    const error = await lockedBy(0);
    expect(error.message).toBe(
      'jicofo.conf is locked by something that is not a jitsi-confkit lock ((not a jitsi-confkit lock: a file)); waited 0 s, nothing was written. ' +
        'Run the command again when that run has finished, or wait longer with --lock-timeout SECONDS. This machine cannot tell whether it still runs: if it does not, remove .jicofo.conf.jitsi-confkit.lock.',
    );
    expect(readFileSync(lockPath(), 'utf8')).toBe('mine\n');
  });

  it('a takeover guard left by a killed run is itself taken over', async () => {
    plant({ pid: deadPid(), start: '1' });
    symlinkSync(`pid=${deadPid()} host=${hostname()} boot=${me().boot} pidns=${me().pidns} cmd=set`, `${lockPath()}.break`);
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(1000));
    expect(parseOwner(readlinkSync(lockPath()))?.pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual(['jicofo.conf']);
  });

  it('a lock removed by someone while held: verify() refuses before the rename', async () => {
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(0));
    rmSync(lockPath());
    expect(() => lock.verify(file)).toThrow(LockedError);
    lock.release();
  });
});

describe('leftovers of killed runs', () => {
  it('the temporary files of the locked file are removed; nothing else is', async () => {
    const ours = ['.jicofo.conf.jitsi-confkit.4242-0123abcd.tmp', '.jicofo.conf.jitsi-confkit.17-deadbeef.orig'];
    const others = [
      '.sip-communicator.properties.jitsi-confkit.4242-0123abcd.tmp', // another file's: not locked here
      'jicofo.conf.20261123T214507Z.bak', // a backup
      '.jicofo.conf.swp', // an editor's
      'jicofo.conf.tmp',
      '.jicofo.conf.jitsi-confkit.4242-0123abcd.tmp~',
      '.jicofo.conf.jitsi-confkit.x-0123abcd.tmp',
    ];
    for (const name of [...ours, ...others]) writeFileSync(join(dir, name), 'x');
    const lock = await lockFiles([{ target: file, display: 'jicofo.conf' }], options(0));
    lock.release();
    expect(readdirSync(dir).sort()).toEqual(['jicofo.conf', ...others].sort());
    expect(notices.sort()).toEqual(ours.map((n) => `removed ${n}, a temporary file left by an interrupted jitsi-confkit run`).sort());
  });

  it('isAuxOf knows the names', () => {
    expect(isAuxOf('.a.conf.jitsi-confkit.1-00000000.tmp', 'a.conf')).toBe(true);
    expect(isAuxOf('.a.conf.jitsi-confkit.1-00000000.orig', 'a.conf')).toBe(true);
    expect(isAuxOf('.a.conf.jitsi-confkit.lock', 'a.conf')).toBe(false);
    expect(isAuxOf('.a.conf.jitsi-confkit.1-00000000.tmp', 'b.conf')).toBe(false);
    expect(isAuxOf('.a.conf.jitsi-confkit.1-0000000.tmp', 'a.conf')).toBe(false);
  });
});

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}
