/**
 * get() against the two real HOCON readers on files of value and merge edge cases: Debian's
 * `hocon` CLI (ruby-hocon: `hocon -j -f FILE get KEY` for every root key) and Typesafe Config
 * (what Jicofo reads with: the whole tree). Where the two readers differ, get() follows Typesafe
 * Config, and the test shows the difference.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HoconSubstitution, parseJicofoConf } from '../index.js';
import { flatten, hoconAvailable, oracleTree } from '../test-support/hocon-cli.js';
import { disagreements, documentTree, typesafeAvailable, typesafeParse } from '../test-support/typesafe.js';

const EDGE_CASES = [
  'n1 = 01',
  'n2 = 1e3',
  'n3 = -0',
  'n4 = 2.50',
  's1 = 1.x',
  's2 = .5',
  's3 = 1.5.3',
  's4 = 10seconds',
  's5 = 24  hours',
  's6 = yes',
  's7 = "20"',
  's8 = a"b"c',
  's9 = """multi',
  'line "quoted" """',
  's10 = "tab\\there \\u00e9 \\\\ \\/"',
  's11 = meet.example.com // comment',
  's12 = x # comment',
  'b1 = true',
  'b2 = false',
  'z = null',
  'arr = [ 1, two, "three", [4], { five = 5 } ]',
  'arr2 = [',
  '  # comment',
  '  a',
  '  b,',
  ']',
  'k1.k2.k3 = dotted',
  'k1 { k2 { k4 = nested } }',
  '"quoted.key".x = q',
  'spaced key = sk',
  'm { a = 1, b = 2 }',
  'm { b = 3 }',
  'm.c = 4',
  'r = 1',
  'r { x = 1 }',
  'o { x = 1 }',
  'o = 2',
  'jicofo { authentication { enabled = false } }',
  'jicofo { authentication { type = XMPP } }',
  'jicofo.authentication.login-url = "meet.example.com"',
  '',
].join('\n');

describe.skipIf(!hoconAvailable())('get() agrees with the hocon CLI', () => {
  it('on scalar, array and merge edge cases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confkit-jicofo-oracle-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'edge.conf');
    writeFileSync(file, EDGE_CASES);
    const doc = parseJicofoConf(EDGE_CASES);
    const tree = await oracleTree(file, doc);
    expect(tree.unresolved).toEqual([]);
    const mine = new Map<string, unknown>();
    for (const key of doc.keys()) flatten([key], doc.get([key]), mine);
    expect(Object.fromEntries(mine)).toEqual(Object.fromEntries(tree.leaves));
    expect(mine.size).toBe(tree.leaves.size);
    expect(doc.get(['quoted.key', 'x'])).toBe('q');
    expect(doc.get(['spaced key'])).toBe('sk');
    expect(doc.get('n3')).toBe(0);
    expect(doc.get('s5')).toBe('24  hours');
    expect(doc.get('jicofo.authentication')).toEqual({ enabled: false, type: 'XMPP', 'login-url': 'meet.example.com' });
  });
});

/** Values where Typesafe Config's tokenizer matters: keywords and numbers end a token, `1.` is a number. */
const TOKEN_CASES = [
  't1 = truex',
  't2 = 1abc',
  't3 = 1.',
  't4 = 9223372036854775807',
  't5 = 9223372036854775808',
  't6 = -0.0',
  't7 = 1e400',
  't8 = 00.5e1',
  't9 = nullnull',
  't10 = 1-2',
  'a 1. b = key',
  '"""t""" = triple',
  'u = ${X}',
  'u { k = 1 }',
  'w = [] x',
  'x = {a = 1} {b = 2}',
  'y = [1] [2]',
  'z += 1',
  '',
].join('\n');

describe.skipIf(!typesafeAvailable())('get() agrees with Typesafe Config', () => {
  it("on the edge cases and on its tokenizer's cases", () => {
    const [edge, tokens] = typesafeParse([EDGE_CASES, TOKEN_CASES]);
    expect(disagreements(documentTree(parseJicofoConf(EDGE_CASES)), 'ok' in edge! ? edge.ok : edge)).toEqual([]);
    const doc = parseJicofoConf(TOKEN_CASES);
    expect(disagreements(documentTree(doc), 'ok' in tokens! ? tokens.ok : tokens)).toEqual([]);
    expect([doc.get('t1'), doc.get('t2'), doc.get('t3'), doc.get('t5'), doc.get('t6'), doc.get('t7')]).toEqual(['truex', '1abc', 1, '9223372036854775808', 0, Infinity]);
    expect(doc.get(['a 1', ' b'])).toBe('key');
    expect(doc.get('u.k')).toBe(1);
    // The whole of u depends on what ${X} resolves to: HOCON merges the object onto it.
    expect(doc.get('u')).toBeInstanceOf(HoconSubstitution);
  });
});

describe.skipIf(!hoconAvailable() || !typesafeAvailable())('where ruby-hocon and Typesafe Config differ, get() follows Typesafe Config', () => {
  it.each([
    ['a = 1.', 1, '1.'],
    ['a = 9223372036854775808', '9223372036854775808', 9223372036854775808],
  ])('%s', async (text, typesafe, ruby) => {
    const dir = mkdtempSync(join(tmpdir(), 'confkit-jicofo-oracle-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'a.conf');
    writeFileSync(file, text);
    const [answer] = typesafeParse([text]);
    expect(answer).toEqual({ ok: { a: typesafe } });
    const tree = await oracleTree(file, parseJicofoConf(text));
    expect(tree.leaves.get('a')).toEqual(ruby);
    expect(parseJicofoConf(text).get('a')).toEqual(typesafe);
  });
});
