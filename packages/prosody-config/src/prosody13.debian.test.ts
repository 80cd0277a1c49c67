/**
 * get() against Prosody 13's own reading: core/configmanager.lua of Debian 13's prosody package
 * (13.0.x), run by Debian's lua5.4 inside a Debian 13 root filesystem (test/rootfs). For every
 * section and every setting Prosody holds after loading a text, get() must give the same value,
 * where an OpaqueValue stands for what Prosody read from the file, credential or environment it
 * names; loadWarnings() must say what Prosody says. Texts with Prosody 13's syntax in several
 * layouts, texts Prosody 13 refuses, and every corpus file Prosody 13 loads.
 */
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperValue, OpaqueValue, parseProsodyConfig, type Scope } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { Rootfs } from '../../../test/rootfs/rootfs.js';
import { compareWithReal, type RealConfig } from './test-support/compare.js';

const SUPPORT = fileURLToPath(new URL('./test-support/', import.meta.url));

let fs: Rootfs;
let prosodyVersion: string;

beforeAll(() => {
  fs = Rootfs.create({ suite: 'trixie', packages: ['prosody', 'lua5.4'] });
  mkdirSync(fs.path('/oracle'), { recursive: true });
  for (const f of ['eval-real13.lua', 'json.lua']) copyFileSync(join(SUPPORT, f), fs.path(`/oracle/${f}`));
  // What the helpers of the texts below read.
  mkdirSync(fs.path('/cfg/certs'), { recursive: true });
  mkdirSync(fs.path('/cred'), { recursive: true });
  writeFileSync(fs.path('/cfg/certs/meet.key'), 'first line of the key\nsecond line\n');
  writeFileSync(fs.path('/cfg/certs/meet.crt'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writeFileSync(fs.path('/etc/prosody/admins.txt'), 'focus@auth.meet.example.com\njvb@auth.meet.example.com\n');
  writeFileSync(fs.path('/cred/jitsi_app_secret'), 's3cret without a final newline');
  prosodyVersion = readFileSync(fs.path('/usr/lib/prosody/prosody.version'), 'utf8').trim();
});
afterAll(() => fs?.dispose());

type Real = { config: RealConfig; warnings: string[] } | { error: string };

/** Prosody 13's reading of each text (written as /cfg/<i>.cfg.lua). */
function evaluate13(texts: readonly string[]): Real[] {
  const files = texts.map((text, i) => {
    writeFileSync(fs.path(`/cfg/${i}.cfg.lua`), text, 'latin1');
    return `/cfg/${i}.cfg.lua`;
  });
  const r = fs.mustRun(['lua5.4', '/oracle/eval-real13.lua', ...files], { env: { CREDENTIALS_DIRECTORY: '/cred' } });
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(texts.length);
  return lines.map((l) => (l.startsWith('ok ') ? (JSON.parse(l.slice(3)) as Real) : { error: l.slice('error '.length) }));
}

/** What Prosody computes for an opaque value, from the files the helpers read (inside the root filesystem). */
function materialise(v: unknown): unknown {
  if (v instanceof OpaqueValue) {
    const file = (p: string): string => readFileSync(fs.path(p.startsWith('/') ? p : `/cfg/${p}`), 'utf8');
    switch (v.kind) {
      case 'Credential':
        return readFileSync(fs.path(`/cred/${v.argument}`), 'utf8');
      case 'FileContents':
        return file(v.argument!);
      case 'FileLine':
        return file(v.argument!).split('\n')[0];
      case 'FileLines':
        return file(v.argument!).replace(/\n$/, '').split('\n');
      case 'Lua':
        // The one Lua expression of these texts; the environment is the root filesystem's (HOME=/root).
        expect(v.source.replace(/'/g, '"')).toBe('Lua.os.getenv("HOME")');
        return '/root';
    }
  }
  if (Array.isArray(v)) return v.map(materialise);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? [] : Object.fromEntries(keys.map((k) => [k, materialise((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** Compares get() and loadWarnings() with Prosody 13's reading; returns how many values matched. */
function compare(text: string, real: Real, path: string): number {
  if ('error' in real) throw new Error(`Prosody 13 refused ${path}: ${real.error}`);
  const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
  const matched = compareWithReal(cfg, real.config, materialise, `${path} `);
  expect(cfg.loadWarnings().map((w) => `${path}:${w.line}: ${w.message}`)).toEqual(real.warnings);
  return matched;
}

const MODULES = [
  'modules_enabled = { "bosh"; "ping" }',
  'modules_enabled:append { "smacks" }',
  'modules_enabled { "websocket", "external_services" }',
  'muc_mapper_domain_base = "meet.example.com"',
  'main_muc = "conference." .. muc_mapper_domain_base',
  'VirtualHost "meet.example.com"',
  '    authentication = "jitsi-anonymous"',
  '    modules_enabled = { "muc_lobby_rooms" }',
  '    modules_enabled:append { "muc_breakout_rooms" } { "polls" }',
  '    domain = "meet.example.com"',
  '    lobby_muc = "lobby." .. domain',
  '    app_secret = Credential("jitsi_app_secret")',
  '    ssl = { key = FileLine("certs/meet.key"); certificate = FileContents("certs/meet.crt") }',
  '    admins = FileLines("/etc/prosody/admins.txt")',
  '    home = Lua.os.getenv("HOME")',
  '    port = 5280',
  '    url = "http://localhost:" .. 5280 .. "/"',
  'Component "conference.meet.example.com" "muc"',
  '    restrict_room_creation = true',
  '    restrict_room_creation = nil',
  '    modules_enabled = { "muc_meeting_id" }',
  '    modules_enabled:append { "muc_domain_mapper" }',
  '    ssl = { key = "a.key" }',
  '    ssl:append { certificate = "a.crt" }',
];
const lf = `${MODULES.join('\n')}\n`;
const TEXTS: [string, string][] = [
  ['Prosody 13 syntax', lf],
  ['in CRLF', lf.replace(/\n/g, '\r\n')],
  ['with tabs and single quotes', lf.replace(/^ {4}/gm, '\t').replace(/"/g, "'")],
  ['with comments everywhere and no final newline', lf.replace(/\n/g, ' -- note\n').slice(0, -1)],
  [
    'duplicates, re-opened sections, header option tables, Lua used directly',
    [
      'a = 1',
      'a = 2',
      'VirtualHost "x.example"',
      '    a = 3',
      'VirtualHost "y.example" { b = "from the table" }',
      'c = "global again"',
      'VirtualHost "x.example"',
      '    a = 4',
      '    p = os.getenv("HOME")',
      '    q = "x-" .. a',
      '',
    ].join('\n'),
  ],
];

describe('get() agrees with Prosody 13’s core/configmanager.lua', () => {
  it('runs Debian 13’s prosody 13.0.x', () => {
    expect(prosodyVersion).toMatch(/^13\.0\.\d+$/);
  });

  it.each(TEXTS)('%s', (_, text) => {
    const [real] = evaluate13([text]);
    expect(compare(text, real!, '/cfg/0.cfg.lua')).toBeGreaterThan(5);
  });

  it('what Prosody 13 refuses to load, get() does not read either', () => {
    const refused: [string, string, Scope, string][] = [
      [
        'an append in a host that has no list of its own',
        'modules_enabled = { "a" }\nVirtualHost "x.example"\n    modules_enabled:append { "b" }\n',
        { host: 'x.example' },
        'modules_enabled',
      ],
      ['a global name read inside a host', 'domain = "x.example"\nVirtualHost "x.example"\n    lobby_muc = "lobby." .. domain\n', { host: 'x.example' }, 'lobby_muc'],
      ['a name read before it is set', 'lobby_muc = "lobby." .. domain\ndomain = "x.example"\n', 'global', 'lobby_muc'],
    ];
    const reals = evaluate13(refused.map(([, text]) => text));
    refused.forEach(([what, text, scope, key], i) => {
      expect(reals[i], what).toHaveProperty('error');
      expect(() => parseProsodyConfig(text).get(scope, key), what).toThrow();
    });
    expect(reals.map((r) => ('error' in r ? r.error.replace(/^parser \/cfg\/\d+\.cfg\.lua:/, '') : ''))).toEqual([
      "3: attempt to index a nil value (global 'modules_enabled')",
      "3: attempt to concatenate a nil value (global 'domain')",
      "1: attempt to concatenate a nil value (global 'domain')",
    ]);
  });

  it('edits in Prosody 13 syntax: Prosody 13 loads each result, which differs from the original by exactly the change', () => {
    const host = { host: 'meet.example.com' };
    const conference = { component: 'conference.meet.example.com' };
    const edits: [string, (c: ReturnType<typeof parseProsodyConfig>) => unknown, string, string, unknown][] = [
      [
        'add to a list built by appends',
        (c) => c.addToList('global', 'modules_enabled', 'ping_extra'),
        '*',
        'modules_enabled',
        ['bosh', 'ping', 'smacks', 'websocket', 'external_services', 'ping_extra'],
      ],
      [
        'remove from the base of such a list',
        (c) => c.removeFromList('global', 'modules_enabled', 'bosh'),
        '*',
        'modules_enabled',
        ['ping', 'smacks', 'websocket', 'external_services'],
      ],
      [
        'remove from an append (the append goes)',
        (c) => c.removeFromList('global', 'modules_enabled', 'smacks'),
        '*',
        'modules_enabled',
        ['bosh', 'ping', 'websocket', 'external_services'],
      ],
      ['remove from a chained append', (c) => c.removeFromList(host, 'modules_enabled', 'polls'), 'meet.example.com', 'modules_enabled', ['muc_lobby_rooms', 'muc_breakout_rooms']],
      [
        'add to a component list built by appends',
        (c) => c.addToList(conference, 'modules_enabled', 'muc_rate_limit'),
        'conference.meet.example.com',
        'modules_enabled',
        ['muc_meeting_id', 'muc_domain_mapper', 'muc_rate_limit'],
      ],
      ['set a list built by appends', (c) => c.set(host, 'modules_enabled', ['ping']), 'meet.example.com', 'modules_enabled', ['ping']],
      ['set a table of keys built by appends', (c) => c.set(conference, 'ssl', { key: 'b.key' }), 'conference.meet.example.com', 'ssl', { key: 'b.key' }],
      ['delete a list built by appends', (c) => c.delete(conference, 'modules_enabled'), 'conference.meet.example.com', 'modules_enabled', undefined],
      ['replace a helper with a literal', (c) => c.set(host, 'app_secret', 'plain'), 'meet.example.com', 'app_secret', 'plain'],
      [
        'write a helper (Prosody 13)',
        (c) => c.set(host, 'motd', helperValue('FileContents', 'certs/meet.crt')),
        'meet.example.com',
        'motd',
        readFileSync(fs.path('/cfg/certs/meet.crt'), 'utf8'),
      ],
      ['the secure domain', (c) => c.enableSecureDomain('meet.example.com'), 'meet.example.com', 'authentication', 'internal_hashed'],
    ];
    const results = edits.map(([, edit]) => {
      const c = parseProsodyConfig(lf, { prosody: '13' });
      edit(c);
      return c.toString();
    });
    const [original, ...reals] = evaluate13([lf, ...results]);
    if (original === undefined || 'error' in original) throw new Error('the original does not load');
    edits.forEach(([what, , scope, key, expected], i) => {
      const real = reals[i]!;
      expect(real, what).not.toHaveProperty('error');
      compare(results[i]!, real, `/cfg/${i + 1}.cfg.lua`);
      if ('error' in real) return;
      // Exactly the change: the original's settings with `key` of `scope` replaced.
      const want = structuredClone(original.config);
      if (expected === undefined) delete want[scope]![key];
      else want[scope]![key] = expected;
      if (what === 'the secure domain') want['guest.meet.example.com'] = real.config['guest.meet.example.com']!;
      expect(materialise(real.config), what).toEqual(materialise(want));
    });
  });

  const files = corpusAvailable() ? corpusFiles('prosody', ['.cfg.lua']) : [];
  it.skipIf(files.length === 0)('on every corpus file Prosody 13 loads', () => {
    const texts = files.map(readCorpusLatin1);
    const reals = evaluate13(texts);
    let loaded = 0;
    let values = 0;
    texts.forEach((text, i) => {
      const real = reals[i]!;
      if ('error' in real) return; // Include of conf.d/, RunScript, the migrator's DSL: need the real tree
      loaded++;
      values += compare(text, real, `/cfg/${i}.cfg.lua`);
    });
    expect(loaded).toBeGreaterThan(30);
    expect(values).toBeGreaterThan(1000);
  });
});
