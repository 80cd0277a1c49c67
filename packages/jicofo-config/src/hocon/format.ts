/**
 * Writing HOCON values and keys: validation of what a caller passes in, and escaping so that no
 * value can leave its literal (a `"`, `}`, newline or `${` in a string stays inside the string).
 */
import { deepEqual, PathError, printable, printableValue, ValidationError } from '@jitsi-confkit/core';
import { HoconSubstitution, type HoconValue } from './model.js';
import { formatNumber } from './number.js';

/** What set() accepts: strings, finite numbers, booleans, and arrays and plain objects of these. */
export type HoconInput = string | number | boolean | readonly HoconInput[] | { readonly [key: string]: HoconInput };

const KEY_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** A path: `jicofo.authentication.enabled`, or its keys as an array (for keys with dots, spaces or quotes). */
export type HoconPath = string | readonly string[];

/**
 * The keys of a path. In the string form each key must be letters, digits, `_` and `-`; the array
 * form takes any keys, as keys() returns them (they are quoted, with escapes, when written).
 */
export function parsePath(path: HoconPath): string[] {
  if (Array.isArray(path)) {
    // Callers in JavaScript may pass anything: each key is checked, not trusted to be a string.
    const keys: readonly unknown[] = path;
    if (keys.length === 0 || !keys.every((k): k is string => typeof k === 'string')) {
      throw new PathError(`Invalid path ${printableValue(path)}: expected a non-empty array of keys (strings)`);
    }
    return [...keys];
  }
  if (typeof path !== 'string' || path === '') throw new PathError('Invalid path: expected a non-empty string such as "jicofo.authentication.enabled"');
  const keys = path.split('.');
  for (const key of keys) {
    if (!KEY_SEGMENT.test(key)) {
      throw new PathError(`Invalid path "${printable(path)}": each key must be letters, digits, _ and - (found "${printable(key)}")`);
    }
  }
  return keys;
}

/** The path as HOCON writes it: plain keys joined by dots, other keys quoted. */
export function pathText(keys: readonly string[]): string {
  return keys.map(formatKey).join('.');
}

export function isPlainObject(v: unknown): v is { readonly [key: string]: HoconInput } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Throws ValidationError unless `value` is a HoconInput. */
export function validateValue(value: unknown, where: string): asserts value is HoconInput {
  if (typeof value === 'string' || typeof value === 'boolean') return;
  // Typesafe Config reads a null as missing (Jicofo's getters throw on it): delete the path instead.
  if (value === null) throw new ValidationError('null is not a jicofo.conf value; give a string, number, boolean, array or object');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`Invalid value for ${where}: ${value} is not a finite number`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => validateValue(v, `${where}[${i}]`));
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) validateValue(v, `${where}.${k}`);
    return;
  }
  throw new ValidationError(`Invalid value for ${where}: expected a string, number, boolean, array or plain object`);
}

const KEYWORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'include']);
const NUMBER_LIKE = /^[-+.0-9]/;
/** Strings HOCON reads back unchanged without quotes (a conservative subset of unquoted text). */
const UNQUOTED_SAFE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
/** The stricter form used for newly inserted values: one word, such as XMPP. */
const UNQUOTED_WORD = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Words separated by single spaces, such as the duration `20 seconds`: HOCON joins them into that string. */
const UNQUOTED_WORDS = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?: [A-Za-z0-9_-][A-Za-z0-9_.-]*)+$/;

/**
 * How a string may be written: `unquoted` where the value it replaces is an unquoted string
 * (`NONE`, `15 seconds`), `word` for new values in a file that writes unquoted strings, `quoted`
 * otherwise.
 */
export type Quoting = 'unquoted' | 'word' | 'quoted';

export function canBeUnquoted(value: string, quoting: Quoting): boolean {
  if (quoting === 'quoted') return false;
  if (quoting === 'unquoted' && UNQUOTED_WORDS.test(value)) return value.split(' ').every((word) => !word.endsWith('.') && !word.includes('..'));
  if (KEYWORDS.has(value.toLowerCase()) || NUMBER_LIKE.test(value)) return false;
  if (value.endsWith('.') || value.includes('..')) return false;
  return (quoting === 'word' ? UNQUOTED_WORD : UNQUOTED_SAFE).test(value);
}

/** A JSON-style quoted string; also escapes DEL, C1 controls and the Unicode line separators. */
export function quoteString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A key as HOCON writes it: plain keys bare, others quoted. `include` is quoted too: bare at the
 * start of a field, Typesafe Config and ruby-hocon read it as an include statement and refuse the file.
 */
export function formatKey(key: string): string {
  return KEY_SEGMENT.test(key) && key !== 'include' ? key : quoteString(key);
}

export interface ValueStyle {
  quoting: Quoting;
  /** `[ "a" ]` (true) or `["a"]`. */
  arrayPadding: boolean;
  /** Separator used inside inline objects, such as ' = ' or ': '. */
  separator: string;
}

/** One-line HOCON text for a value. */
export function formatValue(value: HoconInput, style: ValueStyle): string {
  if (typeof value === 'string') return canBeUnquoted(value, style.quoting) ? value : quoteString(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  const inner: ValueStyle = { ...style, quoting: style.quoting === 'quoted' ? 'quoted' : 'word' };
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v: HoconInput) => formatValue(v, inner)).join(', ');
    return style.arrayPadding ? `[ ${items} ]` : `[${items}]`;
  }
  const fields = Object.entries(value).map(([k, v]) => `${formatKey(k)}${style.separator}${formatValue(v, inner)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/**
 * Whether a value read from the file is `wanted`, a value given to set(): core's deepEqual of the
 * two, once `wanted` is what HOCON reads back (a -0 reads as 0: HOCON numbers have no negative
 * zero). A value that needs resolving is never a given value.
 */
export function readsAs(read: HoconValue | undefined, wanted: HoconInput): boolean {
  return !(read instanceof HoconSubstitution) && deepEqual(read, asRead(wanted));
}

function asRead(value: HoconInput): unknown {
  if (typeof value === 'number') return value + 0;
  if (Array.isArray(value)) return value.map(asRead);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asRead(v)]));
  return value;
}
