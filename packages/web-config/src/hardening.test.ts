/**
 * Cases found by trying to break the package the way admins and tooling use it: each test pins a
 * bug that was fixed (it failed before the fix).
 */
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';
import { placed, thrown } from '../../../test/support/errors.js';

/** Calls `fn`, expects it to throw an error of class `type`, and returns that error. */
describe('keys named like Object.prototype members', () => {
  const TEXT = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n};\n";

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('interfaceConfig.set(%j) writes the key instead of a TypeError', (key) => {
    const doc = parseInterfaceConfig(TEXT).set(key, 1);
    expectEditInvariants(TEXT, doc.edits, doc.toString());
    expect(doc.toString()).toBe(`var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    ${key}: 1,\n};\n`);
    expect(doc.get(key)).toBe(1);
    expect(parseInterfaceConfig(TEXT).get(key)).toBeUndefined();
    expect(parseInterfaceConfig(TEXT).has(key)).toBe(false);
  });
});

describe('setting a whole object that later assignments write parts of', () => {
  const LITERAL = `var config = {
    videoQuality: {
        preferredCodec: 'VP8',
        maxBitratesVideo: null
    }
};

config.videoQuality.codecPreferenceOrder = [ 'VP9', 'VP8' ];
`;
  const ASSIGNMENTS = `var config = {};

config.analytics = {};
config.analytics.disabled = true;
`;

  it('edits each key where it takes effect when every later assignment keeps its key', () => {
    const value = { preferredCodec: 'VP9', maxBitratesVideo: null, codecPreferenceOrder: ['VP9'] };
    const doc = parseMeetConfig(LITERAL).set('videoQuality', value);
    expectEditInvariants(LITERAL, doc.edits, doc.toString());
    expect(doc.toString()).toBe(LITERAL.replace("'VP8',", "'VP9',").replace("[ 'VP9', 'VP8' ]", "[ 'VP9' ]"));
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ videoQuality: value });
    expect(parseMeetConfig(doc.toString()).set('videoQuality', value).edits).toEqual([]);
  });

  it('adding a key to an object built by assignments appends an assignment', () => {
    const doc = parseMeetConfig(ASSIGNMENTS).set('analytics', { disabled: false, rtcstatsEnabled: true });
    expectEditInvariants(ASSIGNMENTS, doc.edits, doc.toString());
    expect(doc.toString()).toBe(`${ASSIGNMENTS.replace('= true', '= false')}config.analytics.rtcstatsEnabled = true;\n`);
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ analytics: { disabled: false, rtcstatsEnabled: true } });
  });

  it('still refuses a value that drops a key a later assignment writes, with the text unchanged', () => {
    const doc = parseMeetConfig(LITERAL);
    const e = thrown(UnsupportedEditError, () => doc.set('videoQuality', { preferredCodec: 'VP9' }));
    expect(placed(e)).toBe('Cannot set videoQuality: a later assignment to config.videoQuality.codecPreferenceOrder changes part of it; edit that one instead (8:1)');
    expect(doc.toString() === LITERAL).toBe(true);
    expect(doc.edits).toEqual([]);
  });
});

