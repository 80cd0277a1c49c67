/**
 * The library's reading of a config against Prosody's own: core.configmanager from Debian's
 * prosody package loads each file, and for every section and every setting Prosody holds, get()
 * must give the same effective value (the section's own, else the global one). Real corpus
 * files, and the forms where Prosody's rules are easy to get wrong.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { unavailable } from '../../../test/support/skips.js';
import { compareWithReal } from './test-support/compare.js';
import { evaluateReal, hasProgram } from './test-support/evaluate.js';

const hasProsody = hasProgram('lua5.4') && existsSync('/usr/lib/prosody/core/configmanager.lua');
if (!hasProsody) unavailable("the comparison with Prosody's core.configmanager: no prosody or lua5.4", 'sudo bash scripts/install-system-deps.sh');

/** Empty tables as Lua prints them. */
function normal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normal);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? [] : Object.fromEntries(keys.map((k) => [k, normal((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** Compares get() with Prosody for every host and key Prosody holds; returns how many values matched. */
function compare(text: string): number {
  const evaluated = evaluateReal(text);
  if ('error' in evaluated) throw new Error(evaluated.error);
  return compareWithReal(parseProsodyConfig(text, { encoding: 'latin1' }), evaluated.config, normal);
}

const CASES: [string, string][] = [
  ['a header with an option table returns to the global section', 'a = 1\nVirtualHost "x.example" { b = 2 }\n    c = 3\nComponent "m.example" "muc" { d = 4 }\n    e = 5\n'],
  ['statements after a header on its line', 'VirtualHost "x.example" authentication = "anonymous"; c2s_require_encryption = false\nComponent "f.example" component_secret = "s"\n'],
  ['duplicated keys and a re-opened section', 'VirtualHost "x.example"\n    a = 1\n    a = 2\nComponent "m.example" "muc"\nVirtualHost "x.example"\n    b = { "p", "q" }\n'],
  ['Host and host spellings, upper-case names', 'Host "X.example"\n    a = "A"\nhost "y.example"\n    a = "B"\n'],
  ['the paren form and single quotes', "VirtualHost('x.example')\n    a = 'q'\nComponent('m.example')('muc')\n    b = true\n"],
];

describe.skipIf(!hasProsody)('get() agrees with Prosody’s core.configmanager', () => {
  it.each(CASES)('%s', (_, text) => {
    expect(compare(text)).toBeGreaterThan(0);
  });

  const files = corpusAvailable() ? corpusFiles('prosody', ['.cfg.lua']) : [];
  it.skipIf(files.length === 0)('on every corpus file Prosody loads', () => {
    let loaded = 0;
    let values = 0;
    for (const rel of files) {
      const text = readCorpusLatin1(rel);
      if ('error' in evaluateReal(text)) continue; // Include of conf.d/, RunScript, ...: needs the real tree
      loaded++;
      values += compare(text);
    }
    expect(loaded).toBeGreaterThan(30);
    expect(values).toBeGreaterThan(1000);
  });
});
