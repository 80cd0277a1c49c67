/**
 * A small hand-written HOCON parser that keeps positions of everything it reads, over the
 * tokens of scanner.ts. It covers the HOCON that Jicofo's files use (and the rest of the syntax, except that object
 * and array concatenations are kept as opaque values): `=`, `:`, `+=` and `key {` separators,
 * dotted and quoted keys, `#` and `//` comments, quoted, triple-quoted and unquoted strings,
 * numbers, booleans, null, arrays, `include` statements and `${path}` / `${?path}` substitutions.
 *
 * It reads tokens as Typesafe Config (Jicofo's reader) does, and refuses what Typesafe Config
 * refuses: a value that joins an object or array with a string, number or boolean (`a = x {}`),
 * anything after the object of a `key {` field (`a { b {} } {}`), a `+` outside a number's
 * exponent, an `include` that names no file, a substitution whose path is not a path. Nesting is
 * limited to MAX_DEPTH levels (Typesafe Config overflows its stack at about 2,000).
 */
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { isNumberToken } from './number.js';
import { describe, isInlineSpace, Scanner } from './scanner.js';
import type { ArrayNode, FieldNode, IncludeNode, Member, ObjectNode, SimpleToken, ValueNode } from './syntax.js';

/** How deep objects, arrays and dotted keys may nest (Jicofo's own files: 6 levels). */
export const MAX_DEPTH = 1000;

/** What the parse refuses as binary data: control characters (tab and line breaks aside), DEL, C1 and U+FFFD. */
// eslint-disable-next-line no-control-regex -- control characters mean binary data: refused with their position
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/;

/** The first character of `text` that the parse refuses as binary data, and why; undefined when there is none. */
export function binaryCharacter(text: string): { offset: number; reason: string } | undefined {
  const bad = CONTROL.exec(text);
  if (!bad) return undefined;
  const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  const why = bad[0] === '\ufffd' ? 'the file is not valid UTF-8' : 'binary data?';
  return { offset: bad.index, reason: `Unexpected character U+${code} (${why})` };
}

/** Parses HOCON text into a lossless syntax tree, or throws ConfigSyntaxError with line and column. */
export function parseHocon(text: string): ObjectNode {
  const bad = binaryCharacter(text);
  if (bad) throw new ConfigSyntaxError(bad.reason, text, bad.offset);
  return new Parser(text).document();
}

/**
 * parseHocon without the scan for binary data over the whole text: for a text made by editing one
 * that passed it, where only what the edits wrote needs the scan (binaryCharacter).
 */
export function parseHoconEdited(text: string): ObjectNode {
  return new Parser(text).document();
}

/**
 * Reads the value that starts at `offset` of `text` as the parse reads a field's value there, at
 * nesting level 0 (the caller keeps the depth limit), for local verification (local.ts); throws
 * ConfigSyntaxError when it does not read.
 */
export function parseValueAt(text: string, offset: number): ValueNode {
  return new Parser(text).valueAt(offset);
}

/**
 * An object already read, to take instead of reading it again: given where a `{` is and the nesting
 * level its fields would be read at, outside any array, the object the parse reads there, or
 * undefined (see parseObjectAt).
 */
export type ReadObject = (offset: number, level: number) => ObjectNode | undefined;

/**
 * Reads the object whose `{` is at `offset` of `text` as the parse reads a field's object there,
 * its fields at nesting level `level`, for local verification (local.ts); throws ConfigSyntaxError
 * when it does not read. Where `known` gives an object for a `{` it meets outside any array, that
 * object is taken and the reading goes on after it: reading an object depends only on its text
 * (from its `{`), its level (the depth limit) and whether it is inside an array (`+=` is refused
 * there), so the caller gives only objects whose text is unchanged and that were read at that level
 * outside any array.
 */
export function parseObjectAt(text: string, offset: number, level: number, known?: ReadObject): ObjectNode {
  return new Parser(text, known).objectAt(offset, level);
}

/**
 * One part of a value as Typesafe Config joins them: an object, an array, a quoted string, an
 * unquoted string (which Typesafe Config drops after an object or array), a number or keyword,
 * a substitution, or a joined string.
 */
interface Piece {
  kind: 'object' | 'array' | 'quoted' | 'unquoted' | 'primitive' | 'substitution' | 'joined';
  start: number;
  text: string;
  /** For an object: whether Typesafe Config can turn it into a list (it has a key such as `0`). */
  listLike?: boolean;
}

class Parser extends Scanner {
  /** How many arrays (and `+=` values, which HOCON wraps in one) enclose the current position. */
  private inLists = 0;

