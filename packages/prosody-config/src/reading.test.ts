/**
 * One scope's reading alone (readScope, what read-backs ask for) is what the whole reading
 * (readModel) gives for that scope: on every corpus file and on samples of what makes scopes
 * meet (statements after a header with an option table run in the global section, a host opened
 * twice, appends and references, duplicate options, nil).
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { buildModel } from './model.js';
import { readModel, readScope, type OptionState } from './reading.js';

function shown(options: ReadonlyMap<string, OptionState> | undefined): string {
  return JSON.stringify(
    [...(options ?? [])].map(([key, st]) => [
      key,
      'value' in st.result ? st.result.value : 'nil' in st.result ? 'nil' : String(st.result.unknown(key).message),
      st.base?.range,
      st.appends.map((a) => a.range),
    ]),
  );
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
