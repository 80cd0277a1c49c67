/**
 * The golden cases of jicofo.conf and sip-communicator.properties (fixtures/documents/jicofoConf and
 * sipCommunicator), run by the one runner of every kind (test/support/document-cases.ts). The real
 * readers, each run once for all the cases: Typesafe Config (what Jicofo reads jicofo.conf with)
 * and Debian's ruby-hocon CLI (`hocon`, what Jicofo's Debian scripts use) for HOCON;
 * java.util.Properties for .properties. Each must read the input and the output as we do, and the
 * output must differ from the input by exactly the operations; what the parser refuses as a syntax
 * error, they refuse too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { describeDocumentCases, type DocumentCase, expectExactChange, type Reader, type ReaderInput } from '../../../test/support/document-cases.js';
import { parseJicofoConf, parseProperties } from './index.js';
import { hoconParseBatch, oracleTreeBatch, type TreeAnswer } from './test-support/hocon-batch.js';
import { hoconAvailable } from './test-support/hocon-cli.js';
import { javaAvailable, javaProperties, mine } from './test-support/java-properties.js';
import { disagreements, documentTree, typesafeAt, typesafeAvailable, typesafeParse, type TypesafeAnswer } from './test-support/typesafe.js';

/** Operations on these kinds: ["set", path, value] and ["delete", path]. */
type Op = ['set', string, unknown] | ['delete', string];
const ops = (c: DocumentCase): Op[] => c.spec.operations as Op[];

/** Typesafe Config, in one JVM for every text: it reads both texts as get() does, and each operation reads back. */
const typesafe: Reader<TypesafeAnswer> = {
  name: 'Typesafe Config',
  available: typesafeAvailable,
  read: (inputs) => typesafeParse(inputs.map((i) => i.text)),
  expectEdit(before: TypesafeAnswer, after: TypesafeAnswer, c: DocumentCase) {
    expect('ok' in before && disagreements(documentTree(parseJicofoConf(c.input)), before.ok)).toEqual([]);
    expect('ok' in after && disagreements(documentTree(parseJicofoConf(c.expected!)), after.ok)).toEqual([]);
    for (const op of ops(c)) {
      const read = 'ok' in after ? typesafeAt(after.ok, op[1].split('.')) : undefined;
      expect([op[1], read]).toEqual([op[1], op[0] === 'set' ? op[2] : undefined]);
    }
  },
  expectRefused(reading: TypesafeAnswer) {
    expect('ok' in reading ? reading : 'refused').toBe('refused');
  },
};

/** What ruby-hocon makes of a text: every leaf and the `get`s (a text we accept), or whether it parses (a text we refuse). */
type HoconReading = TreeAnswer | { parses: true } | { error: string };

/** ruby-hocon's CLI functions, in one Ruby process for every text: every leaf it reads, and `get` of each operation's path. */
const rubyHocon: Reader<HoconReading> = {
  name: 'ruby-hocon',
  available: hoconAvailable,
  read(inputs) {
    const refused = (i: ReaderInput): boolean => i.case.spec.error !== undefined;
    const trees = oracleTreeBatch(inputs.filter((i) => !refused(i)).map((i) => ({ text: i.text, gets: i.role === 'expected' ? ops(i.case).map((op) => op[1]) : [] })));
    const parsed = hoconParseBatch(inputs.filter(refused).map((i) => i.text));
    return inputs.map((i): HoconReading => {
      if (!refused(i)) return trees.shift()!;
      const answer = parsed.shift()!;
      return 'ok' in answer ? { parses: true } : answer;
    });
  },
  expectEdit(before: HoconReading, after: HoconReading, c: DocumentCase) {
    if (!('tree' in before) || !('tree' in after)) throw new Error(`ruby-hocon refuses ${c.name}: ${JSON.stringify([before, after])}`);
    const expected = new Map(before.tree.leaves);
    for (const op of ops(c)) {
      const path = op[1];
      for (const key of [...expected.keys()]) {
        if (key === path || key.startsWith(`${path}.`) || path.startsWith(`${key}.`)) expected.delete(key);
      }
      if (op[0] === 'set') expected.set(path, op[2]);
    }
    expect(Object.fromEntries(after.tree.leaves)).toEqual(Object.fromEntries([...expected].sort(([a], [b]) => a.localeCompare(b))));
    ops(c).forEach((op, i) => {
      if (op[0] === 'set') expect(after.gets[i]).toEqual({ ok: true, value: op[2] });
      else expect(after.gets[i]).toEqual({ ok: false, error: `Error: Can't find the given path: '${op[1]}'` });
    });
  },
  expectRefused(reading: HoconReading) {
    expect(reading).toMatchObject({ error: expect.any(String) as unknown });
  },
};

const tmp = mkdtempSync(join(tmpdir(), 'confkit-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** java.util.Properties, in one JVM for every text: it reads both texts as we do, and they differ by exactly the operations. */
const javaUtilProperties: Reader<Record<string, string> | null> = {
  name: 'java.util.Properties',
  available: javaAvailable,
  read(inputs) {
    const files = inputs.map((input, i) => {
      const file = join(tmp, `${i}-${input.case.name}.${input.role}.properties`);
      writeFileSync(file, input.text);
      return file;
    });
    return javaProperties(files);
  },
  expectEdit(before: Record<string, string> | null, after: Record<string, string> | null, c: DocumentCase) {
    expect([before, after]).toEqual([mine(c.input), mine(c.expected!)]);
    expectExactChange(
      before,
      after,
      ops(c).map((op) => (op[0] === 'set' ? { path: [op[1]], set: op[2] } : { path: [op[1]], deleted: true })),
    );
  },
  expectRefused(reading: Record<string, string> | null) {
    expect(reading).toBeNull();
  },
};

describeDocumentCases({
  kind: 'jicofoConf',
  ext: 'conf',
  encoding: 'utf8',
  parse: (text, options) => parseJicofoConf(text, options),
  readers: [typesafe, rubyHocon],
  minimum: { cases: 23, refused: 3 },
});

describeDocumentCases({
  kind: 'sipCommunicator',
  ext: 'properties',
  encoding: 'utf8',
  parse: (text, options) => parseProperties(text, options),
  readers: [javaUtilProperties],
  minimum: { cases: 9, refused: 2 },
});
