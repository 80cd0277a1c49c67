/**
 * Every edit in files that use Prosody 13's syntax: a list built by appends gains an item in its
 * last append and loses one wherever it is written (an append left with nothing goes), set and
 * delete take the appends along, helpers are written only for a config said to be for Prosody 13.
 * Exact bytes, in several layouts; undo gives the original bytes back. Prosody 13 itself loads the
 * results in prosody13.debian.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { helperValue, OpaqueValue, parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { placed, thrown } from '../../../test/support/errors.js';
import { luacCheck, requireProgram } from './test-support/evaluate.js';

const hasLuac = requireProgram('luac5.4');
const HOST = { host: 'meet.example.com' };

const BASE = [
  'plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }',
  'modules_enabled = { "bosh"; "ping" }',
  'modules_enabled:append { "speakerstats" } -- removed upstream in 2026',
  '',
  'VirtualHost "meet.example.com"',
  '    authentication = "jitsi-anonymous" -- do not delete me',
  '    modules_enabled = {',
  '        "muc_lobby_rooms";',
  '    }',
  '    modules_enabled:append {',
  '        "av_moderation";',
  '        "room_metadata";',
  '    }',
  '    modules_enabled { "polls" } { "av_moderation" }',
  '    c2s_require_encryption = false',
  '',
].join('\n');

/** The same file in several layouts, with how each layout changes an expected text. */
const LAYOUTS: [string, (t: string) => string][] = [
  ['LF', (t) => t],
  ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
  ['tabs', (t) => t.replace(/^ {8}/gm, '\t\t').replace(/^ {4}/gm, '\t')],
  ['single quotes', (t) => t.replace(/"/g, "'")],
  ['no final newline', (t) => t.replace(/\n$/, '')],
];

describe.each(LAYOUTS)('a list built by appends (%s)', (_, layout) => {
  const text = layout(BASE);
  const cfg = () => parseProsodyConfig(text);

  it('addToList puts the item into the last append, in its layout', () => {
    const global = cfg().addToList('global', 'modules_enabled', 'smacks');
    expect(global.toString()).toBe(layout(BASE.replace('append { "speakerstats" }', 'append { "speakerstats"; "smacks" }')));
    expect(global.get('global', 'modules_enabled')).toEqual(['bosh', 'ping', 'speakerstats', 'smacks']);
    const host = cfg().addToList(HOST, 'modules_enabled', 'muc_breakout_rooms');
    expect(host.toString()).toBe(layout(BASE.replace('modules_enabled { "polls" } { "av_moderation" }', 'modules_enabled { "polls" } { "av_moderation"; "muc_breakout_rooms" }')));
  });

  it('addToList of an item already in the list (in any of its statements) changes nothing', () => {
    expect(cfg().addToList('global', 'modules_enabled', 'bosh').edits).toEqual([]);
    expect(cfg().addToList(HOST, 'modules_enabled', 'room_metadata').edits).toEqual([]);
  });

  it('removeFromList takes the item out of every statement; an append left with nothing goes with its line', () => {
    const global = cfg().removeFromList('global', 'modules_enabled', 'speakerstats');
    expect(global.toString()).toBe(layout(BASE.replace('modules_enabled:append { "speakerstats" } -- removed upstream in 2026\n', '')));
    const host = cfg().removeFromList(HOST, 'modules_enabled', 'av_moderation');
    expect(host.toString()).toBe(
      layout(BASE.replace('        "av_moderation";\n', '').replace('modules_enabled { "polls" } { "av_moderation" }', 'modules_enabled { "polls" } { }')),
    );
    expect(host.get(HOST, 'modules_enabled')).toEqual(['muc_lobby_rooms', 'room_metadata', 'polls']);
    const both = cfg().removeFromList(HOST, 'modules_enabled', 'av_moderation').removeFromList(HOST, 'modules_enabled', 'room_metadata');
    expect(both.get(HOST, 'modules_enabled')).toEqual(['muc_lobby_rooms', 'polls']);
    expect(both.toString()).toBe(
      layout(
        BASE.replace('    modules_enabled:append {\n        "av_moderation";\n        "room_metadata";\n    }\n', '').replace('{ "polls" } { "av_moderation" }', '{ "polls" } { }'),
      ),
    );
  });

  it('add then remove gives the original bytes back', () => {
    const c = cfg().addToList(HOST, 'modules_enabled', 'muc_breakout_rooms').removeFromList(HOST, 'modules_enabled', 'muc_breakout_rooms');
    expect(c.toString()).toBe(text);
    expect(c.edits).toEqual([]);
  });

  it('set writes the whole value: the appends go', () => {
    const c = cfg().set('global', 'modules_enabled', ['bosh', 'ping', 'smacks']);
    expect(c.toString()).toBe(
      layout(
        BASE.replace(
          'modules_enabled = { "bosh"; "ping" }\nmodules_enabled:append { "speakerstats" } -- removed upstream in 2026\n',
          'modules_enabled = { "bosh"; "ping"; "smacks" }\n',
        ),
      ),
    );
    // The value the file already gives, base and appends together: nothing to do.
    expect(cfg().set('global', 'modules_enabled', ['bosh', 'ping', 'speakerstats']).edits).toEqual([]);
  });

  it('delete takes the assignment and every append', () => {
    const c = cfg().delete(HOST, 'modules_enabled');
    expect(c.lookup(HOST, 'modules_enabled')?.from).toBe('global');
    expect(c.entries(HOST, 'modules_enabled')).toBeUndefined();
    expect(c.toString()).toBe(layout(BASE.replace(/ {4}modules_enabled = \{\n[\s\S]*?\{ "av_moderation" \}\n/, '')));
  });

  it.skipIf(!hasLuac)('every result compiles', () => {
    const results = [
      cfg().addToList('global', 'modules_enabled', 'smacks'),
      cfg().removeFromList('global', 'modules_enabled', 'speakerstats'),
      cfg().removeFromList(HOST, 'modules_enabled', 'av_moderation'),
      cfg().set('global', 'modules_enabled', ['x']),
      cfg().delete(HOST, 'modules_enabled'),
      cfg().enableSecureDomain('meet.example.com'),
    ];
    for (const r of results) expect(luacCheck(r.toString())).toBeUndefined();
  });
});

describe('a conf.d file that appends to the main config’s list', () => {
  const text = '-- appended to the global modules_enabled of prosody.cfg.lua\nmodules_enabled:append { "admin_shell", "speakerstats" }\n';

  it('addToList and removeFromList edit the append; emptied, it goes', () => {
    expect(parseProsodyConfig(text).addToList('global', 'modules_enabled', 'smacks').toString()).toBe(text.replace('"speakerstats" }', '"speakerstats", "smacks" }'));
    expect(parseProsodyConfig(text).removeFromList('global', 'modules_enabled', 'speakerstats').toString()).toBe(text.replace(', "speakerstats"', ''));
    const emptied = parseProsodyConfig(text).removeFromList('global', 'modules_enabled', 'speakerstats').removeFromList('global', 'modules_enabled', 'admin_shell');
    expect(emptied.toString()).toBe('-- appended to the global modules_enabled of prosody.cfg.lua\n');
    expect(emptied.entries('global', 'modules_enabled')).toBeUndefined();
  });

  it('entries() lists the appended items, whatever the main config sets before them', () => {
    expect(
      parseProsodyConfig(text)
        .entries('global', 'modules_enabled')
        ?.map((e) => [e.value, e.line, e.column, e.statement]),
    ).toEqual([
      ['admin_shell', 2, 26, 'append'],
      ['speakerstats', 2, 41, 'append'],
    ]);
  });
});

describe('helpers are written only for Prosody 13', () => {
  const text = 'VirtualHost "meet.example.com"\n    app_secret = "s3cret"\n';

  it('refused for a config not said to be for Prosody 13, with the file untouched', () => {
    const cfg = parseProsodyConfig(text);
    const e = thrown(ValidationError, () => cfg.set(HOST, 'app_secret', helperValue('Credential', 'jitsi_app_secret')));
    expect(e.message).toBe(
      "Cannot write Credential() into this config: it is Prosody 13 syntax, which Prosody 0.12 cannot load; when the server runs Prosody 13, parse the file with { prosody: '13' }",
    );
    expect(cfg.toString()).toBe(text);
    expect(() => parseProsodyConfig(text, { prosody: '0.12' }).set(HOST, 'app_secret', helperValue('FileLine', 'x'))).toThrow(ValidationError);
  });

  it("written for { prosody: '13' }, in the file's quotes, and read back as what it is", () => {
    const cfg = parseProsodyConfig(text.replace(/"/g, "'"), { prosody: '13' }).set(HOST, 'app_secret', helperValue('Credential', 'jitsi_app_secret'));
    expect(cfg.toString()).toBe("VirtualHost 'meet.example.com'\n    app_secret = Credential('jitsi_app_secret')\n");
    expect(cfg.get(HOST, 'app_secret')).toMatchObject({ kind: 'Credential', argument: 'jitsi_app_secret' });
    // The same helper again: nothing to do; a literal over a helper: replaced.
    expect(cfg.set(HOST, 'app_secret', helperValue('Credential', 'jitsi_app_secret')).edits).toEqual([{ offset: 48, length: 8, content: "Credential('jitsi_app_secret')" }]);
    expect(cfg.set(HOST, 'app_secret', 'plain').get(HOST, 'app_secret')).toBe('plain');
  });

  it('helpers inside a table; Lua.… is never written; an unknown option value is refused', () => {
    const cfg = parseProsodyConfig(text, { prosody: '13' }).set(HOST, 'ssl', { key: helperValue('FileLine', 'certs/meet.key'), certificate: '/etc/ssl/meet.crt' });
    expect(cfg.toString()).toBe(`${text}    ssl = { key = FileLine("certs/meet.key"); certificate = "/etc/ssl/meet.crt" }\n`);
    const lua = new OpaqueValue('Lua', 'os.getenv', 'Lua.os.getenv("HOME")');
    expect(thrown(ValidationError, () => parseProsodyConfig(text, { prosody: '13' }).set(HOST, 'home', lua)).message).toBe(
      'Cannot write Lua.os.getenv("HOME") into a Prosody config: only Credential, FileContents, FileLine and FileLines with a name are written',
    );
    expect(thrown(ValidationError, () => parseProsodyConfig(text, { prosody: '14' as '13' })).message).toBe("parseProsodyConfig: prosody must be '0.12' or '13', not \"14\"");
  });
});

describe('what stays refused', () => {
  it('a host appending to a list it does not have: Prosody 13 stops on it, the edit is refused', () => {
    const text = 'modules_enabled = { "a" }\nVirtualHost "x.example"\n    modules_enabled:append { "b" }\n';
    // The host's own items can be edited…
    expect(parseProsodyConfig(text).addToList({ host: 'x.example' }, 'modules_enabled', 'c').toString()).toBe(text.replace('{ "b" }', '{ "b"; "c" }'));
    // …but set over an expression the file cannot tell is refused as before.
    const e = thrown(UnsupportedEditError, () => parseProsodyConfig('a = "x" .. b\n').set('global', 'a', 'y'));
    expect(placed(e)).toBe('The value of a is not a literal ("x" .. b): edit it by hand (1:5)');
  });
});
