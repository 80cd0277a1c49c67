/**
 * docker-jitsi-meet serves config.js = the generated config.js + custom-config.js, and
 * interface_config.js = the stock file + custom-interface_config.js. The custom files are overlays:
 * they write into `config` / `interfaceConfig` without declaring them. Every result here is judged
 * as docker serves it: the overlay appended to a generated config.js (or a stock
 * interface_config.js), evaluated in node:vm.
 */
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { thrown } from '../../../test/support/errors.js';
import { type JsValue, parseInterfaceConfig, parseMeetConfig, STOCK_BROWSER_LISTS } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

const available = corpusAvailable();
type Data = Record<string, unknown>;

/** docker-jitsi-meet's generated config.js of 2023 (settings-config.js): sections made by defaults. */
const DOCKER_2023 = `// Jitsi Meet configuration.
var config = {};

if (!config.hasOwnProperty('hosts')) config.hosts = {};

config.hosts.domain = 'meet.jitsi';
config.focusUserJid = 'focus@auth.meet.jitsi';

var subdir = '<!--# echo var="subdir" default="" -->';
if (subdir.startsWith('<!--')) {
    subdir = '';
}
config.hosts.muc = 'muc.meet.jitsi';
config.bosh = '/' + subdir + 'http-bind';

if (!config.hasOwnProperty('flags')) config.flags = {};
config.flags.sourceNameSignaling = true;

if (!config.hasOwnProperty('prejoinConfig')) config.prejoinConfig = {};
config.prejoinConfig.enabled = true;

if (!config.hasOwnProperty('constraints')) config.constraints = {};
if (!config.constraints.hasOwnProperty('video')) config.constraints.video = {};
config.constraints.video.height = { ideal: 720, max: 720, min: 180 };
`;

const BASES: [string, () => string][] = [
  ['docker 2023 generated config.js (own copy)', () => DOCKER_2023],
  ...(available
    ? ([
        ['docker 2026 generated config.js (corpus)', () => readCorpus('config/wild/onesol-docker-2026-02-assignment-style.js')],
        ['docker 2021 config.js, an object literal (corpus)', () => readCorpus('config/wild/giovannitorsello-docker-2021-03.js')],
      ] as [string, () => string][])
    : []),
];

/** Overlays as admins write them: comments, CRLF, tabs, double quotes, no final newline, an empty one. */
const OVERLAYS: [string, string][] = [
  ['comments and LF', "// Custom settings.\nconfig.toolbarButtons = ['camera', 'chat'];\n\n/* Audio. */\nconfig.startAudioMuted = 5;\n"],
  ['CRLF, double quotes, no final newline', 'config.defaultLanguage = "de";\r\nconfig.p2p = { enabled: false };'],
  ['tabs and a section it owns', "\tconfig.welcomePage = {\n\t\tdisabled: true\n\t};\n\tconfig.hosts.authdomain = 'meet.jitsi';\n"],
  ['window.config', 'window.config.disableDeepLinking = true;\n'],
  ['only a comment (overlay option)', '// nothing yet\n'],
  ['empty (overlay option)', ''],
];

/** `object` with `value` at `keys` (objects along the way copied). */
function withPath(object: unknown, keys: readonly string[], value: unknown): Data {
  const copy: Data = { ...(object as Data) };
  const [key, ...rest] = keys;
  copy[key!] = rest.length === 0 ? value : withPath(copy[key!], rest, value);
  return copy;
}

/** How docker serves it: the overlay appended to the base (the overlay starts on a line of its own). */
function served(base: string, overlay: string): Data {
  return evaluateConfig(`${base}${/\n$/.test(base) ? '' : '\n'}${overlay}`, 'config');
}

const SETS: [string, JsValue][] = [
  ['hosts.anonymousdomain', 'guest.meet.jitsi'],
  ['prejoinConfig.enabled', false],
  ['constraints.video.height.ideal', 360],
  ['flags.ssrcRewritingEnabled', false],
  ['resolution', 360],
];

