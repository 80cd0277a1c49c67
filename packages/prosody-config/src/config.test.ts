import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig, utf8ToLatin1, type ProsodyConfig } from '@jitsi-confkit/prosody-config';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { evaluate, hasProgram } from './test-support/evaluate.js';
import { placed } from '../../../test/support/errors.js';

const SAMPLE = [
  'admins = { "admin@meet.example.com" }', // 1
  'authentication = "anonymous"',
  'local secret = "s3cr3t"',
  'Include "conf.d/*.cfg.lua"',
  '', // 5
  'Host "meet.example.com"',
  '    c2s_require_encryption = false',
  '    authentication = "internal_plain"',
  '    authentication = "anonymous" -- do not delete me',
  '', // 10
  '--VirtualHost "guest.meet.example.com"',
  '--    authentication = "anonymous"',
  '',
  '-- the MUC',
  'Component "conference.meet.example.com" "muc"', // 15
  '    restrict_room_creation = true',
  '    storage = ENV_STORAGE',
  'Component "focus.meet.example.com" component_secret = "abc"',
  'RunScript "extra.lua"',
  '', // 20
].join('\n');

function error(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('sections', () => {
  it('follows Prosody: Host/VirtualHost, Component with and without a type, commented-out sections are not sections', () => {
    expect(parseProsodyConfig(SAMPLE).sections()).toEqual([
      { kind: 'global', line: 1 },
      { kind: 'VirtualHost', name: 'meet.example.com', line: 6 },
      { kind: 'Component', name: 'conference.meet.example.com', type: 'muc', line: 15 },
      { kind: 'Component', name: 'focus.meet.example.com', line: 18 },
    ]);
  });

  it('gives a statement to the most recent section whatever its indentation or line', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    expect(cfg.lookup({ component: 'focus.meet.example.com' }, 'component_secret')).toEqual({ value: 'abc', from: 'section', line: 18 });
    const cfg2 = parseProsodyConfig('VirtualHost "a.example"\nadmins = { "x@a.example" }\n');
    expect(cfg2.lookup({ host: 'a.example' }, 'admins')).toEqual({ value: ['x@a.example'], from: 'section', line: 2 });
    expect(cfg2.get('global', 'admins')).toBeUndefined();
  });

  it('lists hosts and components', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    expect(cfg.hosts()).toEqual(['meet.example.com']);
    expect(cfg.components()).toEqual(['conference.meet.example.com', 'focus.meet.example.com']);
    expect(cfg.has({ host: 'meet.example.com' })).toBe(true);
    expect(cfg.has({ host: 'guest.meet.example.com' })).toBe(false);
  });
});

describe('contents', () => {
  it('lists the settings, other statements and comments of a section, with their lines', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    expect(cfg.contents({ host: 'meet.example.com' })).toEqual([
      { kind: 'setting', key: 'c2s_require_encryption', line: 7 },
      { kind: 'setting', key: 'authentication', line: 8 },
      { kind: 'setting', key: 'authentication', line: 9 },
      { kind: 'comment', line: 9 },
      { kind: 'comment', line: 11 },
      { kind: 'comment', line: 12 },
    ]);
    expect(cfg.contents({ component: 'conference.meet.example.com' })).toEqual([
      { kind: 'comment', line: 14 },
      { kind: 'setting', key: 'restrict_room_creation', line: 16 },
      { kind: 'setting', key: 'storage', line: 17 },
    ]);
    // RunScript after a section runs in it, as Prosody reads the file.
    expect(cfg.contents({ component: 'focus.meet.example.com' })).toEqual([
      { kind: 'setting', key: 'component_secret', line: 18 },
      { kind: 'statement', line: 19 },
    ]);
    expect(cfg.contents('global').map((c) => c.kind)).toEqual(['setting', 'setting', 'statement', 'statement']);
    expect(cfg.contents({ host: 'nowhere.example.com' })).toEqual([]);
  });

  it('takes the header option table and a host opened twice', () => {
    const cfg = parseProsodyConfig('VirtualHost "a.example" { enabled = true }\nx = 1\nVirtualHost "a.example"\n  modules_enabled = { "lobby" } -- mine\n');
    expect(cfg.contents({ host: 'a.example' })).toEqual([
      { kind: 'setting', key: 'enabled', line: 1 },
      { kind: 'setting', key: 'modules_enabled', line: 4 },
      { kind: 'comment', line: 4 },
    ]);
  });
});