describe('defaults that apply only when a path is not set yet', () => {
  // docker-jitsi-meet's generated config.js (2023 on) creates each section this way.
  const DOCKER = `var config = {};

if (!config.hasOwnProperty('hosts')) config.hosts = {};

config.hosts.domain = 'meet.jitsi';

if (!config.hasOwnProperty('flags')) config.flags = {};
config.flags.sourceNameSignaling = true;
config.flags.sendMultipleVideoStreams = true;

if (!config.hasOwnProperty('constraints')) config.constraints = {};
if (!config.constraints.hasOwnProperty('video')) config.constraints.video = {};
config.constraints.video.height = { ideal: 720, max: 720, min: 180 };

if (!config.hasOwnProperty('videoQuality')) config.videoQuality = {};
if (!config.videoQuality.hasOwnProperty('maxBitratesVideo')) config.videoQuality.maxBitratesVideo = null;
`;
  // Upstream config.js of 2023-06 to 2024-06 ends this way.
  const UPSTREAM = `var config = {
    hosts: {
        domain: 'meet.example.com'
    },
    resolution: 720
};

// Temporary backwards compatibility with old mobile clients.
config.flags = config.flags || {};
config.flags.sourceNameSignaling = true;
config.flags.sendMultipleVideoStreams = true;
`;

  it('reads the sections such statements create', () => {
    const doc = parseMeetConfig(DOCKER);
    expect(doc.get('flags')).toEqual({ sourceNameSignaling: true, sendMultipleVideoStreams: true });
    expect(doc.get('constraints')).toEqual({ video: { height: { ideal: 720, max: 720, min: 180 } } });
    expect(doc.get('videoQuality.maxBitratesVideo')).toBeNull();
    expect(doc.has('videoQuality.maxBitratesVideo')).toBe(true);
    expect(parseMeetConfig(UPSTREAM).get('flags')).toEqual({ sourceNameSignaling: true, sendMultipleVideoStreams: true });
  });

  it('a new key of such a section is one assignment after its siblings; nothing else changes', () => {
    const doc = parseMeetConfig(DOCKER).set('flags.ssrcRewritingEnabled', false).set('constraints.video.aspectRatio', 1.5);
    expectEditInvariants(DOCKER, doc.edits, doc.toString());
    expect(doc.toString()).toBe(
      DOCKER.replace('sendMultipleVideoStreams = true;\n', 'sendMultipleVideoStreams = true;\nconfig.flags.ssrcRewritingEnabled = false;\n').replace(
        'min: 180 };\n',
        'min: 180 };\nconfig.constraints.video.aspectRatio = 1.5;\n',
      ),
    );
    const before = evaluateConfig(DOCKER, 'config');
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({
      ...before,
      flags: { ...(before.flags as object), ssrcRewritingEnabled: false },
      constraints: { video: { height: { ideal: 720, max: 720, min: 180 }, aspectRatio: 1.5 } },
    });
  });

  it('upstream `config.flags = config.flags || {}`: set, delete and a whole-object set', () => {
    const added = parseMeetConfig(UPSTREAM).set('flags.ssrcRewritingEnabled', false);
    expectEditInvariants(UPSTREAM, added.edits, added.toString());
    expect(added.toString()).toBe(`${UPSTREAM}config.flags.ssrcRewritingEnabled = false;\n`);

    const deleted = parseMeetConfig(UPSTREAM).delete('flags.sourceNameSignaling');
    expectEditInvariants(UPSTREAM, deleted.edits, deleted.toString());
    expect(deleted.toString()).toBe(UPSTREAM.replace('config.flags.sourceNameSignaling = true;\n', ''));
    expect(evaluateConfig(deleted.toString(), 'config').flags).toEqual({ sendMultipleVideoStreams: true });

    const whole = parseMeetConfig(UPSTREAM).set('flags', { sourceNameSignaling: false, sendMultipleVideoStreams: true });
    expect(whole.toString()).toBe(UPSTREAM.replace('sourceNameSignaling = true', 'sourceNameSignaling = false'));
  });

  it('a new key after a default written with braces ends with a semicolon like it', () => {
    const text = "var config = {};\nif (!config.hasOwnProperty('flags')) {\n    config.flags = {};\n}\n";
    const doc = parseMeetConfig(text).set('flags.a', true);
    expect(doc.toString()).toBe(`${text}config.flags.a = true;\n`);
  });

  it('a default that a literal value already covers does nothing', () => {
    const text = "var config = {\n    flags: { a: 1 }\n};\nconfig.flags = config.flags || {};\nif (!config.hasOwnProperty('flags')) config.flags = {};\n";
    const doc = parseMeetConfig(text);
    expect(doc.get('flags')).toEqual({ a: 1 });
    doc.set('flags.b', 2);
    expect(doc.toString()).toBe(text.replace('{ a: 1 }', '{ a: 1, b: 2 }'));
  });

  it('a default whose effect depends on a value that is not literal reads as not literal', () => {
    const text = 'var config = {\n    flags: getFlags()\n};\nconfig.flags = config.flags || {};\n';
    const e = thrown(UnsupportedEditError, () => parseMeetConfig(text).get('flags'));
    expect(placed(e)).toBe('Cannot read flags: config.flags is a logical expression, not a literal value; edit it by hand (4:16)');
  });

  it('a default below a value that is not an object reads as not literal', () => {
    const text = 'var config = {\n    p2p: 5\n};\nconfig.p2p.stun = config.p2p.stun || {};\n';
    const e = thrown(UnsupportedEditError, () => parseMeetConfig(text).get('p2p.stun'));
    expect(placed(e)).toBe('Cannot read p2p.stun: config.p2p.stun is a logical expression, not a literal value; edit it by hand (4:19)');
  });

  it('a section created by a statement this package does not read is never replaced by a new object', () => {
    const text = 'var config = {};\nsetUp(config);\nconfig.flags.a = true;\n';
    const doc = parseMeetConfig(text).set('flags.b', true);
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString()).toBe(`${text}config.flags.b = true;\n`);
  });
});

