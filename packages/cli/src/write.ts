/**
 * The one write path. Every file a command changes is written here, by a run holding the writer
 * lock of every file it read (lock.ts), all or nothing:
 *
 * 1. Prepare; nothing visible changes. For each file: the new bytes go to a temporary file
 *    beside it (`.<name>.jitsi-confkit.<pid>-<random>.tmp`), created exclusively with a mode no
 *    wider than the file's own and only its owner's bits; every byte is written (a short write,
 *    as on a full disk, is continued or fails), fsynced, and the size on disk checked; then it
 *    gets the file's owner, group and mode. The current file is hard-linked to a rollback name
 *    (`….orig`; a copy where the file system has no hard links), and with --backup to its backup
 *    name.
 * 2. Commit, file after file: just before its own rename, the lock is checked to be still held
 *    and the file to be byte-identical to what was read (else nothing more is renamed); then the
 *    temporary file is renamed over it and the directory fsynced.
 * 3. Any failure: each file already renamed gets its rollback link renamed back over it (a
 *    rename: no space needed, so it works on a full disk), every temporary file and every backup
 *    made is removed, and the error says what was put back. On success the rollback links go.
 *
 * A file may also be created (one that did not exist when the command read it: the state file, an
 * apt hook) or removed. A new file is written to its temporary file as any other, then given its
 * name with link(2), which fails if the name was taken meanwhile (no file is ever overwritten that
 * was not read); undoing it removes it again. A file to remove gets its rollback link in step 1 and
 * is unlinked in step 2, checked unchanged just before like any other; undoing it renames the
 * rollback link back.
 *
 * A symlink stays a link: its target is what is written. The file system is used synchronously.
 */
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import { ChangedError, FileError } from './errors.js';
import { describe, existsOrLink, readRegular } from './files.js';
import { auxPathOf, newFileTarget } from './lock.js';
import type { WriterLock } from './lock.js';

/** What the write path needs to know of a file as the command read it. */
export interface ReadFile {
  /** The path as given or discovered (may be a symlink). */
  path: string;
  /** The path shown in messages. */
  display: string;
  /** The bytes read; undefined when the file did not exist (it is created). */
  bytes: Buffer | undefined;
}

export interface Replacement {
  file: ReadFile;
  /** The new bytes; undefined to remove the file. */
  bytes: Buffer | undefined;
  /** The mode of a file created (default 0o644); it belongs to the user running the command. */
  mode?: number;
  /** Bits a replaced file may keep of its mode (never more than it had): 0o7700 keeps a secret to its owner. */
  modeMask?: number;
}

/** The owner and mode a file is written with. */
interface Ownership {
  mode: number;
  uid: number;
  gid: number;
}

export interface WriteOptions {
  /** Keep a copy of each file beside it before replacing it. */
  backup: boolean;
  /** The time stamp used in backup names. */
  now: Date;
  /** The size limit of a read (the check before each rename reads the file again). */
  maxFileSize: number;
  /** Test hook: called at named points ("before-rename:2", "after-rename:1", "rollback"). */
  hold?: ((point: string) => void) | undefined;
}

export interface Written {
  display: string;
  /** Where the backup copy went, when one was kept. */
  backup?: string;
}

/** One file on its way: where each of its names is, and how far it got. */
interface Plan {
  replacement: Replacement;
  action: 'replace' | 'create' | 'remove';
  /** The real path written (the target of a symlink). */
  target: string;
  stat: Ownership;
  temp?: string;
  rollback?: string;
  backup?: string;
  /** Step 2 done for this file: renamed over, created, or removed. */
  renamed: boolean;
}

/**
 * Replaces every file, or none. `lock` must hold the lock of each (taken before the files were
 * read). On failure the files already replaced are put back and the error says so.
 */
