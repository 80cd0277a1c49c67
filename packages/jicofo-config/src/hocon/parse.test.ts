import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import { HoconSubstitution, parseJicofoConf } from '../index.js';
import { placed } from '../../../../test/support/errors.js';

function syntaxError(text: string): ConfigSyntaxError {
  try {
    parseJicofoConf(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigSyntaxError);
    return error as ConfigSyntaxError;
  }
  throw new Error('expected a ConfigSyntaxError');
}

describe('reading values', () => {
  const doc = parseJicofoConf(
    [
      'jicofo {',
      '  a = 1, b: -2.5e3',
      '  c = true',
      '  d = false // comment',
      '  e = null',
      '  f = 24 hours',
      '  g = "quoted \\"x\\" \\u00e9\\n"',
      '  h = meet.example.com',
      '  i = """raw "text" \\n"""',
      '  j = [ 1, "two"',
      '    three',
      '  ]',
      '  k { l.m = 5 }',
      '  "quoted.key" = x',
      '  n = ${jicofo.a}',
      '  o = ${?HOME}/x',
      '  p = [1] [2]',
      '  q += 3',
      '  r = "20"',
      '  s = 1.2.3',
      '}',
      '',
    ].join('\n'),
  );

  it.each([
    ['jicofo.a', 1],
    ['jicofo.b', -2500],
    ['jicofo.c', true],
    ['jicofo.d', false],
    ['jicofo.e', null],
    ['jicofo.f', '24 hours'],
    ['jicofo.g', 'quoted "x" é\n'],
    ['jicofo.h', 'meet.example.com'],
    ['jicofo.i', 'raw "text" \\n'],
    ['jicofo.j', [1, 'two', 'three']],
    ['jicofo.k', { l: { m: 5 } }],
    ['jicofo.k.l.m', 5],
    ['jicofo.r', '20'],
    ['jicofo.s', '1.2.3'],
  ])('%s', (path, value) => {
    expect(doc.get(path)).toEqual(value);
  });

  it('keeps substitutions, concatenations and appends as HoconSubstitution', () => {
    expect(doc.get('jicofo.n')).toEqual(new HoconSubstitution('jicofo.a', false, '${jicofo.a}'));
    expect(doc.get('jicofo.o')).toEqual(new HoconSubstitution('${?HOME}/x', false, '${?HOME}/x'));
    expect(doc.get('jicofo.p')).toEqual(new HoconSubstitution('[1] [2]', false, '[1] [2]'));
    expect(doc.get('jicofo.q')).toEqual(new HoconSubstitution('3', false, '3'));
    expect(parseJicofoConf('a = ${?X}').get('a')).toEqual(new HoconSubstitution('X', true, '${?X}'));
  });

  it('has quoted keys, but paths only address plain keys', () => {
    expect(doc.keys('jicofo')).toContain('quoted.key');
    expect(doc.has('jicofo.quoted')).toBe(false);
  });

  it('merges repeated objects and lets later values win', () => {
    const merged = parseJicofoConf('a { x = 1, y = 2 }\na { y = 3 }\na.z = 4\nb = 1\nb { c = 2 }\nd { e = 1 }\nd = 5\n');
    expect(merged.get('a')).toEqual({ x: 1, y: 3, z: 4 });
    expect(merged.get('b')).toEqual({ c: 2 });
    expect(merged.get('d')).toBe(5);
    expect(merged.locate('a.y')).toEqual({ line: 2, column: 9, offset: 27 });
    expect(merged.locate('nope')).toBeUndefined();
  });

  it('reads a braced root, include statements, a BOM and an empty file', () => {
    expect(parseJicofoConf('{ a = 1 }\n').get('a')).toBe(1);
    expect(parseJicofoConf('include "x.conf"\ninclude required(file("/y"))\na = 1').get('a')).toBe(1);
    expect(parseJicofoConf('\ufeffa = 1').get('a')).toBe(1);
    expect(parseJicofoConf('').keys()).toEqual([]);
    // A key named include must be quoted: bare, it starts an include statement (see below).
    expect(parseJicofoConf('"include" = 5').get('include')).toBe(5);
    expect(parseJicofoConf('include"x.conf"\ninclude\n  "y.conf"\ninclude file( "z" )\nincluded = 1').get('included')).toBe(1);
  });

  // HOCON (Typesafe Config, ruby-hocon) skips newlines and comments between a key, its separator
  // and its value, and takes a comma at the start of the next line as the separator.
  it.each([
    ['a brace on the next line (Allman style)', 'jicofo\n{\n  a = 1\n}\n', 'jicofo', { a: 1 }],
    ['a brace on the next line, CRLF', 'jicofo\r\n{\r\n  a\r\n  {\r\n    b = 1\r\n  }\r\n}\r\n', 'jicofo', { a: { b: 1 } }],
    ['a value on the next line', 'a =\n  1\nb = 2\n', 'a', 1],
    ['a value after blank lines', 'a :\n\n  "x"\n', 'a', 'x'],
    ['a comment between separator and value', 'a = // the port\n  5222\n', 'a', 5222],
    ['an object after a separator and a newline', 'a =\n{ b = 1 }\n', 'a', { b: 1 }],
    ['the separator on the next line', 'a.b\n= 1\n', 'a', { b: 1 }],
    ['a comment between key and separator', 'a # why\n= 1\n', 'a', 1],
    ['a comma on the next line in an object', 'a { x = 1\n, y = 2 }\n', 'a', { x: 1, y: 2 }],
    ['a comma on the next line at the root', 'a = 1\n, b = 2\n', 'b', 2],
    ['a comma on the next line in an array', 'a = [1 # one\n, 2]\n', 'a', [1, 2]],
  ])('reads %s', (_name, text, path, value) => {
    const doc = parseJicofoConf(text);
    expect(doc.get(path)).toEqual(value);
    expect(doc.toString()).toBe(text);
  });

  // Typesafe Config and ruby-hocon read a run of number characters (digits, `-`, `.`, `e`, `+`)
  // as a number when it is one, so an exponent may carry a `+`, and `-.5` is a number.
  it.each([
    ['1e+3', 1000],
    ['-1E+3', -1000],
    ['1.5e+3 s', '1.5e+3 s'],
    ['1e+3x', '1e+3x'],
    ['-.5', -0.5],
    ['-.5e3', -500],
    ['1e21', 1e21],
    ['1e+21', 1e21],
  ])('reads the number form %s', (source, value) => {
    expect(parseJicofoConf(`a = ${source}\n`).get('a')).toEqual(value);
  });

  // Typesafe Config's tokenizer (Jicofo's reader): a run of number characters is a number when
  // Java parses it (`1.` as a double, an integer only within a long), `true`, `false` and `null`
  // end a token, and a number starts one.
  it.each([
    ['1.', 1],
    ['-0', 0],
    ['-0.0', 0],
    ['007', 7],
    ['9223372036854775807', Number('9223372036854775807')],
    ['9223372036854775808', '9223372036854775808'],
    ['-9223372036854775809', '-9223372036854775809'],
    ['9223372036854775808.0', 9223372036854775808],
    ['1e400', Infinity],
    ['.5', '.5'],
    ['1.5.3', '1.5.3'],
    ['truex', 'truex'],
    ['1abc', '1abc'],
    ['nullnull', 'nullnull'],
    ['true false', 'true false'],
  ])('reads %s as Typesafe Config does', (source, value) => {
    expect(parseJicofoConf(`a = ${source}\n`).get('a')).toEqual(value);
  });

  it('refuses a + that is not in an exponent', () => {
    expect(placed(syntaxError('a = 1+2\n'))).toBe("Unexpected '+' (1:6)");
    expect(placed(syntaxError('a = 1e3+\n'))).toBe("Unexpected '+' (1:8)");
    expect(placed(syntaxError('a = x1e+3\n'))).toBe("Unexpected '+' (1:8)");
    // In keys too, where a token starts: at the key's start, after a space, a quote or true.
    expect(placed(syntaxError('1e3+= 1'))).toBe("Unexpected '+' (1:4)");
    expect(placed(syntaxError('x -1+= 1'))).toBe("Unexpected '+' (1:5)");
    expect(placed(syntaxError('"a"1e3+=1'))).toBe("Unexpected '+' (1:7)");
    expect(parseJicofoConf('a.1e3+=1').get(['a', '1e3'])).toBeInstanceOf(HoconSubstitution);
    expect(parseJicofoConf('x true1e+3 = 1').get(['x true1e+3'])).toBe(1);
    expect(parseJicofoConf('1.5e+3 = 1').get(['1', '5e+3'])).toBe(1);
  });

  it('reads keys as Typesafe Config reads a path: tokens joined, then split at the dots outside quotes', () => {
    const doc = parseJicofoConf('a 1. b = 1\n"""t""" 1. .5 = 2\ntrue.x = 3\n"a.b".c = 4\n');
    expect(doc.get(['a 1', ' b'])).toBe(1);
    expect(doc.get(['t 1', ' ', '5'])).toBe(2);
    expect(doc.get(['true', 'x'])).toBe(3);
    expect(doc.get(['a.b', 'c'])).toBe(4);
    expect(placed(syntaxError('1. = 1'))).toBe('Empty key segment (1:3)');
  });

  // What Typesafe Config and ruby-hocon refuse (issue: `a = x {}` and `a { b {} } {}` were
  // accepted and rewritten): an object or array joined with a string, number or boolean, and
  // anything after the object of a `key {` field.
  it.each([
    ['a = x {}', 'Cannot join the string "x" and an object in one value (1:7)'],
    ['a = 1 []', 'Cannot join 1 and an array in one value (1:7)'],
    ['a = [] 1', 'Cannot join an array and 1 in one value (1:8)'],
    ['a = [] true', 'Cannot join an array and true in one value (1:8)'],
    ['a = [] truex', 'Cannot join an array and true in one value (1:8)'],
    ['a = {} "x"', 'Cannot join an object and the string "x" in one value (1:8)'],
    ['a = {} []', 'Cannot join an object and an array in one value (1:8)'],
    ['a = ${X} x []', 'Cannot join the string " x" and an array in one value (1:12)'],
    ['a = [\n  x {}\n]', 'Cannot join the string "x" and an object in one value (2:5)'],
    ['a { b {} } {}', "Unexpected '{' (1:12)"],
    ['a {} x', "Unexpected 'x' (1:6)"],
    ['a {}${X}', "Unexpected '$' (1:5)"],
  ])('refuses %j', (text, message) => {
    const error = syntaxError(text);
    expect(placed(error)).toBe(message);
  });

  // What Typesafe Config accepts of these: objects merge, arrays join, an unquoted string after
  // an object or array is dropped (a quirk of its parser), a substitution defers the join.
  it.each([
    ['a = { b {} } {}', '{ b {} } {}'],
    ['a = {b=1} {c=2}', '{b=1} {c=2}'],
    ['a = [1] [2]', '[1] [2]'],
    ['a = [] x []', '[] x []'],
    ['a = x ${X} []', 'x ${X} []'],
    ['a = [] ${X} x', '[] ${X} x'],
    ['a = {0 = x} [y]', '{0 = x} [y]'],
  ])('keeps %j as an opaque value', (text, source) => {
    expect(parseJicofoConf(text).get('a')).toEqual(new HoconSubstitution(source, false, source));
  });

  it('refuses what Typesafe Config refuses of +=, include and substitutions', () => {
    expect(placed(syntaxError('a = [ { b += 1 } ]'))).toBe("'+=' cannot be used inside an array or inside the value of another '+=' (Typesafe Config refuses it) (1:11)");
    expect(placed(syntaxError('a += { b += 1 }'))).toBe("'+=' cannot be used inside an array or inside the value of another '+=' (Typesafe Config refuses it) (1:10)");
    expect(placed(syntaxError('include = 5'))).toBe('Expected a quoted file name, file("…"), url("…"), classpath("…") or required(…) after include, found \'=\' (1:9)');
    expect(placed(syntaxError('include required(required("x"))'))).toBe(
      'Expected a quoted file name, file("…"), url("…"), classpath("…") or required(…) after include, found \'r\' (1:18)',
    );
    expect(placed(syntaxError('include url("x.conf")'))).toBe('include url("…") needs a URL (http:, https:, file:, …), not "x.conf" (1:13)');
    expect(placed(syntaxError('a = ${a=b}'))).toBe("Unexpected '=' in the path of a substitution (1:8)");
    expect(placed(syntaxError('a = ${a.}'))).toBe('Empty key segment (1:9)');
    expect(placed(syntaxError('a = ${?}'))).toBe('Empty substitution (1:5)');
    expect(placed(syntaxError('a = ${a # b}'))).toBe("Unclosed substitution: '${' without '}' (1:5)");
    expect(parseJicofoConf('a = ${ "x.y" . z }').get('a')).toEqual(new HoconSubstitution('"x.y" . z', false, '${ "x.y" . z }'));
  });

  it('keeps spaces after a dot in a key as part of the next key, as HOCON does', () => {
    const doc = parseJicofoConf('a. b = 1\nc.  "d" = 2\n');
    expect(doc.get(['a', ' b'])).toBe(1);
    expect(doc.get(['c', '  d'])).toBe(2);
    expect(placed(syntaxError('a. = 1'))).toBe('Empty key segment (1:3)');
  });

  it('still refuses a key without a value, and two commas', () => {
    expect(placed(syntaxError('a = 1\nb\n'))).toBe("Expected '=', ':' or '{' after the key, found end of line (2:2)");
    expect(placed(syntaxError('a =\n\n}'))).toBe('Expected a value, found end of line (1:4)');
    expect(placed(syntaxError('a = 1\n,\n, b = 2'))).toBe("Unexpected ',' (3:1)");
    expect(placed(syntaxError('a = [1\n,\n,2]'))).toBe("Unexpected ',' (3:1)");
  });
});

