/**
 * Generated .properties texts (from a fixed seed) made of the pieces that trip up readers:
 * continuations after odd and even runs of backslashes, CR, LF and CRLF, `#` and `!` after a
 * continuation, escaped separators, `\uXXXX`, a backslash at the end of the file. java.util.Properties
 * reads each text, each key set to a hostile value, each key deleted, and a new key appended; it
 * must read exactly what parseProperties() does, and each edit must change only its own key
 * (an edit that cannot is refused with UnsupportedEditError, and counted).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UnsupportedEditError } from '@jitsi-confkit/core';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { parseProperties, type PropertiesDocument } from './index.js';
import { javaAvailable, javaProperties } from './test-support/java-properties.js';

const PIECES = [
  'a',
  'b',
  'k.x',
  ' ',
  '\t',
  '\f',
  '=',
  ':',
  '\\',
  '\\\\',
  '\\\n',
  '\\\r\n',
  '\\\r',
  '\n',
  '\r\n',
  '\r',
  '#',
  '!',
  'é',
  '\\u00e9',
  '\\t',
  '\\ ',
  '\\=',
  'x y',
  '\\\\\n',
  'v',
];
const VALUES = ['', ' lead', 'trail ', '\\', 'a\\', '#x', '!x', '=x', 'é 日本 😀', 'a\nb', '\r\n', '\t', 'XMPP:meet.example.com', '\\u0041'];

function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
}

function values(doc: PropertiesDocument): Record<string, string> {
  return Object.fromEntries(doc.keys().map((k) => [k, doc.get(k)!]));
}

describe.skipIf(!javaAvailable())('java.util.Properties on generated texts and their edits', () => {
  it('reads what parseProperties reads, before and after every edit', () => {
    const rnd = generator(20261123);
    const dir = mkdtempSync(join(tmpdir(), 'confkit-props-fuzz-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const cases: { text: string; expected: Record<string, string>; what: string }[] = [];
    let refused = 0;
    for (let i = 0; i < 250; i++) {
      let text = '';
      for (let n = 3 + rnd(25); n > 0; n--) text += PIECES[rnd(PIECES.length)];
      const before = values(parseProperties(text));
      cases.push({ text, expected: before, what: `read ${JSON.stringify(text)}` });
      const keys = [...Object.keys(before).filter((k) => /^[A-Za-z0-9_.-]+$/.test(k)), 'new.key'];
      for (const key of keys) {
        const value = VALUES[rnd(VALUES.length)]!;
        for (const [op, edit] of [
          [`set ${key}=${JSON.stringify(value)}`, (d: PropertiesDocument) => d.set(key, value)],
          [`delete ${key}`, (d: PropertiesDocument) => d.delete(key)],
        ] as const) {
          const doc = parseProperties(text);
          try {
            edit(doc);
          } catch (error) {
            expect(error).toBeInstanceOf(UnsupportedEditError);
            expect(doc.toString()).toBe(text);
            refused++;
            continue;
          }
          expectEditInvariants(text, doc.edits, doc.toString());
          const expected = { ...before };
          if (op.startsWith('set')) expected[key] = value;
          else delete expected[key];
          expect([op, values(parseProperties(doc.toString()))]).toEqual([op, expected]);
          cases.push({ text: doc.toString(), expected, what: `${op} on ${JSON.stringify(text)}` });
        }
      }
    }
    const files = cases.map((c, i) => {
      const file = join(dir, `${i}.properties`);
      writeFileSync(file, c.text);
      return file;
    });
    const java = javaProperties(files);
    cases.forEach((c, i) => expect([c.what, java[i]]).toEqual([c.what, c.expected]));
    expect(cases.length).toBeGreaterThan(900);
    // Refusals are rare: a file ending in a lone backslash line, or an empty value before one.
    expect(refused).toBeLessThan(cases.length / 20);
  }, 60_000);
});
