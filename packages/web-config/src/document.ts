import {
  applyEdits,
  composeEdits,
  EditConflictError,
  InputText,
  reportInInputUnits,
  type ConfigInput,
  type InputOptions,
  type SourcePosition,
  type Quote,
  type TextEdit,
  UnsupportedEditError,
  ValidationError,
} from '@jitsi-confkit/core';
import type { ArrayExpression, File, Node, ObjectExpression, Statement } from './ast.js';
import { afterExample, type Comment, commentSpans, commentsInside, lineEndPastComments } from './comments.js';
import { insertItem, type List, removeItem } from './lists.js';
import { parseScript } from './parse.js';
import { isPrefix, parsePath } from './paths.js';
import { keyText, nest, newScriptCloser, serializeInline, serializeValue, templateString } from './serialize.js';
import { detectStyle, type FileStyle, nearestQuote, ownQuote } from './style.js';
import { commasIn, eolAt, firstOnLine, hasNewline, indentAt, lineEnd, lineStart, nextLineStart, skipSpaces } from './text.js';
import { isProtoSetter, type JsValue, jsEqual, literalValue, nonLiteralPart, validateJsValue } from './values.js';
import { MUTATORS, collectWriters, type Resolution, resolvePath, type Writer } from './writers.js';
import { tick } from './work.js';

const SENTINEL = 'makeJsonParserHappy';
/** The largest product of two array lengths compared element by element when one is set to the other. */
const MAX_COMPARE = 250_000;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Options of parseInterfaceConfig and parseMeetConfig. */
/** How a file is read (core's input contract: `encoding`) and what it is (`overlay`). */
export interface DocumentOptions extends InputOptions {
  /**
   * The file is an overlay appended to another one that defines the object (docker's
   * custom-config.js, custom-interface_config.js), or not. Default: detected from the text, which
   * then writes into the object (`config.a = …;`, `interfaceConfig = interfaceConfig || {};`)
   * without declaring it. Say `true` for an overlay that is still empty.
   */
  overlay?: boolean;
}

interface State {
  text: string;
  ast: File;
  /** The comments as spans, made on first use. */
  comments: Comment[] | undefined;
  writers: Writer[];
  edits: TextEdit[];
  style: FileStyle | undefined;
}

/**
 * A config file that defines one object (`interfaceConfig`, `config`): reads by path and
 * lossless edits. Each edit splices the text, re-parses it and reads the value back; `edits` is
 * the list of changes against the original input.
 */
export abstract class ConfigDocument {
  /** The caller's input: what offsets count, what toString() and toBytes() give (core's input contract). */
  readonly #input: InputText;
  readonly #original: string;
  readonly #root: string;
  readonly #overlay: boolean;
  #state: State;

  protected constructor(input: ConfigInput, root: string, options: DocumentOptions = {}, what = 'parse') {
    if (options.overlay !== undefined && typeof options.overlay !== 'boolean') throw new ValidationError('The overlay option must be true or false');
    this.#input = InputText.read(input, options, 'text', what);
    const text = this.#input.text;
    this.#original = text;
    this.#root = root;
    this.#state = this.#input.guard(() => text, () => ConfigDocument.#load(text, root, []));
    // An overlay writes into the object without defining it: no `var config = {…}`, only
    // `config.a = …;` statements, or the `config = config || {};` default.
    const writers = this.#state.writers;
    this.#overlay = options.overlay ?? (writers.length > 0 && !writers.some((w) => w.path.length === 0 && !w.conditional));
  }

