/** Catching an expected error in a test: the test fails when nothing is thrown. */
import { ConfkitError } from '@jitsi-confkit/core';
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

/**
 * A library error as `reason (line:column)`, made from its fields (`reason`, `position`): how a
 * test asserts a message and its place in one exact string. It also checks that the message
 * itself holds no position (positions are fields, never text a caller must cut off).
 */
export function placed(error: unknown): string {
  expect(error).toBeInstanceOf(ConfkitError);
  const { message, reason, position } = error as ConfkitError;
  expect(message).toBe(reason);
  return position === undefined ? reason : `${reason} (${position.line}:${position.column})`;
}
