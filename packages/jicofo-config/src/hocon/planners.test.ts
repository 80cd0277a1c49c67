/**
 * The HOCON planners, called directly on snapshots: each returns exactly these edits against the
 * snapshot's text (or refuses with this error and position), and the footprints say what a step
 * reads and changes.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, UnsupportedEditError, type TextEdit } from '@jitsi-confkit/core';
import { placed, thrown } from '../../../../test/support/errors.js';
import { planRemoveFields, planReplace } from './fields.js';
import type { HoconInput } from './format.js';
import { hoconKind } from './kind.js';
import { find, type HoconSnapshot } from './snapshot.js';
import { planInsert } from './objects.js';
import { deleteFootprint, fieldsCovering, isObjectAt, planDelete, planSet, setFootprint } from './paths.js';
import { separatorFor } from './style.js';
import { workOf } from '../test-support/work.js';

function snapshot(text: string): HoconSnapshot {
  return { text, parsed: hoconKind.parse(text) };
}

/** The edits, and the text they make. */
function planned(text: string, plan: (s: HoconSnapshot) => TextEdit[]): [TextEdit[], string] {
  const edits = plan(snapshot(text));
  return [edits, applyEdits(text, edits)];
}

describe('planReplace (fields.ts)', () => {
  const replace = (text: string, path: string, value: HoconInput): TextEdit[] => {
    const s = snapshot(text);
    return planReplace(s, path, find(s.parsed, path.split('.'))!, value);
  };

  it.each<[string, string, HoconInput, TextEdit[]]>([
    ['a number', 'a = 20\n', 40, [{ offset: 4, length: 2, content: '40' }]],
    ['a quoted string stays quoted', 'a = "x"\n', 'meet.example.com', [{ offset: 4, length: 3, content: '"meet.example.com"' }]],
    ['an unquoted string stays unquoted', 'a = NONE\n', 'XMPP', [{ offset: 4, length: 4, content: 'XMPP' }]],
    ['unquoted words stay unquoted', 'a = 15 seconds\n', '20 seconds', [{ offset: 4, length: 10, content: '20 seconds' }]],
    ['an unquoted string that cannot stay so is quoted', 'a = NONE\n', 'true', [{ offset: 4, length: 4, content: '"true"' }]],
    ['a padded array stays padded', 'a = [ 1 ]\n', [2, 3], [{ offset: 4, length: 5, content: '[ 2, 3 ]' }]],
    ['a string where a number was: the file quotes strings', 'a = 1\nb = "x"\n', 'y', [{ offset: 4, length: 1, content: '"y"' }]],
    ['a string where a number was: the file writes words unquoted', 'a = 1\nb = x\n', 'y', [{ offset: 4, length: 1, content: 'y' }]],
    ['the same value: nothing', 'a = 0.0\n', 0, []],
    ['-0 where 0 is written', 'a = 0\n', -0, [{ offset: 4, length: 1, content: '-0' }]],
    ['0 where -0 is written', 'a = -0\n', 0, [{ offset: 4, length: 2, content: '0' }]],
    ['-0 where -0.0 is written: nothing', 'a = -0.0\n', -0, []],
  ])('%s', (_name, text, value, edits) => {
    expect(replace(text, 'a', value)).toEqual(edits);
  });

  it('refuses an object and a value that is not a literal, with their positions', () => {
    const objectError = thrown(UnsupportedEditError, () => replace('a {\n  b = 1\n}\n', 'a', 1));
    expect([placed(objectError), objectError.position]).toEqual(['a is an object; set its keys instead (1:3)', { line: 1, column: 3, offset: 2 }]);
    const substitution = thrown(UnsupportedEditError, () => replace('x = 1\na = ${X}\n', 'a', 1));
    expect([placed(substitution), substitution.position]).toEqual(['a is not a literal value (${X}); edit it by hand (2:5)', { line: 2, column: 5, offset: 10 }]);
  });
});

