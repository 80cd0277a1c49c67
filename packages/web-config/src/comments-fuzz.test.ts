/**
 * Real files with a comment between every pair of tokens (block comments, line comments, and
 * block comments that hold separators): every operation must still succeed and evaluate, in
 * node:vm, to exactly the intended object.
 */
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { type InterfaceConfig, type MeetConfig, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

const available = corpusAvailable();
type Data = Record<string, unknown>;

/** `text` with `comment(i)` inserted before token i (i >= 1). */
function commented(text: string, comment: (i: number) => string): string {
  const tokens = parse(text, { tokens: true }).tokens as { start: number; end: number }[];
  let out = '';
  let last = 0;
  tokens.forEach((t, i) => {
    out += text.slice(last, t.start) + (i > 0 ? comment(i) : '') + text.slice(t.start, t.end);
    last = t.end;
  });
  return out + text.slice(last);
}

const STYLES: [string, (i: number) => string][] = [
  ['block', (i) => `/*${i}*/`],
  ['line', (i) => `// ${i}\n`],
  ['separators', (i) => `/* , ] } ${i} */ `],
];

const without = (o: Data, key: string): Data => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const toolbar = (o: Data): string[] => o.TOOLBAR_BUTTONS as string[];

const INTERFACE_OPS: [string, (d: InterfaceConfig) => unknown, (o: Data) => Data][] = [
  [
    'moveBrowser',
    (d) => d.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'),
    (o) => ({
      ...o,
      OPTIMAL_BROWSERS: (o.OPTIMAL_BROWSERS as string[]).filter((b) => b !== 'firefox'),
      UNSUPPORTED_BROWSERS: [...(o.UNSUPPORTED_BROWSERS as string[]), 'firefox'],
    }),
  ],
  ['set a new key', (d) => d.set('HIDE_KICK_BUTTON_FOR_GUESTS', true), (o) => ({ ...o, HIDE_KICK_BUTTON_FOR_GUESTS: true })],
  ['delete', (d) => d.delete('TOOLBAR_BUTTONS'), (o) => without(o, 'TOOLBAR_BUTTONS')],
  ['remove the first element', (d) => d.removeFromArray('TOOLBAR_BUTTONS', 'microphone'), (o) => ({ ...o, TOOLBAR_BUTTONS: toolbar(o).slice(1) })],
  ['remove the last element', (d) => d.removeFromArray('TOOLBAR_BUTTONS', 'e2ee'), (o) => ({ ...o, TOOLBAR_BUTTONS: toolbar(o).slice(0, -1) })],
  ['add an element', (d) => d.addToArray('TOOLBAR_BUTTONS', 'zz'), (o) => ({ ...o, TOOLBAR_BUTTONS: [...toolbar(o), 'zz'] })],
  ['set the whole array', (d) => d.set('TOOLBAR_BUTTONS', ['chat', 'hangup']), (o) => ({ ...o, TOOLBAR_BUTTONS: ['chat', 'hangup'] })],
];

const MEET_OPS: [string, (d: MeetConfig) => unknown, (o: Data) => Data][] = [
  [
    'set hosts.anonymousdomain',
    (d) => d.set('hosts.anonymousdomain', 'guest.example.com'),
    (o) => ({ ...o, hosts: { ...(o.hosts as Data), anonymousdomain: 'guest.example.com' } }),
  ],
  ['delete hosts.muc', (d) => d.delete('hosts.muc'), (o) => ({ ...o, hosts: without(o.hosts as Data, 'muc') })],
  ['set p2p.enabled', (d) => d.set('p2p.enabled', false), (o) => ({ ...o, p2p: { ...(o.p2p as Data), enabled: false } })],
];

describe.skipIf(!available)('a comment between every pair of tokens', () => {
  const ui = 'interface_config/jitsi-meet-2020-05-stable-4548.js';
  const meet = 'config/jitsi-meet-2021-01-stable-5390.js';

  it('the files have what the operations expect', () => {
    const o = evaluateConfig(readCorpus(ui), 'interfaceConfig');
    expect([toolbar(o)[0], toolbar(o).at(-1)]).toEqual(['microphone', 'e2ee']);
  });

  for (const [style, comment] of STYLES) {
    it.each(INTERFACE_OPS)(`${style} comments, interface_config.js: %s`, (_name, op, expected) => {
      const text = commented(readCorpus(ui), comment);
      const doc = parseInterfaceConfig(text);
      op(doc);
      expectEditInvariants(text, doc.edits, doc.toString());
      expect(evaluateConfig(doc.toString(), 'interfaceConfig')).toEqual(expected(evaluateConfig(text, 'interfaceConfig')));
    });

    it.each(MEET_OPS)(`${style} comments, config.js: %s`, (_name, op, expected) => {
      const text = commented(readCorpus(meet), comment);
      const doc = parseMeetConfig(text);
      op(doc);
      expectEditInvariants(text, doc.edits, doc.toString());
      expect(evaluateConfig(doc.toString(), 'config')).toEqual(expected(evaluateConfig(text, 'config')));
    });
  }
});
