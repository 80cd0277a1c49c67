/**
 * Edge cases seen in the field: files Prosody cannot load, hosts that are disabled, guest hosts
 * that exist in odd states, and section headers in their rarer spellings.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { evaluate, hasProgram, luacCheck } from './test-support/evaluate.js';
import { placed } from '../../../test/support/errors.js';

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
    const text = '\ufeffVirtualHost "meet.example.com"\r\n    authentication = "anonymous"\r\n';
    // The same file as read with 'utf8' (U+FEFF first), with 'latin1', and as bytes.
    for (const e of [
      error(() => parseProsodyConfig(text)),
      error(() => parseProsodyConfig(Buffer.from(text).toString('latin1'), { encoding: 'latin1' })),
      error(() => parseProsodyConfig(Buffer.from(text))),
    ]) {
      expect(e).toBeInstanceOf(ConfigSyntaxError);
      expect(placed(e)).toBe('The file starts with a UTF-8 byte order mark (EF BB BF), which Prosody cannot load: save it without one (1:1)');
      expect([(e as ConfigSyntaxError).line, (e as ConfigSyntaxError).column, (e as ConfigSyntaxError).offset]).toEqual([1, 1, 0]);
    }
  });
});

describe('enableSecureDomain and disabled hosts', () => {
  it('refuses a main host with enabled = false, leaving the text alone', () => {
    const text = `VirtualHost "${HOST}"\n    enabled = false -- Remove this line to enable this host\n    authentication = "anonymous"\n`;
    const cfg = parseProsodyConfig(text);
    const e = error(() => cfg.enableSecureDomain(HOST));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(`VirtualHost "${HOST}" is disabled (enabled = false, line 2): enable it before making it a secure domain`);
    expect(cfg.toString()).toBe(text);
    expect(cfg.edits).toEqual([]);
  });

  it('refuses a main host disabled from the global section', () => {
    const e = error(() => parseProsodyConfig(`enabled = false\nVirtualHost "${HOST}"\n`).enableSecureDomain(HOST));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(`VirtualHost "${HOST}" is disabled (enabled = false, the global section, line 1): enable it before making it a secure domain`);
  });

  it('switches on a guest host that exists with enabled = false', () => {
    const text = [
      `VirtualHost "${HOST}"`,
      '    authentication = "anonymous"',
      '',
      `VirtualHost "guest.${HOST}"`,
      '    enabled = false',
      '    authentication = "anonymous"',
      '',
    ].join('\n');
    const cfg = parseProsodyConfig(text).enableSecureDomain(HOST);
    const out = cfg.toString();
    expectEditInvariants(text, cfg.edits, out);
    expect(out).toBe(
      [
        `VirtualHost "${HOST}"`,
        '    authentication = "internal_hashed"',
        '',
        `VirtualHost "guest.${HOST}"`,
        '    enabled = true',
        '    authentication = "anonymous"',
        '    c2s_require_encryption = false',
        '',
      ].join('\n'),
    );
    expect(parseProsodyConfig(out).enableSecureDomain(HOST).edits).toEqual([]);
    if (lua) {
      expect(luacCheck(out)).toBeUndefined();
      expect(evaluate(out).hosts[`guest.${HOST}`]!.settings).toEqual({ enabled: true, authentication: 'anonymous', c2s_require_encryption: false });
    }
  });
});

describe('a header with an option table: VirtualHost "x" { key = value }', () => {
  const text = `VirtualHost "${HOST}" { authentication = "anonymous"; c2s_require_encryption = false }\n`;

  it('reads the options as the section’s settings; the statements after the header are global (as in Prosody)', () => {
    const cfg = parseProsodyConfig(text);
    expect(cfg.lookup({ host: HOST }, 'authentication')).toEqual({ value: 'anonymous', from: 'section', line: 1 });
    const after = parseProsodyConfig(`${text}    c2s_require_encryption = true\n    admins = { }\n`);
    expect(after.get({ host: HOST }, 'c2s_require_encryption')).toBe(false);
    expect(after.lookup({ host: HOST }, 'admins')).toEqual({ value: [], from: 'global', line: 3 });
    expect(after.get('global', 'c2s_require_encryption')).toBe(true);
  });

  it('adds a new setting to the option table, and removes only the header with the section', () => {
    const withGlobal = `${text}    admins = { }\n`;
    const cfg = parseProsodyConfig(withGlobal).set({ host: HOST }, 'muc_mapper_domain_base', HOST);
    expectEditInvariants(withGlobal, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(`VirtualHost "${HOST}" { authentication = "anonymous"; c2s_require_encryption = false; muc_mapper_domain_base = "${HOST}" }\n    admins = { }\n`);
    const removed = parseProsodyConfig(withGlobal).removeSection({ host: HOST });
    expect(removed.toString()).toBe('    admins = { }\n');
    expect(removed.get('global', 'admins')).toEqual([]);
  });

  it('edits an option in place (no second, duplicate setting)', () => {
    const cfg = parseProsodyConfig(text).enableSecureDomain(HOST);
    const out = cfg.toString();
    expectEditInvariants(text, cfg.edits, out);
    expect(out).toBe(
      `VirtualHost "${HOST}" { authentication = "internal_hashed"; c2s_require_encryption = false }\n\nVirtualHost "guest.${HOST}"\n    authentication = "anonymous"\n    c2s_require_encryption = false\n`,
    );
    expect(parseProsodyConfig(out).enableSecureDomain(HOST).edits).toEqual([]);
    expect(parseProsodyConfig(out).disableSecureDomain(HOST).toString()).toBe(text);
    if (lua) {
      expect(luacCheck(out)).toBeUndefined();
      const e = evaluate(out);
      expect(e.warnings).toEqual([]);
      expect(e.hosts[HOST]!.settings).toEqual({ authentication: 'internal_hashed', c2s_require_encryption: false });
    }
  });

  it('deletes an option from the table', () => {
    const cfg = parseProsodyConfig(text).delete({ host: HOST }, 'authentication');
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(`VirtualHost "${HOST}" { c2s_require_encryption = false }\n`);
  });
});

describe('delete of the last statement on a shared line', () => {
  it('leaves no trailing space behind', () => {
    const text = `VirtualHost "${HOST}" authentication = "anonymous"\nx = 1 y = 2 -- two\n`;
    const cfg = parseProsodyConfig(text).delete({ host: HOST }, 'authentication');
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(`VirtualHost "${HOST}"\nx = 1 y = 2 -- two\n`);
    expect(cfg.delete({ host: HOST }, 'y').toString()).toBe(`VirtualHost "${HOST}"\nx = 1 -- two\n`);
  });
});

describe('removeSection keeps Include and RunScript lines', () => {
  it('removes the header and settings around them, line by line', () => {
    const text =
      'admins = { }\n\n-- the default host\nVirtualHost "localhost"\n    x = 1\n-- Prosody requires a VirtualHost\n\nInclude "conf.d/*.cfg.lua"\n    y = 2\nRunScript "extra.lua"\n\n-- End of the file\n';
    const cfg = parseProsodyConfig(text).removeSection({ host: 'localhost' });
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe('admins = { }\n\n-- Prosody requires a VirtualHost\n\nInclude "conf.d/*.cfg.lua"\nRunScript "extra.lua"\n\n-- End of the file\n');
    expect(cfg.hosts()).toEqual([]);
  });

  it('refuses when an Include shares a line with a setting of the section', () => {
    const text = 'VirtualHost "localhost"\n    x = 1 Include "conf.d/*.cfg.lua"\n';
    const cfg = parseProsodyConfig(text);
    const e = error(() => cfg.removeSection({ host: 'localhost' }));
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect(placed(e)).toBe('Cannot remove localhost but keep its Include: they share a line (2:11)');
    expect(cfg.toString()).toBe(text);
  });
});

describe('addVirtualHost and removeSection undo each other', () => {
  const cases: [string, string, string][] = [
    ['blank lines at the end of the file', 'VirtualHost "a.example"\n    x = 1\n\n\n', 'VirtualHost "a.example"\n    x = 1\n\nVirtualHost "b.example"\n    y = 2\n\n\n'],
    [
      'sections packed without blank lines',
      'VirtualHost "a.example"\n    x = 1\nComponent "c.example" "muc"\n',
      'VirtualHost "a.example"\n    x = 1\nVirtualHost "b.example"\n    y = 2\nComponent "c.example" "muc"\n',
    ],
    [
      'sections between blank lines',
      'VirtualHost "a.example"\n    x = 1\n\nComponent "c.example" "muc"\n',
      'VirtualHost "a.example"\n    x = 1\n\nVirtualHost "b.example"\n    y = 2\n\nComponent "c.example" "muc"\n',
    ],
    ['no final newline', 'VirtualHost "a.example"\n    x = 1', 'VirtualHost "a.example"\n    x = 1\n\nVirtualHost "b.example"\n    y = 2'],
  ];
  it.each(cases)('%s', (_, text, middle) => {
    const cfg = parseProsodyConfig(text).addVirtualHost('b.example', { y: 2 }, { after: { host: 'a.example' } });
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(middle);
    cfg.removeSection({ host: 'b.example' });
    expect(cfg.toString()).toBe(text);
    expect(cfg.edits).toEqual([]);
  });
});

describe('hostile input: refused with a typed error, or escaped and read back by lua5.4', () => {
  const text = `VirtualHost "${HOST}"\n    authentication = "anonymous"\n`;

  it('refuses a table that contains itself (no stack overflow)', () => {
    const value: { [key: string]: unknown } = { a: 1 };
    value.self = value;
    const cfg = parseProsodyConfig(text);
    const e = error(() => cfg.set({ host: HOST }, 'x', value as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('Cannot write a table that contains itself into a Prosody config');
    expect(cfg.toString()).toBe(text);
  });

  it.each([
    ['a quote', 'x" ; os.execute("id") --'],
    ['a newline', `${HOST}\nos.execute("id")`],
    ['a NUL', `${HOST}\0`],
    ['a long bracket', `]] os.execute("id") --[[`],
  ])('refuses a host name with %s everywhere a name goes in', (_, name) => {
    const cfg = parseProsodyConfig(text);
    for (const op of [() => cfg.addVirtualHost(name), () => cfg.enableSecureDomain(name), () => cfg.enableSecureDomain(HOST, name), () => cfg.disableSecureDomain(HOST, name)]) {
      expect(error(op)).toBeInstanceOf(ValidationError);
    }
    expect(error(() => cfg.set({ host: name }, 'x', 1))).toBeInstanceOf(ValidationError);
    expect(cfg.removeSection({ host: name }).toString()).toBe(text);
    expect(cfg.toString()).toBe(text);
  });

  it.each(['a b', 'a"', '1a', 'end', 'x=1', ''])('refuses the setting name %j', (key) => {
    const cfg = parseProsodyConfig(text);
    expect(error(() => cfg.set('global', key, 1))).toBeInstanceOf(ValidationError);
    expect(error(() => cfg.addToList('global', key, 'a'))).toBeInstanceOf(ValidationError);
    expect(error(() => cfg.addVirtualHost('b.example', { [key]: 1 }))).toBeInstanceOf(ValidationError);
    expect(cfg.toString()).toBe(text);
  });

  it('escapes table keys and values that are not Lua names, and lua5.4 reads them back', () => {
    const value = { 'a"]] --[[': ']]\\065\n\0', 'x y': ['\\ddd', "'", '--'] };
    const cfg = parseProsodyConfig(text).set({ host: HOST }, 'ssl', value).addToList({ host: HOST }, 'modules_enabled', '"); os.exit(1) --');
    const out = cfg.toString();
    expect(cfg.get({ host: HOST }, 'ssl')).toEqual(value);
    if (lua) {
      expect(luacCheck(out)).toBeUndefined();
      const settings = evaluate(out).hosts[HOST]!.settings;
      expect(settings.ssl).toEqual(value);
      expect(settings.modules_enabled).toEqual(['"); os.exit(1) --']);
    }
  });
});

describe('lists a host inherits from the global section', () => {
  const text = 'admins = { "admin@meet.example.com" }\nmodules_enabled = { "ping" }\n\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n';
  const host = { host: HOST };

  it('addToList copies the global list into the host, so the effective list gains only the item', () => {
    const cfg = parseProsodyConfig(text).addToList(host, 'admins', 'focus@auth.meet.example.com');
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.toString()).toBe(text.replace('"anonymous"\n', '"anonymous"\n    admins = { "admin@meet.example.com"; "focus@auth.meet.example.com" }\n'));
    expect(cfg.get(host, 'admins')).toEqual(['admin@meet.example.com', 'focus@auth.meet.example.com']);
    expect(parseProsodyConfig(text).addToList(host, 'admins', 'admin@meet.example.com').edits).toEqual([]);
    if (lua) expect(evaluate(cfg.toString()).hosts[HOST]!.settings.admins).toEqual(['admin@meet.example.com', 'focus@auth.meet.example.com']);
  });

  it('addToList on modules_enabled starts the host list with the item alone (Prosody merges module lists)', () => {
    const cfg = parseProsodyConfig(text).addToList(host, 'modules_enabled', 'bosh');
    expect(cfg.toString()).toBe(text.replace('"anonymous"\n', '"anonymous"\n    modules_enabled = { "bosh" }\n'));
  });

  it('removeFromList refuses an item that comes from the global list, leaving the text alone', () => {
    const cfg = parseProsodyConfig(text);
    const e = error(() => cfg.removeFromList(host, 'admins', 'admin@meet.example.com'));
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect(placed(e)).toBe(
      `Cannot remove admin@meet.example.com from admins in VirtualHost "${HOST}": it comes from the global section's admins; remove it there, or set the section's own admins (1:1)`,
    );
    expect(cfg.toString()).toBe(text);
    expect(cfg.removeFromList(host, 'admins', 'nobody@x').edits).toEqual([]);
  });
});

describe('disableSecureDomain when the main host inherits its authentication', () => {
  it('gives the text back byte for byte after enable', () => {
    const text = `authentication = "anonymous"\n\nVirtualHost "${HOST}"\n    modules_enabled = { "bosh" }\n`;
    const enabled = parseProsodyConfig(text).enableSecureDomain(HOST);
    expect(enabled.get({ host: HOST }, 'authentication')).toBe('internal_hashed');
    const cfg = parseProsodyConfig(enabled.toString()).disableSecureDomain(HOST);
    expect(cfg.toString()).toBe(text);
    expect(cfg.lookup({ host: HOST }, 'authentication')).toEqual({ value: 'anonymous', from: 'global', line: 1 });
  });

  it('keeps a line with a marker comment (jitsi-meet-tokens looks for it)', () => {
    const text = `authentication = "jitsi-anonymous"\n\nVirtualHost "${HOST}"\n    authentication = "internal_hashed" -- do not delete me\n`;
    const cfg = parseProsodyConfig(text).disableSecureDomain(HOST);
    expect(cfg.toString()).toBe(text.replace('"internal_hashed"', '"jitsi-anonymous"'));
  });
});

describe('a host opened twice', () => {
  const text = `VirtualHost "${HOST}"\n    authentication = "anonymous"\n\nComponent "conference.${HOST}" "muc"\n\nVirtualHost "${HOST}"\n    c2s_require_encryption = false\n`;

  it('is listed once, and the error for a missing host names it once', () => {
    const cfg = parseProsodyConfig(text);
    expect(cfg.hosts()).toEqual([HOST]);
    expect(cfg.sections().map((s) => s.name ?? 'global')).toEqual(['global', HOST, `conference.${HOST}`, HOST]);
    expect(error(() => cfg.enableSecureDomain('other.example.com')).message).toBe(`VirtualHost "other.example.com" is not in this file; its VirtualHosts are: ${HOST}`);
  });

  it('gets the secure domain on its last assignment, the guest host after its last section', () => {
    const cfg = parseProsodyConfig(text).enableSecureDomain(HOST);
    expect(cfg.toString()).toBe(
      text.replace('"anonymous"', '"internal_hashed"') + `\nVirtualHost "guest.${HOST}"\n    authentication = "anonymous"\n    c2s_require_encryption = false\n`,
    );
    if (lua) expect(evaluate(cfg.toString()).hosts[HOST]!.settings).toEqual({ authentication: 'internal_hashed', c2s_require_encryption: false });
  });
});

describe('strings that are not UTF-8', () => {
  it('are refused when read, not turned into U+FFFD (which a write would then store)', () => {
    const text = 'motd = "caf\\233"\nnames = { "\\233t\\233" }\nok = "caf\xc3\xa9"\n';
    const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
    const e = error(() => cfg.get('global', 'motd'));
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect(placed(e)).toBe('The value of motd is a string that is not UTF-8 ("caf\\233"): edit it by hand (1:8)');
    expect(error(() => cfg.set('global', 'names', ['x']))).toBeInstanceOf(UnsupportedEditError);
    expect(cfg.get('global', 'ok')).toBe('café');
    expect(cfg.toString()).toBe(text);
  });
});
