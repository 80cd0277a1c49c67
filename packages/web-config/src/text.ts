/** Small helpers over raw text positions: lines, and the gaps between list items. */

/** Offset of the first character of the line containing `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just before the line break (`\n` or `\r\n`) that ends the line containing `offset`. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Offset of the first character of the next line (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

export function hasNewline(text: string, from: number, to: number): boolean {
  const i = text.indexOf('\n', from);
  return i !== -1 && i < to;
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
