/**
 * The real corpus (../shared/fixtures/real, never copied into the repo): round trip of every
 * file, Firefox moved out of OPTIMAL_BROWSERS on every interface_config.js that has the keys, and
 * hosts.anonymousdomain set on every config.js, each with a golden diff and a vm check.
 */
import { ConfigSyntaxError, isHostname, UnsupportedEditError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenDiff } from '../../../test/support/golden.js';
import { parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig, without } from './test-support/vm.js';
import { placed } from '../../../test/support/errors.js';

const available = corpusAvailable();
const INVALID = 'config/wild/shcare-docker-2023-09-assignment-style-guest.js';
const interfaceFiles = available ? corpusFiles('interface_config', ['.js']) : [];
const configFiles = available ? corpusFiles('config', ['.js']) : [];
const withKeys = interfaceFiles.filter((f) => {
  const doc = parseInterfaceConfig(readCorpus(f));
  return doc.has('OPTIMAL_BROWSERS') && doc.has('UNSUPPORTED_BROWSERS');
});
const withoutKeys = interfaceFiles.filter((f) => !withKeys.includes(f));

describe.skipIf(!available)('real corpus: round trip', () => {
  it('finds the corpus files', () => {
    expect(interfaceFiles.length).toBe(26);
    expect(configFiles.length).toBe(24);
    expect(withoutKeys).toEqual([
      'interface_config/jitsi-meet-2018-04-stable-2988.js',
      'interface_config/jitsi-meet-2018-10-stable-3383.js',
      'interface_config/jitsi-meet-2019-05-stable-3734.js',
    ]);
  });

  it.each(interfaceFiles)('%s: unedited toString() is byte-identical', (rel) => {
    const text = readCorpus(rel);
    const doc = parseInterfaceConfig(text);
    expect(doc.toString() === text).toBe(true);
    expect(doc.changed).toBe(false);
    expect(doc.edits).toEqual([]);
  });

  it.each(configFiles.filter((f) => f !== INVALID))('%s: unedited toString() is byte-identical', (rel) => {
    const text = readCorpus(rel);
    const doc = parseMeetConfig(text);
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);
  });

  it('the one invalid config.js gives a ConfigSyntaxError at its line and column', () => {
    const text = readCorpus(INVALID);
    let error: unknown;
    try {
      parseMeetConfig(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigSyntaxError);
    const e = error as ConfigSyntaxError;
    expect([e.line, e.column]).toEqual([10, 34]);
    expect(placed(e)).toBe('Syntax error: Missing semicolon. (10:34)');
    expect(e.frame.split('\n').slice(2, 4)).toEqual(['> 10 | var subdomain = "<!--# echo var="subdomain" default="" -->";', '     |                                  ^']);
  });
});

describe.skipIf(!available)('real corpus: moveBrowser firefox to UNSUPPORTED_BROWSERS', () => {
  it.each(withKeys)('%s', (rel) => {
    const text = readCorpus(rel);
    const doc = parseInterfaceConfig(text).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
    const after = doc.toString();
    expectEditInvariants(text, doc.edits, after);
    expectGoldenDiff(rel.replace(/\.js$/, '.firefox-unsupported.diff'), rel, text, after);

    const before = evaluateConfig(text, 'interfaceConfig');
    const result = evaluateConfig(after, 'interfaceConfig');
    const optimal = before.OPTIMAL_BROWSERS as string[];
    const unsupported = before.UNSUPPORTED_BROWSERS as string[];
    expect(result.OPTIMAL_BROWSERS).toEqual(optimal.filter((b) => b !== 'firefox'));
    expect(result.UNSUPPORTED_BROWSERS).toEqual(unsupported.includes('firefox') ? unsupported : [...unsupported, 'firefox']);
    expect(without(result, 'OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS')).toEqual(without(before, 'OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS'));
    expect(doc.browserLists()).toEqual({ optimal: result.OPTIMAL_BROWSERS, unsupported: result.UNSUPPORTED_BROWSERS });

    // Idempotent: a second application, on the result, changes nothing.
    const again = parseInterfaceConfig(after).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
    expect(again.edits).toEqual([]);
    expect(again.toString() === after).toBe(true);

    // Moving it back restores both arrays, where firefox started in OPTIMAL_BROWSERS only.
    if (optimal.includes('firefox') && !unsupported.includes('firefox')) {
      const back = parseInterfaceConfig(after).moveBrowser('firefox', 'OPTIMAL_BROWSERS');
      expectEditInvariants(after, back.edits, back.toString());
      const restored = evaluateConfig(back.toString(), 'interfaceConfig');
      expect(restored.OPTIMAL_BROWSERS).toEqual(optimal);
      expect(restored.UNSUPPORTED_BROWSERS).toEqual(unsupported);
      // On the same document the two moves cancel out in the edit list too.
      const roundTrip = parseInterfaceConfig(text).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS').moveBrowser('firefox', 'OPTIMAL_BROWSERS');
      expectEditInvariants(text, roundTrip.edits, roundTrip.toString());
      expect(evaluateConfig(roundTrip.toString(), 'interfaceConfig')).toEqual(before);
    }
  });
});

