import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, EditVerificationError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { escapePropertyValue, parseProperties, unicodeEscapeCase } from './index.js';
import { errorOf, placed } from '../../../test/support/errors.js';
import { work } from './work.js';

describe('reading with java.util.Properties rules', () => {
  const text = [
    '# comment = not a key',
    '   ! also a comment',
    '',
    'a=1',
    'b : 2',
    'c 3',
    '  d\t=\t  4  ',
    'e',
    'f=',
    'g = one \\',
    '    two \\',
    '\tthree',
    'h\\ i\\=j = k\\tl\\u00e9\\\\m\\n',
    'n = ends with backslash \\\\',
    'o = x',
    'o = y',
    'p:=q',
    '# a comment line does not continue \\',
    'r = s',
  ].join('\n');
  const doc = parseProperties(text);

  it.each([
    ['a', '1'],
    ['b', '2'],
    ['c', '3'],
    ['d', '4  '],
    ['e', ''],
    ['f', ''],
    ['g', 'one two three'],
    ['h i=j', 'k\tlé\\m\n'],
    ['n', 'ends with backslash \\'],
    ['o', 'y'],
    ['p', '=q'],
    ['r', 's'],
  ])('%j', (key, value) => {
    expect(doc.get(key)).toBe(value);
  });

  // java.util.Properties (Java 9+ LineReader): while a logical line has no characters yet, a
  // continuation leaves it at its start, so a `#` or `!` there makes it a comment and an empty line
  // makes it a blank line; a backslash alone on the last line is the empty key, but not when the
  // file ends right after a CRLF.
  it.each([
    ['a comment after an empty continuation', '\\\n#x=1\ny=2\n', { y: '2' }],
    ['a ! comment after indented empty continuations', '  \\\n  \\\n  !c\ny=2', { y: '2' }],
    ['a blank line after an empty continuation', '\\\n\nx=1\n', { x: '1' }],
    ['a blank CRLF line after an empty continuation', '\\\r\n\r\nx=1\r\n', { x: '1' }],
    ['only spaces after an empty continuation at the end', 'x=1\n\\\n   ', { x: '1' }],
    ['a backslash alone at the end', 'x=1\n\\', { x: '1', '': '' }],
    ['a backslash and LF at the end', 'x=1\n\\\n', { x: '1', '': '' }],
    ['a backslash and CR at the end', 'x=1\n\\\r', { x: '1', '': '' }],
    ['a backslash and CRLF at the end', 'x=1\n\\\r\n', { x: '1' }],
    ['a value continued onto a comment-like line', 'a=1\\\n#2\n', { a: '1#2' }],
    ['a key continued onto an empty line', 'a\\\n\nb=2', { a: '', b: '2' }],
  ])('%s', (_name, input, values) => {
    const d = parseProperties(input);
    expect(Object.fromEntries(d.keys().map((k) => [k, d.get(k)]))).toEqual(values);
    expect(d.toString()).toBe(input);
  });

  it('lists keys once, in order, and locates values', () => {
    expect(doc.keys()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h i=j', 'n', 'o', 'p', 'r']);
    expect(doc.locate('o')).toEqual({ line: 16, column: 5, offset: text.indexOf('o = y') + 4 });
    expect(doc.locate('zz')).toBeUndefined();
    expect(doc.has('e')).toBe(true);
  });

  it('round-trips the text byte for byte', () => {
    expect(doc.toString()).toBe(text);
    expect(doc.changed).toBe(false);
  });

  it('rejects malformed \\u escapes and binary data with line and column', () => {
    const bad = errorOf(() => parseProperties('a=1\nb=x\\u12g4\n'));
    expect(bad).toBeInstanceOf(ConfigSyntaxError);
    expect(placed(bad)).toBe('Malformed \\uxxxx escape (2:4)');
    const binary = errorOf(() => parseProperties('a=1\n\u0000\u0001garbage'));
    expect(binary).toBeInstanceOf(ConfigSyntaxError);
    expect(placed(binary)).toBe('Unexpected character U+0000 (binary data?) (2:1)');
  });
});

describe('editing', () => {
  it('replaces a continued value as a whole and keeps the separator', () => {
    const input = 'x = 1\ng = one \\\n    two\ny: 2\n';
    const doc = parseProperties(input).set('g', 'new').set('y', 'XMPP:meet.example.com');
    expect(doc.toString()).toBe('x = 1\ng = new\ny: XMPP:meet.example.com\n');
    expectEditInvariants(input, doc.edits, doc.toString());
  });

  it('gives a key without a value a separator', () => {
    expect(parseProperties('a=1\nb\n').set('b', '2').toString()).toBe('a=1\nb=2\n');
  });

  it('appends in the file style, keeping a missing final newline missing', () => {
    expect(parseProperties('').set('a', '1').toString()).toBe('a=1\n');
    expect(parseProperties('a : 1\r\nb : 2\r\n').set('c', '3').toString()).toBe('a : 1\r\nb : 2\r\nc : 3\r\n');
    expect(parseProperties('a=1').set('c', '3').toString()).toBe('a=1\nc=3');
  });

  it('appends after a last line that ends in a continuation without joining it', () => {
    for (const [input, output] of [
      ['a=1\\', 'a=1\\\n\nb=2'],
      ['a=1\\\n', 'a=1\\\n\nb=2\n'],
      ['a=1\\\r\n', 'a=1\\\r\n\r\nb=2\r\n'],
      ['a=1\\\n   ', 'a=1\\\n   \n\nb=2'],
      ['a=1\\\\\n', 'a=1\\\\\nb=2\n'],
      ['# c \\\n', '# c \\\nb=2\n'],
    ]) {
      const doc = parseProperties(input!).set('b', '2');
      expect(doc.toString()).toBe(output);
      expectEditInvariants(input!, doc.edits, output!);
      expect(doc.get('a')).toBe(parseProperties(input!).get('a'));
    }
  });

  it('keeps the final line break of a value whose last line ends in a backslash', () => {
    expect(parseProperties('a=1\\\n').set('a', '2').toString()).toBe('a=2\n');
    expect(parseProperties('a=1\\\r\n').set('a', '2').toString()).toBe('a=2\r\n');
    expect(parseProperties('a=1\\').set('a', '2').toString()).toBe('a=2');
    expect(parseProperties('a=1\\\n  2\n').set('a', '3').toString()).toBe('a=3\n');
  });

  it('refuses an edit that would change another key', () => {
    // A backslash and LF ending the file make the empty key; any line after them unmakes it.
    const input = 'x=1\n\\\n';
    const doc = parseProperties(input);
    const error = errorOf(() => doc.set('y', '2'));
    expect(error).toBeInstanceOf(UnsupportedEditError);
    // The edit did not read back: EditVerificationError, an UnsupportedEditError of the same code.
    expect(error).toBeInstanceOf(EditVerificationError);
    expect([(error as EditVerificationError).code, (error as EditVerificationError).failure, (error as EditVerificationError).operation]).toEqual([
      'E_UNSUPPORTED_EDIT',
      'read-back',
      'set y',
    ]);
    expect(error.message).toBe('Editing y would change the value of "" too; the file was left unchanged');
    expect(doc.toString()).toBe(input);
    expect(doc.edits).toEqual([]);
  });

  it('escapes hostile values so they stay one value on one line', () => {
    const hostile = ' =x\nevil.key=1\r\n# \\ \u00e9 \u2028 \t!';
    const doc = parseProperties('a=1\n').set('a', hostile);
    expect(doc.toString()).toBe('a=\\ =x\\nevil.key=1\\r\\n# \\\\ \\u00E9 \\u2028 \\t!\n');
    const again = parseProperties(doc.toString());
    expect(again.get('a')).toBe(hostile);
    expect(again.keys()).toEqual(['a']);
    expect(escapePropertyValue('=a')).toBe('\\=a');
    expect(escapePropertyValue('#a')).toBe('\\#a');
  });

  it("writes a \\u escape's hex digits in the case the file's own escapes use (upper, as Properties.store() does, when they say nothing)", () => {
    expect(parseProperties('a=caf\\u00e9\n').set('b', '\u00c9t\u00e9').toString()).toBe('a=caf\\u00e9\nb=\\u00c9t\\u00e9\n');
    expect(parseProperties('a=caf\\u00E9\n').set('b', '\u00c9t\u00e9').toString()).toBe('a=caf\\u00E9\nb=\\u00C9t\\u00E9\n');
    expect(parseProperties('a=1\n').set('b', '\u00e9').toString()).toBe('a=1\nb=\\u00E9\n');
    // Digits only (\u0041) say nothing; one vote each way is a tie: upper.
    expect(unicodeEscapeCase('a=\\u0041\n')).toBe('upper');
    expect(unicodeEscapeCase('a=\\u00e9\nb=\\u00E9\n')).toBe('upper');
    expect(unicodeEscapeCase('# \\u00e9\na=\\u00e9\nb=\\u00E9\n')).toBe('lower');
    expect(escapePropertyValue('\u00e9\u2028', 'lower')).toBe('\\u00e9\\u2028');
    expect(escapePropertyValue('\u00e9\u2028')).toBe('\\u00E9\\u2028');
  });

  it('validates keys and values', () => {
    const doc = parseProperties('a=1\n');
    for (const key of ['', 'a b', 'a=b', 'a:b', '#a', 'a\n', 'é']) {
      expect(errorOf(() => doc.set(key, 'x'))).toBeInstanceOf(ValidationError);
    }
    expect(errorOf(() => doc.set('a', 5 as never)).message).toBe('Invalid value for a: expected a string');
    expect(doc.toString()).toBe('a=1\n');
  });

  it('deletes every occurrence, with its continuation lines', () => {
    const input = 'a=1\nb=2 \\\n  more\na=3\n';
    const doc = parseProperties(input).delete('a');
    expect(doc.toString()).toBe('b=2 \\\n  more\n');
    expect(doc.delete('a').edits).toEqual(doc.edits);
    expect(parseProperties(input).delete('b').toString()).toBe('a=1\na=3\n');
    expect(parseProperties(input).delete('zz').edits).toEqual([]);
  });

  it('deletes a key whose last occurrence is the last line, right after another occurrence', () => {
    for (const [input, output] of [
      [' b\rx y\\\\\r x y', ' b'],
      ['a=1\nx=1\nx=2', 'a=1'],
      ['a=1\r\nx=1\r\nx=2', 'a=1'],
      ['x=1\nx=2', ''],
    ]) {
      const doc = parseProperties(input!).delete('x');
      expect(doc.toString()).toBe(output);
      expectEditInvariants(input!, doc.edits, output!);
    }
  });

  it('no-op edits return no edits; undone edits leave none', () => {
    expect(parseProperties('a=1\n').set('a', '1').edits).toEqual([]);
    const doc = parseProperties('a=1\n').set('a', '2').set('a', '1');
    expect(doc.edits).toEqual([]);
    expect(doc.changed).toBe(false);
  });
});

// A backslash that ends the file ends the last value (java.util.Properties drops it). Setting that
// value failed with an internal "Invalid edit" (the value's span ended before it started) or was
// refused as if it changed the key.
describe('a backslash at the very end of the file', () => {
  it.each([
    ['x y\\', 'x', 'x z'],
    ['\\\nx y\\', 'x', '\\\nx z'],
    ['a\\', 'a', 'a=z'],
    ['a=\\', 'a', 'a=z'],
    ['a=1\nb\\', 'b', 'a=1\nb=z'],
  ])('%j: set %s', (text, key, output) => {
    const doc = parseProperties(text).set(key, 'z');
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString()).toBe(output);
    expect(doc.get(key)).toBe('z');
  });
});