  constructor(
    text: string,
    /** Objects read already (parseObjectAt). */
    private readonly known?: ReadObject,
  ) {
    super(text);
  }

  document(): ObjectNode {
    this.skipTrivia(true);
    if (this.peek() === '{') {
      const root = this.object(0);
      this.skipTrivia(true);
      if (this.pos < this.text.length) this.fail(`Unexpected ${describe(this.peek())} after the root object`);
      return root;
    }
    const members = this.members(null, 0);
    return { kind: 'object', start: 0, end: this.text.length, braced: false, members };
  }

  valueAt(offset: number): ValueNode {
    this.pos = offset;
    return this.value(0);
  }

  objectAt(offset: number, level: number): ObjectNode {
    this.pos = offset;
    return this.object(level);
  }

  private checkDepth(level: number, at: number): void {
    if (level > MAX_DEPTH) {
      this.fail(`Nested too deeply: more than ${MAX_DEPTH} levels of objects, arrays and dotted keys`, at);
    }
  }

  /** The members of an object whose fields sit at `level`. */
  private members(close: '}' | null, level: number): Member[] {
    const members: Member[] = [];
    for (;;) {
      work.count++;
      this.skipTrivia(true);
      const c = this.peek();
      if (c === undefined || c === close) return members;
      if (c === '}' || c === ']' || c === ',') this.fail(`Unexpected ${describe(c)}`);
      members.push(this.member(level));
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
    this.skipInlineSpace();
  }

  private startsValue(): boolean {
    const c = this.peek();
    return c === '{' || c === '[' || c === '"' || c === '$' || this.unquotedHere();
  }

  private member(level: number): Member {
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
      // `a += x` is `a = ${?a} [x]`: Typesafe Config refuses a `+=` inside that list, or any list.
      if (this.inLists > 0) this.fail("'+=' cannot be used inside an array or inside the value of another '+=' (Typesafe Config refuses it)");
      separator = '+=';
      this.pos += 2;
    } else {
      this.fail(`Expected '=', ':' or '{' after the key, found ${describe(c)}`);
    }
    const valueLevel = level + path.length;
    this.checkDepth(valueLevel, start);
    let value: ValueNode;
    if (separator === '{') {
      // `key { … }` takes exactly one object: Typesafe Config refuses anything joined to it.
      value = this.object(valueLevel);
    } else {
      this.skipToNextLineIf(() => this.startsValue());
      if (separator === '+=') this.inLists++;
      value = this.value(valueLevel);
      if (separator === '+=') {
        this.inLists--;
        value = { kind: 'opaque', start: value.start, end: value.end };
      }
    }
    return { kind: 'field', start, end: value.end, keyEnd, path, separator, value };
  }

  /**
   * An include statement, when the member starts with the unquoted token `include`: then a quoted
   * file name (after spaces, also on a later line), or `file(…)`, `url(…)`, `classpath(…)`, or
   * `required(` around one of these, as Typesafe Config reads them. `include = 5` is refused.
   */
  private include(): IncludeNode | undefined {
    if (!this.text.startsWith('include', this.pos) || this.isUnquotedAt(this.pos + 7)) return undefined;
    const start = this.pos;
    this.pos += 7;
    this.skipTrivia(true);
    this.includeTarget(true);
    return { kind: 'include', start, end: this.pos };
  }