describe('get, lookup, locate', () => {
  const cfg = parseProsodyConfig(SAMPLE);

  it('reads the last of duplicated keys', () => {
    expect(cfg.lookup({ host: 'meet.example.com' }, 'authentication')).toEqual({ value: 'anonymous', from: 'section', line: 9 });
    expect(cfg.locate({ host: 'meet.example.com' }, 'authentication')).toEqual({ line: 9, column: 5, offset: SAMPLE.indexOf('authentication = "anonymous" --') });
  });

  it('reports values inherited from the global section', () => {
    expect(cfg.lookup({ component: 'conference.meet.example.com' }, 'authentication')).toEqual({ value: 'anonymous', from: 'global', line: 2 });
    expect(cfg.get({ host: 'meet.example.com' }, 'admins')).toEqual(['admin@meet.example.com']);
    expect(cfg.get('global', 'c2s_require_encryption')).toBeUndefined();
    expect(cfg.get({ host: 'absent.example.com' }, 'authentication')).toBeUndefined();
  });

  it('refuses to read a value that is not a literal', () => {
    const e = error(() => cfg.get({ component: 'conference.meet.example.com' }, 'storage'));
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect(placed(e)).toBe('The value of storage is not a literal (ENV_STORAGE): edit it by hand (17:15)');
  });

  it('reads UTF-8 values from a utf8 string, a latin1 string and bytes alike', () => {
    const text = 'VirtualHost "a.example"\n    name = "Grüße ✓"\n';
    expect(parseProsodyConfig(text).get({ host: 'a.example' }, 'name')).toBe('Grüße ✓');
    expect(parseProsodyConfig(utf8ToLatin1(text), { encoding: 'latin1' }).get({ host: 'a.example' }, 'name')).toBe('Grüße ✓');
    expect(parseProsodyConfig(Buffer.from(text)).get({ host: 'a.example' }, 'name')).toBe('Grüße ✓');
  });
});

describe('set and delete', () => {
  it('replaces only the value, keeping the trailing marker comment', () => {
    const cfg = parseProsodyConfig(SAMPLE).set({ host: 'meet.example.com' }, 'authentication', 'token');
    expect(cfg.toString().split('\n')[8]).toBe('    authentication = "token" -- do not delete me');
    expect(cfg.edits).toEqual([{ offset: SAMPLE.indexOf('"anonymous" --'), length: 11, content: '"token"' }]);
  });

  it('is a no-op for the same value, whatever its quotes', () => {
    const cfg = parseProsodyConfig("VirtualHost 'a.example'\n  authentication = 'anonymous'\n").set({ host: 'a.example' }, 'authentication', 'anonymous');
    expect(cfg.changed).toBe(false);
    expect(cfg.edits).toEqual([]);
  });

  it('puts a new global setting before the first section', () => {
    const cfg = parseProsodyConfig(SAMPLE).set('global', 'consider_bosh_secure', true);
    expect(cfg.toString().split('\n').slice(3, 6)).toEqual(['Include "conf.d/*.cfg.lua"', 'consider_bosh_secure = true', '']);
  });

  it('refuses to replace a value that is not a literal, leaving the text alone', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    const e = error(() => cfg.set({ component: 'conference.meet.example.com' }, 'storage', 'memory'));
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect((e as UnsupportedEditError).position).toEqual({ line: 17, column: 15, offset: SAMPLE.indexOf('ENV_STORAGE') });
    expect(cfg.toString()).toBe(SAMPLE);
  });

  it('deletes every assignment of the key in the section, whole lines only', () => {
    const cfg = parseProsodyConfig(SAMPLE).delete({ host: 'meet.example.com' }, 'authentication');
    expect(cfg.toString()).toBe(SAMPLE.replace('    authentication = "internal_plain"\n    authentication = "anonymous" -- do not delete me\n', ''));
    expect(cfg.lookup({ host: 'meet.example.com' }, 'authentication')).toEqual({ value: 'anonymous', from: 'global', line: 2 });
    expectEditInvariants(SAMPLE, cfg.edits, cfg.toString());
  });

  it('deletes one of two statements on a line', () => {
    const cfg = parseProsodyConfig('a = 1; b = 2\n').delete('global', 'a');
    expect(cfg.toString()).toBe('b = 2\n');
  });

  it('escapes strings so they cannot leave their literal', () => {
    const hostile = 'x" ; os.execute("id") --\n]]';
    const cfg = parseProsodyConfig(SAMPLE).set({ host: 'meet.example.com' }, 'motd', hostile);
    expect(cfg.toString()).toContain('    motd = "x\\" ; os.execute(\\"id\\") --\\n]]"\n');
    expect(parseProsodyConfig(cfg.toString()).get({ host: 'meet.example.com' }, 'motd')).toBe(hostile);
    if (hasProgram('lua5.4')) {
      expect(evaluate(cfg.toString().replace('    storage = ENV_STORAGE\n', '')).hosts['meet.example.com']!.settings.motd).toBe(hostile);
    }
  });

  it('writes tables in the file style', () => {
    const cfg = parseProsodyConfig(SAMPLE).set('global', 'external_services', [{ type: 'stun', host: 'meet.example.com', port: 3478 }]);
    expect(cfg.get('global', 'external_services')).toEqual([{ type: 'stun', host: 'meet.example.com', port: 3478 }]);
    expect(cfg.toString()).toContain('external_services = { { type = "stun"; host = "meet.example.com"; port = 3478 } }\n');
  });
});

