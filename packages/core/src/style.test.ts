import { describe, expect, it } from 'vitest';
import { detectEol, detectIndent, detectQuote, eolAt, indentAt, lineStartAt } from './index.js';

describe('style detection', () => {
  it.each([
    ['a\nb\n', '\n'],
    ['a\r\nb\r\n', '\r\n'],
    ['a\r\nb\nc\r\n', '\r\n'],
    ['a\nb\r\nc\n', '\n'],
    ['no newline', '\n'],
  ])('eol of %j', (text, eol) => {
    expect(detectEol(text)).toBe(eol);
  });

  it('finds the line ending of one line in a mixed file', () => {
    const text = 'a\nb\r\nc\n';
    expect(eolAt(text, 0)).toBe('\n');
    expect(eolAt(text, 2)).toBe('\r\n');
  });

  it('takes a lone CR for the line break it is, as positionAt does', () => {
    const text = 'a\rb\nc\r  d';
    expect(lineStartAt(text, 2)).toBe(2);
    expect(indentAt(text, 10)).toBe('  ');
    expect(detectIndent('a {\r  b {\r    c\r  }\r}\r')).toBe('  ');
    // eolAt and detectEol answer LF or CRLF (their type): the break of the line itself, not the next LF.
    expect(eolAt('a\nb\rc\r\n', 2)).toBe('\n');
    expect(eolAt('a\r\nb\rc\n', 0)).toBe('\r\n');
    expect(eolAt('a\rb\r\nc\n', 0)).toBe('\n');
    expect(detectEol('a\rb\rc\r\n')).toBe('\r\n');
  });

  it.each([
    ['var x = {\n    a: 1,\n    b: {\n        c: 2\n    }\n};\n', '    '],
    ['var x = {\n  a: 1,\n  b: {\n    c: 2\n  }\n};\n', '  '],
    ['x = {\n\ta = 1;\n\tb = 2;\n}\n', '\t'],
    ['flat\nfile\n', '    '],
  ])('indent unit of %j', (text, unit) => {
    expect(detectIndent(text)).toBe(unit);
  });

  it('reads the indentation and start of a line', () => {
    const text = 'a\n  \tb = 1\n';
    expect(indentAt(text, 6)).toBe('  \t');
    expect(lineStartAt(text, 6)).toBe(2);
    expect(lineStartAt(text, 0)).toBe(0);
  });

  it('takes the majority quote, the fallback on a tie', () => {
    expect(detectQuote(["'a'", "'b'", '"c"'])).toBe("'");
    expect(detectQuote(['"a"', '"b"', "'c'"])).toBe('"');
    expect(detectQuote([], '"')).toBe('"');
    expect(detectQuote(["'a'", '"b"'], '"')).toBe('"');
  });
});
