import { describe, expect, it } from 'vitest';
import {
  detectIndentUnit,
  detectLineBreak,
  endsWithLineBreak,
  isBlankLine,
  isFirstOnLine,
  lineBreakAt,
  lineBreakBefore,
  lineBreakNear,
  lineEnd,
  lineIndent,
  lineStart,
  lineStarts,
  LineIndex,
  majority,
  nextLineStart,
  positionAt,
} from './index.js';
import { random } from './test-support/random.js';

// Four lines: LF, CRLF, lone CR, and a last one without a break.
const text = 'ab\n  cd\r\n\tef\rgh';
//            0 1 2 3456 7 8 9 10 11 12 13 14

describe('lines', () => {
  it.each([
    // offset, line start, line end (where its break starts), next line start
    [0, 0, 2, 3],
    [2, 0, 2, 3], // on the \n: the line it ends
    [3, 3, 7, 9],
    [7, 3, 7, 9], // on the \r of \r\n
    [8, 3, 7, 9], // on the \n of \r\n: still the same line
    [9, 9, 12, 13],
    [12, 9, 12, 13], // on the lone \r
    [13, 13, 15, 15],
    [15, 13, 15, 15], // the end of the text
  ])('offset %i: start %i, end %i, next %i', (offset, start, end, next) => {
    expect(lineStart(text, offset)).toBe(start);
    expect(lineEnd(text, offset)).toBe(end);
    expect(nextLineStart(text, offset)).toBe(next);
  });

  it('gives the break of a line, and the one before a line start', () => {
    expect([0, 5, 8, 10, 14].map((o) => lineBreakAt(text, o))).toEqual(['\n', '\r\n', '\r\n', '\r', '']);
    expect([0, 3, 9, 13, 8].map((o) => lineBreakBefore(text, o))).toEqual(['', '\n', '\r\n', '\r', '']);
  });

  it("writes a new line's break like the line it is near, or like the file on a last line without one", () => {
    expect(lineBreakNear(text, 4)).toBe('\r\n');
    expect(lineBreakNear(text, 14)).toBe('\n'); // one of each: the tie goes to \n
    expect(lineBreakNear('a\r\nb\r\nc', 5)).toBe('\r\n');
    expect(lineBreakNear('a\rb', 2)).toBe('\r');
  });

  it('reads indentation, first-on-line and blank lines', () => {
    expect([0, 5, 11, 13].map((o) => lineIndent(text, o))).toEqual(['', '  ', '\t', '']);
    expect(isFirstOnLine(text, 5)).toBe(true);
    expect(isFirstOnLine(text, 6)).toBe(false);
    expect(isFirstOnLine(text, 10)).toBe(true); // after a tab that follows a lone \r
    expect(isBlankLine('a\n \t\r\nb', 3)).toBe(true);
    expect(isBlankLine('a\n \tx\r\nb', 3)).toBe(false);
    expect(isBlankLine('a\n', 2)).toBe(true);
  });

  it('knows whether a text ends with a break', () => {
    expect(['a\n', 'a\r\n', 'a\r', 'a', ''].map(endsWithLineBreak)).toEqual([true, true, true, false, false]);
  });

  it('answers from a LineIndex as the functions do, on every offset of random texts', () => {
    const rng = random(11);
    for (let n = 0; n < 200; n++) {
      const t = Array.from({ length: rng.int(40) }, () => rng.pick(['a', ' ', '\t', '\n', '\r', '\r\n', '\r\n'])).join('');
      const index = new LineIndex(t);
      expect(index.lines).toBe(lineStarts(t).length);
      expect(index.detectLineBreak()).toBe(detectLineBreak(t));
      for (let o = 0; o <= t.length; o++) {
        expect([
          index.lineStart(o),
          index.lineEnd(o),
          index.nextLineStart(o),
          index.lineBreakAt(o),
          index.lineBreakNear(o),
          index.lineOf(o),
          index.lineIndent(o),
          index.isBlankLine(o),
        ]).toEqual([lineStart(t, o), lineEnd(t, o), nextLineStart(t, o), lineBreakAt(t, o), lineBreakNear(t, o), positionAt(t, o).line, lineIndent(t, o), isBlankLine(t, o)]);
      }
    }
  });

  it('reads a break at either end of the text, and a CR right before the end', () => {
    for (const t of ['a\r', '\r', '\r\n', '\n', 'a\r\r', '\ra', 'a\n\r']) {
      const index = new LineIndex(t);
      expect([index.lines, index.detectLineBreak(), ...[...t, ''].map((_, o) => index.lineBreakAt(o))]).toEqual([
        lineStarts(t).length,
        detectLineBreak(t),
        ...[...t, ''].map((_, o) => lineBreakAt(t, o)),
      ]);
    }
    expect(new LineIndex('a\r').detectLineBreak()).toBe('\r');
  });

  it('agrees with positionAt on every offset of random texts', () => {
    const rng = random(7);
    for (let n = 0; n < 200; n++) {
      const t = Array.from({ length: rng.int(30) }, () => rng.pick(['a', ' ', '\t', '\n', '\r', '\r\n'])).join('');
      const starts = lineStarts(t);
      for (let o = 0; o <= t.length; o++) {
        const { line, column } = positionAt(t, o);
        expect(lineStart(t, o)).toBe(starts[line - 1]);
        expect(column).toBe(o - starts[line - 1]! + 1);
        const end = lineEnd(t, o);
        expect(end >= lineStart(t, o) && end <= t.length).toBe(true);
        expect(nextLineStart(t, o)).toBe(starts[line] ?? t.length);
        expect(t.slice(end, nextLineStart(t, o))).toBe(lineBreakAt(t, o));
      }
    }
  });
});

