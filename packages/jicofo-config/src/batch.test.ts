/**
 * batch() on both documents: the operations of a batch give the text and the edits of the same
 * operations run one by one (a seeded property test over own layouts and every real file, so the
 * steps' footprints must name everything a planner reads), they cost one parse when no step
 * depends on another, and a batch is all or nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditVerificationError, type TextEdit } from '@jitsi-confkit/core';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { hoconKind } from './hocon/kind.js';
import { parseJicofoConf, parseProperties, type HoconDocument, type HoconInput, type HoconValue, type PropertiesDocument } from './index.js';
import { propertiesKind } from './properties/document.js';
import { generator, pick, type Rnd } from './test-support/fuzz.js';
import { walk } from './test-support/paths.js';

interface Outcome {
  text: string;
  edits: TextEdit[];
  error?: string;
}

/** Runs `ops` one by one on one document and as one batch on another: the same outcome. */
function expectSameOutcome<D extends HoconDocument | PropertiesDocument>(parse: (text: string) => D, text: string, ops: ((doc: D) => unknown)[], what: string): boolean {
  const one = parse(text);
  let failed: string | undefined;
  for (const op of ops) {
    try {
      op(one);
    } catch (error) {
      failed = (error as Error).message;
      break;
    }
  }
  const batched = parse(text);
  let batchError: string | undefined;
  try {
    batched.batch(() => ops.forEach((op) => op(batched)));
  } catch (error) {
    batchError = (error as Error).message;
  }
  if (failed !== undefined) {
    // One by one stops at the failing operation; the batch fails with the same error, and changes nothing.
    expect([what, batchError, batched.toString(), batched.edits]).toEqual([what, failed, text, []]);
    return false;
  }
  const outcome = (d: D): Outcome => ({ text: d.toString(), edits: d.edits });
  expect([what, batchError, outcome(batched)]).toEqual([what, undefined, outcome(one)]);
  return true;
}

const HOCON_LAYOUTS = [
  'jicofo {\n  authentication {\n    enabled = false\n    type = NONE\n  }\n  conference {\n    max-ssrcs-per-user = 20\n    initial-timeout = 15 seconds\n  }\n}\n',
  'jicofo: {\r\n\tbridge: {\r\n\t\tbrewery-jid: "JvbBrewery@internal.auth.meet.example.com"\r\n\t\tregions: [ "a", "b" ]\r\n\t}\r\n}\r\n',
  'jicofo.bridge.max-bridge-participants = 40\njicofo.sctp.enabled = false\nname = x\n',
  'jicofo { bridge { max-bridge-participants = 40 }, conference { enable-auto-owner = true } }\n',
  'jicofo\n{\n    sctp\n    {\n        enabled = false\n    }\n}\ninclude "custom-jicofo.conf"\n',
  'a = 1\nb = "two"\nc = three\nd = [1, 2]\ne { f = 1 }\n',
];

/** A value for a set: scalars of every kind and quoting, arrays, objects. */
function hoconValue(rnd: Rnd): HoconInput {
  return pick(rnd, [41, -0, 2.5, true, false, 'XMPP', 'meet.example.com', '20 seconds', 'true', '', 'a "q"', [1, 'x'], [], { k: 'v' }, { k: { m: 2 } }]);
}

/** A random operation on the paths of a HOCON text: set a leaf, a new key, an object, delete. */
function hoconOp(rnd: Rnd, leaves: string[][], objects: string[][]): [string, (d: HoconDocument) => unknown] {
  const parent = pick(rnd, [[], ...objects]);
  const value = hoconValue(rnd);
  switch (rnd(6)) {
    case 0:
    case 1: {
      const leaf = leaves.length > 0 ? pick(rnd, leaves) : ['x'];
      return [`set ${leaf.join('.')} ${JSON.stringify(value)}`, (d) => d.set(leaf, value)];
    }
    case 2: {
      const path = [...parent, pick(rnd, ['new', 'other', 'n2']), ...(rnd(2) === 0 ? ['inner'] : [])];
      return [`set ${path.join('.')} ${JSON.stringify(value)}`, (d) => d.set(path, value)];
    }
    case 3: {
      const path = parent.length > 0 ? parent : ['obj'];
      return [`set ${path.join('.')} {…}`, (d) => d.set(path, { p: 1, q: value })];
    }
    default: {
      const path = pick(rnd, [...leaves, ...objects, ['missing']]);
      return [`delete ${path.join('.')}`, (d) => d.delete(path)];
    }
  }
}