describe('custom-config.js: a set never replaces an object the overlay does not set', () => {
  for (const [baseName, base] of BASES) {
    for (const [overlayName, overlay] of OVERLAYS) {
      it.each(SETS)(`${baseName} + overlay with ${overlayName}: set %s`, (path, value) => {
        const options = overlay.includes('config.') ? {} : { overlay: true };
        const doc = parseMeetConfig(overlay, options);
        expect(doc.overlay).toBe(true);
        const before = served(base(), overlay);
        const keys = path.split('.');
        // A path the base file does not have a parent for is not set here (see the README's limits).
        if (keys.length > 1 && keys.slice(0, -1).reduce<unknown>((o, k) => (o as Data | undefined)?.[k], before) === undefined) return;
        doc.set(path, value);
        const after = doc.toString();
        expectEditInvariants(overlay, doc.edits, after);
        expect(served(base(), after)).toEqual(withPath(before, keys, value));
        // One new statement: the leaf assignment, in the overlay's own style.
        const added = after.length - overlay.length;
        expect(added).toBeGreaterThan(0);
        expect(after).toMatch(new RegExp(`(?:^|\\n)[ \\t]*(?:window\\.)?config\\.${path.replace(/\./g, '\\.')} = `));
        expect(doc.get(path)).toEqual(value);
        // Idempotent, and undone byte for byte.
        expect(parseMeetConfig(after, options).set(path, value).edits).toEqual([]);
        doc.delete(path);
        expect(doc.toString() === overlay).toBe(true);
      });
    }
  }

  it("the issue's case: hosts.anonymousdomain keeps hosts.domain and hosts.muc of the generated file", () => {
    const overlay = "config.toolbarButtons = ['camera', 'chat'];\n";
    const doc = parseMeetConfig(overlay).set('hosts.anonymousdomain', 'guest.meet.jitsi');
    expect(doc.toString()).toBe(`${overlay}config.hosts.anonymousdomain = 'guest.meet.jitsi';\n`);
    expect(served(DOCKER_2023, doc.toString()).hosts).toEqual({ domain: 'meet.jitsi', muc: 'muc.meet.jitsi', anonymousdomain: 'guest.meet.jitsi' });
  });

  it('an object the overlay sets itself is its own: a new key goes into it', () => {
    const overlay = 'config.p2p = {\n    enabled: false\n};\n';
    const doc = parseMeetConfig(overlay).set('p2p.useStunTurn', true);
    expect(doc.toString()).toBe('config.p2p = {\n    enabled: false,\n    useStunTurn: true\n};\n');
    expect(served(DOCKER_2023, doc.toString()).p2p).toEqual({ enabled: false, useStunTurn: true });
  });

  it('a section the overlay only defaults (`config.x = config.x || {}`) is not its own', () => {
    const overlay = 'config.flags = config.flags || { a: 1 };\n';
    const doc = parseMeetConfig(overlay).set('flags.b', 2);
    expect(doc.toString()).toBe(`${overlay}config.flags.b = 2;\n`);
    expect(served(DOCKER_2023, doc.toString()).flags).toEqual({ sourceNameSignaling: true, b: 2 });
  });

  it('setting a whole object sets it, as asked', () => {
    const doc = parseMeetConfig('config.a = 1;\n').set('hosts', { domain: 'x.example.com', muc: 'muc.x.example.com' });
    expect(doc.toString()).toBe("config.a = 1;\nconfig.hosts = {\n    domain: 'x.example.com',\n    muc: 'muc.x.example.com'\n};\n");
  });

  it('reads what the overlay sets, and nothing of the file it is appended to', () => {
    const doc = parseMeetConfig("config.hosts.anonymousdomain = 'guest.meet.jitsi';\nconfig.p2p = { enabled: false };\n");
    expect(doc.get('hosts')).toEqual({ anonymousdomain: 'guest.meet.jitsi' });
    expect(doc.get('hosts.domain')).toBeUndefined();
    expect(doc.has('p2p.enabled')).toBe(true);
  });

  it('a list the overlay does not set: adding to it or removing from it is refused, with what to do', () => {
    const overlay = 'config.startAudioMuted = 5;\n';
    for (const op of [
      (d: ReturnType<typeof parseMeetConfig>) => d.addToArray('toolbarButtons', 'chat'),
      (d: ReturnType<typeof parseMeetConfig>) => d.removeFromArray('toolbarButtons', 'chat'),
    ]) {
      const doc = parseMeetConfig(overlay);
      const e = thrown(UnsupportedEditError, () => op(doc));
      expect(e.message).toMatch(
        /^Cannot (add to|remove from) toolbarButtons: this overlay does not set config\.toolbarButtons, so the list served is the one of the file it is appended to, which this document does not see; set the whole list in the overlay instead \(set\('toolbarButtons', \[ … \]\)\)$/,
      );
      expect(doc.toString() === overlay).toBe(true);
      expect(doc.changed).toBe(false);
    }
    // A list it sets is its own.
    expect(parseMeetConfig("config.toolbarButtons = ['camera'];\n").addToArray('toolbarButtons', 'chat').toString()).toBe("config.toolbarButtons = ['camera', 'chat'];\n");
  });

  it('is told from the text, and the option overrides it', () => {
    expect(parseMeetConfig('var config = {};\nconfig.a = 1;\n').overlay).toBe(false);
    expect(parseMeetConfig('config.a = 1;\n').overlay).toBe(true);
    expect(parseMeetConfig('config = config || {};\n').overlay).toBe(true);
    expect(parseMeetConfig('// nothing\n').overlay).toBe(false);
    expect(parseMeetConfig('// nothing\n', { overlay: true }).overlay).toBe(true);
    // Read as a complete file, an assignments-only file gets a new object for a new section.
    expect(parseMeetConfig('config.a = 1;\n', { overlay: false }).set('hosts.anonymousdomain', 'g.x').toString()).toBe(
      "config.a = 1;\nconfig.hosts = {\n    anonymousdomain: 'g.x'\n};\n",
    );
    thrown(ValidationError, () => parseMeetConfig('', { overlay: 'yes' as unknown as boolean }));
  });
});

