/**
 * The tokens of HOCON as Typesafe Config's tokenizer reads them, with their positions: spaces and
 * comments, quoted and triple-quoted strings, and unquoted text (numbers, keywords and words). The
 * parser (parse.ts) extends the Scanner with the structure: members, keys, values, objects, arrays.
 */
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { isNumberToken, NUMBER_RUN } from './number.js';
import type { SimpleToken } from './syntax.js';

/** Characters HOCON forbids in unquoted text (besides whitespace and the start of `//`). */
const FORBIDDEN = new Set('$"{}[]:=,+#`^?!@*&\\');

/**
 * Where a comment that starts at `at` ends: at the next line feed. A carriage return alone does
 * not end it: Typesafe Config and ruby-hocon both read it as a space, anywhere outside strings.
 */
export function commentEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl;
}

/** Whitespace other than a line feed: HOCON's whitespace, a byte order mark and a carriage return included. */
export function isInlineSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff' || c === '\u00a0' || (c !== undefined && c !== '\n' && /\s/.test(c));
}

/** A character as an error message names it. */
export function describe(c: string | undefined): string {
  if (c === undefined) return 'end of file';
  if (c === '\n') return 'end of line';
  return `'${c}'`;
}

/** A position in a HOCON text and the tokens that start there. */
export class Scanner {
  protected pos = 0;

  constructor(protected readonly text: string) {}

  protected peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  protected fail(message: string, offset = this.pos): never {
    throw new ConfigSyntaxError(message, this.text, offset);
  }

  /** Skips spaces and comments, and newlines too when `newlines` is true. */
  protected skipTrivia(newlines: boolean): void {
    for (;;) {
      work.count++;
      const c = this.peek();
      if (isInlineSpace(c) || (newlines && c === '\n')) {
        this.pos++;
      } else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        this.pos = commentEnd(this.text, this.pos);
      } else {
        return;
      }
    }
  }

  protected skipInlineSpace(): void {
    while (isInlineSpace(this.peek())) {
      work.count++;
      this.pos++;
    }
  }

  /**
   * One token of unquoted text, as Typesafe Config's tokenizer reads it, from a token start: a run
   * of number characters when it starts with a digit or `-` (a `+` in it is refused unless the run
   * is a number), `true`, `false` or `null` (`truex` is two tokens), else text up to a character
   * that unquoted text may not hold. Dots are part of a token.
   */
  protected unquotedToken(): void {
    const start = this.pos;
    const c = this.text[start]!;
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER_RUN.lastIndex = start;
      const run = NUMBER_RUN.exec(this.text)![0];
      if (!isNumberToken(run) && run.includes('+')) this.fail("Unexpected '+'", start + run.indexOf('+'));
      this.pos = start + run.length;
      return;
    }
    while (this.unquotedHere()) {
      work.count++;
      this.pos++;
      const length = this.pos - start;
      if ((length === 4 || length === 5) && /^(?:true|null|false)$/.test(this.text.slice(start, this.pos))) return;
    }
  }

  /** True when the character at the current position may be part of unquoted text. */
  protected unquotedHere(): boolean {
    return this.isUnquotedAt(this.pos);
  }

  protected isUnquotedAt(p: number): boolean {
    const c = this.text[p];
    if (c === undefined || c === '\n' || isInlineSpace(c) || FORBIDDEN.has(c)) return false;
    return !(c === '/' && this.text[p + 1] === '/');
  }

  /** A quoted string (JSON escapes) or a triple-quoted one (no escapes, may span lines). */
  protected quoted(): SimpleToken & { type: 'quoted' } {
    const start = this.pos;
    if (this.text.startsWith('"""', start)) {
      const close = this.text.indexOf('"""', start + 3);
      if (close === -1) this.fail('Unterminated string', start);
      let end = close + 3;
      while (this.text[end] === '"') end++;
      this.pos = end;
      return { type: 'quoted', start, end, value: this.text.slice(start + 3, end - 3) };
    }
    let value = '';
    let i = start + 1;
    for (;;) {
      work.count++;
      const c = this.text[i];
      if (c === undefined || c === '\n' || (c === '\r' && this.text[i + 1] === '\n')) this.fail('Unterminated string', start);
      if (c === '"') break;
      if (c < ' ') {
        const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        const escape = { '\t': '\\t', '\r': '\\r', '\f': '\\f' }[c] ?? `\\u${code}`;
        this.fail(`Unescaped control character U+${code} in a quoted string (write ${escape})`, i);
      }
      if (c === '\\') {
        const e = this.text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(this.text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          this.fail(`Invalid escape sequence in string: \\${e ?? ''}`, i);
        }
      } else {
        value += c;
        i++;
      }
    }
    this.pos = i + 1;
    return { type: 'quoted', start, end: this.pos, value };
  }
}
