/**
 * Small helpers over raw text positions: lines (ended by LF, CRLF or a lone CR, as in core's
 * positionAt), and the gaps between list items. Line questions are answered from an index of the
 * line breaks, built once per text, so that each costs a binary search whatever the length of the
 * line (a file may be one long line).
 */
import { tick } from './work.js';

interface LineIndex {
  text: string;
  /** Offsets where line breaks start. */
  starts: number[];
  /** Offsets just after each line break (start + 1, or + 2 for CRLF). */
  ends: number[];
  counts: { '\n': number; '\r\n': number; '\r': number };
}

let cache: LineIndex | undefined;

function index(text: string): LineIndex {
  if (cache?.text === text) return cache;
  tick(text.length);
  const starts: number[] = [];
  const ends: number[] = [];
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      starts.push(i);
      ends.push(i + 1);
      counts['\n']++;
    } else if (c === 13) {
      const crlf = text.charCodeAt(i + 1) === 10;
      starts.push(i);
      ends.push(crlf ? i + 2 : i + 1);
      counts[crlf ? '\r\n' : '\r']++;
      if (crlf) i++;
    }
  }
  cache = { text, starts, ends, counts };
  return cache;
}

/**
 * The number of leading indexes in [0, length) for which `before` holds, where it holds for a
 * prefix of them (a binary search).
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  tick();
  return lo;
}

/** The number of items of the sorted `values` that are at most `x`. */
function countAtMost(values: readonly number[], x: number): number {
  return partitionPoint(values.length, (i) => values[i]! <= x);
}

/** Offset of the first character of the line containing `offset`. */
export function lineStart(text: string, offset: number): number {
  const { ends } = index(text);
  const k = countAtMost(ends, offset);
  return k === 0 ? 0 : ends[k - 1]!;
}

/** Offset of the line break (`\n`, `\r\n` or `\r`) that ends the line containing `offset`. */
export function lineEnd(text: string, offset: number): number {
  const { starts, ends } = index(text);
  // The first break that ends after `offset`; `offset` may be the LF of a CRLF (inside that break).
  const k = countAtMost(ends, offset);
  if (k === starts.length) return text.length;
  return starts[k]! >= offset ? starts[k]! : offset;
}

/** Offset of the first character of the next line (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  if (end === text.length) return end;
  return text.startsWith('\r\n', end) ? end + 2 : end + 1;
}

export function hasNewline(text: string, from: number, to: number): boolean {
  return lineEnd(text, from) < to;
}

/** The line break that ends the line containing `offset`, or the file's most common one. */
export function eolAt(text: string, offset: number): string {
  const end = lineEnd(text, offset);
  if (end < text.length) return text.startsWith('\r\n', end) ? '\r\n' : text[end]!;
  const { counts } = index(text);
  return (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), '\n');
}

/** The spaces and tabs that start the line containing `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return text.slice(start, skipSpaces(text, start));
}

/** Only spaces and tabs between the start of the line and `offset`. */
export function firstOnLine(text: string, offset: number): boolean {
  const start = lineStart(text, offset);
  let p = offset;
  while (p > start && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  tick(offset - p);
  return p === start;
}

export function isBlankLine(text: string, start: number): boolean {
  return skipSpaces(text, start) === lineEnd(text, start);
}

export function skipSpaces(text: string, offset: number): number {
  let p = offset;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  tick(p - offset);
  return p;
}

/**
 * The separating commas in a gap between two list items (a gap holds only whitespace, comments
 * and commas, so a comma inside a comment is never taken for a separator).
 */
export function commasIn(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let p = from;
  while (p < to) {
    if (text.startsWith('//', p)) {
      p = lineEnd(text, p);
    } else if (text.startsWith('/*', p)) {
      const close = text.indexOf('*/', p + 2);
      p = close === -1 ? to : close + 2;
    } else {
      if (text[p] === ',') out.push(p);
      p++;
    }
  }
  tick(to - from);
  return out;
}