  static {
    // Errors of every method give positions in the caller's units (bytes for a Buffer).
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  /** The input and the current text, for reportInInputUnits in the subclasses. */
  protected inputState(): { input: InputText; current: string } {
    return { input: this.#input, current: this.#state.text };
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

  static #load(text: string, root: string, edits: TextEdit[]): State {
    const ast = parseScript(text);
    return { text, ast, comments: undefined, writers: collectWriters(ast.program, root), edits, style: undefined };
  }

  /** Whether any operation changed the text. */
  get changed(): boolean {
    return this.#state.edits.length > 0;
  }

  /** The changes made so far, as minimal edits against the original input (in its units). */
  get edits(): TextEdit[] {
    return this.#input.edits(this.#state.edits);
  }

  /** The current text, as the same kind of string as the input; identical to a string input when nothing was changed. */
  toString(): string {
    return this.#input.toString(this.#state.text);
  }

  /** The current file's bytes; for bytes given, those bytes when nothing was changed. */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.#state.text);
  }

  /**
   * The effective value at `path` as plain data (the last writer wins, later assignments to parts
   * of it are applied), or undefined when the path is not set. Throws UnsupportedEditError when the
   * value is not literal data (a call, an identifier, a concatenation).
   */
  get(path: string): JsValue | undefined {
    const keys = parsePath(path);
    const r = this.#resolve(keys);
    if (r.kind === 'blocked') {
      if (r.reason === 'not-object') return undefined;
      throw this.#notLiteral(`Cannot read ${path}`, r.at, r.node);
    }
    // An overlay's `config.hosts.anonymousdomain = …;` alone: `hosts` reads as what the overlay sets.
    if (r.kind === 'missing' && !(this.#overlay && r.laterWrites.length > 0)) return undefined;
    let value = r.kind === 'found' ? this.#literal(`Cannot read ${path}`, keys, r.node) : {};
    for (const later of r.laterWrites) {
      const part = this.#literal(`Cannot read ${path}`, later.path, later.value);
      value = assignDeep(value, later.path.slice(keys.length), part);
    }
    return value;
  }

  /** Whether `path` has an effective value (a literal parent that lacks it answers false). */
  has(path: string): boolean {
    const r = this.#resolve(parsePath(path));
    return r.kind === 'found' || (r.kind === 'missing' && r.laterWrites.length > 0);
  }

  /** Line, column and offset (in the current text) of the effective value at `path`. */
  locate(path: string): SourcePosition | undefined {
    const r = this.#resolve(parsePath(path));
    return r.kind === 'found' ? this.#input.position(this.#state.text, r.node.start!) : undefined;
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
    this.validate(keys, value);
    this.transaction(() => this.#set(keys, value));
    return this;
  }

  /** Removes every writer of `path` (property or assignment), so that it is no longer set. */
  delete(path: string): this {
    const keys = parsePath(path);
    const what = `Cannot delete ${path}`;
    this.transaction(() => {
      for (let guard = 0; guard < 10_000; guard++) {
        const r = this.#resolve(keys);
        if (r.kind === 'blocked') {
          if (r.reason === 'not-object') return;
          throw this.#notLiteral(what, r.at, r.node);
        }
        // Every writer of the path at once (one re-parse however many statements write it); a
        // default that applied only because the path was set shows up in the next round.
        const removals = r.laterWrites.map((w) => this.#removeWriter(what, w));
        if (r.kind === 'found') removals.push(r.holder ? this.#removeProperty(r.holder.object, r.holder.property) : this.#removeWriter(what, r.base));
        if (removals.length === 0) return; // Nothing writes the path any more: has(path) is false.
        const edits = removals.flat().sort((a, b) => a.offset - b.offset);
        const disjoint = edits.every((e, i) => i === 0 || edits[i - 1]!.offset + edits[i - 1]!.length <= e.offset);
        // Removals that touch (the last lines of a file without a final newline) go one by one.
        this.#commit(disjoint ? edits : removals[0]!, path, () => true);
      }
      throw new EditConflictError(`Deleting ${path} did not converge`);
    });
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
    this.transaction(() => {
      for (;;) {
        const array = this.#array(`Cannot remove from ${path}`, keys);
        const index = array ? array.values.findIndex((v) => jsEqual(v, item)) : -1;
        if (index === -1) return;
        this.#removeAt(keys, index);
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
    this.validate(keys, [item], 'item');
    this.transaction(() => {
      const array = this.#array(`Cannot add to ${path}`, keys);
      if (!array) {
        this.#set(keys, [item]);
        return;
      }
      if (array.values.some((v) => jsEqual(v, item))) return;
      this.#insertAt(keys, Math.max(0, Math.min(array.values.length, position(array.values))), item);
    });
    return this;
  }

  /**
   * Checks a value before it is written under `keys` (subclasses add their own rules: value
   * types of known keys, browser names, host names). `what` is 'value' or 'item' (of an array).
   */
  protected validate(_keys: readonly string[], _value: JsValue, _what: 'value' | 'item' = 'value'): void {}

  /** Offset of the effective declaration's object, for errors about the file as a whole. */
  protected rootOffset(): number | undefined {
    const r = this.#resolve([]);
    return r.kind === 'found' ? r.node.start! : undefined;
  }

  /** An UnsupportedEditError for `message`, with the position of `offset` when there is one. */
  protected unsupported(message: string, offset: number | undefined): UnsupportedEditError {
    return offset === undefined ? new UnsupportedEditError(message) : UnsupportedEditError.at(message, this.#state.text, offset);
  }

  #resolve(keys: readonly string[]): Resolution {
    return resolvePath(this.#state.writers, keys);
  }

  #comments(): Comment[] {
    this.#state.comments ??= commentSpans(this.#state.ast.comments);
    return this.#state.comments;
  }

  #style(): FileStyle {
    this.#state.style ??= detectStyle(this.#state.text, this.#state.ast);
    return this.#state.style;
  }

  /**
   * The style of new text for the value at `keys`, written near offset `near`. Its quote is its
   * nearest neighbours': the strings of `own` (the list it joins, or the value it replaces), then
   * `hint` (the quote of an element moved from another list), then the nearest string among the
   * values of the enclosing object (`keys` without its last key), then the file's.
   */
  #styleFor(own: Node | undefined, keys: readonly string[], near: number, hint?: Quote): FileStyle {
    const style = this.#style();
    const quote = (own && ownQuote(this.#state.text, own)) ?? hint ?? this.#siblingQuote(keys.slice(0, -1), near) ?? style.quote;
    return quote === style.quote ? style : { ...style, quote };
  }

  /** The quote of the string nearest to `near` among the values of the object at `parent` (literal properties and assignments). */
  #siblingQuote(parent: readonly string[], near: number): Quote | undefined {
    const values: Node[] = [];
    const r = this.#resolve(parent);
    if (r.kind === 'found' && r.node.type === 'ObjectExpression') {
      for (const p of r.node.properties) if (p.type === 'ObjectProperty') values.push(p.value as Node);
    }
    for (const w of this.#state.writers) if (w.path.length === parent.length + 1 && isPrefix(parent, w.path)) values.push(w.value);
    return nearestQuote(this.#state.text, values, near);
  }

  #literal(what: string, at: readonly string[], node: Node): JsValue {
    const v = literalValue(node);
    if (v) return v.value;
    const part = nonLiteralPart(node) ?? { node, keys: [] };
    throw this.#notLiteral(what, [...at, ...part.keys], part.node);
  }

  /** The error for a path that runs into a value that is not literal, or into a literal that is not an object. */
  #blocked(what: string, r: Extract<Resolution, { kind: 'blocked' }>): UnsupportedEditError {
    if (r.reason === 'not-literal') return this.#notLiteral(what, r.at, r.node);
    const value = literalValue(r.node)?.value;
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return UnsupportedEditError.at(`${what}: ${this.#root}.${r.at.join('.')} is ${kind}, not an object`, this.#state.text, r.node.start!);
  }

  #notLiteral(what: string, at: readonly string[], node: Node): UnsupportedEditError {
    const name = at.length === 0 ? this.#root : `${this.#root}.${at.join('.')}`;
    return UnsupportedEditError.at(`${what}: ${name} is ${describe(node)}, not a literal value; edit it by hand`, this.#state.text, node.start!);
  }

  #array(what: string, keys: readonly string[]): { node: ArrayExpression; values: JsValue[] } | undefined {
    const r = this.#resolve(keys);
    if (r.kind === 'blocked') throw this.#blocked(what, r);
    if (this.#overlay && !this.#owns(r)) throw this.#notInOverlay(what, keys);
    if (r.kind === 'missing') {
      if (r.laterWrites.length > 0) throw this.#notLiteral(what, r.laterWrites[0]!.path, r.laterWrites[0]!.value);
      return undefined;
    }
    if (r.laterWrites[0]) throw this.#laterAssignment(what, r.laterWrites[0]);
    const values = this.#literal(what, keys, r.node);
    if (r.node.type !== 'ArrayExpression' || !Array.isArray(values)) {
      throw UnsupportedEditError.at(`${what}: ${this.#root}.${keys.join('.')} is not an array`, this.#state.text, r.node.start!);
    }
    return { node: r.node, values };
  }

  /** Removes element `index` of the (literal) array at `keys`. */
  #removeAt(keys: readonly string[], index: number): void {
    const path = keys.join('.');
    const array = this.#array(`Cannot remove from ${path}`, keys)!;
    const edits = this.#removeItem(this.#arrayList(array.node), index);
    this.#commit(edits, path, () => {
      const after = this.get(path);
      return Array.isArray(after) && jsEqual(after, array.values.filter((_, i) => i !== index));
    });
  }

  /** Inserts `item` at `index` into the (literal) array at `keys`. */
  #insertAt(keys: readonly string[], index: number, item: JsValue): void {
    const path = keys.join('.');
    const array = this.#array(`Cannot add to ${path}`, keys)!;
    const edits = this.#insertEdits(array.node, keys, index, item);
    this.#commit(edits, path, () => {
      const after = this.get(path);
      return Array.isArray(after) && jsEqual(after, [...array.values.slice(0, index), item, ...array.values.slice(index)]);
    });
  }

  /**
   * Edits that insert `item` at `index` into `array` (the value at `keys`), in the style of its
   * neighbours; `hint` is the quote of the element when it is moved from another list.
   */
  #insertEdits(array: ArrayExpression, keys: readonly string[], index: number, item: JsValue, hint?: Quote): TextEdit[] {
    const text = this.#state.text;
    const near = array.elements[Math.min(index, array.elements.length - 1)]?.start ?? array.start!;
    const style = this.#styleFor(array, keys, near, hint);
    const eol = eolAt(text, array.start!);
    const braces = inlineObjectPadding(text, array);
    const render = (indent: string): string =>
      braces !== undefined && isPlainObject(item) ? serializeInline(item, style, braces) : serializeValue(item, style, indent, eol);
    return insertItem(text, this.#arrayList(array), index, render, style.unit, style.pad);
  }

  /**
   * Takes `item` out of the array at `from` and puts it into the array at `to` (at the index
   * `position` chooses, unless it is already there), like removeFromArray then insertIntoArray.
   * When both are literal arrays in separate places, `from` holds `item` once and `to` lacks it,
   * both edits are planned against the current text and committed together: one re-parse, and
   * both arrays are read back. Otherwise the two operations run one after the other.
   */
  protected moveArrayItem(from: string, to: string, item: JsValue, position: (items: JsValue[]) => number): void {
    validateJsValue(item);
    const fromKeys = parsePath(from);
    const toKeys = parsePath(to);
    this.validate(toKeys, [item], 'item');
    this.transaction(() => {
      const source = this.#plainArray(fromKeys);
      const target = this.#plainArray(toKeys);
      const found = source ? source.values.flatMap((v, i) => (jsEqual(v, item) ? [i] : [])) : [];
      const separate = source && target && (source.node.end! <= target.node.start! || target.node.end! <= source.node.start!);
      if (!source || !target || !separate || found.length !== 1 || target.values.some((v) => jsEqual(v, item))) {
        this.removeFromArray(from, item);
        this.insertIntoArray(to, item, position);
        return;
      }
      const index = found[0]!;
      const at = Math.max(0, Math.min(target.values.length, position(target.values)));
      const removal = this.#removeItem(this.#arrayList(source.node), index);
      const element = source.node.elements[index]!;
      const quote = element.type === 'StringLiteral' ? (this.#state.text[element.start!] as Quote) : undefined;
      const insertion = this.#insertEdits(target.node, toKeys, at, item, quote);
      const inside = (edits: TextEdit[], node: Node): boolean => edits.every((e) => e.offset >= node.start! && e.offset + e.length <= node.end!);
      if (!inside(removal, source.node) || !inside(insertion, target.node)) {
        this.removeFromArray(from, item);
        this.insertIntoArray(to, item, position);
        return;
      }
      const edits = [...removal, ...insertion].sort((a, b) => a.offset - b.offset);
      const removed = source.values.filter((_, i) => i !== index);
      const inserted = [...target.values.slice(0, at), item, ...target.values.slice(at)];
      this.#commit(edits, `${from} and ${to}`, () => {
        const a = this.get(from);
        const b = this.get(to);
        return Array.isArray(a) && jsEqual(a, removed) && Array.isArray(b) && jsEqual(b, inserted);
      });
    });
  }

  /** The literal array at `keys` when it is one with no later assignment to a part of it; otherwise undefined. */
  #plainArray(keys: readonly string[]): { node: ArrayExpression; values: JsValue[] } | undefined {
    const r = this.#resolve(keys);
    if (r.kind !== 'found' || r.laterWrites.length > 0 || r.node.type !== 'ArrayExpression') return undefined;
    const v = literalValue(r.node);
    return v && Array.isArray(v.value) ? { node: r.node, values: v.value } : undefined;
  }

  /**
   * Changes an object or array literal into `value` item by item instead of rewriting it, so that
   * its comments and layout stay: keys are set and deleted one by one; an array whose kept
   * elements stay in order loses and gains single elements. False when that does not apply.
   */
  #setInPlace(keys: readonly string[], node: Node, current: JsValue, value: JsValue): boolean {
    if (node.type === 'ObjectExpression' && isPlainObject(current) && isPlainObject(value)) return this.#setKeys(keys, current, value);
    if (node.type === 'ArrayExpression' && Array.isArray(current) && Array.isArray(value)) {
      // Keep the longest common subsequence; when it leaves out an element both arrays have, the
      // array was reordered, and it is rewritten instead. So is a pair of arrays too long for the
      // quadratic comparison (real lists hold tens of elements).
      if ((current.length + 1) * (value.length + 1) > MAX_COMPARE) return false;
      const kept = commonSubsequence(current, value);
      if (kept.length !== sharedCount(current, value)) return false;
      const keptOld = new Set(kept.map(([i]) => i));
      const keptNew = new Set(kept.map(([, j]) => j));
      for (let i = current.length - 1; i >= 0; i--) if (!keptOld.has(i)) this.#removeAt(keys, i);
      value.forEach((v, j) => {
        if (!keptNew.has(j)) this.#insertAt(keys, j, v);
      });
      return true;
    }
    return false;
  }

  /** Changes the object at `keys` from `current` into `value` key by key; false when a key is not an identifier. */
  #setKeys(keys: readonly string[], current: { [key: string]: JsValue }, value: { [key: string]: JsValue }): boolean {
    const names = [...Object.keys(current), ...Object.keys(value)];
    if (!names.every((k) => IDENTIFIER.test(k) && k !== '__proto__')) return false;
    for (const k of Object.keys(current)) if (!Object.prototype.hasOwnProperty.call(value, k)) this.delete([...keys, k].join('.'));
    for (const [k, v] of Object.entries(value)) this.#set([...keys, k], v);
    return true;
  }

