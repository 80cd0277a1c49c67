/**
 * Edits of table values keep the table's layout: `set` changes, removes or appends fields in
 * place (comments and line breaks stay) instead of rewriting the table on one line, a string keeps
 * its own quotes, and list insertions and removals undo each other byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig, type LuaValue, type Scope } from '@jitsi-confkit/prosody-config';
import { expectEditInvariants } from '../../../test/support/edits.js';

/** `set` on `text`, checked for the edit invariants and read back. */
function set(text: string, scope: Scope, key: string, value: LuaValue): string {
  const cfg = parseProsodyConfig(text).set(scope, key, value);
  expectEditInvariants(text, cfg.edits, cfg.toString());
  expect(parseProsodyConfig(cfg.toString()).get(scope, key)).toEqual(value);
  return cfg.toString();
}

const MODULES = [
  'VirtualHost "meet.example.com"',
  '    modules_enabled = {',
  '        "bosh";',
  '        "ping"; -- Enable mod_ping',
  '        -- "turncredentials";',
  '    }',
  '',
].join('\n');
const HOST = { host: 'meet.example.com' };

describe('set on a table keeps its layout', () => {
  it('appends list items on their own lines, and setting the old list back gives the original bytes', () => {
    const out = set(MODULES, HOST, 'modules_enabled', ['bosh', 'ping', 'speakerstats']);
    expect(out).toBe(MODULES.replace('mod_ping\n', 'mod_ping\n        "speakerstats";\n'));
    expect(set(out, HOST, 'modules_enabled', ['bosh', 'ping'])).toBe(MODULES);
  });

  it('removes list items with their lines, comments of the others kept', () => {
    expect(set(MODULES, HOST, 'modules_enabled', ['ping'])).toBe(MODULES.replace('        "bosh";\n', ''));
  });

  it('changes a list item in place', () => {
    expect(set(MODULES, HOST, 'modules_enabled', ['bosh', 'pong'])).toBe(MODULES.replace('"ping"', '"pong"'));
  });

  it('rewrites the table only when the change cannot be made in place', () => {
    expect(set(MODULES, HOST, 'modules_enabled', ['websocket'])).toBe('VirtualHost "meet.example.com"\n    modules_enabled = { "websocket" }\n');
  });

  const SSL = ['VirtualHost "meet.example.com"', '    ssl = {', '        key = "/etc/prosody/certs/a.key";', '        certificate = "/etc/prosody/certs/a.crt";', '    }', ''].join(
    '\n',
  );

  it('changes one field of a nested table in place', () => {
    expect(set(SSL, HOST, 'ssl', { key: '/etc/ssl/b.key', certificate: '/etc/prosody/certs/a.crt' })).toBe(SSL.replace('/etc/prosody/certs/a.key', '/etc/ssl/b.key'));
  });

  it('adds and removes keys of a table in its layout', () => {
    const added = set(SSL, HOST, 'ssl', { key: '/etc/prosody/certs/a.key', certificate: '/etc/prosody/certs/a.crt', ['protocol']: 'tlsv1_2+' });
    expect(added).toBe(SSL.replace('a.crt";\n', 'a.crt";\n        protocol = "tlsv1_2+";\n'));
    expect(set(added, HOST, 'ssl', { key: '/etc/prosody/certs/a.key', certificate: '/etc/prosody/certs/a.crt' })).toBe(SSL);
    expect(set(SSL, HOST, 'ssl', { certificate: '/etc/prosody/certs/a.crt' })).toBe(SSL.replace('        key = "/etc/prosody/certs/a.key";\n', ''));
  });

  it('keeps the comments of a log table whose field changes', () => {
    const log = 'log = {\n\tinfo = "/var/log/prosody/prosody.log"; -- Change \'info\' to \'debug\' for verbose logging\n\terror = "/var/log/prosody/prosody.err";\n}\n';
    expect(set(log, 'global', 'log', { info: '/var/log/prosody/prosody.log', error: '/tmp/err' })).toBe(log.replace('/var/log/prosody/prosody.err', '/tmp/err'));
  });

  it('keeps the quotes of the string it replaces', () => {
    const text = 'a = "x"\nb = "y"\nc = \'z\'\n';
    expect(set(text, 'global', 'c', 'w')).toBe('a = "x"\nb = "y"\nc = \'w\'\n');
    expect(set(text, 'global', 'a', "it's")).toBe('a = "it\'s"\nb = "y"\nc = \'z\'\n');
  });
});

