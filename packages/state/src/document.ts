/**
 * The state file as a document: its intents, read and checked, and lossless edits (record an
 * intent, remove intents, set the host). Every edit splices the text, re-parses it, checks it and
 * reads it back; `edits` are the changes against the text given.
 */
import { applyEdits, composeEdits, detectEol, printable, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import type { TextEdit } from '@jitsi-confkit/core';
import { Document, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import {
  addToBlockMap,
  addToFlowMap,
  appendToBlockSeq,
  appendToFlowSeq,
  removeFromBlockSeq,
  removeFromFlowSeq,
  renderBlockItem,
  renderFlowItem,
  replaceInBlockSeq,
  replaceNode,
  startBlockSeq,
  updateBlockMap,
} from './edit.js';
import type { EditStyle, Fields as FieldList } from './edit.js';
import { StateValidationError } from './errors.js';
import { hostName, Problems } from './fields.js';
import type { IntentLike } from './kind.js';
import { INTENT_KINDS } from './kinds/index.js';
import type { IntentKinds } from './kinds/index.js';
import { conflictBetween, isEmptyDocument, readIntent, readState, STATE_VERSION } from './read.js';
import type { ReadIntent, ReadState } from './read.js';
import type { Intent, JsonValue, StateIntent } from './types.js';
import { parseYaml, preferredQuote, renderInline, sameData } from './yaml.js';
import type { YamlDocument } from './yaml.js';

/** Where the CLI keeps the state file (under `--root` when given). */
export const DEFAULT_STATE_PATH = '/etc/jitsi-confkit/state.yaml';

/** The comment a state file created from nothing starts with. */
export const STATE_HEADER = [
  '# The desired state of this Jitsi Meet server, kept by jitsi-confkit: `jitsi-confkit apply`',
  '# makes the files say this again (after an upgrade, say); `jitsi-confkit status` reports drift.',
];

export interface StateOptions {
  /** The intent kinds to read (default: INTENT_KINDS). */
  kinds?: IntentKinds;
}

/** What `record` did. */
export interface RecordResult {
  /** False when the same intent was already there. */
  changed: boolean;
  /** The intent as recorded. */
  intent: StateIntent;
  /** The intents it replaced (they contradicted it), as they were before. */
  replaced: StateIntent[];
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
  #parsed: Parsed;
  #edits: TextEdit[] = [];

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

  /**
   * Records an intent. The same intent already there: nothing changes. Intents it contradicts
   * (the same subject, such as the same browser in the other list, or a setting it decides too)
   * are replaced: the first in place, changing only the fields that differ, the others removed.
   * Otherwise it goes at the end of `intents`. Throws StateValidationError when the intent is not
   * valid (or contradicts the file's `host`).
   */
  record(intent: Intent | (IntentLike & { [field: string]: unknown })): RecordResult {
    const wanted = this.#check(intent);
    const intents = this.#parsed.state.intents;
    const same = intents.find((i) => i.kind === wanted.kind && sameData(i.intent, wanted.intent));
    if (same !== undefined) return { changed: false, intent: toStateIntent(same), replaced: [] };
    const conflicting = intents.filter((i) => conflictBetween(i, wanted) !== undefined);
    const replaced = conflicting.map(toStateIntent);
    const expected = intents.filter((i) => !conflicting.includes(i)).map((i) => i.intent);
    const first = conflicting[0];
    if (first === undefined) {
      expected.push(wanted.intent);
      this.#change([(p) => this.#appendEdits(p, wanted)], expected);
      return { changed: true, intent: toStateIntent(this.#parsed.state.intents[expected.length - 1]!), replaced };
    }
    // The first one is replaced where it is; the others (all after it) are removed, from the last up.
    expected.splice(first.index, 0, wanted.intent);
    const others = conflicting.slice(1).reverse();
    this.#change([...others.map((o) => (p: Parsed) => this.#removeEdits(p, o.index)), (p: Parsed) => this.#replaceEdits(p, first.index, wanted)], expected);
    return { changed: true, intent: toStateIntent(this.#parsed.state.intents[first.index]!), replaced };
  }

  /**
   * Removes every intent of `selector.kind` whose fields equal those `selector` gives (`{ kind:
   * 'secure-domain' }` removes the secure domain whatever its host; `{ kind: 'browser', browser:
   * 'firefox' }` both lists). Returns the intents removed (none: nothing changes). The comment lines
   * right above a removed intent go with it.
   */
  remove(selector: IntentLike & Record<string, unknown>): StateIntent[] {
    const matches = this.#parsed.state.intents.filter(
      (i) => i.intent.kind === selector.kind && Object.entries(selector).every(([k, v]) => v === undefined || sameData((i.intent as unknown as Record<string, unknown>)[k], v)),
    );
    if (matches.length === 0) return [];
    const expected = this.#parsed.state.intents.filter((i) => !matches.includes(i)).map((i) => i.intent);
    const removed = matches.map(toStateIntent);
    this.#change(
      [...matches].reverse().map((m) => (p: Parsed) => this.#removeEdits(p, m.index)),
      expected,
    );
    return removed;
  }

  /** Sets the file's `host`: the deployment's main host, which the CLI finds the files by. */
  setHost(host: string): this {
    const problems = new Problems(undefined);
    const valid = hostName('host').read(new Document(host).contents as Node, { path: 'host', problems });
    if (valid === undefined) throw new StateValidationError(problems.list);
    if (this.host === valid) return this;
    const conflicts = new Problems(this.#parsed.text);
    for (const i of this.#parsed.state.intents) {
      const conflict = i.kind.conflictsWithState?.(i.intent, { host: valid });
      if (conflict !== undefined) conflicts.add('contradiction', conflict, `intents[${i.index}]`, i.node, i.index);
    }
    if (conflicts.list.length > 0) throw new StateValidationError(conflicts.list, this.#parsed.text);
    const expected = this.#parsed.state.intents.map((i) => i.intent);
    this.#change([(p) => this.#hostEdits(p, valid)], expected, valid);
    return this;
  }

  // ---------------------------------------------------------------- internals

  /** Checks an intent given in code, as the file's intents are checked. */
  #check(intent: IntentLike): { intent: IntentLike; kind: ReadIntent['kind'] } {
    const problems = new Problems(undefined);
    if (intent === null || typeof intent !== 'object') throw new ValidationError('An intent is an object with a kind');
    const node = new Document().createNode(intent, { aliasDuplicateObjects: false, keepUndefined: false }) as Node;
    const read = readIntent(node, { path: 'intent', problems }, this.#kinds);
    if (read === undefined) throw new StateValidationError(problems.list);
    const stateConflict = read.kind.conflictsWithState?.(read.intent, { host: this.host });
    if (stateConflict !== undefined) throw new StateValidationError([{ code: 'contradiction', message: stateConflict, path: 'intent' }]);
    return read;
  }

  /**
   * Makes a change: each step computes edits against the text left by the one before, and its
   * result is parsed again. At the end the text must be a valid state holding exactly `expected`
   * (and `host`), else nothing changes and UnsupportedEditError says so.
   */
  #change(steps: ((p: Parsed) => TextEdit[])[], expected: IntentLike[], host = this.host): void {
    let parsed = this.#parsed;
    let edits = this.#edits;
    for (const step of steps) {
      const stepEdits = step(parsed);
      const text = applyEdits(parsed.text, stepEdits);
      edits = composeEdits(this.#original, edits, stepEdits);
      parsed = StateDocument.#parse(text, this.#kinds, false);
    }
    const after = parsed;
    const got = after.state.intents.map((i) => i.intent);
    if (after.state.problems.length > 0 || !sameData(got, expected) || after.state.host !== host || after.state.version !== STATE_VERSION) {
      const problem = after.state.problems[0];
      throw new UnsupportedEditError(
        `The state file could not be edited safely (${problem === undefined ? 'it did not read back as intended' : printable(problem.message)}); it was left unchanged`,
      );
    }
    this.#parsed = after;
    this.#edits = edits;
  }

  #style(p: Parsed): EditStyle {
    const root = p.doc.contents as Node | null;
    const json = isMap(root) && root.flow === true && root.items.some((pair) => isScalar(pair.key) && pair.key.type === Scalar.QUOTE_DOUBLE);
    const maps = p.state.intents.map((i) => i.node).filter((m) => m.items.length >= 2);
    const keysOf = (m: YAMLMap) => m.items.map((pair) => String((pair.key as Scalar).value));
    const sortedFields = maps.length > 0 && maps.every((m) => keysOf(m).every((k, i, all) => i === 0 || all[i - 1]! <= k));
    return { eol: p.text.includes('\n') ? detectEol(p.text) : '\n', singleQuote: preferredQuote(p.doc) === "'", json, sortedFields };
  }

  #fields(intent: IntentLike, kind: ReadIntent['kind'], style: EditStyle): FieldList {
    const data = intent as unknown as Record<string, JsonValue | undefined>;
    const order = ['kind', ...kind.fields.filter((f) => f !== 'kind')];
    const keys = [...order.filter((k) => data[k] !== undefined), ...Object.keys(data).filter((k) => !order.includes(k) && data[k] !== undefined)];
    if (style.sortedFields) keys.sort();
    return keys.map((k) => [k, data[k] as JsonValue]);
  }

  #intentsPair(p: Parsed): Pair | undefined {
    const root = p.doc.contents as Node | null;
    if (!isMap(root)) return undefined;
    return root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'intents');
  }

  #appendEdits(p: Parsed, wanted: { intent: IntentLike; kind: ReadIntent['kind'] }): TextEdit[] {
    const style = this.#style(p);
    const fields = this.#fields(wanted.intent, wanted.kind, style);
    const root = p.doc.contents as Node | null;
    if (isEmptyDocument(p.doc)) return this.#createEdits(p, [`version: ${STATE_VERSION}`, 'intents:', renderBlockItem(fields, '  ', 2, style)], style);
    if (!isMap(root)) throw new UnsupportedEditError('The state file is not a mapping');
    const pair = this.#intentsPair(p);
    const list = pair?.value as Node | null | undefined;
    if (pair === undefined) {
      if (root.flow === true) return addToFlowMap(p.text, root, 'intents', `[${renderFlowItem(fields, style)}]`, style);
      return addToBlockMap(p.text, root, ['intents:', renderBlockItem(fields, '  ', 2, style)], style);
    }
    if (isSeq(list) && list.items.length > 0) {
      return list.flow === true ? appendToFlowSeq(p.text, list, renderFlowItem(fields, style), style) : appendToBlockSeq(p.text, list, fields, style);
    }
    // An empty list (`intents:`, `~`, `[]`): a block list in a block file, a flow one in a flow file.
    if (root.flow === true) {
      return isSeq(list) ? appendToFlowSeq(p.text, list, renderFlowItem(fields, style), style) : replaceNode(list as Node, `[${renderFlowItem(fields, style)}]`);
    }
    return startBlockSeq(p.text, pair, fields, style);
  }

  #createEdits(p: Parsed, lines: string[], style: EditStyle): TextEdit[] {
    const body = lines.join(style.eol);
    if (p.text.trim() === '') return [{ offset: 0, length: p.text.length, content: [...STATE_HEADER, body].join(style.eol) + style.eol }];
    const lead = p.text.endsWith('\n') ? '' : style.eol;
    return [{ offset: p.text.length, length: 0, content: `${lead}${body}${style.eol}` }];
  }

  #seq(p: Parsed): YAMLSeq {
    const list = this.#intentsPair(p)?.value;
    if (!isSeq(list)) throw new UnsupportedEditError('The state file has no intents list');
    return list;
  }

  #removeEdits(p: Parsed, index: number): TextEdit[] {
    const seq = this.#seq(p);
    return seq.flow === true ? removeFromFlowSeq(p.text, seq, index) : removeFromBlockSeq(p.text, seq, index);
  }

  #replaceEdits(p: Parsed, index: number, wanted: { intent: IntentLike; kind: ReadIntent['kind'] }): TextEdit[] {
    const style = this.#style(p);
    const seq = this.#seq(p);
    const old = p.state.intents.find((i) => i.index === index)!;
    const fields = this.#fields(wanted.intent, wanted.kind, style);
    if (seq.flow === true || old.node.flow === true)
      return replaceNode(old.node, renderFlowItem(fields, { ...style, json: style.json || old.node.items.some((pair) => (pair.key as Scalar).type === Scalar.QUOTE_DOUBLE) }));
    if (old.intent.kind !== wanted.intent.kind) return replaceInBlockSeq(p.text, seq, index, fields, style);
    return updateBlockMap(p.text, old.node, old.intent as unknown as Record<string, unknown>, fields, style);
  }

  #hostEdits(p: Parsed, host: string): TextEdit[] {
    const style = this.#style(p);
    const value = style.json ? JSON.stringify(host) : renderInline(host, style);
    const root = p.doc.contents as Node | null;
    if (isEmptyDocument(p.doc)) return this.#createEdits(p, [`version: ${STATE_VERSION}`, `host: ${value}`], style);
    if (!isMap(root)) throw new UnsupportedEditError('The state file is not a mapping');
    const pairs = root.items;
    const existing = pairs.find((pair) => (pair.key as Scalar).value === 'host');
    if (existing !== undefined) return replaceNode(existing.value as Node, value);
    const version = pairs.find((pair) => (pair.key as Scalar).value === 'version');
    if (root.flow === true) return addToFlowMap(p.text, root, 'host', value, style, version);
    return addToBlockMap(p.text, root, [`host: ${value}`], style, version);
  }
}

function toStateIntent(read: ReadIntent): StateIntent<Intent> {
  return { intent: read.intent as Intent, index: read.index, line: read.line, column: read.column, summary: read.summary };
}
