/**
 * One scope's reading alone (readScope), and one option's (readOption, what plans and read-backs
 * ask for), are what the whole reading (readModel) gives for that scope and option: on every
 * corpus file and on samples of what makes scopes meet (statements after a header with an option
 * table run in the global section, a host opened twice, appends and references, duplicate
 * options, nil).
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { buildModel } from './model.js';
import { ownSetting, ownSettingIn } from './read.js';
import { readModel, readOption, readScope, type OptionState } from './reading.js';
import { componentsOf, hostsOf, sectionsIn } from './scope.js';
import type { Scope } from './api.js';

function shownState(key: string, st: OptionState): unknown[] {
  return ['value' in st.result ? st.result.value : 'nil' in st.result ? 'nil' : String(st.result.unknown(key).message), st.base?.range, st.appends.map((a) => a.range)];
}

function shown(options: ReadonlyMap<string, OptionState> | undefined): string {
  return JSON.stringify([...(options ?? [])].map(([key, st]) => [key, ...shownState(key, st)]));
}

const SAMPLES: [string, string][] = [
  [
    'an option table, a host opened twice, appends and references',
    [
      'admins = { "a" }',
      'VirtualHost "h" { x = 1, admins = { "o" } }',
      'admins:append { "b" }',
      'y = "g" .. x',
      'VirtualHost "i"',
      '\tx = 2',
      '\tx = 3',
      '\tb = "meet"',
      '\tz = "lobby." .. b',
      '\tn = "n" .. x',
      '\tmodules_enabled { "m" }',
      'Component "c" "muc"',
      '\tx = nil',
      'VirtualHost "i"',
      '\tmodules_enabled:append { "n" }',
      '\tw = os.getenv("HOME")',
      '\tb = "other"',
      '\tq = "q" .. ENV_Q',
      '',
    ].join('\r\n'),
  ],
];

describe('readScope', () => {
  const files: [string, string][] = [...SAMPLES];
  if (corpusAvailable()) for (const rel of corpusFiles('prosody', ['.cfg.lua'])) files.push([rel, readCorpusLatin1(rel)]);

  it.each(files)('%s: each scope read alone as in the whole reading', (_name, text) => {
    const keys = [...readModel(buildModel(text)).scopes.keys()];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      // A fresh model for each, so that the scope is read alone and not taken from a whole reading.
      expect(shown(readScope(buildModel(text), key)), key).toBe(shown(readModel(buildModel(text)).scopes.get(key)));
    }
  });

  it.each(files)('%s: each option read alone as in the whole reading', (_name, text) => {
    const whole = readModel(buildModel(text)).scopes;
    for (const [key, states] of whole) {
      // One model for the scope, read option by option (the later ones from its cached index), the
      // options in reverse file order, so that none is read after the one it refers to.
      const model = buildModel(text);
      for (const [option, state] of [...states].reverse()) {
        const alone = readOption(model, key, option);
        expect(alone && JSON.stringify(shownState(option, alone)), `${key} ${option}`).toBe(JSON.stringify(shownState(option, state)));
      }
      expect(readOption(model, key, 'no_such_option')).toBeUndefined();
    }
  });

  it.each(files)('%s: the last assignment of every key in every scope, from the index as from the sections', (_name, text) => {
    const model = buildModel(text);
    const scopes: Scope[] = ['global', ...hostsOf(model).map((host) => ({ host })), ...componentsOf(model).map((component) => ({ component }))];
    const keys = new Set(['no_such_option']);
    for (const s of model.sections) for (const i of [...s.options, ...s.items]) if (i.kind !== 'opaque') keys.add(i.key);
    for (const scope of scopes) {
      for (const key of keys) expect(ownSettingIn(model, scope, key), `${JSON.stringify(scope)} ${key}`).toBe(ownSetting(sectionsIn(model, scope), key));
    }
  });

  it('reads an option that refers to another by name in the order of its scope (the name reads the value set before it)', () => {
    const model = buildModel(SAMPLES[0]![1]);
    const value = (option: string): unknown => {
      const r = readOption(model, 'i', option)?.result;
      return r === undefined ? undefined : 'value' in r ? r.value : 'nil' in r ? 'nil' : 'unknown';
    };
    // `z = "lobby." .. b` runs before `b = "other"`: read alone, with no scope, it would be unknown.
    expect([value('z'), value('b'), value('q')]).toEqual(['lobby.meet', 'other', 'unknown']);
  });

  it('reads the sample’s scopes as Prosody 13 does', () => {
    const model = buildModel(SAMPLES[0]![1]);
    const value = (key: string, option: string): unknown => {
      const r = readScope(model, key)?.get(option)?.result;
      return r === undefined ? undefined : 'value' in r ? r.value : 'nil' in r ? 'nil' : 'unknown';
    };
    expect([value('*', 'admins'), value('*', 'y'), value('h', 'x'), value('h', 'admins')]).toEqual([['a', 'b'], 'unknown', 1, ['o']]);
    // A number read through a name loses whether it was an integer, which `..` writes differently: unknown.
    expect([value('i', 'x'), value('i', 'z'), value('i', 'n'), value('i', 'modules_enabled'), value('i', 'w'), value('c', 'x')]).toEqual([
      3,
      'lobby.meet',
      'unknown',
      'unknown',
      'unknown',
      'nil',
    ]);
  });
});