describe('list insertions and removals undo each other', () => {
  const roundTrip = (text: string, key: string, item: string, middle: string): void => {
    const cfg = parseProsodyConfig(text).addToList('global', key, item);
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(middle);
    cfg.removeFromList('global', key, item);
    expect(cfg.toString()).toBe(text);
    expect(cfg.edits).toEqual([]);
  };

  it('on an empty one-line list written { }', () => {
    roundTrip('admins = { }\n', 'admins', 'admin@meet.example.com', 'admins = { "admin@meet.example.com" }\n');
  });

  it('on a multi-line list without a separator after its last item', () => {
    const text = 'admins = {\n    "focus@auth.meet.jitsi",\n    "jvb@auth.meet.jitsi"\n}\n';
    roundTrip(text, 'admins', 'jibri@auth.meet.jitsi', 'admins = {\n    "focus@auth.meet.jitsi",\n    "jvb@auth.meet.jitsi",\n    "jibri@auth.meet.jitsi"\n}\n');
  });

  it('removing the last two items of such a list leaves no separator behind', () => {
    const text = 'admins = {\n    "a@x",\n    "b@x",\n    "c@x"\n}\n';
    const cfg = parseProsodyConfig(text).set('global', 'admins', ['a@x']);
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe('admins = {\n    "a@x"\n}\n');
  });
});

describe('table keys that are names of JavaScript object properties', () => {
  it('reads a Lua key named __proto__ as a key', () => {
    expect(parseProsodyConfig('x = { __proto__ = "a", b = 1 }\n').get('global', 'x')).toEqual(JSON.parse('{"__proto__":"a","b":1}'));
  });

  it('removes a key named constructor or toString like any other', () => {
    const text = 'x = {\n    constructor = "a",\n    toString = "b",\n    c = 1,\n}\n';
    expect(set(text, 'global', 'x', { c: 1 })).toBe('x = {\n    c = 1,\n}\n');
  });

  it('writes and reads back a key named __proto__', () => {
    const value = JSON.parse('{"__proto__":"evil","a":1}') as LuaValue;
    expect(set('x = 1\n', 'global', 'x', value)).toBe('x = { __proto__ = "evil"; a = 1 }\n');
  });
});

describe('addToList adds strings to lists of strings only', () => {
  it('refuses a list of numbers (c2s_ports), leaving the text alone', () => {
    const cfg = parseProsodyConfig('c2s_ports = { 5222 }\n');
    let error: unknown;
    try {
      cfg.addToList('global', 'c2s_ports', '5223');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe('c2s_ports in the global section is not a list of strings ([5222]): write it with set');
    expect(cfg.toString()).toBe('c2s_ports = { 5222 }\n');
    expect(cfg.set('global', 'c2s_ports', [5222, 5223]).toString()).toBe('c2s_ports = { 5222; 5223 }\n');
  });
});

describe('removing an item that ends a line shared with others', () => {
  it.each([
    ['x = { "a",\n      "b" }\n', 'a', 'x = {\n      "b" }\n'],
    ['x = {\n  "a", "b",\n  "c"\n}\n', 'b', 'x = {\n  "a",\n  "c"\n}\n'],
  ])('%j without %s leaves no trailing space', (text, item, expected) => {
    const cfg = parseProsodyConfig(text).removeFromList('global', 'x', item);
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(expected);
  });
});