describe('statements that change a path without assigning a literal', () => {
  it.each([
    ['config.resolution += 360;', 'changed by `+=`'],
    ['config.resolution++;', 'changed by `++`'],
    ['delete config.resolution;', 'deleted by a delete statement'],
  ])('%s: the value reads as not literal instead of the stale literal', (statement, description) => {
    const text = `var config = {\n    hosts: {\n        domain: 'meet.example.com'\n    },\n    resolution: 720\n};\n${statement}\n`;
    const doc = parseMeetConfig(text);
    const e = thrown(UnsupportedEditError, () => doc.get('resolution'));
    expect(placed(e)).toBe(`Cannot read resolution: config.resolution is ${description}, not a literal value; edit it by hand (7:1)`);
    thrown(UnsupportedEditError, () => doc.set('resolution', 1080));
    expect(doc.toString() === text).toBe(true);
    // Other paths are unaffected, and delete removes every writer.
    expect(doc.get('hosts.domain')).toBe('meet.example.com');
    const deleted = parseMeetConfig(text).delete('resolution');
    expectEditInvariants(text, deleted.edits, deleted.toString());
    expect(deleted.toString()).toBe("var config = {\n    hosts: {\n        domain: 'meet.example.com'\n    }\n};\n");
  });
});

describe('error messages say what is in the way', () => {
  it.each([
    ['var config = {\n    resolution: 720\n};\n', 'resolution.ideal', 'Cannot set resolution.ideal: config.resolution is a number, not an object (2:17)'],
    ['var config = {\n    p2p: [ 1 ]\n};\n', 'p2p.enabled', 'Cannot set p2p.enabled: config.p2p is an array, not an object (2:10)'],
    ['var config = {};\nconfig.hosts = null;\n', 'hosts.domain', 'Cannot set hosts.domain: config.hosts is null, not an object (2:16)'],
  ])('setting below a literal that is not an object: %j %s', (text, path, message) => {
    const doc = parseMeetConfig(text);
    expect(placed(thrown(UnsupportedEditError, () => doc.set(path, 'meet.example.com')))).toBe(message);
    expect(doc.toString() === text).toBe(true);
  });

  it('an array with holes is refused as such, and the rest of the file stays editable', () => {
    const text = "var interfaceConfig = {\n    TOOLBAR_BUTTONS: [ 'chat', , 'tileview' ],\n    APP_NAME: 'Jitsi Meet',\n};\n";
    const doc = parseInterfaceConfig(text);
    expect(placed(thrown(UnsupportedEditError, () => doc.addToArray('TOOLBAR_BUTTONS', 'hangup')))).toBe(
      'Cannot add to TOOLBAR_BUTTONS: interfaceConfig.TOOLBAR_BUTTONS is an array with holes, not a literal value; edit it by hand (2:22)',
    );
    doc.set('APP_NAME', 'Meet');
    expect(doc.toString()).toBe(text.replace("'Jitsi Meet'", "'Meet'"));
  });
});

describe('set and back gives back the original text', () => {
  it('a string keeps the quote of the literal it replaces, not only the file majority', () => {
    const text = 'var config = {\n    hosts: { domain: \'meet.example.com\' },\n    deploymentInfo: {\n        region: "europe"\n    }\n};\n';
    const doc = parseMeetConfig(text).set('deploymentInfo.region', "asia's");
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString()).toBe(text.replace('"europe"', '"asia\'s"'));
    doc.set('deploymentInfo.region', 'europe');
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);
  });
});

