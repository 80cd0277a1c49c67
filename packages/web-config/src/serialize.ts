import { isIdentifier, jsString, type TextEdit } from '@jitsi-confkit/core';
import type { FileStyle } from './style.js';
import type { JsValue } from './values.js';

/** What may not appear in text written into a file that is inlined in `<script>` through SSI. */
export const SCRIPT_CLOSERS = /<\/(?:script|style)|<!--/gi;
const SCRIPT_CONTEXT = /^(?:<\/(?:script|style)|<!--)/i;

/** An object key as the file would write it: bare when it is an identifier, quoted otherwise. */
export function keyText(key: string, style: FileStyle): string {
  return isIdentifier(key) ? key : jsString(key, style.quote);
}

/**
 * JavaScript source for a value, in the file's style. `indent` is the indentation of the line the
 * value starts on; nested objects and arrays of objects are indented one unit deeper per level.
 * Every string goes through jsString, so no value can leave its literal.
 */
export function serializeValue(value: JsValue, style: FileStyle, indent: string, eol: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return jsString(value, style.quote);
  // String(-0) is '0': write the sign, so that -0 reads back as -0 (Object.is).
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  const inner = indent + style.unit;
  const close = `${style.trailingComma ? ',' : ''}${eol}${indent}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return `[${style.pad}${value.map((v) => serializeValue(v, style, indent, eol)).join(', ')}${style.pad}]`;
    }
    return `[${eol}${value.map((v) => inner + serializeValue(v, style, inner, eol)).join(`,${eol}`)}${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{${eol}${entries.map(([k, v]) => `${inner}${keyText(k, style)}: ${serializeValue(v, style, inner, eol)}`).join(`,${eol}`)}${close}}`;
}

/**
 * A template literal without substitutions for `value`, for a string that replaces one (so that a
 * multi-line script keeps its lines). `\`, the backtick, `${`, CR (which a template would read
 * as LF), other control characters and lone surrogates are escaped, so it can never leave its
 * literal; so is the `<` of `</script`, `</style` and `<!--` (as `\x3C`), so it can neither close
 * the `<script>` element the file is inlined in nor hold an SSI command. A line feed is written as
 * `eol` (a template reads CRLF as LF).
 */
export function templateString(value: string, eol = '\n'): string {
  let out = '`';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    if (surrogate && code <= 0xdbff && i + 1 < value.length && /[\udc00-\udfff]/.test(value[i + 1]!)) {
      out += ch + value[++i]!;
    } else if (ch === '<' && SCRIPT_CONTEXT.test(value.slice(i, i + 8))) {
      out += '\\x3C';
    } else if (ch === '\\' || ch === '`' || (ch === '$' && value[i + 1] === '{')) {
      out += `\\${ch}`;
    } else if (ch === '\n') {
      out += eol;
    } else if (surrogate || (code < 0x20 && ch !== '\t') || code === 0x7f) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}\``;
}

/** JavaScript source for a value on one line: `{ a: 1, b: [ 'x' ] }` (`braces` is the space inside `{ }`). */
export function serializeInline(value: JsValue, style: FileStyle, braces: '' | ' '): string {
  if (value === null || typeof value !== 'object') return serializeValue(value, style, '', '');
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[${style.pad}${value.map((v) => serializeInline(v, style, braces)).join(', ')}${style.pad}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{${braces}${entries.map(([k, v]) => `${keyText(k, style)}: ${serializeInline(v, style, braces)}`).join(', ')}${braces}}`;
}

/** `{ a: { b: value } }` for keys ['a', 'b'], or the value itself for no keys. */
export function nest(keys: readonly string[], value: JsValue): JsValue {
  return keys.reduceRight<JsValue>((inner, key) => ({ [key]: inner }), value);
}

/**
 * The offset (in the edited text) of a `</script`, `</style` or `<!--` that applying `edits` to
 * `before` creates: one that overlaps inserted text, or spans the place where text was removed.
 * Every string is escaped for this already; this checks the joins between new and old text too.
 * It looks only at a few characters around each edit (built from `before`, which is flat, rather
 * than sliced out of the edited text, which would copy all of it).
 */
export function newScriptCloser(before: string, edits: readonly TextEdit[]): number | undefined {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const REACH = 8;
  let delta = 0;
  for (let i = 0; i < sorted.length;) {
    // Edits closer than twice the reach share one window.
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.offset - (sorted[j]!.offset + sorted[j]!.length) < 2 * REACH) j++;
    const lo = Math.max(0, sorted[i]!.offset - REACH);
    let window = '';
    let at = lo;
    const inserted: [number, number][] = [];
    for (let k = i; k <= j; k++) {
      const e = sorted[k]!;
      window += before.slice(at, e.offset);
      inserted.push([window.length, window.length + e.content.length]);
      window += e.content;
      at = e.offset + e.length;
    }
    window += before.slice(at, at + REACH);
    for (const m of window.matchAll(SCRIPT_CLOSERS)) {
      if (inserted.some(([s, e]) => m.index < e && m.index + m[0].length > s)) return lo + delta + m.index;
    }
    for (let k = i; k <= j; k++) delta += sorted[k]!.content.length - sorted[k]!.length;
    i = j + 1;
  }
  return undefined;
}
