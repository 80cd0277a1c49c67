/**
 * Undo is byte-exact: on every section of every corpus file (and the same files with CRLF line
 * endings), each kind of operation followed by its inverse gives the original bytes back, in the
 * same document (edits [] and `changed` false again) and, where the file had the thing to begin
 * with, across a round trip through the text.
 */
import { describe, expect, it } from 'vitest';
import { parseProsodyConfig, type LuaValue, type Scope } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';

const available = corpusAvailable();
const files = available ? corpusFiles('prosody', ['.cfg.lua']) : [];

function scopesOf(text: string): Scope[] {
  return parseProsodyConfig(text, { encoding: 'latin1' })
    .sections()
    .filter((s) => s.kind === 'global' || s.name !== undefined)
    .map((s): Scope => (s.kind === 'global' ? 'global' : s.kind === 'VirtualHost' ? { host: s.name! } : { component: s.name! }));
}

const VALUES: LuaValue[] = ['x" --]]', 42, -0, 1.5, true, ['a', 'b'], { k: 'v', n: 1 }, []];
const LISTS = ['modules_enabled', 'modules_disabled', 'confkit_list'];

function expectOriginal(text: string, cfg: ReturnType<typeof parseProsodyConfig>, what: string): void {
  expect(cfg.toString(), what).toBe(text);
  expect(cfg.edits, what).toEqual([]);
  expect(cfg.changed, what).toBe(false);
}

function sweep(text: string): number {
  let checked = 0;
  const open = () => parseProsodyConfig(text, { encoding: 'latin1' });
  for (const scope of scopesOf(text)) {
    const where = JSON.stringify(scope);
    // set then delete of a new key, every kind of value.
    for (const value of VALUES) {
      const cfg = open().set(scope, 'confkit_probe', value);
      expect(cfg.changed, `${where} set ${JSON.stringify(value)}`).toBe(true);
      expectOriginal(text, cfg.delete(scope, 'confkit_probe'), `${where} set/delete ${JSON.stringify(value)}`);
      const later = parseProsodyConfig(cfg.toString(), { encoding: 'latin1' });
      expect(later.toString()).toBe(text);
      checked++;
    }
    // addToList then removeFromList: an existing list, a created one, a module list and another.
    for (const key of LISTS) {
      const had = open().lookup(scope, key)?.from === 'section';
      const added = open().addToList(scope, key, 'confkit_probe');
      const text2 = added.toString();
      expectOriginal(text, added.removeFromList(scope, key, 'confkit_probe'), `${where} ${key} add/remove`);
      if (had) {
        // The list was the file's: a later run takes the item out again byte for byte.
        expect(parseProsodyConfig(text2, { encoding: 'latin1' }).removeFromList(scope, key, 'confkit_probe').toString(), `${where} ${key} later`).toBe(text);
      }
      checked++;
    }
    // addVirtualHost after the section, then removeSection, in the same document and later.
    if (scope !== 'global' || scopesOf(text).length === 1) {
      const cfg = open().addVirtualHost('confkit-probe.example.com', { authentication: 'anonymous', modules_enabled: ['ping'] }, { after: scope });
      const text2 = cfg.toString();
      expectOriginal(text, cfg.removeSection({ host: 'confkit-probe.example.com' }), `${where} addVirtualHost/removeSection`);
      expect(parseProsodyConfig(text2, { encoding: 'latin1' }).removeSection({ host: 'confkit-probe.example.com' }).toString()).toBe(text);
      checked++;
    }
  }
  return checked;
}

describe.skipIf(!available)('add-then-remove and set-then-delete give the original bytes back', () => {
  it.each(files)('%s', (rel) => {
    const text = readCorpusLatin1(rel);
    expect(sweep(text)).toBeGreaterThan(10);
  });

  it.each(files)('%s with CRLF line endings', (rel) => {
    const text = readCorpusLatin1(rel).replace(/\r?\n/g, '\r\n');
    expect(sweep(text)).toBeGreaterThan(10);
  });
});

describe('a list that addToList created', () => {
  const text = 'VirtualHost "meet.example.com"\n    authentication = "anonymous"\n';

  it('is taken away again by removeFromList (it used to leave `modules_enabled = { }`)', () => {
    const cfg = parseProsodyConfig(text).addToList({ host: 'meet.example.com' }, 'modules_enabled', 'muc_lobby_rooms');
    expect(cfg.toString()).toBe(`${text}    modules_enabled = { "muc_lobby_rooms" }\n`);
    expectOriginal(text, cfg.removeFromList({ host: 'meet.example.com' }, 'modules_enabled', 'muc_lobby_rooms'), 'created list');
  });

  it('as a host’s own copy of the global list, back to the global list, is taken away too', () => {
    const global = `admins = { "a@meet.example.com" }\n\n${text}`;
    const cfg = parseProsodyConfig(global).addToList({ host: 'meet.example.com' }, 'admins', 'b@meet.example.com');
    expect(cfg.get({ host: 'meet.example.com' }, 'admins')).toEqual(['a@meet.example.com', 'b@meet.example.com']);
    expectOriginal(global, cfg.removeFromList({ host: 'meet.example.com' }, 'admins', 'b@meet.example.com'), 'host copy');
  });

  it('keeps its assignment when the file had it, even emptied (an empty list is not always the same as none)', () => {
    const had = `${text}    trusted_proxies = { "10.0.0.1" }\n`;
    expect(parseProsodyConfig(had).removeFromList({ host: 'meet.example.com' }, 'trusted_proxies', '10.0.0.1').toString()).toBe(`${text}    trusted_proxies = { }\n`);
  });
});
