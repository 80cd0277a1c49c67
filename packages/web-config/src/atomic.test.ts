/**
 * Every operation of both documents is all or nothing: one that fails (here, each after it has
 * already changed part of the text) leaves the text, the edit list and `changed` as they were
 * before it, and the document stays usable.
 */
import { UnsupportedEditError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/support/errors.js';
import { type InterfaceConfig, type MeetConfig, parseInterfaceConfig, parseMeetConfig } from './index.js';

type Doc = MeetConfig | InterfaceConfig;

interface Case {
  name: string;
  text: string;
  parse: (text: string) => Doc;
  /** A successful operation first, so that there are edits to keep. */
  before: (d: Doc) => unknown;
  /** The operation that fails part way. */
  failing: (d: Doc) => unknown;
  /** What the failing operation would have done first: done alone, it succeeds and changes the text. */
  firstPart: (d: Doc) => unknown;
  message: RegExp;
}

const meet = (t: string): Doc => parseMeetConfig(t);
const ui = (t: string): Doc => parseInterfaceConfig(t);

const CASES: Case[] = [
  {
    name: 'MeetConfig.set of an object, key by key: the second key would drop a part a later statement writes',
    text: 'var config = {\n    a: { c: 1, b: { x: 0 } }\n};\nconfig.a.b.y = 1;\n',
    parse: meet,
    before: (d) => d.set('resolution', 720),
    failing: (d) => d.set('a', { c: 2, b: { x: 1 } }),
    firstPart: (d) => d.set('a.c', 2),
    message: /^Cannot set a\.b: a later assignment to config\.a\.b\.y changes part of it; edit that one instead/,
  },
  {
    name: 'MeetConfig.delete of every writer: the second is part of a larger statement',
    text: 'var config = {\n    a: { x: 1 }\n};\nconfig.a.y = config.b = 2;\nconfig.a.z = 3;\n',
    parse: meet,
    before: (d) => d.set('hosts', { domain: 'meet.example.com' }),
    failing: (d) => d.delete('a'),
    firstPart: (d) => d.delete('a.z'),
    message: /^Cannot delete a: config\.a\.y is written inside a larger statement; edit it by hand/,
  },
  {
    name: 'InterfaceConfig.moveBrowser: out of OPTIMAL_BROWSERS, then the target is not literal',
    text: "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: [].concat([])\n};\n",
    parse: ui,
    before: (d) => d.set('APP_NAME', 'Meet'),
    failing: (d) => (d as InterfaceConfig).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'),
    firstPart: (d) => d.removeFromArray('OPTIMAL_BROWSERS', 'firefox'),
    message: /^Cannot add to UNSUPPORTED_BROWSERS: interfaceConfig\.UNSUPPORTED_BROWSERS is a function call, not a literal value/,
  },
  {
    name: 'InterfaceConfig.set of an object, key by key',
    text: "var interfaceConfig = {\n    MOBILE_DYNAMIC_LINK: { APN: 'org.jitsi.meet', IBI: { x: 0 } }\n};\ninterfaceConfig.MOBILE_DYNAMIC_LINK.IBI.y = 1;\n",
    parse: ui,
    before: (d) => d.set('APP_NAME', 'Meet'),
    failing: (d) => d.set('MOBILE_DYNAMIC_LINK', { APN: 'x', IBI: { x: 1 } }),
    firstPart: (d) => d.set('MOBILE_DYNAMIC_LINK.APN', 'x'),
    message: /^Cannot set MOBILE_DYNAMIC_LINK\.IBI: a later assignment to interfaceConfig\.MOBILE_DYNAMIC_LINK\.IBI\.y changes part of it/,
  },
  {
    name: 'InterfaceConfig.delete of every writer: the second is part of a larger statement',
    text: "var interfaceConfig = { APP_NAME: 'Meet' };\ninterfaceConfig.MOBILE_DYNAMIC_LINK = {};\ninterfaceConfig.MOBILE_DYNAMIC_LINK.IBI = interfaceConfig.B = 2;\ninterfaceConfig.MOBILE_DYNAMIC_LINK.APN = 'x';\n",
    parse: ui,
    before: (d) => d.set('SHOW_POWERED_BY', true),
    failing: (d) => d.delete('MOBILE_DYNAMIC_LINK'),
    firstPart: (d) => d.delete('MOBILE_DYNAMIC_LINK.APN'),
    message: /^Cannot delete MOBILE_DYNAMIC_LINK: interfaceConfig\.MOBILE_DYNAMIC_LINK\.IBI is written inside a larger statement/,
  },
];

/** Operations made of one edit: refused before anything changes. */
const SINGLE: [string, string, (t: string) => Doc, (d: Doc) => unknown, (d: Doc) => unknown, RegExp][] = [
  [
    'MeetConfig.addToArray on a list a later statement changes',
    "var config = { toolbarButtons: ['camera'] };\nconfig.toolbarButtons[1] = 'chat';\n",
    meet,
    (d) => d.set('resolution', 720),
    (d) => d.addToArray('toolbarButtons', 'hangup'),
    /^Cannot add to toolbarButtons: a later assignment to config\.toolbarButtons\.1 changes part of it/,
  ],
  [
    'MeetConfig.removeFromArray of a list that is not literal',
    "var config = { toolbarButtons: ['camera'].concat(['chat']) };\n",
    meet,
    (d) => d.set('resolution', 720),
    (d) => d.removeFromArray('toolbarButtons', 'chat'),
    /^Cannot remove from toolbarButtons: config\.toolbarButtons is a function call, not a literal value/,
  ],
  [
    'MeetConfig.set below a value that is not literal',
    'var config = { hosts: getHosts() };\n',
    meet,
    (d) => d.set('resolution', 720),
    (d) => d.set('hosts.muc', 'muc.example.com'),
    /^Cannot set hosts\.muc: config\.hosts is a function call, not a literal value/,
  ],
  [
    'InterfaceConfig.addToArray in an overlay that does not set the list',
    "interfaceConfig.APP_NAME = 'Meet';\n",
    ui,
    (d) => d.set('SHOW_POWERED_BY', true),
    (d) => d.addToArray('TOOLBAR_BUTTONS', 'chat'),
    /^Cannot add to TOOLBAR_BUTTONS: this overlay does not set interfaceConfig\.TOOLBAR_BUTTONS/,
  ],
  [
    'InterfaceConfig.removeFromArray in an overlay that does not set the list',
    "interfaceConfig.APP_NAME = 'Meet';\n",
    ui,
    (d) => d.set('SHOW_POWERED_BY', true),
    (d) => d.removeFromArray('TOOLBAR_BUTTONS', 'chat'),
    /^Cannot remove from TOOLBAR_BUTTONS: this overlay does not set/,
  ],
  [
    'InterfaceConfig.moveBrowser in an overlay without the lists',
    "interfaceConfig.APP_NAME = 'Meet';\n",
    ui,
    (d) => d.set('SHOW_POWERED_BY', true),
    (d) => (d as InterfaceConfig).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'),
    /^This overlay sets neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS/,
  ],
];

describe('a failing operation leaves the document as it was', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // The first part of the operation works on its own: the failure comes after a change.
    const alone = c.parse(c.text);
    c.firstPart(alone);
    expect(alone.changed).toBe(true);

    const doc = c.parse(c.text);
    c.before(doc);
    const text = doc.toString();
    const edits = doc.edits;
    expect(doc.changed).toBe(true);
    const error = thrown(UnsupportedEditError, () => c.failing(doc));
    expect(error.message).toMatch(c.message);
    expect(doc.toString() === text).toBe(true);
    expect(doc.edits).toEqual(edits);
    expect(doc.changed).toBe(true);
    // Still usable, from where it was.
    c.firstPart(doc);
    const fresh = c.parse(text);
    c.firstPart(fresh);
    expect(doc.toString()).toBe(fresh.toString());
  });

  it.each(SINGLE)('%s', (_name, text, parse, before, failing, message) => {
    const doc = parse(text);
    before(doc);
    const after = doc.toString();
    const edits = doc.edits;
    expect(thrown(UnsupportedEditError, () => failing(doc)).message).toMatch(message);
    expect(doc.toString() === after).toBe(true);
    expect(doc.edits).toEqual(edits);
    expect(doc.changed).toBe(true);
  });

  it('a failing operation on an unchanged document leaves it unchanged', () => {
    const c = CASES[0]!;
    const doc = c.parse(c.text);
    thrown(UnsupportedEditError, () => c.failing(doc));
    expect(doc.changed).toBe(false);
    expect(doc.edits).toEqual([]);
    expect(doc.toString() === c.text).toBe(true);
  });
});
