/** Line ending to use for new lines: the file's majority, LF when it has none. */
export type Eol = '\n' | '\r\n';

export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The line ending of the line that contains `offset` (or the file's, when that line has none). */
export function eolAt(text: string, offset: number): Eol {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return detectEol(text);
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/**
 * The indentation unit of a text: a tab, or the most common step between the indentation of
 * consecutive non-blank lines (2 and 4 spaces are the usual answers). Default four spaces.
 */
export function detectIndent(text: string): string {
  const lines = text.split(/\r?\n/);
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const m = /^[ \t]*/.exec(line)![0];
    if (m.startsWith('\t')) {
      tabs++;
      continue;
    }
    if (m.length > 0) spaces++;
    const step = m.length - previous;
    if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = m.length;
  }
  if (tabs > spaces) return '\t';
  let best = 4;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return ' '.repeat(best);
}

/** The indentation (spaces and tabs) at the start of the line that contains `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = lineStartAt(text, offset);
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Offset of the first character of the line that contains `offset`. */
export function lineStartAt(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

export type Quote = "'" | '"';

/**
 * The quote style of a set of string literals, given as their raw source (`'a'`, `"b"`): the
 * majority wins, `fallback` when there are none or a tie.
 */
export function detectQuote(raws: Iterable<string>, fallback: Quote = "'"): Quote {
  let single = 0;
  let double = 0;
  for (const raw of raws) {
    if (raw.startsWith("'")) single++;
    else if (raw.startsWith('"')) double++;
  }
  if (single === double) return fallback;
  return single > double ? "'" : '"';
}
