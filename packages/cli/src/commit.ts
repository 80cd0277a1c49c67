/**
 * The last stage of every editing command: re-parse each new text, compute the diffs, then write
 * everything (or, with --dry-run, nothing).
 */
import { ConfkitError, unifiedDiff } from '@jitsi-confkit/core';
import { displayPath } from './discover.js';
import { InFileError } from './errors.js';
import { encodeFor, writeAll } from './files.js';
import type { Replacement, SourceFile } from './files.js';
import { parseAs } from './libraries.js';
import type { FileReport } from './report.js';

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
 * Checks and writes the edited files. Nothing is written unless every new text re-parses, can be
 * encoded back losslessly, and every file is unchanged on disk since it was read.
 */
export async function commit(edited: readonly Edited[], options: { dryRun: boolean; backup: boolean; json: boolean; now: Date; cwd: string }): Promise<Committed> {
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
  const written = options.dryRun ? [] : await writeAll(replacements, { backup: options.backup, now: options.now });
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
