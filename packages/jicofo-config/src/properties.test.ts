import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, ValidationError } from '@jitsi-confkit/core';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { escapePropertyValue, parseProperties } from './index.js';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

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
    const bad = thrown(() => parseProperties('a=1\nb=x\\u12g4\n'));
    expect(bad).toBeInstanceOf(ConfigSyntaxError);
    expect(bad.message).toBe('Malformed \\uxxxx escape (2:4)');
    const binary = thrown(() => parseProperties('a=1\n\u0000\u0001garbage'));
    expect(binary).toBeInstanceOf(ConfigSyntaxError);
    expect(binary.message).toBe('Unexpected character U+0000 (binary data?) (2:1)');
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

  it('validates keys and values', () => {
    const doc = parseProperties('a=1\n');
    for (const key of ['', 'a b', 'a=b', 'a:b', '#a', 'a\n', 'é']) {
      expect(thrown(() => doc.set(key, 'x'))).toBeInstanceOf(ValidationError);
    }
    expect(thrown(() => doc.set('a', 5 as never)).message).toBe('Invalid value for a: expected a string');
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

  it('no-op edits return no edits; undone edits leave none', () => {
    expect(parseProperties('a=1\n').set('a', '1').edits).toEqual([]);
    const doc = parseProperties('a=1\n').set('a', '2').set('a', '1');
    expect(doc.edits).toEqual([]);
    expect(doc.changed).toBe(false);
  });
});