describe('majority (the one tie rule)', () => {
  it('takes the value with the most votes', () => {
    expect(majority(['a', 'b', 'b'], 'a')).toBe('b');
  });

  it('gives a tie to the preferred value when it is tied', () => {
    expect(majority(['b', 'a'], 'a')).toBe('a');
    expect(majority(['b', 'a', 'c', 'c'], 'a')).toBe('c');
  });

  it('else to the tied value seen first', () => {
    expect(majority(['b', 'c', 'c', 'b'], 'a')).toBe('b');
    expect(majority(['c', 'b', 'b', 'c'])).toBe('c');
  });

  it('gives the preferred value, or undefined, when there are no votes', () => {
    expect(majority([], 'a')).toBe('a');
    expect(majority<string>([])).toBeUndefined();
  });
});

describe('style', () => {
  it.each([
    ['a\nb\r\nc\n', '\n'],
    ['a\r\nb\nc\r\n', '\r\n'],
    ['a\rb\rc\n', '\r'],
    ['a\r\nb\n', '\n'],
    ['a\r\nb\r', '\r\n'],
    ['none', '\n'],
  ])('line break of %j', (t, eol) => {
    expect(detectLineBreak(t)).toBe(eol);
  });

  it.each([
    ['a {\n  b {\n    c\n  }\n}\n', '  '],
    ['a {\r    b {\r        c\r    }\r}\r', '    '],
    ['a {\n\tb\n\tc\n}\n', '\t'],
    // One step of 4 and one of 2: the narrower wins the tie.
    ['a {\n    b {\n      c\n    }\n}\n', '  '],
    ['flat\n', '    '],
    // Lines of whitespace only (a form feed too) are blank: they neither vote nor reset the step.
    ['a {\n    b\n \f\n    c\n}\n', '    '],
  ])('indent unit of %j', (t, unit) => {
    expect(detectIndentUnit(t)).toBe(unit);
  });

  it('falls back to the given unit when nothing is indented', () => {
    expect(detectIndentUnit('a\nb\n', '  ')).toBe('  ');
  });
});
