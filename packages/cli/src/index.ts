/**
 * jitsi-confkit: the command line. `run` parses the arguments, runs one command and is the one
 * place where errors become messages and exit statuses:
 *   0  done (changed or not); for `status`, every intent holds
 *   1  a file or a value was refused (syntax error, invalid value, unsupported edit, file
 *      missing, not a regular file, too large, changed on disk, locked by another run), or
 *      `check` found errors, or `apply` could not apply an intent
 *   2  usage error (unknown command or option, missing argument, host to choose)
 *   3  `status`: drift (an intent no longer holds; apply would make it hold)
 *   4  `status`: an intent cannot be applied
 */
import { ConfkitError, EditConflictError } from '@jitsi-confkit/core';
import { parseArgs } from './args.js';
import type { Invocation } from './args.js';
import { browsersList, browsersMove } from './commands/browsers.js';
import { check, jwtCommand, moderationSet, secureDomain } from './commands/deployment.js';
import { deleteValue, getValue, setValue } from './commands/value.js';
import { hookInstall, hookRemove, hookRun } from './commands/hook.js';
import { apply, status } from './commands/state.js';
import { doctor } from './commands/doctor.js';
import type { Command } from './context.js';
import { EXIT, FileError, InFileError, IntentFailure, UsageError } from './errors.js';
import type { IntentProblem } from './errors.js';
import { helpText } from './help.js';
import type { Io } from './io.js';
import { paintFor } from './io.js';
import type { CommandName } from './spec.js';
import { VERSION } from './version.js';

export type { Io } from './io.js';
export type { Outcome, StepReport, FileReport, Finding } from './report.js';
export type { DriftFile, IntentReport, StatusReport } from './commands/state.js';
export { VERSION } from './version.js';

const COMMANDS: Record<CommandName, Command> = {
  'browsers move': browsersMove,
  'browsers list': browsersList,
  'secure-domain enable': secureDomain(true),
  'secure-domain disable': secureDomain(false),
  'jwt enable': jwtCommand(true),
  'jwt disable': jwtCommand(false),
  'moderation set': moderationSet,
  get: getValue,
  set: setValue,
  delete: deleteValue,
  check,
  apply,
  status,
  'hook install': hookInstall,
  'hook remove': hookRemove,
  'hook run': (ctx) => hookRun(ctx, run),
  doctor,
};

/** Runs the command line `argv` (without node and the script name); resolves to the exit status. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation | undefined;
  try {
    invocation = parseArgs(argv);
    switch (invocation.kind) {
      // Under --json even these print one JSON object, so that stdout always parses.
      case 'version':
        io.stdout(invocation.options.json ? `${JSON.stringify({ version: VERSION })}\n` : `${VERSION}\n`);
        return EXIT.ok;
      case 'help': {
        const text = helpText(invocation.topic, VERSION);
        io.stdout(invocation.options.json ? `${JSON.stringify({ help: text })}\n` : text);
        return EXIT.ok;
      }
      case 'run':
        return await COMMANDS[invocation.command.name]({ io, options: invocation.options, command: invocation.command.name }, invocation.args);
    }
  } catch (error) {
    const debug = invocation?.options.debug ?? argv.includes('--debug');
    const json = invocation?.options.json ?? asksForJson(argv);
    return report(error, io, debug, json);
  }
}

/**
 * The --json form of an error: one object on stdout, so that automation (Ansible's
 * `failed_when`) can rely on stdout being one JSON object whatever happened. The human message
 * still goes to stderr.
 */
export interface ErrorReport {
  error: {
    /** E_USAGE, E_FILE, E_CHANGED, E_LOCKED, E_INTERNAL, or the library's code (E_SYNTAX, E_VALIDATION, E_UNSUPPORTED_EDIT, E_EDIT_CONFLICT, E_NOT_FOUND). */
    code: string;
    /** The error class: UsageError, FileError, ChangedError, LockedError, ConfigSyntaxError, ValidationError, UnsupportedEditError, … */
    class: string;
    message: string;
    /** The exit status of the run (1 refused, 2 usage). */
    status: number;
    /** The file the error is about, as shown in messages. */
    file?: string;
    line?: number;
    column?: number;
    /** The system's error code when a file could not be read or written (ENOENT, EACCES, …). */
    errno?: string;
    /** When --host is needed, or may be mistyped: the host names found (the close ones first). */
    hosts?: string[];
    /** The files a command needs and did not find, each with the paths looked at. */
    missing?: { kind: string; lookedFor: string[] }[];
    /** apply: the state file, as shown. */
    state?: string;
    /** apply: every intent that could not be applied (`line` is in the state file; `file`, `fileLine`, `fileColumn` in the configuration file at fault). */
    intents?: IntentErrorReport[];
  };
}

/** One intent apply could not apply, in the --json error object. */
export interface IntentErrorReport {
  line: number;
  summary: string;
  code: string;
  message: string;
  file?: string;
  fileLine?: number;
  fileColumn?: number;
}

function problemReport(problem: IntentProblem): IntentErrorReport {
  const report: IntentErrorReport = { line: problem.line, summary: problem.summary, code: problem.code, message: problem.message };
  if (problem.file !== undefined) report.file = problem.file;
  if (problem.position !== undefined) {
    report.fileLine = problem.position.line;
    report.fileColumn = problem.position.column;
  }
  return report;
}

