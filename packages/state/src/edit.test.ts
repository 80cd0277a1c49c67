/**
 * Editing a state file: recording and removing intents changes only the lines of those intents, in
 * the layout the file already has (block or flow, indentation, sorted fields as Ansible writes
 * them, quotes, CRLF, a missing final newline), and every comment not on a removed intent stays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, unifiedDiff } from '@jitsi-confkit/core';
import { thrown } from '../../../test/support/errors.js';
import { fixturesRoot } from '../../../test/support/golden.js';
import { parseState, STATE_HEADER, StateValidationError } from './index.js';
import type { Intent } from './index.js';

const fixture = (name: string) => readFileSync(join(fixturesRoot, 'state', 'valid', name), 'utf8');

const FIREFOX: Intent = { kind: 'browser', browser: 'firefox', list: 'unsupported' };
const CHROME: Intent = { kind: 'browser', browser: 'chrome', list: 'unsupported' };

/** The change as a unified diff without context, and a check that `edits` describe it. */
function change(before: string, edit: (doc: ReturnType<typeof parseState>) => void): { text: string; diff: string } {
  const doc = parseState(before);
  edit(doc);
  const text = doc.toString();
  expect(applyEdits(before, doc.edits)).toBe(text);
  // What was written reads back (and a second parse gives the same intents).
  expect(parseState(text).intents).toEqual(doc.intents);
  return { text, diff: unifiedDiff(before, text, { path: 'state.yaml', context: 0 }).split('\n').slice(2).join('\n') };
}

describe('creating the file', () => {
  it('from nothing: a short header, the version, the intent', () => {
    const doc = parseState('');
    const result = doc.record(FIREFOX);
    expect(result.changed).toBe(true);
    expect(result.intent).toEqual({ intent: FIREFOX, index: 0, line: 5, column: 5, summary: 'browser firefox: unsupported' });
    expect(doc.toString()).toBe(`${STATE_HEADER.join('\n')}\nversion: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n`);
  });

  it('in a file of comments only: they stay, above', () => {
    const { text } = change('# managed by hand\n', (doc) => doc.record(CHROME));
    expect(text).toBe('# managed by hand\nversion: 1\nintents:\n  - kind: browser\n    browser: chrome\n    list: unsupported\n');
  });

  it('recording the same intent again changes nothing', () => {
    const doc = parseState('');
    doc.record(FIREFOX);
    const text = doc.toString();
    expect(doc.record({ list: 'unsupported', browser: 'firefox', kind: 'browser' }).changed).toBe(false);
    expect(doc.toString()).toBe(text);
  });
});