describe('validation: a typed error and the text unchanged', () => {
  const hostile: [string, string][] = [
    ['x" ; os.execute("id") --', 'Invalid host name "x" ; os.execute("id") --": the label "x" ; os" is not made of letters, digits and inner hyphens'],
    ['Meet.example.com', 'Invalid host name "Meet.example.com": it has upper-case letters (write it in lower case)'],
    ['meet_x.example.com', 'Invalid host name "meet_x.example.com": the label "meet_x" is not made of letters, digits and inner hyphens'],
    [`${'a'.repeat(64)}.example.com`, `Invalid host name "${'a'.repeat(64)}.example.com": the label "aaaaaaaaaaaaaaaaaaaa…" is 64 characters long (at most 63)`],
    ['meet.example.com.', 'Invalid host name "meet.example.com.": it ends with a dot'],
    ['', 'Invalid host name "": it is empty'],
  ];

  it.each(hostile)('enableSecureDomain(%j)', (host, message) => {
    const cfg = parseProsodyConfig(SAMPLE);
    const e = error(() => cfg.enableSecureDomain(host));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(message);
    expect(cfg.toString()).toBe(SAMPLE);
    expect(cfg.edits).toEqual([]);
  });

  it.each(hostile)('as a guest host name: %j', (guest, message) => {
    const cfg = parseProsodyConfig(SAMPLE);
    const e = error(() => cfg.enableSecureDomain('meet.example.com', guest));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(message.replace('Invalid host name', 'Invalid guest host name'));
    expect(cfg.toString()).toBe(SAMPLE);
  });

  it.each(hostile)('addVirtualHost(%j)', (host, message) => {
    const cfg = parseProsodyConfig(SAMPLE);
    expect(error(() => cfg.addVirtualHost(host, {})).message).toBe(message);
    expect(cfg.toString()).toBe(SAMPLE);
  });

  it('rejects an unknown authentication provider', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    const e = error(() => cfg.enableSecureDomain('meet.example.com', undefined, { authentication: 'anonymous" os.exit() --' as never }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(
      'Unknown authentication provider "anonymous" os.exit() --": use one of internal_hashed, internal_plain, ldap, ldap2, cyrus, sql, pam, imap, dovecot, custom_http, http_async',
    );
    expect(cfg.toString()).toBe(SAMPLE);
  });

  it('rejects unknown guest options', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    expect(error(() => cfg.enableSecureDomain('meet.example.com', undefined, { guestAuthentication: 'token' as never })).message).toBe(
      'Invalid guest authentication "token": use anonymous or jitsi-anonymous',
    );
    expect(error(() => cfg.enableSecureDomain('meet.example.com', undefined, { guestExtras: ['x" --'] as never })).message).toBe(
      'Unknown guest extra "x" --": use main_muc, lobby_muc, breakout_rooms_muc',
    );
    expect(error(() => cfg.enableSecureDomain('meet.example.com', 'meet.example.com')).message).toBe('The guest host must differ from the main host "meet.example.com"');
    expect(cfg.toString()).toBe(SAMPLE);
  });

  it('names the hosts of the file when the host is absent', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    const e = error(() => cfg.enableSecureDomain('jitsi.example.com'));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('VirtualHost "jitsi.example.com" is not in this file; its VirtualHosts are: meet.example.com');
    expect(error(() => cfg.set({ component: 'x.example.com' }, 'a', 1)).message).toBe(
      'Component "x.example.com" is not in this file; its Components are: conference.meet.example.com, focus.meet.example.com',
    );
  });

  it('refuses a guest host that is a component, and leaves the text unchanged', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    const e = error(() => cfg.enableSecureDomain('meet.example.com', 'conference.meet.example.com'));
    expect(e.message).toBe('"conference.meet.example.com" is a Component in this file; it cannot be the guest VirtualHost');
    expect(cfg.toString()).toBe(SAMPLE);
  });

  it('rejects bad keys, values and scopes', () => {
    const cfg = parseProsodyConfig(SAMPLE);
    expect(error(() => cfg.set('global', 'a b', 1)).message).toBe('Invalid setting name "a b": use a Lua name (letters, digits and _, not starting with a digit)');
    expect(error(() => cfg.set('global', 'end', 1)).message).toBe('Invalid setting name "end": it is a Lua keyword');
    expect(error(() => cfg.set('global', 'x', Number.NaN)).message).toBe('Cannot write NaN into a Prosody config: numbers must be finite');
    expect(error(() => cfg.set({ nope: 1 } as never, 'x', 1)).message).toBe('Invalid scope {"nope":1}: use \'global\', { host } or { component }');
    expect(error(() => cfg.removeSection('global')).message).toBe('The global section cannot be removed');
    expect(error(() => cfg.addToList({ component: 'conference.meet.example.com' }, 'restrict_room_creation', 'x'))).toBeInstanceOf(UnsupportedEditError);
    expect(cfg.toString()).toBe(SAMPLE);
  });
});

