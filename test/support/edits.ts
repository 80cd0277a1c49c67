/**
 * The invariants every edit list an operation returns must keep (after jsonc-parser's assertEdit):
 * edits are valid against the input (in range, non-overlapping, none a no-op), applying them gives
 * the document's text, and an empty list means the text is unchanged.
 */
import { expect } from 'vitest';
import { applyEdits, assertValidEdits, type TextEdit } from '@jitsi-confkit/core';

export function expectEditInvariants(input: string, edits: readonly TextEdit[], output: string): void {
  assertValidEdits(input, edits);
  expect(applyEdits(input, edits)).toBe(output);
  expect(edits.length === 0).toBe(input === output);
}