describe('recording into a hand-written file', () => {
  const base = fixture('every-kind.yaml');

  it('a new intent goes after the last one, in its layout; nothing else moves', () => {
    const { diff } = change(base, (doc) => doc.record({ kind: 'set', file: 'jicofo.conf', path: 'jicofo.conference.enable-auto-owner', value: true }));
    expect(diff).toBe('@@ -74,0 +75,4 @@\n' + '+  - kind: set\n' + '+    file: jicofo.conf\n' + '+    path: jicofo.conference.enable-auto-owner\n' + '+    value: true\n');
  });

  it('moving firefox to optimal replaces its block intent in place: one line, its comment kept', () => {
    const doc = parseState(base);
    let replaced;
    const { diff } = change(base, (d) => {
      replaced = d.record({ kind: 'browser', browser: 'firefox', list: 'optimal' }).replaced;
    });
    expect(diff).toBe('@@ -9 +9 @@\n-    list: unsupported\n+    list: optimal\n');
    expect(replaced).toEqual([doc.intents[0]]);
  });

  it('another guest host for the secure domain: only that line changes, its comment stays', () => {
    const { diff } = change(base, (doc) => doc.record({ kind: 'secure-domain', host: 'meet.example.com', guest: 'visitors.meet.example.com' }));
    expect(diff).toBe(
      '@@ -16,2 +16 @@\n' +
        "-    guest: guest.meet.example.com   # the name Jitsi's code expects\n" +
        '-    authentication: internal_hashed\n' +
        "+    guest: visitors.meet.example.com   # the name Jitsi's code expects\n",
    );
  });

  it('a new value over a block mapping value is written on the key line', () => {
    const { diff } = change(base, (doc) => doc.record({ kind: 'set', file: 'config.js', path: 'toolbarConfig', value: { alwaysVisible: false } }));
    expect(diff).toBe('@@ -55,3 +55 @@\n-    value:\n-      alwaysVisible: true\n-      timeout: 4000\n+    value: {alwaysVisible: false}\n');
  });

  it('delete after set of the same path: the set intent becomes the delete intent where it was', () => {
    const { diff } = change(base, (doc) => doc.record({ kind: 'delete', file: 'config.js', path: 'p2p.enabled' }));
    expect(diff).toBe('@@ -20 +20 @@\n-  - kind: set\n+  - kind: delete\n@@ -23 +22,0 @@\n-    value: false\n');
  });

  it('an intent that contradicts two replaces the first and removes the second', () => {
    const before =
      'version: 1\nintents:\n  - kind: set\n    file: config.js\n    path: p2p.enabled\n    value: false\n  # stun\n  - kind: set\n    file: config.js\n    path: p2p.useStunTurn\n    value: true\n';
    const doc = parseState(before);
    const result = doc.record({ kind: 'delete', file: 'config.js', path: 'p2p' });
    expect(result.replaced.map((r) => r.summary)).toEqual(['set config.js p2p.enabled = false', 'set config.js p2p.useStunTurn = true']);
    expect(doc.toString()).toBe('version: 1\nintents:\n  - kind: delete\n    file: config.js\n    path: p2p\n');
  });

  it('removing an intent removes its lines and the comment right above it', () => {
    const { diff } = change(base, (doc) => expect(doc.remove({ kind: 'browser', browser: 'firefox' }).map((i) => i.line)).toEqual([7]));
    expect(diff).toBe(
      '@@ -6 +5,0 @@\n-  # Firefox users get the unsupported-browser page (jitsi-meet issue 4758).\n@@ -8,3 +6,0 @@\n-    browser: firefox\n-    list: unsupported\n-  - kind: browser\n',
    );
  });

  it('remove({ kind: "secure-domain" }) removes it whatever its host; a selector matching nothing changes nothing', () => {
    const doc = parseState(base);
    expect(doc.remove({ kind: 'browser', browser: 'safari' })).toEqual([]);
    expect(doc.changed).toBe(false);
    expect(doc.remove({ kind: 'secure-domain' }).map((i) => i.summary)).toEqual([
      'secure-domain meet.example.com (guests on guest.meet.example.com, authentication internal_hashed)',
    ]);
    expect(doc.intents.some((i) => i.intent.kind === 'secure-domain')).toBe(false);
  });

  it('edits accumulate against the text given', () => {
    const doc = parseState(base);
    doc.record({ kind: 'browser', browser: 'firefox', list: 'optimal' });
    doc.remove({ kind: 'delete' });
    doc.record(CHROME);
    doc.remove({ kind: 'secure-domain' });
    doc.setHost('video.example.com');
    expect(applyEdits(base, doc.edits)).toBe(doc.toString());
    expect(doc.host).toBe('video.example.com');
  });
});

