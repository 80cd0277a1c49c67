/**
 * Undo is byte-exact: on every real config.js and interface_config.js (as stored, with CRLF line
 * endings, and without its final newline), each kind of operation that adds something followed by
 * the operation that removes it again gives back the input byte for byte, with no edits left:
 * a new key set then deleted (a string, a list, an object; at the top level and in each nested
 * object), an element added to each list then removed, a list created by addToArray then deleted,
 * and a browser moved out of OPTIMAL_BROWSERS and back. Every intermediate text is checked in node:vm.
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { BROWSERS, type InterfaceConfig, type JsValue, type MeetConfig, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

const available = corpusAvailable();
const INVALID = 'config/wild/shcare-docker-2023-09-assignment-style-guest.js';
/** How many nested objects and lists of each file the sweep takes (evenly spread); JITSI_CONFKIT_SWEEP=full takes all. */
const PER_FILE = process.env.JITSI_CONFKIT_SWEEP === 'full' ? Infinity : 6;

type Root = 'config' | 'interfaceConfig';
type Doc = MeetConfig | InterfaceConfig;
type Variant = 'as stored' | 'CRLF' | 'no final newline';

const files: [Root, string][] = available
  ? [
      ...corpusFiles('config', ['.js'])
        .filter((f) => f !== INVALID)
        .map((f): [Root, string] => ['config', f]),
      ...corpusFiles('interface_config', ['.js']).map((f): [Root, string] => ['interfaceConfig', f]),
    ]
  : [];
const VARIANTS: Variant[] = ['as stored', 'CRLF', 'no final newline'];
const cases = files.flatMap(([root, rel]) => VARIANTS.map((variant) => [root, rel, variant] as const));

function variantOf(text: string, variant: Variant): string {
  if (variant === 'CRLF') return text.replace(/\r?\n/g, '\r\n');
  if (variant === 'no final newline') return text.replace(/(?:\r?\n)+$/, '');
  return text;
}

function sample<T>(items: readonly T[]): T[] {
  const stride = Math.max(1, Math.ceil(items.length / PER_FILE));
  return items.filter((_, i) => i % stride === 0);
}

/** Paths (dotted) of the objects and of the lists in `value`, below `prefix`. */
function containers(value: unknown, prefix: string[], out: { objects: string[][]; lists: string[][] }): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    out.lists.push(prefix);
    return;
  }
  if (prefix.length > 0) out.objects.push(prefix);
  for (const [k, v] of Object.entries(value)) if (/^[A-Za-z_$][\w$]*$/.test(k)) containers(v, [...prefix, k], out);
}

