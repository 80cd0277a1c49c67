/** get and set as an admin types them: values that look like JSON but are meant as text, paths that are not set. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './index.js';
import { recorder as record } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-value-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const recorder = () => record({ cwd: dir });

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = recorder();
  const status = await run(argv, io);
  return { status, out: io.out, err: io.err };
}

const INTERFACE = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    OPTIMAL_BROWSERS: [ 'chrome' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";
const PROSODY = 'VirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n\nComponent "conference.meet.example.com" "muc"\n    storage = "memory"\n';

describe('set: values that look like JSON but are meant as text', () => {
  it.each([
    ['true', 'boolean'],
    ['1234', 'number'],
    ['null', 'null'],
  ])('%s into a string key is refused with a pointer to --string; --string sets the text', async (raw, type) => {
    writeFileSync(join(dir, 'interface_config.js'), INTERFACE);
    expect(await cli('set', 'interface_config.js', 'APP_NAME', raw)).toEqual({
      status: 1,
      out: '',
      err: `jitsi-confkit: APP_NAME takes string, not ${type} (${raw} was read as JSON; to set it as text, add --string)\n`,
    });
    expect(readFileSync(join(dir, 'interface_config.js'), 'utf8')).toBe(INTERFACE);
    const set = await cli('set', 'interface_config.js', 'APP_NAME', raw, '--string');
    expect(set.status).toBe(0);
    expect(set.out).toBe(`applied  interface_config.js: set APP_NAME = "${raw}"\nwrote interface_config.js\n`);
    expect(readFileSync(join(dir, 'interface_config.js'), 'utf8')).toBe(INTERFACE.replace("'Jitsi Meet'", `'${raw}'`));
    expect(await cli('get', 'interface_config.js', 'APP_NAME')).toEqual({ status: 0, out: `"${raw}"\n`, err: '' });
  });

  it('a key of no fixed type (Prosody app_id): 1234 is a number, with --string the text "1234"', async () => {
    writeFileSync(join(dir, 'meet.example.com.cfg.lua'), PROSODY);
    const path = 'host:meet.example.com/app_id';
    expect((await cli('set', 'meet.example.com.cfg.lua', path, '1234')).status).toBe(0);
    expect(readFileSync(join(dir, 'meet.example.com.cfg.lua'), 'latin1')).toContain('\n    app_id = 1234\n');
    expect((await cli('get', 'meet.example.com.cfg.lua', path)).out).toBe('1234\n');
    expect((await cli('set', 'meet.example.com.cfg.lua', path, '1234', '--string')).status).toBe(0);
    expect(readFileSync(join(dir, 'meet.example.com.cfg.lua'), 'latin1')).toContain('\n    app_id = "1234"\n');
    expect((await cli('get', 'meet.example.com.cfg.lua', path)).out).toBe('"1234"\n');
  });

  it('null for a Prosody setting: refused, with the same pointer', async () => {
    writeFileSync(join(dir, 'meet.example.com.cfg.lua'), PROSODY);
    expect(await cli('set', 'meet.example.com.cfg.lua', 'host:meet.example.com/app_id', 'null')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: null is not a Prosody setting; give a string, number, boolean, array or object (null was read as JSON; to set it as text, add --string)\n',
    });
  });

  it('a quoted JSON string is text without --string', async () => {
    writeFileSync(join(dir, 'interface_config.js'), INTERFACE);
    expect((await cli('set', 'interface_config.js', 'APP_NAME', '"true"')).status).toBe(0);
    expect((await cli('get', 'interface_config.js', 'APP_NAME')).out).toBe('"true"\n');
  });
});

describe('get of a path that is not set', () => {
  it('exit 1 with the path and the file; a Prosody scope that does not exist is named, with the ones that do', async () => {
    writeFileSync(join(dir, 'meet.example.com.cfg.lua'), PROSODY);
    expect(await cli('get', 'meet.example.com.cfg.lua', 'host:meet.example.com/app_id')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: host:meet.example.com/app_id is not set in meet.example.com.cfg.lua\n',
    });
    expect(await cli('get', 'meet.example.com.cfg.lua', 'host:meet.exmaple.com/authentication')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: host:meet.exmaple.com/authentication is not set in meet.example.com.cfg.lua: there is no VirtualHost "meet.exmaple.com" in it (meet.example.com)\n',
    });
    const json = await cli('get', 'meet.example.com.cfg.lua', 'component:muc.meet.example.com/storage', '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.out)).toEqual({
      error: {
        code: 'E_NOT_FOUND',
        class: 'ConfkitError',
        message: 'component:muc.meet.example.com/storage is not set in meet.example.com.cfg.lua: there is no Component "muc.meet.example.com" in it (conference.meet.example.com)',
        status: 1,
      },
    });
  });
});

describe('get and set under --root', () => {
  it('a file missing under a wrong --root says how its path was made', async () => {
    mkdirSync(join(dir, 'etc'));
    expect(await cli('get', '/etc/jitsi/jicofo/jicofo.conf', 'jicofo', '--root', 'etc')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: cannot read etc/etc/jitsi/jicofo/jicofo.conf: no such file (/etc/jitsi/jicofo/jicofo.conf taken under --root etc)\n',
    });
  });

  it('a --root that does not exist is a usage error, as for every command', async () => {
    expect(await cli('get', '/etc/jitsi/jicofo/jicofo.conf', 'jicofo', '--root', 'nowhere')).toEqual({
      status: 2,
      out: '',
      err: 'jitsi-confkit: --root nowhere does not exist\nRun "jitsi-confkit get --help" for usage.\n',
    });
  });
});

describe('a file whose name does not tell its kind', () => {
  it('missing: "no such file", not "cannot tell what kind"', async () => {
    expect(await cli('get', 'custom-jicofo', 'jicofo')).toEqual({ status: 1, out: '', err: 'jitsi-confkit: cannot read custom-jicofo: no such file\n' });
  });

  it('present: its kind comes from its content', async () => {
    writeFileSync(join(dir, 'custom-jicofo'), 'jicofo {\n  a = 1\n}\n');
    expect(await cli('get', 'custom-jicofo', 'jicofo.a')).toEqual({ status: 0, out: '1\n', err: '' });
  });
});

describe('set of a key that was not there and looks like a typo: a warning with the nearest key', () => {
  const MEET = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n    p2p: {\n        enabled: true,\n    },\n};\n";
  const JICOFO = 'jicofo {\n  authentication {\n    enabled = false\n  }\n}\n';
  const SIP = 'org.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n';

  it.each([
    [
      'interface_config.js',
      INTERFACE,
      'APP_NAMEE',
      '"x"',
      'APP_NAMEE was not set in interface_config.js: it was added as a new key, and it is not a known interface_config.js key (did you mean APP_NAME?)',
    ],
    [
      'interface_config.js',
      INTERFACE,
      'MY_OWN_THING',
      '"x"',
      'MY_OWN_THING was not set in interface_config.js: it was added as a new key, and it is not a known interface_config.js key; check its spelling',
    ],
    ['meet.example.com-config.js', MEET, 'p2p.enabeld', 'false', 'p2p.enabeld was not set in meet.example.com-config.js: it was added as a new key (did you mean p2p.enabled?)'],
    [
      'jicofo.conf',
      JICOFO,
      'jicofo.authentication.enable',
      'true',
      'jicofo.authentication.enable was not set in jicofo.conf: it was added as a new key (did you mean jicofo.authentication.enabled?)',
    ],
    [
      'sip-communicator.properties',
      SIP,
      'org.jitsi.jicofo.auth.URI',
      'x',
      'org.jitsi.jicofo.auth.URI was not set in sip-communicator.properties: it was added as a new key (did you mean org.jitsi.jicofo.auth.URL?)',
    ],
  ])('%s %s', async (name, text, path, raw, warning) => {
    writeFileSync(join(dir, name), text);
    const result = await cli('set', name, path, raw);
    expect(result.status).toBe(0);
    expect(result.err).toBe(`warning: ${warning}\n`);
    const json = await cli('set', name, path, raw, '--json');
    expect((JSON.parse(json.out) as { warnings: string[] }).warnings).toEqual([]);
  });

  it('a new key with nothing close, or an existing key: no warning', async () => {
    writeFileSync(join(dir, 'meet.example.com-config.js'), MEET);
    expect(await cli('set', 'meet.example.com-config.js', 'hosts.anonymousdomain', 'guest.meet.example.com')).toMatchObject({ status: 0, err: '' });
    expect(await cli('set', 'meet.example.com-config.js', 'p2p.enabled', 'false')).toMatchObject({ status: 0, err: '' });
  });
});

// Nesting 3,000 deep or 10,000 `[` in jicofo.conf escaped as RangeError: the CLI printed
// "internal error" without the file or a position.
describe('a jicofo.conf nested too deeply', () => {
  it.each([
    ['3,000 objects', `jicofo {\n${'a { '.repeat(3000)}`, 2, 3997],
    ['10,000 [', `a = ${'['.repeat(10_000)}`, 1, 1005],
  ])('%s: exit 1 with the file, line, column and the limit', async (_name, text, line, column) => {
    writeFileSync(join(dir, 'jicofo.conf'), text);
    const result = await cli('get', 'jicofo.conf', 'jicofo.a', '--json');
    expect(result.status).toBe(1);
    expect(result.err.split('\n')[0]).toBe(`jitsi-confkit: jicofo.conf:${line}:${column}: Nested too deeply: more than 1000 levels of objects, arrays and dotted keys`);
    expect(JSON.parse(result.out)).toMatchObject({ error: { code: 'E_SYNTAX', class: 'ConfigSyntaxError', file: 'jicofo.conf', line, column } });
  });
});