export function writeAll(lock: WriterLock, replacements: readonly Replacement[], options: WriteOptions): Written[] {
  const plans: Plan[] = replacements.map((replacement) => planOf(lock, replacement));
  let failed: Plan | undefined;
  try {
    for (const plan of plans) {
      failed = plan;
      prepare(plan, options);
    }
    for (const plan of plans) {
      failed = plan;
      unchanged(plan, options);
    }
    plans.forEach((plan, i) => {
      failed = plan;
      options.hold?.(`before-rename:${i + 1}`);
      lock.verify(plan.target);
      unchanged(plan, options);
      if (plan.action === 'replace') renameSync(plan.temp as string, plan.target);
      else if (plan.action === 'create') createFrom(plan.temp as string, plan.target, plan.replacement.file.display);
      else unlinkSync(plan.target);
      plan.renamed = true;
      syncDirectory(dirname(plan.target));
      options.hold?.(`after-rename:${i + 1}`);
    });
  } catch (error) {
    options.hold?.('rollback');
    throw failure(error, failed, undo(plans));
  }
  for (const plan of plans) if (plan.rollback !== undefined) attempt(() => unlinkSync(plan.rollback as string));
  return plans.map((plan) => (plan.backup === undefined ? { display: plan.replacement.file.display } : { display: plan.replacement.file.display, backup: plan.backup }));
}

/** Where the file really is, and whether this user may replace it. */
function planOf(lock: WriterLock, replacement: Replacement): Plan {
  const { file } = replacement;
  if (file.bytes === undefined) return newFilePlan(lock, replacement);
  let target: string;
  let stat: Ownership;
  try {
    target = realpathSync(file.path);
    stat = statSync(target);
  } catch (error) {
    throw new FileError(file.display, `cannot read ${file.display} again: ${describe(error)}; nothing was written`, { cause: error });
  }
  if (!lock.covers(target)) throw new Error(`internal: ${file.display} (${target}) is written without its writer lock`);
  // Replacing by rename needs only the directory to be writable: a file this user could not
  // write in place would be replaced all the same. Refuse it, as an editor does. Root may write
  // a read-only (0444) file, as it could in place; an immutable file or a read-only mount
  // refuses everyone.
  try {
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw new FileError(file.display, `cannot write ${file.display}: ${describe(error)} (the file is not writable for this user); nothing was written`, { cause: error });
  }
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && stat.uid !== uid) {
    throw new FileError(
      file.display,
      `cannot write ${file.display}: it belongs to uid ${stat.uid}, and replacing it as uid ${uid} would make it this user's (only root can keep its owner); nothing was written`,
      { cause: Object.assign(new Error('EPERM'), { code: 'EPERM' }) },
    );
  }
  return { replacement, action: replacement.bytes === undefined ? 'remove' : 'replace', target, stat, renamed: false };
}

/** A file that did not exist when it was read: created in a directory this user may write. */
function newFilePlan(lock: WriterLock, replacement: Replacement): Plan {
  const { file } = replacement;
  if (replacement.bytes === undefined) throw new Error(`internal: ${file.display} is removed but was never read`);
  const target = newFileTarget(file.path);
  if (target === undefined) throw new FileError(file.display, `cannot create ${file.display}: its directory does not exist; nothing was written`);
  if (!lock.covers(target)) throw new Error(`internal: ${file.display} (${target}) is created without its writer lock`);
  try {
    accessSync(dirname(target), constants.W_OK);
  } catch (error) {
    throw new FileError(file.display, `cannot create ${file.display}: ${describe(error)} (its directory is not writable for this user); nothing was written`, { cause: error });
  }
  const stat: Ownership = { mode: replacement.mode ?? 0o644, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  return { replacement, action: 'create', target, stat, renamed: false };
}

/** Step 1 for one file: the temporary file with the new bytes, the rollback link, the backup. */
function prepare(plan: Plan, options: WriteOptions): void {
  const { bytes, file, modeMask } = plan.replacement;
  if (bytes !== undefined) {
    const stat = modeMask === undefined || plan.action !== 'replace' ? plan.stat : { ...plan.stat, mode: plan.stat.mode & modeMask };
    plan.temp = writeTemporary(plan.target, bytes, stat, (path) => {
      plan.temp = path;
    });
  }
  if (plan.action === 'create') return;
  plan.rollback = keepAside(plan.target, auxPathOf(plan.target, 'orig'), file.bytes as Buffer, plan.stat);
  if (options.backup) plan.backup = keepBackup(plan, options.now);
}

/**
 * Gives the new file `temp` its name `target` with link(2), which refuses a name that exists:
 * a file someone created since the command looked is never overwritten. Where the file system
 * has no hard links, a rename after a last look.
 */
function createFrom(temp: string, target: string, display: string): void {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ChangedError(display, `${display} was created by someone else since this run looked for it`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
    if (existsOrLink(target)) throw new ChangedError(display, `${display} was created by someone else since this run looked for it`);
    renameSync(temp, target);
    return;
  }
  attempt(() => unlinkSync(temp));
}

/**
 * Writes `bytes` to a new temporary file beside `target` with the target's owner and mode, and
 * returns its path. `created` learns the path as soon as the file exists (so that a failure
 * further on removes it).
 */
export function writeTemporary(target: string, bytes: Buffer, stat: Ownership, created: (path: string) => void = () => {}): string {
  for (let attempt = 1; ; attempt++) {
    const path = auxPathOf(target, 'tmp');
    let fd: number;
    try {
      // Only the owner's bits, and only those the target has: until the chmod below, nobody else
      // may read what will be the new jicofo.conf, password included.
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, stat.mode & 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 10) continue;
      throw error;
    }
    created(path);
    try {
      writeFully(fd, bytes);
      fsyncSync(fd);
      const size = fstatSync(fd).size;
      if (size !== bytes.length) throw Object.assign(new Error(`the temporary file holds ${size} bytes instead of ${bytes.length}`), { code: 'EIO' });
      // The owner first: chown clears the set-id bits, which the chmod then puts back.
      const own = fstatSync(fd);
      if (own.uid !== stat.uid || own.gid !== stat.gid) fchownSync(fd, stat.uid, stat.gid);
      fchmodSync(fd, stat.mode & 0o7777);
    } finally {
      closeSync(fd);
    }
    return path;
  }
}

