/**
 * Cases found by trying to break the package the way admins and tooling use it: each test pins a
 * bug that was fixed (it failed before the fix).
 */
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

/** Calls `fn`, expects it to throw an error of class `type`, and returns that error. */
function thrown<T extends Error>(type: new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error('expected an error');
}

describe('keys named like Object.prototype members', () => {
  const TEXT = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n};\n";

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('interfaceConfig.set(%j) writes the key instead of a TypeError', (key) => {
    const doc = parseInterfaceConfig(TEXT).set(key, 1);
    expectEditInvariants(TEXT, doc.edits, doc.toString());
    expect(doc.toString()).toBe(`var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    ${key}: 1,\n};\n`);
    expect(doc.get(key)).toBe(1);
    expect(parseInterfaceConfig(TEXT).get(key)).toBeUndefined();
    expect(parseInterfaceConfig(TEXT).has(key)).toBe(false);
  });
});
