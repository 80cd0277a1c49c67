import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { BROWSERS, BrowserListsMissingError, type JsValue, type MissingBrowserLists, missingBrowserListsMessage, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';
import { placed, thrown } from '../../../test/support/errors.js';

const INTERFACE = `var interfaceConfig = {
    APP_NAME: 'Jitsi Meet',
    TOOLBAR_TIMEOUT: 4000,
    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'firefox', 'nwjs', 'electron', 'safari' ],
    UNSUPPORTED_BROWSERS: [],
    MOBILE_DYNAMIC_LINK: { APN: 'org.jitsi.meet', CUSTOM_DOMAIN: undefined },
};
`;

const MEET = `var config = {
    hosts: {
        domain: 'meet.example.com',
        muc: 'conference.' + subdomain + 'meet.example.com'
    },
    resolution: 720,
    flags: {
        sourceNameSignaling: true
    }
};

config.flags.sendMultipleVideoStreams = true;
config.resolution = 1080;
`;

/** Calls `fn`, expects it to throw an error of class `type`, and returns that error. */
describe('reading', () => {
  it('gets literal values by path, as plain data', () => {
    const doc = parseInterfaceConfig(INTERFACE);
    expect(doc.get('APP_NAME')).toBe('Jitsi Meet');
    expect(doc.get('TOOLBAR_TIMEOUT')).toBe(4000);
    expect(doc.get('OPTIMAL_BROWSERS')).toEqual(['chrome', 'chromium', 'firefox', 'nwjs', 'electron', 'safari']);
    expect(doc.get('MOBILE_DYNAMIC_LINK.APN')).toBe('org.jitsi.meet');
    expect(doc.get('NOPE')).toBeUndefined();
    expect(doc.get('APP_NAME.length')).toBeUndefined();
    expect(doc.has('UNSUPPORTED_BROWSERS')).toBe(true);
    expect(doc.has('NOPE')).toBe(false);
    expect(doc.browserLists()).toEqual({ optimal: ['chrome', 'chromium', 'firefox', 'nwjs', 'electron', 'safari'], unsupported: [] });
  });

  it('locates the effective value', () => {
    const doc = parseInterfaceConfig(INTERFACE);
    expect(doc.locate('TOOLBAR_TIMEOUT')).toEqual({ line: 3, column: 22, offset: INTERFACE.indexOf('4000') });
    expect(doc.locate('NOPE')).toBeUndefined();
    const meet = parseMeetConfig(MEET);
    expect(meet.locate('resolution')).toEqual({ line: 13, column: 21, offset: MEET.indexOf('1080') });
  });

  it('reads the later of repeated declarations, and the last assignment', () => {
    const doc = parseInterfaceConfig("var interfaceConfig = { APP_NAME: 'a' };\nvar interfaceConfig = { APP_NAME: 'b' };\n");
    expect(doc.get('APP_NAME')).toBe('b');
    const meet = parseMeetConfig(MEET);
    expect(meet.get('resolution')).toBe(1080);
    expect(meet.get('flags')).toEqual({ sourceNameSignaling: true, sendMultipleVideoStreams: true });
    expect(meet.get('hosts.domain')).toBe('meet.example.com');
  });

  it('refuses to read a value that is not a literal, with its position', () => {
    const meet = parseMeetConfig(MEET);
    const e = thrown(UnsupportedEditError, () => meet.get('hosts.muc'));
    expect(placed(e)).toBe('Cannot read hosts.muc: config.hosts.muc is a concatenation, not a literal value; edit it by hand (4:14)');
    expect(e.position).toEqual({ line: 4, column: 14, offset: MEET.indexOf("'conference.'") });
    expect(meet.has('hosts.muc')).toBe(true);
    expect(placed(thrown(UnsupportedEditError, () => parseInterfaceConfig(INTERFACE).get('MOBILE_DYNAMIC_LINK')))).toBe(
      'Cannot read MOBILE_DYNAMIC_LINK: interfaceConfig.MOBILE_DYNAMIC_LINK.CUSTOM_DOMAIN is the variable undefined, not a literal value; edit it by hand (6:66)',
    );
  });

  it('parses an empty file and a file without the object', () => {
    expect(parseInterfaceConfig('').get('APP_NAME')).toBeUndefined();
    const doc = parseInterfaceConfig('// nothing here\n');
    expect(thrown(UnsupportedEditError, () => doc.set('APP_NAME', 'x')).message).toBe(
      'Cannot set APP_NAME: the file does not define interfaceConfig (no `var interfaceConfig = {…}`)',
    );
  });
});

describe('editing', () => {
  it('replaces a value in place and keeps one minimal edit list', () => {
    const doc = parseInterfaceConfig(INTERFACE).set('APP_NAME', 'Our Meet').set('TOOLBAR_TIMEOUT', 5000);
    expect(doc.edits).toEqual([
      { offset: INTERFACE.indexOf("'Jitsi Meet'"), length: 12, content: "'Our Meet'" },
      { offset: INTERFACE.indexOf('4000'), length: 4, content: '5000' },
    ]);
    expectEditInvariants(INTERFACE, doc.edits, doc.toString());
    doc.set('APP_NAME', 'Jitsi Meet').set('TOOLBAR_TIMEOUT', 4000);
    expect(doc.edits).toEqual([]);
    expect(doc.changed).toBe(false);
    expect(doc.toString() === INTERFACE).toBe(true);
  });

  it('a set to the current value is a no-op', () => {
    const doc = parseInterfaceConfig(INTERFACE).set('APP_NAME', 'Jitsi Meet').set('OPTIMAL_BROWSERS', ['chrome', 'chromium', 'firefox', 'nwjs', 'electron', 'safari']);
    expect(doc.edits).toEqual([]);
  });

  it('sets the effective assignment in config.js (the last one wins)', () => {
    const doc = parseMeetConfig(MEET).set('resolution', 360).set('flags.sendMultipleVideoStreams', false);
    expectEditInvariants(MEET, doc.edits, doc.toString());
    expect(doc.toString()).toBe(MEET.replace('= 1080', '= 360').replace('sendMultipleVideoStreams = true', 'sendMultipleVideoStreams = false'));
  });

  it('refuses to replace a part that a later assignment overrides', () => {
    const doc = parseMeetConfig(MEET);
    const e = thrown(UnsupportedEditError, () => doc.set('flags', { a: true }));
    expect(placed(e)).toBe('Cannot set flags: a later assignment to config.flags.sendMultipleVideoStreams changes part of it; edit that one instead (12:1)');
    expect(doc.toString() === MEET).toBe(true);
  });

  it('deletes every writer of a path', () => {
    const doc = parseMeetConfig(MEET).delete('resolution');
    expectEditInvariants(MEET, doc.edits, doc.toString());
    expect(doc.has('resolution')).toBe(false);
    expect(doc.toString()).toBe(MEET.replace('    resolution: 720,\n', '').replace('config.resolution = 1080;\n', ''));
    expect(parseMeetConfig(doc.toString()).delete('resolution').edits).toEqual([]);
  });

  it('adds to and removes from arrays; a missing array is created', () => {
    const doc = parseInterfaceConfig(INTERFACE).addToArray('TOOLBAR_BUTTONS', 'chat').addToArray('TOOLBAR_BUTTONS', 'chat');
    expect(doc.get('TOOLBAR_BUTTONS')).toEqual(['chat']);
    doc.removeFromArray('OPTIMAL_BROWSERS', 'nwjs').removeFromArray('OPTIMAL_BROWSERS', 'nwjs').removeFromArray('NOPE', 'x');
    expect(doc.get('OPTIMAL_BROWSERS')).toEqual(['chrome', 'chromium', 'firefox', 'electron', 'safari']);
    expectEditInvariants(INTERFACE, doc.edits, doc.toString());
    expect(placed(thrown(UnsupportedEditError, () => doc.addToArray('APP_NAME', 'x')))).toBe('Cannot add to APP_NAME: interfaceConfig.APP_NAME is not an array (2:15)');
  });

  it('removes every copy of an element', () => {
    const text = "var interfaceConfig = {\n    TOOLBAR_BUTTONS: [ 'a', 'b', 'a', 'c', 'a' ],\n};\n";
    const doc = parseInterfaceConfig(text).removeFromArray('TOOLBAR_BUTTONS', 'a');
    expect(doc.toString()).toBe("var interfaceConfig = {\n    TOOLBAR_BUTTONS: [ 'b', 'c' ],\n};\n");
    expectEditInvariants(text, doc.edits, doc.toString());
  });

  it('writes numbers, booleans, null, nested arrays and objects that evaluate to the same data', () => {
    const value: JsValue = { a: -1.5, b: [true, null, 'x'], c: { 'not-an-identifier': 1e21, list: [{ k: 'v' }] }, d: [], e: {} };
    const doc = parseInterfaceConfig(INTERFACE).set('CUSTOM', value);
    expect(evaluateConfig(doc.toString(), 'interfaceConfig').CUSTOM).toEqual(value);
    expect(doc.get('CUSTOM')).toEqual(value);
  });

  it('moves a browser back and forth; each direction applied twice changes nothing', () => {
    const doc = parseInterfaceConfig(INTERFACE).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
    const once = doc.toString();
    expect(doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS').toString() === once).toBe(true);
    doc.moveBrowser('firefox', 'OPTIMAL_BROWSERS');
    expect(doc.toString() === INTERFACE).toBe(true);
    expect(doc.edits).toEqual([]);
  });

  it('refuses to create a missing list key unless asked', () => {
    const text = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n};\n";
    const doc = parseInterfaceConfig(text);
    expect(placed(thrown(UnsupportedEditError, () => doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS')))).toBe(
      'This interface_config.js has no UNSUPPORTED_BROWSERS key; pass { createKeys: true } to add it (1:23)',
    );
    expect(doc.toString() === text).toBe(true);
    doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS', { createKeys: true });
    expect(doc.toString()).toBe("var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome' ],\n    UNSUPPORTED_BROWSERS: [ 'firefox' ],\n};\n");
  });

  // One wording for every caller: the refusal says what is missing in fields, and a caller with
  // another way to add the lists (a command's flag) has the same refusal, at the same place, say it.
  it.each<[string, string, MissingBrowserLists, string]>([
    [
      'the target key',
      "var interfaceConfig = {\r\n\tOPTIMAL_BROWSERS: ['chrome']\r\n}",
      { kind: 'key', target: 'UNSUPPORTED_BROWSERS' },
      'This interface_config.js has no UNSUPPORTED_BROWSERS key; use --create-keys to add it (1:23)',
    ],
    [
      'both keys',
      "// 2018\nvar interfaceConfig = { APP_NAME: 'Jitsi Meet' };",
      { kind: 'both' },
      'This interface_config.js has neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS: Jitsi Meet before stable 3936 (2019-08) ignores these keys, so adding them changes nothing for that version; use --create-keys to add them anyway (2:23)',
    ],
  ])('a missing list (%s) is a BrowserListsMissingError that another caller rewords', (_name, text, missing, reworded) => {
    const e = thrown(BrowserListsMissingError, () => parseInterfaceConfig(text).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'));
    expect([e.name, e.code, e.missing]).toEqual(['UnsupportedEditError', 'E_UNSUPPORTED_EDIT', missing]);
    expect(e.message).toBe(missingBrowserListsMessage(missing));
    const other = e.withRemedy('use --create-keys');
    expect(other).toBeInstanceOf(BrowserListsMissingError);
    expect(placed(other)).toBe(reworded);
    expect([other.position, other.frame, other.missing]).toEqual([e.position, e.frame, e.missing]);
  });

  it('an overlay that does not set the lists says which it would have to write, whatever the remedy', () => {
    const doc = parseInterfaceConfig("interfaceConfig.APP_NAME = 'Meet';\n", { overlay: true });
    const e = thrown(BrowserListsMissingError, () => doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'));
    expect(e.missing).toEqual({
      kind: 'overlay',
      browser: 'firefox',
      target: 'UNSUPPORTED_BROWSERS',
      unset: ['OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS'],
      write: ['OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS'],
    });
    expect(e.withRemedy('use --create-keys').message).toBe(e.message.replace('pass { createKeys: true } to write', 'use --create-keys to write'));
  });

  it('leaves the document untouched when a step of moveBrowser fails', () => {
    const text = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: defaults(),\n};\n";
    const doc = parseInterfaceConfig(text);
    const e = thrown(UnsupportedEditError, () => doc.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'));
    expect(placed(e)).toBe('Cannot add to UNSUPPORTED_BROWSERS: interfaceConfig.UNSUPPORTED_BROWSERS is a function call, not a literal value; edit it by hand (3:27)');
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);
  });
});

describe('non-literal values at the edited key', () => {
  const cases: [string, string, string][] = [
    ['a function call', 'getName()', '(2:15)'],
    ['the variable appName', 'appName', '(2:15)'],
    ['a concatenation', "'Jitsi' + suffix", '(2:15)'],
    ['a template with expressions', '`Jitsi ${suffix}`', '(2:15)'],
  ];
  it.each(cases)('%s: UnsupportedEditError with position, text untouched', (what, source, where) => {
    const text = `var interfaceConfig = {\n    APP_NAME: ${source},\n    TOOLBAR_BUTTONS: ${source},\n};\n`;
    const doc = parseInterfaceConfig(text);
    expect(placed(thrown(UnsupportedEditError, () => doc.set('APP_NAME', 'x')))).toBe(
      `Cannot set APP_NAME: interfaceConfig.APP_NAME is ${what}, not a literal value; edit it by hand ${where}`,
    );
    expect(thrown(UnsupportedEditError, () => doc.set('APP_NAME.sub', 'x')).position?.line).toBe(2);
    expect(thrown(UnsupportedEditError, () => doc.addToArray('TOOLBAR_BUTTONS', 'x')).position?.line).toBe(3);
    expect(thrown(UnsupportedEditError, () => doc.removeFromArray('TOOLBAR_BUTTONS', 'x')).position?.line).toBe(3);
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);
  });

  it('a template without expressions is a literal', () => {
    const text = 'var interfaceConfig = {\n    APP_NAME: `Jitsi`,\n};\n';
    expect(parseInterfaceConfig(text).get('APP_NAME')).toBe('Jitsi');
    expect(parseInterfaceConfig(text).set('APP_NAME', 'Meet').toString()).toBe("var interfaceConfig = {\n    APP_NAME: 'Meet',\n};\n");
  });
});

describe('bad input', () => {
  it('a syntax error: ConfigSyntaxError with line, column and frame', () => {
    const e = thrown(ConfigSyntaxError, () => parseInterfaceConfig("var interfaceConfig = {\n    APP_NAME: 'a'\n    TOOLBAR_TIMEOUT: 4000,\n};\n"));
    expect(placed(e)).toBe('Syntax error: Unexpected token, expected "," (3:5)');
    expect([e.line, e.column, e.code]).toEqual([3, 5, 'E_SYNTAX']);
    expect(e.frame).toBe("  1 | var interfaceConfig = {\n  2 |     APP_NAME: 'a'\n> 3 |     TOOLBAR_TIMEOUT: 4000,\n    |     ^\n  4 | };\n  5 |");
  });

  it('a truncated file', () => {
    const e = thrown(ConfigSyntaxError, () => parseInterfaceConfig(INTERFACE.slice(0, 120)));
    // The cut leaves the string 'chromi… open: the error points at its opening quote.
    expect([e.line, e.column, e.offset]).toEqual([4, 35, 113]);
    expect(placed(e)).toBe('Syntax error: Unterminated string constant. (4:35)');
    const atLineEnd = INTERFACE.slice(0, INTERFACE.indexOf('    OPTIMAL_BROWSERS'));
    const e2 = thrown(ConfigSyntaxError, () => parseInterfaceConfig(atLineEnd));
    expect([e2.line, e2.column, e2.offset]).toEqual([4, 1, atLineEnd.length]);
    expect(placed(e2)).toBe('Syntax error: Unexpected token (4:1)');
  });

  it('binary garbage', () => {
    const garbage = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);
    const e = thrown(ConfigSyntaxError, () => parseMeetConfig(garbage));
    expect([e.line, e.column]).toEqual([1, 1]);
    // eslint-disable-next-line no-control-regex -- the frame must show none of the garbage's control characters
    expect(e.frame).not.toMatch(/[\u0000-\u0008\u001a]/);
  });

  it('neither a string nor bytes', () => {
    expect(thrown(ValidationError, () => parseMeetConfig(42 as unknown as string)).message).toBe(
      "parseMeetConfig takes the file as a string (read with 'utf8') or as bytes (a Uint8Array or Buffer), not number",
    );
  });

  it('invalid paths and values', () => {
    const doc = parseInterfaceConfig(INTERFACE);
    for (const path of ['', 'a..b', 'a-b', '__proto__', 'a.__proto__', 'a b']) {
      expect(() => doc.set(path, 1)).toThrow(ValidationError);
    }
    for (const value of [undefined, Number.NaN, Infinity, () => 1, new Date(0), Symbol('x'), 10n, { __proto__: null, f: () => 1 }]) {
      expect(() => doc.set('X', value as unknown as JsValue)).toThrow(ValidationError);
    }
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => doc.set('X', cyclic as JsValue)).toThrow(ValidationError);
    expect(JSON.parse('{"__proto__": 1}')).toBeDefined();
    expect(() => doc.set('X', JSON.parse('{"__proto__": {"polluted": true}}') as JsValue)).toThrow(ValidationError);
    expect(thrown(ValidationError, () => doc.set('TOOLBAR_TIMEOUT', 'soon' as unknown as number)).message).toBe('TOOLBAR_TIMEOUT takes number, not string');
    expect(doc.edits).toEqual([]);
  });

  const HOSTILE = ["x', alert(1), '", 'x" + alert(1) + "', 'firefox\u2028alert(1)', 'FIREFOX', ' firefox', '__proto__', 'meet.example.com/'];

  it.each([...HOSTILE, 'constructor', 'toString'])('hostile browser name %j: ValidationError, text unchanged', (name) => {
    const doc = parseInterfaceConfig(INTERFACE);
    expect(thrown(ValidationError, () => doc.moveBrowser(name as 'firefox', 'UNSUPPORTED_BROWSERS')).message).toMatch(/^Unknown browser "/);
    expect(() => doc.addToArray('UNSUPPORTED_BROWSERS', name)).toThrow(ValidationError);
    expect(() => doc.set('OPTIMAL_BROWSERS', ['chrome', name])).toThrow(ValidationError);
    expect(doc.toString() === INTERFACE).toBe(true);
    expect(doc.edits).toEqual([]);
  });

  it.each(HOSTILE)('hostile host name %j: ValidationError, text unchanged', (host) => {
    const doc = parseMeetConfig(MEET);
    expect(() => doc.set('hosts.anonymousdomain', host)).toThrow(ValidationError);
    expect(() => doc.set('hosts', { domain: host })).toThrow(ValidationError);
    expect(doc.toString() === MEET).toBe(true);
  });

  it('an unknown browser list', () => {
    const doc = parseInterfaceConfig(INTERFACE);
    expect(thrown(ValidationError, () => doc.moveBrowser('firefox', 'BLOCKED' as 'OPTIMAL_BROWSERS')).message).toBe(
      'Unknown browser list "BLOCKED": use OPTIMAL_BROWSERS or UNSUPPORTED_BROWSERS',
    );
  });

  it('a hostile free-text value stays inside its literal', () => {
    const hostile = "x', alert(1), '\" </script><script>alert(2)</script> \u2028\u2029 \\ ${x} `";
    const doc = parseInterfaceConfig(INTERFACE).set('APP_NAME', hostile).set('NEW_KEY', hostile);
    expectEditInvariants(INTERFACE, doc.edits, doc.toString());
    const evaluated = evaluateConfig(doc.toString(), 'interfaceConfig');
    expect(evaluated.APP_NAME).toBe(hostile);
    expect(evaluated.NEW_KEY).toBe(hostile);
    expect(Object.keys(evaluated)).toEqual(['APP_NAME', 'TOOLBAR_TIMEOUT', 'OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS', 'MOBILE_DYNAMIC_LINK', 'NEW_KEY']);
  });
});

it('BROWSERS is the allow-list of every name the real files use', () => {
  expect(BROWSERS).toEqual(['chrome', 'chromium', 'edge', 'electron', 'firefox', 'nwjs', 'opera', 'safari', 'webkit']);
});

describe("errors of operations at positions in the input's units", () => {
  const bytesBefore = (text: string, at: number) => Buffer.byteLength(text.slice(0, at));
  /** A text as each input form, with the position of its UTF-16 index `at` in that form's units. */
  const forms = (text: string, at: number) => {
    const line = text.slice(0, at).split('\n').length;
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const inBytes = { line, column: bytesBefore(text, at) - bytesBefore(text, start) + 1, offset: bytesBefore(text, at) };
    return [
      { parse: { input: text as string | Buffer, options: {} }, position: { line, column: at - start + 1, offset: at } },
      { parse: { input: Buffer.from(text), options: {} }, position: inBytes },
      { parse: { input: Buffer.from(text).toString('latin1'), options: { encoding: 'latin1' as const } }, position: inBytes },
    ];
  };

  it('a browser list that is not one: at its value, for a string, bytes and a latin1 string', () => {
    for (const [text, value] of [
      ["// Jitsi — ✓ é\nvar interfaceConfig = {\n    OPTIMAL_BROWSERS: 'chrome',\n};\n", "'chrome'"],
      ["/* ✓✓ */\r\nvar interfaceConfig = {\r\n\tAPP_NAME: 'Réunion — ✓', OPTIMAL_BROWSERS: [ 'chrome', 4 ]\r\n}", '[ '],
    ] as const) {
      for (const { parse, position } of forms(text, text.indexOf(value))) {
        const doc = parseInterfaceConfig(parse.input, parse.options);
        const e = thrown(UnsupportedEditError, () => doc.browserLists());
        expect([e.position, placed(e)]).toEqual([position, `OPTIMAL_BROWSERS is not an array of strings (3:${position.column})`]);
        expect(doc.locate('OPTIMAL_BROWSERS')).toEqual(position);
      }
    }
  });

  it('a refusal inside a batch, after a pending step: about the text with that step in it', () => {
    const text = "var config = {\r\n    subject: 'x',\r\n    // ✓ — é\r\n    p2p: makeP2P(),\r\n};\r\n";
    const subject = 'Réunion — ✓✓';
    const edited = text.replace("'x'", `'${subject}'`);
    const original = forms(text, 0);
    forms(edited, edited.indexOf('makeP2P')).forEach(({ parse, position }, i) => {
      const doc = parseMeetConfig(original[i]!.parse.input, parse.options);
      const e = thrown(UnsupportedEditError, () =>
        doc.batch((d) => {
          d.set('subject', subject);
          d.set('p2p.enabled', false);
        }),
      );
      expect(e.position).toEqual(position);
      expect(placed(e).endsWith(`(4:${position.column})`)).toBe(true);
      expect(doc.changed).toBe(false);
    });
  });
});

describe('setting a whole object or array keeps its layout', () => {
  const text = `var interfaceConfig = {
    TOOLBAR_BUTTONS: [
        'microphone', 'camera', 'desktop',
        'chat', 'recording', // recording needs jibri
        'hangup'
    ],
    MOBILE_DYNAMIC_LINK: {
        // Android package.
        APN: 'org.jitsi.meet',
        APP_CODE: 'w2atb',
    },
};
`;

  it('an array whose kept elements stay in order changes element by element', () => {
    const doc = parseInterfaceConfig(text).set('TOOLBAR_BUTTONS', ['microphone', 'camera', 'tileview', 'desktop', 'chat', 'hangup']);
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString()).toBe(text.replace("'camera', 'desktop'", "'camera', 'tileview', 'desktop'").replace("'chat', 'recording', //", "'chat', //"));
  });

  it('a reordered array is rewritten', () => {
    const doc = parseInterfaceConfig(text).set('TOOLBAR_BUTTONS', ['hangup', 'chat']);
    expect(doc.get('TOOLBAR_BUTTONS')).toEqual(['hangup', 'chat']);
    expect(doc.toString()).toContain("TOOLBAR_BUTTONS: [ 'hangup', 'chat' ],\n    MOBILE_DYNAMIC_LINK");
  });

  it('an object changes key by key, its comments stay', () => {
    const doc = parseInterfaceConfig(text).set('MOBILE_DYNAMIC_LINK', { APN: 'org.example.meet', IBI: 'com.example.meet' });
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString()).toBe(text.replace("APN: 'org.jitsi.meet',\n        APP_CODE: 'w2atb',", "APN: 'org.example.meet',\n        IBI: 'com.example.meet',"));
  });
});

