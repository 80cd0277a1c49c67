/**
 * Prosody's own words are never setting names. The list is taken from Prosody's configmanager
 * itself (Debian's prosody 0.12 on this machine; Prosody 13's additions are listed from its
 * core/configmanager.lua, which is not installed here), and Prosody shows why: it does not hold
 * such an assignment as a setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { isCI } from '../../../test/support/corpus.js';
import { thrown } from '../../../test/support/errors.js';
import { evaluateReal, hasProgram } from './test-support/evaluate.js';
import { LUA_KEYWORDS, PROSODY_NAMES } from './names.js';

const CONFIGMANAGER = '/usr/lib/prosody/core/configmanager.lua';
const hasProsody = existsSync(CONFIGMANAGER) && hasProgram('lua5.4');
if (!hasProsody) {
  if (isCI) throw new Error(`${CONFIGMANAGER} and lua5.4 are missing; CI must run these tests (scripts/install-system-deps.sh)`);
  console.warn('[prosody-config] prosody (core.configmanager) or lua5.4 not found: skipping the names read from it');
}

/** The names a configmanager.lua defines in the config environment, read from its source. */
function namesDefinedBy(source: string): { names: Set<string>; envPrefix: boolean } {
  const names = new Set<string>();
  const table = /env = setmetatable\(\{([\s\S]*?)\}, \{/.exec(source);
  for (const m of table![1]!.matchAll(/(\w+) = true/g)) names.add(m[1]!);
  for (const m of source.matchAll(/rawset\(env, "(\w+)"/g)) names.add(m[1]!);
  for (const m of source.matchAll(/\benv\.(\w+)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/\bk == "(\w+)"/g)) names.add(m[1]!);
  return { names, envPrefix: source.includes('k:match("^ENV_")') };
}

/** Prosody 13's core/configmanager.lua defines these on top of 0.12's. */
const PROSODY_13_ONLY = ['FileContents', 'FileLine', 'FileLines', 'Credential', 'Lua'];

const TEXT = 'admins = { }\n\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n';

/** Every operation that takes a setting name, on a fresh document; each must refuse `key`. */
const OPERATIONS: [string, (key: string) => unknown][] = [
  ['set global', (key) => parseProsodyConfig(TEXT).set('global', key, 'x')],
  ['set host', (key) => parseProsodyConfig(TEXT).set({ host: 'meet.example.com' }, key, 'x')],
  ['delete', (key) => parseProsodyConfig(TEXT).delete('global', key)],
  ['addToList', (key) => parseProsodyConfig(TEXT).addToList({ host: 'meet.example.com' }, key, 'x')],
  ['removeFromList', (key) => parseProsodyConfig(TEXT).removeFromList('global', key, 'x')],
  ['addVirtualHost', (key) => parseProsodyConfig(TEXT).addVirtualHost('guest.meet.example.com', { [key]: 'x' })],
  ['get', (key) => parseProsodyConfig(TEXT).get('global', key)],
  ['lookup', (key) => parseProsodyConfig(TEXT).lookup({ host: 'meet.example.com' }, key)],
  ['locate', (key) => parseProsodyConfig(TEXT).locate('global', key)],
];

function expectRefused(key: string, reason: string): void {
  for (const [what, op] of OPERATIONS) {
    const e = thrown(ValidationError, () => op(key));
    expect(e.message, `${what} ${key}`).toBe(`Invalid setting name "${key}": ${reason}`);
  }
}

describe('setting names that are Prosody’s own words', () => {
  describe.skipIf(!hasProsody)('read from Prosody 0.12’s core/configmanager.lua', () => {
    const { names, envPrefix } = hasProsody ? namesDefinedBy(readFileSync(CONFIGMANAGER, 'utf8')) : { names: new Set<string>(), envPrefix: false };

    it('are the section headers, Include, RunScript and __currenthost, and ENV_ names', () => {
      expect([...names].sort()).toEqual(['Component', 'Host', 'Include', 'RunScript', 'VirtualHost', '__currenthost', 'component', 'host', 'include']);
      expect(envPrefix).toBe(true);
    });

    it('are each refused by every operation that takes a setting name', () => {
      for (const name of names) expectRefused(name, `it is Prosody’s own word: it ${PROSODY_NAMES.get(name)}, never a setting`);
      expectRefused('ENV_HOME', 'names starting with ENV_ stand for environment variables in a Prosody config (ENV_HOME reads $HOME)');
      expectRefused('ENV_', 'names starting with ENV_ stand for environment variables in a Prosody config (ENV_ reads $)');
    });

    it('are not settings for Prosody either: assigning one gives no setting (or a file Prosody cannot load)', () => {
      for (const name of names) {
        // The name assigned in the global section, then a VirtualHost with one ordinary setting.
        const real = evaluateReal(`${name} = "x"\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n`);
        if ('error' in real) continue; // e.g. VirtualHost replaced by a string: the header cannot be called
        expect(real.config['*']?.[name], name).toBeUndefined();
        expect(real.config['meet.example.com']?.[name], name).toBeUndefined();
      }
      // ENV_HOME can be assigned, but the file reads the name back as $HOME.
      const env = evaluateReal('ENV_HOME = "x"\nhome = ENV_HOME\n');
      expect(env).toEqual({ config: { '*': { ENV_HOME: 'x', home: process.env.HOME } } });
      // The control: an ordinary name is a setting.
      const control = evaluateReal('plugin_paths = "x"\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n');
      expect(control).toEqual({ config: { '*': { plugin_paths: 'x' }, 'meet.example.com': { defined: true, authentication: 'anonymous' } } });
    });
  });

  it('include Prosody 13’s FileContents, FileLine, FileLines, Credential and Lua', () => {
    for (const name of PROSODY_13_ONLY) {
      expect(PROSODY_NAMES.has(name), name).toBe(true);
      expectRefused(name, `it is Prosody’s own word: it ${PROSODY_NAMES.get(name)}, never a setting`);
    }
  });

  it('include _ENV (Lua’s environment) and refuse Lua keywords', () => {
    expectRefused('_ENV', 'it is Prosody’s own word: it is the Lua environment the file runs in, never a setting');
    for (const keyword of LUA_KEYWORDS) expectRefused(keyword, 'it is a Lua keyword');
  });

  it('leave the text unchanged when refused', () => {
    const cfg = parseProsodyConfig(TEXT);
    thrown(ValidationError, () => cfg.set('global', 'Include', 'conf.d/*.cfg.lua'));
    thrown(ValidationError, () => cfg.set({ host: 'meet.example.com' }, 'VirtualHost', 'x'));
    expect(cfg.toString()).toBe(TEXT);
    expect(cfg.edits).toEqual([]);
    expect(cfg.changed).toBe(false);
  });

  it('leave names that merely look alike alone', () => {
    const cfg = parseProsodyConfig(TEXT).set('global', 'virtualhost_x', 1).set('global', 'ENV', 2).set('global', 'includes', 3).set('global', 'env_x', 4);
    expect(cfg.toString()).toBe('admins = { }\nvirtualhost_x = 1\nENV = 2\nincludes = 3\nenv_x = 4\n\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n');
  });
});
