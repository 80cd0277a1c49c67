import { describe, expect, it } from 'vitest';
import { ComposedEdits } from './compose.js';
import { applyEdits, assertValidEdits, composeEdits, EditConflictError, type TextEdit } from './index.js';
import { random, type Random } from './test-support/random.js';

/** A valid edit list against `text`: 1 to 3 edits, non-overlapping, none a no-op; insertions at one offset happen often. */
function randomEdits(rng: Random, text: string, most = 3): TextEdit[] {
  const count = 1 + rng.int(most);
  const points = Array.from({ length: count * 2 }, () => rng.int(text.length + 1)).sort((a, b) => a - b);
  const edits: TextEdit[] = [];
  for (let i = 0; i < count; i++) {
    const offset = points[2 * i]!;
    // Often an insertion (length 0), often a deletion (content ''), from a small alphabet so that
    // a later edit often writes back what an earlier one replaced.
    const length = rng.next() < 0.35 ? 0 : points[2 * i + 1]! - offset;
    const content = rng.next() < 0.3 ? '' : Array.from({ length: 1 + rng.int(3) }, () => rng.pick(['a', 'b', '\n'])).join('');
    if (text.slice(offset, offset + length) !== content) edits.push({ offset, length, content });
  }
  // Lists need not be sorted: half of them come reversed, unless that puts an insertion after a
  // replacement that starts at its offset (which would make it land after the replaced text).
  const reversed = [...edits].reverse();
  return rng.next() < 0.5 || !valid(text, reversed) ? edits : reversed;
}

function valid(text: string, edits: TextEdit[]): boolean {
  try {
    assertValidEdits(text, edits);
    return true;
  } catch {
    return false;
  }
}

/**
 * Composes `steps` random edit lists one after another, each made against the text as it stands,
 * and checks after each that ComposedEdits holds what composeEdits gives and what applying the
 * lists one by one gives.
 */
function expectSameAsComposeEdits(rng: Random, original: string, steps: number, most: () => number): void {
  let reference: TextEdit[] = [];
  let composed = ComposedEdits.of(original);
  let current = original;
  for (let step = 0; step < steps; step++) {
    const edits = randomEdits(rng, current, most());
    if (edits.length === 0) continue;
    reference = composeEdits(original, reference, edits);
    composed = composed.then(edits);
    current = applyEdits(current, edits);
    expect(composed.toArray()).toEqual(reference);
    expect(applyEdits(original, composed.toArray())).toBe(current);
    expect(composed.currentLength).toBe(current.length);
    expectOrigins(composed, original, current);
  }
}

/**
 * originalOffset on every offset of the current text, against a scan of the composed list: inside
 * an edit's content undefined, else the offset less the growth of the edits before it; a character
 * it maps is the same character in the original.
 */
function expectOrigins(composed: ComposedEdits, original: string, current: string): void {
  const edits = composed.toArray();
  for (let offset = 0; offset <= current.length; offset++) {
    let expected: number | undefined;
    let delta = 0;
    for (const e of edits) {
      const start = e.offset + delta;
      if (offset < start) break;
      if (offset < start + e.content.length) {
        expected = -1;
        break;
      }
      delta += e.content.length - e.length;
    }
    const mapped = composed.originalOffset(offset);
    expect(mapped).toBe(expected === -1 ? undefined : offset - delta);
    if (mapped !== undefined && offset < current.length) expect(original[mapped]).toBe(current[offset]);
  }
}

