/**
 * Undo is byte-exact: setting a new key and then deleting it (each on the text as written, as two
 * runs of a tool would) gives back the original bytes. For a path that needed new objects, the
 * key deleted is the first one the set created (delete() never removes an object it was not
 * asked to, so an object it empties stays). On layouts written for this test (with and
 * without a final newline, CRLF, tabs, braces on their own lines, one-line blocks, dotted keys,
 * comments, a braced root, trailing includes; for .properties, separators, continuations left
 * open at the end, comments) and on every real jicofo.conf, sip-communicator.properties and
 * .env file of the corpus, for every object of each file.
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { pathText } from './hocon/format.js';
import { parseJicofoConf, parseProperties, type HoconInput, type HoconValue } from './index.js';
import { walk } from './test-support/paths.js';

const HOCON_LAYOUTS: Record<string, string> = {
  'nested, LF': 'jicofo {\n  xmpp {\n    client {\n      port = 5222\n    }\n  }\n}\n',
  'nested, CRLF': 'jicofo {\r\n  xmpp {\r\n    client {\r\n      port = 5222\r\n    }\r\n  }\r\n}\r\n',
  'no final newline': 'jicofo {\n  a = 1\n}',
  'no final newline, root fields': 'a = 1\nb = 2',
  'tabs and colons': 'jicofo: {\n\tbridge: {\n\t\tbrewery-jid: "JvbBrewery@internal.auth.meet.example.com"\n\t}\n}\n',
  'braces on their own lines': 'jicofo\n{\n    sctp\n    {\n        enabled = false\n    }\n}\n',
  'one-line blocks': 'jicofo { bridge { max-bridge-participants = 40 }, conference { enable-auto-owner = true } }\n',
  'dotted keys': 'jicofo.bridge.max-bridge-participants = 40\njicofo.sctp.enabled = false\n',
  'comments in and after blocks': '# Jicofo\njicofo {\n  // the bridge\n  bridge {\n    # no limit\n  }\n  a = 1 # one\n}\n# end\n',
  'a braced root': '{\n  jicofo {\n    a = 1\n  }\n}\n',
  'trailing include': 'jicofo {\n  a = 1\n}\ninclude "custom-jicofo.conf"\n',
  'blank lines at the end': 'jicofo {\n  a = 1\n}\n\n\n',
  'only a comment': '# nothing yet\n',
  'empty': '',
  'a value on the next line, CRLF, no final newline': 'a =\r\n  1\r\nb {\r\n  c = 2\r\n}',
};

const PROPERTIES_LAYOUTS: Record<string, string> = {
  'LF': 'org.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.meet.example.com\n',
  'CRLF': 'a=1\r\nb=2\r\n',
  'no final newline': 'a=1\nb=2',
  'spaced separator': 'a = 1\nb = 2\n',
  'colon separator, no final newline': 'a: 1\r\nb: 2',
  'comments': '# legacy\n! also a comment\na=1\n# end\n',
  'a continuation left open at the end': 'a=1\\\n',
  'a continuation left open, no final newline': 'a=1\\',
  'a continuation left open, CRLF': 'a=1\\\r\n',
  'a continuation over lines': 'a=one \\\n    two\nb=2\n',
  'empty': '',
  'blank lines at the end': 'a=1\n\n\n',
};

/** The paths of the objects of a HOCON text, the root ([]) first. */
function objectsOf(text: string): string[][] {
  const leaves: [string[], HoconValue][] = [];
  const objects: string[][] = [];
  walk(parseJicofoConf(text), [], leaves, objects);
  return [[], ...objects];
}

/** The new paths tried under each object: a key, a key in a new object, a key two new objects down. */
const NEW_KEYS: [string[], HoconInput][] = [
  [['confkit-new'], 'meet.example.com'],
  [['confkit-obj', 'inner'], true],
  [['confkit-a', 'b', 'c'], 5],
];

/** Sets `path` (new), then deletes `first` (the first key the set created), each on the text as written. */
function hoconUndo(text: string, path: string[], value: HoconInput, first: string[]): { set: string; undone: string } {
  const set = parseJicofoConf(text).set(path, value);
  expectEditInvariants(text, set.edits, set.toString());
  expect(set.get(path)).toEqual(value);
  const undone = parseJicofoConf(set.toString()).delete(first);
  return { set: set.toString(), undone: undone.toString() };
}

function expectHoconUndo(text: string): number {
  let count = 0;
  for (const parent of objectsOf(text)) {
    for (const [rest, value] of NEW_KEYS) {
      const path = [...parent, ...rest];
      // The first new key: the new key itself, or the new object that holds the rest of the path.
      const first = [...parent, rest[0]!];
      const { set, undone } = hoconUndo(text, path, value, first);
      expect([pathText(path), set === text, undone]).toEqual([pathText(path), false, text]);
      count++;
    }
  }
  return count;
}

function expectPropertiesUndo(text: string): void {
  const set = parseProperties(text).set('confkit.new', 'XMPP:meet.example.com');
  expectEditInvariants(text, set.edits, set.toString());
  expect(set.toString()).not.toBe(text);
  expect(parseProperties(set.toString()).delete('confkit.new').toString()).toBe(text);
}

describe('set a new key, then delete it: the original bytes (HOCON)', () => {
  it.each(Object.entries(HOCON_LAYOUTS))('%s', (_name, text) => {
    expect(expectHoconUndo(text)).toBeGreaterThanOrEqual(NEW_KEYS.length);
  });
});

describe('set a new key, then delete it: the original bytes (.properties)', () => {
  it.each(Object.entries(PROPERTIES_LAYOUTS))('%s', (_name, text) => {
    expectPropertiesUndo(text);
  });
});

const available = corpusAvailable();

describe.skipIf(!available)('undo sweep over every real file', () => {
  const confs = available ? corpusFiles('jicofo', ['.conf']) : [];
  const properties = available ? corpusFiles('jicofo', ['.properties', '.env']) : [];

  it('finds the files', () => {
    expect(confs.length).toBeGreaterThanOrEqual(10);
    expect(properties.length).toBeGreaterThanOrEqual(8);
  });

  it.each(confs)('%s', (rel) => {
    const text = readCorpus(rel);
    for (const variant of [text, text.replace(/\r?\n/g, '\r\n'), text.replace(/\s+$/, '')]) {
      expect(expectHoconUndo(variant)).toBeGreaterThan(NEW_KEYS.length);
    }
  });

  it.each(properties)('%s', (rel) => {
    const text = readCorpus(rel);
    for (const variant of [text, text.replace(/\r?\n/g, '\r\n'), text.replace(/\s+$/, '')]) expectPropertiesUndo(variant);
  });
});
