/**
 * The reader of Java .properties files (sip-communicator.properties), as java.util.Properties reads
 * them: `#` and `!` comment lines, blank lines, `=`, `:` or whitespace between key and value,
 * backslash escapes and line continuations. The parse keeps each entry's offsets, so planners
 * splice the text; it is the document kind's parse.
 */
import { ConfigSyntaxError, lineBreakAt, nextLineStart } from '@jitsi-confkit/core';
import { work } from '../work.js';

export interface Entry {
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

export const SPACE = new Set([' ', '\t', '\f']);
// eslint-disable-next-line no-control-regex -- control characters mean binary data: refused with their position
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/;

function isEol(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** The length of the line break that starts at `i` (java.util.Properties reads `\n`, `\r\n` and a lone `\r`, as core's line model does). */
function eolLength(text: string, i: number): number {
  return lineBreakAt(text, i).length;
}

export interface Scan {
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

/**
 * Splits the text into entries as java.util.Properties' LineReader does (Java 9 and later): a
 * logical line joins physical lines that end in an odd number of backslashes; while it has no
 * characters yet it is still at its start, so after such a continuation a `#` or `!` makes it a
 * comment and a line break makes it blank.
 */
export function scan(text: string): Scan {
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
      pos = nextLineStart(text, pos);
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
              pos = nextLineStart(text, pos);
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
      const hex = chars
        .slice(i + 1, i + 5)
        .map((c) => c.ch)
        .join('');
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ConfigSyntaxError('Malformed \\uxxxx escape', text, at);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next.ch] ?? next.ch;
    }
  }
  return out;
}
