/**
 * How every editing command ends, and what it runs inside: `withLock` takes the writer lock of
 * the files before they are read; `commit` re-parses each new text, computes the diffs, then
 * writes everything through the one write path (or, with --dry-run, nothing).
 */
import { ConfkitError, unifiedDiff } from '@jitsi-confkit/core';
import type { Context } from './context.js';
import { displayPath } from './discover.js';
import { InFileError } from './errors.js';
import { DEFAULT_MAX_FILE_SIZE, encodeFor } from './files.js';
import type { SourceFile } from './files.js';
import { paintFor } from './io.js';
import { parseAs } from './libraries.js';
import { DEFAULT_LOCK_TIMEOUT, lockFiles, realTarget } from './lock.js';
import type { WriterLock } from './lock.js';
import type { FileReport } from './report.js';
import { writeAll } from './write.js';
import type { Replacement } from './write.js';

export interface Edited {
  source: SourceFile;
  after: string;
}

export interface Committed {
  changed: boolean;
  files: FileReport[];
  diffs: { path: string; diff: string }[];
}

/**
 * Runs `work` holding the writer lock of every file in `files` that exists (lock.ts): the command
 * reads, edits and commits inside. --dry-run writes nothing and takes no lock.
 */
export async function withLock<T>(ctx: Context, files: readonly { path: string; display: string }[], work: (lock: WriterLock | undefined) => Promise<T>): Promise<T> {
  if (ctx.options.dryRun) return work(undefined);
  const targets: { target: string; display: string }[] = [];
  for (const file of files) {
    // A missing file is not locked: reading it fails with its own message.
    const target = realTarget(file.path);
    if (target !== undefined) targets.push({ target, display: file.display });
  }
  const paint = paintFor(ctx.io);
  const lock = await lockFiles(targets, {
    timeoutMs: (ctx.options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT) * 1000,
    command: ctx.command,
    show: (path) => displayPath(path, ctx.io.cwd),
    notice: (message) => ctx.io.stderr(`${paint.bold('jitsi-confkit:')} ${message}\n`),
    hold: ctx.io.hold?.bind(ctx.io),
    now: () => ctx.io.now(),
  });
  try {
    return await work(lock);
  } finally {
    lock.release();
  }
}

export interface CommitOptions {
  dryRun: boolean;
  backup: boolean;
  json: boolean;
  now: Date;
  cwd: string;
  maxFileSize?: number | undefined;
  hold?: ((point: string) => void) | undefined;
}

/** The options of `commit` for a command's context. */
export function commitOptions(ctx: Context): CommitOptions {
  return { ...ctx.options, now: ctx.io.now(), cwd: ctx.io.cwd, hold: ctx.io.hold?.bind(ctx.io) };
}

/**
 * Checks and writes the edited files. Nothing is written unless every new text re-parses, can be
 * encoded back losslessly, and every file is unchanged on disk since it was read (checked again
 * just before its own rename). `lock` (from withLock) is undefined only under --dry-run.
 */
export async function commit(edited: readonly Edited[], lock: WriterLock | undefined, options: CommitOptions): Promise<Committed> {
  const replacements: Replacement[] = [];
  const diffs: { path: string; diff: string }[] = [];
  for (const { source, after } of edited) {
    if (after === source.text) continue;
    await withFile(source.display, () => parseAs(source.kind, after));
    replacements.push({ file: source, bytes: encodeFor(source, after) });
    // Diffs are shown by --dry-run and carried by --json; a plain run does not pay for them.
    if (options.dryRun || options.json) {
      diffs.push({ path: source.display, diff: unifiedDiff(readable(source, source.text), readable(source, after), { path: source.display }) });
    }
  }
  let written: { display: string; backup?: string }[] = [];
  if (!options.dryRun && replacements.length > 0) {
    if (lock === undefined) throw new Error('internal: commit without the writer lock');
    written = writeAll(lock, replacements, { backup: options.backup, now: options.now, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, hold: options.hold });
  }
  const files = edited.map(({ source, after }): FileReport => {
    const report: FileReport = { kind: source.kind, path: source.display, changed: after !== source.text };
    const backup = written.find((w) => w.display === source.display)?.backup;
    if (backup !== undefined) report.backup = displayPath(backup, options.cwd);
    return report;
  });
  return { changed: replacements.length > 0, files, diffs };
}

/** Runs `work`, attributing a library error to the file `path`. */
export async function withFile<T>(path: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConfkitError && isAboutFile(error)) throw new InFileError(path, error);
    throw error;
  }
}

/** A refused value (ValidationError without a position) is about the value, not about a file. */
function isAboutFile(error: ConfkitError): boolean {
  return error.code !== 'E_VALIDATION' || error.position !== undefined;
}

/** Prosody's text is latin1 (one character per byte); diffs are shown as the UTF-8 a terminal expects. */
function readable(source: SourceFile, text: string): string {
  return source.kind === 'prosody' ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

/**
 * Runs a library call over several files' texts and, when it throws an error about one of them,
 * says which: the recipes name the file (`error.file`, a DeploymentFiles key, which is also the
 * kind of a source); a single source is the one.
 */
export async function withFiles<T>(sources: readonly SourceFile[], work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ConfkitError) || !isAboutFile(error)) throw error;
    const owner = error.file !== undefined ? sources.find((s) => s.kind === error.file) : sources.length === 1 ? sources[0] : undefined;
    if (owner !== undefined) throw new InFileError(owner.display, error);
    throw error;
  }
}
