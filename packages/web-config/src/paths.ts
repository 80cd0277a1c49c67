import { isIdentifier, PathError, printable } from '@jitsi-confkit/core';

/** Splits 'hosts.anonymousdomain' into its keys; each must be a plain identifier. */
export function parsePath(path: string): string[] {
  if (typeof path !== 'string' || path === '') throw new PathError('Invalid path: it is empty');
  const keys = path.split('.');
  for (const key of keys) {
    if (!isIdentifier(key) || key === '__proto__') {
      throw new PathError(`Invalid path "${printable(path)}": each key must be made of letters, digits, _ and $`);
    }
  }
  return keys;
}

export function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => path[i] === k);
}
