/**
 * jitsi-confkit: the command line. `run` parses the arguments, runs one command and is the one
 * place where errors become messages and exit statuses:
 *   0  done (changed or not)
 *   1  a file or a value was refused (syntax error, invalid value, unsupported edit, file
 *      missing or changed on disk), or `check` found errors
 *   2  usage error (unknown command or option, missing argument, host to choose)
 */
import { ConfkitError } from '@jitsi-confkit/core';
import { parseArgs } from './args.js';
import type { Invocation } from './args.js';
import { browsersList, browsersMove } from './commands/browsers.js';
import { check, secureDomain } from './commands/deployment.js';
import { getValue, setValue } from './commands/value.js';
import type { Command } from './context.js';
import { EXIT, FileError, InFileError, UsageError } from './errors.js';
import { helpText } from './help.js';
import type { Io } from './io.js';
import { paintFor } from './io.js';
import type { CommandName } from './spec.js';
import { VERSION } from './version.js';

export type { Io } from './io.js';
export type { Outcome, StepReport, FileReport, Finding } from './report.js';
export { VERSION } from './version.js';

const COMMANDS: Record<CommandName, Command> = {
  'browsers move': browsersMove,
  'browsers list': browsersList,
  'secure-domain enable': secureDomain(true),
  'secure-domain disable': secureDomain(false),
  get: getValue,
  set: setValue,
  check,
};

/** Runs the command line `argv` (without node and the script name); resolves to the exit status. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation | undefined;
  try {
    invocation = parseArgs(argv);
    switch (invocation.kind) {
      case 'version':
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
      case 'help':
        io.stdout(helpText(invocation.topic, VERSION));
        return EXIT.ok;
      case 'run':
        return await COMMANDS[invocation.command.name]({ io, options: invocation.options, command: invocation.command.name }, invocation.args);
    }
  } catch (error) {
    const debug = invocation?.options.debug ?? argv.includes('--debug');
    return report(error, io, debug);
  }
}

/** The top-level error handler: one message per error class, a code frame where there is a position. */
function report(error: unknown, io: Io, debug: boolean): number {
  const paint = paintFor(io);
  const prefix = `${paint.bold('jitsi-confkit:')} `;
  let status: number = EXIT.refused;
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'jitsi-confkit --help' : `jitsi-confkit ${error.command} --help`;
    io.stderr(`${prefix}${error.message}\nRun "${help}" for usage.\n`);
    status = EXIT.usage;
  } else if (error instanceof InFileError) {
    io.stderr(`${prefix}${located(error.path, error.error)}\n${frameOf(error.error)}`);
  } else if (error instanceof ConfkitError) {
    io.stderr(`${prefix}${error.message}\n${frameOf(error)}`);
  } else if (error instanceof FileError) {
    io.stderr(`${prefix}${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${prefix}internal error: ${message}\n${debug ? '' : 'Run again with --debug for the stack trace.\n'}`);
  }
  if (debug && error instanceof Error) io.stderr(`${stackOf(error)}\n`);
  return status;
}

/** `path:line:column: message`, without the message's own "(line:column)" suffix. */
function located(path: string, error: ConfkitError): string {
  const { position } = error;
  if (position === undefined) return `${path}: ${error.message}`;
  const suffix = ` (${position.line}:${position.column})`;
  const message = error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
  return `${path}:${position.line}:${position.column}: ${message}`;
}

function frameOf(error: ConfkitError): string {
  return error.frame === undefined ? '' : `${error.frame}\n`;
}

function stackOf(error: Error): string {
  const cause = error.cause instanceof Error ? `\nCaused by: ${stackOf(error.cause)}` : '';
  return `${error.stack ?? error.message}${cause}`;
}
