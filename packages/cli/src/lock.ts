/**
 * The writer lock. Every jitsi-confkit run that writes takes it on each file it reads, before
 * reading, and keeps it until its last rename (write.ts), so two runs never interleave their reads
 * and writes of the same file: no lost update, never half of a recipe over another run's work.
 *
 * The lock of a file is a symlink beside the file (beside the target, for a symlink),
 * `.<name>.jitsi-confkit.lock`, created atomically with symlink(2) (fails if it exists). Its
 * target is not a path but the owner, readable with `ls -l` or readlink(1):
 *
 *   pid=4242 start=887766 boot=<boot id> host=meet pidns=4026531836 since=2026-11-23T21:45:07Z cmd=secure-domain enable
 *
 * A lock whose owner is a dead process of this machine (same boot, same pid namespace; the
 * process start time guards against a reused pid) is stale and taken over. The takeover itself is
 * guarded by a second lock, `<lock>.break`, held only while the stale lock is checked again and
 * removed, so that two runs taking over the same stale lock cannot remove each other's fresh one
 * (as Mercurial does). A lock held by a live process, or by one this machine cannot judge
 * (another host or container sharing the directory) is waited for, up to a timeout.
 *
 * Advisory: it binds jitsi-confkit processes only. An editor, a configuration manager or a
 * package upgrade does not take it; what protects their changes is the check, just before each
 * rename, that the file is still byte-identical to what was read (write.ts).
 *
 * Locks are taken in the order of their real paths, so runs wanting several files cannot deadlock.
 * With the lock of a file held, every temporary file of that file left beside it by jitsi-confkit
 * (`.<name>.jitsi-confkit.<pid>-<random>.tmp` or `.orig`) belongs to a run that no longer holds
 * it, that is to one that was killed: those are removed.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { FileError, LockedError } from './errors.js';
import { describe } from './files.js';

/** What every name jitsi-confkit puts beside a file starts with, after `.<name>`. */
export const MARK = '.jitsi-confkit.';

/** The default of --lock-timeout, in seconds. */
export const DEFAULT_LOCK_TIMEOUT = 10;

/** The lock file of `target` (a real path). */
export function lockPathOf(target: string): string {
  return join(dirname(target), `.${basename(target)}${MARK}lock`);
}

/** A temporary file's name beside `target`: `.<name>.jitsi-confkit.<pid>-<random>.<tag>`. */
export function auxPathOf(target: string, tag: 'tmp' | 'orig'): string {
  const random = Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
  return join(dirname(target), `.${basename(target)}${MARK}${process.pid}-${random}.${tag}`);
}

/** Whether `name` (in the directory of a file named `base`) is one of that file's temporary files. */
export function isAuxOf(name: string, base: string): boolean {
  const prefix = `.${base}${MARK}`;
  return name.startsWith(prefix) && /^\d+-[0-9a-f]{8}\.(tmp|orig)$/.test(name.slice(prefix.length));
}

/** Who holds a lock, as written in it. */
export interface Owner {
  pid: number;
  /** The process's start time (clock ticks since boot, /proc/<pid>/stat), to tell a reused pid. */
  start?: string;
  boot?: string;
  host?: string;
  pidns?: string;
  since?: string;
  cmd?: string;
}

export interface LockOptions {
  /** How long to wait for a lock another run holds, in milliseconds. */
  timeoutMs: number;
  /** The command taking the lock ("set", "secure-domain enable"): never its arguments, which may hold secrets. */
  command: string;
  /** A path as shown in messages. */
  show(path: string): string;
  /** Told once per file when the lock is held by another run and the command waits. */
  notice(message: string): void;
  /** Test hook: called at named points ("locked"). */
  hold?: ((point: string) => void) | undefined;
  now(): Date;
}

/** A file to lock: its real path and how it is shown. */
export interface LockTarget {
  target: string;
  display: string;
}

/** Locks held by this run, by real path of the file. */
export class WriterLock {
  private readonly held = new Map<string, { path: string; token: string; display: string }>();
  private released = false;

  /** @internal */
  add(target: string, path: string, token: string, display: string): void {
    this.held.set(target, { path, token, display });
  }

  /** Takes over the locks `other` holds (taken later, for files found later), to release and verify them as this run's. */
  absorb(other: WriterLock): void {
    for (const [target, entry] of other.held) this.held.set(target, entry);
    other.held.clear();
  }

