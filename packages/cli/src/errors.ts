import type { ConfkitError } from '@jitsi-confkit/core';

/** The command line is wrong: unknown command or option, missing argument. Exit status 2. */
export class UsageError extends Error {
  /** The command whose help the message should point to, when known ("browsers move"). */
  readonly command: string | undefined;
  /** The host names to choose from, when the error is that --host is needed. */
  readonly hosts: readonly string[] | undefined;

  constructor(message: string, command?: string, options: { hosts?: readonly string[] } = {}) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
    this.hosts = options.hosts;
  }
}

/** A file the command needs and did not find: its kind and the paths looked at. */
export interface MissingFile {
  kind: string;
  /** The paths looked at (as shown); [] when none was looked for (files named without --root). */
  lookedFor: string[];
}

/** The codes of the CLI's own file errors, as --json reports them. */
export type FileErrorCode = 'E_FILE' | 'E_CHANGED' | 'E_LOCKED';

/** A file could not be read or written (missing, unreadable, not a regular file, too large, not writable). Exit status 1. */
export class FileError extends Error {
  readonly path: string;
  readonly code: FileErrorCode = 'E_FILE';
  /** For files a command needs and did not find: each one, and where it was looked for. */
  readonly missing: readonly MissingFile[] | undefined;
  /** Host names found, to choose from (close to the one given first), when the host may be mistyped. */
  readonly hosts: readonly string[] | undefined;

  constructor(path: string, message: string, options: { cause?: unknown; missing?: readonly MissingFile[]; hosts?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FileError';
    this.path = path;
    this.missing = options.missing;
    this.hosts = options.hosts;
  }
}

/** A file changed on disk between the read and the write (another program edited it). Exit status 1; running again is safe. */
export class ChangedError extends FileError {
  override readonly code = 'E_CHANGED';

  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super(path, message, options);
    this.name = 'ChangedError';
  }
}

/** Another jitsi-confkit run holds the writer lock of a file. Exit status 1; running again later is safe. */
export class LockedError extends FileError {
  override readonly code = 'E_LOCKED';

  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super(path, message, options);
    this.name = 'LockedError';
  }
}

/** A library error (syntax, validation, unsupported edit) raised while working on one file. */
export class InFileError extends Error {
  readonly path: string;
  readonly error: ConfkitError;

  constructor(path: string, error: ConfkitError) {
    super(error.message, { cause: error });
    this.name = 'InFileError';
    this.path = path;
    this.error = error;
  }
}

/** One intent of the state file that cannot be applied, as `apply` reports it. */
export interface IntentProblem {
  /** The intent's line in the state file, and its one-line description. */
  line: number;
  summary: string;
  /** E_FILE (a file it needs is missing), else the library's code (E_SYNTAX, E_UNSUPPORTED_EDIT, …). */
  code: string;
  /** Why, with the file it is about (`path:line:column: …`) where there is one. */
  message: string;
  /** The configuration file at fault, as shown, and the position in it. */
  file?: string;
  position?: { line: number; column: number };
  frame?: string;
  /** The files it needs that were not found, with the paths looked at. */
  missing?: MissingFile[];
}

/**
 * `apply` could not apply every intent of the state file, and wrote nothing (or, with
 * --keep-going, wrote the others). Exit status 1.
 */
export class IntentFailure extends Error {
  /** The state file, as shown. */
  readonly state: string;
  readonly problems: readonly IntentProblem[];

  constructor(state: string, problems: readonly IntentProblem[], message: string) {
    super(message);
    this.name = 'IntentFailure';
    this.state = state;
    this.problems = problems;
  }

  /** The code of the first problem. */
  get code(): string {
    return this.problems[0]?.code ?? 'E_INTERNAL';
  }
}

/** Exit statuses, as documented in the README. `status` adds 3 (drift) and 4 (an intent cannot be applied). */
export const EXIT = { ok: 0, refused: 1, usage: 2, drift: 3, cannotApply: 4 } as const;