// Nesting 3,000 deep or 10,000 `[` escaped as RangeError (Maximum call stack size exceeded), and
// the CLI printed "internal error". Typesafe Config itself overflows its stack at about 2,000.
describe('deep nesting is a ConfigSyntaxError that names the limit, never a RangeError', () => {
  const MESSAGE = 'Nested too deeply: more than 1000 levels of objects, arrays and dotted keys';

  it.each([
    // The position is the key of the field whose value would be level 1,001.
    ['3,000 objects', 'jicofo {\n' + 'a { '.repeat(3000), 2, 3997],
    ['3,000 closed objects', 'a = ' + '{ b = '.repeat(3000) + '1' + ' }'.repeat(3000), 1, 6001],
    ['10,000 [', 'a = ' + '['.repeat(10_000), 1, 1005],
    ['10,000 [ closed', 'a = ' + '['.repeat(10_000) + ']'.repeat(10_000), 1, 1005],
    ['arrays of objects', 'a = ' + '[{ b = '.repeat(2000), 1, 3501],
    ['a key of 5,000 dotted parts', 'x = 1\n' + 'a.'.repeat(5000) + 'b = 1', 2, 1],
    ['objects and dotted keys', 'a.b.c { '.repeat(400), 1, 2665],
  ])('%s', (_name, text, line, column) => {
    const error = syntaxError(text);
    expect(placed(error)).toBe(`${MESSAGE} (${line}:${column})`);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('reads 1,000 levels, the most Typesafe Config reads safely, and edits inside them', () => {
    const text = 'a = ' + '{ b = '.repeat(999) + '1' + ' }'.repeat(999) + '\n';
    const path = ['a', ...Array<string>(999).fill('b')];
    const doc = parseJicofoConf(text);
    expect(doc.get(path)).toBe(1);
    expect(doc.set(path, 2).get(path)).toBe(2);
    expect(placed(syntaxError(text.replace('a = ', 'a = { b = ').replace('\n', ' }\n')))).toBe(`${MESSAGE} (1:6001)`);
  });
});

describe('syntax errors carry the exact line and column, and a code frame', () => {
  it.each([
    ['unterminated string', 'jicofo {\n  a = "open\n}\n', 'Unterminated string (2:7)', 2, 7],
    ['unclosed brace', 'jicofo {\n  a {\n    b = 1\n  }\n', "Unclosed '{': no matching '}' (1:8)", 1, 8],
    ['unclosed array', 'a = [1,\n 2\n', "Unclosed '[': no matching ']' (1:5)", 1, 5],
    ['stray closing brace', 'a = 1\n}\n', "Unexpected '}' (2:1)", 2, 1],
    ['missing separator', 'jicofo {\n  enabled true\n}', "Expected '=', ':' or '{' after the key, found end of line (2:15)", 2, 15],
    ['value ends at =', 'a = b = c\n', "Unexpected '=' (1:7)", 1, 7],
    ['bad escape', 'a = "x\\q"', 'Invalid escape sequence in string: \\q (1:7)', 1, 7],
    ['unclosed substitution', 'a = ${X\n', "Unclosed substitution: '${' without '}' (1:5)", 1, 5],
    ['lone dollar', 'a = $X', "Unexpected '$' (a substitution is written ${path}) (1:5)", 1, 5],
    ['missing value', 'a =\n', 'Expected a value, found end of line (1:4)', 1, 4],
    ['binary garbage', 'jicofo {\n  a = 1\u0000\u0001\u00ff\n}', 'Unexpected character U+0000 (binary data?) (2:8)', 2, 8],
    ['invalid UTF-8', 'a = "\ufffd"', 'Unexpected character U+FFFD (the file is not valid UTF-8) (1:6)', 1, 6],
    ['text after a braced root', '{ a = 1 }\nb = 2', "Unexpected 'b' after the root object (2:1)", 2, 1],
    ['empty key segment', 'a..b = 1', 'Empty key segment (1:3)', 1, 3],
    ['CRLF positions', 'a = 1\r\nb = "x\r\n', 'Unterminated string (2:5)', 2, 5],
    // Java's Typesafe Config and ruby-hocon both refuse raw control characters inside "…" (JSON rules).
    ['raw tab in a quoted string', 'a = "x\ty"', 'Unescaped control character U+0009 in a quoted string (write \\t) (1:7)', 1, 7],
    ['raw CR in a quoted string', 'a {\n  b = "x\r"\n}', 'Unescaped control character U+000D in a quoted string (write \\r) (2:9)', 2, 9],
    ['raw form feed in a quoted key', '"a\fb" = 1', 'Unescaped control character U+000C in a quoted string (write \\f) (1:3)', 1, 3],
  ])('%s', (_name, text, message, line, column) => {
    const error = syntaxError(text);
    expect(placed(error)).toBe(message);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.frame).toContain('^');
  });

  it('shows a code frame', () => {
    expect(syntaxError('jicofo {\n  a = "open\n}\n').frame).toBe(['  1 | jicofo {', '> 2 |   a = "open', '    |       ^', '  3 | }', '  4 |'].join('\n'));
  });
});
