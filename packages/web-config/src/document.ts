import {
  deepEqual,
  EditConflictError,
  type EditableDocument,
  EditSession,
  EditVerificationError,
  InputText,
  reportInInputUnits,
  sourceAt,
  type ConfigInput,
  type InputOptions,
  type SourcePosition,
  type TextEdit,
  UnsupportedEditError,
  ValidationError,
} from '@jitsi-confkit/core';
import { arrayAt, planAddToArray, planInsertAt, planRemoveAt, planRemoveFromArray } from './arrays.js';
import { planDelete } from './delete.js';
import { scriptKind } from './kind.js';
import type { Root, ScriptModel, ScriptSnapshot } from './model.js';
import { planMove } from './move.js';
import { parsePath } from './paths.js';
import type { Plan, PlanContext } from './plan.js';
import { hasValue, keysAt, owns, readValue, resolve } from './read.js';
import { type InPlace, planSet } from './set.js';
import { type JsValue, validateJsValue } from './values.js';

/** Options of parseInterfaceConfig and parseMeetConfig: how a file is read (core's input contract: `encoding`) and what it is (`overlay`). */
export interface DocumentOptions extends InputOptions {
  /**
   * The file is an overlay appended to another one that defines the object (docker's
   * custom-config.js, custom-interface_config.js), or not. Default: detected from the text, which
   * then writes into the object (`config.a = …;`, `interfaceConfig = interfaceConfig || {};`)
   * without declaring it. Say `true` for an overlay that is still empty.
   */
  overlay?: boolean;
}

/** The file kinds of this package, named as recipes' DeploymentFiles names them. */
export type WebConfigKind = 'interfaceConfig' | 'meetConfig';

/**
 * A config file that defines one object (`interfaceConfig`, `config`): reads by path and
 * lossless edits. It is a front over core's EditSession: each operation is planned by a pure
 * planner against the current snapshot, and the result is re-parsed and read back, or nothing
 * changes (EditVerificationError); `edits` is the list of changes against the original input.
 */
export abstract class ConfigDocument implements EditableDocument<JsValue, WebConfigKind> {
  abstract readonly kind: WebConfigKind;
  /** Values are data (JSON-like, null included): see core's ValueForm. */
  readonly valueForm = 'data';
  /** The caller's input: what offsets count, what toString() and toBytes() give (core's input contract). */
  readonly #input: InputText;
  readonly #session: EditSession<ScriptModel>;
  readonly #overlay: boolean;
  readonly #context: PlanContext;