const INTERFACE_OVERLAYS: [string, string][] = [
  ['the default header, LF', "interfaceConfig = interfaceConfig || {};\ninterfaceConfig.APP_NAME = 'Our Meet';\n"],
  ['var and CRLF, no final newline', 'var interfaceConfig = interfaceConfig || {};\r\ninterfaceConfig.SHOW_JITSI_WATERMARK = false;'],
  ['assignments only, tabs, a comment', '\t// branding\n\tinterfaceConfig.APP_NAME = "Our Meet";\n'],
  ['empty (overlay option)', ''],
];

/** The stock interface_config.js files that have the browser lists (jitsi-meet stable 3936 and later). */
const stockFiles = available
  ? corpusFiles('interface_config', ['.js']).filter((f) => !f.includes('/wild/') && parseInterfaceConfig(readCorpus(f)).has('UNSUPPORTED_BROWSERS'))
  : [];

function servedUi(base: string, overlay: string): Data {
  return evaluateConfig(`${base}${/\n$/.test(base) ? '' : '\n'}${overlay}`, 'interfaceConfig');
}

describe('custom-interface_config.js', () => {
  it.each(INTERFACE_OVERLAYS)('%s: a new key is one assignment (the default header is read as a default)', (_name, overlay) => {
    const doc = parseInterfaceConfig(overlay, overlay === '' ? { overlay: true } : {});
    expect(doc.overlay).toBe(true);
    doc.set('SHOW_POWERED_BY', true).set('TOOLBAR_BUTTONS', ['microphone', 'hangup']);
    expectEditInvariants(overlay, doc.edits, doc.toString());
    expect(evaluateConfig(`var interfaceConfig = { APP_NAME: 'Jitsi Meet', SHOW_POWERED_BY: false };\n${doc.toString()}`, 'interfaceConfig')).toEqual({
      ...evaluateConfig(`var interfaceConfig = { APP_NAME: 'Jitsi Meet', SHOW_POWERED_BY: false };\n${overlay}`, 'interfaceConfig'),
      SHOW_POWERED_BY: true,
      TOOLBAR_BUTTONS: ['microphone', 'hangup'],
    });
  });

  it.each(INTERFACE_OVERLAYS)('%s: moveBrowser without the lists is refused as what it is, with what to do', (_name, overlay) => {
    const doc = parseInterfaceConfig(overlay, { overlay: true });
    const e = thrown(UnsupportedEditError, () => doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'));
    expect(e.message).not.toContain('3936');
    expect(e.message).toMatch(
      /^This overlay sets neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS, so the stock lists of the interface_config\.js it is appended to apply \(OPTIMAL_BROWSERS chrome, chromium, firefox, electron, safari, webkit; UNSUPPORTED_BROWSERS empty\); moving firefox to UNSUPPORTED_BROWSERS needs the overlay to set OPTIMAL_BROWSERS and UNSUPPORTED_BROWSERS: pass \{ createKeys: true \} to write them, starting from the stock lists( \(\d+:\d+\))?$/,
    );
    expect(doc.toString() === overlay).toBe(true);
    expect(doc.changed).toBe(false);
  });

  describe.skipIf(!available)('moveBrowser with createKeys, appended to every stock interface_config.js that has the lists', () => {
    it.each(INTERFACE_OVERLAYS)('%s', (_name, overlay) => {
      const doc = parseInterfaceConfig(overlay, { overlay: true }).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS', { createKeys: true });
      expectEditInvariants(overlay, doc.edits, doc.toString());
      expect(doc.browserLists()).toEqual({ optimal: ['chrome', 'chromium', 'electron', 'safari', 'webkit'], unsupported: ['firefox'] });
      expect(stockFiles.length).toBeGreaterThanOrEqual(16);
      for (const stock of stockFiles) {
        const ui = servedUi(readCorpus(stock), doc.toString());
        const optimal = ui.OPTIMAL_BROWSERS as string[];
        const unsupported = ui.UNSUPPORTED_BROWSERS as string[];
        expect(unsupported, stock).toContain('firefox');
        expect(optimal, stock).not.toContain('firefox');
        expect(
          optimal.filter((b) => unsupported.includes(b)),
          stock,
        ).toEqual([]);
        expect({ ...ui, OPTIMAL_BROWSERS: 0, UNSUPPORTED_BROWSERS: 0 }).toEqual({ ...servedUi(readCorpus(stock), overlay), OPTIMAL_BROWSERS: 0, UNSUPPORTED_BROWSERS: 0 });
      }
      // Applied again: nothing; moved back: the stock lists as served.
      expect(parseInterfaceConfig(doc.toString(), { overlay: true }).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS', { createKeys: true }).edits).toEqual([]);
      doc.moveBrowser('firefox', 'OPTIMAL_BROWSERS');
      expect(doc.browserLists()).toEqual({ optimal: [...STOCK_BROWSER_LISTS.OPTIMAL_BROWSERS], unsupported: [] });
    });
  });

  describe.skipIf(!available)('the file docker serves (stock + overlay with the default header) reads and edits as one file', () => {
    it.each(stockFiles)('%s', (stock) => {
      const overlay = "interfaceConfig = interfaceConfig || {};\ninterfaceConfig.APP_NAME = 'Our Meet';\n";
      const text = `${readCorpus(stock)}\n${overlay}`;
      const doc = parseInterfaceConfig(text);
      expect(doc.overlay).toBe(false);
      expect(doc.get('APP_NAME')).toBe('Our Meet');
      doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
      expectEditInvariants(text, doc.edits, doc.toString());
      const before = evaluateConfig(text, 'interfaceConfig');
      expect(evaluateConfig(doc.toString(), 'interfaceConfig')).toEqual({
        ...before,
        OPTIMAL_BROWSERS: (before.OPTIMAL_BROWSERS as string[]).filter((b) => b !== 'firefox'),
        UNSUPPORTED_BROWSERS: ['firefox'],
      });
    });
  });

  it('a move the stock lists already have needs no list: nothing is written, nothing refused', () => {
    const overlay = 'interfaceConfig = interfaceConfig || {};\n';
    const doc = parseInterfaceConfig(overlay).moveBrowser('firefox', 'OPTIMAL_BROWSERS');
    expect(doc.edits).toEqual([]);
  });

  it('an overlay that sets one list: the other is written only when the move changes it', () => {
    const overlay = 'interfaceConfig.UNSUPPORTED_BROWSERS = [ "opera" ];\n';
    const e = thrown(UnsupportedEditError, () => parseInterfaceConfig(overlay).moveBrowser('safari', 'UNSUPPORTED_BROWSERS'));
    expect(e.message).toBe(
      'This overlay does not set OPTIMAL_BROWSERS, so the stock list of the interface_config.js it is appended to applies (OPTIMAL_BROWSERS chrome, chromium, firefox, electron, safari, webkit); ' +
        'moving safari to UNSUPPORTED_BROWSERS needs the overlay to set OPTIMAL_BROWSERS: pass { createKeys: true } to write it, starting from the stock list',
    );
    const doc = parseInterfaceConfig(overlay).moveBrowser('safari', 'UNSUPPORTED_BROWSERS', { createKeys: true });
    expect(doc.toString()).toBe(
      'interfaceConfig.UNSUPPORTED_BROWSERS = [ "opera", "safari" ];\ninterfaceConfig.OPTIMAL_BROWSERS = [ "chrome", "chromium", "firefox", "electron", "webkit" ];\n',
    );
    // Moving opera (in no stock list) to OPTIMAL_BROWSERS: the overlay's own list loses it, the new one gets it.
    const back = parseInterfaceConfig(overlay).moveBrowser('opera', 'OPTIMAL_BROWSERS', { createKeys: true });
    expect(back.toString()).toBe(
      'interfaceConfig.UNSUPPORTED_BROWSERS = [];\ninterfaceConfig.OPTIMAL_BROWSERS = [ "chrome", "chromium", "firefox", "electron", "safari", "webkit", "opera" ];\n',
    );
  });

  it('an overlay that sets both lists is edited like any file', () => {
    const overlay = "interfaceConfig.OPTIMAL_BROWSERS = [ 'chrome', 'firefox' ];\ninterfaceConfig.UNSUPPORTED_BROWSERS = [];\n";
    const doc = parseInterfaceConfig(overlay).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
    expect(doc.toString()).toBe("interfaceConfig.OPTIMAL_BROWSERS = [ 'chrome' ];\ninterfaceConfig.UNSUPPORTED_BROWSERS = [ 'firefox' ];\n");
  });
});