describe('planInsert (objects.ts)', () => {
  const insert = (text: string, path: string, value: HoconInput): [TextEdit[], string] => planned(text, (s) => planInsert(s, path.split('.'), value));

  it.each<[string, string, string, HoconInput, TextEdit[], string]>([
    ['after the last member of the innermost block', 'j {\n  a = 1\n}\n', 'j.b', 2, [{ offset: 12, length: 0, content: '  b = 2\n' }], 'j {\n  a = 1\n  b = 2\n}\n'],
    ['into an empty block', 'j {\n}\n', 'j.b', 2, [{ offset: 4, length: 0, content: '  b = 2\n' }], 'j {\n  b = 2\n}\n'],
    ['into a one-line block', 'j { a = 1 }\n', 'j.b', 'x', [{ offset: 9, length: 0, content: ', b = "x"' }], 'j { a = 1, b = "x" }\n'],
    ['into an empty one-line block', 'j {}\n', 'j.b', 2, [{ offset: 2, length: 2, content: '{\n  b = 2\n}' }], 'j {\n  b = 2\n}\n'],
    [
      'the missing objects as blocks',
      'j {\n  a = 1\n}\n',
      'j.x.y',
      true,
      [{ offset: 12, length: 0, content: '  x {\n    y = true\n  }\n' }],
      'j {\n  a = 1\n  x {\n    y = true\n  }\n}\n',
    ],
    ['next to a dotted sibling', 'a.x = 1\n', 'a.y', 2, [{ offset: 8, length: 0, content: 'a.y = 2\n' }], 'a.x = 1\na.y = 2\n'],
    ['before a trailing include', 'a = 1\ninclude "x.conf"\n', 'b', 2, [{ offset: 6, length: 0, content: 'b = 2\n' }], 'a = 1\nb = 2\ninclude "x.conf"\n'],
    ['at the end of a root without a final line break', 'a = 1', 'b', 2, [{ offset: 5, length: 0, content: '\nb = 2' }], 'a = 1\nb = 2'],
    [
      'CRLF, with the separator and indentation of the block',
      'j {\r\n\ta: 1\r\n}\r\n',
      'j.b',
      2,
      [{ offset: 12, length: 0, content: '\tb: 2\r\n' }],
      'j {\r\n\ta: 1\r\n\tb: 2\r\n}\r\n',
    ],
  ])('%s', (_name, text, path, value, edits, output) => {
    expect(insert(text, path, value)).toEqual([edits, output]);
  });

  it('refuses a path through a value that is not an object, with its position', () => {
    const error = thrown(UnsupportedEditError, () => insert('a = 1\n', 'a.b', 2));
    expect([placed(error), error.position]).toEqual(['a is not an object, so a.b cannot be set inside it (1:5)', { line: 1, column: 5, offset: 4 }]);
  });
});

describe('planSet and planDelete (paths.ts)', () => {
  it('replaces where the path is set and inserts where it is not', () => {
    expect(planned('a = 1\n', (s) => planSet(s, ['a'], 2))).toEqual([[{ offset: 4, length: 1, content: '2' }], 'a = 2\n']);
    expect(planned('a = 1\n', (s) => planSet(s, ['b'], 2))).toEqual([[{ offset: 6, length: 0, content: 'b = 2\n' }], 'a = 1\nb = 2\n']);
  });

  it('deletes every occurrence, through the blocks of the ancestors', () => {
    const text = 'j { a = 1 }\nj.a = 2\nj {\n  a = 3\n  b = 4\n}\n';
    expect(fieldsCovering(snapshot(text).parsed.root, ['j', 'a']).map((f) => f.start)).toEqual([4, 12, 26]);
    expect(planned(text, (s) => planDelete(s, ['j', 'a']))).toEqual([
      [
        { offset: 3, length: 6, content: '' },
        { offset: 12, length: 8, content: '' },
        { offset: 24, length: 8, content: '' },
      ],
      'j { }\nj {\n  b = 4\n}\n',
    ]);
    expect(planDelete(snapshot(text), ['j', 'zz'])).toEqual([]);
  });

  it('tells an object from a value', () => {
    const s = snapshot('a { b = 1 }\n');
    expect([isObjectAt(s, ['a']), isObjectAt(s, ['a', 'b']), isObjectAt(s, ['c'])]).toEqual([true, false, false]);
  });
});

describe('planRemoveFields (fields.ts)', () => {
  const remove = (text: string, path: string): [TextEdit[], string] => planned(text, (s) => planRemoveFields(text, fieldsCovering(s.parsed.root, path.split('.'))));

  it.each<[string, string, string, TextEdit[], string]>([
    ['a whole line', 'a = 1\nb = 2\n', 'a', [{ offset: 0, length: 6, content: '' }], 'b = 2\n'],
    ['with its trailing comment', 'a = 1 # one\nb = 2\n', 'a', [{ offset: 0, length: 12, content: '' }], 'b = 2\n'],
    ['the last line without a final line break: the break before it', 'a = 1\r\nb = 2', 'b', [{ offset: 5, length: 7, content: '' }], 'a = 1'],
    ['on a shared line, with its comma', 'a { x = 1, y = 2 }\n', 'a.x', [{ offset: 4, length: 7, content: '' }], 'a { y = 2 }\n'],
    ['the last on a shared line, with the comma before it', 'a { x = 1, y = 2 }\n', 'a.y', [{ offset: 9, length: 7, content: '' }], 'a { x = 1 }\n'],
    [
      'and the comma that separates it at the start of a later line',
      'a {\n  x = 1\n  , y = 2\n}\n',
      'a.x',
      [
        { offset: 4, length: 8, content: '' },
        { offset: 14, length: 2, content: '' },
      ],
      'a {\n  y = 2\n}\n',
    ],
  ])('%s', (_name, text, path, edits, output) => {
    expect(remove(text, path)).toEqual([edits, output]);
  });

  // HOCON's comments end at a line feed: both real readers take a carriage return alone for a space.
  it('ends a comment at the line feed, not at a carriage return alone', () => {
    expect(remove('a = 1 # c\r, b\nc = 2\n', 'a')).toEqual([[{ offset: 0, length: 14, content: '' }], 'c = 2\n']);
  });
});

