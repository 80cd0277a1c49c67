/**
 * Scanning of raw JavaScript text between the nodes the parser gives: spaces, and the separating
 * commas in the gap between two list items. Line questions (line start and end, line breaks,
 * indentation) are core's LineIndex, kept in the snapshot's model.
 */
import type { LineIndex } from '@jitsi-confkit/core';
import { tick } from './work.js';

/** A range of the text: [start, end). */
export interface Span {
  start: number;
  end: number;
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

/** Whether a line ends between `from` and `to`. */
export function hasNewline(lines: LineIndex, from: number, to: number): boolean {
  tick();
  return lines.lineEnd(from) < to;
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
export function commasIn(lines: LineIndex, from: number, to: number): number[] {
  const text = lines.text;
  const out: number[] = [];
  let p = from;
  while (p < to) {
    if (text.startsWith('//', p)) {
      p = lines.lineEnd(p);
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