describe('ComposedEdits', () => {
  it.each(Array.from({ length: 40 }, (_, i) => 1000 + i))('gives what composeEdits gives, and the text of applying the edits one by one (seed %i)', (seed) => {
    const rng = random(seed);
    const original = Array.from({ length: rng.int(seed % 2 === 0 ? 14 : 120) }, () => rng.pick(['a', 'b', 'c', '\n'])).join('');
    expectSameAsComposeEdits(rng, original, 60, () => 3);
  });

  it.each(Array.from({ length: 20 }, (_, i) => 2000 + i))('gives the same with long lists, added in one sweep (seed %i)', (seed) => {
    const rng = random(seed);
    const original = Array.from({ length: 50 + rng.int(250) }, () => rng.pick(['a', 'b', 'c', '\n'])).join('');
    // Long lists (up to 40 edits) take the sweep; a single edit into many kept ones, the tree.
    expectSameAsComposeEdits(rng, original, 25, () => (rng.next() < 0.7 ? 40 : 1));
  });

  const text = 'alpha beta gamma delta';

  it('keeps the order of insertions at one offset, within one list and across lists', () => {
    const one = ComposedEdits.of(text).then([
      { offset: 5, length: 0, content: '1' },
      { offset: 5, length: 0, content: '2' },
    ]);
    expect(one.toArray()).toEqual([{ offset: 5, length: 0, content: '12' }]);
    // '3' at the start of the inserted text, '4' at its end.
    const two = one.then([{ offset: 5, length: 0, content: '3' }]).then([{ offset: 8, length: 0, content: '4' }]);
    expect(two.toArray()).toEqual([{ offset: 5, length: 0, content: '3124' }]);
    expect(applyEdits(text, two.toArray())).toBe('alpha3124 beta gamma delta');
  });

  it('merges deletions that touch, and keeps apart those an unedited character separates', () => {
    const touching = ComposedEdits.of(text)
      .then([{ offset: 0, length: 6, content: '' }])
      .then([{ offset: 0, length: 5, content: '' }]);
    expect(touching.toArray()).toEqual([{ offset: 0, length: 11, content: '' }]);
    const apart = ComposedEdits.of(text)
      .then([{ offset: 0, length: 5, content: '' }])
      .then([{ offset: 1, length: 4, content: '' }]);
    expect(apart.toArray()).toEqual([
      { offset: 0, length: 5, content: '' },
      { offset: 6, length: 4, content: '' },
    ]);
  });

  it('drops an edit that a later one undoes, and only that one', () => {
    const changed = ComposedEdits.of(text).then([
      { offset: 0, length: 5, content: 'ALPHA' },
      { offset: 17, length: 5, content: 'DELTA' },
    ]);
    const undone = changed.then([{ offset: 0, length: 5, content: 'alpha' }]);
    expect(undone.toArray()).toEqual([{ offset: 17, length: 5, content: 'DELTA' }]);
    // A deletion undone by inserting the same text where it was.
    const reinserted = ComposedEdits.of(text)
      .then([{ offset: 6, length: 5, content: '' }])
      .then([{ offset: 6, length: 0, content: 'beta ' }]);
    expect(reinserted.size).toBe(0);
  });

  it('is persistent: adding edits leaves the earlier value as it was', () => {
    const a = ComposedEdits.of(text).then([{ offset: 0, length: 5, content: 'A' }]);
    const b = a.then([{ offset: 0, length: 1, content: 'B' }]);
    expect(a.toArray()).toEqual([{ offset: 0, length: 5, content: 'A' }]);
    expect(b.toArray()).toEqual([{ offset: 0, length: 5, content: 'B' }]);
  });

  it.each([
    [
      [
        { offset: 1, length: 3, content: 'x' },
        { offset: 2, length: 1, content: 'y' },
      ],
      'Overlapping edits at 2',
    ],
    [[{ offset: 20, length: 5, content: 'x' }], 'Edit at 20 (length 5) is past the end of the text (22)'],
    [[{ offset: -1, length: 0, content: 'x' }], 'Invalid edit at -1 (length 0)'],
  ])('refuses an invalid list %j', (edits, message) => {
    expect(() => ComposedEdits.of(text).then(edits)).toThrowError(new EditConflictError(message));
  });

  it('stays balanced: 3,000 edits one after another keep the tree logarithmic', () => {
    const original = Array.from({ length: 3000 }, (_, i) => `key${i} = ${i}\n`).join('');
    let composed = ComposedEdits.of(original);
    let current = original;
    // Edit every other line in a scattered order, each against the text as it stands.
    for (let k = 0; k < 3000; k++) {
      const line = (k * 1543) % 3000;
      const at = current.indexOf(`key${line} = `) + `key${line} = `.length;
      const edit = { offset: at, length: String(line).length, content: `v${line}` };
      composed = composed.then([edit]);
      current = applyEdits(current, [edit]);
    }
    expect(composed.size).toBe(3000);
    expect(applyEdits(original, composed.toArray())).toBe(current);
    // A treap of 3,000 nodes is about 2.5 log2(3000) ≈ 29 deep on average; a list would be 3,000.
    expect(composed.depth()).toBeLessThan(60);
  });
});