describe('arrays of objects and arrays with repeated elements change element by element', () => {
  const TEXT = `var config = {
    p2p: {
        stunServers: [
            { urls: 'stun:stun.l.google.com:19302' },
            { urls: 'stun:stun1.l.google.com:19302' }
        ]
    }
};
`;

  it('adding and removing an object keeps the other lines; setting the old value back restores the text', () => {
    const servers = [{ urls: 'stun:stun.l.google.com:19302' }, { urls: 'stun:stun1.l.google.com:19302' }];
    const doc = parseMeetConfig(TEXT).set('p2p.stunServers', [...servers.slice(1), { urls: 'stun:meet.example.com:3478' }]);
    expectEditInvariants(TEXT, doc.edits, doc.toString());
    expect(doc.toString()).toBe(
      TEXT.replace("            { urls: 'stun:stun.l.google.com:19302' },\n", '').replace(
        "stun1.l.google.com:19302' }\n",
        "stun1.l.google.com:19302' },\n            { urls: 'stun:meet.example.com:3478' }\n",
      ),
    );
    doc.set('p2p.stunServers', servers);
    expect(doc.toString() === TEXT).toBe(true);
    expect(doc.edits).toEqual([]);
  });

  it('repeated elements', () => {
    const text = "var interfaceConfig = {\n    SETTINGS_SECTIONS: [ 'devices', 'devices', 'language' ],\n};\n";
    const doc = parseInterfaceConfig(text).set('SETTINGS_SECTIONS', ['devices', 'devices', 'language', 'moderator']);
    expect(doc.toString()).toBe(text.replace("'language' ]", "'language', 'moderator' ]"));
  });
});

describe('a multi-line template literal stays a template literal', () => {
  const SCRIPT = 'var config = {\r\n    tiledesk: {\r\n        script: `\r\n            window.tiledeskSettings = { projectid: "5ff3" };\r\n        `\r\n    }\r\n};\r\n';

  it('a multi-line script keeps its lines (in the file line ending); setting it back restores the text', () => {
    const doc = parseMeetConfig(SCRIPT);
    const old = doc.get('tiledesk.script') as string;
    expect(old).toBe('\n            window.tiledeskSettings = { projectid: "5ff3" };\n        ');
    doc.set('tiledesk.script', old.replace('5ff3', '6aa4'));
    expectEditInvariants(SCRIPT, doc.edits, doc.toString());
    expect(doc.toString()).toBe(SCRIPT.replace('5ff3', '6aa4'));
    doc.set('tiledesk.script', old);
    expect(doc.toString() === SCRIPT).toBe(true);
  });

  it.each(['`; alert(1); `', '${alert(1)}', '\\${x}\\', 'a\rb\u0000\u2028\ud800z'])('a hostile value %j stays inside the template', (value) => {
    const doc = parseMeetConfig(SCRIPT).set('tiledesk.script', value);
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ tiledesk: { script: value } });
    expect(parseMeetConfig(doc.toString()).get('tiledesk.script')).toBe(value);
  });
});

describe('an edit undone by a later one leaves no edits', () => {
  it.each([
    ["var config = {\n    hosts: {\n        domain: 'meet.example.com',\n        muc: 'conference.meet.example.com'\n    }\n};\n", 'hosts.muc'],
    ['var config = {};\nconfig.flags = config.flags || {};\nconfig.flags.a = true;\nconfig.flags.b = true;\n', 'flags.b'],
  ])('delete then set the same value: edits [] and changed false (%#)', (text, path) => {
    const doc = parseMeetConfig(text);
    const value = doc.get(path)!;
    doc.delete(path).set(path, value);
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual([]);
    expect(doc.changed).toBe(false);
  });
});

