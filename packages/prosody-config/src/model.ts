/**
 * The "text blocks" model: Prosody's configmanager semantics over the top-level statements.
 * A `VirtualHost "x"` / `Host "x"` / `Component "x" ["type"]` call opens a section; every later
 * statement belongs to the most recent section, whatever its indentation or line. Comment lines
 * directly above a header belong to that header's section.
 */
import type { Chunk, Comment, Expression, Statement, TableConstructorExpression, TableKeyString } from 'luaparse';
import { lineBreakBefore, lineStart } from '@jitsi-confkit/core';
import { latin1ToUtf8 } from './latin1.js';
import { parseLua, rangeOf, type ParsedLua, type Range } from './lua.js';
import { settingNameProblem } from './names.js';

export type SectionKind = 'global' | 'VirtualHost' | 'Component';

/** `key = value` at the top level: a Prosody setting of the section it is in. */
export interface SettingItem {
  kind: 'setting';
  key: string;
  statement: Statement;
  value: Expression;
  range: Range;
  /** Set by the header's option table (`VirtualHost "x" { key = value }`): the table and the field. */
  option?: { table: TableConstructorExpression; field: TableKeyString };
}

/** One call of an append statement: `key:append { … }` or `key { … }` (Prosody 13). */
export interface AppendCall {
  /** `append`: `key:append { … }`; `call`: `key { … }`. */
  form: 'append' | 'call';
  /** The table appended (the call's first argument). */
  table: TableConstructorExpression;
  /** The whole call, up to its closing bracket. */
  call: Expression;
}

/**
 * `key:append { … }` or `key { … }`, possibly chained (`key:append { "a" } { "b" }`): Prosody 13
 * appends each table's items to the list the section holds (or, for a table of keys, sets them).
 * Prosody 0.12 cannot load it.
 */
export interface AppendItem {
  kind: 'append';
  key: string;
  statement: Statement;
  range: Range;
  calls: AppendCall[];
}

/** Any other statement (`Include`, `RunScript`, `local`, a call, a multiple assignment): kept as is. */
export interface OpaqueItem {
  kind: 'opaque';
  statement: Statement;
  range: Range;
}

export type Item = SettingItem | AppendItem | OpaqueItem;

export interface Section {
  kind: SectionKind;
  /** `VirtualHost`, `Host`, `host`, `Component` or `component` as written; absent for global. */
  keyword?: string;
  /** Host or component name (lower-cased like Prosody does); undefined for global or a non-literal name. */
  name?: string;
  /** Component module (`"muc"`), when the header gives one. */
  type?: string;
  /** The quote of the header's name, `VirtualHost "x"` or `VirtualHost 'x'`. */
  quote?: '"' | "'";
  header?: Statement;
  /** Range of the header call. */
  headerRange?: Range;
  /**
   * `key = value` fields of the header's option table (`VirtualHost "x" { ... }`, which Prosody
   * applies when the header runs, so the section's own statements override them).
   */
  options: SettingItem[];
  /**
   * The header's option table, when it has one. Prosody returns to the global section after it,
   * so the statements that follow such a header are global ones.
   */
  optionTable?: TableConstructorExpression;
  /** Where the section's text starts (its attached comment lines included) and ends (the next section's start). */
  start: number;
  end: number;
  items: Item[];
}

/** The Prosody a config is for: '0.12' (what Debian 12 ships) or '13'. */
export type ProsodyVersion = '0.12' | '13';

export interface Model {
  text: string;
  /** The Prosody the caller said the config is for: only for '13' do edits write Prosody 13's syntax. */
  prosody: ProsodyVersion;
  sections: Section[];
  comments: Comment[];
  /** The parser's tree: its statements are the sections' headers and items, in file order. */
  chunk: Chunk;
  /**
   * What is read from the model once and kept with it (its reading, its style), by a slot of the
   * module that reads it: a model never changes, so it holds for the model's life, and it goes with
   * the model. Not what the model says: never compared.
   */
  memo: ModelMemo;
}

/** A model's memo (see Model.memo): each reader keeps its own slot. */
export type ModelMemo = Record<symbol, unknown>;

const HOST_KEYWORDS = new Set(['VirtualHost', 'Host', 'host']);
const COMPONENT_KEYWORDS = new Set(['Component', 'component']);

interface Header {
  kind: 'VirtualHost' | 'Component';
  keyword: string;
  name?: string;
  type?: string;
  options?: TableConstructorExpression;
  quote?: '"' | "'";
}

/** Unwinds `Component "x" "muc"` (nested string calls) to its keyword and string arguments. */
function headerOf(statement: Statement): Header | undefined {
  if (statement.type !== 'CallStatement') return undefined;
  // The calls from the outermost (the last argument) in: `f "a" "b"` is ((f "a") "b").
  const calls: Expression[] = [];
  let node: Expression = statement.expression;
  while (node.type === 'StringCallExpression' || node.type === 'CallExpression' || node.type === 'TableCallExpression') {
    calls.push(node);
    node = node.base;
  }
  if (node.type !== 'Identifier') return undefined;
  const kind = HOST_KEYWORDS.has(node.name) ? 'VirtualHost' : COMPONENT_KEYWORDS.has(node.name) ? 'Component' : undefined;
  if (!kind || calls.length === 0) return undefined;
  const args: (string | undefined)[] = [];
  let options: TableConstructorExpression | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i]!;
    const a = call.type === 'StringCallExpression' ? call.argument : call.type === 'CallExpression' && call.arguments.length === 1 ? call.arguments[0] : undefined;
    if (i === calls.length - 1 && a?.type === 'StringLiteral' && (a.raw[0] === '"' || a.raw[0] === "'")) quote = a.raw[0];
    if (call.type === 'StringCallExpression' || call.type === 'CallExpression') {
      args.push(a?.type === 'StringLiteral' ? latin1ToUtf8(a.value) : undefined);
    } else if (call.type === 'TableCallExpression') {
      args.push(undefined);
      options ??= call.arguments as TableConstructorExpression;
    }
  }
  const header: Header = { kind, keyword: node.name };
  const name = args[0];
  if (name !== undefined) header.name = name.toLowerCase();
  if (kind === 'Component' && args[1] !== undefined) header.type = args[1];
  if (options) header.options = options;
  if (quote) header.quote = quote;
  return header;
}

