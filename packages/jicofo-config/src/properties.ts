/**
 * Java .properties files (sip-communicator.properties), read as java.util.Properties reads them:
 * `#` and `!` comment lines, blank lines, `=`, `:` or whitespace between key and value, backslash
 * escapes and line continuations. The document keeps every byte; edits splice the text.
 */
import {
  applyEdits,
  composeEdits,
  ConfigSyntaxError,
  detectEol,
  InputText,
  printable,
  reportInInputUnits,
  UnsupportedEditError,
  ValidationError,
  type ConfigInput,
  type InputOptions,
  type SourcePosition,
  type TextEdit,
} from '@jitsi-confkit/core';
import { work } from './work.js';

interface Entry {
  key: string;
  value: string;
  /** Start of the entry's first line; end after its last line's line break (if any). */
  start: number;
  end: number;
  keyEnd: number;
  valueStart: number;
  /** End of the raw value (before the final line break). */
  valueEnd: number;
}

const SPACE = new Set([' ', '\t', '\f']);
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/;
const KEY = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses a .properties text: a string read with 'utf8', a 'latin1' string with `{ encoding: 'latin1' }`,
 * or bytes (core's input contract). Throws ConfigSyntaxError on binary data or a malformed `\uXXXX` escape.
 */
export function parseProperties(input: ConfigInput, options?: InputOptions): PropertiesDocument {
  return new PropertiesDocument(input, options);
}

/** The length of the line break that ends just before `at` (0 when there is none). */
function eolBefore(text: string, at: number): number {
  if (text[at - 1] === '\n') return text[at - 2] === '\r' ? 2 : 1;
  return text[at - 1] === '\r' ? 1 : 0;
}

function isEol(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function eolLength(text: string, i: number): number {
  return text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
}

interface Scan {
  entries: Entry[];
  /** The last occurrence of each key (the one java.util.Properties keeps), in order of first appearance. */
  effective: Map<string, Entry>;
  /** True when the text ends inside a continuation (a last line ending in `\\`), so a line added after it would join it. */
  open: boolean;
}

function skipSpaces(text: string, pos: number): number {
  while (SPACE.has(text[pos] ?? '')) {
    work.count++;
    pos++;
  }
  return pos;
}

/** Offset after the line that contains `pos`, its line break included. */
function nextLine(text: string, pos: number): number {
  while (pos < text.length && !isEol(text[pos])) {
    work.count++;
    pos++;
  }
  return pos < text.length ? pos + eolLength(text, pos) : pos;
}

/**
 * Splits the text into entries as java.util.Properties' LineReader does (Java 9 and later): a
 * logical line joins physical lines that end in an odd number of backslashes; while it has no
 * characters yet it is still at its start, so after such a continuation a `#` or `!` makes it a
 * comment and a line break makes it blank.
 */
function scan(text: string): Scan {
  const bad = BINARY.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new ConfigSyntaxError(`Unexpected character U+${code} (${bad[0] === '\ufffd' ? 'the file is not valid UTF-8' : 'binary data?'})`, text, bad.index);
  }
  const entries: Entry[] = [];
  let open = false;
  let pos = 0;
  lines: while (pos < text.length) {
    work.count++;
    const start = pos;
    pos = skipSpaces(text, pos);
    const c = text[pos];
    if (c === undefined || isEol(c) || c === '#' || c === '!') {
      pos = nextLine(text, pos);
      continue;
    }
    // The logical line as characters with their offsets, continuations removed.
    const chars: { ch: string; at: number }[] = [];
    open = false;
    /** Where the line break of the last continuation starts: the value ends there when the file does. */
    let continuationEol = -1;
    for (;;) {
      work.count++;
      const ch = text[pos];
      if (ch === undefined || isEol(ch)) break;
      if (ch === '\\') {
        const next = text[pos + 1];
        if (next === undefined) {
          // A backslash that ends the file: Java drops it; the value ends with it (at the end).
          open = true;
          continuationEol = -1;
          pos++;
          break;
        }
        if (isEol(next)) {
          const eol = eolLength(text, pos + 1);
          continuationEol = pos + 1;
          pos += 1 + eol;
          open = true;
          if (chars.length === 0) {
            // Java keeps a backslash and a one-character line break that end the file as the empty key.
            if (pos >= text.length && eol === 1) break;
            pos = skipSpaces(text, pos);
            const first = text[pos];
            if (first === undefined) continue lines;
            if (isEol(first) || first === '#' || first === '!') {
              open = false;
              pos = nextLine(text, pos);
              continue lines;
            }
          } else {
            pos = skipSpaces(text, pos);
          }
          continue;
        }
        chars.push({ ch, at: pos }, { ch: next, at: pos + 1 });
        pos += 2;
        open = false;
        continue;
      }
      chars.push({ ch, at: pos });
      pos++;
      open = false;
    }
    const valueEnd = pos >= text.length && continuationEol !== -1 && open ? continuationEol : pos;
    if (pos < text.length) {
      pos += eolLength(text, pos);
      open = false;
    }
    let i = 0;
    while (i < chars.length) {
      work.count++;
      const ch = chars[i]!.ch;
      if (ch === '\\') i += 2;
      else if (ch === '=' || ch === ':' || SPACE.has(ch)) break;
      else i++;
    }
    const keyChars = chars.slice(0, i);
    while (i < chars.length && SPACE.has(chars[i]!.ch)) i++;
    if (i < chars.length && (chars[i]!.ch === '=' || chars[i]!.ch === ':')) i++;
    while (i < chars.length && SPACE.has(chars[i]!.ch)) i++;
    const keyEnd = keyChars.length > 0 ? keyChars[keyChars.length - 1]!.at + 1 : start;
    entries.push({
      key: unescape(text, keyChars),
      value: unescape(text, chars.slice(i)),
      start,
      end: pos,
      keyEnd,
      // An empty value starts after the separator (or the key): a backslash that ends the file
      // after it is then part of the value's span, and goes when the value is set.
      valueStart: i < chars.length ? chars[i]!.at : i > keyChars.length ? chars[i - 1]!.at + 1 : Math.min(keyEnd, valueEnd),
      valueEnd,
    });
  }
  const effective = new Map<string, Entry>();
  for (const e of entries) effective.set(e.key, e);
  return { entries, effective, open };
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string, chars: { ch: string; at: number }[]): string {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    work.count++;
    const { ch, at } = chars[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = chars[++i];
    if (next === undefined) break;
    if (next.ch === 'u') {
      const hex = chars.slice(i + 1, i + 5).map((c) => c.ch).join('');
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ConfigSyntaxError('Malformed \\uxxxx escape', text, at);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next.ch] ?? next.ch;
    }
  }
  return out;
}

