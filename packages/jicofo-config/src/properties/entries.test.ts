/**
 * The .properties planners, called directly on snapshots: exactly these edits against the
 * snapshot's text, and the footprints that say what a step reads and changes.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '@jitsi-confkit/core';
import { changedKey, deleteFootprint, footprintKeys, planDelete, planSet, setFootprint, type PropertiesSnapshot } from './entries.js';
import { scan } from './scan.js';

function snapshot(text: string): PropertiesSnapshot {
  return { text, parsed: scan(text) };
}

function planned(text: string, plan: (s: PropertiesSnapshot) => TextEdit[]): [TextEdit[], string] {
  const edits = plan(snapshot(text));
  return [edits, applyEdits(text, edits)];
}

describe('planSet', () => {
  it.each<[string, string, string, string, TextEdit[], string]>([
    ['the last occurrence, in place', 'a=1\na=2\n', 'a', 'x', [{ offset: 6, length: 1, content: 'x' }], 'a=1\na=x\n'],
    ['a value over several lines, as a whole', 'g = one \\\n    two\n', 'g', 'x', [{ offset: 4, length: 13, content: 'x' }], 'g = x\n'],
    ['a key without a value gets the file separator', 'a : 1\nb\n', 'b', '2', [{ offset: 7, length: 0, content: ' : 2' }], 'a : 1\nb : 2\n'],
    ['escaped', 'a=1\n', 'a', ' x\n=y', [{ offset: 2, length: 1, content: '\\ x\\n=y' }], 'a=\\ x\\n=y\n'],
    ['appended with the file separator and line break', 'a: 1\r\nb: 2\r\n', 'c', '3', [{ offset: 12, length: 0, content: 'c: 3\r\n' }], 'a: 1\r\nb: 2\r\nc: 3\r\n'],
    ['appended to a file without a final line break', 'a=1', 'c', '3', [{ offset: 3, length: 0, content: '\nc=3' }], 'a=1\nc=3'],
    ['appended after a blank line that closes an open continuation', 'a=1\\\n', 'b', '2', [{ offset: 5, length: 0, content: '\nb=2\n' }], 'a=1\\\n\nb=2\n'],
    ['to an empty file', '', 'a', '1', [{ offset: 0, length: 0, content: 'a=1\n' }], 'a=1\n'],
  ])('%s', (_name, text, key, value, edits, output) => {
    expect(planned(text, (s) => planSet(s, key, value))).toEqual([edits, output]);
  });

  it('plans nothing for the value the key has', () => {
    expect(planSet(snapshot('a = x\n'), 'a', 'x')).toEqual([]);
  });

  it('takes the separator most entries use, a tie going to the one seen first', () => {
    expect(planned('a : 1\nb=2\nc\n', (s) => planSet(s, 'c', '3'))[1]).toBe('a : 1\nb=2\nc : 3\n');
    expect(planned('b=2\na : 1\nc\n', (s) => planSet(s, 'c', '3'))[1]).toBe('b=2\na : 1\nc=3\n');
  });
});

describe('planDelete', () => {
  it.each<[string, string, string, TextEdit[], string]>([
    [
      'every occurrence with its lines',
      'a=1\nb=2 \\\n  more\na=3\n',
      'a',
      [
        { offset: 0, length: 4, content: '' },
        { offset: 17, length: 4, content: '' },
      ],
      'b=2 \\\n  more\n',
    ],
    ['adjacent occurrences as one span', 'a=1\na=2\nb=3\n', 'a', [{ offset: 0, length: 8, content: '' }], 'b=3\n'],
    ['the last line without a final line break: the break before it too', 'a=1\nb=2', 'b', [{ offset: 3, length: 4, content: '' }], 'a=1'],
    ['the blank line set() added after an open continuation', 'a=1\\\n\nb=2\n', 'b', [{ offset: 5, length: 5, content: '' }], 'a=1\\\n'],
  ])('%s', (_name, text, key, edits, output) => {
    expect(planned(text, (s) => planDelete(s, key))).toEqual([edits, output]);
  });

  // Without the blank line, the lone backslash before it would end the file: the empty key to
  // java.util.Properties. The tidy removal would change that key: just the entry goes.
  it('keeps a line break whose removal would change how another entry reads', () => {
    const text = 'a=1\n\\\n\nb=2\n';
    expect(planned(text, (s) => planDelete(s, 'b'))).toEqual([[{ offset: 7, length: 4, content: '' }], 'a=1\n\\\n\n']);
    expect(scan('a=1\n\\\n').effective.has('')).toBe(true);
  });

  it('plans nothing for a key that is not there', () => {
    expect(planDelete(snapshot('a=1\n'), 'b')).toEqual([]);
  });
});

describe('what changed between two scans', () => {
  it.each([
    ['nothing', 'a=1\nb=2\n', 'a=5\nb=2\n', ['a'], undefined],
    ['another value', 'a=1\nb=2\n', 'a=5\nb=3\n', ['a'], 'b'],
    ['a key gone', 'a=1\nb=2\n', 'a=1\n', ['a'], 'b'],
    ['a key come', 'a=1\n', 'a=1\n\\\n', ['a'], ''],
  ])('%s', (_name, before, after, keys, changed) => {
    expect(changedKey(scan(before), scan(after), keys)).toBe(changed);
  });
});

describe('footprints', () => {
  const KEY = (key: string): string[] => ['keys', key];
  const STYLE = ['style'];

  it.each<[string, string, string, string[][]]>([
    ['a value on one line', 'a=1\nb=2\n', 'a', [KEY('a')]],
    ['an append: the style (separator, line break, the end of the file)', 'a=1\n', 'n', [KEY('n'), STYLE]],
    ['a key without a separator: the style', 'a\nb=2\n', 'a', [KEY('a'), STYLE]],
    ['a value over several lines: the style (their line breaks voted)', 'a=1 \\\n 2\nb=2\n', 'a', [KEY('a'), STYLE]],
    ['the last line of the file: the style (an open continuation may close)', 'b=2\na=1\\\n', 'a', [KEY('a'), STYLE]],
  ])('set, %s', (_name, text, key, footprint) => {
    expect(setFootprint(snapshot(text), key)).toEqual(footprint);
  });

  it('delete: the key and the style; the keys of a commit', () => {
    expect(deleteFootprint('a')).toEqual([KEY('a'), STYLE]);
    expect(footprintKeys([KEY('a'), STYLE, KEY('b')])).toEqual(['a', 'b']);
    expect(footprintKeys(undefined)).toBeUndefined();
  });
});