/**
 * The append statement `key:append { … }` / `key { … }` (chains of both), or undefined for any
 * other statement. Every call must take a table constructor: anything else is no append Prosody
 * can run (it stops with "Invalid syntax - missing '=' perhaps?"), and stays an opaque statement.
 */
function appendOf(statement: Statement): { key: string; calls: AppendCall[] } | undefined {
  if (statement.type !== 'CallStatement') return undefined;
  const calls: AppendCall[] = [];
  let node: Expression = statement.expression;
  while (node.type === 'CallExpression' || node.type === 'TableCallExpression' || node.type === 'StringCallExpression') {
    const table = node.type === 'TableCallExpression' ? node.arguments : node.type === 'CallExpression' ? node.arguments[0] : undefined;
    if (table?.type !== 'TableConstructorExpression') return undefined;
    const base: Expression = node.base;
    if (base.type === 'MemberExpression' && base.indexer === ':' && base.identifier.name === 'append') {
      calls.push({ form: 'append', table, call: node });
      node = base.base;
    } else {
      calls.push({ form: 'call', table, call: node });
      node = base;
    }
  }
  if (node.type !== 'Identifier' || calls.length === 0 || settingNameProblem(node.name) !== undefined) return undefined;
  return { key: node.name, calls: calls.reverse() };
}

/**
 * Pulls a header's start back over the comment lines directly above it (lines holding only a
 * `--` comment; a blank line or code stops it).
 */
function attachComments(text: string, headerStart: number, floor: number): number {
  let start = lineStart(text, headerStart);
  if (text.slice(start, headerStart).trim() !== '') return headerStart; // code before the header on its line
  for (;;) {
    if (start <= floor) return Math.max(start, floor);
    const prevEnd = start - lineBreakBefore(text, start).length; // where the previous line's break starts
    const prevStart = lineStart(text, prevEnd);
    if (prevStart < floor) return start;
    const line = text.slice(prevStart, prevEnd).trim();
    if (!line.startsWith('--') || line.startsWith('--[[') || /^--\[=*\[/.test(line)) return start;
    start = prevStart;
  }
}

/** The `key = value` fields of a header's option table, as settings. */
function optionItems(table: TableConstructorExpression, statement: Statement): SettingItem[] {
  const out: SettingItem[] = [];
  for (const field of table.fields) {
    if (field.type !== 'TableKeyString') continue;
    out.push({ kind: 'setting', key: field.key.name, statement, value: field.value, range: rangeOf(field), option: { table, field } });
  }
  return out;
}

/** The model of `text` (the file, one character per byte). */
export function buildModel(text: string, prosody: ProsodyVersion = '0.12'): Model {
  return modelOf(text, parseLua(text), prosody);
}

/** The model of `text` from its parse. */
export function modelOf(text: string, { chunk, body, comments }: ParsedLua, prosody: ProsodyVersion): Model {
  const global: Section = { kind: 'global', start: 0, end: text.length, items: [], options: [] };
  const sections: Section[] = [global];
  let current = global;
  /** The section opened last (not `current` after `VirtualHost "x" { ... }`), and where the last statement ended. */
  let last = global;
  let floor = 0;
  for (const statement of body) {
    const range = rangeOf(statement);
    const header = headerOf(statement);
    if (header) {
      const start = attachComments(text, range[0], floor);
      last.end = start;
      floor = range[1];
      // Built field by field: an object spread here costs more than the rest of the model.
      const section: Section = {
        kind: header.kind,
        keyword: header.keyword,
        name: header.name,
        type: header.type,
        quote: header.quote,
        header: statement,
        headerRange: range,
        start,
        end: text.length,
        items: [],
        options: header.options ? optionItems(header.options, statement) : [],
        optionTable: header.options,
      };
      sections.push(section);
      last = section;
      // `VirtualHost "x" { ... }`: Prosody's configmanager goes back to the global section.
      current = header.options ? global : section;
      continue;
    }
    floor = range[1];
    if (statement.type === 'AssignmentStatement' && statement.variables.length === 1 && statement.init.length === 1 && statement.variables[0]!.type === 'Identifier') {
      current.items.push({ kind: 'setting', key: statement.variables[0]!.name, statement, value: statement.init[0]!, range });
    } else {
      const append = appendOf(statement);
      current.items.push(append ? { kind: 'append', key: append.key, statement, range, calls: append.calls } : { kind: 'opaque', statement, range });
    }
  }
  // The memo is a field rather than a WeakMap keyed by the model: the collector weighs a weak map's
  // entries on every scavenge, which cost more than the edit itself when each edit makes a model.
  return { text, prosody, sections, comments, chunk, memo: {} };
}
