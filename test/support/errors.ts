/** Catching an expected error in a test: the test fails when nothing is thrown. */
import { expect } from 'vitest';

/** The error `fn` throws. */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** The error `fn` throws, checked to be an instance of `type`. */
export function thrown<T extends Error>(type: new (...args: never[]) => T, fn: () => unknown): T {
  const error = errorOf(fn);
  expect(error).toBeInstanceOf(type);
  return error as T;
}