describe('window.config and window.interfaceConfig', () => {
  it('an object assigned to window.config is read and edited like `var config`', () => {
    const text = "window.config = {\n    hosts: {\n        domain: 'meet.example.com'\n    }\n};\nwindow.config.bosh = '/http-bind';\n";
    const doc = parseMeetConfig(text);
    expect(doc.get('hosts.domain')).toBe('meet.example.com');
    expect(doc.get('bosh')).toBe('/http-bind');
    doc.set('hosts.anonymousdomain', 'guest.meet.example.com').set('bosh', '/bosh').set('websocket', 'wss://meet.example.com/xmpp-websocket');
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString()).toBe(
      "window.config = {\n    hosts: {\n        domain: 'meet.example.com',\n        anonymousdomain: 'guest.meet.example.com'\n    },\n    websocket: 'wss://meet.example.com/xmpp-websocket'\n};\nwindow.config.bosh = '/bosh';\n",
    );
  });

  it('appended assignments keep the window. prefix', () => {
    const text = "window.config = {};\nwindow.config.hosts = {};\nwindow.config.hosts.domain = 'meet.example.com';\n";
    const doc = parseMeetConfig(text).set('hosts.anonymousdomain', 'guest.meet.example.com');
    expect(doc.toString()).toBe(`${text}window.config.hosts.anonymousdomain = 'guest.meet.example.com';\n`);
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ hosts: { domain: 'meet.example.com', anonymousdomain: 'guest.meet.example.com' } });
  });

  it('window.interfaceConfig', () => {
    const text = "window.interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: []\n};\n";
    const doc = parseInterfaceConfig(text).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
    expect(doc.toString()).toBe(text.replace("'chrome', 'firefox'", "'chrome'").replace('[]', "[ 'firefox' ]"));
  });
});

describe('a __proto__ key in the file', () => {
  const TEXT = "var interfaceConfig = {\n    __proto__: { SHOW_JITSI_WATERMARK: true },\n    APP_NAME: 'Jitsi Meet',\n};\n";

  it('a key it may provide is refused instead of read as missing; own keys stay editable', () => {
    const doc = parseInterfaceConfig(TEXT);
    expect(evaluateConfig(TEXT, 'interfaceConfig')).toEqual({ APP_NAME: 'Jitsi Meet' });
    const e = thrown(UnsupportedEditError, () => doc.get('SHOW_JITSI_WATERMARK'));
    expect(placed(e)).toBe('Cannot read SHOW_JITSI_WATERMARK: interfaceConfig is an object with a __proto__ key (inherited values), not a literal value; edit it by hand (2:5)');
    thrown(UnsupportedEditError, () => doc.set('SHOW_JITSI_WATERMARK', false));
    expect(doc.get('APP_NAME')).toBe('Jitsi Meet');
    doc.set('APP_NAME', 'Meet');
    expect(doc.toString()).toBe(TEXT.replace("'Jitsi Meet'", "'Meet'"));
  });

  it('a value holding one is not literal data', () => {
    const text = "var config = {\n    p2p: { '__proto__': { enabled: false } }\n};\n";
    expect(placed(thrown(UnsupportedEditError, () => parseMeetConfig(text).get('p2p')))).toBe(
      'Cannot read p2p: config.p2p is an object with a __proto__ key (inherited values), not a literal value; edit it by hand (2:12)',
    );
  });
});

describe('addToArray cannot get around the value rules', () => {
  it('a host name key is never made an array of unchecked strings', () => {
    const text = "var config = {\n    hosts: {\n        domain: 'meet.example.com'\n    }\n};\n";
    const doc = parseMeetConfig(text);
    expect(thrown(ValidationError, () => doc.addToArray('hosts.anonymousdomain', "x', alert(1), '")).message).toBe('hosts.anonymousdomain takes a host name (a string)');
    expect(doc.toString() === text).toBe(true);
  });

  it('a typed interface_config key is never made an array of the wrong kind', () => {
    const text = "var interfaceConfig = {\n    TOOLBAR_BUTTONS: [ 'chat' ],\n};\n";
    const doc = parseInterfaceConfig(text);
    expect(thrown(ValidationError, () => doc.addToArray('APP_NAME', 'Meet')).message).toBe('APP_NAME takes string, not string[]');
    expect(thrown(ValidationError, () => doc.addToArray('TOOLBAR_BUTTONS', 3)).message).toBe('TOOLBAR_BUTTONS takes string[], not array');
    expect(doc.toString() === text).toBe(true);
    expect(doc.addToArray('TOOLBAR_BUTTONS', 'tileview').get('TOOLBAR_BUTTONS')).toEqual(['chat', 'tileview']);
  });
});

