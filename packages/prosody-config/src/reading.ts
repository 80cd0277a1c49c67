/**
 * Reading a config as Prosody 13's core/configmanager.lua runs it: the file's statements in order,
 * each in the section current when it runs, with
 *
 * - list appends merged: `key:append { … }` and `key { … }` add the table's items to the list the
 *   section holds so far (a table of keys sets those keys);
 * - bare references resolved: a name that is not Prosody's reads the option of that name from the
 *   **current section only** (never the global one from inside a host), as set so far;
 * - helpers kept opaque: `Credential()`, `FileContents()`, `FileLine()`, `FileLines()` and `Lua.…`
 *   are OpaqueValues of their kind, never computed;
 * - `key = nil` unsetting the key (a host then inherits the global value again).
 *
 * Everything else that is not a literal (`ENV_X`, another call, arithmetic) is unknown: reading it
 * gives UnsupportedEditError, as before. A file that uses none of Prosody 13's syntax reads the same
 * in Prosody 0.12, which has none of it (a bare name there is nil, an append a start-up error):
 * `syntax13` lists where a file needs Prosody 13.
 */
import type { Expression, Identifier, Node, NumericLiteral, TableConstructorExpression } from 'luaparse';
import { printable, UnsupportedEditError } from '@jitsi-confkit/core';
import type { NumericLiteralInfo } from './vendor/luaparse.cjs';
import { latin1ToUtf8, latin1ToUtf8Strict } from './latin1.js';
import { helperOf, rangeOf, requireLiteral } from './lua.js';
import type { AppendItem, Model, Section, SettingItem } from './model.js';
import { OpaqueValue, type ConfigValue, type Syntax13Feature } from './value.js';

/** Lua 5.4's standard globals: a bare name Prosody 13 looks up in Lua (with a deprecation warning) when no option has it. */
export const LUA_GLOBALS: ReadonlySet<string> = new Set(
  '_G _VERSION assert collectgarbage coroutine debug dofile error getmetatable io ipairs load loadfile math next os package pairs pcall print rawequal rawget rawlen rawset require select setmetatable string table tonumber tostring type utf8 warn xpcall'.split(
    ' ',
  ),
);

/**
 * Why a value cannot be known from the file: the error get() throws for it. `literal`: it is not a
 * literal (the enclosing table or concatenation is reported whole, as get() always did).
 */
export type Unknown = { unknown: (key: string) => UnsupportedEditError; literal?: true };

/** What an expression gives when the file runs: a value, nil, or unknown. */
type Result = { value: ConfigValue } | { nil: true } | Unknown;

/** An option of one section after the whole file has run. */
export interface OptionState {
  /** The value, or `nil` (the last statement set it to nil: it is unset), or why it is unknown. */
  result: Result;
  /** The assignment the value comes from (absent when the file only appends to it). */
  base: SettingItem | undefined;
  /** The append statements merged into it since that assignment, in order. */
  appends: AppendItem[];
}

/** Where a file needs Prosody 13: Prosody 0.12 refuses it, or reads it otherwise. */
export interface Syntax13 {
  feature: Syntax13Feature;
  /** The name appended to or referred to, the helper's argument, the path after `Lua.`. */
  name?: string;
  /** Offset in the latin1 text. */
  offset: number;
}

/** Something Prosody says when it loads the file (its own words), with where. */
export interface LoadWarning {
  kind: 'duplicate-option' | 'lua-api';
  /** The option set twice, or the Lua global used directly. */
  name: string;
  offset: number;
}

export interface Reading {
  /** The options of each section by scope key ('*' for the global section, else the host's name). */
  scopes: Map<string, Map<string, OptionState>>;
  syntax13: Syntax13[];
  warnings: LoadWarning[];
}

const NIL: Result = { nil: true };

/** The scope key of a section: '*' for the global section, else its name (lower case); a header without a literal name has its own. */
export function sectionKey(section: Section, index: number): string {
  if (section.kind === 'global') return '*';
  return section.name ?? `\0${index}`;
}

/** The model's memo slots (Model.memo) of the whole reading, of scopes read alone and of options read alone. */
const READING = Symbol('reading');
const SCOPES = Symbol('scopes');
const OPTIONS = Symbol('options');

function wholeReading(model: Model): Reading | undefined {
  return model.memo[READING] as Reading | undefined;
}

