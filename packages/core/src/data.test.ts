import { describe, expect, it } from 'vitest';
import { deepEqual, isIdentifier } from './index.js';

describe('deepEqual', () => {
  it.each([
    ['equal strings', 'a', 'a', true],
    ['different strings', 'a', 'b', false],
    ['-0 and 0 (a file writes them differently)', -0, 0, false],
    ['NaN and NaN', Number.NaN, Number.NaN, true],
    ['null and undefined', null, undefined, false],
    ['1 and "1"', 1, '1', false],
    ['arrays in order', [1, [2, 'x']], [1, [2, 'x']], true],
    ['arrays in another order', [1, 2], [2, 1], false],
    ['an array and an object with its keys', ['a'], { 0: 'a' }, false],
    ['arrays of different lengths', [1], [1, undefined], false],
    ['objects in another key order', { a: 1, b: { c: [null] } }, { b: { c: [null] }, a: 1 }, true],
    ['objects with another key', { a: 1 }, { b: 1 }, false],
    ['an object with an undefined value and one without the key', { a: undefined }, {}, false],
    ['objects with a key named like an Object.prototype member', { toString: 1 }, { valueOf: 1 }, false],
    ['null and an empty object', null, {}, false],
  ])('%s', (_name, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });

  it('compares own keys only, also of an object without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(deepEqual(bare, { a: 1 })).toBe(true);
    expect(deepEqual(Object.create({ a: 1 }), {})).toBe(true);
  });
});

describe('isIdentifier', () => {
  it.each(['a', 'A1', '_x', '$', 'hosts', 'makeJsonParserHappy', 'constructor', 'delete'])('%j is one', (key) => {
    expect(isIdentifier(key)).toBe(true);
  });

  it.each(['', '1a', 'a-b', 'a.b', 'a b', 'é', "it's", '\u2028', 42, undefined])('%j is not one', (key) => {
    expect(isIdentifier(key)).toBe(false);
  });
});