  private includeTarget(requiredAllowed: boolean): void {
    if (this.peek() === '"') {
      this.quoted();
      return;
    }
    const fn = /^(required|file|url|classpath)\(/.exec(this.text.slice(this.pos, this.pos + 16));
    if (!fn || (fn[1] === 'required' && !requiredAllowed)) {
      this.fail(`Expected a quoted file name, file("…"), url("…"), classpath("…") or required(…) after include, found ${describe(this.peek())}`);
    }
    this.pos += fn[0].length;
    this.skipInlineSpace();
    if (fn[1] === 'required') {
      this.includeTarget(false);
    } else if (this.peek() === '"') {
      const at = this.pos;
      const name = this.quoted().value;
      // Typesafe Config refuses a url(…) that java.net.URL does not take.
      if (fn[1] === 'url' && !/^(?:https?|ftp|file|jar|jrt|mailto):/i.test(name))
        this.fail(`include url("…") needs a URL (http:, https:, file:, …), not ${JSON.stringify(name)}`, at);
    } else {
      this.fail(`Expected a quoted file name in ${fn[1]!}(…), found ${describe(this.peek())}`);
    }
    this.skipInlineSpace();
    if (this.peek() !== ')') this.fail(`Expected ')' to close '${fn[1]!}(', found ${describe(this.peek())}`);
    this.pos++;
  }

  /**
   * A key or a substitution's path: tokens (quoted strings, unquoted text, spaces between them)
   * joined, then split at the dots outside quotes, as Typesafe Config reads a path: `a 1. b` is
   * ['a 1', ' b'], `"a.b".c` is ['a.b', 'c'].
   */
  private key(): { path: string[]; keyEnd: number } {
    const path: string[] = [];
    let current = '';
    let has = false;
    let keyEnd = this.pos;
    for (;;) {
      work.count++;
      const c = this.peek();
      if (c === '"') {
        current += this.quoted().value;
        has = true;
        keyEnd = this.pos;
      } else if (this.unquotedHere()) {
        const start = this.pos;
        this.unquotedToken();
        const [first, ...rest] = this.text.slice(start, this.pos).split('.');
        current += first;
        has = has || first !== '';
        let dot = start + first!.length;
        for (const segment of rest) {
          if (!has) this.fail('Empty key segment', dot);
          path.push(current);
          current = segment;
          has = segment !== '';
          dot += 1 + segment.length;
        }
        keyEnd = this.pos;
      } else if (isInlineSpace(c) && (has || path.length > 0)) {
        // Spaces inside a key are part of it, also right after a dot (`a. b` is ['a', ' b']).
        let p = this.pos;
        while (isInlineSpace(this.text[p])) {
          work.count++;
          p++;
        }
        const next = this.text[p];
        const continues = next === '"' || (this.isUnquotedAt(p) && next !== '{');
        if (!continues) break;
        current += this.text.slice(this.pos, p);
        has = true;
        this.pos = p;
      } else {
        break;
      }
    }
    if (!has) this.fail(path.length === 0 ? `Expected a key, found ${describe(this.peek())}` : 'Empty key segment');
    path.push(current);
    return { path, keyEnd };
  }

  /**
   * A value at `level`: an object, an array, or a concatenation of simple values on one line.
   * Concatenations that hold an object or array are checked as Typesafe Config joins them and
   * kept as opaque values.
   */
  private value(level: number): ValueNode {
    this.checkDepth(level, this.pos);
    const start = this.pos;
    const items: (ValueNode | SimpleToken)[] = [];
    for (;;) {
      work.count++;
      const c = this.peek();
      if (c === '{') items.push(this.object(level));
      else if (c === '[') items.push(this.array(level));
      else if (c === '"') items.push(this.quoted());
      else if (c === '$') items.push(this.substitution());
      else if (this.unquotedHere()) items.push(...this.unquoted());
      else if (isInlineSpace(c)) {
        const s = this.pos;
        this.skipInlineSpace();
        items.push({ type: 'space', start: s, end: this.pos, value: this.text.slice(s, this.pos) });
      } else break;
    }
    while (items.length > 0 && 'type' in items[items.length - 1]! && (items[items.length - 1] as SimpleToken).type === 'space') items.pop();
    if (items.length === 0) this.fail(`Expected a value, found ${describe(this.peek())}`);
    const end = items[items.length - 1]!.end;
    if (items.every((i) => 'type' in i)) return { kind: 'simple', start, end, tokens: items };
    this.checkJoin(items);
    if (items.length === 1) return items[0] as ValueNode;
    return { kind: 'opaque', start, end };
  }

  /**
   * Typesafe Config's concatenation rules for a value that holds an object or array. Spaces count
   * only between two simple values. Objects merge with objects and arrays with arrays; an
   * unquoted string after an object or array is dropped; a substitution defers the join to
   * resolution; any other join of an object or array with a string, number or boolean is refused.
   */
  private checkJoin(items: readonly (ValueNode | SimpleToken)[]): void {
    const simple = (i: ValueNode | SimpleToken | undefined): boolean => i !== undefined && 'type' in i && i.type !== 'space';
    const pieces: Piece[] = [];
    items.forEach((item, i) => {
      if ('kind' in item) {
        const listLike = item.kind === 'object' && item.members.some((m) => m.kind === 'field' && isListIndex(m.path[0]!));
        pieces.push({ kind: item.kind === 'array' ? 'array' : 'object', start: item.start, text: '', listLike });
      } else if (item.type === 'space') {
        if (simple(items[i - 1]) && simple(items[i + 1])) pieces.push({ kind: 'unquoted', start: item.start, text: item.value });
      } else if (item.type === 'substitution') {
        pieces.push({ kind: 'substitution', start: item.start, text: '' });
      } else if (item.type === 'quoted') {
        pieces.push({ kind: 'quoted', start: item.start, text: item.value });
      } else {
        const primitive = item.value === 'true' || item.value === 'false' || item.value === 'null' || isNumberToken(item.value);
        pieces.push({ kind: primitive ? 'primitive' : 'unquoted', start: item.start, text: item.value });
      }
    });
    const built: Piece[] = [];
    for (const right of pieces) {
      const left = built[built.length - 1];
      if (left === undefined) {
        built.push(right);
        continue;
      }
      const leftKind = left.kind === 'object' && right.kind === 'array' && left.listLike ? 'array' : left.kind;
      const rightKind = right.kind === 'object' && left.kind === 'array' && right.listLike ? 'array' : right.kind;
      const structured = (k: Piece['kind']): boolean => k === 'object' || k === 'array';
      if (leftKind === 'object' && rightKind === 'object') {
        left.listLike = left.listLike || right.listLike;
      } else if (leftKind === 'array' && rightKind === 'array') {
        built[built.length - 1] = { ...left, kind: 'array' };
      } else if (structured(leftKind) && right.kind === 'unquoted') {
        // dropped, as Typesafe Config drops it
      } else if (left.kind === 'substitution' || right.kind === 'substitution') {
        built.push(right);
      } else if (structured(leftKind) || structured(rightKind)) {
        this.fail(`Cannot join ${pieceName(left)} and ${pieceName(right)} in one value`, right.start);
      } else {
        built[built.length - 1] = { kind: 'joined', start: left.start, text: left.text + right.text };
      }
    }
  }

  private object(level: number): ObjectNode {
    const start = this.pos;
    const known = this.inLists === 0 ? this.known?.(start, level) : undefined;
    if (known !== undefined) {
      this.pos = known.end;
      return known;
    }
    this.pos++;
    const members = this.members('}', level);
    if (this.peek() !== '}') this.fail("Unclosed '{': no matching '}'", start);
    this.pos++;
    return { kind: 'object', start, end: this.pos, braced: true, members };
  }

  private array(level: number): ArrayNode {
    const start = this.pos;
    this.pos++;
    const elements: ValueNode[] = [];
    for (;;) {
      work.count++;
      this.skipTrivia(true);
      const c = this.peek();
      if (c === undefined) this.fail("Unclosed '[': no matching ']'", start);
      if (c === ']') break;
      if (c === ',' || c === '}') this.fail(`Unexpected ${describe(c)}`);
      this.inLists++;
      elements.push(this.value(level + 1));
      this.inLists--;
      this.separator(']');
    }
    this.pos++;
    return { kind: 'array', start, end: this.pos, elements };
  }

  /** Unquoted text, split into Typesafe Config's tokens (`1abc` is 1 then abc, `truex` is true then x). */
  private unquoted(): SimpleToken[] {
    const tokens: SimpleToken[] = [];
    while (this.unquotedHere()) {
      work.count++;
      const start = this.pos;
      this.unquotedToken();
      tokens.push({ type: 'unquoted', start, end: this.pos, value: this.text.slice(start, this.pos) });
    }
    return tokens;
  }

  /** `${path}` or `${?path}`: the path is read as a key, with spaces around it, on one line. */
  private substitution(): SimpleToken {
    const start = this.pos;
    if (this.peek(1) !== '{') this.fail("Unexpected '$' (a substitution is written ${path})");
    this.pos += 2;
    const optional = this.peek() === '?';
    if (optional) this.pos++;
    this.skipInlineSpace();
    if (this.peek() === '}' || this.peek() === undefined || this.peek() === '\n') {
      if (this.peek() === '}') this.fail('Empty substitution', start);
      this.fail("Unclosed substitution: '${' without '}'", start);
    }
    const pathStart = this.pos;
    this.key();
    const pathEnd = this.pos;
    this.skipInlineSpace();
    const c = this.peek();
    if (c !== '}') {
      if (c === undefined || c === '\n' || c === '#' || c === '/') this.fail("Unclosed substitution: '${' without '}'", start);
      this.fail(`Unexpected ${describe(c)} in the path of a substitution`);
    }
    this.pos++;
    return { type: 'substitution', start, end: this.pos, path: this.text.slice(pathStart, pathEnd), optional };
  }
}

/** A key Typesafe Config takes as a list index when it turns an object into a list (Integer.parseInt, not negative). */
function isListIndex(key: string): boolean {
  return /^(?:\+?[0-9]+|-0+)$/.test(key) && Number(key) <= 2147483647;
}

function pieceName(p: Piece): string {
  switch (p.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'primitive':
      return p.text;
    default: {
      const shown = p.text.length > 20 ? `${p.text.slice(0, 20)}…` : p.text;
      return `the string ${JSON.stringify(shown)}`;
    }
  }
}
