/**
 * A small hand-written HOCON scanner and parser that keeps positions of everything it reads.
 * It covers the HOCON that Jicofo's files use (and the rest of the syntax, except that object
 * and array concatenations are kept as opaque values): `=`, `:`, `+=` and `key {` separators,
 * dotted and quoted keys, `#` and `//` comments, quoted, triple-quoted and unquoted strings,
 * numbers, booleans, null, arrays, `include` statements and `${path}` / `${?path}` substitutions.
 */
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import { NUMBER } from './number.js';
import type { ArrayNode, FieldNode, IncludeNode, Member, ObjectNode, SimpleToken, ValueNode } from './syntax.js';

/** Characters HOCON forbids in unquoted text (besides whitespace and the start of `//`). */
const FORBIDDEN = new Set('$"{}[]:=,+#`^?!@*&\\');
/** Number characters, from a first one (a digit or `-`), as Typesafe Config's tokenizer takes them. */
const NUMBER_RUN = /[0-9-][0-9eE+.-]*/y;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/;

function isInlineSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff' || c === '\u00a0' || (c !== undefined && c !== '\n' && /\s/.test(c));
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'end of file';
  if (c === '\n') return 'end of line';
  return `'${c}'`;
}

/** Parses HOCON text into a lossless syntax tree, or throws ConfigSyntaxError with line and column. */
export function parseHocon(text: string): ObjectNode {
  return new Parser(text).document();
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): ObjectNode {
    const bad = CONTROL.exec(this.text);
    if (bad) {
      const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      const why = bad[0] === '\ufffd' ? 'the file is not valid UTF-8' : 'binary data?';
      this.fail(`Unexpected character U+${code} (${why})`, bad.index);
    }
    this.skipTrivia(true);
    if (this.peek() === '{') {
      const root = this.object();
      this.skipTrivia(true);
      if (this.pos < this.text.length) this.fail(`Unexpected ${describe(this.peek())} after the root object`);
      return root;
    }
    const members = this.members(null);
    return { kind: 'object', start: 0, end: this.text.length, braced: false, members };
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  private fail(message: string, offset = this.pos): never {
    throw new ConfigSyntaxError(message, this.text, offset);
  }

  /** Skips spaces and comments, and newlines too when `newlines` is true. */
  private skipTrivia(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (isInlineSpace(c) || (newlines && c === '\n')) {
        this.pos++;
      } else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        const nl = this.text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? this.text.length : nl;
      } else {
        return;
      }
    }
  }

  private members(close: '}' | null): Member[] {
    const members: Member[] = [];
    for (;;) {
      this.skipTrivia(true);
      const c = this.peek();
      if (c === undefined || c === close) return members;
      if (c === '}' || c === ']' || c === ',') this.fail(`Unexpected ${describe(c)}`);
      members.push(this.member());
      this.separator(close);
    }
  }

  /** After a member or element: a comma (on this line or at the start of a later one), a newline, or the closer. */
  private separator(close: string | null): void {
    this.skipTrivia(false);
    const after = this.peek();
    if (after === ',') {
      this.pos++;
    } else if (after === '\n') {
      const lineEnd = this.pos;
      this.skipTrivia(true);
      if (this.peek() === ',') this.pos++;
      else this.pos = lineEnd;
    } else if (after !== undefined && after !== close) {
      this.fail(`Unexpected ${describe(after)}`);
    }
  }

  /** Skips newlines and comments too when what follows them is `wanted`; else only spaces on this line. */
  private skipToNextLineIf(wanted: () => boolean): void {
    const here = this.pos;
    this.skipTrivia(true);
    if (wanted()) return;
    this.pos = here;
    while (isInlineSpace(this.peek())) this.pos++;
  }

  private startsValue(): boolean {
    const c = this.peek();
    return c === '{' || c === '[' || c === '"' || c === '$' || this.unquotedHere();
  }

  private member(): Member {
    const include = this.include();
    if (include) return include;
    const start = this.pos;
    const { path, keyEnd } = this.key();
    this.skipToNextLineIf(() => '{=:'.includes(this.peek() ?? '\n') || this.text.startsWith('+=', this.pos));
    const c = this.peek();
    let separator: FieldNode['separator'];
    if (c === '{') {
      separator = '{';
    } else if (c === '=' || c === ':') {
      separator = c;
      this.pos++;
    } else if (c === '+' && this.peek(1) === '=') {
      separator = '+=';
      this.pos += 2;
    } else {
      this.fail(`Expected '=', ':' or '{' after the key, found ${describe(c)}`);
    }
    if (separator !== '{') this.skipToNextLineIf(() => this.startsValue());
    let value = this.value();
    if (separator === '+=') value = { kind: 'opaque', start: value.start, end: value.end };
    return { kind: 'field', start, end: value.end, keyEnd, path, separator, value };
  }

  /** `include "file"`, `include file("…")`, `include required(url("…"))`. */
  private include(): IncludeNode | undefined {
    const m = /^include[ \t]+(?=["a-z])/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!m) return undefined;
    const rest = this.text.slice(this.pos + m[0].length, this.pos + m[0].length + 16);
    if (!rest.startsWith('"') && !/^(required|file|url|classpath)\(/.test(rest)) return undefined;
    const start = this.pos;
    this.pos += m[0].length;
    this.includeTarget();
    return { kind: 'include', start, end: this.pos };
  }

  private includeTarget(): void {
    if (this.peek() === '"') {
      this.quoted();
      return;
    }
    const fn = /^(required|file|url|classpath)\(/.exec(this.text.slice(this.pos, this.pos + 16));
    if (!fn) this.fail(`Expected a quoted file name after include, found ${describe(this.peek())}`);
    this.pos += fn[0].length;
    while (isInlineSpace(this.peek())) this.pos++;
    this.includeTarget();
    while (isInlineSpace(this.peek())) this.pos++;
    if (this.peek() !== ')') this.fail(`Expected ')' to close '${fn[1]!}(', found ${describe(this.peek())}`);
    this.pos++;
  }

  private key(): { path: string[]; keyEnd: number } {
    const path: string[] = [];
    let current = '';
    let has = false;
    let keyEnd = this.pos;
    for (;;) {
      const c = this.peek();
      if (c === '"') {
        if (this.text.startsWith('"""', this.pos)) this.fail('Triple-quoted strings are not allowed in keys');
        current += this.quoted().value;
        has = true;
        keyEnd = this.pos;
      } else if (c === '.') {
        if (!has) this.fail('Empty key segment');
        path.push(current);
        current = '';
        has = false;
        this.pos++;
      } else if (this.unquotedHere()) {
        const s = this.pos;
        while (this.unquotedHere() && this.peek() !== '.') this.pos++;
        current += this.text.slice(s, this.pos);
        has = true;
        keyEnd = this.pos;
      } else if (isInlineSpace(c) && (has || path.length > 0)) {
        // Spaces inside a key are part of it, also right after a dot (`a. b` is ['a', ' b']).
        let p = this.pos;
        while (isInlineSpace(this.text[p])) p++;
        const next = this.text[p];
        const continues = next === '"' || next === '.' || (this.isUnquotedAt(p) && next !== '{');
        if (!continues) break;
        current += this.text.slice(this.pos, p);
        this.pos = p;
      } else {
        break;
      }
    }
    if (!has) this.fail(path.length === 0 ? `Expected a key, found ${describe(this.peek())}` : 'Empty key segment');
    path.push(current);
    return { path, keyEnd };
  }

  /** True when the character at the current position may be part of unquoted text. */
  private unquotedHere(): boolean {
    return this.isUnquotedAt(this.pos);
  }

  private isUnquotedAt(p: number): boolean {
    const c = this.text[p];
    if (c === undefined || c === '\n' || isInlineSpace(c) || FORBIDDEN.has(c)) return false;
    return !(c === '/' && this.text[p + 1] === '/');
  }

  /** A value: an object, an array, or a concatenation of simple values on one line. */
  private value(): ValueNode {
    const start = this.pos;
    const parts: ValueNode[] = [];
    const tokens: SimpleToken[] = [];
    for (;;) {
      const c = this.peek();
      if (c === '{') parts.push(this.object());
      else if (c === '[') parts.push(this.array());
      else if (c === '"') tokens.push(this.quoted());
      else if (c === '$') tokens.push(this.substitution());
      else if (this.unquotedHere()) tokens.push(this.unquoted());
      else if (isInlineSpace(c)) {
        const s = this.pos;
        while (isInlineSpace(this.peek())) this.pos++;
        tokens.push({ type: 'space', start: s, end: this.pos, value: this.text.slice(s, this.pos) });
      } else break;
    }
    while (tokens.length > 0 && tokens[tokens.length - 1]!.type === 'space') tokens.pop();
    const solid = tokens.filter((t) => t.type !== 'space');
    if (parts.length === 0 && solid.length === 0) this.fail(`Expected a value, found ${describe(this.peek())}`);
    const end = Math.max(parts[parts.length - 1]?.end ?? start, tokens[tokens.length - 1]?.end ?? start);
    if (parts.length === 1 && solid.length === 0) return parts[0]!;
    if (parts.length > 0) return { kind: 'opaque', start, end };
    return { kind: 'simple', start, end, tokens };
  }

  private object(): ObjectNode {
    const start = this.pos;
    this.pos++;
    const members = this.members('}');
    if (this.peek() !== '}') this.fail("Unclosed '{': no matching '}'", start);
    this.pos++;
    return { kind: 'object', start, end: this.pos, braced: true, members };
  }

  private array(): ArrayNode {
    const start = this.pos;
    this.pos++;
    const elements: ValueNode[] = [];
    for (;;) {
      this.skipTrivia(true);
      const c = this.peek();
      if (c === undefined) this.fail("Unclosed '[': no matching ']'", start);
      if (c === ']') break;
      if (c === ',' || c === '}') this.fail(`Unexpected ${describe(c)}`);
      elements.push(this.value());
      this.separator(']');
    }
    this.pos++;
    return { kind: 'array', start, end: this.pos, elements };
  }

  private unquoted(): SimpleToken {
    const start = this.pos;
    // Typesafe Config reads a run of number characters as a number when it is one: that run may
    // hold a `+` in its exponent (1e+3), which unquoted text may not.
    NUMBER_RUN.lastIndex = start;
    const run = NUMBER_RUN.exec(this.text)?.[0] ?? '';
    if (run.includes('+')) {
      if (!NUMBER.test(run)) this.fail("Unexpected '+'", start + run.indexOf('+'));
      this.pos = start + run.length;
      return { type: 'unquoted', start, end: this.pos, value: run };
    }
    while (this.unquotedHere()) this.pos++;
    return { type: 'unquoted', start, end: this.pos, value: this.text.slice(start, this.pos) };
  }

  private substitution(): SimpleToken {
    const start = this.pos;
    if (this.peek(1) !== '{') this.fail("Unexpected '$' (a substitution is written ${path})");
    this.pos += 2;
    const optional = this.peek() === '?';
    if (optional) this.pos++;
    const close = this.text.indexOf('}', this.pos);
    const nl = this.text.indexOf('\n', this.pos);
    if (close === -1 || (nl !== -1 && nl < close)) this.fail("Unclosed substitution: '${' without '}'", start);
    const path = this.text.slice(this.pos, close).trim();
    if (path === '') this.fail('Empty substitution', start);
    this.pos = close + 1;
    return { type: 'substitution', start, end: this.pos, path, optional };
  }

  /** A quoted string (JSON escapes) or a triple-quoted one (no escapes, may span lines). */
  private quoted(): SimpleToken & { type: 'quoted' } {
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
