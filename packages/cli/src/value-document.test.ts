/**
 * get, set and delete through the one document interface: what it adds over the adapters per kind
 * it replaced. A "did you mean" for every kind (Prosody settings and the top of config.js had
 * none), and a malformed path is a usage error (exit 2) for every kind, as it was for Prosody.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './index.js';
import { recorder as record } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-value-doc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = record({ cwd: dir });
  const status = await run(argv, io);
  return { status, out: io.out, err: io.err };
}

const PROSODY = 'admins = { }\n\nVirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n';
const MEET = 'var config = {\n    p2p: {\n        enabled: true,\n    },\n};\n';
const FILES: Record<string, string> = {
  'meet.example.com.cfg.lua': PROSODY,
  'config.js': MEET,
  'interface_config.js': "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n};\n",
  'jicofo.conf': 'jicofo {\n  authentication {\n    enabled = false\n  }\n}\n',
  'sip-communicator.properties': 'org.jitsi.jicofo.BRIDGE_MUC=jvb@internal\n',
};

describe('set of a new key that looks like a typo: a warning for every kind', () => {
  it.each([
    ['meet.example.com.cfg.lua', 'host:meet.example.com/authenticaton', 'internal_hashed', 'host:meet.example.com/authentication'],
    ['meet.example.com.cfg.lua', 'admin', '["x"]', 'admins'],
    ['config.js', 'p2q', '1', 'p2p'],
    ['jicofo.conf', 'jicof', '1', 'jicofo'],
  ])('%s %s', async (name, path, raw, near) => {
    writeFileSync(join(dir, name), FILES[name]!);
    const result = await cli('set', name, path, raw);
    expect([result.status, result.err]).toEqual([0, `warning: ${path} was not set in ${name}: it was added as a new key (did you mean ${near}?)\n`]);
  });
});

describe('a path not in the kind syntax: a usage error, nothing written', () => {
  it.each([
    ['config.js', 'p2p..enabled', 'Invalid path "p2p..enabled": each key must be made of letters, digits, _ and $'],
    ['interface_config.js', 'APP NAME', 'Invalid path "APP NAME": each key must be made of letters, digits, _ and $'],
    [
      'meet.example.com.cfg.lua',
      'vhost:meet.example.com/authentication',
      'Prosody path "vhost:meet.example.com/authentication": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY',
    ],
    ['meet.example.com.cfg.lua', 'host:meet.example.com', 'Prosody path "host:meet.example.com" names a section, not a setting: add /KEY'],
    ['jicofo.conf', 'jicofo..enabled', 'Invalid path "jicofo..enabled": each key must be letters, digits, _ and - (found "")'],
    ['sip-communicator.properties', 'org.jitsi key', "Invalid property key \"org.jitsi key\": use letters, digits, '.', '_' and '-'"],
  ])('%s %s', async (name, path, message) => {
    writeFileSync(join(dir, name), FILES[name]!);
    for (const argv of [
      ['set', name, path, '1'],
      ['delete', name, path],
    ]) {
      expect(await cli(...argv)).toEqual({ status: 2, out: '', err: `jitsi-confkit: ${message}\nRun "jitsi-confkit ${argv[0]} --help" for usage.\n` });
      expect(readFileSync(join(dir, name), 'utf8')).toBe(FILES[name]);
    }
    if (name !== 'sip-communicator.properties') {
      expect((await cli('get', name, path)).status).toBe(2);
    }
  });
});

describe('a value the kind cannot hold: refused by the kind, with the --string hint', () => {
  it('null into jicofo.conf', async () => {
    writeFileSync(join(dir, 'jicofo.conf'), FILES['jicofo.conf']!);
    expect(await cli('set', 'jicofo.conf', 'jicofo.authentication.enabled', 'null')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: null is not a jicofo.conf value; give a string, number, boolean, array or object (null was read as JSON; to set it as text, add --string)\n',
    });
    expect(readFileSync(join(dir, 'jicofo.conf'), 'utf8')).toBe(FILES['jicofo.conf']);
  });

  it('a .properties value is the text as typed, JSON or not', async () => {
    writeFileSync(join(dir, 'sip-communicator.properties'), FILES['sip-communicator.properties']!);
    expect((await cli('set', 'sip-communicator.properties', 'org.jitsi.jicofo.X', 'null')).status).toBe(0);
    expect((await cli('set', 'sip-communicator.properties', 'org.jitsi.jicofo.Y', '["a"]')).status).toBe(0);
    expect(readFileSync(join(dir, 'sip-communicator.properties'), 'utf8')).toBe(`${FILES['sip-communicator.properties']}org.jitsi.jicofo.X=null\norg.jitsi.jicofo.Y=["a"]\n`);
  });
});