describe.skipIf(!available)('real corpus: files older than stable 3936', () => {
  it.each(withoutKeys)('%s: refused with the reason, unless createKeys', (rel) => {
    const text = readCorpus(rel);
    const doc = parseInterfaceConfig(text);
    let error: unknown;
    try {
      doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedEditError);
    expect(placed(error as Error)).toMatch(
      /^This interface_config\.js has neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS: Jitsi Meet before stable 3936 \(2019-08\) ignores these keys, so adding them changes nothing for that version; pass \{ createKeys: true \} to add them anyway \(\d+:23\)$/,
    );
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);

    doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS', { createKeys: true });
    expectEditInvariants(text, doc.edits, doc.toString());
    expectGoldenDiff(rel.replace(/\.js$/, '.firefox-unsupported-createkeys.diff'), rel, text, doc.toString());
    const before = evaluateConfig(text, 'interfaceConfig');
    const after = evaluateConfig(doc.toString(), 'interfaceConfig');
    expect(after).toEqual({ ...before, UNSUPPORTED_BROWSERS: ['firefox'] });
    expect(parseInterfaceConfig(doc.toString()).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS', { createKeys: true }).edits).toEqual([]);
  });
});

/**
 * The guest host is `guest.<hosts.domain>`, where hosts.domain is a literal host name (it is in
 * every valid file of the corpus, including the upstream placeholder jitsi-meet.example.com);
 * when it is not, the test falls back to guest.meet.example.com.
 */
function guestHost(doc: ReturnType<typeof parseMeetConfig>): string {
  let domain: unknown;
  try {
    domain = doc.get('hosts.domain');
  } catch {
    domain = undefined;
  }
  return `guest.${typeof domain === 'string' && isHostname(domain) ? domain : 'meet.example.com'}`;
}

describe.skipIf(!available)("real corpus: set('hosts.anonymousdomain', 'guest.<host>')", () => {
  it.each(configFiles.filter((f) => f !== INVALID))('%s', (rel) => {
    const text = readCorpus(rel);
    const doc = parseMeetConfig(text);
    const guest = guestHost(doc);
    doc.set('hosts.anonymousdomain', guest);
    const after = doc.toString();
    expectEditInvariants(text, doc.edits, after);
    expectGoldenDiff(rel.replace(/\.js$/, '.anonymousdomain.diff'), rel, text, after);
    expect(doc.get('hosts.anonymousdomain')).toBe(guest);

    const before = evaluateConfig(text, 'config');
    const result = evaluateConfig(after, 'config');
    const hosts = result.hosts as Record<string, unknown>;
    expect(hosts.anonymousdomain).toBe(guest);
    expect({ ...result, hosts: without(hosts, 'anonymousdomain') }).toEqual({
      ...before,
      hosts: without(before.hosts as Record<string, unknown>, 'anonymousdomain'),
    });

    const again = parseMeetConfig(after).set('hosts.anonymousdomain', guest);
    expect(again.edits).toEqual([]);
  });
});

describe.skipIf(!available)('real corpus: generic edits keep the rest of the object', () => {
  it.each(interfaceFiles)('%s: a new key lands before makeJsonParserHappy, delete removes it again', (rel) => {
    const text = readCorpus(rel);
    const before = evaluateConfig(text, 'interfaceConfig');
    const doc = parseInterfaceConfig(text).set('HIDE_KICK_BUTTON_FOR_GUESTS', true);
    expectEditInvariants(text, doc.edits, doc.toString());
    const after = evaluateConfig(doc.toString(), 'interfaceConfig');
    expect(after).toEqual({ ...before, HIDE_KICK_BUTTON_FOR_GUESTS: true });
    const keys = Object.keys(after);
    if ('makeJsonParserHappy' in before) expect(keys[keys.length - 1]).toBe('makeJsonParserHappy');
    // Deleting it again gives back the original text.
    doc.delete('HIDE_KICK_BUTTON_FOR_GUESTS');
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);
  });

  it.each(withKeys)('%s: delete UNSUPPORTED_BROWSERS removes just that key', (rel) => {
    const text = readCorpus(rel);
    const doc = parseInterfaceConfig(text).delete('UNSUPPORTED_BROWSERS');
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(evaluateConfig(doc.toString(), 'interfaceConfig')).toEqual(without(evaluateConfig(text, 'interfaceConfig'), 'UNSUPPORTED_BROWSERS'));
    expect(doc.has('UNSUPPORTED_BROWSERS')).toBe(false);
  });

  it('removing one element of the multi-line TOOLBAR_BUTTONS of stable 4548 is a one-line change', () => {
    const rel = 'interface_config/jitsi-meet-2020-05-stable-4548.js';
    const text = readCorpus(rel);
    const doc = parseInterfaceConfig(text).removeFromArray('TOOLBAR_BUTTONS', 'chat');
    expectEditInvariants(text, doc.edits, doc.toString());
    expectGoldenDiff(rel.replace(/\.js$/, '.toolbar-without-chat.diff'), rel, text, doc.toString());
    const before = evaluateConfig(text, 'interfaceConfig');
    expect(evaluateConfig(doc.toString(), 'interfaceConfig')).toEqual({
      ...before,
      TOOLBAR_BUTTONS: (before.TOOLBAR_BUTTONS as string[]).filter((b) => b !== 'chat'),
    });
  });

  it.each(configFiles.filter((f) => f !== INVALID))('%s: hosts.anonymousdomain set then deleted gives back the original values', (rel) => {
    const text = readCorpus(rel);
    const doc = parseMeetConfig(text);
    const had = doc.has('hosts.anonymousdomain');
    doc.set('hosts.anonymousdomain', 'guest.meet.example.com').delete('hosts.anonymousdomain');
    expectEditInvariants(text, doc.edits, doc.toString());
    const before = evaluateConfig(text, 'config');
    const hosts = before.hosts as Record<string, unknown>;
    expect(evaluateConfig(doc.toString(), 'config')).toEqual(had ? { ...before, hosts: without(hosts, 'anonymousdomain') } : before);
    if (!had) expect(doc.edits).toEqual([]);
  });
});