describe('bad input: ConfigSyntaxError with line and column', () => {
  const cases: [string, string, number, number][] = [
    ['truncated string', 'VirtualHost "meet.example.com"\n    authentication = "anon', 2, 27],
    ['truncated table', 'modules_enabled = {\n    "bosh";\n', 3, 1],
    ['stray token', 'VirtualHost "a.example"\n    authentication = = "x"\n', 2, 22],
    ['binary garbage', '\u0000\u0001\u00ff\u00fe', 1, 1],
  ];
  it.each(cases)('%s', (_name, text, line, column) => {
    const e = error(() => parseProsodyConfig(text));
    expect(e).toBeInstanceOf(ConfigSyntaxError);
    expect([(e as ConfigSyntaxError).line, (e as ConfigSyntaxError).column]).toEqual([line, column]);
    expect((e as ConfigSyntaxError).frame).toContain('^');
  });

  it('says what Lua says', () => {
    expect(placed(error(() => parseProsodyConfig(cases[0]![1])))).toBe("Lua syntax error: unfinished string near '\"anon' (2:27)");
  });
});

describe('sections: add and remove', () => {
  it('removes a section with its comment lines, and adding it back restores the text', () => {
    const cfg: ProsodyConfig = parseProsodyConfig(SAMPLE).removeSection({ component: 'conference.meet.example.com' });
    expect(cfg.sections().map((s) => s.name)).toEqual([undefined, 'meet.example.com', 'focus.meet.example.com']);
    expect(cfg.toString()).not.toContain('-- the MUC');
    expect(parseProsodyConfig(SAMPLE).removeSection({ host: 'nope.example.com' }).edits).toEqual([]);
  });

  it('addVirtualHost on an existing host sets its settings instead of adding a copy', () => {
    const cfg = parseProsodyConfig(SAMPLE).addVirtualHost('meet.example.com', { authentication: 'internal_hashed' });
    expect(cfg.hosts()).toEqual(['meet.example.com']);
    expect(cfg.get({ host: 'meet.example.com' }, 'authentication')).toBe('internal_hashed');
  });
});

