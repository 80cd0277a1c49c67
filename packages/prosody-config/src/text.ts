/** Line-level helpers over the latin1 text: where lines end, what a line holds, its indentation. */
import type { Comment } from 'luaparse';
import { rangeOf } from './lua.js';

/**
 * Offset of the start of the line after the one holding `offset`: past the line's end and its
 * EOL. A block comment that starts on the line and runs over several lines is skipped as a whole.
 * `text.length` when the line is the last one.
 */
export function nextLineStart(text: string, offset: number, comments: readonly Comment[]): number {
  let i = offset;
  for (;;) {
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    if (i >= text.length) return text.length;
    const inside = comments.find((c) => rangeOf(c)[0] < i && rangeOf(c)[1] > i);
    if (inside) {
      i = rangeOf(inside)[1];
      continue;
    }
    return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
  }
}

/** The EOL just before `offset` (which is a line start), or '' at the start of the text. */
export function eolBefore(text: string, offset: number): string {
  if (offset >= 2 && text[offset - 2] === '\r' && text[offset - 1] === '\n') return '\r\n';
  if (offset >= 1 && (text[offset - 1] === '\n' || text[offset - 1] === '\r')) return text[offset - 1]!;
  return '';
}

/** Whether the text ends with a line break. */
export function endsWithEol(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}

/** Whether only spaces and tabs lie in [from, to). */
export function blank(text: string, from: number, to: number): boolean {
  return /^[ \t]*$/.test(text.slice(from, to));
}

/** Whether the line that ends just before `lineStartOffset` is blank (or there is none). */
export function previousLineBlank(text: string, lineStartOffset: number): boolean {
  const eol = eolBefore(text, lineStartOffset);
  if (eol === '') return true;
  const end = lineStartOffset - eol.length;
  let start = end;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return text.slice(start, end).trim() === '';
}

/**
 * Whether the statement at [start, end) is alone on its line(s): only indentation before it,
 * and only spaces, `;` and a comment after it.
 */
export function aloneOnLine(text: string, lineStartOffset: number, start: number, end: number, lineEnd: number): boolean {
  if (!blank(text, lineStartOffset, start)) return false;
  const rest = text.slice(end, lineEnd).replace(/[\r\n]+$/, '');
  return /^[ \t;]*(--.*)?$/s.test(rest);
}

/** Start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The first offset at or after `offset` that is not whitespace and not inside a comment. */
export function nextSignificant(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    for (let c = text.charCodeAt(i); c === 32 || (c >= 9 && c <= 13); c = text.charCodeAt(++i));
    if (text.startsWith('--', i)) {
      const long = /^--\[(=*)\[/.exec(text.slice(i, i + 64));
      if (long) {
        const close = text.indexOf(`]${long[1]}]`, i);
        i = close === -1 ? text.length : close + long[1]!.length + 2;
      } else {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      }
      continue;
    }
    return i;
  }
}

/**
 * Where the blank lines at the end of the text start (after the line break of the last line
 * with content); `text.length` when the text does not end with a blank line.
 */
export function trailingBlankStart(text: string): number {
  let pos = text.length;
  for (;;) {
    const eol = eolBefore(text, pos);
    if (eol === '') return pos;
    const start = lineStart(text, pos - eol.length);
    if (!blank(text, start, pos - eol.length)) return pos;
    if (start === 0) return pos;
    pos = start;
  }
}
