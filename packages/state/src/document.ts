/**
 * The state file as a document: its intents, read and checked, and lossless edits (record an
 * intent, remove intents, set the host). Every edit splices the text, re-parses it, checks it and
 * reads it back; `edits` are the changes against the text given.
 */
import { ValidationError } from '@jitsi-confkit/core';
import type { TextEdit } from '@jitsi-confkit/core';
import { StateValidationError } from './errors.js';
import { INTENT_KINDS } from './kinds/index.js';
import type { IntentKinds } from './kinds/index.js';
import { readState } from './read.js';
import type { ReadIntent, ReadState } from './read.js';
import type { Intent, StateIntent } from './types.js';
import { parseYaml } from './yaml.js';
import type { YamlDocument } from './yaml.js';

/** Where the CLI keeps the state file (under `--root` when given). */
export const DEFAULT_STATE_PATH = '/etc/jitsi-confkit/state.yaml';

export interface StateOptions {
  /** The intent kinds to read (default: INTENT_KINDS). */
  kinds?: IntentKinds;
}

interface Parsed {
  text: string;
  doc: YamlDocument;
  state: ReadState;
}

/** Parses a state file. ConfigSyntaxError when it is not YAML; StateValidationError listing every problem when it is not a valid state. */
export function parseState(text: string, options: StateOptions = {}): StateDocument {
  return new StateDocument(text, options.kinds ?? INTENT_KINDS);
}

export class StateDocument {
  readonly #original: string;
  readonly #kinds: IntentKinds;
  readonly #parsed: Parsed;
  readonly #edits: TextEdit[] = [];

  constructor(text: string, kinds: IntentKinds = INTENT_KINDS) {
    if (typeof text !== 'string') throw new ValidationError('The state file content must be a string');
    this.#original = text;
    this.#kinds = kinds;
    this.#parsed = StateDocument.#parse(text, kinds, true);
  }

  static #parse(text: string, kinds: IntentKinds, strict: boolean): Parsed {
    const doc = parseYaml(text);
    const state = readState(text, doc, kinds);
    if (strict && state.problems.length > 0) throw new StateValidationError(state.problems, text);
    return { text, doc, state };
  }

  /** The intent kinds the document reads (and applyState and checkState apply). */
  get kinds(): IntentKinds {
    return this.#kinds;
  }

  /** The intents, in the file's order. */
  get intents(): StateIntent<Intent>[] {
    return this.#parsed.state.intents.map(toStateIntent);
  }

  /** The file's `host` (the deployment's main host), if it names one. */
  get host(): string | undefined {
    return this.#parsed.state.host;
  }

  /** Whether any edit changed the text. */
  get changed(): boolean {
    return this.#parsed.text !== this.#original;
  }

  /** The changes made so far, against the text given. */
  get edits(): TextEdit[] {
    return this.#edits.map((e) => ({ ...e }));
  }

  toString(): string {
    return this.#parsed.text;
  }
}

function toStateIntent(read: ReadIntent): StateIntent<Intent> {
  return { intent: read.intent as Intent, index: read.index, line: read.line, column: read.column, summary: read.summary };
}