describe('secure domain', () => {
  it('is idempotent, and disable brings the text back', () => {
    const text = 'VirtualHost "meet.example.com"\n    authentication = "anonymous"\n\nComponent "conference.meet.example.com" "muc"\n';
    const on = parseProsodyConfig(text).enableSecureDomain('meet.example.com');
    expect(on.changed).toBe(true);
    const twice = parseProsodyConfig(on.toString()).enableSecureDomain('meet.example.com');
    expect(twice.changed).toBe(false);
    expect(twice.edits).toEqual([]);
    const off = parseProsodyConfig(on.toString()).disableSecureDomain('meet.example.com');
    expect(off.toString()).toBe(text);
    expect(parseProsodyConfig(text).enableSecureDomain('meet.example.com').disableSecureDomain('meet.example.com').edits).toEqual([]);
  });

  it('copies the main host’s own MUC settings to the guest host when asked', () => {
    const text = 'VirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n    main_muc = "conference.meet.example.com"\n    lobby_muc = "lobby.meet.example.com"\n';
    const cfg = parseProsodyConfig(text).enableSecureDomain('meet.example.com', 'guest.meet.example.com', { guestExtras: ['lobby_muc', 'breakout_rooms_muc'] });
    expect(cfg.toString()).toBe(
      `${text.replace('"jitsi-anonymous"', '"internal_hashed"')}\nVirtualHost "guest.meet.example.com"\n    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n    lobby_muc = "lobby.meet.example.com"\n`,
    );
  });

  it('disable can keep the guest host, giving back only the main host its anonymous flavour', () => {
    const text = 'VirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n';
    const on = parseProsodyConfig(text).enableSecureDomain('meet.example.com').toString();
    const kept = parseProsodyConfig(on).disableSecureDomain('meet.example.com', 'guest.meet.example.com', { keepGuestHost: true });
    expect(kept.toString()).toBe(on.replace('"internal_hashed"', '"jitsi-anonymous"'));
    expect(kept.has({ host: 'guest.meet.example.com' })).toBe(true);
    expect(parseProsodyConfig(kept.toString()).disableSecureDomain('meet.example.com', undefined, { keepGuestHost: true }).edits).toEqual([]);
  });

  it('disable without a guest host picks the era from the marker comment', () => {
    const text = 'VirtualHost "meet.example.com"\n    authentication = "internal_hashed" -- do not delete me\n';
    expect(parseProsodyConfig(text).disableSecureDomain('meet.example.com').get({ host: 'meet.example.com' }, 'authentication')).toBe('jitsi-anonymous');
    const old = 'VirtualHost "meet.example.com"\n    authentication = "internal_hashed"\n';
    expect(parseProsodyConfig(old).disableSecureDomain('meet.example.com').get({ host: 'meet.example.com' }, 'authentication')).toBe('anonymous');
  });
});

describe('lists: layouts', () => {
  it('fills an empty multi-line list one item per line', () => {
    const text = 'VirtualHost "a.example"\n    modules_enabled = {\n    }\n';
    const cfg = parseProsodyConfig(text).addToList({ host: 'a.example' }, 'modules_enabled', 'bosh');
    expect(cfg.toString()).toBe('VirtualHost "a.example"\n    modules_enabled = {\n        "bosh";\n    }\n');
  });

  it('splices into a list whose closing brace shares the last line', () => {
    const text = 'VirtualHost "a.example"\n    modules_enabled = {\n        "a";\n        "b"; }\n';
    const cfg = parseProsodyConfig(text).addToList({ host: 'a.example' }, 'modules_enabled', 'c');
    expect(cfg.toString()).toBe('VirtualHost "a.example"\n    modules_enabled = {\n        "a";\n        "b"; "c"; }\n');
  });

  it('refuses a list with a non-literal item', () => {
    const text = 'VirtualHost "a.example"\n    modules_enabled = { "a", extra() }\n';
    const cfg = parseProsodyConfig(text);
    const e = error(() => cfg.addToList({ host: 'a.example' }, 'modules_enabled', 'b'));
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect(placed(e)).toBe('The value of modules_enabled is not a literal (extra()): edit it by hand (2:30)');
    expect(cfg.toString()).toBe(text);
  });
});

describe('removeSection at the end of the file', () => {
  const cases: [string, string, string][] = [
    ['with a final newline', 'a = 1\n\nVirtualHost "x.example"\n    b = 2\n', 'a = 1\n'],
    ['without a final newline', 'a = 1\n\nVirtualHost "x.example"\n    b = 2', 'a = 1'],
    ['with CRLF', 'a = 1\r\n\r\nVirtualHost "x.example"\r\n    b = 2\r\n', 'a = 1\r\n'],
    ['the only content', 'VirtualHost "x.example"\n    b = 2\n', ''],
    ['re-opened, both removed', 'a = 1\n\nVirtualHost "x.example"\n    b = 2\n\nVirtualHost "x.example"\n    c = 3\n', 'a = 1\n'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const cfg = parseProsodyConfig(text).removeSection({ host: 'x.example' });
    expect(cfg.toString()).toBe(expected);
    expectEditInvariants(text, cfg.edits, expected);
  });
});
