/**
 * Documents on core's edit session: batch() gives the text and edits of the same operations one
 * by one, at the cost of one whole-file parse where they are independent; edits verified locally
 * cost no whole parse; a batch is all or nothing; both documents are core's EditableDocument.
 */
import { type EditableDocument, UnsupportedEditError } from '@jitsi-confkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { thrown } from '../../../test/support/errors.js';
import { BROWSERS, type InterfaceConfig, type JsValue, type MeetConfig, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { parseScript } from './parse.js';
import { seededRandom } from '../../../test/support/random.js';

vi.mock('./parse.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./parse.js')>();
  return { parseScript: vi.fn(original.parseScript) };
});
const parses = vi.mocked(parseScript);
afterEach(() => parses.mockClear());

/** The whole-file parses `fn` makes. */
function parsesOf(fn: () => unknown): number {
  parses.mockClear();
  fn();
  return parses.mock.calls.length;
}

const KEYS = 3000;
const BIG = ['var config = {', ...Array.from({ length: KEYS }, (_, i) => `    key${i}: 'value ${i}',`), '};', ''].join('\n');

describe('what an operation costs in whole-file parses', () => {
  it('1,000 sets of distinct existing keys of a 3,000-key config.js in one batch: the first parse and one more', () => {
    let doc: MeetConfig | undefined;
    expect(
      parsesOf(() => {
        doc = parseMeetConfig(BIG).batch((d) => {
          for (let k = 0; k < 1000; k++) d.set(`key${(k * 7) % KEYS}`, `edited ${k}`);
        });
      }),
    ).toBe(2);
    const one = parseMeetConfig(BIG);
    for (let k = 0; k < 1000; k++) one.set(`key${(k * 7) % KEYS}`, `edited ${k}`);
    expect(doc!.toString() === one.toString()).toBe(true);
    expect(doc!.edits).toEqual(one.edits);
  });

  it('a value replaced, a key added inside an object and a browser moved are verified without parsing the file again', () => {
    const meet = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n    resolution: 720,\n};\n";
    const ui = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";
    const doc = parseMeetConfig(meet);
    expect(parsesOf(() => doc.set('resolution', 1080).set('hosts.anonymousdomain', 'guest.meet.example.com'))).toBe(0);
    expect(doc.toString()).toBe(meet.replace('720', '1080').replace("example.com',\n    }", "example.com',\n        anonymousdomain: 'guest.meet.example.com',\n    }"));
    const interfaceConfig = parseInterfaceConfig(ui);
    expect(parsesOf(() => interfaceConfig.moveBrowser('firefox', 'UNSUPPORTED_BROWSERS'))).toBe(0);
    expect(interfaceConfig.browserLists()).toEqual({ optimal: ['chrome'], unsupported: ['firefox'] });
  });

  it('a new statement is verified by parsing the file again', () => {
    const doc = parseMeetConfig("var config = {};\nconfig.hosts = {};\nconfig.hosts.domain = 'meet.example.com';\n");
    expect(parsesOf(() => doc.set('hosts.muc', 'conference.meet.example.com'))).toBe(1);
  });

  it('operations that depend on each other in a batch: the later one is planned on the result of the earlier', () => {
    const text = `var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n${BIG.slice(15, 2000)}};\n`;
    const doc = parseMeetConfig(text);
    // Two keys added to one object: the second goes after the first. Both are verified in place
    // (hosts is small), the first when the second is planned, the second when the batch ends.
    expect(parsesOf(() => doc.batch((d) => d.set('hosts.muc', 'muc.example.com').set('hosts.focus', 'focus.example.com')))).toBe(0);
    // (The keys are sorted once muc is in: focus goes at its place, before muc, as one by one.)
    expect(doc.toString()).toBe(text.replace("example.com',\n    }", "example.com',\n        focus: 'focus.example.com',\n        muc: 'muc.example.com',\n    }"));
    // Keys added to the object that is the whole file: each is planned after the one before it.
    const small = parseMeetConfig('var config = {\n    a: 1,\n};\n');
    small.batch((d) => d.set('b', 2).set('c', 3));
    expect(small.toString()).toBe('var config = {\n    a: 1,\n    b: 2,\n    c: 3,\n};\n');
  });
});

describe('batch()', () => {
  it('is all or nothing: an operation that is refused fails the whole batch, and the document stays usable', () => {
    const text = 'var config = {\n    resolution: 720,\n    hosts: getHosts(),\n};\n';
    const doc = parseMeetConfig(text).set('subject', 'Meet');
    const before = { text: doc.toString(), edits: doc.edits };
    const error = thrown(UnsupportedEditError, () =>
      doc.batch((d) => {
        d.set('resolution', 1080).set('p2p', { enabled: false });
        d.set('hosts.muc', 'muc.example.com');
      }),
    );
    expect(error.message).toMatch(/^Cannot set hosts\.muc: config\.hosts is a function call/);
    expect(doc.toString() === before.text).toBe(true);
    expect(doc.edits).toEqual(before.edits);
    expect(doc.set('resolution', 1080).get('resolution')).toBe(1080);
  });

  it('plans a key added to an object after a pending one that changed what the object says (it is no longer sorted)', () => {
    // z goes below its commented-out example, between a and c: the keys are no longer sorted, so
    // b goes last, as one by one; planned on the text without z it would go between a and c.
    const text = 'var config = {\n    hosts: {\n        a: 1,\n        // z: 0,\n        c: 3,\n    },\n};\n';
    const oneByOne = parseMeetConfig(text).set('hosts.z', 26).set('hosts.b', 2);
    const batched = parseMeetConfig(text).batch((d) => d.set('hosts.z', 26).set('hosts.b', 2));
    expect(oneByOne.toString()).toBe('var config = {\n    hosts: {\n        a: 1,\n        // z: 0,\n        z: 26,\n        c: 3,\n        b: 2,\n    },\n};\n');
    expect(batched.toString()).toBe(oneByOne.toString());
    expect(batched.edits).toEqual(oneByOne.edits);
  });

  it('reads its own writes', () => {
    const doc = parseMeetConfig('var config = {};\n');
    doc.batch((d) => {
      d.set('hosts', { domain: 'meet.example.com' });
      expect(d.get('hosts.domain')).toBe('meet.example.com');
      d.set('hosts.anonymousdomain', `guest.${String(d.get('hosts.domain'))}`);
    });
    expect(doc.get('hosts')).toEqual({ domain: 'meet.example.com', anonymousdomain: 'guest.meet.example.com' });
  });
});