function hoconSequences(text: string, rnd: Rnd, rounds: number): { compared: number; failed: number } {
  const leaves: [string[], HoconValue][] = [];
  const objects: string[][] = [];
  walk(parseJicofoConf(text), [], leaves, objects);
  let compared = 0;
  let failed = 0;
  for (let round = 0; round < rounds; round++) {
    const ops = Array.from({ length: 1 + rnd(8) }, () =>
      hoconOp(
        rnd,
        leaves.map(([p]) => p),
        objects,
      ),
    );
    const what = `${JSON.stringify(text.slice(0, 40))}: ${ops.map(([name]) => name).join('; ')}`;
    if (
      expectSameOutcome(
        parseJicofoConf,
        text,
        ops.map(([, op]) => op),
        what,
      )
    )
      compared++;
    else failed++;
  }
  return { compared, failed };
}

describe('HoconDocument.batch: the same text and edits as one by one', () => {
  it.each(HOCON_LAYOUTS.map((text, i) => [i, text] as const))('layout %i, 60 random sequences', (i, text) => {
    const { compared } = hoconSequences(text, generator(20261205 + i), 60);
    expect(compared).toBeGreaterThan(20);
  });

  it.skipIf(!corpusAvailable())('every real jicofo.conf, 25 random sequences each', () => {
    const files = corpusFiles('jicofo', ['.conf']);
    expect(files.length).toBeGreaterThanOrEqual(10);
    const rnd = generator(20261206);
    for (const rel of files) expect([rel, hoconSequences(readCorpus(rel), rnd, 25).compared > 5]).toEqual([rel, true]);
  });
});

const PROPERTIES_LAYOUTS = [
  'org.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.meet.example.com\norg.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n',
  'a = 1\r\nb = 2\r\nc = 3',
  'a: one \\\n    two\nb\n# comment\nc=3\\\n',
  'x=1\n\\\n\ny=2\n',
  '',
];

function propertiesOp(rnd: Rnd, keys: string[]): [string, (d: PropertiesDocument) => unknown] {
  const key = pick(rnd, [...keys, 'new.key', 'other.key']);
  const value = pick(rnd, ['', 'XMPP:meet.example.com', ' lead', 'a\nb', 'é', '\\']);
  return rnd(3) === 0 ? [`delete ${key}`, (d) => d.delete(key)] : [`set ${key}=${JSON.stringify(value)}`, (d) => d.set(key, value)];
}

describe('PropertiesDocument.batch: the same text and edits as one by one', () => {
  const sequences = (text: string, rnd: Rnd, rounds: number): number => {
    const keys = parseProperties(text)
      .keys()
      .filter((k) => /^[A-Za-z0-9_.-]+$/.test(k));
    let compared = 0;
    for (let round = 0; round < rounds; round++) {
      const ops = Array.from({ length: 1 + rnd(8) }, () => propertiesOp(rnd, keys));
      const what = `${JSON.stringify(text.slice(0, 40))}: ${ops.map(([name]) => name).join('; ')}`;
      if (
        expectSameOutcome(
          parseProperties,
          text,
          ops.map(([, op]) => op),
          what,
        )
      )
        compared++;
    }
    return compared;
  };

  it.each(PROPERTIES_LAYOUTS.map((text, i) => [i, text] as const))('layout %i, 80 random sequences', (i, text) => {
    expect(sequences(text, generator(20261207 + i), 80)).toBeGreaterThan(20);
  });

  it.skipIf(!corpusAvailable())('every real .properties and .env file, 40 random sequences each', () => {
    const rnd = generator(20261208);
    for (const rel of corpusFiles('jicofo', ['.properties', '.env'])) expect([rel, sequences(readCorpus(rel), rnd, 40) > 10]).toEqual([rel, true]);
  });
});

