/**
 * A bounded, seeded fuzz test over the real corpus: every .cfg.lua mutated in 70 ways (bytes
 * flipped, cut short, garbage inserted, lines doubled or dropped, nesting thousands deep, very long
 * lines, long chains of calls), as bytes, some of them with CRLF. For each of the ~3,400 cases:
 * - the parse and an edit either give a typed error (ConfkitError) with a position inside the
 *   text, or succeed; nothing else is thrown;
 * - a text the library accepts is one Lua 5.4 loads (as Prosody loads an included file), and so is
 *   the text the edit gives;
 * - the work (array elements touched, never the clock) stays within a bound proportional to the
 *   size of the case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, ConfkitError } from '@jitsi-confkit/core';
import { parseProsodyConfig, type ProsodyConfig } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, corpusPath } from '../../../test/support/corpus.js';
import { seeded } from '../../../test/support/random.js';
import { arrayWork } from '../../../test/support/work.js';
import { loadCheckMany, requireProgram } from './test-support/evaluate.js';

const available = corpusAvailable();
const lua = available && requireProgram('lua5.4');
const files = available ? corpusFiles('prosody', ['.cfg.lua']) : [];
const PER_FILE = 70;
/** Array elements touched per byte of the case, at most (parse and edit), plus a constant. */
const WORK_PER_BYTE = 40;
const WORK_BASE = 20_000;

type Rnd = () => number;
const int = (rnd: Rnd, a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));

/** A line start (0 or just after a line break) at random. */
function lineStartAt(bytes: Buffer, rnd: Rnd): number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return starts[int(rnd, 0, starts.length - 1)]!;
}

const insert = (bytes: Buffer, at: number, what: Buffer | string): Buffer => Buffer.concat([bytes.subarray(0, at), Buffer.from(what), bytes.subarray(at)]);

const MUTATIONS: ((b: Buffer, rnd: Rnd) => Buffer)[] = [
  // Bytes flipped.
  (b, rnd) => {
    const out = Buffer.from(b);
    for (let k = int(rnd, 1, 8); k > 0 && out.length > 0; k--) out[int(rnd, 0, out.length - 1)] = int(rnd, 0, 255);
    return out;
  },
  // Cut short.
  (b, rnd) => b.subarray(0, int(rnd, 0, b.length)),
  // Garbage inserted.
  (b, rnd) => insert(b, int(rnd, 0, b.length), Buffer.from(Array.from({ length: int(rnd, 1, 64) }, () => int(rnd, 0, 255)))),
  // A line doubled, or dropped.
  (b, rnd) => {
    const lines = b.toString('latin1').split('\n');
    const i = int(rnd, 0, lines.length - 1);
    if (rnd() < 0.5) lines.splice(i, 0, lines[i]!);
    else lines.splice(i, 1);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  // Nesting hundreds to thousands deep, at the start of a line.
  (b, rnd) => {
    const n = int(rnd, 150, 3000);
    const open = ['{', '(', '{ k = ', 'f(', '- '][int(rnd, 0, 4)]!;
    const close = { '{': '}', '(': ')', '{ k = ': '}', 'f(': ')', '- ': '' }[open]!;
    return insert(b, lineStartAt(b, rnd), `fuzz = ${open.repeat(n)}1${close.repeat(n)}\n`);
  },
  // A very long line: a long string or a long list.
  (b, rnd) => insert(b, lineStartAt(b, rnd), rnd() < 0.5 ? `fuzz = "${'x'.repeat(int(rnd, 1000, 50_000))}"\n` : `fuzz = { ${'"m", '.repeat(int(rnd, 100, 4000))}}\n`),
  // A long chain of calls.
  (b, rnd) => insert(b, lineStartAt(b, rnd), `f${"''".repeat(int(rnd, 100, 5000))}\n`),
];

interface Case {
  name: string;
  bytes: Buffer;
}

function cases(): Case[] {
  const rnd = seeded(8);
  const out: Case[] = [];
  for (const rel of files) {
    const original = readFileSync(corpusPath(rel));
    for (let i = 0; i < PER_FILE; i++) {
      const base = i % 5 === 4 ? Buffer.from(original.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1') : original;
      const m = i % MUTATIONS.length;
      out.push({ name: `${rel} #${i} (mutation ${m})`, bytes: MUTATIONS[m]!(base, rnd) });
    }
  }
  return out;
}

/** The parse and an edit: the outputs to check with Lua, or the typed error. */
function run(bytes: Buffer): { accepted?: Buffer; edited?: Buffer; error?: ConfkitError } {
  let cfg: ProsodyConfig;
  try {
    cfg = parseProsodyConfig(bytes);
  } catch (e) {
    if (e instanceof ConfkitError) return { error: e };
    throw e;
  }
  try {
    cfg.set('global', 'confkit_fuzz', 'x" --');
    const host = cfg.hosts()[0];
    if (host !== undefined) cfg.addToList({ host }, 'modules_enabled', 'confkit_fuzz');
  } catch (e) {
    if (e instanceof ConfkitError) return { accepted: bytes, error: e };
    throw e;
  }
  return { accepted: bytes, edited: Buffer.from(cfg.toBytes()) };
}

describe.skipIf(!lua)('fuzz over the corpus', () => {
  it(`${PER_FILE} mutations of every corpus file: typed errors with sane positions, or what Lua loads; bounded work`, { timeout: 120_000 }, () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(3000);
    const toCheck: { name: string; what: string; bytes: Buffer }[] = [];
    let refused = 0;
    for (const c of all) {
      let result: ReturnType<typeof run> = {};
      const work = arrayWork(() => {
        result = run(c.bytes);
      });
      expect(work, `${c.name}: work ${work} for ${c.bytes.length} bytes`).toBeLessThan(WORK_BASE + WORK_PER_BYTE * c.bytes.length);
      const { accepted, edited, error } = result;
      if (error) {
        const p = error.position;
        if (error instanceof ConfigSyntaxError) expect(p, c.name).toBeDefined();
        if (p) {
          const lines = c.bytes.toString('latin1').split(/\r\n|\n|\r/).length;
          expect(p.offset >= 0 && p.offset <= c.bytes.length && p.line >= 1 && p.line <= lines && p.column >= 1, `${c.name}: ${error.message}`).toBe(true);
        }
        if (!accepted) refused++;
      }
      if (accepted) toCheck.push({ name: c.name, what: 'the input', bytes: accepted });
      if (edited) toCheck.push({ name: c.name, what: 'the edited text', bytes: edited });
    }
    const verdicts = loadCheckMany(toCheck.map((t) => t.bytes));
    toCheck.forEach((t, i) => expect(verdicts[i], `${t.name}: Lua refuses ${t.what}`).toBeUndefined());
    // Both outcomes occur in numbers.
    expect(refused).toBeGreaterThan(800);
    expect(toCheck.length).toBeGreaterThan(1500);
  });
});
