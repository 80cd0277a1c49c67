/**
 * The one input contract of every parse function (parseInterfaceConfig, parseMeetConfig,
 * parseProsodyConfig, parseJicofoConf, parseProperties): a file is given
 *
 * - as a string read with 'utf8' (the default): offsets in edits and errors count UTF-16 code
 *   units of that string, and toString() gives a string of the same kind;
 * - as a string read with 'latin1' (one character per byte), with `{ encoding: 'latin1' }`:
 *   offsets count bytes, edits' content and toString() are latin1 strings too;
 * - as bytes (a Uint8Array or Buffer): offsets count bytes, edits' content is a latin1 string (one
 *   character per byte), toBytes() gives the result byte for byte, bytes that are not UTF-8
 *   included, and toString() the result decoded as UTF-8 (for showing it; write toBytes()).
 *
 * A string is never guessed at: "für" may be the 'utf8' reading of three bytes or the 'latin1'
 * reading of four, and only the caller knows which; without the option it is the 'utf8' one.
 *
 * Each library parses one form of text, its native form: web-config and jicofo-config parse
 * JavaScript strings ('text'), prosody-config parses one character per byte ('bytes', so that every
 * byte of a Lua file survives and Lua's byte strings keep their meaning). InputText converts the
 * caller's input to that form and the results (text, bytes, edits, positions, errors) back.
 */
import type { TextEdit } from './edits.js';
import { codeFrame, ConfigSyntaxError, ConfkitError, positionAt, ValidationError, type SourcePosition } from './errors.js';

/** What a parse function takes: the file as a string, or its bytes. */
export type ConfigInput = string | Uint8Array;

export interface InputOptions {
  /**
   * How a string input was read: 'utf8' (the default) or 'latin1' (one character per byte). Not
   * used for bytes.
   */
  encoding?: 'utf8' | 'latin1';
}

/** How the caller gave the file: a 'utf8' string, a 'latin1' string, or bytes. */
export type InputForm = 'text' | 'latin1' | 'bytes';

/** The form of text a library parses: JavaScript strings, or one character per byte. */
export type NativeForm = 'text' | 'bytes';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** Whether a string is all ASCII (so its UTF-16 code units and its UTF-8 bytes are the same count). */
function isAscii(s: string): boolean {
  return !/[\u0080-\uffff]/.test(s);
}

/** A lone surrogate (half of a pair, without the other half). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Bytes as text: UTF-8, with each byte that is not part of a valid sequence as the lone surrogate
 * U+DC80–U+DCFF (as Python's surrogateescape does), so that encodeUtf8Escaped gives the bytes back.
 * A byte order mark stays in the text (U+FEFF).
 */
export function decodeUtf8Escaped(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    // Some bytes are not UTF-8: decode the valid runs, escape the rest byte by byte.
  }
  let out = '';
  let run = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += lenient.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + bytes[i]!);
    i++;
    run = i;
  }
  return out + lenient.decode(bytes.subarray(run));
}

/** The length of the valid UTF-8 sequence at `i` (1 to 4), or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Text as UTF-8 bytes; the lone surrogates U+DC80–U+DCFF are the bytes decodeUtf8Escaped escaped. */
export function encodeUtf8Escaped(text: string): Uint8Array {
  if (!LONE_SURROGATE.test(text)) return new Uint8Array(Buffer.from(text, 'utf8'));
  const parts: Uint8Array[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    parts.push(Buffer.from(text.slice(run, i), 'utf8'));
    // An escaped byte goes back as itself; another lone surrogate has no UTF-8 form: U+FFFD.
    parts.push(c >= 0xdc80 && c <= 0xdcff ? Uint8Array.of(c - 0xdc00) : Uint8Array.of(0xef, 0xbf, 0xbd));
    run = i + 1;
  }
  parts.push(Buffer.from(text.slice(run), 'utf8'));
  return new Uint8Array(Buffer.concat(parts));
}

/** The UTF-8 length (escaped bytes counting one) of text[from, to). */
function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** The UTF-16 length of the UTF-8 byte string (one character per byte) bytes[from, to). */
function utf16Length(bytes: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes.charCodeAt(i);
    if (b < 0x80 || b >= 0xc0) n += b >= 0xf0 ? 2 : 1; // a lead byte (continuation bytes add nothing)
  }
  return n;
}

/** Where the character holding byte `offset` of a UTF-8 byte string starts (continuation bytes belong to their lead). */
function charStartInBytes(bytes: string, offset: number): number {
  let i = offset;
  while (i > 0 && i < bytes.length && (bytes.charCodeAt(i) & 0xc0) === 0x80) i--;
  return i;
}

/** Where the character holding code unit `offset` starts (a low surrogate belongs to its high one). */
function charStartInText(text: string, offset: number): number {
  if (offset > 0 && offset < text.length && (text.charCodeAt(offset) & 0xfc00) === 0xdc00 && (text.charCodeAt(offset - 1) & 0xfc00) === 0xd800) return offset - 1;
  return offset;
}