/** Every byte of `bytes` at the current position of `fd`: a short write (a full disk) is continued, and fails if nothing more goes in. */
function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = writeSync(fd, bytes, offset, bytes.length - offset);
    if (n <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    offset += n;
  }
}

/**
 * Gives the current file a second name `aside`: a hard link (no data written, so it works on a
 * full disk), or where the file system has none, a checked copy of the bytes read.
 */
function keepAside(target: string, aside: string, bytes: Buffer, stat: Ownership): string {
  try {
    linkSync(target, aside);
    return aside;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No hard links here (EPERM from some file systems, ENOTSUP/EOPNOTSUPP): copy instead. An
    // immutable file also says EPERM: the copy is made, and the rename then fails as it must.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
    const copy = writeTemporary(target, bytes, stat);
    try {
      renameSync(copy, aside);
    } catch (failure) {
      attempt(() => unlinkSync(copy));
      throw failure;
    }
    return aside;
  }
}

/** `<target>.<UTC time>.bak` (then `-1`, `-2`, …), never overwriting one: the file as it was, same inode or same bytes, mode and owner. */
function keepBackup(plan: Plan, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const path = `${plan.target}.${stamp}${n === 0 ? '' : `-${n}`}.bak`;
    try {
      linkSync(plan.rollback as string, path);
      return path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
      if (existsSync(path)) continue;
      copyFileSync(plan.rollback as string, path, constants.COPYFILE_EXCL);
      plan.backup = path;
      const copy = openSync(path, constants.O_RDONLY);
      try {
        if (fstatSync(copy).size !== (plan.replacement.file.bytes as Buffer).length) throw Object.assign(new Error('the backup copy is incomplete'), { code: 'EIO' });
        attempt(() => fchownSync(copy, plan.stat.uid, plan.stat.gid));
        fchmodSync(copy, plan.stat.mode & 0o7777);
      } finally {
        closeSync(copy);
      }
      return path;
    }
  }
}

