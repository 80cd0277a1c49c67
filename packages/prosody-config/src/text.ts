/**
 * Lua-aware text helpers over the file (one character per byte): where a line ends when a block
 * comment runs past it, what a line holds, where significant text resumes. What a line is (its
 * start, its break) is core's line model (`lines.ts`); these only add what Lua's comments change.
 */
import type { Comment, Node } from 'luaparse';
import { lineBreakBefore, lineStart } from '@jitsi-confkit/core';
import { rangeOf } from './lua.js';

/**
 * Offset of the start of the line after the one holding `offset`: past the line's end and its
 * break. A block comment that starts on the line and runs over several lines is skipped as a
 * whole. `text.length` when the line is the last one. `comments` are in file order (as the parser
 * gives them), so the one around a line break is found by binary search.
 */
export function nextLineStartPast(text: string, offset: number, comments: readonly Comment[]): number {
  let i = offset;
  for (;;) {
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    if (i >= text.length) return text.length;
    const inside = commentAround(comments, i);
    if (inside !== undefined) {
      i = rangeOf(inside)[1];
      continue;
    }
    return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
  }
}

/** The index of the first of `nodes` (in file order, none overlapping) that starts at or after `offset`: a binary search. */
export function firstStartingAt(nodes: readonly (Node | Comment)[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rangeOf(nodes[mid]!)[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The comment that starts before `offset` and ends after it, if any. */
export function commentAround(comments: readonly Comment[], offset: number): Comment | undefined {
  // The last comment starting before `offset`: comments do not overlap, so only it can hold it.
  const candidate = comments[firstStartingAt(comments, offset) - 1];
  return candidate !== undefined && rangeOf(candidate)[1] > offset ? candidate : undefined;
}

/** Whether only spaces and tabs lie in [from, to). */
export function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether the line that ends just before `lineStartOffset` is blank (or there is none). */
export function previousLineBlank(text: string, lineStartOffset: number): boolean {
  const eol = lineBreakBefore(text, lineStartOffset);
  if (eol === '') return true;
  const end = lineStartOffset - eol.length;
  return text.slice(lineStart(text, end), end).trim() === '';
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
    const eol = lineBreakBefore(text, pos);
    if (eol === '') return pos;
    const start = lineStart(text, pos - eol.length);
    if (!blank(text, start, pos - eol.length)) return pos;
    if (start === 0) return pos;
    pos = start;
  }
}
