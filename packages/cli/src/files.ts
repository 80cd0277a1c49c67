/**
 * Reading and writing the files. Writing is all or nothing across the files of one command: every
 * new text is encoded and checked first, then every file is checked to be unchanged on disk, then
 * each is replaced atomically (temporary file in the same directory, fsync, rename) keeping its
 * mode, owner and group. Through a symlink the target is written and the link stays a link.
 */
import { accessSync, chmodSync, chownSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { ValidationError } from '@jitsi-confkit/core';
import { FileError, InFileError } from './errors.js';
import { encodingOf } from './kinds.js';
import type { FileKind } from './kinds.js';

/** A file as read, with everything needed to write it back safely. */
export interface SourceFile {
  kind: FileKind;
  /** The path as given or discovered (may be a symlink). */
  path: string;
  /** The path shown in messages and diff headers. */
  display: string;
  bytes: Buffer;
  /** The bytes decoded with the kind's encoding. */
  text: string;
}

/**
 * Reads a file. A missing or unreadable file is a FileError (exit status 1). The file system is
 * used synchronously throughout: a one-shot command gains nothing from the event loop, and each
 * asynchronous call costs start-up time.
 */
export function readSource(kind: FileKind, path: string, display: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FileError(display, `cannot read ${display}: ${describe(error)}`, { cause: error });
  }
  return { kind, path, display, bytes, text: bytes.toString(encodingOf(kind)) };
}

/** Whether a path exists (following symlinks). */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** The new bytes of a file, or a refusal when its text cannot be written back losslessly. */
export function encodeFor(file: SourceFile, after: string): Buffer {
  const encoding = encodingOf(file.kind);
  if (encoding === 'utf8' && !Buffer.from(file.text, 'utf8').equals(file.bytes)) {
    throw new InFileError(file.display, new ValidationError(`${file.display} is not valid UTF-8; refusing to rewrite it`));
  }
  return Buffer.from(after, encoding);
}

export interface Replacement {
  file: SourceFile;
  bytes: Buffer;
}

export interface WriteOptions {
  /** Keep a copy of each file beside it before replacing it. */
  backup: boolean;
  /** The time stamp used in backup names. */
  now: Date;
}

export interface Written {
  display: string;
  /** Where the backup copy went, when one was kept. */
  backup?: string;
}

/**
 * Replaces every file, or none: each must be byte-identical on disk to what was read. If a write
 * fails part way, the files already replaced are put back as they were.
 */
export async function writeAll(replacements: readonly Replacement[], options: WriteOptions): Promise<Written[]> {
  const targets: { replacement: Replacement; target: string }[] = [];
  for (const replacement of replacements) {
    const { file } = replacement;
    let target: string;
    let now: Buffer;
    try {
      target = realpathSync(file.path);
      now = readFileSync(target);
    } catch (error) {
      throw new FileError(file.display, `cannot read ${file.display} again: ${describe(error)}`, { cause: error });
    }
    if (!now.equals(file.bytes)) {
      throw new FileError(file.display, `${file.display} changed on disk since it was read; nothing was written, run the command again`);
    }
    // Replacing by rename needs only the directory to be writable: a file its owner made
    // read-only (chmod a-w) would be replaced all the same. Refuse, as an editor does.
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      throw new FileError(file.display, `cannot write ${file.display}: ${describe(error)} (the file is not writable for this user); nothing was written`, { cause: error });
    }
    targets.push({ replacement, target });
  }

  const { default: writeFileAtomic } = await import('write-file-atomic');
  const done: { target: string; bytes: Buffer }[] = [];
  const backups: string[] = [];
  const written: Written[] = [];
  try {
    for (const { replacement, target } of targets) {
      const entry: Written = { display: replacement.file.display };
      if (options.backup) {
        entry.backup = keepBackup(target, options.now);
        backups.push(entry.backup);
      }
      // Writes a temporary file beside the target, fsyncs it, gives it the target's mode, owner
      // and group, and renames it over the target (the real path: a symlink stays a link).
      writeFileAtomic.sync(target, replacement.bytes, { fsync: true });
      syncDirectory(dirname(target));
      done.push({ target, bytes: replacement.file.bytes });
      written.push(entry);
    }
  } catch (error) {
    for (const { target, bytes } of done.reverse()) {
      attempt(() => writeFileAtomic.sync(target, bytes, { fsync: true }));
    }
    for (const backup of backups) attempt(() => unlinkSync(backup));
    const failed = targets[done.length]?.replacement.file.display ?? 'a file';
    const undone = done.length === 0 ? 'nothing was written' : `the ${done.length} file(s) already written were put back`;
    throw new FileError(failed, `cannot write ${failed}: ${describe(error)}; ${undone}`, { cause: error });
  }
  return written;
}

/** Copies `target` to `<target>.<time>.bak` with the same mode, owner and group; returns its path. */
function keepBackup(target: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let path = `${target}.${stamp}.bak`;
  for (let n = 1; existsSync(path); n++) path = `${target}.${stamp}-${n}.bak`;
  copyFileSync(target, path, constants.COPYFILE_EXCL);
  const stat = statSync(target);
  chmodSync(path, stat.mode & 0o7777);
  // Only root can give a file away; anyone else's copy is already theirs.
  attempt(() => chownSync(path, stat.uid, stat.gid));
  return path;
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

/** A file-system error in words ("no such file", "permission denied", …). */
export function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const messages: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'it is a directory',
      EROFS: 'read-only file system',
    };
    return messages[error.code] ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
