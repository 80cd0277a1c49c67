import { describe, expect, it } from 'vitest';
import { applyEdits, assertValidEdits, composeEdits, EditConflictError, minimalEdit } from './index.js';

describe('applyEdits', () => {
  it('returns the text itself for no edits', () => {
    expect(applyEdits('abc', [])).toBe('abc');
  });

  it('applies edits given in any order against the original offsets', () => {
    expect(
      applyEdits('0123456789', [
        { offset: 8, length: 1, content: 'X' },
        { offset: 1, length: 2, content: '' },
        { offset: 5, length: 0, content: '++' },
      ]),
    ).toBe('034++567X9');
  });

  it('keeps the order of two insertions at one offset', () => {
    expect(
      applyEdits('ab', [
        { offset: 1, length: 0, content: '1' },
        { offset: 1, length: 0, content: '2' },
      ]),
    ).toBe('a12b');
  });

  it.each([
    [
      'overlap',
      [
        { offset: 1, length: 3, content: 'x' },
        { offset: 2, length: 1, content: 'y' },
      ],
      'Overlapping edits at 2',
    ],
    ['past the end', [{ offset: 3, length: 5, content: 'x' }], 'Edit at 3 (length 5) is past the end of the text (5)'],
    ['negative offset', [{ offset: -1, length: 0, content: 'x' }], 'Invalid edit at -1 (length 0)'],
    ['fractional length', [{ offset: 0, length: 0.5, content: 'x' }], 'Invalid edit at 0 (length 0.5)'],
    ['no-op', [{ offset: 1, length: 2, content: 'bc' }], 'Edit at 1 replaces text with itself'],
  ])('rejects %s', (_name, edits, message) => {
    expect(() => applyEdits('abcde', edits)).toThrowError(new EditConflictError(message));
    expect(() => assertValidEdits('abcde', edits)).toThrow(EditConflictError);
  });
});

describe('composeEdits', () => {
  const text = 'alpha beta gamma delta';

  it('maps later edits back to the original text, keeping them separate', () => {
    const first = [{ offset: 6, length: 4, content: 'BETA!' }]; // alpha BETA! gamma delta
    const second = [{ offset: 18, length: 5, content: 'D' }]; // ... gamma D
    const composed = composeEdits(text, first, second);
    expect(composed).toEqual([
      { offset: 6, length: 4, content: 'BETA!' },
      { offset: 17, length: 5, content: 'D' },
    ]);
    expect(applyEdits(text, composed)).toBe(applyEdits(applyEdits(text, first), second));
  });

  it('merges an edit that touches an earlier one', () => {
    const first = [{ offset: 0, length: 5, content: 'A' }]; // A beta gamma delta
    const second = [{ offset: 1, length: 0, content: 'B' }]; // AB beta ...
    expect(composeEdits(text, first, second)).toEqual([{ offset: 0, length: 5, content: 'AB' }]);
  });

  it('keeps a deletion when a later edit inserts at the place where the deleted text was', () => {
    const first = [{ offset: 0, length: 6, content: '' }]; // beta gamma delta
    const second = [{ offset: 0, length: 0, content: 'X ' }]; // X beta gamma delta
    const composed = composeEdits(text, first, second);
    expect(composed).toEqual([{ offset: 0, length: 6, content: 'X ' }]);
    expect(applyEdits(text, composed)).toBe(applyEdits(applyEdits(text, first), second));
  });

  it('drops a change that a later edit undoes', () => {
    const first = [{ offset: 6, length: 4, content: 'BETA' }];
    const second = [{ offset: 6, length: 4, content: 'beta' }];
    expect(composeEdits(text, first, second)).toEqual([]);
  });
});

describe('minimalEdit', () => {
  it('replaces only the middle that differs', () => {
    expect(minimalEdit('a b c', 'a X c')).toEqual([{ offset: 2, length: 1, content: 'X' }]);
    expect(minimalEdit('same', 'same')).toEqual([]);
  });
});
