/**
 * Every operation is all or nothing: when it throws, the document's text, bytes, edits and
 * `changed` are what they were before it, even when the failure comes after part of the operation
 * was planned (a second setting, the guest host after the main host) or after the edit was made
 * (a value that does not read back). A document that already holds edits keeps them, and takes the
 * next operation as if the failed one had not been tried.
 */
import { describe, expect, it } from 'vitest';
import type { ConfkitError } from '@jitsi-confkit/core';
import { EditVerificationError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig, type ProsodyConfig } from '@jitsi-confkit/prosody-config';
import { placed, thrown } from '../../../test/support/errors.js';

const TEXT = [
  'admins = { "focus@auth.meet.example.com" }',
  'VirtualHost "inc.example.com" Include "conf.d/*.cfg.lua"',
  '',
  'VirtualHost "meet.example.com"',
  '    authentication = "anonymous" -- do not delete me',
  '    modules_enabled = { "bosh"; "ping" }',
  '    numbers = { 1, 2 }',
  '    computed = "conference." .. domain',
  '',
  'VirtualHost "guest.meet.example.com"',
  '    authentication = "anonymous"',
  '    c2s_require_encryption = ENV_GUEST_TLS == "1"',
  '',
  'Component "conference.meet.example.com" "muc"',
  '    restrict_room_creation = true',
  '',
].join('\r\n');
const HOST = { host: 'meet.example.com' };

/** The document with one edit already made, so that "untouched" means something. */
function edited(): ProsodyConfig {
  return parseProsodyConfig(TEXT).set({ component: 'conference.meet.example.com' }, 'restrict_room_creation', false);
}

type Failure = [string, typeof ValidationError | typeof UnsupportedEditError | typeof EditVerificationError, string, (cfg: ProsodyConfig) => unknown];

const FAILURES: Failure[] = [
  [
    'set: a table whose second field is not finite',
    ValidationError,
    'Cannot write NaN into a Prosody config: numbers must be finite',
    (c) => c.set(HOST, 'x', { a: 1, b: Number.NaN }),
  ],
  [
    'set: over a value that is not a literal',
    UnsupportedEditError,
    'The value of computed is not a literal ("conference." .. domain): edit it by hand (8:16)',
    (c) => c.set(HOST, 'computed', 'x'),
  ],
  // A read-back failure is core's EditVerificationError (an UnsupportedEditError, E_UNSUPPORTED_EDIT), worded by the edit session.
  [
    'set: a string that no file can hold (read back fails)',
    EditVerificationError,
    'Cannot set name in VirtualHost "meet.example.com": the edited Prosody config does not read back as intended; nothing was changed',
    (c) => c.set(HOST, 'name', 'a\ud800b'),
  ],
  [
    'delete: Prosody’s own word',
    ValidationError,
    'Invalid setting name "Include": it is Prosody’s own word: it loads another config file, never a setting',
    (c) => c.delete('global', 'Include'),
  ],
  ['delete: a malformed scope', ValidationError, 'Invalid scope {"hots":"x"}: use \'global\', { host } or { component }', (c) => c.delete({ hots: 'x' } as never, 'a')],
  [
    'addToList: a list that is not of strings',
    ValidationError,
    'numbers in VirtualHost "meet.example.com" is not a list of strings ([1,2]): write it with set',
    (c) => c.addToList(HOST, 'numbers', 'x'),
  ],
  [
    'addToList: a value that is not a list literal',
    UnsupportedEditError,
    'computed is not a list literal ({ "a"; "b" }): edit it by hand (8:16)',
    (c) => c.addToList(HOST, 'computed', 'x'),
  ],
  [
    'removeFromList: an item only the global list holds',
    UnsupportedEditError,
    'Cannot remove focus@auth.meet.example.com from admins in VirtualHost "meet.example.com": it comes from the global section\'s admins; remove it there, or set the section\'s own admins (1:1)',
    (c) => c.removeFromList(HOST, 'admins', 'focus@auth.meet.example.com'),
  ],
  [
    'addVirtualHost: an existing host whose second setting is refused',
    UnsupportedEditError,
    'The value of c2s_require_encryption is not a literal (ENV_GUEST_TLS == "1"): edit it by hand (12:30)',
    (c) => c.addVirtualHost('guest.meet.example.com', { authentication: 'jitsi-anonymous', c2s_require_encryption: false }),
  ],
  [
    'removeSection: an Include that shares a line with the host',
    UnsupportedEditError,
    'Cannot remove inc.example.com but keep its Include: they share a line (2:31)',
    (c) => c.removeSection({ host: 'inc.example.com' }),
  ],
  [
    'enableSecureDomain: the guest host refused after the main host was planned',
    UnsupportedEditError,
    'The value of c2s_require_encryption is not a literal (ENV_GUEST_TLS == "1"): edit it by hand (12:30)',
    (c) => c.enableSecureDomain('meet.example.com'),
  ],
  [
    'disableSecureDomain: a host that is not in the file',
    ValidationError,
    'VirtualHost "other.example.com" is not in this file; its VirtualHosts are: inc.example.com, meet.example.com, guest.meet.example.com',
    (c) => c.disableSecureDomain('other.example.com'),
  ],
];

describe('a failed operation leaves the document as it was', () => {
  it.each(FAILURES)('%s', (_, type, message, fail) => {
    for (const cfg of [edited(), parseProsodyConfig(Buffer.from(TEXT)).set({ component: 'conference.meet.example.com' }, 'restrict_room_creation', false)]) {
      const before = { text: cfg.toString(), bytes: Buffer.from(cfg.toBytes()), edits: cfg.edits, changed: cfg.changed };
      expect(before.changed).toBe(true);
      const e = thrown(type as new (...args: never[]) => ConfkitError, () => fail(cfg));
      expect(placed(e)).toBe(message);
      if (e instanceof EditVerificationError) expect([e.code, e.failure, e.operation]).toEqual(['E_UNSUPPORTED_EDIT', 'read-back', 'set name in VirtualHost "meet.example.com"']);
      expect({ text: cfg.toString(), bytes: Buffer.from(cfg.toBytes()), edits: cfg.edits, changed: cfg.changed }).toEqual(before);
      // The next operation goes on from there.
      cfg.set(HOST, 'authentication', 'internal_hashed');
      expect(cfg.toString()).toBe(before.text.replace('"anonymous" -- do', '"internal_hashed" -- do'));
    }
  });

  it('covers every operation that edits', () => {
    const names = new Set(FAILURES.map(([label]) => label.split(':')[0]));
    expect([...names].sort()).toEqual(['addToList', 'addVirtualHost', 'delete', 'disableSecureDomain', 'enableSecureDomain', 'removeFromList', 'removeSection', 'set']);
  });
});