describe('statements that write several paths at once', () => {
  it.each([
    ['config.a = 1, config.b = 2;', 'b'],
    ['config.a = config.b = 2;', 'b'],
    ['config.a = config.b = 2;', 'a'],
    ['(function () { config.b = 2; })();', 'b'],
  ])('%s: %s reads as not literal, and set and delete are refused instead of silently overridden', (statement, key) => {
    const text = `var config = {\n    hosts: {\n        domain: 'meet.example.com'\n    }\n};\n${statement}\n`;
    const doc = parseMeetConfig(text);
    expect(placed(thrown(UnsupportedEditError, () => doc.get(key)))).toBe(
      `Cannot read ${key}: config.${key} is assigned inside a larger statement, not a literal value; edit it by hand (6:${statement.indexOf(`config.${key} =`) + 1})`,
    );
    thrown(UnsupportedEditError, () => doc.set(key, 3));
    expect(placed(thrown(UnsupportedEditError, () => doc.delete(key)))).toBe(`Cannot delete ${key}: config.${key} is written inside a larger statement; edit it by hand (6:1)`);
    expect(doc.toString() === text).toBe(true);
    expect(doc.get('hosts.domain')).toBe('meet.example.com');
  });
});

describe('values a caller passes that are not plain data', () => {
  const TEXT = "var interfaceConfig = {\n    TOOLBAR_BUTTONS: [ 'chat' ],\n};\n";

  it('a sparse array is a ValidationError, not an error about the file', () => {
    const doc = parseInterfaceConfig(TEXT);
    // eslint-disable-next-line no-sparse-arrays -- the hole is the input under test
    expect(thrown(ValidationError, () => doc.set('X', [1, , 2] as never)).message).toBe('Invalid value[1]: the array has a hole there');
    expect(doc.toString() === TEXT).toBe(true);
  });

  it.each([
    ['a class instance', new (class Toolbar {})(), 'a Toolbar'],
    ['a Date', new Date(0), 'a Date'],
    ['a Map', new Map([['a', 1]]), 'a Map'],
    ['an Error', new Error('x'), 'an Error'],
    ['an object made on another prototype', Object.create({ a: 1 }) as unknown, 'an object with another prototype'],
    ['an instance of an anonymous class', new (class {})(), 'an object with another prototype'],
  ])('%s is a ValidationError that names what it is', (_label, value, what) => {
    const doc = parseInterfaceConfig(TEXT);
    expect(thrown(ValidationError, () => doc.set('X', { nested: value } as never)).message).toBe(`Invalid value.nested: only plain objects can be written, not ${what}`);
    expect(doc.toString() === TEXT).toBe(true);
  });

  it('a value nested thousands of levels deep is a ValidationError, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    const doc = parseInterfaceConfig(TEXT);
    expect(thrown(ValidationError, () => doc.set('X', deep as never)).message).toBe('Invalid value: it is nested more than 64 levels deep');
    expect(doc.toString() === TEXT).toBe(true);
  });
});

describe('a file nested too deeply for the parser', () => {
  it('is a ConfigSyntaxError that says so, not "Syntax error: Maximum call stack size exceeded"', () => {
    const text = `var interfaceConfig = {\n    A: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n};\n`;
    const e = thrown(ConfigSyntaxError, () => parseInterfaceConfig(text));
    expect(placed(e)).toBe('Cannot parse: the file nests arrays, objects or expressions too deeply (1:1)');
  });
});

describe.skipIf(!corpusAvailable())('the real docker-jitsi-meet config.js of 2023 (its nginx SSI line made valid in memory)', () => {
  const rel = 'config/wild/shcare-docker-2023-09-assignment-style-guest.js';
  const ssi = 'var subdomain = "<!--# echo var="subdomain" default="" -->";';

  it('a new flag and a new video constraint change exactly those paths', () => {
    const text = readCorpus(rel);
    expect(text.includes(ssi)).toBe(true);
    const valid = text.replace(ssi, 'var subdomain = \'<!--# echo var="subdomain" default="" -->\';');
    const before = evaluateConfig(valid, 'config');
    const doc = parseMeetConfig(valid).set('flags.ssrcRewritingEnabled', false).set('constraints.video.aspectRatio', 1.5);
    expectEditInvariants(valid, doc.edits, doc.toString());
    expect(doc.edits.map((e) => e.length)).toEqual([0, 0]);
    const constraints = before.constraints as { video: object };
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({
      ...before,
      flags: { ...(before.flags as object), ssrcRewritingEnabled: false },
      constraints: { ...constraints, video: { ...constraints.video, aspectRatio: 1.5 } },
    });
    expect(doc.get('flags')).toEqual({ ...(before.flags as object), ssrcRewritingEnabled: false });
  });
});

