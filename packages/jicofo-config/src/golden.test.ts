/**
 * Own golden cases: fixtures/jicofo/<case>/ holds input.conf or input.properties, ops.json (a list of
 * ["set", path, value] and ["delete", path]) and the expected output.*, compared byte for byte.
 * HOCON outputs are also read back by Debian's `hocon` CLI and by Typesafe Config.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenFile, fixtureCases } from '../../../test/support/golden.js';
import { parseJicofoConf, parseProperties, type HoconInput } from './index.js';
import { hoconAvailable, hoconGet, oracleTree } from './test-support/hocon-cli.js';
import { disagreements, documentTree, typesafeAt, typesafeAvailable, typesafeParse } from './test-support/typesafe.js';

type Op = ['set', string, HoconInput] | ['delete', string];

const cases = fixtureCases('jicofo');
const hocon = hoconAvailable();
const typesafe = typesafeAvailable();
const tmp = mkdtempSync(join(tmpdir(), 'confkit-jicofo-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Doc {
  set(path: string, value: never): Doc;
  delete(path: string): Doc;
  toString(): string;
  edits: { offset: number; length: number; content: string }[];
}

function run(doc: Doc, ops: Op[]): Doc {
  for (const op of ops) {
    if (op[0] === 'set') doc.set(op[1], op[2] as never);
    else doc.delete(op[1]);
  }
  return doc;
}

describe('golden cases (fixtures/jicofo)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const isConf = 'input.conf' in c.files;
    const inputName = isConf ? 'input.conf' : 'input.properties';
    const input = c.files[inputName]!;
    const ops = JSON.parse(c.files['ops.json']!) as Op[];
    const parse = (text: string): Doc => (isConf ? parseJicofoConf(text) : parseProperties(text));
    const doc = run(parse(input), ops);
    const output = doc.toString();
    expectEditInvariants(input, doc.edits, output);
    expectGoldenFile(join('jicofo', c.name, isConf ? 'output.conf' : 'output.properties'), output);
    // Idempotent: the same operations on the output change nothing.
    expect(run(parse(output), ops).edits).toEqual([]);
    if (isConf && typesafe) {
      const [before, after] = typesafeParse([input, output]);
      expect('ok' in before! && disagreements(documentTree(parseJicofoConf(input)), before.ok)).toEqual([]);
      expect('ok' in after! && disagreements(documentTree(parseJicofoConf(output)), after.ok)).toEqual([]);
      for (const op of ops) {
        const read = 'ok' in after! ? typesafeAt(after.ok, op[1].split('.')) : undefined;
        expect([op[1], read]).toEqual([op[1], op[0] === 'set' ? op[2] : undefined]);
      }
    }
    if (!isConf || !hocon) return;
    const inFile = join(tmp, `${c.name}.in.conf`);
    const outFile = join(tmp, `${c.name}.out.conf`);
    writeFileSync(inFile, input);
    writeFileSync(outFile, output);
    const before = await oracleTree(inFile, parseJicofoConf(input));
    const after = await oracleTree(outFile, parseJicofoConf(output));
    const expected = new Map(before.leaves);
    for (const op of ops) {
      const path = op[1];
      for (const key of [...expected.keys()]) {
        if (key === path || key.startsWith(`${path}.`) || path.startsWith(`${key}.`)) expected.delete(key);
      }
      if (op[0] === 'set') expected.set(path, op[2]);
    }
    expect(Object.fromEntries(after.leaves)).toEqual(Object.fromEntries([...expected].sort(([a], [b]) => a.localeCompare(b))));
    for (const op of ops) {
      const read = await hoconGet(outFile, op[1]);
      if (op[0] === 'set') expect(read).toEqual({ ok: true, value: op[2] });
      else expect(read).toEqual({ ok: false, error: `Error: Can't find the given path: '${op[1]}'` });
    }
  });
});