/** The memo slot `slot` of the model, a map made on first use. */
function memoMap<V>(model: Model, slot: symbol): Map<string, V> {
  let map = model.memo[slot] as Map<string, V> | undefined;
  if (map === undefined) {
    map = new Map();
    model.memo[slot] = map;
  }
  return map;
}

/** The model's reading, computed once per model. */
export function readModel(model: Model): Reading {
  let reading = wholeReading(model);
  if (reading === undefined) {
    reading = new Reader(model).run();
    model.memo[READING] = reading;
  }
  return reading;
}

/** Thrown inside Reader.option when a statement refers to an option by name (the scope must be read in order); never leaves this module. */
class RefersToOption extends Error {}
const REFERS = new RefersToOption('internal: an option read alone refers to another option');

/**
 * The options of one scope (by its key, as Reading.scopes has them), computed once per model and
 * scope: a scope's statements read only its own options, so running them alone gives what the
 * whole reading gives for it, at the cost of that scope.
 */
export function readScope(model: Model, key: string): ReadonlyMap<string, OptionState> | undefined {
  const whole = wholeReading(model);
  if (whole !== undefined) return whole.scopes.get(key);
  const scopes = memoMap<Map<string, OptionState>>(model, SCOPES);
  if (!scopes.has(key)) scopes.set(key, new Reader(model).run(key).scopes.get(key) ?? new Map<string, OptionState>());
  return scopes.get(key);
}

/** A scope's statements that set or append to an option, per option, in file order; and the options read so far. */
interface ScopeIndex {
  statements: Map<string, (SettingItem | AppendItem)[]>;
  read: Map<string, OptionState | undefined>;
}

/** The statements of the scope `key`, per option (what `run` runs in that scope, in the same order). */
function indexScope(model: Model, key: string): ScopeIndex {
  const statements = new Map<string, (SettingItem | AppendItem)[]>();
  const add = (item: SettingItem | AppendItem): void => {
    const list = statements.get(item.key);
    if (list === undefined) statements.set(item.key, [item]);
    else list.push(item);
  };
  // Sections are in file order, and each one's option fields (in its header) come before its
  // statements, so this is the order of `run`'s sort within the scope.
  model.sections.forEach((section, index) => {
    const own = sectionKey(section, index);
    if (own === key) for (const o of section.options) add(o);
    if ((section.optionTable ? '*' : own) === key) for (const i of section.items) if (i.kind !== 'opaque') add(i);
  });
  return { statements, read: new Map() };
}

/**
 * The state of one option of one scope after the file has run (undefined when the scope never sets
 * or appends to it), as readScope gives it: computed once per model, scope and option, by running
 * only that option's statements, what an edit's plan and read-back ask for. The statements of one
 * option read no other option unless one refers to another by name (Prosody 13's bare references);
 * then the whole scope is read (readScope), whose order decides what the name reads.
 */
export function readOption(model: Model, key: string, option: string): OptionState | undefined {
  const whole = wholeReading(model);
  if (whole !== undefined) return whole.scopes.get(key)?.get(option);
  const scoped = (model.memo[SCOPES] as Map<string, Map<string, OptionState>> | undefined)?.get(key);
  if (scoped !== undefined) return scoped.get(option);
  const scopes = memoMap<ScopeIndex>(model, OPTIONS);
  let index = scopes.get(key);
  if (index === undefined) {
    index = indexScope(model, key);
    scopes.set(key, index);
  }
  if (index.read.has(option)) return index.read.get(option);
  const statements = index.statements.get(option);
  const state = statements === undefined ? undefined : new Reader(model).option(key, statements);
  const read = state === 'refers' ? readScope(model, key)?.get(option) : state;
  index.read.set(option, read);
  return read;
}

function isUnknown(r: Result): r is Unknown {
  return 'unknown' in r;
}