type Doc = MeetConfig | InterfaceConfig;
type Operation = (doc: Doc) => unknown;

/** Random operations on the paths of a real file: sets of existing and new keys, deletes, list edits, browser moves. */
function operations(doc: Doc, seed: number, count: number): Operation[] {
  const random = seededRandom(seed);
  // The file's own keys (those written at the first level of indentation), and new ones.
  const keys = [...doc.toString().matchAll(/^ {4}([A-Za-z_$][\w$]*):/gm)].map((m) => m[1]!).slice(0, 60);
  const values: JsValue[] = ['x', 1, true, null, ['a'], { b: 2 }];
  const out: Operation[] = [];
  for (let i = 0; i < count; i++) {
    const key = keys.length > 0 && random.int(3) > 0 ? random.pick(keys) : `zzNew${random.int(4)}`;
    const v = random.pick(values);
    switch (random.int(6)) {
      case 0:
      case 1:
        out.push((d) => d.set(key, v));
        break;
      case 2:
        out.push((d) => d.delete(key));
        break;
      case 3:
        out.push((d) => d.addToArray(key, 'zz-item'));
        break;
      case 4:
        out.push((d) => d.removeFromArray(key, 'zz-item'));
        break;
      default: {
        // Drawn now: both runs must make the same operations.
        const browser = random.pick(BROWSERS);
        const list = random.pick(['OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS'] as const);
        out.push((d) => (d.kind === 'interfaceConfig' ? d.moveBrowser(browser, list) : d.set(`${key}Twin`, v)));
      }
    }
  }
  return out;
}

/** Runs each operation; a refusal is part of the result (the document is left as it was). */
function run(doc: Doc, ops: readonly Operation[]): string[] {
  return ops.map((op) => {
    try {
      op(doc);
      return 'ok';
    } catch (error) {
      return (error as Error).message;
    }
  });
}

const available = corpusAvailable();
const files = available
  ? [...corpusFiles('config', ['.js']).map((f) => ['config', f] as const), ...corpusFiles('interface_config', ['.js']).map((f) => ['interfaceConfig', f] as const)]
  : [];

describe.skipIf(!available)('a batch gives the text and edits of its operations one by one, on every real file', () => {
  it.each(files.map(([root, rel], i) => [rel, root, i] as const))('%s', (rel, root, i) => {
    const text = readCorpus(rel);
    const parse = (t: string): Doc => (root === 'config' ? parseMeetConfig(t) : parseInterfaceConfig(t));
    let probe: Doc;
    try {
      probe = parse(text);
    } catch {
      return; // The file this package refuses.
    }
    let compared = 0;
    for (let round = 0; round < 6; round++) {
      const ops = operations(probe, 1000 * i + round, 8);
      const oneByOne = parse(text);
      const results = run(oneByOne, ops);
      const batched = parse(text);
      let batchResults: string[] = [];
      try {
        batched.batch((d) => {
          batchResults = run(d, ops);
        });
      } catch {
        // An operation that failed after it had changed part of the text fails the batch: all of
        // it is undone, as one by one only that operation is.
        expect(batched.toString() === text).toBe(true);
        continue;
      }
      expect(batchResults, `${rel} round ${round}`).toEqual(results);
      expect(batched.toString(), `${rel} round ${round}: same text`).toBe(oneByOne.toString());
      expect(batched.edits).toEqual(oneByOne.edits);
      expectEditInvariants(text, batched.edits, batched.toString());
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});

describe('EditableDocument', () => {
  it('is what both documents are: kind, get, has, set, delete, changed, edits, toString', () => {
    const edit = (doc: EditableDocument<JsValue>, path: string): [string, JsValue | undefined, boolean, boolean, string] => {
      doc.set(path, 'x');
      const read = doc.get(path);
      const has = doc.has(path);
      doc.delete(path);
      return [doc.kind, read, has, doc.changed || doc.edits.length > 0, doc.toString()];
    };
    const meet = 'var config = {\n    a: 1,\n};\n';
    const ui = 'var interfaceConfig = {\n    A: 1,\n};\n';
    expect(edit(parseMeetConfig(meet), 'b')).toEqual(['meetConfig', 'x', true, false, meet]);
    expect(edit(parseInterfaceConfig(ui), 'APP_NAME')).toEqual(['interfaceConfig', 'x', true, false, ui]);
  });
});