  /** Whether the lock of `target` (a real path) is held by this run. */
  covers(target: string): boolean {
    return !this.released && this.held.has(target);
  }

  /** Throws unless the lock of `target` is still this run's, as it must be just before a rename. */
  verify(target: string): void {
    const entry = this.held.get(target);
    if (entry === undefined || this.released) throw new Error(`internal: ${target} is written without its lock`);
    let now: string | undefined;
    try {
      now = readlinkSync(entry.path);
    } catch {
      now = undefined;
    }
    if (now !== entry.token) {
      throw new LockedError(entry.display, `the lock of ${entry.display} (${entry.path}) was removed or taken by someone else while this run held it`);
    }
  }

  /** Removes every lock this run holds (only those still its own). */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const { path, token } of [...this.held.values()].reverse()) {
      try {
        if (readlinkSync(path) === token) unlinkSync(path);
      } catch {
        // already gone: nothing to release
      }
    }
  }
}

/**
 * Takes the lock of every file (real paths; sorted here, duplicates merged), waiting for other
 * runs up to the timeout. On failure the locks already taken are released.
 */
export async function lockFiles(files: readonly LockTarget[], options: LockOptions): Promise<WriterLock> {
  const lock = new WriterLock();
  const token = tokenOf(options.command, options.now());
  const deadline = Date.now() + options.timeoutMs;
  const sorted = [...new Map(files.map((f) => [f.target, f])).values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  try {
    for (const file of sorted) {
      const path = lockPathOf(file.target);
      await acquire(path, token, file, deadline, options);
      lock.add(file.target, path, token, file.display);
      removeLeftovers(file.target, options);
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  options.hold?.('locked');
  return lock;
}

async function acquire(path: string, token: string, file: LockTarget, deadline: number, options: LockOptions): Promise<void> {
  let told = false;
  let pause = 10;
  for (;;) {
    if (tryCreate(path, token, file.display)) return;
    const raw = readOwner(path);
    if (raw === undefined) continue; // released between the two calls: try again at once
    const owner = parseOwner(raw);
    if (owner !== undefined && isStale(owner)) {
      if (takeOver(path, raw, token, file.display, 0)) {
        options.notice(`took over the lock of ${file.display} left by ${describeOwner(owner)}, which is no longer running`);
      }
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw lockedError(file, path, owner, raw, options);
    if (!told) {
      told = true;
      options.notice(`waiting for ${owner === undefined ? 'another process' : describeOwner(owner)} to finish with ${file.display} (up to ${seconds(options.timeoutMs)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    pause = Math.min(pause * 2, 200);
  }
}

/** Creates the lock; false when it exists. Any other failure means the file cannot be written. */
function tryCreate(path: string, token: string, display: string): boolean {
  try {
    symlinkSync(token, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FileError(display, `cannot write ${display}: ${describe(error)}; nothing was written`, { cause: error });
  }
}

function readOwner(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // EINVAL: a regular file (or a directory) in the lock's place, not one of ours.
    if (code === 'EINVAL') return `(not a jitsi-confkit lock: a ${lstatSync(path).isDirectory() ? 'directory' : 'file'})`;
    throw error;
  }
}

/**
 * Removes a stale lock, under the guard `<lock>.break`: the lock is read again with the guard
 * held and removed only if it is still the stale one. A guard left by a run killed in those few
 * instructions is itself stale and taken over the same way (one level deeper).
 */
function takeOver(path: string, stale: string, token: string, display: string, depth: number): boolean {
  const guard = `${path}.break`;
  if (!tryCreate(guard, token, display)) {
    const raw = readOwner(guard);
    const owner = raw === undefined ? undefined : parseOwner(raw);
    if (depth < 3 && raw !== undefined && owner !== undefined && isStale(owner)) takeOver(guard, raw, token, display, depth + 1);
    return false;
  }
  try {
    if (readOwner(path) !== stale) return false;
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new FileError(display, `cannot write ${display}: the stale lock ${basename(path)} beside it cannot be removed (${describe(error)}); nothing was written`, {
        cause: error,
      });
    }
    return true;
  } finally {
    try {
      if (readlinkSync(guard) === token) unlinkSync(guard);
    } catch {
      // gone already
    }
  }
}

/** Removes the temporary files of `target` that runs killed before their end left beside it. */
function removeLeftovers(target: string, options: LockOptions): void {
  const dir = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!isAuxOf(name, base)) continue;
    const path = join(dir, name);
    try {
      unlinkSync(path);
      options.notice(`removed ${options.show(path)}, a temporary file left by an interrupted jitsi-confkit run`);
    } catch {
      // removed meanwhile, or not ours to remove: left alone
    }
  }
}

function lockedError(file: LockTarget, path: string, owner: Owner | undefined, raw: string, options: LockOptions): LockedError {
  const who = owner === undefined ? `something that is not a jitsi-confkit lock (${raw})` : `another jitsi-confkit run (${describeOwner(owner)})`;
  const foreign = owner === undefined || !judgeable(owner);
  const hint = foreign
    ? ` This machine cannot tell whether it still runs${owner?.host !== undefined && owner.host !== identity().host ? ` (it ran on ${owner.host})` : ''}: if it does not, remove ${options.show(path)}.`
    : '';
  return new LockedError(
    file.display,
    `${file.display} is locked by ${who}; waited ${seconds(options.timeoutMs)}, nothing was written. ` +
      `Run the command again when that run has finished, or wait longer with --lock-timeout SECONDS.${hint}`,
  );
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function describeOwner(owner: Owner): string {
  const parts = [`pid ${owner.pid}`];
  if (owner.host !== undefined && owner.host !== identity().host) parts.push(`on ${owner.host}`);
  if (owner.cmd !== undefined) parts.push(`"${owner.cmd}"`);
  if (owner.since !== undefined) parts.push(`since ${owner.since}`);
  return parts.join(', ');
}

interface Identity {
  pid: number;
  start: string | undefined;
  boot: string | undefined;
  host: string;
  pidns: string | undefined;
}

let self: Identity | undefined;

/** This process, as a lock names its owner (read once). */
function identity(): Identity {
  self ??= { pid: process.pid, start: startOf(process.pid), boot: bootId(), host: hostname(), pidns: pidNamespace() };
  return self;
}

function tokenOf(command: string, now: Date): string {
  const me = identity();
  const fields: string[] = [`pid=${me.pid}`];
  if (me.start !== undefined) fields.push(`start=${me.start}`);
  if (me.boot !== undefined) fields.push(`boot=${me.boot}`);
  fields.push(`host=${me.host.replace(/\s/g, '_')}`);
  if (me.pidns !== undefined) fields.push(`pidns=${me.pidns}`);
  fields.push(`since=${now.toISOString().replace(/\.\d+Z$/, 'Z')}`, `cmd=${command}`);
  return fields.join(' ');
}

/** The owner written in a lock; undefined when it is not a jitsi-confkit lock. */
export function parseOwner(raw: string): Owner | undefined {
  const m = /^pid=(\d+)((?: (?:start|boot|host|pidns|since)=\S+)*)(?: cmd=(.*))?$/.exec(raw);
  if (m === null) return undefined;
  const owner: Owner = { pid: Number(m[1]) };
  for (const field of (m[2] as string).trim().split(' ')) {
    const eq = field.indexOf('=');
    if (eq === -1) continue;
    const key = field.slice(0, eq) as 'start' | 'boot' | 'host' | 'pidns' | 'since';
    owner[key] = field.slice(eq + 1);
  }
  if (m[3] !== undefined) owner.cmd = m[3];
  return owner;
}

/** Whether this machine can tell if the owner still runs: same host, and same pid namespace where both say. */
function judgeable(owner: Owner): boolean {
  const me = identity();
  if (owner.host !== me.host.replace(/\s/g, '_')) return false;
  if (owner.boot !== undefined && me.boot !== undefined && owner.boot !== me.boot) return true;
  return owner.pidns === undefined || me.pidns === undefined || owner.pidns === me.pidns;
}

/** Whether the owner is certainly gone: this machine rebooted since, or its process died (or the pid now belongs to another process). */
export function isStale(owner: Owner): boolean {
  if (!judgeable(owner)) return false;
  const me = identity();
  if (owner.boot !== undefined && me.boot !== undefined && owner.boot !== me.boot) return true;
  if (owner.pid === me.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  return owner.start !== undefined && me.start !== undefined && startOf(owner.pid) !== owner.start;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
  } catch {
    return undefined;
  }
}

function pidNamespace(): string | undefined {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
  } catch {
    return undefined;
  }
}

/** The real path of a file to lock and write (the target of a symlink); undefined when there is none. */
export function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where a file that does not exist yet will be: its directory's real path and its name; undefined
 * when the directory does not exist either. The lock of a file to create goes beside it there.
 */
export function newFileTarget(path: string): string | undefined {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return undefined;
  }
}
