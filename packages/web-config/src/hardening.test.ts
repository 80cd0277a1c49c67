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

describe('setting a whole object that later assignments write parts of', () => {
  const LITERAL = `var config = {
    videoQuality: {
        preferredCodec: 'VP8',
        maxBitratesVideo: null
    }
};

config.videoQuality.codecPreferenceOrder = [ 'VP9', 'VP8' ];
`;
  const ASSIGNMENTS = `var config = {};

config.analytics = {};
config.analytics.disabled = true;
`;

  it('edits each key where it takes effect when every later assignment keeps its key', () => {
    const value = { preferredCodec: 'VP9', maxBitratesVideo: null, codecPreferenceOrder: ['VP9'] };
    const doc = parseMeetConfig(LITERAL).set('videoQuality', value);
    expectEditInvariants(LITERAL, doc.edits, doc.toString());
    expect(doc.toString()).toBe(LITERAL.replace("'VP8',", "'VP9',").replace("[ 'VP9', 'VP8' ]", "[ 'VP9' ]"));
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ videoQuality: value });
    expect(parseMeetConfig(doc.toString()).set('videoQuality', value).edits).toEqual([]);
  });

  it('adding a key to an object built by assignments appends an assignment', () => {
    const doc = parseMeetConfig(ASSIGNMENTS).set('analytics', { disabled: false, rtcstatsEnabled: true });
    expectEditInvariants(ASSIGNMENTS, doc.edits, doc.toString());
    expect(doc.toString()).toBe(`${ASSIGNMENTS.replace('= true', '= false')}config.analytics.rtcstatsEnabled = true;\n`);
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ analytics: { disabled: false, rtcstatsEnabled: true } });
  });

  it('still refuses a value that drops a key a later assignment writes, with the text unchanged', () => {
    const doc = parseMeetConfig(LITERAL);
    const e = thrown(UnsupportedEditError, () => doc.set('videoQuality', { preferredCodec: 'VP9' }));
    expect(e.message).toBe('Cannot set videoQuality: a later assignment to config.videoQuality.codecPreferenceOrder changes part of it; edit that one instead (8:1)');
    expect(doc.toString() === LITERAL).toBe(true);
    expect(doc.edits).toEqual([]);
  });
});
