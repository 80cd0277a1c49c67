/**
 * Edge cases seen in the field: files Prosody cannot load, hosts that are disabled, guest hosts
 * that exist in odd states, and section headers in their rarer spellings.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { evaluate, hasProgram, luacCheck } from './test-support/evaluate.js';

const lua = hasProgram('lua5.4') && hasProgram('luac5.4');
const HOST = 'meet.example.com';

function error(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('a UTF-8 byte order mark', () => {
  it('is a ConfigSyntaxError that says so (Prosody cannot load such a file)', () => {
    const text = '\xef\xbb\xbfVirtualHost "meet.example.com"\r\n    authentication = "anonymous"\r\n';
    const e = error(() => parseProsodyConfig(text));
    expect(e).toBeInstanceOf(ConfigSyntaxError);
    expect(e.message).toBe('The file starts with a UTF-8 byte order mark (EF BB BF), which Prosody cannot load: save it without one (1:1)');
    expect([(e as ConfigSyntaxError).line, (e as ConfigSyntaxError).column]).toEqual([1, 1]);
  });
});