// Each edit compared every other key's value by scanning all entries for each key: quadratic in
// the number of entries. The work (loop turns, see work.ts) of a set or delete on a file of
// 20,000 entries is now a small multiple of the file's size, as it is on a file of 200.
describe('edits on a large file do work proportional to its size', () => {
  const file = (n: number): string => Array.from({ length: n }, (_, i) => `org.jitsi.key${i}=value ${i}\n`).join('');

  it.each([200, 20_000])('%i entries', (n) => {
    const text = file(n);
    const before = work.count;
    const doc = parseProperties(text)
      .set(`org.jitsi.key${n >> 1}`, 'changed')
      .set('org.jitsi.new', 'x')
      .delete('org.jitsi.key0');
    const spent = work.count - before;
    expect(doc.get(`org.jitsi.key${n >> 1}`)).toBe('changed');
    // Four scans of the text (parse, and a read-back after each of three edits), a few turns a character.
    expect(spent).toBeLessThan(4 * 4 * text.length);
  });
});

describe('long and deep input (no nesting to overflow)', () => {
  it.each([
    ['10,000 continuation lines', `a=${'x\\\n'.repeat(10_000)}y\n`, 'a', `${'x'.repeat(10_000)}y`],
    ['10,000 [ in a value', `a=${'['.repeat(10_000)}\n`, 'a', '['.repeat(10_000)],
    ['a 1 MB value', `a=${'v'.repeat(1 << 20)}`, 'a', 'v'.repeat(1 << 20)],
  ])('%s', (_name, text, key, value) => {
    const doc = parseProperties(text);
    expect(doc.get(key)).toBe(value);
    expect(doc.set(key, 'short').get(key)).toBe('short');
  });
});
