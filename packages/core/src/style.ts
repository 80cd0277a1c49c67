/**
 * Style detection over the line model of lines.ts: the older names, kept for their callers.
 * Every decision is a majority vote with lines.ts's one tie rule.
 */
import { detectIndentUnit, lineBreakAt, lineIndent, lineStart, majority } from './lines.js';

/** Line ending to use for new lines: LF or CRLF (lines.ts's LineBreak also has the lone CR). */
export type Eol = '\n' | '\r\n';

/**
 * The file's majority of LF and CRLF line ends (`\n` on a tie or when there is none). Lone CRs do
 * not vote: the answer is one of the two this type has. detectLineBreak counts all three.
 */
export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n'; // majority's rule: a tie goes to the preferred `\n`
}

/**
 * The LF or CRLF that ends the line holding `offset`; the file's (detectEol) when that line is the
 * last one or ends with a lone CR. lineBreakNear answers the lone CR too.
 */
export function eolAt(text: string, offset: number): Eol {
  const own = lineBreakAt(text, offset);
  return own === '\n' || own === '\r\n' ? own : detectEol(text);
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