  /**
   * Sets an object whose parts later assignments write (`config.videoQuality.x = …;` after
   * `videoQuality: {…}`) key by key, so that each key is edited where it takes effect. False (the
   * caller refuses) unless both are plain objects and every later assignment keeps its key.
   */
  #setAroundLaterWrites(keys: readonly string[], r: Resolution, value: JsValue): boolean {
    if (r.kind === 'blocked' || (r.kind === 'found' && r.node.type !== 'ObjectExpression')) return false;
    const current = this.get(keys.join('.'));
    if (current === undefined || !isPlainObject(current) || !isPlainObject(value)) return false;
    if (!r.laterWrites.every((o) => Object.prototype.hasOwnProperty.call(value, o.path[keys.length]!))) return false;
    if (jsEqual(current, value)) return true;
    if (!this.#setKeys(keys, current, value)) return false;
    if (!jsEqual(this.get(keys.join('.')) ?? null, value)) throw new EditConflictError(`Editing ${keys.join('.')}: the value read back is not the value written`);
    return true;
  }

  /**
   * Whether the file itself sets the value at the resolved path (as opposed to the file an overlay
   * is appended to): an unconditional statement writes it or an object that holds it.
   */
  #owns(r: Resolution): boolean {
    return r.kind !== 'blocked' && r.base !== undefined && !r.base.conditional;
  }

  /**
   * Whether this overlay sets the value at `path` itself (an overlay's own statements, not a
   * default such as `config.a = config.a || {}` that the file it is appended to may override).
   * Always true in a file that is not an overlay where the path is set.
   */
  protected ownsPath(path: string): boolean {
    const r = this.#resolve(parsePath(path));
    return r.kind === 'found' && (!this.#overlay || this.#owns(r));
  }

  #notInOverlay(what: string, keys: readonly string[]): UnsupportedEditError {
    const name = [this.#root, ...keys].join('.');
    return new UnsupportedEditError(
      `${what}: this overlay does not set ${name}, so the list served is the one of the file it is appended to, which this document does not see; ` +
        `set the whole list in the overlay instead (set('${keys.join('.')}', [ … ]))`,
    );
  }

  #laterAssignment(what: string, later: Writer): UnsupportedEditError {
    return UnsupportedEditError.at(
      `${what}: a later assignment to ${this.#root}.${later.path.join('.')} changes part of it; edit that one instead`,
      this.#state.text,
      later.statement.start!,
    );
  }

  #set(keys: readonly string[], value: JsValue): void {
    const path = keys.join('.');
    const what = `Cannot set ${path}`;
    const r = this.#resolve(keys);
    if (r.kind === 'blocked') throw this.#blocked(what, r);
    if (r.laterWrites[0]) {
      if (this.#setAroundLaterWrites(keys, r, value)) return;
      throw this.#laterAssignment(what, r.laterWrites[0]);
    }
    const text = this.#state.text;
    let edits: TextEdit[];
    if (this.#overlay && !this.#owns(r)) {
      // The value, or the object that would hold it, is set (if at all) by the file this overlay is
      // appended to: one assignment of the whole path, never `config.a = {…}` over that object.
      edits = this.#appendAssignment(keys, value, 0);
    } else if (r.kind === 'found') {
      const current = this.#literal(what, keys, r.node);
      if (jsEqual(current, value)) return;
      if (this.#setInPlace(keys, r.node, current, value)) {
        if (!jsEqual(this.get(path) ?? null, value)) throw new EditConflictError(`Editing ${path}: the value read back is not the value written`);
        return;
      }
      const { start, end } = r.node as { start: number; end: number };
      // A string replacing a string keeps that literal's own quote (a multi-line template stays a
      // template, so a script keeps its lines): setting the old value back restores the text. So
      // does a list rewritten: its own strings give the quote.
      const own = this.#styleFor(r.node, keys, start);
      const multiLineTemplate = r.node.type === 'TemplateLiteral' && hasNewline(text, start, end);
      const content = multiLineTemplate && typeof value === 'string' ? templateString(value, eolAt(text, start)) : serializeValue(value, own, indentAt(text, start), eolAt(text, start));
      edits = [{ offset: start, length: end - start, content }];
    } else {
      // An assignment to a path below `config.a` proves that `config.a` is an object at that point
      // even when no statement this package reads creates it: a new key goes below it, never in
      // a new `config.a = {…}` that would replace what is there.
      const depth = Math.max(r.objectPath.length, this.#assignedObjectDepth(keys));
      const rest = keys.slice(depth);
      const assignments = this.#state.writers.some((w) => w.assignment);
      // `config.hosts = {};` followed by `config.hosts.domain = …;` is the assignment style: keep it.
      const assignmentStyle = assignments && r.object !== undefined && r.object === r.base?.value && r.object.properties.length === 0;
      if (r.object && !assignmentStyle && depth === r.objectPath.length) {
        edits = this.#insertProperty(r.object, keys.slice(0, depth), rest[0]!, nest(rest.slice(1), value));
      } else if (assignments || r.base) {
        edits = this.#appendAssignment(keys.slice(0, depth + 1), nest(rest.slice(1), value), Math.max(0, r.baseIndex));
      } else {
        throw new UnsupportedEditError(`${what}: the file does not define ${this.#root} (no \`var ${this.#root} = {…}\`)`);
      }
    }
    this.#commit(edits, path, () => jsEqual(this.get(path) ?? null, value) && this.has(path));
  }

  /** The length of the longest proper prefix of `keys` that some assignment writes below. */
  #assignedObjectDepth(keys: readonly string[]): number {
    let depth = 0;
    for (const w of this.#state.writers) {
      let shared = 0;
      while (shared < w.path.length && shared < keys.length && w.path[shared] === keys[shared]) shared++;
      if (shared < w.path.length && shared < keys.length) depth = Math.max(depth, shared);
    }
    return depth;
  }

  /** Edits that add `key: value` to `object` (the value at `objectKeys`). */
  #insertProperty(object: ObjectExpression, objectKeys: readonly string[], key: string, value: JsValue): TextEdit[] {
    const text = this.#state.text;
    const props = object.properties;
    const names = props.map((p) => (p.type === 'SpreadElement' || p.computed ? undefined : 'name' in p.key ? p.key.name : 'value' in p.key ? String(p.key.value) : undefined));
    const sentinel = names[names.length - 1] === SENTINEL ? 1 : 0;
    const ordered = names.slice(0, names.length - sentinel);
    const sorted = ordered.length >= 2 && ordered.every((n, i) => n !== undefined && (i === 0 || ordered[i - 1]! <= n));
    let index = ordered.length;
    if (sorted) {
      const after = ordered.findIndex((n) => n! > key);
      if (after !== -1) index = after;
    }
    const list = this.#objectList(object);
    const eol = eolAt(text, object.start!);
    const example = afterExample(text, list.comments, list.items, key);
    const style = this.#styleFor(object, objectKeys, example?.offset ?? props[Math.min(index, props.length - 1)]?.start ?? object.start!);
    const before = example ? props.filter((p) => p.end! <= example.offset).length : 0;
    if (example && (before < props.length || !sentinel)) {
      // The key is shown commented out: the live one goes right after that example (or the notes
      // that follow it), as an admin uncommenting it would write it.
      const indent = indentAt(text, example.indentFrom);
      const rendered = `${indent}${keyText(key, style)}: ${serializeValue(value, style, indent, eol)}`;
      const lineEol = eolAt(text, example.offset);
      if (before < props.length) return [{ offset: example.offset, length: 0, content: `${lineEol}${rendered},` }];
      const last = props[props.length - 1];
      const comma = last ? commasIn(text, last.end!, example.offset).length > 0 : false;
      const edits: TextEdit[] = last && !comma ? [{ offset: last.end!, length: 0, content: ',' }] : [];
      edits.push({ offset: example.offset, length: 0, content: `${lineEol}${rendered}${comma && style.trailingComma ? ',' : ''}` });
      return edits;
    }
    return insertItem(text, list, index, (indent) => `${keyText(key, style)}: ${serializeValue(value, style, indent, eol)}`, style.unit, style.pad);
  }

  #removeProperty(object: ObjectExpression, property: Node): TextEdit[] {
    const list = this.#objectList(object);
    return this.#removeItem(list, object.properties.indexOf(property as ObjectExpression['properties'][number]));
  }

  #arrayList(node: ArrayExpression): List {
    return this.#list(node, node.elements.map((e) => span(e!)), 'array');
  }

  #objectList(node: ObjectExpression): List {
    return this.#list(node, node.properties.map(span), 'object');
  }

  #list(node: Node, items: { start: number; end: number }[], kind: List['kind']): List {
    const open = node.start!;
    const close = node.end! - 1;
    return { open, close, items, kind, comments: commentsInside(this.#comments(), open, close, items) };
  }

  /** Edits that remove the statement of `writer`; refused when that statement does more than this write. */
  #removeWriter(what: string, writer: Writer): TextEdit[] {
    if (writer.shared) {
      const name = [this.#root, ...writer.path].join('.');
      throw UnsupportedEditError.at(`${what}: ${name} is written inside a larger statement; edit it by hand`, this.#state.text, writer.statement.start!);
    }
    return this.#removeStatement(writer.statement);
  }

  /**
   * Edits that remove item `index` of `list`. When that empties a list whose brackets come from the
   * input and held only whitespace there (`[ ]`, `{}`, `{\n}`), that whitespace comes back, so that
   * removing what was added gives back the input byte for byte.
   */
  #removeItem(list: List, index: number): TextEdit[] {
    const edits = removeItem(this.#state.text, list, index);
    if (list.items.length !== 1) return edits;
    const open = this.#originalOffset(list.open);
    const close = this.#originalOffset(list.close);
    if (open === undefined || close === undefined) return edits;
    const inner = this.#original.slice(open + 1, close);
    if (!/^\s*$/.test(inner)) return edits;
    return [{ offset: list.open + 1, length: list.close - list.open - 1, content: inner }];
  }

  /** The offset in the input of the character at `offset` in the current text; undefined when an edit wrote it. */
  #originalOffset(offset: number): number | undefined {
    let delta = 0;
    tick(this.#state.edits.length);
    for (const edit of this.#state.edits) {
      const start = edit.offset + delta;
      if (offset < start) break;
      if (offset < start + edit.content.length) return undefined;
      delta += edit.content.length - edit.length;
    }
    return offset - delta;
  }

  #removeStatement(statement: Statement): TextEdit[] {
    const text = this.#state.text;
    const start = statement.start!;
    const end = statement.end!;
    const after = skipSpaces(text, end);
    if (firstOnLine(text, start) && after === lineEnd(text, end)) {
      const from = lineStart(text, start);
      const to = nextLineStart(text, end);
      // The last line of a file without a final newline: the line break before it goes with it.
      if (to === lineEnd(text, end) && from > 0) {
        const before = text.startsWith('\r\n', from - 2) ? 2 : 1;
        return [{ offset: from - before, length: to - from + before, content: '' }];
      }
      return [{ offset: from, length: to - from, content: '' }];
    }
    return [{ offset: start, length: end - start, content: '' }];
  }

  /**
   * Appends `root.a.b = value;` after the statement that best anchors it: the last writer (from
   * the effective one on) that shares the most leading keys with the path.
   */
  #appendAssignment(keys: readonly string[], value: JsValue, fromIndex: number): TextEdit[] {
    const text = this.#state.text;
    const writers = this.#state.writers.slice(fromIndex);
    let anchor: Writer | undefined;
    let best = -1;
    for (const w of writers) {
      let shared = 0;
      while (shared < w.path.length && shared < keys.length && w.path[shared] === keys[shared]) shared++;
      if (shared >= best) {
        best = shared;
        anchor = w;
      }
    }
    if (!anchor) {
      if (this.#overlay) return this.#appendToEnd(keys, value);
      throw new UnsupportedEditError(`Cannot set ${keys.join('.')}: the file does not define ${this.#root}`);
    }
    const statement = anchor.statement;
    // After the comments on the statement's line, also one that goes on over more lines.
    const at = lineEndPastComments(text, this.#comments(), statement.end!);
    const indent = indentAt(text, statement.start!);
    const eol = eolAt(text, statement.start!);
    // The statement's own semicolon; for `if (…) { config.a = {}; }`, the one inside the braces.
    const last = statement.type === 'IfStatement' && statement.consequent.type === 'BlockStatement' ? statement.consequent.body.at(-1) : statement;
    const semicolon = text[(last ?? statement).end! - 1] === ';' ? ';' : '';
    // `window.config.a = …;` files get `window.config.b = …;`.
    const global = /^(?:window|globalThis|self)\./.exec(text.slice(statement.start!, statement.end!))?.[0] ?? '';
    const target = global + [this.#root, ...keys].join('.');
    const style = this.#styleFor(undefined, keys, statement.start!);
    return [{ offset: at, length: 0, content: `${eol}${indent}${target} = ${serializeValue(value, style, indent, eol)}${semicolon}` }];
  }

  /** The first assignment of an overlay that has none yet: at the end of the file, on a line of its own. */
  #appendToEnd(keys: readonly string[], value: JsValue): TextEdit[] {
    const text = this.#state.text;
    const eol = eolAt(text, text.length);
    const statement = `${[this.#root, ...keys].join('.')} = ${serializeValue(value, this.#style(), '', eol)};`;
    // After the last statement (and the comments on its line), or at the end of what is there.
    const last = this.#state.ast.program.body.at(-1);
    const at = last ? lineEndPastComments(text, this.#comments(), last.end!) : text.length;
    if (at === text.length && !/(?:\r\n|\n|\r)$/.test(text) && text !== '') return [{ offset: at, length: 0, content: `${eol}${statement}` }];
    if (at === text.length) return [{ offset: at, length: 0, content: `${statement}${eol}` }];
    return [{ offset: at, length: 0, content: `${eol}${statement}` }];
  }

  /** Applies `edits` to the current text, re-parses, checks `verify`, and folds them into `edits`. */
  #commit(edits: TextEdit[], path: string, verify: () => boolean): void {
    if (edits.length === 0) return;
    const before = this.#state;
    const text = applyEdits(before.text, edits);
    const closer = newScriptCloser(before.text, edits);
    if (closer !== undefined) {
      // jitsi-meet's index.html inlines these files in <script> through nginx SSI.
      throw new EditConflictError(`Editing ${path} would write "${text.slice(closer, closer + 8)}" into the file, which would close its <script> element or start an SSI command`);
    }
    let next: State;
    try {
      // Edits that together give back the original text (a key deleted and set again) are no edits.
      next = ConfigDocument.#load(text, this.#root, text === this.#original ? [] : composeEdits(this.#original, before.edits, edits));
    } catch (error) {
      throw new EditConflictError(`Editing ${path} would produce text that does not parse: ${(error as Error).message}`);
    }
    this.#state = next;
    let ok = false;
    try {
      ok = verify();
    } finally {
      if (!ok) this.#state = before;
    }
    if (!ok) throw new EditConflictError(`Editing ${path}: the value read back is not the value written`);
  }

  /** Runs `fn`; if it throws, the document is left exactly as it was. */
  protected transaction(fn: () => void): void {
    const saved = this.#state;
    try {
      fn();
    } catch (error) {
      this.#state = saved;
      throw error;
    }
  }
}

/** Index pairs [i, j] of a longest common subsequence of `a` and `b` (elements compared with jsEqual). */
function commonSubsequence(a: readonly JsValue[], b: readonly JsValue[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  tick(n * m);
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = jsEqual(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (jsEqual(a[i]!, b[j]!)) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** How many elements `a` and `b` have in common, counted as multisets. */
function sharedCount(a: readonly JsValue[], b: readonly JsValue[]): number {
  const used = new Set<number>();
  let count = 0;
  for (const x of b) {
    const i = a.findIndex((y, k) => !used.has(k) && jsEqual(x, y));
    if (i !== -1) {
      used.add(i);
      count++;
    }
  }
  return count;
}

/**
 * When every object element of `array` is written on one line (`{ urls: '…' }`), the space inside
 * their braces (' ' or ''), so that a new object element looks the same; otherwise undefined.
 */
function inlineObjectPadding(text: string, array: ArrayExpression): '' | ' ' | undefined {
  const objects = array.elements.filter((e) => e?.type === 'ObjectExpression');
  if (objects.length === 0 || objects.some((o) => hasNewline(text, o.start!, o.end!))) return undefined;
  return text[objects[0]!.start! + 1] === ' ' ? ' ' : '';
}

function isPlainObject(v: JsValue): v is { [key: string]: JsValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function span(node: { start?: number | null; end?: number | null }): { start: number; end: number } {
  return { start: node.start!, end: node.end! };
}


/** A short description of a non-literal expression for error messages. */
function describe(node: Node): string {
  switch (node.type) {
    case 'CallExpression':
      // `config.toolbarButtons.push('chat');`
      return node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && MUTATORS.has(node.callee.property.name)
        ? `changed by a call to ${node.callee.property.name}()`
        : 'a function call';
    case 'Identifier':
      return `the variable ${node.name}`;
    case 'BinaryExpression':
      return node.operator === '+' ? 'a concatenation' : 'an expression';
    case 'TemplateLiteral':
      return 'a template with expressions';
    case 'LogicalExpression':
      return 'a logical expression';
    case 'MemberExpression':
      return 'a property access';
    case 'ObjectMethod':
      return 'a method';
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return 'a function';
    case 'ObjectExpression':
      return 'an object with computed keys or spreads';
    case 'ArrayExpression':
      return 'an array with holes';
    case 'SpreadElement':
      return 'a spread';
    case 'ObjectProperty':
      return isProtoSetter(node) ? 'an object with a __proto__ key (inherited values)' : 'a computed key';
    case 'AssignmentExpression':
      return node.operator === '=' ? 'assigned inside a larger statement' : `changed by \`${node.operator}\``;
    case 'UpdateExpression':
      return `changed by \`${node.operator}\``;
    case 'UnaryExpression':
      return node.operator === 'delete' ? 'deleted by a delete statement' : 'an expression';
    default:
      return `an expression (${node.type})`;
  }
}

/** `value` with `keys` set to `part` (objects and lists along the way are copied; `a[1] = …` sets element 1). */
function assignDeep(value: JsValue, keys: readonly string[], part: JsValue): JsValue {
  if (keys.length === 0) return part;
  const [key, ...rest] = keys;
  if (Array.isArray(value) && /^(?:0|[1-9]\d*)$/.test(key!) && Number(key) <= value.length) {
    const copy = [...value];
    copy[Number(key)] = assignDeep(copy[Number(key)]!, rest, part);
    return copy;
  }
  const base = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  const child = Object.prototype.hasOwnProperty.call(base, key!) ? base[key!]! : {};
  Object.defineProperty(base, key!, { value: assignDeep(child, rest, part), enumerable: true, writable: true, configurable: true });
  return base;
}
