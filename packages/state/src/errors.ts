/**
 * The state package's errors. A state file that does not parse as YAML is a core
 * ConfigSyntaxError; one that parses but says something wrong is a StateValidationError that
 * lists every problem with its line and column; an intent that cannot be applied to the
 * deployment's files is an IntentError naming the intent and its line.
 */
import { codeFrame, ConfkitError, ValidationError } from '@jitsi-confkit/core';
import type { SourcePosition } from '@jitsi-confkit/core';
import type { StateIntent } from './types.js';

/** The stable codes of the problems a state file can have. */
export type StateProblemCode =
  /** `version` is not 1 (a newer jitsi-confkit wrote the file, or it is mistyped). */
  | 'unsupported-version'
  | 'missing-field'
  | 'unknown-field'
  /** A value of the wrong YAML type (a list where a name goes, a number where text goes, …). */
  | 'wrong-type'
  | 'unknown-kind'
  /** Not one of the names allowed there (a browser, a list, a file, an authentication provider). */
  | 'unknown-value'
  /** Not an RFC 1123 host name in lower case. */
  | 'bad-host'
  /** A path or key the file's library refuses. */
  | 'bad-path'
  /** A value the file's library refuses for that path (its type, a host name, a browser name). */
  | 'bad-value'
  /** The same intent twice. */
  | 'duplicate'
  /** Two intents that want different things of the same setting. */
  | 'contradiction'
  /** A plain scalar that YAML 1.1 readers (PyYAML, so Ansible) read differently: `yes`, `on`, `010`. */
  | 'ambiguous-scalar'
  /** Anchors, aliases and unknown tags, which a state file does not use. */
  | 'yaml-feature'
  /** A secret (`secret`, `appSecret`, `app_secret`, a password): never kept in a state file; shown without its value or its line. */
  | 'secret-in-state';

export interface StateProblem {
  code: StateProblemCode;
  /** What is wrong, without the position. */
  message: string;
  /** Where in the file's structure: `intents[2].browser`, `version`, `(document)`. */
  path: string;
  /** 0-based index of the intent the problem is in, when it is in one. */
  intent?: number;
  /** Where in the text, when the problem is in a text (not in an intent built in code). */
  position?: SourcePosition;
}

/**
 * The state file parses as YAML but is not a valid state: every problem is in `problems`, in the
 * order of the text; the error's own position and message are the first one's.
 */
export class StateValidationError extends ValidationError {
  override name = 'StateValidationError';
  readonly problems: readonly StateProblem[];
  /** The first problem's code. */
  readonly problem: StateProblemCode;
  /** The first problem's intent index, when it is in one. */
  readonly intent: number | undefined;

  constructor(problems: readonly StateProblem[], text?: string) {
    const first = problems[0]!;
    const more = problems.length > 1 ? `; ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''} (${elsewhere(problems.slice(1))})` : '';
    const at = first.position === undefined ? '' : ` (${first.position.line}:${first.position.column})`;
    // No code frame around a secret: the error must not print it.
    const secretNear = problems.some((p) => p.code === 'secret-in-state');
    const frame = first.position !== undefined && text !== undefined && !secretNear ? codeFrame(text, first.position.line, first.position.column) : undefined;
    super(`${first.path}: ${first.message}${more}${at}`, {
      ...(first.position === undefined ? {} : { position: first.position }),
      ...(frame === undefined ? {} : { frame }),
    });
    this.problems = problems;
    this.problem = first.code;
    this.intent = first.intent;
  }
}

function elsewhere(problems: readonly StateProblem[]): string {
  return problems.map((p) => (p.position === undefined ? p.path : `line ${p.position.line}`)).join(', ');
}

/**
 * An intent could not be applied to the deployment's files. `code`, `file`, `position` and
 * `frame` are those of the library error in `cause` (the position is in the deployment's file);
 * `intent` says which intent, and where it is in the state file.
 */
export class IntentError extends ConfkitError {
  override name = 'IntentError';
  readonly intent: StateIntent;
  declare readonly cause: ConfkitError;

  constructor(intent: StateIntent, cause: ConfkitError) {
    const where = intent.line > 0 ? `line ${intent.line} of the state file` : `intent ${intent.index + 1}`;
    super(cause.code, `The intent on ${where} (${intent.summary}) cannot be applied: ${cause.message}`, {
      ...(cause.position === undefined ? {} : { position: cause.position }),
      ...(cause.frame === undefined ? {} : { frame: cause.frame }),
      cause,
    });
    this.intent = intent;
    this.file = cause.file;
  }
}
