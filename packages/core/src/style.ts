/**
 * Style detection over the line model of lines.ts: the older names, kept for their callers.
 * Every decision is a majority vote with lines.ts's one tie rule.
 */
import { detectIndentUnit, detectLineBreak, lineBreakNear, lineIndent, lineStart, majority, type LineBreak } from './lines.js';

/** Line ending to use for new lines. */
export type Eol = LineBreak;

/** The file's majority line break (`\n`, `\r\n` or a lone `\r`); `\n` on a tie with it or when there is none. */
export function detectEol(text: string): Eol {
  return detectLineBreak(text);
}

/** The line break of the line that contains `offset` (or the file's, when that line has none). */
export function eolAt(text: string, offset: number): Eol {
  return lineBreakNear(text, offset);
}

/**
 * The indentation unit of a text: a tab, or the most common step between the indentation of
 * consecutive non-blank lines (2 and 4 spaces are the usual answers). Default four spaces.
 */
export function detectIndent(text: string): string {
  return detectIndentUnit(text);
}

/** The indentation (spaces and tabs) at the start of the line that contains `offset`. */
export function indentAt(text: string, offset: number): string {
  return lineIndent(text, offset);
}

/** Offset of the first character of the line that contains `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return lineStart(text, offset);
}

export type Quote = "'" | '"';

/**
 * The quote style of a set of string literals, given as their raw source (`'a'`, `"b"`): the
 * majority wins, `fallback` when there are none or on a tie.
 */
export function detectQuote(raws: Iterable<string>, fallback: Quote = "'"): Quote {
  const votes: Quote[] = [];
  for (const raw of raws) {
    if (raw.startsWith("'")) votes.push("'");
    else if (raw.startsWith('"')) votes.push('"');
  }
  return majority(votes, fallback)!;
}