it('an empty object inside a literal gets the key, even when the file also has assignments', () => {
  const text = 'var config = {\n    p2p: {},\n};\n\nconfig.flags = config.flags || {};\n';
  const doc = parseMeetConfig(text).set('p2p.enabled', false);
  expect(doc.toString()).toBe('var config = {\n    p2p: {\n        enabled: false\n    },\n};\n\nconfig.flags = config.flags || {};\n');
  expectEditInvariants(text, doc.edits, doc.toString());
});

it('an object built by assignments gets a new assignment, after its siblings', () => {
  const text = "var config = {};\n\nconfig.hosts = {};\nconfig.hosts.domain = 'meet.example.com';\n\nconfig.bosh = '/http-bind';\n";
  const doc = parseMeetConfig(text).set('hosts.anonymousdomain', 'guest.meet.example.com').set('p2p', { enabled: false });
  expect(doc.toString()).toBe(
    "var config = {};\n\nconfig.hosts = {};\nconfig.hosts.domain = 'meet.example.com';\nconfig.hosts.anonymousdomain = 'guest.meet.example.com';\n\nconfig.bosh = '/http-bind';\nconfig.p2p = {\n    enabled: false\n};\n",
  );
});

describe('more layouts', () => {
  it('appends after a last property that has a comment and no comma', () => {
    const text = 'var interfaceConfig = {\n    B: 1, // one\n    A: 2 // two\n};\n';
    const doc = parseInterfaceConfig(text).set('C', 3);
    expect(doc.toString()).toBe('var interfaceConfig = {\n    B: 1, // one\n    A: 2, // two\n    C: 3\n};\n');
  });

  it('one-line objects stay on one line', () => {
    const text = "var interfaceConfig = { MOBILE_DYNAMIC_LINK: { APN: 'a' } };\n";
    const doc = parseInterfaceConfig(text).set('MOBILE_DYNAMIC_LINK.IBI', 'b').delete('MOBILE_DYNAMIC_LINK.APN');
    expect(doc.toString()).toBe("var interfaceConfig = { MOBILE_DYNAMIC_LINK: { IBI: 'b' } };\n");
  });

  it('an object that is not a literal is refused with its position', () => {
    const text = 'var interfaceConfig = Object.assign({}, defaults);\n';
    const e = thrown(UnsupportedEditError, () => parseInterfaceConfig(text).set('APP_NAME', 'x'));
    expect(placed(e)).toBe('Cannot set APP_NAME: interfaceConfig is a function call, not a literal value; edit it by hand (1:23)');
  });

  it('keys that are not identifiers are quoted, with the file quote', () => {
    const text = 'var config = {\n    p2p: { enabled: true },\n};\n';
    const doc = parseMeetConfig(text).set('p2p', { enabled: true, "it's": 1 });
    expect(doc.toString()).toBe("var config = {\n    p2p: {\n        enabled: true,\n        'it\\'s': 1,\n    },\n};\n");
    expect(doc.get('p2p')).toEqual({ enabled: true, "it's": 1 });
  });
});

it('typed keys', () => {
  const doc = parseInterfaceConfig(INTERFACE);
  const browsers: ('chrome' | 'chromium' | 'edge' | 'electron' | 'firefox' | 'nwjs' | 'opera' | 'safari' | 'webkit')[] | undefined = doc.get('OPTIMAL_BROWSERS');
  const timeout: number | undefined = doc.get('TOOLBAR_TIMEOUT');
  const anyValue: JsValue | undefined = doc.get('SOMETHING_ELSE');
  expect([browsers?.length, timeout, anyValue]).toEqual([6, 4000, undefined]);
  const host: string | undefined = parseMeetConfig(MEET).get('hosts.domain');
  expect(host).toBe('meet.example.com');
});