describe.skipIf(!available)('real corpus: removing what was added gives back the bytes', () => {
  it.each(cases)('%s %s (%s)', (root, rel, variant) => {
    const text = variantOf(readCorpus(rel), variant);
    const parse = (t: string): Doc => (root === 'config' ? parseMeetConfig(t) : parseInterfaceConfig(t));
    const before = evaluateConfig(text, root);
    let steps = 0;
    /** Runs `add`, checks the result in node:vm, runs `remove`, and expects the input back exactly. */
    const roundTrip = (what: string, add: (d: Doc) => unknown, remove: (d: Doc) => unknown): void => {
      const doc = parse(text);
      try {
        add(doc);
      } catch (error) {
        // A documented refusal (a value that is not literal, a key type) is no round trip to check.
        if ((error as Error).name === 'UnsupportedEditError' || (error as Error).name === 'ValidationError') return;
        throw error;
      }
      expectEditInvariants(text, doc.edits, doc.toString());
      expect(doc.changed, `${what}: changed`).toBe(true);
      expect(() => evaluateConfig(doc.toString(), root), what).not.toThrow();
      remove(doc);
      expect(doc.toString() === text, `${rel} (${variant}): ${what} then undone gives back the bytes`).toBe(true);
      expect(doc.edits, what).toEqual([]);
      expect(doc.changed).toBe(false);
      steps++;
    };

    const values: JsValue[] = ['zz new', ['zz', 1], { zz: [true, null] }];
    for (const value of values) {
      roundTrip(
        `set a new top-level key to ${JSON.stringify(value)}`,
        (d) => d.set('zzNewKey', value),
        (d) => d.delete('zzNewKey'),
      );
    }
    const found = { objects: [] as string[][], lists: [] as string[][] };
    containers(before, [], found);
    for (const keys of sample(found.objects)) {
      const path = [...keys, 'zzNewKey'].join('.');
      roundTrip(
        `set ${path}`,
        (d) => d.set(path, 'zz'),
        (d) => d.delete(path),
      );
    }
    roundTrip(
      'set a key below a new object',
      (d) => d.set('zzNewObject.a.b', 1),
      (d) => d.delete('zzNewObject'),
    );
    for (const keys of sample(found.lists)) {
      const path = keys.join('.');
      const item: JsValue = path.endsWith('_BROWSERS') ? (BROWSERS.find((b) => !(before[path] as string[]).includes(b)) ?? 'webkit') : 'zz-new';
      roundTrip(
        `addToArray ${path}`,
        (d) => d.addToArray(path, item),
        (d) => d.removeFromArray(path, item),
      );
    }
    roundTrip(
      'addToArray creates a list',
      (d) => d.addToArray('zzNewList', 'a'),
      (d) => d.delete('zzNewList'),
    );
    if (root === 'interfaceConfig') {
      const optimal = before.OPTIMAL_BROWSERS as string[] | undefined;
      const unsupported = before.UNSUPPORTED_BROWSERS as string[] | undefined;
      if (optimal?.includes('firefox') && unsupported && !unsupported.includes('firefox')) {
        roundTrip(
          'moveBrowser firefox out of OPTIMAL_BROWSERS and back',
          (d) => (d as InterfaceConfig).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'),
          (d) => (d as InterfaceConfig).moveBrowser('firefox', 'OPTIMAL_BROWSERS'),
        );
      }
    }
    expect(steps).toBeGreaterThanOrEqual(5);
  });
});

describe('own cases: removing what was added gives back the bytes', () => {
  const CASES: [string, string, (d: MeetConfig) => unknown, (d: MeetConfig) => unknown][] = [
    ['assignments, no final newline', "var config = {};\nconfig.hosts = {};\nconfig.hosts.domain = 'x';", (d) => d.set('bosh', '/b'), (d) => d.delete('bosh')],
    [
      'assignments, CRLF, no final newline',
      "var config = {};\r\nconfig.hosts = {};\r\nconfig.hosts.domain = 'x';",
      (d) => d.set('hosts.muc', 'muc.x'),
      (d) => d.delete('hosts.muc'),
    ],
    ['assignments, tabs, trailing comment, no final newline', 'var config = {};\n\tconfig.a = 1; // one', (d) => d.set('b', [1]), (d) => d.delete('b')],
    ['an empty object literal', 'var config = {};\n', (d) => d.set('a', { b: 1 }), (d) => d.delete('a')],
    ['an empty object with a space', 'var config = { o: { } };', (d) => d.set('o.k', 1), (d) => d.delete('o.k')],
    ['an empty object over lines', 'var config = {\n\to: {\n\n\t}\n};\n', (d) => d.set('o.k', 'v'), (d) => d.delete('o.k')],
    ['an empty list with a space', "var config = { l: [ ], m: ['a'] };", (d) => d.addToArray('l', 'x'), (d) => d.removeFromArray('l', 'x')],
    ['an empty list over lines, CRLF', 'var config = {\r\n    l: [\r\n    ]\r\n};', (d) => d.addToArray('l', 1), (d) => d.removeFromArray('l', 1)],
    ['a list that had one element, emptied and filled again', "var config = { l: [ 'a' ] };", (d) => d.removeFromArray('l', 'a'), (d) => d.addToArray('l', 'a')],
  ];

  it.each(CASES)('%s', (_name, text, add, remove) => {
    const doc = parseMeetConfig(text);
    add(doc);
    expectEditInvariants(text, doc.edits, doc.toString());
    expect(doc.toString() === text).toBe(false);
    remove(doc);
    expect(JSON.stringify(doc.toString())).toBe(JSON.stringify(text));
    expect(doc.edits).toEqual([]);
  });

  it('a list that was empty in the input but is not any more is emptied as `[]`', () => {
    // Only the input's own brackets get their whitespace back; a fresh list has none to get back.
    const doc = parseMeetConfig("var config = { l: [ 'a' ] };").removeFromArray('l', 'a');
    expect(doc.toString()).toBe('var config = { l: [] };');
  });
});
