/**
 * jitsi-meet's index.html inlines config.js (and the docker overlay appended to it) inside a
 * <script> element through nginx SSI: a value holding `</script>` would close the element and one
 * holding `<!--#…-->` would be run by nginx. Every string the library writes (values, keys,
 * multi-line templates, new assignments) is escaped for that context and reads back exactly.
 */
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { type JsValue, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { newScriptCloser } from './serialize.js';
import { evaluateConfig, evaluateIn } from './test-support/vm.js';

const HOSTILE = [
  '</script><script>alert(document.cookie)</script>',
  '</SCRIPT >',
  '</ScRiPt\t',
  '</style>',
  '<!--#exec cmd="id" -->',
  '<!--# echo var="subdomain" default="" -->',
  '<!--',
  '\'</script>"<!--`${x}`\\',
  'a\\</script',
  '<\u2028/script>',
  'x</script',
  '<!-- -->\r\n</script>',
];

/** Sequences a browser's HTML parser or nginx SSI would act on. */
const CLOSERS = /<\/(?:script|style)|<!--/i;

const LITERAL = `var config = {
    hosts: {
        domain: 'meet.example.com',
    },
    // defaultLanguage: 'en',
    subject: "Old subject",
    welcomePage: {
        title: \`first line
second line\`,
    },
    toolbarButtons: [ 'camera', 'chat' ],
};
`;

const ASSIGNMENTS = `var config = {};

config.hosts = {};
config.hosts.domain = 'meet.example.com';
config.subject = 'Old subject';
`;

const INTERFACE = `var interfaceConfig = {
    APP_NAME: 'Jitsi Meet',
    TOOLBAR_BUTTONS: [
        'microphone',
        'camera'
    ],
};
`;

type Doc = ReturnType<typeof parseMeetConfig> | ReturnType<typeof parseInterfaceConfig>;
const cases: [string, string, 'config' | 'interfaceConfig', (d: Doc, v: string) => unknown, (o: Record<string, unknown>, v: string) => Record<string, unknown>][] = [
  ['a new key', LITERAL, 'config', (d, v) => d.set('defaultLanguage', v), (o, v) => ({ ...o, defaultLanguage: v })],
  ['a double-quoted string replaced', LITERAL, 'config', (d, v) => d.set('subject', v), (o, v) => ({ ...o, subject: v })],
  ['a multi-line template replaced', LITERAL, 'config', (d, v) => d.set('welcomePage.title', `${v}\nline 2`), (o, v) => ({ ...o, welcomePage: { title: `${v}\nline 2` } })],
  ['an array element added', LITERAL, 'config', (d, v) => d.addToArray('toolbarButtons', v), (o, v) => ({ ...o, toolbarButtons: ['camera', 'chat', v] })],
  ['a whole array', LITERAL, 'config', (d, v) => d.set('toolbarButtons', [v, 'camera']), (o, v) => ({ ...o, toolbarButtons: [v, 'camera'] })],
  [
    'an object with the value as a key and as a value',
    LITERAL,
    'config',
    (d, v) => d.set('testing', { [v]: v, nested: [{ [v]: [v] }] }),
    (o, v) => ({ ...o, testing: { [v]: v, nested: [{ [v]: [v] }] } }),
  ],
  ['a key added to an existing object', LITERAL, 'config', (d, v) => d.set('welcomePage', { title: 'x', [v]: v }), (o, v) => ({ ...o, welcomePage: { title: 'x', [v]: v } })],
  ['a new assignment', ASSIGNMENTS, 'config', (d, v) => d.set('defaultLanguage', v), (o, v) => ({ ...o, defaultLanguage: v })],
  ['an assignment replaced', ASSIGNMENTS, 'config', (d, v) => d.set('subject', v), (o, v) => ({ ...o, subject: v })],
  ['an object assignment', ASSIGNMENTS, 'config', (d, v) => d.set('deploymentInfo', { [v]: [v, 1] }), (o, v) => ({ ...o, deploymentInfo: { [v]: [v, 1] } })],
  ['interface_config.js: a string set', INTERFACE, 'interfaceConfig', (d, v) => d.set('APP_NAME', v), (o, v) => ({ ...o, APP_NAME: v })],
  [
    'interface_config.js: a multi-line array element',
    INTERFACE,
    'interfaceConfig',
    (d, v) => d.addToArray('TOOLBAR_BUTTONS', v),
    (o, v) => ({ ...o, TOOLBAR_BUTTONS: ['microphone', 'camera', v] }),
  ],
];

describe('every string written is safe inside <script> and SSI, and reads back exactly', () => {
  for (const [name, text, root, op, expected] of cases) {
    it.each(HOSTILE)(`${name}: %j`, (value) => {
      const doc = root === 'config' ? parseMeetConfig(text) : parseInterfaceConfig(text);
      op(doc, value);
      const after = doc.toString();
      expectEditInvariants(text, doc.edits, after);
      expect(after).not.toMatch(CLOSERS);
      expect(() => parse(after, { sourceType: 'script' })).not.toThrow();
      expect(evaluateConfig(after, root)).toEqual(expected(evaluateConfig(text, root), value));
      // What the document reads back is what was written.
      const reread = root === 'config' ? parseMeetConfig(after) : parseInterfaceConfig(after);
      expect(reread.get(Object.keys(expected({}, value))[0]!)).toEqual(expected({}, value)[Object.keys(expected({}, value))[0]!] as JsValue);
    });
  }

  it('an existing SSI marker in the file stays as it is; only new text is escaped', () => {
    const text = 'var subdir = \'<!--# echo var="subdir" default="" -->\';\nvar config = {\n    bosh: \'/http-bind\',\n};\n';
    const doc = parseMeetConfig(text).set('websocket', '<!--#x-->');
    expect(doc.toString()).toBe(text.replace("'/http-bind',\n", "'/http-bind',\n    websocket: '\\x3C!--#x-->',\n"));
  });
});

describe('the check on the joins between new and old text', () => {
  it('finds a closer that an insertion completes with the text before it', () => {
    expect(newScriptCloser('a < b', [{ offset: 3, length: 0, content: '!-- ' }])).toBe(2);
    expect(newScriptCloser('x </ b', [{ offset: 4, length: 0, content: 'script' }])).toBe(2);
  });

  it('finds a closer that a removal joins', () => {
    // 'x </scr' + 'XXX' + 'ipt>' loses 'XXX' and becomes 'x </script>'.
    expect(newScriptCloser('x </scrXXXipt>', [{ offset: 7, length: 3, content: '' }])).toBe(2);
  });

  it('finds a closer made by two edits close to each other, at its place in the edited text', () => {
    expect(
      newScriptCloser('0123456789 <X-Y-', [
        { offset: 0, length: 10, content: '' },
        { offset: 12, length: 1, content: '!' },
        { offset: 14, length: 1, content: '-' },
      ]),
    ).toBe(1);
  });

  it('ignores closers that were there and that no edit touches', () => {
    expect(newScriptCloser('<!-- b', [{ offset: 6, length: 0, content: 'a' }])).toBeUndefined();
    expect(newScriptCloser('a <!-- b  ', [{ offset: 9, length: 0, content: ' ' }])).toBeUndefined();
  });
});

describe('-0 is written as -0', () => {
  const TEXT = 'var config = {\n    startAudioMuted: 0,\n    list: [ 1 ],\n};\n';

  it.each([
    ['a new key', (d: ReturnType<typeof parseMeetConfig>) => d.set('a', -0), 'config.a'],
    ['0 replaced by -0', (d: ReturnType<typeof parseMeetConfig>) => d.set('startAudioMuted', -0), 'config.startAudioMuted'],
    ['an array element', (d: ReturnType<typeof parseMeetConfig>) => d.addToArray('list', -0), 'config.list[1]'],
    ['inside an object', (d: ReturnType<typeof parseMeetConfig>) => d.set('o', { z: -0, l: [-0] }), 'config.o.l[0]'],
  ] as const)('%s', (_name, op, expression) => {
    const doc = parseMeetConfig(TEXT);
    op(doc);
    expectEditInvariants(TEXT, doc.edits, doc.toString());
    expect(doc.toString()).toContain('-0');
    expect(evaluateIn(doc.toString(), `Object.is(${expression}, -0)`)).toBe(true);
  });

  it('reads -0 back as -0, and setting 0 over -0 is a change', () => {
    const doc = parseMeetConfig(TEXT).set('startAudioMuted', -0);
    expect(Object.is(doc.get('startAudioMuted'), -0)).toBe(true);
    expect(parseMeetConfig(doc.toString()).set('startAudioMuted', -0).edits).toEqual([]);
    doc.set('startAudioMuted', 0);
    expect(doc.toString() === TEXT).toBe(true);
    expect(doc.edits).toEqual([]);
  });
});
