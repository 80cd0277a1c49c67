/**
 * Reading and writing the files. Writing is all or nothing across the files of one command: every
 * new text is encoded and checked first, then every file is checked to be unchanged on disk, then
 * each is replaced atomically (temporary file in the same directory, fsync, rename) keeping its
 * mode, owner and group. Through a symlink the target is written and the link stays a link.
 */
import { constants, promises as fs } from 'node:fs';
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

/** Reads a file. A missing or unreadable file is a FileError (exit status 1). */
export async function readSource(kind: FileKind, path: string, display: string): Promise<SourceFile> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw new FileError(display, `cannot read ${display}: ${describe(error)}`, { cause: error });
  }
  return { kind, path, display, bytes, text: bytes.toString(encodingOf(kind)) };
}

/** Whether a path exists (following symlinks). */
export async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
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
    const target = await fs.realpath(file.path).catch((error: unknown) => {
      throw new FileError(file.display, `cannot resolve ${file.display}: ${describe(error)}`, { cause: error });
    });
    const now = await fs.readFile(target).catch((error: unknown) => {
      throw new FileError(file.display, `cannot read ${file.display} again: ${describe(error)}`, { cause: error });
    });
    if (!now.equals(file.bytes)) {
      throw new FileError(file.display, `${file.display} changed on disk since it was read; nothing was written, run the command again`);
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
        entry.backup = await keepBackup(target, options.now);
        backups.push(entry.backup);
      }
      await writeFileAtomic(target, replacement.bytes, { fsync: true });
      await syncDirectory(dirname(target));
      done.push({ target, bytes: replacement.file.bytes });
      written.push(entry);
    }
  } catch (error) {
    for (const { target, bytes } of done.reverse()) {
      await writeFileAtomic(target, bytes, { fsync: true }).catch(() => undefined);
    }
    for (const backup of backups) await fs.unlink(backup).catch(() => undefined);
    const failed = targets[done.length]?.replacement.file.display ?? 'a file';
    const undone = done.length === 0 ? 'nothing was written' : `the ${done.length} file(s) already written were put back`;
    throw new FileError(failed, `cannot write ${failed}: ${describe(error)}; ${undone}`, { cause: error });
  }
  return written;
}

/** Copies `target` to `<target>.<time>.bak` with the same mode, owner and group; returns its path. */
async function keepBackup(target: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let path = `${target}.${stamp}.bak`;
  for (let n = 1; await exists(path); n++) path = `${target}.${stamp}-${n}.bak`;
  await fs.copyFile(target, path, constants.COPYFILE_EXCL);
  const stat = await fs.stat(target);
  await fs.chmod(path, stat.mode & 0o7777);
  await fs.chown(path, stat.uid, stat.gid).catch(() => undefined);
  return path;
}

/** fsync of the directory, so that the rename itself survives a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
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