describe('footprints (paths.ts): what a step reads and changes', () => {
  const KEYS = (...keys: string[]): string[] => ['keys', ...keys];
  const STYLE = ['style'];

  it.each<[string, string, string, HoconInput, string[][]]>([
    ['a number for a number', 'a = 20\n', 'a', 40, [KEYS('a')]],
    ['a boolean for a quoted string', 'a = "x"\n', 'a', true, [KEYS('a')]],
    ['a string for a quoted string', 'a = "x"\n', 'a', 'y', [KEYS('a')]],
    ['an unquoted word for an unquoted word', 'a = NONE\n', 'a', 'XMPP', [KEYS('a')]],
    ['a quoted string for the unquoted word that voted for unquoted strings', 'a = NONE\n', 'a', 'true', [KEYS('a'), STYLE]],
    ['a number for the unquoted word that voted', 'a = NONE\n', 'a', 5, [KEYS('a'), STYLE]],
    ['a string for a number: written in the file style', 'a = 1\n', 'a', 'x', [KEYS('a'), STYLE]],
    ['an array: written in the file style', 'a = [1]\n', 'a', [2], [KEYS('a'), STYLE]],
    ['a value over several lines', 'a = """x\ny"""\n', 'a', 'z', [KEYS('a'), STYLE]],
    ['an insertion: the path, the object it goes into, the style', 'j { a = 1 }\n', 'j.x.y', 1, [KEYS('j', 'x', 'y'), KEYS('j'), STYLE]],
  ])('set, %s', (_name, text, path, value, footprint) => {
    expect(setFootprint(snapshot(text), path.split('.'), value)).toEqual(footprint);
  });

  it('delete: the path and the style', () => {
    expect(deleteFootprint(['j', 'a'])).toEqual([KEYS('j', 'a'), STYLE]);
  });
});

describe('style (style.ts): core majority, ties to the value seen first', () => {
  it.each([
    ['the block says', 'x = 1\ny = 2\nj {\n  a: 1\n}\n', ': '],
    ['a tie in the block: the first', 'j {\n  a: 1\n  b = 2\n}\n', ': '],
    ['nothing in the block: the file', 'x=1\nj {\n}\n', '='],
    ['nothing in the file: what goes with its objects', 'j: {\n}\n', ': '],
  ])('the separator of a new field: %s', (_name, text, separator) => {
    const s = snapshot(text);
    const block = s.parsed.root.members.map((m) => (m.kind === 'field' ? m.value : undefined)).find((v) => v?.kind === 'object');
    expect(separatorFor(text, block?.kind === 'object' ? block : s.parsed.root, s.parsed.style)).toBe(separator);
  });

  // Most edits need none of the file's votes (a replaced value keeps its own style, a number or a
  // boolean has one way to be written) or one group: each is counted when first asked.
  it('counts each group of votes over the file when a planner first asks for it', () => {
    const text = ['j {', ...Array.from({ length: 300 }, (_, i) => `  k${i} = "v"`), '}', 'x {', '  a = 1', '}', ''].join('\n');
    const s = snapshot(text);
    const fields = s.parsed.fields.length;
    expect(workOf(() => planSet(s, ['x', 'b'], 2))).toBeLessThan(20);
    expect(workOf(() => planSet(s, ['j', 'k7'], 'w'))).toBeLessThan(20);
    expect(workOf(() => s.parsed.style.opener)).toBe(fields);
    expect(workOf(() => s.parsed.style.separator)).toBe(0);
    expect(workOf(() => s.parsed.style.values)).toBe(fields);
    expect(workOf(() => s.parsed.style.values)).toBe(0);
  });

  it('counts the file once per parse, and the indentation unit only when asked', () => {
    const s = snapshot('j {\n    a = [ 1 ]\n    b = x\n}\n');
    expect(s.parsed.style).toBe(s.parsed.style);
    expect([s.parsed.style.values, s.parsed.style.indentUnit, s.parsed.style.opener]).toEqual([{ quoting: 'word', arrayPadding: true, separator: ' = ' }, '    ', ' ']);
  });
});
