/** luaparse over latin1 text: parsing with byte ranges, literal values, and Lua literal rendering. */
import luaparse from './vendor/luaparse.cjs';
import type { Chunk, Comment, Expression, Node, NumericLiteral, Statement, TableConstructorExpression } from 'luaparse';
import type { NumericLiteralInfo } from './vendor/luaparse.cjs';
import { ConfigSyntaxError, luaString, printable, UnsupportedEditError, ValidationError, type Quote } from '@jitsi-confkit/core';
import { latin1ToUtf8, latin1ToUtf8Strict, utf8ToLatin1 } from './latin1.js';
import { isLuaName } from './names.js';
import { tooManyRegisters } from './registers.js';
import {
  FILE_READERS,
  FileReference,
  fileReferenceProblem,
  HELPER_KINDS,
  OpaqueValue,
  type ConfigValue,
  type FileReader,
  type HelperKind,
  type LuaValue,
  type WritableValue,
} from './value.js';

export type Range = readonly [number, number];

/** The `[start, end)` byte range of a node (luaparse with `ranges: true`). */
export function rangeOf(node: Node | Comment): Range {
  return (node as unknown as { range: Range }).range;
}

export interface ParsedLua {
  chunk: Chunk;
  body: Statement[];
  comments: Comment[];
}

/**
 * The most nesting levels (statements, subexpressions, extra assignment targets, as Lua 5.4's
 * parser counts them) a file may have. Lua stops at 200 C levels, less those its caller holds:
 * luac5.4 accepts 198 levels, load() called from a Lua script 197, and Prosody 196 in a file that
 * its main config includes (the Jitsi per-host files are), which is the limit taken here.
 */
export const MAX_LEVELS = 196;

/**
 * Parses `text` (the file, one character per byte) as Lua 5.4, with ranges and comments. Throws
 * ConfigSyntaxError with line and column where Lua 5.4's own parser refuses it.
 */
export function parseLua(text: string): ParsedLua {
  if (text.startsWith('\xef\xbb\xbf')) {
    // Prosody loads the file's text with load(), which, unlike lua's loadfile, does not skip a BOM.
    throw new ConfigSyntaxError('The file starts with a UTF-8 byte order mark (EF BB BF), which Prosody cannot load: save it without one', text, 0);
  }
  let chunk: Chunk;
  try {
    chunk = luaparse.parse(text, {
      comments: true,
      ranges: true,
      locations: false,
      scope: false,
      // Lua 5.3's grammar, which the vendored parser extends to 5.4's (attributes, \u{} escapes, labels).
      luaVersion: '5.3',
      encodingMode: 'pseudo-latin1',
      maxLevels: MAX_LEVELS,
    });
  } catch (e) {
    const err = e as { message?: string; index?: number };
    if (typeof err.index === 'number') {
      // The source Lua quotes (near '…') as the characters it holds.
      const message = latin1ToUtf8(String(err.message ?? 'syntax error').replace(/^\[\d+:\d+\]\s*/, ''));
      throw new ConfigSyntaxError(`Lua syntax error: ${message}`, text, err.index, { cause: e });
    }
    throw e;
  }
  const registers = tooManyRegisters(chunk);
  if (registers !== undefined) {
    throw new ConfigSyntaxError('Lua syntax error: function or expression needs too many registers (Lua 5.4 has 254 for a function)', text, registers);
  }
  return { chunk, body: chunk.body, comments: chunk.comments ?? [] };
}

