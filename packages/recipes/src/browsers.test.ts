import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError, ValidationError, unifiedDiff } from '@jitsi-confkit/core';
import { allowBrowser, blockBrowser, BROWSER_LIST_TODO, BROWSER_LIST_WARNINGS } from '@jitsi-confkit/recipes';
import type { Browser } from '@jitsi-confkit/web-config';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { errorOf } from '../../../test/support/errors.js';

const LISTS = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'firefox', 'electron', 'safari', 'webkit' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";

describe('blockBrowser / allowBrowser', () => {
  it('moves the browser, says the lists are not access control, and that upgrades replace the file', () => {
    const result = blockBrowser({ interfaceConfig: LISTS, meetConfig: 'var config = {};\n' }, 'firefox');
    expect(result.files.interfaceConfig).toBe(
      "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'electron', 'safari', 'webkit' ],\n    UNSUPPORTED_BROWSERS: [ 'firefox' ],\n};\n",
    );
    expect(result.files.meetConfig).toBe('var config = {};\n');
    expect(result.steps).toEqual([{ file: 'interfaceConfig', action: "move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)", status: 'applied' }]);
    expect(result.warnings).toEqual([
      "The browser lists act in the visitor's browser only, and only on desktop: they are not access control, and a meeting URL parameter (#interfaceConfig.UNSUPPORTED_BROWSERS=[]) overrides them.",
    ]);
    expect(result.todo).toEqual([
      'Apply this again after each jitsi-meet-web upgrade: the package replaces /usr/share/jitsi-meet/interface_config.js (an edited copy kept outside /usr/share, e.g. a docker custom-interface_config.js, survives upgrades).',
    ]);
    expect(result.changed).toBe(true);
  });

  it('is idempotent, and allowBrowser gives back the original bytes', () => {
    const blocked = blockBrowser({ interfaceConfig: LISTS }, 'firefox');
    const again = blockBrowser(blocked.files, 'firefox');
    expect(again.changed).toBe(false);
    expect(again.steps[0]!.status).toBe('already');
    expect(again.files.interfaceConfig).toBe(blocked.files.interfaceConfig);
    const allowed = allowBrowser(blocked.files, 'firefox');
    expect(allowed.files.interfaceConfig).toBe(LISTS);
    expect(allowed.steps[0]!.action).toBe("move 'firefox' to OPTIMAL_BROWSERS (out of UNSUPPORTED_BROWSERS)");
  });

  it('skips a set without interface_config.js, and a file without the lists unless createKeys', () => {
    const none = blockBrowser({ meetConfig: 'var config = {};\n' }, 'firefox');
    expect(none.steps[0]).toEqual({
      file: 'interfaceConfig',
      action: "move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
      status: 'skipped',
      reason: 'file not given',
    });
    expect(none.changed).toBe(false);
    expect(none.todo).toEqual([]);
    const old = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet'\n};\n";
    const skipped = blockBrowser({ interfaceConfig: old }, 'firefox');
    expect(skipped.steps[0]!.status).toBe('skipped');
    expect(skipped.steps[0]!.reason).toBe(
      'This interface_config.js has neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS: Jitsi Meet before stable 3936 (2019-08) ignores these keys, so adding them changes nothing for that version; pass { createKeys: true } to add them anyway',
    );
    expect(skipped.files.interfaceConfig).toBe(old);
    const created = blockBrowser({ interfaceConfig: old }, 'firefox', { createKeys: true });
    expect(created.steps[0]!.status).toBe('applied');
    expect(created.files.interfaceConfig).toContain("UNSUPPORTED_BROWSERS: [ 'firefox' ]");
  });

  it('refuses a browser name outside the allow-list', () => {
    const error = errorOf(() => blockBrowser({ interfaceConfig: LISTS }, "firefox'];alert(1);//" as Browser));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(`Unknown browser "firefox'];alert(1);//": use one of chrome, chromium, edge, electron, firefox, nwjs, opera, safari, webkit`);
  });

  it('refuses lists that are not literal arrays (UnsupportedEditError), file untouched', () => {
    const text = 'var interfaceConfig = {\n    OPTIMAL_BROWSERS: defaults(),\n    UNSUPPORTED_BROWSERS: [],\n};\n';
    expect(errorOf(() => blockBrowser({ interfaceConfig: text }, 'firefox'))).toBeInstanceOf(UnsupportedEditError);
  });

  it('exports its texts', () => {
    expect(BROWSER_LIST_WARNINGS).toHaveLength(1);
    expect(BROWSER_LIST_TODO).toHaveLength(1);
  });
});

const available = corpusAvailable();

describe.skipIf(!available)('blockBrowser on every real interface_config.js with browser lists', () => {
  const files = available ? corpusFiles('interface_config', ['.js']) : [];
  const withLists = files.filter((f) => readCorpus(f).includes('OPTIMAL_BROWSERS'));

  it('covers the files of 2019-08 and later', () => {
    expect(withLists.length).toBeGreaterThanOrEqual(15);
  });

  // The deployments that had already blocked firefox by hand (2020).
  const alreadyBlocked = [
    'interface_config/wild/adfc-hamburg-2020-08-after-ba03312-firefox-unsupported.js',
    'interface_config/wild/adfc-hamburg-2021-01-alphabetical-firefox-unsupported.js',
    'interface_config/wild/debalance-meet-2020-04-firefox-unsupported.js',
  ];

  it.each(withLists)('%s: firefox blocked (golden diff), idempotent, allowed back', (rel) => {
    const text = readCorpus(rel);
    const blocked = blockBrowser({ interfaceConfig: text }, 'firefox');
    const after = blocked.files.interfaceConfig!;
    if (alreadyBlocked.includes(rel)) {
      expect(blocked.steps[0]!.status).toBe('already');
      expect(after).toBe(text);
    } else {
      expect(blocked.steps[0]!.status).toBe('applied');
      expectGoldenFile(join('golden', 'recipes', 'block-firefox', rel.replace(/\.js$/, '.diff')), unifiedDiff(text, after, { path: rel, context: 0 }));
    }
    const again = blockBrowser(blocked.files, 'firefox');
    expect(again.changed).toBe(false);
    expect(again.files.interfaceConfig).toBe(after);
    // A file that already blocks firefox has no original list position to go back to; the others come back byte for byte.
    if (blocked.changed) {
      const allowed = allowBrowser(blocked.files, 'firefox');
      const originalHadFirefoxOptimal = /OPTIMAL_BROWSERS:[^\]]*'firefox'/.test(text);
      if (originalHadFirefoxOptimal) expect(allowed.files.interfaceConfig).toBe(text);
    }
  });
});