/** Throws ChangedError unless the file is byte-identical on disk to what was read (still absent, for one to create). */
function unchanged(plan: Plan, options: WriteOptions): void {
  const { file } = plan.replacement;
  if (file.bytes === undefined) {
    if (existsOrLink(plan.target)) throw new ChangedError(file.display, `${file.display} was created by someone else since this run looked for it`);
    return;
  }
  let now: Buffer;
  try {
    now = readRegular(plan.target, file.display, options.maxFileSize);
  } catch (error) {
    throw new ChangedError(file.display, `${file.display} changed on disk since it was read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!now.equals(file.bytes)) throw new ChangedError(file.display, `${file.display} changed on disk since it was read`);
}

/** What a rollback could not do: a file left with the new text, and where its old text is kept. */
interface Stuck {
  display: string;
  kept: string | undefined;
  why: string;
  /** The file did not exist before this run: there is no previous content. */
  created?: boolean;
}

/** Step 3: puts back every file already renamed, removes what this run made. */
function undo(plans: readonly Plan[]): { restored: number; stuck: Stuck[] } {
  let restored = 0;
  const stuck: Stuck[] = [];
  for (const plan of [...plans].reverse()) {
    const { display } = plan.replacement.file;
    if (plan.renamed && plan.action === 'create') {
      try {
        // Only our own new file: one someone changed after this run made it is left.
        if (!readRegular(plan.target, display, Number.MAX_SAFE_INTEGER).equals(plan.replacement.bytes as Buffer)) {
          stuck.push({ display, kept: undefined, why: 'it was changed by someone else after this run created it', created: true });
        } else {
          unlinkSync(plan.target);
          syncDirectory(dirname(plan.target));
          restored++;
        }
      } catch (error) {
        stuck.push({ display, kept: undefined, why: describe(error), created: true });
      }
    } else if (plan.renamed && plan.action === 'remove') {
      try {
        // Only where nobody has put a file since: a new file someone made is not overwritten.
        if (existsOrLink(plan.target)) {
          stuck.push({ display, kept: plan.rollback, why: 'someone else made a new file there after this run removed it' });
        } else {
          renameSync(plan.rollback as string, plan.target);
          syncDirectory(dirname(plan.target));
          restored++;
        }
      } catch (error) {
        stuck.push({ display, kept: plan.rollback, why: describe(error) });
      }
      plan.rollback = undefined;
    } else if (plan.renamed) {
      try {
        // Only over our own new text: an edit someone made after the rename is not undone.
        if (!readRegular(plan.target, display, Number.MAX_SAFE_INTEGER).equals(plan.replacement.bytes as Buffer)) {
          stuck.push({ display, kept: plan.rollback, why: 'it was changed by someone else after this run wrote it' });
          plan.rollback = undefined;
        } else {
          renameSync(plan.rollback as string, plan.target);
          plan.rollback = undefined;
          syncDirectory(dirname(plan.target));
          restored++;
        }
      } catch (error) {
        stuck.push({ display, kept: plan.rollback, why: describe(error) });
        plan.rollback = undefined;
      }
    }
    if (plan.temp !== undefined && (!plan.renamed || plan.action === 'create')) attempt(() => unlinkSync(plan.temp as string));
    if (plan.rollback !== undefined) attempt(() => unlinkSync(plan.rollback as string));
    if (plan.backup !== undefined) attempt(() => unlinkSync(plan.backup as string));
  }
  return { restored, stuck };
}

/** The error of a failed write: what failed, then what was put back (or could not be). */
function failure(error: unknown, failed: Plan | undefined, { restored, stuck }: { restored: number; stuck: Stuck[] }): Error {
  if (!(error instanceof FileError) && !isSystemError(error)) return error instanceof Error ? error : new Error(String(error));
  const display = failed?.replacement.file.display ?? (error instanceof FileError ? error.path : 'a file');
  const undone =
    restored === 0 && stuck.length === 0
      ? 'nothing was written'
      : `the ${restored + stuck.length} file(s) already written were put back` +
        stuck
          .map(
            (s) =>
              `, except ${s.display} (${s.why}; ${s.created === true ? 'it did not exist before this run' : `its previous content is ${s.kept === undefined ? 'lost' : `in ${basename(s.kept)} beside it`}`})`,
          )
          .join('');
  const options = error instanceof FileError ? (error.cause === undefined ? {} : { cause: error.cause }) : { cause: error };
  if (error instanceof ChangedError) {
    return new ChangedError(error.path, `${error.message}; ${undone}, run the command again`, options);
  }
  if (error instanceof FileError) return new (error.constructor as typeof FileError)(error.path, `${stripNothing(error.message)}; ${undone}`, options);
  return new FileError(display, `cannot write ${display}: ${describe(error)}; ${undone}`, options);
}

/** A FileError thrown before anything was done already says "nothing was written". */
function stripNothing(message: string): string {
  return message.replace(/; nothing was written$/, '');
}

function isSystemError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

/** fsync of the directory, so that the rename itself survives a crash (where the system allows it). */
function syncDirectory(dir: string): void {
  attempt(() => {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}

/** Runs a best-effort step whose failure changes nothing for the caller. */
function attempt(step: () => void): void {
  try {
    step();
  } catch {
    // best effort by design
  }
}
