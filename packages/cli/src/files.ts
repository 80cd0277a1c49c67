/**
 * Reading the files: regular files only, up to a size limit, decoded with their kind's encoding;
 * and encoding new texts back. Writing is write.ts.
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
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

/** The largest file read unless --max-file-size says otherwise: far above any real configuration. */
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

/**
 * Reads a file. A missing or unreadable file is a FileError (exit status 1). The file system is
 * used synchronously throughout: a one-shot command gains nothing from the event loop, and each
 * asynchronous call costs start-up time.
 */
export function readSource(kind: FileKind, path: string, display: string, limit: number = DEFAULT_MAX_FILE_SIZE): SourceFile {
  const bytes = readRegular(path, display, limit);
  return { kind, path, display, bytes, text: bytes.toString(encodingOf(kind)) };
}

/**
 * The bytes of a regular file (through symlinks), at most `limit` of them. Anything else is
 * refused before it is read: a FIFO would block the command until something writes to it, and a
 * device such as /dev/zero or /dev/urandom never ends. The type is checked before the file is
 * opened (opening some devices has effects), and again on the open file, which is opened without
 * blocking; the size is checked on the open file and while reading (a file that grows, or one of
 * /proc that says it has no size).
 */
export function readRegular(path: string, display: string, limit: number): Buffer {
  const refuse = (error: unknown): FileError => new FileError(display, `cannot read ${display}: ${describe(error)}`, { cause: error });
  let fd: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw notRegular(path, display, stat);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw error instanceof FileError ? error : refuse(error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular(path, display, stat);
    if (stat.size > limit) throw tooLarge(display, stat.size, limit);
    let buffer = Buffer.allocUnsafe(Math.min(limit, stat.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(display, undefined, limit);
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) throw tooLarge(display, undefined, limit);
    return buffer.subarray(0, length);
  } catch (error) {
    throw error instanceof FileError ? error : refuse(error);
  } finally {
    closeSync(fd);
  }
}

/** What a file that is not a regular file is, in words, with where a symlink leads. */
function notRegular(path: string, display: string, stat: Stats): FileError {
  if (stat.isDirectory()) {
    return new FileError(display, `cannot read ${display}: it is a directory`, { cause: Object.assign(new Error('EISDIR'), { code: 'EISDIR' }) });
  }
  const what = stat.isFIFO()
    ? 'a named pipe (FIFO)'
    : stat.isCharacterDevice()
      ? 'a character device'
      : stat.isBlockDevice()
        ? 'a block device'
        : stat.isSocket()
          ? 'a socket'
          : 'not a regular file';
  let target: string | undefined;
  try {
    target = realpathSync(path);
  } catch {
    target = undefined;
  }
  const via = target !== undefined && target !== path && lstatSync(path).isSymbolicLink() ? `it leads to ${target}, ` : 'it is ';
  return new FileError(display, `cannot read ${display}: ${via}${what}, not a regular file; only regular files are read`);
}

function tooLarge(display: string, size: number | undefined, limit: number): FileError {
  const what = size === undefined ? 'it is' : `it is ${size} bytes,`;
  return new FileError(
    display,
    `cannot read ${display}: ${what} over the limit of ${formatSize(limit)} for a configuration file; if it really is one, raise the limit with --max-file-size SIZE`,
    { cause: Object.assign(new Error('EFBIG'), { code: 'EFBIG' }) },
  );
}

/** A size as given to --max-file-size: 16M, 512K, 1G, or bytes. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['G', 1024 ** 3],
    ['M', 1024 ** 2],
    ['K', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes} bytes`;
}

/** Parses a --max-file-size value: bytes, or a number with K, M or G (powers of 1024); undefined when it is none. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)([KMG]?)(i?B)?$/i.exec(text.trim());
  if (m === null) return undefined;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m[2] as string).toUpperCase() as '' | 'K' | 'M' | 'G'];
  const bytes = Number(m[1]) * unit;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** Whether a path exists (following symlinks). */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** Whether anything has this name: a file, a directory, a symlink, even one that leads nowhere. */
export function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
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

/** A file-system error in words ("no such file", "permission denied", …). */
export function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const messages: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'it is a directory',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on device',
      EDQUOT: 'disk quota exceeded',
    };
    // Node's own text is "ENOSPC: no space left on device, write '<path>'": the words without the call and its arguments.
    return messages[error.code] ?? /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
