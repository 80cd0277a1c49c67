/**
 * get() against Debian's `hocon` CLI on a file of value and merge edge cases: every root key is
 * read by the CLI (`hocon -j -f FILE get KEY`) and must equal what get() returns.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseJicofoConf } from '../index.js';
import { flatten, hoconAvailable, oracleTree } from '../test-support/hocon-cli.js';

const EDGE_CASES = [
  'n1 = 01',
  'n2 = 1e3',
  'n3 = -0',
  'n4 = 2.50',
  's1 = 1.',
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
