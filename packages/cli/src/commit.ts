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
import { DEFAULT_LOCK_TIMEOUT, lockFiles, newFileTarget, realTarget } from './lock.js';
import type { WriterLock } from './lock.js';
import type { FileReport } from './report.js';
import { writeAll } from './write.js';
import type { Replacement } from './write.js';

export interface Edited {
  source: SourceFile;
  after: string;
  /**
   * The texts to show in the diff instead of the real ones, where they hold a secret (the recipe's
   * `masked` texts: the same lines, each secret replaced by a label).
   */
  shown?: { before: string; after: string };
}

/**
 * A file a recipe wants beside the deployment's (a credential, a systemd drop-in), written in the
 * same commit: created (`file.bytes` undefined), replaced, or removed (`bytes` undefined); no
 * replacement when it is as wanted already. Its diff is made by the caller, so that a secret's
 * content is never in it.
 */
export interface ExtraChange {
  kind: 'credential' | 'systemd-drop-in';
  display: string;
  replacement?: Replacement;
  diff: string;
}

export interface Committed {
  changed: boolean;
  files: FileReport[];
  diffs: { path: string; diff: string }[];
}

/** A file to lock: `create` when the command may create it (its lock goes beside where it will be). */
export interface ToLock {
  path: string;
  display: string;
  create?: boolean;
}

/**
 * Runs `work` holding the writer lock of every file in `files` that exists, and of those the
 * command may create (lock.ts): the command reads, edits and commits inside. --dry-run writes
 * nothing and takes no lock.
 */
export async function withLock<T>(ctx: Context, files: readonly ToLock[], work: (lock: WriterLock | undefined) => Promise<T>): Promise<T> {
  if (ctx.options.dryRun) return work(undefined);
  const targets: { target: string; display: string }[] = [];
  for (const file of files) {
    // A missing file is not locked (reading it fails with its own message), unless it may be created.
    const target = realTarget(file.path) ?? (file.create === true ? newFileTarget(file.path) : undefined);
    if (target !== undefined) targets.push({ target, display: file.display });
  }
  const lock = await lockFiles(targets, lockOptions(ctx));
  try {
    return await work(lock);
  } finally {
    lock.release();
  }
}

/** How a command waits for, reports and holds the writer lock. */
export function lockOptions(ctx: Context): Parameters<typeof lockFiles>[1] {
  const paint = paintFor(ctx.io);
  return {
    timeoutMs: (ctx.options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT) * 1000,
    command: ctx.command,
    show: (path) => displayPath(path, ctx.io.cwd),
    notice: (message) => ctx.io.stderr(`${paint.bold('jitsi-confkit:')} ${message}\n`),
    hold: ctx.io.hold?.bind(ctx.io),
    now: () => ctx.io.now(),
  };
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
 * A file of the tool's own written in the same commit as the configuration files (the state file,
 * an apt hook): UTF-8 text, which may not exist yet (it is created, with `mode`) or may be removed.
 */
export interface OwnFile {
  kind: 'state' | 'hook';
  path: string;
  display: string;
  /** The bytes read; undefined when the file does not exist. */
  bytes: Buffer | undefined;
  /** The new text; undefined to remove the file. */
  after: string | undefined;
  /** The mode of the file when it is created (its owner: the user running the command). */
  mode: number;
}

/**
 * Checks and writes the edited files, the tool's own files of the same command (`own`) and the
 * files a recipe wants beside them (`extras`), all or nothing. Nothing is written unless every new text re-parses, can be encoded back losslessly,
 * and every file is unchanged on disk since it was read (checked again just before its own
 * rename). `lock` (from withLock) is undefined only under --dry-run.
 */
export async function commit(
  edited: readonly Edited[],
  lock: WriterLock | undefined,
  options: CommitOptions,
  own: readonly OwnFile[] = [],
  extras: readonly ExtraChange[] = [],
): Promise<Committed> {
  const replacements: Replacement[] = [];
  const diffs: { path: string; diff: string }[] = [];
  // Diffs are shown by --dry-run and carried by --json; a plain run does not pay for them.
  const wantDiffs = options.dryRun || options.json;
  for (const { source, after, shown } of edited) {
    if (after === source.text) continue;
    await withFile(source.display, () => parseAs(source.kind, after));
    replacements.push({ file: source, bytes: encodeFor(source, after) });
    if (wantDiffs) {
      diffs.push({ path: source.display, diff: unifiedDiff(readable(source, shown?.before ?? source.text), readable(source, shown?.after ?? after), { path: source.display }) });
    }
  }
  const ownChanged = own.filter((file) => file.after !== (file.bytes === undefined ? undefined : file.bytes.toString('utf8')));
  for (const file of ownChanged) {
    replacements.push({ file, bytes: file.after === undefined ? undefined : Buffer.from(file.after, 'utf8'), mode: file.mode });
    if (wantDiffs) diffs.push({ path: file.display, diff: unifiedDiff(file.bytes?.toString('utf8') ?? '', file.after ?? '', { path: file.display }) });
  }
  for (const extra of extras) {
    if (extra.replacement === undefined) continue;
    replacements.push(extra.replacement);
    if (wantDiffs) diffs.push({ path: extra.display, diff: extra.diff });
  }
  let written: { display: string; backup?: string }[] = [];
  if (!options.dryRun && replacements.length > 0) {
    if (lock === undefined) throw new Error('internal: commit without the writer lock');
    written = writeAll(lock, replacements, { backup: options.backup, now: options.now, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, hold: options.hold });
  }
  const backupOf = (display: string): string | undefined => written.find((w) => w.display === display)?.backup;
  const files = edited.map(({ source, after }): FileReport => {
    const report: FileReport = { kind: source.kind, path: source.display, changed: after !== source.text };
    const backup = backupOf(source.display);
    if (backup !== undefined) report.backup = displayPath(backup, options.cwd);
    return report;
  });
  for (const file of own) {
    const report: FileReport = { kind: file.kind, path: file.display, changed: ownChanged.includes(file) };
    if (report.changed && file.bytes === undefined) report.created = true;
    if (report.changed && file.after === undefined) report.removed = true;
    const backup = backupOf(file.display);
    if (backup !== undefined) report.backup = displayPath(backup, options.cwd);
    files.push(report);
  }
  for (const { kind, display, replacement } of extras) {
    const report: FileReport = { kind, path: display, changed: replacement !== undefined };
    if (replacement?.file.bytes === undefined && replacement !== undefined) report.created = true;
    if (replacement !== undefined && replacement.bytes === undefined) report.removed = true;
    const backup = backupOf(display);
    if (backup !== undefined) report.backup = displayPath(backup, options.cwd);
    files.push(report);
  }
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
 * kind of a source, or what `ownerOf` maps to a source: the doctor's Prosody files by path); a
 * single source is the one.
 */
export async function withFiles<T>(
  sources: readonly SourceFile[],
  work: () => T | Promise<T>,
  ownerOf: (file: string) => SourceFile | undefined = (file) => sources.find((s) => s.kind === file),
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ConfkitError) || !isAboutFile(error)) throw error;
    const owner = error.file !== undefined ? ownerOf(error.file) : sources.length === 1 ? sources[0] : undefined;
    if (owner !== undefined) throw new InFileError(owner.display, error);
    throw error;
  }
}
