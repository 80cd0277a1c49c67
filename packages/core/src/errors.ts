/**
 * Error classes shared by every jitsi-confkit package. Each has a stable `code` so that callers
 * (and the CLI's single error handler) can tell them apart without matching messages.
 */

export type ConfkitErrorCode = 'E_SYNTAX' | 'E_VALIDATION' | 'E_UNSUPPORTED_EDIT' | 'E_EDIT_CONFLICT' | 'E_NOT_FOUND';

export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters of the text that was parsed. */
  column: number;
  /** 0-based offset into the text that was parsed. */
  offset: number;
}

/**
 * The base class. Where there is a position it is in fields (`position`, `frame`; and `line`,
 * `column`, `offset` on ConfigSyntaxError), never in the message: `message` (the same text as
 * `reason`) says what went wrong, in words, and a caller prints the place its own way
 * (`file:line:column: …`) from the fields. Node prints the fields of an error nobody catches.
 */
export class ConfkitError extends Error {
  override name = 'ConfkitError';
  readonly code: ConfkitErrorCode;
  /** What went wrong, in words: the message (kept as a field of its own: `reason` is what callers print beside a position). */
  readonly reason: string;
  /**
   * Which of several files the error is about, where the caller worked on more than one (the
   * recipes set it to a DeploymentFiles key); undefined for a single text.
   */
  file: string | undefined;
  /** Where in the text the problem is, when there is a position to report. */
  readonly position: SourcePosition | undefined;
  /** A few lines of the text around `position`, with a caret under the column. */
  readonly frame: string | undefined;

  constructor(code: ConfkitErrorCode, message: string, options: { position?: SourcePosition; frame?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = message;
    this.position = options.position;
    this.frame = options.frame;
  }
}

/** The text does not parse. Always carries a position and a code frame. */
export class ConfigSyntaxError extends ConfkitError {
  override name = 'ConfigSyntaxError';
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  declare readonly frame: string;

  constructor(message: string, text: string, offset: number, options: { cause?: unknown } = {}) {
    const position = positionAt(text, offset);
    const frame = codeFrame(text, position.line, position.column);
    super('E_SYNTAX', message, { position, frame, ...options });
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
  }
}

/** A value given by the caller is not acceptable (host name, browser name, key, type). */
export class ValidationError extends ConfkitError {
  override name = 'ValidationError';
  constructor(message: string, options: { position?: SourcePosition; frame?: string } = {}) {
    super('E_VALIDATION', message, options);
  }
}

/**
 * A path the document's kind cannot read: not in the kind's path syntax (`hosts..domain` in
 * config.js, `vhost:x/KEY` in a Prosody file, a .properties key with a space). A ValidationError
 * (same code), so a caller that handles those handles this; a command line tells it apart to
 * call it a usage error, whatever the kind.
 */
export class PathError extends ValidationError {
  override name = 'PathError';
}

/**
 * The edit cannot be made safely: the value at the edited place is not a literal (a call, an
 * identifier, a concatenation, an environment substitution), the file predates the key, etc.
 */
export class UnsupportedEditError extends ConfkitError {
  override name = 'UnsupportedEditError';
  constructor(message: string, options: { position?: SourcePosition; frame?: string; cause?: unknown } = {}) {
    super('E_UNSUPPORTED_EDIT', message, options);
  }

  /** Builds the error with the position and code frame of `offset` in `text`. */
  static at(message: string, text: string, offset: number): UnsupportedEditError {
    return new UnsupportedEditError(message, sourceAt(text, offset));
  }
}

/** What an edit that did not verify failed at: the edited text did not parse, or did not read back. */
export type VerificationFailure = 'parse' | 'read-back';

/**
 * An edit was planned and applied, but the edited text did not parse (`failure: 'parse'`; the
 * parser's error, with its position in the edited text, is the `cause`) or did not read back as
 * the operation intended (`'read-back'`). Nothing was changed: the document is as it was before
 * the operation (before the whole batch, inside one). For callers it means what
 * UnsupportedEditError means, and it is one (same code, E_UNSUPPORTED_EDIT): this edit cannot be
 * made safely on this file; edit it by hand. Unlike a value that is not a literal, it also points
 * at a file shape the operation does not handle yet, worth a bug report with `operation`.
 */
export class EditVerificationError extends UnsupportedEditError {
  override name = 'EditVerificationError';
  /** The operation that failed, as the document names it ("set hosts.domain"), or several joined by "; ". */
  readonly operation: string;
  readonly failure: VerificationFailure;
  /** Why, where known: the parser's reason, or what the read-back said. */
  readonly detail: string | undefined;

  constructor(operation: string, failure: VerificationFailure, message: string, options: { cause?: unknown; detail?: string } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.operation = operation;
    this.failure = failure;
    this.detail = options.detail;
  }
}

/**
 * Edits overlap or point outside the text, or replace text with itself: an invalid edit list. A
 * programming error in an operation, never user input, and found before anything is applied.
 */
export class EditConflictError extends ConfkitError {
  override name = 'EditConflictError';
  constructor(message: string) {
    super('E_EDIT_CONFLICT', message);
  }
}

/**
 * Runs `work` and marks a ConfkitError it throws as being about `file` (unless it already names
 * one), so that a caller working on several texts can say which one was refused.
 */
export function aboutFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfkitError && error.file === undefined) error.file = file;
    throw error;
  }
}

/** The position and code frame of `offset` in `text`: the options of an error about that place. */
export function sourceAt(text: string, offset: number): { position: SourcePosition; frame: string } {
  const position = positionAt(text, offset);
  return { position, frame: codeFrame(text, position.line, position.column) };
}

/** 1-based line and column of a 0-based offset. `\r\n`, `\n` and a lone `\r` each end a line. */
export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    } else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1, offset: clamped };
}

/** 0-based offset of a 1-based line and column (the inverse of positionAt). */
export function offsetAt(text: string, line: number, column: number): number {
  let current = 1;
  let i = 0;
  while (current < line && i < text.length) {
    const ch = text.charCodeAt(i);
    i++;
    if (ch === 10 || (ch === 13 && text.charCodeAt(i) !== 10)) current++;
  }
  return Math.min(text.length, i + Math.max(0, column - 1));
}

const FRAME_CONTEXT = 2;
const FRAME_MAX_LINE = 160;

/**
 * A code frame in the style of Babel's: the line with the problem and two lines either side,
 * numbered, with `>` in the margin and a caret under the column. Control characters are shown
 * as `?` so that binary garbage cannot mess up a terminal.
 */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r\n|\n|\r/);
  const first = Math.max(1, line - FRAME_CONTEXT);
  const last = Math.min(lines.length, line + FRAME_CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines[n - 1] ?? '';
    const shown = sanitizeForTerminal(raw.length > FRAME_MAX_LINE ? `${raw.slice(0, FRAME_MAX_LINE)}…` : raw);
    const gutter = `${String(n).padStart(width)} |`;
    out.push(`${n === line ? '>' : ' '} ${gutter}${shown === '' ? '' : ` ${shown}`}`);
    if (n === line) {
      const caretAt = Math.min(Math.max(1, column), FRAME_MAX_LINE + 1);
      const pad = raw.slice(0, caretAt - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${pad}^`);
    }
  }
  return out.join('\n');
}

function sanitizeForTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are hidden from the terminal
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