  protected constructor(input: ConfigInput, root: Root, options: DocumentOptions = {}, what = 'parse') {
    if (options.overlay !== undefined && typeof options.overlay !== 'boolean') throw new ValidationError('The overlay option must be true or false');
    this.#input = InputText.read(input, options, 'text', what);
    const text = this.#input.text;
    this.#session = this.#input.guard(
      () => text,
      () => new EditSession(scriptKind(root), text),
    );
    // An overlay writes into the object without defining it: no `var config = {…}`, only
    // `config.a = …;` statements, or the `config = config || {};` default.
    const writers = this.#session.base.parsed.writers.all;
    this.#overlay = options.overlay ?? (writers.length > 0 && !writers.some((w) => w.path.length === 0 && !w.conditional));
    this.#context = { overlay: this.#overlay, validate: (keys, value, what, isSet) => this.validate(keys, value, what, isSet) };
  }

  static {
    // Errors of every method give positions in the caller's units (bytes for a Buffer).
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  /**
   * The input and the text an error is about, for reportInInputUnits in the subclasses: the text
   * steps are planned against. It never throws (it is itself one of the methods whose errors are
   * moved): it applies no pending step of a batch, and reads the text while a planner runs too
   * (`validate` is called from planners).
   */
  protected inputState(): { input: InputText; current: string } {
    return { input: this.#input, current: this.#session.baseText };
  }

  /**
   * Whether the document is an overlay: a file appended to another one that defines the object
   * (docker's custom-config.js and custom-interface_config.js). Detected from the text (it writes
   * into the object without declaring it) unless the `overlay` option says so. An overlay sees only
   * its own statements: what it does not set comes from the file it is appended to, so a new
   * nested key is written as one assignment (`config.hosts.anonymousdomain = '…';`) and never
   * replaces an object the overlay does not set itself.
   */
  get overlay(): boolean {
    return this.#overlay;
  }

  /** Whether any operation changed the text. */
  get changed(): boolean {
    return this.#session.changed;
  }

  /** The changes made so far, as minimal edits against the original input (in its units). */
  get edits(): TextEdit[] {
    return this.#input.edits(this.#session.edits);
  }

  /** The current text, as the same kind of string as the input; identical to a string input when nothing was changed. */
  toString(): string {
    return this.#input.toString(this.#session.toString());
  }

  /** The current file's bytes; for bytes given, those bytes when nothing was changed. */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.#session.toString());
  }

  /**
   * Runs `fn` as one operation: the operations it makes are planned against one snapshot and
   * verified together (one re-parse, plus one where an operation depends on an earlier one: the
   * same text as one by one), all or nothing. Reads inside it see the operations made so far.
   */
  batch(fn: (doc: this) => void): this {
    this.#session.batch(() => fn(this));
    return this;
  }

  /**
   * The effective value at `path` as plain data (the last writer wins, later assignments to parts
   * of it are applied), or undefined when the path is not set. Throws UnsupportedEditError when the
   * value is not literal data (a call, an identifier, a concatenation).
   */
  get(path: string): JsValue | undefined {
    return readValue(this.#model, this.#overlay, parsePath(path), `Cannot read ${path}`);
  }

  /** Whether `path` has an effective value (a literal parent that lacks it answers false). */
  has(path: string): boolean {
    return hasValue(this.#model, parsePath(path));
  }

  /** Line, column and offset (in the current text, in the input's units) of the effective value at `path`. */
  locate(path: string): SourcePosition | undefined {
    const model = this.#model;
    const r = resolve(model, parsePath(path));
    if (r.kind !== 'found') return undefined;
    const offset = r.node.start!;
    if (this.#input.converts) return this.#input.position(this.#session.toString(), offset);
    return { line: model.lines.lineOf(offset), column: offset - model.lines.lineStart(offset) + 1, offset };
  }

  /**
   * The other keys of the object that holds `path`, as paths (`p2p.enabled` next to `p2p.enabeld`;
   * at the top, the keys of the declared object), as the file writes them (no value is read, so a
   * value that is not literal data is no obstacle), with, where the kind has a list of the keys its
   * application reads (interface_config.js), those keys too. `[]` when the parent is not an object.
   */
  siblings(path: string): string[] {
    const keys = parsePath(path);
    const parent = keys.slice(0, -1);
    const prefix = parent.length === 0 ? '' : `${parent.join('.')}.`;
    const known = parent.length === 0 ? this.knownKeys() : [];
    return [...new Set([...keysAt(this.#model, parent).map((k) => `${prefix}${k}`), ...known])].filter((p) => p !== path);
  }

  /**
   * Whether the application reads `path` (its first key): true or false where the kind has a list
   * of the keys it reads (interface_config.js: Jitsi Meet's), undefined where it has none (config.js).
   */
  isKnown(path: string): boolean | undefined {
    const [top] = parsePath(path);
    const known = this.knownKeys();
    return known.length === 0 ? undefined : known.includes(top!);
  }

  /** Every path can be set in a file of this kind: undefined (see EditableDocument). */
  unsettable(path: string): string | undefined {
    parsePath(path);
    return undefined;
  }

  /** The top-level keys the application reads, where the kind has such a list; [] where it has none. */
  protected knownKeys(): readonly string[] {
    return [];
  }

  /**
   * Sets `path` to `value`: replaces the effective value, or adds the key to the object literal
   * that should hold it (below its commented-out example, at the sorted position, before
   * `makeJsonParserHappy`, or last), or, in a file built from `config.a.b = …;` assignments,
   * appends an assignment in the same style.
   */
  set(path: string, value: JsValue): this {
    validateJsValue(value);
    const keys = parsePath(path);
    this.validate(keys, value, 'value', false);
    this.#session.batch(() => this.#set(keys, value));
    return this;
  }

  /** Removes every writer of `path` (property or assignment), so that it is no longer set. */
  delete(path: string): this {
    const keys = parsePath(path);
    this.#session.batch(() => this.#delete(keys));
    return this;
  }

  /** Appends `item` to the array at `path` unless it is already there; creates the array when the path is not set. */
  addToArray(path: string, item: JsValue): this {
    return this.insertIntoArray(path, item, (items) => items.length);
  }

  /** Removes every element equal to `item` from the array at `path`; nothing happens when the path is not set. */
  removeFromArray(path: string, item: JsValue): this {
    validateJsValue(item);
    const keys = parsePath(path);
    this.#session.batch(() => {
      for (;;) {
        const plan = this.#step(`remove from ${path}`, (s) => planRemoveFromArray(s, this.#context, keys, item));
        if (plan === undefined || plan.edits.length === 0 || plan.complete) return;
      }
    });
    return this;
  }

  /**
   * Inserts `item` into the array at `path` at the index `position` chooses for the current
   * elements, unless it is already there; creates `[item]` when the path is not set.
   */
  protected insertIntoArray(path: string, item: JsValue, position: (items: JsValue[]) => number): this {
    validateJsValue(item);
    const keys = parsePath(path);
    this.#session.batch(() => {
      const plan = this.#step(`add to ${path}`, (s) => planAddToArray(s, this.#context, keys, item, position));
      if (plan?.missing) this.#set(keys, [item]);
    });
    return this;
  }

  /**
   * Takes `item` out of the array at `from` and puts it into the array at `to` (at the index
   * `position` chooses, unless it is already there), like removeFromArray then insertIntoArray.
   * When both are literal arrays in separate places, `from` holds `item` once and `to` lacks it,
   * both edits are planned against one snapshot and verified together (one re-parse, both arrays
   * read back). Otherwise the two operations run one after the other, as one batch.
   */
  protected moveArrayItem(from: string, to: string, item: JsValue, position: (items: JsValue[]) => number): void {
    validateJsValue(item);
    const fromKeys = parsePath(from);
    const toKeys = parsePath(to);
    const name = typeof item === 'string' ? item : JSON.stringify(item);
    this.#session.batch(() => {
      const plan = this.#step(`move ${name} from ${from} to ${to}`, (s) => planMove(s, this.#context, fromKeys, toKeys, item, position));
      if (plan?.apart) {
        this.removeFromArray(from, item);
        this.insertIntoArray(to, item, position);
      }
    });
  }

  /**
   * Checks a value before it is written under `keys` (subclasses add their own rules: value
   * types of known keys, browser names, host names). `what` is 'value' or 'item' (of an array);
   * `isSet` says whether `keys` has a value now (an item joins it).
   */
  protected validate(_keys: readonly string[], _value: JsValue, _what: 'value' | 'item', _isSet: boolean): void {}

  /** Offset of the effective declaration's object, for errors about the file as a whole. */
  protected rootOffset(): number | undefined {
    return this.valueOffset('');
  }

  /**
   * Offset in the current text of the effective value at `path` ('' for the declaration's object),
   * for `unsupported`: it counts what the library parses (locate() counts the input's units).
   */
  protected valueOffset(path: string): number | undefined {
    const r = resolve(this.#model, path === '' ? [] : parsePath(path));
    return r.kind === 'found' ? r.node.start! : undefined;
  }

  /** An UnsupportedEditError for `message`, with the position of `offset` (from valueOffset or rootOffset) when there is one. */
  protected unsupported(message: string, offset: number | undefined): UnsupportedEditError {
    return new UnsupportedEditError(message, this.sourceAt(offset));
  }

  /** The position and code frame of `offset` in the current text, for an error; none without an offset. */
  protected sourceAt(offset: number | undefined): { position?: SourcePosition; frame?: string } {
    return offset === undefined ? {} : sourceAt(this.#session.toString(), offset);
  }

  /**
   * Whether this overlay sets the value at `path` itself (an overlay's own statements, not a
   * default such as `config.a = config.a || {}` that the file it is appended to may override).
   * Always true in a file that is not an overlay where the path is set.
   */
  protected ownsPath(path: string): boolean {
    const r = resolve(this.#model, parsePath(path));
    return r.kind === 'found' && (!this.#overlay || owns(r));
  }

  /** The model of the current text (inside a batch, with the operations made so far). */
  get #model(): ScriptModel {
    return this.#session.snapshot.parsed;
  }

  /**
   * Commits one step planned by `planner` (a pure function of the snapshot it is given, planned
   * once per snapshot: its footprint and its edits come from the same plan), with the plan's
   * read-back as the step's check. Returns the plan the edits came from.
   */
  #step<T extends Plan>(what: string, planner: (snapshot: ScriptSnapshot) => T): T | undefined {
    // The plan of the last snapshot asked about. It is known by its text and origin, not kept
    // itself: a batch may parse a newer text while it waits, and the old tree must go first.
    let cached: { text: string; origin: ScriptSnapshot['origin']; plan: T } | undefined;
    let planned: T | undefined;
    const planFor = (snapshot: ScriptSnapshot): T => {
      if (cached?.text !== snapshot.text || cached.origin !== snapshot.origin) cached = { text: snapshot.text, origin: snapshot.origin, plan: planner(snapshot) };
      return cached.plan;
    };
    this.#session.commit({
      what,
      footprint: (snapshot) => planFor(snapshot).footprint,
      plan: (snapshot) => {
        planned = planFor(snapshot);
        cached = undefined;
        return planned.edits;
      },
      check: (after) => planned?.check?.(after) ?? true,
    });
    return planned;
  }

  #set(keys: readonly string[], value: JsValue): void {
    const plan = this.#step(`set ${keys.join('.')}`, (s) => planSet(s, this.#context, keys, value));
    if (plan?.inPlace !== undefined) this.#setInPlace(keys, value, plan.inPlace);
  }

  /**
   * Changes the value at `keys` into `value` item by item, each a step of its own planned on the
   * text the previous one left (the batch this runs in makes them one operation), then reads the
   * whole value back.
   */
  #setInPlace(keys: readonly string[], value: JsValue, inPlace: InPlace): void {
    const path = keys.join('.');
    if (inPlace.kind === 'keys') {
      const object = value as { [key: string]: JsValue };
      for (const k of Object.keys(inPlace.current)) if (!Object.prototype.hasOwnProperty.call(object, k)) this.#delete([...keys, k]);
      for (const [k, v] of Object.entries(object)) this.#set([...keys, k], v);
    } else {
      const array = (s: ScriptSnapshot, what: string) => arrayAt(s.parsed, this.#overlay, `${what} ${path}`, keys)!;
      for (const i of inPlace.removals) this.#step(`remove from ${path}`, (s) => planRemoveAt(s, this.#context, keys, array(s, 'Cannot remove from'), i));
      for (const [j, v] of inPlace.insertions) this.#step(`add to ${path}`, (s) => planInsertAt(s, this.#context, keys, array(s, 'Cannot add to'), j, v));
    }
    if (!deepEqual(this.get(path) ?? null, value)) {
      const name = this.#session.kind.name;
      throw new EditVerificationError(`set ${path}`, 'read-back', `Cannot set ${path}: the edited ${name} does not read back as intended; nothing was changed`);
    }
  }

  #delete(keys: readonly string[]): void {
    const path = keys.join('.');
    for (let round = 0; round < 10_000; round++) {
      // Every writer of the path at once; a default that applied only because the path was set
      // shows up in the next round, planned on the result (which has nothing left to remove).
      const plan = this.#step(`delete ${path}`, (s) => planDelete(s, keys));
      if (plan === undefined || plan.edits.length === 0) return;
    }
    throw new EditConflictError(`Deleting ${path} did not converge`);
  }
}