describe('what a batch costs: one parse when no step depends on another', () => {
  afterEach(() => vi.restoreAllMocks());
  const conf = ['jicofo {', ...Array.from({ length: 200 }, (_, i) => `  key${i} = ${i}`), '}', ''].join('\n');

  it('200 sets of existing keys of a jicofo.conf: one parse of the edited text', () => {
    const reparse = vi.spyOn(hoconKind, 'reparse');
    const doc = parseJicofoConf(conf).batch((d) => {
      for (let i = 0; i < 200; i++) d.set(`jicofo.key${i}`, i + 1);
    });
    expect(reparse).toHaveBeenCalledTimes(1);
    expect(doc.get('jicofo.key199')).toBe(200);
    expect(doc.edits).toHaveLength(200);
  });

  // A new key reads the object it goes into (it is written after its last member, in its style):
  // the next step under that object is planned on the text with the new key in it.
  it('a step under an object that a new key went into is planned after it', () => {
    const reparse = vi.spyOn(hoconKind, 'reparse');
    const doc = parseJicofoConf(conf).batch((d) => d.set('jicofo.a', 1).set('jicofo.b', 2).set('jicofo.key0', 5));
    expect(reparse).toHaveBeenCalledTimes(3);
    expect(doc.toString()).toBe(parseJicofoConf(conf).set('jicofo.a', 1).set('jicofo.b', 2).set('jicofo.key0', 5).toString());
  });

  it('200 sets of existing keys of a .properties file: one parse of the edited text', () => {
    const text = Array.from({ length: 200 }, (_, i) => `org.jitsi.key${i}=value ${i}\n`).join('');
    const parse = vi.spyOn(propertiesKind, 'parse');
    const doc = parseProperties(text);
    expect(parse).toHaveBeenCalledTimes(1);
    doc.batch((d) => {
      for (let i = 0; i < 200; i++) d.set(`org.jitsi.key${i}`, `changed ${i}`);
    });
    expect(parse).toHaveBeenCalledTimes(2);
    expect(doc.get('org.jitsi.key7')).toBe('changed 7');
  });
});

describe('a batch is all or nothing', () => {
  it('HOCON: a later step that does not read back undoes the earlier ones', () => {
    // A carriage return alone ends the last line for editors and for the line model, but both HOCON
    // readers read it as a space: a key appended after it would join the line before.
    const text = 'a = 1\nb = 2\r';
    const doc = parseJicofoConf(text);
    let error: unknown;
    try {
      doc.batch((d) => d.set('a', 5).set('c', 3));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EditVerificationError);
    // A new key at the root reads every key (the whole root): `set a` was applied first, then rolled back.
    expect((error as EditVerificationError).message).toBe("Cannot set c: the edited jicofo.conf would not parse (Unexpected '='); nothing was changed");
    expect([(error as EditVerificationError).code, (error as EditVerificationError).failure]).toEqual(['E_UNSUPPORTED_EDIT', 'parse']);
    expect([doc.toString(), doc.edits, doc.changed]).toEqual([text, [], false]);
    expect(doc.set('a', 5).toString()).toBe('a = 5\nb = 2\r');
  });

  it('.properties: a batch whose steps together change another key is refused whole', () => {
    const text = 'x=1\n\\\n';
    const doc = parseProperties(text);
    let error: unknown;
    try {
      doc.batch((d) => d.set('x', '2').set('y', '3'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EditVerificationError);
    // The two steps were verified together: the error names both.
    expect((error as Error).message).toBe('Editing x, y would change the value of "" too; the file was left unchanged');
    expect([doc.toString(), doc.edits, doc.changed]).toEqual([text, [], false]);
  });
});
