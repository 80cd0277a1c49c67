import { describe, expect, it } from 'vitest';
import { applyEdits } from './edits.js';
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from './errors.js';
import { decodeUtf8Escaped, encodeUtf8Escaped, InputText } from './input.js';
import { thrown } from '../../../test/support/errors.js';

/** A few bytes of everything: ASCII, 2-, 3- and 4-byte UTF-8, and bytes that are not UTF-8. */
const SAMPLES = [
  Buffer.from('plain ascii\n'),
  Buffer.from('em dash — check ✓ emoji 😀 für\r\n'),
  Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), // café in latin1: 0xE9 alone
  Buffer.from([0xef, 0xbb, 0xbf, 0x41]), // a BOM
  Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82, 0xff, 0x80]), // surrogate, overlong, >10FFFF, truncated, lone continuation
];

function randomBytes(seed: number, n: number): Buffer {
  let s = seed;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('decodeUtf8Escaped / encodeUtf8Escaped', () => {
  it('give any bytes back, and decode valid UTF-8 as UTF-8 (BOM kept)', () => {
    for (const bytes of SAMPLES) expect(Buffer.from(encodeUtf8Escaped(decodeUtf8Escaped(bytes)))).toEqual(bytes);
    for (let seed = 1; seed <= 300; seed++) {
      const bytes = randomBytes(seed, 1 + (seed % 97));
      expect(Buffer.from(encodeUtf8Escaped(decodeUtf8Escaped(bytes))), `seed ${seed}`).toEqual(bytes);
    }
    expect(decodeUtf8Escaped(SAMPLES[1]!)).toBe('em dash — check ✓ emoji 😀 für\r\n');
    expect(decodeUtf8Escaped(SAMPLES[2]!)).toBe('caf\udce9\n');
    expect(decodeUtf8Escaped(SAMPLES[3]!)).toBe('\ufeffA');
  });
});

describe('InputText', () => {
  const utf8 = 'a = "—" -- ✓\nb = 1\n';

  it('takes a utf8 string for a library of bytes: offsets and edits count UTF-16 code units', () => {
    const input = InputText.read(utf8, undefined, 'bytes', 'parse');
    expect(input.form).toBe('text');
    expect(input.text).toBe(Buffer.from(utf8).toString('latin1'));
    const at = input.text.indexOf('1');
    const edits = input.edits([{ offset: at, length: 1, content: Buffer.from('"é"').toString('latin1') }]);
    expect(edits).toEqual([{ offset: utf8.indexOf('1'), length: 1, content: '"é"' }]);
    const after = input.text.slice(0, at) + Buffer.from('"é"').toString('latin1') + input.text.slice(at + 1);
    expect(input.toString(after)).toBe(applyEdits(utf8, edits));
    expect(input.position(input.text, at)).toEqual({ line: 2, column: 5, offset: utf8.indexOf('1') });
    // An edit that starts inside a character is widened to the whole character.
    const dash = input.text.indexOf('\x80');
    expect(input.edits([{ offset: dash, length: 1, content: '' }])).toEqual([{ offset: utf8.indexOf('—'), length: 1, content: '\ufffd' }]);
  });

  it('takes bytes for a library of text: offsets count bytes, bytes that are not UTF-8 survive', () => {
    const bytes = Buffer.concat([Buffer.from('x = "'), Buffer.from([0xe9]), Buffer.from('" // ✓\ny = 2\n')]);
    const input = InputText.read(bytes, undefined, 'text', 'parse');
    expect(input.form).toBe('bytes');
    expect(input.text).toBe('x = "\udce9" // ✓\ny = 2\n');
    const at = input.text.indexOf('2');
    const after = `${input.text.slice(0, at)}'—'${input.text.slice(at + 1)}`;
    const edits = input.edits([{ offset: at, length: 1, content: "'—'" }]);
    expect(edits).toEqual([{ offset: bytes.indexOf('2'), length: 1, content: Buffer.from("'—'").toString('latin1') }]);
    const written = Buffer.from(input.toBytes(after));
    expect(written.toString('latin1')).toBe(applyEdits(bytes.toString('latin1'), edits));
    expect(Buffer.from(input.toBytes(input.text))).toEqual(bytes);
    expect(input.position(input.text, at)).toEqual({ line: 2, column: 5, offset: bytes.indexOf('2') });
  });

  it('moves an error’s position and frame into the caller’s units; the message holds no position', () => {
    const input = InputText.read('x = "—" y\n', undefined, 'bytes', 'parse');
    const e = input.relocate(new ConfigSyntaxError('bad', input.text, input.text.indexOf('y')), input.text);
    expect([e.line, e.column, e.offset, e.message]).toEqual([1, 9, 8, 'bad']);
    expect(e.frame).toBe('> 1 | x = "—" y\n    |         ^\n  2 |');
    const u = input.relocate(UnsupportedEditError.at('no', input.text, input.text.indexOf('y')), input.text);
    expect([u.position, u.message]).toEqual([{ line: 1, column: 9, offset: 8 }, 'no']);
    // Moved once only.
    expect(input.relocate(e, input.text).column).toBe(9);
  });

  it('refuses what no file holds and a string that cannot be a latin1 reading', () => {
    const message = (fn: () => unknown): string => thrown(ValidationError, fn).message;
    expect(message(() => InputText.read(42, undefined, 'text', 'parseX'))).toBe(
      "parseX takes the file as a string (read with 'utf8') or as bytes (a Uint8Array or Buffer), not number",
    );
    const lone = thrown(ValidationError, () => InputText.read('a\ud800b', undefined, 'bytes', 'parseX'));
    expect([lone.message, lone.position]).toEqual([
      "parseX: the text holds a lone surrogate U+D800 at 1:2, which no UTF-8 file can hold: pass the file's bytes (a Buffer) instead",
      { line: 1, column: 2, offset: 1 },
    ]);
    expect(message(() => InputText.read('a—', { encoding: 'latin1' }, 'bytes', 'parseX'))).toBe(
      "parseX: the text holds U+2014 at 1:2, so it is not a 'latin1' reading (one character per byte): pass the string as read with 'utf8', without the encoding option",
    );
    expect(message(() => InputText.read('a', { encoding: 'utf-16' as never }, 'bytes', 'parseX'))).toBe("parseX: encoding must be 'utf8' or 'latin1', not \"utf-16\"");
  });
});