/** The start of the line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Errors already moved to the input's units (a method calling another must not move them twice). */
const relocated = new WeakSet<object>();

/** The caller's input, the text a library parses from it, and the conversions between the two. */
export class InputText {
  /** How the caller gave the file. */
  readonly form: InputForm;
  /** The form the library parses. */
  readonly native: NativeForm;
  /** The text to parse, in the native form. */
  readonly text: string;
  /** The bytes given (bytes form), kept for toBytes() of an unedited document. */
  readonly #bytes: Uint8Array | undefined;

  private constructor(form: InputForm, native: NativeForm, text: string, bytes: Uint8Array | undefined) {
    this.form = form;
    this.native = native;
    this.text = text;
    this.#bytes = bytes;
  }

  /**
   * Reads a caller's input for a library that parses `native` text. `what` names the function in
   * errors. ValidationError for anything that is not a string or bytes, for an unknown encoding,
   * and for a 'utf8' string that no file can hold (a lone surrogate) when the library parses bytes.
   */
  static read(input: unknown, options: InputOptions | undefined, native: NativeForm, what: string): InputText {
    const encoding = options?.encoding ?? 'utf8';
    if (encoding !== 'utf8' && encoding !== 'latin1') {
      throw new ValidationError(`${what}: encoding must be 'utf8' or 'latin1', not ${JSON.stringify(encoding)}`);
    }
    if (input instanceof Uint8Array) {
      const bytes = new Uint8Array(input); // a copy: the caller's buffer may change later
      const text = native === 'bytes' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : decodeUtf8Escaped(bytes);
      return new InputText('bytes', native, text, bytes);
    }
    if (typeof input !== 'string') {
      throw new ValidationError(`${what} takes the file as a string (read with 'utf8') or as bytes (a Uint8Array or Buffer), not ${input === null ? 'null' : typeof input}`);
    }
    if (encoding === 'latin1') {
      const wide = /[\u0100-\uffff]/.exec(input);
      if (wide) {
        const code = wide[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        throw new ValidationError(
          `${what}: the text holds U+${code} at ${positionLabel(input, wide.index)}, so it is not a 'latin1' reading (one character per byte): pass the string as read with 'utf8', without the encoding option`,
          { position: positionAt(input, wide.index) },
        );
      }
      return new InputText('latin1', native, native === 'bytes' ? input : decodeUtf8Escaped(Buffer.from(input, 'latin1')), undefined);
    }
    if (native === 'text') return new InputText('text', native, input, undefined);
    // ASCII: the same characters, one byte each (the common case, and the cheap one).
    if (Buffer.byteLength(input, 'utf8') === input.length) return new InputText('text', native, input, undefined);
    const lone = LONE_SURROGATE.exec(input);
    if (lone) {
      const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
      throw new ValidationError(
        `${what}: the text holds a lone surrogate U+${code} at ${positionLabel(input, lone.index)}, which no UTF-8 file can hold: pass the file's bytes (a Buffer) instead`,
        { position: positionAt(input, lone.index) },
      );
    }
    return new InputText('text', native, Buffer.from(input, 'utf8').toString('latin1'), undefined);
  }

  /** The native text `current` as the caller's kind of string (for a bytes input: decoded as UTF-8). */
  toString(current: string): string {
    if (this.native === 'bytes') {
      if (this.form === 'latin1' || isAscii(current)) return current;
      return lenient.decode(Buffer.from(current, 'latin1'));
    }
    if (this.form === 'text') return current;
    const bytes = encodeUtf8Escaped(current);
    return this.form === 'latin1' ? Buffer.from(bytes).toString('latin1') : lenient.decode(bytes);
  }

  /** The bytes of the native text `current`: for a bytes input, the given bytes where nothing changed. */
  toBytes(current: string): Uint8Array {
    if (this.#bytes !== undefined && current === this.text) return new Uint8Array(this.#bytes);
    if (this.native === 'bytes') return new Uint8Array(Buffer.from(current, 'latin1'));
    if (this.form === 'text') {
      const lone = LONE_SURROGATE.exec(current);
      if (lone) {
        throw new ValidationError(`The text holds a lone surrogate at ${positionLabel(current, lone.index)}, which no UTF-8 file can hold: it has no bytes`);
      }
    }
    return encodeUtf8Escaped(current);
  }

  /** Whether offsets in the caller's units differ from the native ones (else every conversion is the identity). */
  get converts(): boolean {
    return this.native === 'bytes' ? this.form === 'text' : this.form !== 'text';
  }

  /**
   * Edits against the native original as edits against the caller's input: offsets in its units,
   * content in its form. An edit whose end falls inside a character is widened to the whole
   * character (its own bytes added to the content), so that every edit stays whole characters.
   */
  edits(native: readonly TextEdit[]): TextEdit[] {
    if (!this.converts) return native.map((e) => ({ ...e }));
    // An ASCII original: the same offsets in both units; only non-ASCII content changes form.
    if (isAscii(this.text)) return native.map((e) => ({ ...e, content: isAscii(e.content) ? e.content : this.#contentOf(e.content) }));
    const sorted = [...native].sort((a, b) => a.offset - b.offset);
    const original = this.text;
    const out: TextEdit[] = [];
    // One pass: `at` native offset, `units` input offset there.
    let at = 0;
    let units = 0;
    const advance = (to: number): number => {
      units += this.native === 'bytes' ? utf16Length(original, at, to) : utf8Length(original, at, to);
      at = to;
      return units;
    };
    for (const e of sorted) {
      let start = e.offset;
      let end = e.offset + e.length;
      let content = e.content;
      const snapStart = this.native === 'bytes' ? charStartInBytes(original, start) : charStartInText(original, start);
      if (snapStart < start) {
        content = original.slice(snapStart, start) + content;
        start = snapStart;
      }
      const snapEnd = this.#charEnd(original, end);
      if (snapEnd > end) {
        content += original.slice(end, snapEnd);
        end = snapEnd;
      }
      const offset = advance(start);
      const length = advance(end) - offset;
      out.push({ offset, length, content: this.#contentOf(content) });
    }
    return out;
  }

  /** Where the character that `offset` falls into ends (`offset` itself when it is between characters). */
  #charEnd(original: string, offset: number): number {
    if (this.native === 'bytes') {
      let i = offset;
      while (i < original.length && (original.charCodeAt(i) & 0xc0) === 0x80) i++;
      return i;
    }
    return charStartInText(original, offset) < offset ? offset + 1 : offset;
  }

  /** Native content as the caller's: UTF-8 bytes as text, or text as a latin1 byte string. */
  #contentOf(content: string): string {
    if (this.native === 'bytes') return lenient.decode(Buffer.from(content, 'latin1'));
    return Buffer.from(encodeUtf8Escaped(content)).toString('latin1');
  }

  /** An offset of the native text `current` in the caller's units (inside a character: at its start). */
  offset(current: string, offset: number): number {
    if (!this.converts) return offset;
    if (this.native === 'bytes') return utf16Length(current, 0, charStartInBytes(current, offset));
    return utf8Length(current, 0, charStartInText(current, offset));
  }

  /** A position in the native text `current` as line, column and offset in the caller's units. */
  position(current: string, offset: number): SourcePosition {
    if (!this.converts) return positionAt(current, offset);
    const at = positionAt(current, offset);
    const lineOffset = this.offset(current, lineStartOf(current, at.offset));
    const inUnits = this.offset(current, at.offset);
    return { line: at.line, column: inUnits - lineOffset + 1, offset: inUnits };
  }

  /**
   * Moves the position of an error about the native text `current` into the caller's units: its
   * offset and column (and, for a string input to a library of bytes, the code frame, shown in the
   * caller's text). Other errors pass through.
   */
  relocate<E>(error: E, current: string): E {
    if (!this.converts || !(error instanceof ConfkitError) || error.position === undefined || relocated.has(error)) return error;
    relocated.add(error);
    const before = error.position;
    const position = this.position(current, before.offset);
    let frame = error.frame;
    if (this.native === 'bytes') {
      const shown = this.toString(current);
      frame = codeFrame(shown, position.line, position.column);
    }
    Object.assign(error as object, { position, frame });
    if (error instanceof ConfigSyntaxError) Object.assign(error as object, { line: position.line, column: position.column, offset: position.offset });
    return error;
  }

  /**
   * Runs `work` and moves the position of a ConfkitError it throws into the caller's units, where
   * `current()` is the native text the error is about (read after the throw: a failed operation
   * leaves the text as it was).
   */
  guard<T>(current: () => string, work: () => T): T {
    if (!this.converts) return work();
    try {
      return work();
    } catch (error) {
      throw this.relocate(error, current());
    }
  }
}

function positionLabel(text: string, offset: number): string {
  const p = positionAt(text, offset);
  return `${p.line}:${p.column}`;
}

/**
 * Makes every method of `cls` (its own prototype's, not inherited ones) report the positions of
 * the ConfkitErrors it throws in the units of the document's input. `state` gives, for a document,
 * its InputText and its current native text. A class calls this once for itself; a subclass for
 * the methods it adds or overrides.
 */
export function reportInInputUnits<T extends object>(cls: { prototype: T }, state: (document: T) => { input: InputText; current: string }): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor') continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
    if (typeof descriptor.value !== 'function') continue;
    const method = descriptor.value as (this: T, ...args: unknown[]) => unknown;
    Object.defineProperty(proto, name, {
      ...descriptor,
      value: function (this: T, ...args: unknown[]): unknown {
        try {
          return method.apply(this, args);
        } catch (error) {
          const { input, current } = state(this);
          throw input.relocate(error, current);
        }
      },
    });
  }
}