describe('comma-first layout', () => {
  const TEXT = `var interfaceConfig = {
    TOOLBAR_BUTTONS: [
        'microphone' // the first
        , 'camera'
        , 'chat'
    ]
    , APP_NAME: 'Jitsi Meet'
};
`;

  it.each([
    ['microphone', "        // the first\n        'camera'\n        , 'chat'\n"],
    ['camera', "        'microphone' // the first\n        , 'chat'\n"],
    ['chat', "        'microphone' // the first\n        , 'camera'\n"],
  ])('removing %s leaves a valid list in the same layout', (item, lines) => {
    const doc = parseInterfaceConfig(TEXT).removeFromArray('TOOLBAR_BUTTONS', item);
    expectEditInvariants(TEXT, doc.edits, doc.toString());
    expect(doc.toString()).toBe(TEXT.replace("        'microphone' // the first\n        , 'camera'\n        , 'chat'\n", lines));
  });

  it('deleting the first property takes the comma of the next line along', () => {
    const doc = parseInterfaceConfig(TEXT).delete('TOOLBAR_BUTTONS');
    expectEditInvariants(TEXT, doc.edits, doc.toString());
    expect(doc.toString()).toBe("var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet'\n};\n");
  });
});

describe('very long arrays', () => {
  it('setting a list of thousands of elements to another rewrites it in one edit instead of comparing every pair', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `room${i}`);
    const text = `var config = {\n    rooms: [ ${long.map((r) => `'${r}'`).join(', ')} ]\n};\n`;
    const value = [...long.slice(1), 'extra'];
    const doc = parseMeetConfig(text).set('rooms', value);
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.edits.length).toBe(1);
    expect(evaluateConfig(doc.toString(), 'config')).toEqual({ rooms: value });
  });
});

describe('statements that change a value in place are seen', () => {
  it('`config.toolbarButtons[1] = …` is element 1 of the list', () => {
    const text = "var config = { toolbarButtons: ['camera', 'chat'] };\nconfig.toolbarButtons[1] = 'hangup';\n";
    const doc = parseMeetConfig(text);
    expect(doc.get('toolbarButtons')).toEqual(evaluateConfig(text, 'config').toolbarButtons);
    expect(placed(thrown(UnsupportedEditError, () => doc.addToArray('toolbarButtons', 'x')))).toBe(
      'Cannot add to toolbarButtons: a later assignment to config.toolbarButtons.1 changes part of it; edit that one instead (2:1)',
    );
  });

  it.each([
    ["config.toolbarButtons.push('chat');", 'config.toolbarButtons is changed by a call to push(), not a literal value; edit it by hand (2:1)'],
    ['config.toolbarButtons.splice(0, 1);', 'config.toolbarButtons is changed by a call to splice(), not a literal value; edit it by hand (2:1)'],
    ["Object.assign(config.toolbarButtons, ['x']);", 'config.toolbarButtons is a function call, not a literal value; edit it by hand (2:1)'],
  ])('%s: the list reads as not literal instead of its stale value', (statement, message) => {
    const text = `var config = { toolbarButtons: ['camera'] };\n${statement}\n`;
    const doc = parseMeetConfig(text);
    expect(placed(thrown(UnsupportedEditError, () => doc.get('toolbarButtons')))).toBe(`Cannot read toolbarButtons: ${message}`);
    expect(placed(thrown(UnsupportedEditError, () => doc.addToArray('toolbarButtons', 'x')))).toBe(`Cannot add to toolbarButtons: ${message}`);
    // Other paths stay editable.
    expect(parseMeetConfig(text).set('resolution', 720).get('resolution')).toBe(720);
  });
});