/** Escapes a value so that java.util.Properties reads it back exactly; ASCII output. */
export function escapePropertyValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (i === 0 && (c === ' ' || c === '=' || c === ':' || c === '#' || c === '!')) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/**
 * A .properties document that keeps every byte of its input. A key set twice takes its last
 * value (as java.util.Properties does); set() edits that occurrence, delete() removes them all.
 */
export class PropertiesDocument {
  /** The caller's input: what offsets count, what toString() and toBytes() give. */
  readonly #input: InputText;
  readonly #original: string;
  #text: string;
  #scan: Scan;
  #edits: TextEdit[] = [];

  constructor(input: ConfigInput, options: InputOptions = {}) {
    this.#input = InputText.read(input, options, 'text', 'parseProperties');
    const text = this.#input.text;
    this.#original = text;
    this.#text = text;
    this.#scan = this.#input.guard(() => text, () => scan(text));
  }

  static {
    // Errors of every method give positions in the caller's units (bytes for a Buffer).
    reportInInputUnits(this, (doc) => ({ input: doc.#input, current: doc.#text }));
  }

  get #entries(): Entry[] {
    return this.#scan.entries;
  }

  get changed(): boolean {
    return this.#text !== this.#original;
  }

  /** The edits that turn the original input into toString(), against the original text. */
  get edits(): TextEdit[] {
    return this.#input.edits(this.#edits);
  }

  /** The current text, as the same kind of string as the input. */
  toString(): string {
    return this.#input.toString(this.#text);
  }

  /** The current file's bytes; for bytes given, those bytes when nothing was changed. */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.#text);
  }

  /** The keys, each once, in order of first appearance. */
  keys(): string[] {
    return [...this.#scan.effective.keys()];
  }

  /** The decoded value of `key` (its last occurrence), or undefined. */
  get(key: string): string | undefined {
    return this.#effective(key)?.value;
  }

  has(key: string): boolean {
    return this.#effective(key) !== undefined;
  }

  /** Position of the value of `key` (its last occurrence). */
  locate(key: string): SourcePosition | undefined {
    const e = this.#effective(key);
    return e === undefined ? undefined : this.#input.position(this.#text, e.valueStart);
  }

  /** Sets `key` to `value`: edits the last occurrence, or appends `key=value` in the file's style. */
  set(key: string, value: string): this {
    validateKey(key);
    if (typeof value !== 'string') throw new ValidationError(`Invalid value for ${key}: expected a string`);
    const text = this.#text;
    const entry = this.#effective(key);
    const encoded = escapePropertyValue(value);
    let edit: TextEdit | undefined;
    if (entry !== undefined) {
      if (entry.value === value) return this;
      const separator = entry.valueStart === entry.keyEnd ? this.#separator() : '';
      edit = { offset: entry.valueStart, length: entry.valueEnd - entry.valueStart, content: separator + encoded };
    } else {
      const eol = detectEol(text);
      const endsWithEol = text.length === 0 || isEol(text[text.length - 1]);
      // A blank line closes a continuation that the last line leaves open, so the new line stays its own.
      const lead = (endsWithEol ? '' : eol) + (this.#scan.open ? eol : '');
      edit = { offset: text.length, length: 0, content: `${lead}${key}${this.#separator()}${encoded}${endsWithEol ? eol : ''}` };
    }
    this.#commit([[edit]], key, value);
    return this;
  }

  /** Removes every occurrence of `key` with its line(s). No-op when absent. */
  delete(key: string): this {
    validateKey(key);
    const text = this.#text;
    // Whole lines of every occurrence; occurrences on adjacent lines go as one span.
    const spans: { offset: number; end: number }[] = [];
    for (const e of this.#entries.filter((entry) => entry.key === key)) {
      const last = spans[spans.length - 1];
      if (last !== undefined && e.start <= last.end) last.end = Math.max(last.end, e.end);
      else spans.push({ offset: e.start, end: e.end });
    }
    const edits = spans.map((s): TextEdit => ({ offset: s.offset, length: s.end - s.offset, content: '' }));
    const last = edits[edits.length - 1];
    if (last === undefined || last.offset + last.length < text.length || last.offset === 0) {
      this.#commit([edits], key, undefined);
      return this;
    }
    // The last entry of the file: the line breaks before it go too where set() added them (one
    // that ended the line before, when this one has none; a blank line that closed a continuation
    // left open at the end of the file). Removing just the entry is the fallback.
    let cut = last.offset;
    const finalEol = isEol(text[text.length - 1]);
    if (!finalEol) cut -= eolBefore(text, cut);
    // The line break left at the end now: a blank line that closes an open continuation (when
    // the file ended with a line break), or the end of the open line itself (when it did not).
    const eol = eolBefore(text, cut);
    if (eol > 0 && (eolBefore(text, cut - eol) > 0) === finalEol && scan(text.slice(0, cut - eol)).open) cut -= eol;
    const tidy = edits.slice(0, -1).filter((e) => e.offset + e.length < cut);
    const joined = edits.find((e) => e !== last && e.offset + e.length >= cut);
    const from = Math.min(cut, joined?.offset ?? cut);
    tidy.push({ offset: from, length: text.length - from, content: '' });
    this.#commit(cut === last.offset ? [edits] : [tidy, edits], key, undefined);
    return this;
  }

  #effective(key: string): Entry | undefined {
    return this.#scan.effective.get(key);
  }

  /** The file's usual separator (`=`, ` = `, `:`, ` `); `=` when it has none. */
  #separator(): string {
    const counts = new Map<string, number>();
    for (const e of this.#entries) {
      work.count++;
      if (e.valueStart === e.keyEnd) continue;
      const raw = this.#text.slice(e.keyEnd, e.valueStart);
      if (/[\\\r\n]/.test(raw)) continue;
      counts.set(raw, (counts.get(raw) ?? 0) + 1);
    }
    let best = '=';
    let bestCount = 0;
    for (const [raw, n] of counts) {
      if (n > bestCount) {
        best = raw;
        bestCount = n;
      }
    }
    return best;
  }

  /**
   * Applies `edits` after reading the result back: `key` must read `value` (undefined: absent),
   * every other key as before. Each candidate edit list is tried in turn; the first that passes is
   * applied, else the first one's refusal is thrown and nothing changes.
   */
  #commit(candidates: TextEdit[][], key: string, value: string | undefined): void {
    let refusal: UnsupportedEditError | undefined;
    for (const edits of candidates) {
      if (edits.length === 0) return;
      const next = applyEdits(this.#text, edits);
      const probe = new PropertiesDocument(next);
      const problem = this.#readBack(probe, key, value);
      if (problem === undefined) {
        this.#edits = composeEdits(this.#original, this.#edits, edits);
        this.#text = next;
        this.#scan = probe.#scan;
        return;
      }
      refusal ??= problem;
    }
    throw refusal!;
  }

  /** Why `probe` is not this document with `key` set to `value`, or undefined when it is. */
  #readBack(probe: PropertiesDocument, key: string, value: string | undefined): UnsupportedEditError | undefined {
    if (probe.get(key) !== value) return new UnsupportedEditError(`Editing ${key} did not give the intended value when read back; the file was left unchanged`);
    const before = this.#scan.effective;
    const after = probe.#scan.effective;
    for (const [other, entry] of after) {
      work.count++;
      if (other !== key && before.get(other)?.value !== entry.value) return changedToo(key, other);
    }
    for (const [other, entry] of before) {
      work.count++;
      if (other !== key && after.get(other)?.value !== entry.value) return changedToo(key, other);
    }
    return undefined;
  }
}

function changedToo(key: string, other: string): UnsupportedEditError {
  return new UnsupportedEditError(`Editing ${key} would change the value of "${printable(other)}" too; the file was left unchanged`);
}

function validateKey(key: string): void {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new ValidationError(`Invalid property key "${printable(String(key))}": use letters, digits, '.', '_' and '-'`);
  }
}