describe('the layouts the file already has', () => {
  it("Ansible's to_nice_yaml: four-space items, fields in alphabetical order", () => {
    const { diff } = change(fixture('ansible-to-nice-yaml.yaml'), (doc) =>
      doc.record({ kind: 'set', file: 'prosody', scope: { host: 'meet.example.com' }, key: 'c2s_require_encryption', value: true }),
    );
    expect(diff).toBe(
      '@@ -15,0 +16,5 @@\n' + '+-   file: prosody\n' + '+    key: c2s_require_encryption\n' + '+    kind: set\n' + '+    scope: {host: meet.example.com}\n' + '+    value: true\n',
    );
  });

  it('JSON: a new item on its own line, double-quoted; removing one takes its comma', () => {
    const before = fixture('json.yaml');
    const added = change(before, (doc) => doc.record(CHROME));
    expect(added.diff).toBe(
      '@@ -5 +5,2 @@\n' +
        '-    {"kind": "set", "file": "config.js", "path": "startAudioMuted", "value": 10}\n' +
        '+    {"kind": "set", "file": "config.js", "path": "startAudioMuted", "value": 10},\n' +
        '+    {"kind": "browser", "browser": "chrome", "list": "unsupported"}\n',
    );
    const removed = change(before, (doc) => doc.remove({ kind: 'browser' }));
    expect(removed.text).toBe('{\n  "version": 1,\n  "intents": [\n    {"kind": "set", "file": "config.js", "path": "startAudioMuted", "value": 10}\n  ]\n}\n');
    const host = change(before, (doc) => doc.setHost('meet.example.com'));
    expect(host.diff).toBe('@@ -2,0 +3 @@\n+  "host": "meet.example.com",\n');
  });

  it('a flow list on one line grows on that line', () => {
    const { text } = change('version: 1\nintents: [{kind: browser, browser: safari, list: unsupported}]\n', (doc) => doc.record(FIREFOX));
    expect(text).toBe('version: 1\nintents: [{kind: browser, browser: safari, list: unsupported}, {kind: browser, browser: firefox, list: unsupported}]\n');
  });

  it('in a flow list, an intent is replaced and removed where it is', () => {
    const before =
      'version: 1\nintents: [{kind: browser, browser: safari, list: unsupported}, {kind: browser, browser: firefox, list: unsupported}, {kind: browser, browser: opera, list: unsupported}]\n';
    const moved = change(before, (doc) => doc.record({ kind: 'browser', browser: 'firefox', list: 'optimal' }));
    expect(moved.text).toBe(before.replace('browser: firefox, list: unsupported', 'browser: firefox, list: optimal'));
    const removed = change(before, (doc) => doc.remove({ kind: 'browser', browser: 'firefox' }));
    expect(removed.text).toBe('version: 1\nintents: [{kind: browser, browser: safari, list: unsupported}, {kind: browser, browser: opera, list: unsupported}]\n');
    const first = change(before, (doc) => doc.remove({ kind: 'browser', browser: 'safari' }));
    expect(first.text).toBe('version: 1\nintents: [{kind: browser, browser: firefox, list: unsupported}, {kind: browser, browser: opera, list: unsupported}]\n');
  });

  it('a flow mapping in a block list is replaced by a flow mapping, its comment kept', () => {
    const before = "version: 1\nintents:\n  - {kind: browser, browser: 'firefox', list: 'unsupported'}  # for now\n";
    const { text } = change(before, (doc) => doc.record({ kind: 'browser', browser: 'firefox', list: 'optimal' }));
    expect(text).toBe('version: 1\nintents:\n  - {kind: browser, browser: firefox, list: optimal}  # for now\n');
  });

  it('`intents: []` becomes a block list; the comment after it stays on the key line', () => {
    const { text } = change('version: 1\nintents: []  # none yet\n', (doc) => doc.record(FIREFOX));
    expect(text).toBe('version: 1\nintents:  # none yet\n  - kind: browser\n    browser: firefox\n    list: unsupported\n');
  });

  it('`intents:` with only a comment under it', () => {
    const { text } = change(fixture('empty-intents.yaml'), (doc) => doc.record(FIREFOX));
    expect(text).toBe('version: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n  # none yet\n');
  });

  it('no intents key: it is added at the end', () => {
    const { text } = change('version: 1\nhost: meet.example.com\n', (doc) => doc.record(FIREFOX));
    expect(text).toBe('version: 1\nhost: meet.example.com\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n');
  });

  it('removing the last intent leaves an empty list, and recording fills it again', () => {
    const before = 'version: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n# end\n';
    const doc = parseState(before);
    doc.remove({ kind: 'browser' });
    expect(doc.toString()).toBe('version: 1\nintents:\n# end\n');
    expect(doc.intents).toEqual([]);
    doc.record(CHROME);
    expect(doc.toString()).toBe('version: 1\nintents:\n  - kind: browser\n    browser: chrome\n    list: unsupported\n# end\n');
  });

  it('CRLF stays CRLF', () => {
    const before = 'version: 1\r\nintents:\r\n  - kind: browser\r\n    browser: firefox\r\n    list: unsupported\r\n';
    const { text } = change(before, (doc) => doc.record(CHROME));
    expect(text).toBe(`${before}  - kind: browser\r\n    browser: chrome\r\n    list: unsupported\r\n`);
    const removed = change(text, (doc) => doc.remove({ kind: 'browser', browser: 'firefox' }));
    expect(removed.text).toBe('version: 1\r\nintents:\r\n  - kind: browser\r\n    browser: chrome\r\n    list: unsupported\r\n');
  });

  it('a file without a final newline keeps none', () => {
    const before = 'version: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported';
    const added = change(before, (doc) => doc.record(CHROME));
    expect(added.text).toBe(`${before}\n  - kind: browser\n    browser: chrome\n    list: unsupported`);
    const removed = change(added.text, (doc) => doc.remove({ kind: 'browser', browser: 'chrome' }));
    expect(removed.text).toBe(before);
  });

  it('an item whose content starts under its dash, and tab-free odd indentation', () => {
    const before = 'version: 1\nintents:\n    -\n        kind: browser\n        browser: firefox\n        list: unsupported\n';
    const { text } = change(before, (doc) => doc.record(CHROME));
    expect(text).toBe(`${before}    - kind: browser\n      browser: chrome\n      list: unsupported\n`);
  });
});

