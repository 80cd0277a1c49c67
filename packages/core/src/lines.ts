/**
 * The one line model of jitsi-confkit. A line ends at `\n`, at `\r\n` or at a lone `\r` (as in
 * positionAt, and as JavaScript, Lua, HOCON and java.util.Properties all read them). A line's
 * break belongs to that line: an offset that points into the break (at the `\r` or the `\n` of a
 * `\r\n`) is on the line the break ends. The last line has no break ('').
 *
 * Style is decided by votes with one tie rule (see majority): the most votes win; a tie goes to
 * the preferred value when it is among the tied ones, else to the tied value seen first.
 */

/** A line break as it appears in a text. */
export type LineBreak = '\n' | '\r\n' | '\r';

const LF = 10;
const CR = 13;

/** Offset of the first character of the line that holds `offset`. */
export function lineStart(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) return i + 1;
  }
  return 0;
}

/** Offset where the break that ends the line holding `offset` starts (`text.length` on the last line). */
export function lineEnd(text: string, offset: number): number {
  // The `\n` of a `\r\n`: the break started one character earlier.
  if (offset > 0 && text.charCodeAt(offset) === LF && text.charCodeAt(offset - 1) === CR) return offset - 1;
  for (let i = Math.max(0, offset); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return text.length;
}

/** Offset of the first character of the line after the one holding `offset` (`text.length` on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  return end + breakLength(text, end);
}

/** The break that ends the line holding `offset`; '' on the last line. */
export function lineBreakAt(text: string, offset: number): LineBreak | '' {
  return breakAt(text, lineEnd(text, offset));
}

/** The break that ends just before `offset` (a line start); '' when `offset` does not follow one. */
export function lineBreakBefore(text: string, offset: number): LineBreak | '' {
  const c = text.charCodeAt(offset - 1);
  if (c === LF) return text.charCodeAt(offset - 2) === CR ? '\r\n' : '\n';
  // A `\r` followed by `\n` is the first half of a `\r\n`: `offset` is inside that break.
  if (c === CR && text.charCodeAt(offset) !== LF) return '\r';
  return '';
}

/**
 * The break to write after a new line placed near `offset`: the break of the line holding
 * `offset`, or the text's own (detectLineBreak) when that line is the last one and has none.
 */
export function lineBreakNear(text: string, offset: number): LineBreak {
  return lineBreakAt(text, offset) || detectLineBreak(text);
}

/** The spaces and tabs that start the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return text.slice(start, skipBlanks(text, start));
}

/** The offset of the first character at or after `offset` that is not a space or a tab. */
function skipBlanks(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  return end;
}

/** Whether only spaces and tabs lie between the start of its line and `offset`. */
export function isFirstOnLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether the line holding `offset` holds only spaces and tabs. */
export function isBlankLine(text: string, offset: number): boolean {
  return skipBlanks(text, lineStart(text, offset)) === lineEnd(text, offset);
}

/** Whether the text's last line is empty, i.e. the text ends with a break (false for ''). */
export function endsWithLineBreak(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === LF || c === CR;
}

/** The start offset of every line, in order (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) starts.push(i + 1);
  }
  return starts;
}

/**
 * The line breaks of one text, found once (O(n)), so that each line question costs a binary
 * search whatever the length of the line: a file may be one long line, where scanning to its ends
 * for every node would be quadratic. Same answers as the functions above; a kind that asks many
 * line questions keeps one in its parse of the snapshot.
 */
export class LineIndex {
  readonly text: string;
  /** Where each break starts, and the offset just after it. */
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  readonly #first: LineBreak[] = [];

  constructor(text: string) {
    this.text = text;
    const starts = this.#starts;
    const ends = this.#ends;
    // indexOf jumps from break to break (a native scan, several times faster than a loop over
    // every character); a text without a CR never looks for one again.
    let cr = text.indexOf('\r');
    for (let i = 0; ;) {
      let lf = text.indexOf('\n', i);
      if (lf === -1) lf = text.length;
      if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
      const at = cr !== -1 && cr < lf ? cr : lf;
      if (at >= text.length) break;
      const kind: LineBreak = at === lf ? '\n' : text.charCodeAt(at + 1) === LF ? '\r\n' : '\r';
      starts.push(at);
      i = kind === '\r\n' ? at + 2 : at + 1;
      ends.push(i);
      if (this.#counts[kind]++ === 0) this.#first.push(kind);
    }
  }

  /** How many lines the text has (one more than its breaks). */
  get lines(): number {
    return this.#starts.length + 1;
  }

  /** The 1-based line that holds `offset`. */
  lineOf(offset: number): number {
    return this.#endsAtMost(offset) + 1;
  }

  lineStart(offset: number): number {
    const k = this.#endsAtMost(offset);
    return k === 0 ? 0 : this.#ends[k - 1]!;
  }

  lineEnd(offset: number): number {
    const k = this.#endsAtMost(offset);
    return k === this.#starts.length ? this.text.length : this.#starts[k]!;
  }

  nextLineStart(offset: number): number {
    const k = this.#endsAtMost(offset);
    return k === this.#ends.length ? this.text.length : this.#ends[k]!;
  }

  lineBreakAt(offset: number): LineBreak | '' {
    const k = this.#endsAtMost(offset);
    if (k === this.#starts.length) return '';
    return this.text.slice(this.#starts[k], this.#ends[k]) as LineBreak;
  }

  lineBreakNear(offset: number): LineBreak {
    return this.lineBreakAt(offset) || this.detectLineBreak();
  }

  /** The spaces and tabs that start the line holding `offset`. */
  lineIndent(offset: number): string {
    const start = this.lineStart(offset);
    return this.text.slice(start, skipBlanks(this.text, start));
  }

  /** Whether the line holding `offset` holds only spaces and tabs. */
  isBlankLine(offset: number): boolean {
    return skipBlanks(this.text, this.lineStart(offset)) === this.lineEnd(offset);
  }

  /** detectLineBreak of the text, from the counts. */
  detectLineBreak(): LineBreak {
    // majority's rule over the counts: `\n` keeps a tie; else the first kind seen with the most.
    let best: LineBreak = '\n';
    for (const kind of this.#first) if (this.#counts[kind] > this.#counts[best]) best = kind;
    return best;
  }

  /** How many breaks end before or at `offset`, counting one that `offset` is inside as not ended. */
  #endsAtMost(offset: number): number {
    const ends = this.#ends;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The value with the most votes. A tie goes to `preferred` when it is one of the tied values,
 * else to the tied value whose first vote came first. No votes: `preferred` (undefined when none
 * is given). This is the one tie rule of every style decision in jitsi-confkit: it never picks a
 * style the text does not use when the text uses one, and a text that is undecided between the
 * house default and another style keeps the default.
 */
export function majority<T>(votes: Iterable<T>, preferred?: T): T | undefined {
  const counts = new Map<T, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = preferred;
  let bestCount = 0;
  // Map iteration follows first insertion: a strictly larger count is needed to displace an
  // earlier value, so among tied values the first seen stays (unless `preferred` is tied).
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value === preferred)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** The break most lines of the text end with (majority, preferring `\n`); `\n` when it has none. */
export function detectLineBreak(text: string): LineBreak {
  return majority(lineBreaks(text), '\n')!;
}

/** Every line break of the text, in order. */
function* lineBreaks(text: string): Generator<LineBreak> {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) yield '\n';
    else if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        i++;
        yield '\r\n';
      } else yield '\r';
    }
  }
}

/**
 * The indentation unit of a text: a tab when more indented lines start with a tab than with a
 * space, else the step (in spaces) that most often separates the indentation of a non-blank line
 * from the one before it. The steps vote narrowest first, so a tie goes to the narrowest (a wider
 * step is often two levels at once). `fallback` (four spaces by default) when nothing is indented.
 */
export function detectIndentUnit(text: string, fallback = '    '): string {
  let tabs = 0;
  let spaces = 0;
  const steps: number[] = [];
  let previous = 0;
  const starts = lineStarts(text);
  for (const start of starts) {
    let end = start;
    while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
    if (text.slice(end, lineEnd(text, end)).trim() === '') continue; // a blank line (whitespace only)
    if (end > start && text.charCodeAt(start) === 9) {
      tabs++;
      continue;
    }
    const width = end - start;
    if (width > 0) spaces++;
    if (width > previous) steps.push(width - previous);
    previous = width;
  }
  if (tabs > spaces) return '\t';
  const step = majority(steps.sort((a, b) => a - b));
  return step === undefined ? fallback : ' '.repeat(step);
}

function breakLength(text: string, end: number): number {
  if (end >= text.length) return 0;
  return text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1;
}

function breakAt(text: string, end: number): LineBreak | '' {
  const length = breakLength(text, end);
  return length === 0 ? '' : length === 2 ? '\r\n' : text.charCodeAt(end) === CR ? '\r' : '\n';
}
