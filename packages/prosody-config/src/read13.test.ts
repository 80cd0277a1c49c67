/**
 * Reading Prosody 13's config syntax: appends merged, helpers opaque, bare references from the
 * current section only, `= nil` unsetting; in every layout (quotes, tabs, CRLF, comments, no final
 * newline). Prosody 13's own core/configmanager.lua judges the same texts in the Debian stage
 * (prosody13.debian.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError } from '@jitsi-confkit/core';
import { helperValue, OpaqueValue, parseProsodyConfig, type ProsodyConfig } from '@jitsi-confkit/prosody-config';
import { placed, thrown } from '../../../test/support/errors.js';

/** The same config in several layouts: every reading must be the same. */
function layouts(lines: readonly string[]): [string, string][] {
  const lf = `${lines.join('\n')}\n`;
  return [
    ['LF, four spaces', lf],
    ['CRLF', lf.replace(/\n/g, '\r\n')],
    ['tabs', lf.replace(/^ {4}/gm, '\t')],
    ['single quotes', lf.replace(/"/g, "'")],
    ['no final newline', lf.slice(0, -1)],
    ['comments after every line', lf.replace(/\n/g, ' -- note\n')],
  ];
}

const MODULES = [
  'modules_enabled = { "bosh"; "ping" }',
  'modules_enabled:append { "smacks" }',
  'modules_enabled { "websocket", "external_services" }',
  'muc_mapper_domain_base = "meet.example.com"',
  'main_muc = "conference." .. muc_mapper_domain_base',
  'plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }',
  'VirtualHost "meet.example.com"',
  '    authentication = "jitsi-anonymous"',
  '    modules_enabled = { "muc_lobby_rooms" }',
  '    modules_enabled:append { "muc_breakout_rooms" } { "polls" }',
  '    lobby_muc = "lobby." .. "meet.example.com"',
  '    domain = "meet.example.com"',
  '    breakout_rooms_muc = "breakout." .. domain',
  '    app_secret = Credential("jitsi_app_secret")',
  '    ssl = { key = FileLine("certs/meet.key"); certificate = FileContents("certs/meet.crt") }',
  '    admins = FileLines("/etc/prosody/admins.txt")',
  '    home = Lua.os.getenv("HOME")',
  'Component "conference.meet.example.com" "muc"',
  '    restrict_room_creation = true',
  '    restrict_room_creation = nil',
];

describe.each(layouts(MODULES))('Prosody 13 syntax, %s', (_, text) => {
  const cfg = parseProsodyConfig(text);
  const q = (s: string): string => (text.includes("'bosh'") ? s.replace(/"/g, "'") : s);

  it('merges appends into the list, in order, in the global section and in a host', () => {
    expect(cfg.get('global', 'modules_enabled')).toEqual(['bosh', 'ping', 'smacks', 'websocket', 'external_services']);
    expect(cfg.get({ host: 'meet.example.com' }, 'modules_enabled')).toEqual(['muc_lobby_rooms', 'muc_breakout_rooms', 'polls']);
    expect(cfg.lookup('global', 'modules_enabled')).toEqual({ value: ['bosh', 'ping', 'smacks', 'websocket', 'external_services'], from: 'section', line: 1, appends: [2, 3] });
    expect(cfg.lookup({ host: 'meet.example.com' }, 'modules_enabled')?.appends).toEqual([10]);
  });

  it('resolves a bare reference from the same section', () => {
    expect(cfg.get('global', 'main_muc')).toBe('conference.meet.example.com');
    expect(cfg.get({ host: 'meet.example.com' }, 'breakout_rooms_muc')).toBe('breakout.meet.example.com');
    expect(cfg.get({ host: 'meet.example.com' }, 'lobby_muc')).toBe('lobby.meet.example.com');
    // Inherited from the global section, as Prosody's get does after loading.
    expect(cfg.lookup({ host: 'meet.example.com' }, 'main_muc')).toEqual({ value: 'conference.meet.example.com', from: 'global', line: 5 });
  });

  it('gives helpers as opaque values of their kind, never computed', () => {
    const secret = cfg.get({ host: 'meet.example.com' }, 'app_secret');
    expect(secret).toBeInstanceOf(OpaqueValue);
    expect(secret).toMatchObject({ kind: 'Credential', argument: 'jitsi_app_secret', source: q('Credential("jitsi_app_secret")') });
    const ssl = cfg.get({ host: 'meet.example.com' }, 'ssl') as Record<string, OpaqueValue>;
    expect([ssl.key!.kind, ssl.key!.argument, ssl.certificate!.kind, ssl.certificate!.argument]).toEqual(['FileLine', 'certs/meet.key', 'FileContents', 'certs/meet.crt']);
    expect(cfg.get({ host: 'meet.example.com' }, 'admins')).toMatchObject({ kind: 'FileLines', argument: '/etc/prosody/admins.txt' });
    expect(cfg.get({ host: 'meet.example.com' }, 'home')).toMatchObject({ kind: 'Lua', argument: 'os.getenv', source: q('Lua.os.getenv("HOME")') });
    expect(JSON.parse(JSON.stringify(secret))).toEqual({ opaque: 'Credential', argument: 'jitsi_app_secret', source: q('Credential("jitsi_app_secret")') });
  });

  it('takes `= nil` as unset', () => {
    expect(cfg.get({ component: 'conference.meet.example.com' }, 'restrict_room_creation')).toBeUndefined();
  });

  it('lists where the file needs Prosody 13', () => {
    expect(cfg.syntax13().map((u) => `${u.line}:${u.feature}:${u.name ?? ''}`)).toEqual([
      '2:append:modules_enabled',
      '3:append:modules_enabled',
      '5:reference:muc_mapper_domain_base',
      '10:append:modules_enabled',
      '13:reference:domain',
      '14:Credential:jitsi_app_secret',
      '15:FileLine:certs/meet.key',
      '15:FileContents:certs/meet.crt',
      '16:FileLines:/etc/prosody/admins.txt',
      '17:Lua:os.getenv',
    ]);
  });

  it('lists the items of a list with the statement each is written in', () => {
    expect(cfg.entries('global', 'modules_enabled')?.map((e) => `${e.line}:${e.statement}:${e.value as string}`)).toEqual([
      '1:assignment:bosh',
      '1:assignment:ping',
      '2:append:smacks',
      '3:append:websocket',
      '3:append:external_services',
    ]);
    expect(cfg.entries({ host: 'meet.example.com' }, 'modules_enabled')?.map((e) => `${e.line}:${e.value as string}`)).toEqual([
      '9:muc_lobby_rooms',
      '10:muc_breakout_rooms',
      '10:polls',
    ]);
    // Not the host's own list: entries() says nothing about what it inherits.
    expect(cfg.entries({ component: 'conference.meet.example.com' }, 'modules_enabled')).toBeUndefined();
  });
});

function readError(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): [string, number, number] {
  const e = thrown(UnsupportedEditError, () => cfg.get(scope, key));
  return [placed(e), e.position!.line, e.position!.column];
}

describe('what the file does not tell', () => {
  it('a bare name from the global section is not seen inside a host (Prosody 13 reads the current section only)', () => {
    const cfg = parseProsodyConfig('domain = "meet.example.com"\nVirtualHost "meet.example.com"\n    lobby_muc = "lobby." .. domain\n');
    expect(readError(cfg, { host: 'meet.example.com' }, 'lobby_muc')).toEqual([
      'The value of lobby_muc refers to domain, which this file does not set before it in the section of meet.example.com (Prosody 13 reads a bare name from the current section only; Prosody 0.12 reads it as nil) (3:29)',
      3,
      29,
    ]);
  });

  it('a name set only after the line that reads it', () => {
    const cfg = parseProsodyConfig('a = b\nb = "x"\n');
    expect(readError(cfg, 'global', 'a')[0]).toMatch(/^The value of a refers to b, which this file does not set before it in the global section/);
    expect(cfg.get('global', 'b')).toBe('x');
  });

  it('a bare name this file never sets: another file may (the main config, before its Include)', () => {
    expect(readError(parseProsodyConfig('a = 1\na = set_elsewhere\n'), 'global', 'a')[0]).toMatch(/^The value of a refers to set_elsewhere, which this file does not set/);
  });

  it('an append to a list this file does not set (the main config may, for the global section)', () => {
    const cfg = parseProsodyConfig('-- conf.d/extra.cfg.lua\nmodules_enabled:append { "smacks" }\n');
    expect(readError(cfg, 'global', 'modules_enabled')).toEqual([
      'modules_enabled is appended to (modules_enabled:append { "smacks" }) but not set before in the global section of this file: its value starts with what another file sets, and Prosody 13 stops if none does (2:1)',
      2,
      1,
    ]);
    expect(cfg.lookup === undefined).toBe(false);
    expect(cfg.syntax13().map((u) => u.feature)).toEqual(['append']);
  });

  it('a host does not append to the global list: it has none of its own', () => {
    const cfg = parseProsodyConfig('modules_enabled = { "a" }\nVirtualHost "x.example"\n    modules_enabled:append { "b" }\n');
    expect(readError(cfg, { host: 'x.example' }, 'modules_enabled')[0]).toMatch(/^modules_enabled is appended to .* but not set before in the section of x\.example of this file/);
    expect(cfg.get('global', 'modules_enabled')).toEqual(['a']);
  });

  it('a reference to a table option (Prosody 13 passes a proxy, not the table)', () => {
    const cfg = parseProsodyConfig('a = { "x" }\nb = a\n');
    expect(readError(cfg, 'global', 'b')[0]).toBe('The value of b refers to a, a table, which Prosody 13 passes as a proxy rather than a copy: edit it by hand (2:5)');
  });

  it('ENV_, calls and arithmetic stay unknown, with the message get() has always given', () => {
    const cfg = parseProsodyConfig('a = ENV_HOME\nb = "x" .. ENV_HOME\nc = 60 * 5\nd = os.getenv("HOME")\ne = { "a", extra() }\n');
    expect(readError(cfg, 'global', 'a')[0]).toBe('The value of a is not a literal (ENV_HOME): edit it by hand (1:5)');
    expect(readError(cfg, 'global', 'b')[0]).toBe('The value of b is not a literal ("x" .. ENV_HOME): edit it by hand (2:5)');
    expect(readError(cfg, 'global', 'c')[0]).toBe('The value of c is not a literal (60 * 5): edit it by hand (3:5)');
    expect(readError(cfg, 'global', 'd')[0]).toBe('The value of d is not a literal (os.getenv("HOME")): edit it by hand (4:5)');
    expect(readError(cfg, 'global', 'e')[0]).toBe('The value of e is not a literal ({ "a", extra() }): edit it by hand (5:5)');
  });

  it('a table of keys appended sets those keys (ssl:append { … })', () => {
    const cfg = parseProsodyConfig('ssl = { key = "a.key" }\nssl:append { certificate = "a.crt" }\n');
    expect(cfg.get('global', 'ssl')).toEqual({ key: 'a.key', certificate: 'a.crt' });
  });

  it('an append of nothing, and appends that are not a table, are not appends', () => {
    const cfg = parseProsodyConfig('m = { "a" }\nm:append {}\nm "x"\n');
    expect(cfg.get('global', 'm')).toEqual(['a']);
    expect(cfg.syntax13().map((u) => `${u.line}:${u.feature}`)).toEqual(['2:append']);
    expect(cfg.contents('global').map((c) => `${c.line}:${c.kind}:${c.key ?? ''}`)).toEqual(['1:setting:m', '2:setting:m', '3:statement:']);
  });
});

describe('what Prosody says on loading', () => {
  it('Duplicate option, per section (re-opened sections included), and direct use of Lua’s API', () => {
    const text = [
      'a = 1',
      'a = 2',
      'VirtualHost "x.example"',
      '    a = 3',
      'VirtualHost "y.example" { b = 1 }',
      'VirtualHost "x.example"',
      '    a = 4',
      '    p = os.getenv("P")',
      '',
    ].join('\n');
    expect(parseProsodyConfig(text).loadWarnings()).toEqual([
      { kind: 'duplicate-option', name: 'a', message: "Duplicate option 'a'", line: 2, column: 1 },
      { kind: 'duplicate-option', name: 'a', message: "Duplicate option 'a'", line: 7, column: 5 },
      { kind: 'lua-api', name: 'os', message: 'direct usage of the Lua API is deprecated - replace `os` with `Lua.os`', line: 8, column: 9 },
    ]);
  });

  it('the Include and RunScript statements', () => {
    const cfg = parseProsodyConfig('VirtualHost "localhost"\nInclude "conf.d/*.cfg.lua"\ninclude(\'/etc/x.lua\')\nRunScript(path)\n');
    expect(cfg.includes()).toEqual([
      { keyword: 'Include', path: 'conf.d/*.cfg.lua', line: 2, column: 1 },
      { keyword: 'include', path: '/etc/x.lua', line: 3, column: 1 },
      { keyword: 'RunScript', line: 4, column: 1 },
    ]);
  });
});

describe('helpers as values to write', () => {
  it('helperValue makes one; a name that is not a helper is refused', () => {
    expect(helperValue('Credential', 'x')).toMatchObject({ kind: 'Credential', argument: 'x' });
    expect(() => helperValue('Secret' as 'Credential', 'x')).toThrow('Not a Prosody 13 helper: Secret (use Credential, FileContents, FileLine, FileLines)');
  });
});