/** A Lua number as `..` writes it, or undefined when that needs the integer/float distinction a JS number lost. */
function numberText(node: Expression, value: number): string | undefined {
  const literal = node.type === 'UnaryExpression' ? node.argument : node;
  if (literal.type !== 'NumericLiteral') return undefined;
  if ((literal as NumericLiteral & NumericLiteralInfo).isFloat) return undefined;
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

class Reader {
  readonly #model: Model;
  readonly #text: string;
  readonly #scopes = new Map<string, Map<string, OptionState>>();
  readonly #syntax13: Syntax13[] = [];
  readonly #warnings: LoadWarning[] = [];
  /** Options assigned by `key = value` in this file so far, per scope (Prosody's duplicate-option check). */
  readonly #assigned = new Set<string>();
  /** Reading one option's statements alone (option()): a bare reference to an option ends it. */
  #alone = false;

  constructor(model: Model) {
    this.#model = model;
    this.#text = model.text;
  }

  /** Runs the file's statements (only those of the scope `only`, when given: the rest of the reading is then partial). */
  run(only?: string): Reading {
    // Every statement with the scope it runs in, in file order (the statements after a header with an
    // option table are the global section's, but run after that header's options).
    const steps: { scope: string; at: number; item: SettingItem | AppendItem }[] = [];
    this.#model.sections.forEach((section, index) => {
      const scope = sectionKey(section, index);
      this.#scope(scope);
      for (const o of section.options) steps.push({ scope, at: o.range[0], item: o });
      for (const i of section.items) if (i.kind !== 'opaque') steps.push({ scope: section.optionTable ? '*' : scope, at: i.range[0], item: i });
    });
    steps.sort((a, b) => a.at - b.at);
    for (const { scope, item } of steps) {
      if (only !== undefined && scope !== only) continue;
      if (item.kind === 'setting') this.#assign(scope, item);
      else this.#append(scope, item);
    }
    return { scopes: this.#scopes, syntax13: this.#syntax13.sort((a, b) => a.offset - b.offset), warnings: this.#warnings.sort((a, b) => a.offset - b.offset) };
  }

  /**
   * The state of one option after its statements (`statements`, all of one option of `scope`, in
   * file order) have run, or 'refers' when one of them reads an option by name: what that reads
   * depends on the other statements of the scope, which only `run` runs in order.
   */
  option(scope: string, statements: readonly (SettingItem | AppendItem)[]): OptionState | 'refers' {
    this.#alone = true;
    let state: OptionState | undefined;
    try {
      for (const item of statements) state = item.kind === 'setting' ? this.#stateAfter(scope, item) : this.#appended(scope, item, state);
    } catch (e) {
      if (e === REFERS) return 'refers';
      throw e;
    }
    return state!;
  }

  #scope(scope: string): Map<string, OptionState> {
    let options = this.#scopes.get(scope);
    if (options === undefined) {
      options = new Map();
      this.#scopes.set(scope, options);
    }
    return options;
  }

  #assign(scope: string, item: SettingItem): void {
    // A header's option table is applied with a plain set (no duplicate check); `key = value` goes
    // through the environment, which warns about an option set twice in one section of one file.
    if (item.option === undefined) {
      const id = `${scope}/${item.key}`;
      if (this.#assigned.has(id)) this.#warnings.push({ kind: 'duplicate-option', name: item.key, offset: item.range[0] });
      this.#assigned.add(id);
    }
    this.#scope(scope).set(item.key, this.#stateAfter(scope, item));
  }

  /** The option's state after the assignment `item`. */
  #stateAfter(scope: string, item: SettingItem): OptionState {
    return { result: this.#evaluate(item.value, scope, item.key), base: item, appends: [] };
  }

  #append(scope: string, item: AppendItem): void {
    const options = this.#scope(scope);
    options.set(item.key, this.#appended(scope, item, options.get(item.key)));
  }

  /** The option's state after the append `item`, from its state before (`state`). */
  #appended(scope: string, item: AppendItem, state: OptionState | undefined): OptionState {
    this.#syntax13.push({ feature: 'append', name: item.key, offset: item.range[0] });
    const text = this.#text;
    let result: Result;
    if (state === undefined || 'nil' in state.result) {
      // Prosody reads the name from this section: nil here, so `nil:append` stops it, unless an
      // earlier file (the main config, for the global section) set it.
      const where = scope === '*' ? 'the global section' : `the section of ${scope}`;
      result = {
        unknown: (key) =>
          UnsupportedEditError.at(
            `${key} is appended to (${printable(latin1ToUtf8(text.slice(item.range[0], Math.min(item.range[1], item.range[0] + 60))))}) but not set before in ${where} of this file: its value starts with what another file sets, and Prosody 13 stops if none does`,
            text,
            item.range[0],
          ),
      };
    } else {
      result = state.result;
    }
    for (const call of item.calls) {
      const added = this.#evaluate(call.table, scope, item.key);
      if (isUnknown(result)) continue;
      if (isUnknown(added)) {
        result = added;
        continue;
      }
      result = this.#merge(result, added, call.table, item.key);
    }
    return {
      result,
      base: state && !('nil' in state.result) ? state.base : undefined,
      appends: state && !('nil' in state.result) ? [...state.appends, item] : [item],
    };
  }

  /** Prosody 13's append: list items after the list's, else the table's keys set on it. */
  #merge(into: Result, added: Result, node: TableConstructorExpression, key: string): Result {
    if (!('value' in into) || !('value' in added)) return into;
    const base = into.value;
    const more = added.value;
    const text = this.#text;
    const refuse = (why: string): Result => ({ unknown: (k) => UnsupportedEditError.at(`${k}: ${why}`, text, rangeOf(node)[0]) });
    if (typeof base !== 'object' || base instanceof OpaqueValue)
      return refuse(`Prosody 13 cannot append to a value that is not a table (${key} is ${printable(JSON.stringify(base))})`);
    if (Array.isArray(more)) {
      if (more.length === 0) return into;
      if (!Array.isArray(base)) return refuse('a list appended to a table of keys');
      return { value: [...base, ...more] };
    }
    if (more instanceof OpaqueValue || typeof more !== 'object') return into;
    if (Array.isArray(base) && base.length > 0) return refuse('a table of keys appended to a list');
    const merged: { [k: string]: ConfigValue } = Array.isArray(base) ? {} : { ...base };
    for (const [k, v] of Object.entries(more)) Object.defineProperty(merged, k, { value: v, enumerable: true, writable: true, configurable: true });
    return { value: merged };
  }

  /** What `node` gives when Prosody runs it in `scope`. */
  #evaluate(node: Expression, scope: string, key: string): Result {
    const text = this.#text;
    const notLiteral: Unknown = { unknown: (k) => literalError(node, text, k), literal: true };
    /** A part's unknown: a part that is not a literal makes the whole expression one. */
    const whole = (part: Unknown): Unknown => (part.literal ? notLiteral : part);
    switch (node.type) {
      case 'NilLiteral':
        return NIL;
      case 'StringLiteral': {
        const value = latin1ToUtf8Strict(node.value);
        return value === undefined ? notLiteral : { value };
      }
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'UnaryExpression': {
        const value = literalOrUndefined(node, text);
        return value === undefined ? notLiteral : { value };
      }
      case 'TableConstructorExpression':
        return this.#table(node, scope, key);
      case 'Identifier':
        return this.#name(node, scope);
      case 'BinaryExpression': {
        if (node.operator !== '..') return notLiteral;
        const left = this.#evaluate(node.left, scope, key);
        const right = this.#evaluate(node.right, scope, key);
        if (isUnknown(left)) return whole(left);
        if (isUnknown(right)) return whole(right);
        const l = concatText(node.left, left);
        const r = concatText(node.right, right);
        return l === undefined || r === undefined ? notLiteral : { value: l + r };
      }
      case 'CallExpression':
      case 'StringCallExpression':
      case 'TableCallExpression': {
        const value = this.#call(node);
        return value === undefined ? notLiteral : { value };
      }
      case 'MemberExpression':
      case 'IndexExpression': {
        const lua = this.#lua(node);
        return lua === undefined ? notLiteral : { value: lua };
      }
      default:
        return notLiteral;
    }
  }

  #table(node: TableConstructorExpression, scope: string, key: string): Result {
    const text = this.#text;
    const notLiteral: Unknown = { unknown: (k) => literalError(node, text, k), literal: true };
    const whole = (part: Unknown): Unknown => (part.literal ? notLiteral : part);
    if (node.fields.length === 0) return { value: [] };
    if (node.fields.every((f) => f.type === 'TableValue')) {
      const out: ConfigValue[] = [];
      for (const f of node.fields) {
        const r = this.#evaluate(f.value, scope, key);
        if (isUnknown(r)) return whole(r);
        // A nil in a list constructor leaves a hole, which no JS array can say.
        if (!('value' in r)) return notLiteral;
        out.push(r.value);
      }
      return { value: out };
    }
    const obj: { [k: string]: ConfigValue } = {};
    for (const f of node.fields) {
      let k: string | undefined;
      if (f.type === 'TableKeyString') k = f.key.name;
      else if (f.type === 'TableKey' && f.key.type === 'StringLiteral') k = latin1ToUtf8Strict(f.key.value);
      if (k === undefined) return notLiteral;
      const r = this.#evaluate(f.value, scope, key);
      if (isUnknown(r)) return whole(r);
      if (!('value' in r)) continue; // `k = nil` in a constructor: no such key
      Object.defineProperty(obj, k, { value: r.value, enumerable: true, writable: true, configurable: true });
    }
    return { value: obj };
  }

  /** A bare name: `ENV_X` (unknown here), `Lua`, an option of the current section, a Lua global, or nil. */
  #name(node: Identifier, scope: string): Result {
    const text = this.#text;
    const name = node.name;
    const offset = rangeOf(node)[0];
    if (name.startsWith('ENV_')) return { unknown: (k) => literalError(node, text, k), literal: true };
    if (name === 'Lua') {
      this.#syntax13.push({ feature: 'Lua', name: '', offset });
      return { value: new OpaqueValue('Lua', '', 'Lua') };
    }
    this.#syntax13.push({ feature: 'reference', name, offset });
    // What the name reads depends on the statements of the scope before this one.
    if (this.#alone) throw REFERS;
    const own = this.#scopes.get(scope)?.get(name);
    if (own !== undefined && !('nil' in own.result)) {
      const r = own.result;
      // Prosody 13 gives a table option as a proxy object (for :append), not as the table.
      if ('value' in r && typeof r.value === 'object' && !(r.value instanceof OpaqueValue)) {
        return {
          unknown: (k) =>
            UnsupportedEditError.at(`The value of ${k} refers to ${name}, a table, which Prosody 13 passes as a proxy rather than a copy: edit it by hand`, text, offset),
        };
      }
      return r;
    }
    if (LUA_GLOBALS.has(name)) {
      this.#warnings.push({ kind: 'lua-api', name, offset });
      return { unknown: (k) => literalError(node, text, k), literal: true };
    }
    const where = scope === '*' ? 'the global section' : `the section of ${scope}`;
    return {
      unknown: (k) =>
        UnsupportedEditError.at(
          `The value of ${k} refers to ${name}, which this file does not set before it in ${where} (Prosody 13 reads a bare name from the current section only; Prosody 0.12 reads it as nil)`,
          text,
          offset,
        ),
    };
  }

  /** A helper call (`Credential("x")`, …) or a call of Lua's API through `Lua.`; undefined for any other call. */
  #call(node: Expression & { base: Expression }): ConfigValue | undefined {
    const text = this.#text;
    const [start, end] = rangeOf(node);
    const helper = helperOf(node, text);
    if (helper !== undefined) {
      this.#syntax13.push({ feature: helper.kind, ...(helper.argument === undefined ? {} : { name: helper.argument }), offset: start });
      return helper;
    }
    const path = luaPath(node.base);
    if (path?.root === 'Lua') {
      this.#syntax13.push({ feature: 'Lua', name: path.path, offset: start });
      return new OpaqueValue('Lua', path.path, latin1ToUtf8(text.slice(start, end)));
    }
    if (path !== undefined && LUA_GLOBALS.has(path.root)) this.#warnings.push({ kind: 'lua-api', name: path.root, offset: start });
    return undefined;
  }

  /** `Lua.os.getenv` (not called): an OpaqueValue of kind Lua; undefined for another member expression. */
  #lua(node: Expression): OpaqueValue | undefined {
    const path = luaPath(node);
    if (path === undefined) return undefined;
    const [start, end] = rangeOf(node);
    if (path.root !== 'Lua') {
      if (LUA_GLOBALS.has(path.root)) this.#warnings.push({ kind: 'lua-api', name: path.root, offset: start });
      return undefined;
    }
    this.#syntax13.push({ feature: 'Lua', name: path.path, offset: start });
    return new OpaqueValue('Lua', path.path, latin1ToUtf8(this.#text.slice(start, end)));
  }
}