/** The literal value of an expression, or undefined when it is not a literal (call, name, `..`, nil). */
export function literalValue(node: Expression): LuaValue | undefined {
  switch (node.type) {
    case 'StringLiteral':
      // A string that is not UTF-8 (a latin1 é, `"\233"`) has no faithful JS value: not a literal here.
      return latin1ToUtf8Strict(node.value);
    case 'NumericLiteral':
      // A numeral a double cannot hold exactly (an integer beyond 2^53) has no faithful JS value.
      return (node as NumericLiteralInfo).inexact ? undefined : node.value;
    case 'BooleanLiteral':
      return node.value;
    case 'UnaryExpression': {
      if (node.operator !== '-' || node.argument.type !== 'NumericLiteral') return undefined;
      const argument = node.argument as NumericLiteral & NumericLiteralInfo;
      if (argument.inexact) return undefined;
      // Lua 5.4: `-0` is the integer 0 (integers have no negative zero); `-0.0` is the float -0.
      if (!argument.isFloat && argument.value === 0) return 0;
      return -argument.value;
    }
    case 'CallExpression':
    case 'StringCallExpression':
      return fileReferenceOf(node);
    case 'TableConstructorExpression': {
      if (node.fields.length === 0) return [];
      if (node.fields.every((f) => f.type === 'TableValue')) {
        const out: LuaValue[] = [];
        for (const f of node.fields) {
          const v = literalValue(f.value);
          if (v === undefined) return undefined;
          out.push(v);
        }
        return out;
      }
      const obj: { [key: string]: LuaValue } = {};
      for (const f of node.fields) {
        let key: string;
        if (f.type === 'TableKeyString') key = f.key.name;
        else if (f.type === 'TableKey' && f.key.type === 'StringLiteral') {
          const k = latin1ToUtf8Strict(f.key.value);
          if (k === undefined) return undefined;
          key = k;
        } else return undefined;
        const v = literalValue(f.value);
        if (v === undefined) return undefined;
        // Defined, not assigned: a Lua key named __proto__ is a key like any other.
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    default:
      return undefined;
  }
}

/**
 * `Credential("name")`, `FileLine "path"`, … (Prosody 13's readers, called with one string literal)
 * as a FileReference; undefined for any other call.
 */
function fileReferenceOf(node: Expression): FileReference | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'StringCallExpression') return undefined;
  const { base } = node;
  if (base.type !== 'Identifier' || !(FILE_READERS as readonly string[]).includes(base.name)) return undefined;
  const args = node.type === 'CallExpression' ? node.arguments : [node.argument];
  if (args.length !== 1 || args[0]!.type !== 'StringLiteral') return undefined;
  const name = latin1ToUtf8Strict(args[0].value);
  const reader = base.name as FileReader;
  if (name === undefined || fileReferenceProblem(reader, name) !== undefined) return undefined;
  return new FileReference(reader, name);
}

/** literalValue, or UnsupportedEditError at the node when the value is not a literal. */
export function requireLiteral(node: Expression, text: string, key: string): LuaValue {
  const v = literalValue(node);
  if (v === undefined) {
    const [start, end] = rangeOf(node);
    // The source as the characters it holds (the text is one character per byte).
    const shown = printable(latin1ToUtf8(text.slice(start, Math.min(end, start + 60))));
    const number = node.type === 'UnaryExpression' ? node.argument : node;
    const why =
      node.type === 'StringLiteral'
        ? 'a string that is not UTF-8'
        : number.type === 'NumericLiteral' && (number as NumericLiteralInfo).inexact
          ? 'an integer that a JavaScript number cannot hold exactly'
          : 'not a literal';
    throw UnsupportedEditError.at(`The value of ${key} is ${why} (${shown}): edit it by hand`, text, start);
  }
  return v;
}

/**
 * A call of one of Prosody 13's helpers (`Credential("x")`, `FileLine 'p'`, …) as its OpaqueValue
 * (`argument` undefined when it is not a literal string); undefined for anything else.
 */
export function helperOf(node: Expression, text: string): OpaqueValue | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'StringCallExpression') return undefined;
  const base = node.base;
  if (base.type !== 'Identifier' || !(HELPER_KINDS as readonly string[]).includes(base.name)) return undefined;
  const arg = node.type === 'StringCallExpression' ? node.argument : node.arguments[0];
  const argument = arg?.type === 'StringLiteral' ? latin1ToUtf8Strict(arg.value) : undefined;
  const [start, end] = rangeOf(node);
  const kind = base.name as HelperKind;
  const source = latin1ToUtf8(text.slice(start, end));
  // One literal argument that is a safe name: a FileReference (the kind of OpaqueValue set can write).
  const args = node.type === 'CallExpression' ? node.arguments.length : 1;
  if (argument !== undefined && args === 1 && fileReferenceProblem(kind, argument) === undefined) return new FileReference(kind, argument, source);
  return new OpaqueValue(kind, argument, source);
}

/** The value an edit may replace: a literal, or a Prosody 13 helper with a literal argument; else UnsupportedEditError. */
export function replaceableValue(node: Expression, text: string, key: string): LuaValue | OpaqueValue {
  const helper = helperOf(node, text);
  if (helper !== undefined && helper.argument !== undefined) return helper;
  return requireLiteral(node, text, key);
}

/**
 * Deep equality of two values (tables compared field by field, lists in order). Two OpaqueValues
 * are equal when they are the same helper of the same argument, however each is written.
 */
