import { ConfkitError } from '@jitsi-confkit/core';

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

/** A file could not be read or written, or changed on disk since it was read. Exit status 1. */
export class FileError extends Error {
  readonly path: string;

  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FileError';
    this.path = path;
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

/** Exit statuses, as documented in the README. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;
