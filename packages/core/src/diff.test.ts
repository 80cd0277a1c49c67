import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './index.js';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n')).toBe('');
  });

  it('prints a zero-context diff', () => {
    const before = 'a\nb\nc\nd\n';
    const after = 'a\nB\nc\nd\ne\n';
    expect(unifiedDiff(before, after, { path: 'x.js', context: 0 })).toBe(['--- a/x.js', '+++ b/x.js', '@@ -2 +2 @@', '-b', '+B', '@@ -4,0 +5 @@', '+e', ''].join('\n'));
  });

  it('keeps CR bytes and marks a missing final newline', () => {
    const d = unifiedDiff('a\r\nb', 'a\r\nc', { path: 'f', context: 1 });
    expect(d).toBe(['--- a/f', '+++ b/f', '@@ -1,2 +1,2 @@', ' a\r', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'));
  });

  it('uses three lines of context by default', () => {
    const before = '1\n2\n3\n4\n5\n6\n7\n';
    const after = '1\n2\n3\nX\n5\n6\n7\n';
    expect(unifiedDiff(before, after)).toBe(['--- a/file', '+++ b/file', '@@ -1,7 +1,7 @@', ' 1', ' 2', ' 3', '-4', '+X', ' 5', ' 6', ' 7', ''].join('\n'));
  });
});