/** `a.b.c` / `a:b` as its root name and the path after it; undefined for anything else. */
function luaPath(node: Node): { root: string; path: string } | undefined {
  const names: string[] = [];
  let n: Node = node;
  while (n.type === 'MemberExpression') {
    names.push(n.identifier.name);
    n = n.base;
  }
  if (n.type !== 'Identifier') return undefined;
  return { root: n.name, path: names.reverse().join('.') };
}

/** A value as `..` reads it: a string, or an integer literal written as such. */
function concatText(node: Expression, r: Result): string | undefined {
  if (!('value' in r)) return undefined;
  if (typeof r.value === 'string') return r.value;
  if (typeof r.value === 'number') return numberText(node, r.value);
  return undefined;
}

/** A number or boolean literal (also `-5`), or undefined. */
function literalOrUndefined(node: Expression, text: string): number | boolean | undefined {
  try {
    const v = requireLiteral(node, text, '');
    return typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The UnsupportedEditError get() has always given for a value that is not a literal. */
function literalError(node: Expression, text: string, key: string): UnsupportedEditError {
  try {
    requireLiteral(node, text, key);
  } catch (e) {
    if (e instanceof UnsupportedEditError) return e;
    throw e;
  }
  // requireLiteral accepted it (a literal inside an expression that is not): say so at the node.
  const [start, end] = rangeOf(node);
  return UnsupportedEditError.at(`The value of ${key} is not a literal (${printable(latin1ToUtf8(text.slice(start, Math.min(end, start + 60))))}): edit it by hand`, text, start);
}

/** One item of a list setting, where it is written. */
export interface ListEntry {
  value: ConfigValue;
  /** Offset of the item in the latin1 text. */
  offset: number;
  /** `assignment`: in the list `key = { … }`; `append`: in `key:append { … }` / `key { … }`. */
  statement: 'assignment' | 'append';
}

/**
 * The items of the list an option holds after the file has run, each where it is written: those of
 * the assignment the value comes from, then those of each append since (also when the list itself
 * is set in another file, as a conf.d file's `modules_enabled:append { … }` is). Items that are not
 * literals are left out; undefined when the value is not a list (a table of keys, another value).
 */
export function listEntries(model: Model, state: OptionState): ListEntry[] | undefined {
  if (state.base !== undefined && state.base.value.type !== 'TableConstructorExpression') return undefined;
  if ('value' in state.result && !Array.isArray(state.result.value)) return undefined;
  const out: ListEntry[] = [];
  for (const { table, statement } of listTables(state)) {
    for (const f of table.fields) {
      if (f.type !== 'TableValue') continue;
      const value = f.value.type === 'StringLiteral' ? latin1ToUtf8Strict(f.value.value) : literalOrUndefined(f.value, model.text);
      if (value !== undefined) out.push({ value, offset: rangeOf(f.value)[0], statement });
    }
  }
  return out;
}

/** The table constructors an option's list is written in: its assignment's, then each append's. */
export function listTables(state: OptionState): { table: TableConstructorExpression; statement: ListEntry['statement']; append?: AppendItem }[] {
  const out: { table: TableConstructorExpression; statement: ListEntry['statement']; append?: AppendItem }[] = [];
  if (state.base !== undefined && state.base.value.type === 'TableConstructorExpression') out.push({ table: state.base.value, statement: 'assignment' });
  for (const a of state.appends) for (const c of a.calls) out.push({ table: c.table, statement: 'append', append: a });
  return out;
}

/** An `Include` or `RunScript` statement, with its path when it is a literal. */
export interface IncludeStatement {
  keyword: 'Include' | 'include' | 'RunScript';
  path: string | undefined;
  offset: number;
}

/** Every Include / RunScript statement of the file, in order (Prosody runs them wherever they are). */
export function includeStatements(model: Model): IncludeStatement[] {
  const out: IncludeStatement[] = [];
  for (const section of model.sections) {
    for (const item of section.items) {
      if (item.kind !== 'opaque' || item.statement.type !== 'CallStatement') continue;
      const call = item.statement.expression;
      if (call.type !== 'StringCallExpression' && call.type !== 'CallExpression') continue;
      if (call.base.type !== 'Identifier' || !['Include', 'include', 'RunScript'].includes(call.base.name)) continue;
      const arg = call.type === 'StringCallExpression' ? call.argument : call.arguments[0];
      const path = arg?.type === 'StringLiteral' ? latin1ToUtf8Strict(arg.value) : undefined;
      out.push({ keyword: call.base.name as IncludeStatement['keyword'], path, offset: item.range[0] });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
