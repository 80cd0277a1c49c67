/**
 * Small helpers over raw text positions: lines (ended by LF, CRLF or a lone CR, as in
 * core's positionAt), and the gaps between list items.
 */

/** Offset of the first character of the line containing `offset`. */
export function lineStart(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) return i + 1;
  }
  return 0;
}

/** Offset of the line break (`\n`, `\r\n` or `\r`) that ends the line containing `offset`. */
export function lineEnd(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
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
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  for (const m of text.matchAll(/\r\n|\n|\r/g)) counts[m[0] as keyof typeof counts]++;
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), '\n');
  return best;
}

/** The spaces and tabs that start the line containing `offset`. */
export function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** Only spaces and tabs between the start of the line and `offset`. */
export function firstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

export function isBlankLine(text: string, start: number): boolean {
  return /^[ \t]*$/.test(text.slice(start, lineEnd(text, start)));
}

export function skipSpaces(text: string, offset: number): number {
  let p = offset;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
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
  return out;
}