export function sameValue(a: ConfigValue | WritableValue | undefined, b: ConfigValue | WritableValue | undefined): boolean {
  // Object.is: -0 and 0 are different values (the float -0.0 and the integer 0 in Lua).
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a instanceof OpaqueValue || b instanceof OpaqueValue) {
    return a instanceof OpaqueValue && b instanceof OpaqueValue && a.kind === b.kind && a.argument !== undefined && a.argument === b.argument;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, ConfigValue>)[k], (b as Record<string, ConfigValue>)[k]));
  }
  return false;
}

export interface LiteralStyle {
  quote: Quote;
  /** Separator between table fields: `,` or `;`. */
  separator: ',' | ';';
  /** Whether Prosody 13's helpers may be written (the caller said the config is for Prosody 13). */
  prosody13?: boolean;
}

/** A keyed table field, `key = value` (`["key"] = value` when the key is not a Lua name). */
export function renderField(key: string, value: WritableValue, style: LiteralStyle, open: Set<object> = new Set()): string {
  const k = isLuaName(key) ? key : `[${luaString(utf8ToLatin1(key), style.quote)}]`;
  return `${k} = ${renderLua(value, style, open)}`;
}

/** The key of a table field written `key = v` or `["key"] = v`; undefined for list items and other keys. */
export function fieldKey(field: TableConstructorExpression['fields'][number]): string | undefined {
  if (field.type === 'TableKeyString') return field.key.name;
  if (field.type === 'TableKey' && field.key.type === 'StringLiteral') return latin1ToUtf8(field.key.value);
  return undefined;
}

/**
 * Lua source for a value, on one line, in the file's quote and separator style. Strings are
 * written as the latin1 form of their UTF-8 bytes and escaped (they can never leave the literal);
 * numbers must be finite; table keys that are not Lua names are written `["key"]`.
 */
export function renderLua(value: WritableValue, style: LiteralStyle, open: Set<object> = new Set()): string {
  if (typeof value === 'string') return luaString(utf8ToLatin1(value), style.quote);
  if (value instanceof OpaqueValue) return renderHelper(value, style);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`Cannot write ${value} into a Prosody config: numbers must be finite`);
    // -0 is a float negative zero: Lua 5.4 reads `-0` as the integer 0, `-0.0` as -0.0.
    return Object.is(value, -0) ? '-0.0' : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value !== null && typeof value === 'object') {
    if (open.has(value)) throw new ValidationError('Cannot write a table that contains itself into a Prosody config');
    open.add(value);
    try {
      return renderTable(value, style, open);
    } finally {
      open.delete(value);
    }
  }
  // Lua has no null: a setting set to nil is not set (delete it instead).
  if (value === null) throw new ValidationError('null is not a Prosody setting; give a string, number, boolean, array or object');
  throw new ValidationError(`Cannot write a value of type ${typeof value} into a Prosody config`);
}

/**
 * `Credential("name")` and the other readers, for a config the caller said is for Prosody 13. The
 * reader and name are checked again (an object that only looks like a FileReference was never
 * validated): a name that is not safe to write (`Credential("../x")`) is refused.
 */
function renderHelper(value: OpaqueValue, style: LiteralStyle): string {
  const reader: unknown = value instanceof FileReference ? value.reader : value.kind;
  const name: unknown = value instanceof FileReference ? value.name : value.argument;
  if (typeof reader !== 'string' || !(FILE_READERS as readonly string[]).includes(reader) || typeof name !== 'string') {
    throw new ValidationError(
      `Cannot write ${printable(String(value.source ?? reader))} into a Prosody config: only Credential, FileContents, FileLine and FileLines with a name are written`,
    );
  }
  if (style.prosody13 !== true) {
    throw new ValidationError(
      `Cannot write ${reader}() into this config: it is Prosody 13 syntax, which Prosody 0.12 cannot load; when the server runs Prosody 13, parse the file with { prosody: '13' }`,
    );
  }
  const reference = new FileReference(reader as FileReader, name);
  return `${reference.reader}(${luaString(utf8ToLatin1(reference.name), style.quote)})`;
}

function renderTable(value: WritableValue[] | { [key: string]: WritableValue }, style: LiteralStyle, open: Set<object>): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '{}';
    return `{ ${value.map((v) => renderLua(v, style, open)).join(`${style.separator} `)} }`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const fields = keys.map((k) => renderField(k, value[k]!, style, open));
  return `{ ${fields.join(`${style.separator} `)} }`;
}