/** The top-level error handler: one message per error class, a code frame where there is a position. */
function report(error: unknown, io: Io, debug: boolean, json: boolean): number {
  const paint = paintFor(io);
  const prefix = `${paint.bold('jitsi-confkit:')} `;
  let status: number = EXIT.refused;
  let described: ErrorReport['error'];
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'jitsi-confkit --help' : `jitsi-confkit ${error.command} --help`;
    io.stderr(`${prefix}${error.message}\nRun "${help}" for usage.\n`);
    status = EXIT.usage;
    described = { code: 'E_USAGE', class: error.name, message: error.message, status };
    if (error.hosts !== undefined) described.hosts = [...error.hosts];
  } else if (error instanceof EditConflictError || (error instanceof InFileError && error.error instanceof EditConflictError)) {
    // The libraries read every edit back before returning it; this says the read-back failed.
    const path = error instanceof InFileError ? error.path : undefined;
    const message = editConflict(path, error instanceof InFileError ? error.error : error);
    io.stderr(`${prefix}${message}\n`);
    described = { code: 'E_EDIT_CONFLICT', class: 'EditConflictError', message, status };
    if (path !== undefined) described.file = path;
  } else if (error instanceof InFileError) {
    io.stderr(`${prefix}${located(error.path, error.error)}\n${frameOf(error.error)}`);
    described = { code: error.error.code, class: error.error.name, message: error.error.reason, status, file: error.path, ...positionOf(error.error) };
  } else if (error instanceof ConfkitError) {
    io.stderr(`${prefix}${withPosition(error)}\n${frameOf(error)}`);
    described = { code: error.code, class: error.name, message: error.reason, status, ...positionOf(error) };
  } else if (error instanceof IntentFailure) {
    const first = error.problems[0];
    io.stderr(`${prefix}${error.message}\n${first?.frame === undefined ? '' : `${first.frame}\n`}`);
    described = { code: error.code, class: error.name, message: error.message, status, state: error.state, intents: error.problems.map(problemReport) };
    if (first?.file !== undefined) described.file = first.file;
    if (first?.position !== undefined) Object.assign(described, first.position);
    if (first?.missing !== undefined) described.missing = first.missing.map((m) => ({ kind: m.kind, lookedFor: [...m.lookedFor] }));
  } else if (error instanceof FileError) {
    io.stderr(`${prefix}${error.message}\n`);
    described = { code: error.code, class: error.name, message: error.message, status, file: error.path };
    const errno = errnoOf(error.cause);
    if (errno !== undefined) described.errno = errno;
    if (error.missing !== undefined) described.missing = error.missing.map((m) => ({ kind: m.kind, lookedFor: [...m.lookedFor] }));
    if (error.hosts !== undefined) described.hosts = [...error.hosts];
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${prefix}internal error: ${message}\n${debug ? '' : 'Run again with --debug for the stack trace.\n'}`);
    described = { code: 'E_INTERNAL', class: error instanceof Error ? error.name : typeof error, message: `internal error: ${message}`, status };
  }
  if (debug && error instanceof Error) io.stderr(`${stackOf(error)}\n`);
  if (json) io.stdout(`${JSON.stringify({ error: described } satisfies ErrorReport, null, 2)}\n`);
  return status;
}

/** Whether a command line that could not be parsed asked for --json (before any `--`). */
function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

function positionOf(error: ConfkitError): { line?: number; column?: number } {
  return error.position === undefined ? {} : { line: error.position.line, column: error.position.column };
}

/** The system's error code behind a file error (ENOENT, EACCES, …), through any FileError it wraps. */
function errnoOf(cause: unknown): string | undefined {
  if (cause instanceof FileError) return errnoOf(cause.cause);
  return cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
}

/**
 * An edit that failed its own read-back (EditConflictError): the file is fine and nothing was
 * written; the library planned an edit it could not verify, which is a bug to report.
 */
function editConflict(path: string | undefined, error: ConfkitError): string {
  return (
    `${path === undefined ? '' : `${path}: `}the edit was planned but did not read back as intended (${error.message}); nothing was written. ` +
    'Your file is not at fault: this is a bug in jitsi-confkit. Please report it with the command and the file (run again with --debug for the details).'
  );
}

/** `path:line:column: reason`, from the error's fields. */
function located(path: string, error: ConfkitError): string {
  const { position } = error;
  if (position === undefined) return `${path}: ${error.reason}`;
  return `${path}:${position.line}:${position.column}: ${error.reason}`;
}

/** `reason (line:column)` for an error about no file in particular, from the error's fields. */
function withPosition(error: ConfkitError): string {
  const { position } = error;
  return position === undefined ? error.reason : `${error.reason} (${position.line}:${position.column})`;
}

function frameOf(error: ConfkitError): string {
  return error.frame === undefined ? '' : `${error.frame}\n`;
}

function stackOf(error: Error): string {
  const cause = error.cause instanceof Error ? `\nCaused by: ${stackOf(error.cause)}` : '';
  return `${error.stack ?? error.message}${cause}`;
}