describe('values are written so that YAML 1.1 and 1.2 read them the same', () => {
  const valueOf = (value: Intent extends never ? never : unknown, before = '') => {
    const doc = parseState(before);
    doc.record({ kind: 'set', file: 'config.js', path: 'subject', value });
    return /value: (.*)\n/.exec(doc.toString())![1];
  };

  it.each([
    ['yes', '"yes"'],
    ['on', '"on"'],
    ['010', '"010"'],
    ['1_000', '"1_000"'],
    ['2026-01-01', '"2026-01-01"'],
    ['true', '"true"'],
    ['a: b', '"a: b"'],
    ['#room', '"#room"'],
    ['two\nlines', '"two\\nlines"'],
    ['Salle de réunion', 'Salle de réunion'],
    ['meet.example.com', 'meet.example.com'],
  ])('%j is written %s', (value, written) => {
    expect(valueOf(value)).toBe(written);
  });

  it('lists and mappings in flow style, strings in them quoted where needed', () => {
    expect(valueOf(['yes', 'a,b', 3, null, { 'x y': true }])).toBe('["yes", "a,b", 3, null, {x y: true}]');
  });

  it("single quotes where the file's quoted strings use them", () => {
    expect(valueOf('yes', "version: 1\nintents:\n  - {kind: browser, browser: 'firefox', list: 'unsupported'}\n")).toBe("'yes'");
    const doc = parseState("version: 1\nintents:\n  - kind: browser\n    browser: 'firefox'\n    list: 'unsupported'\n");
    doc.record({ kind: 'set', file: 'config.js', path: 'subject', value: "it's yes" });
    doc.record({ kind: 'set', file: 'config.js', path: 'localSubject', value: 'no' });
    expect(doc.toString()).toContain("    value: it's yes\n");
    expect(doc.toString()).toContain("    value: 'no'\n");
  });
});

describe('what record refuses', () => {
  it('an invalid intent: StateValidationError with the field', () => {
    const error = thrown(StateValidationError, () => parseState('').record({ kind: 'browser', browser: 'netscape', list: 'unsupported' }));
    expect(error.problems).toEqual([
      { code: 'unknown-value', message: 'unknown browser "netscape": use one of chrome, chromium, edge, electron, firefox, nwjs, opera, safari, webkit', path: 'intent.browser' },
    ]);
    expect(error.message).toBe('intent.browser: unknown browser "netscape": use one of chrome, chromium, edge, electron, firefox, nwjs, opera, safari, webkit');
  });

  it('a secure domain for another host than the file is for', () => {
    const doc = parseState('version: 1\nhost: meet.example.com\n');
    const error = thrown(StateValidationError, () => doc.record({ kind: 'secure-domain', host: 'video.example.com' }));
    expect([error.problem, error.message]).toEqual(['contradiction', 'intent: the secure domain is for video.example.com, but the state file is for host meet.example.com']);
    expect(doc.changed).toBe(false);
  });

  it('a host that is not a host name; a host that contradicts the secure domain', () => {
    const doc = parseState('version: 1\nintents:\n  - kind: secure-domain\n    host: meet.example.com\n');
    expect(thrown(StateValidationError, () => doc.setHost('Meet')).problem).toBe('bad-host');
    const error = thrown(StateValidationError, () => doc.setHost('video.example.com'));
    expect([error.problem, error.position]).toEqual(['contradiction', { line: 3, column: 5, offset: 24 }]);
    expect(doc.toString()).toBe('version: 1\nintents:\n  - kind: secure-domain\n    host: meet.example.com\n');
  });
});
