/**
 * The pieces of the corpus fuzz tests (HOCON and .properties): a seeded generator, the mutations
 * of a real file, the checks of a refusal's position, and the work bound.
 */
import { expect } from 'vitest';
import { ConfigSyntaxError, positionAt } from '@jitsi-confkit/core';
import { work } from '../work.js';

/** Loop turns allowed per character of input (and a constant for tiny inputs). Measured: at most about 4. */
export const WORK_PER_CHAR = 8;
export const WORK_BASE = 200;
/** How many deep or long-line cases of each outcome the real readers get. */
const HEAVY_FOR_ORACLE = 12;

/** The cases for the real readers: all but the heavy ones beyond the first few of each kind. */
export function forOracle<T extends { what: string }>(cases: readonly T[]): T[] {
  const seen = new Map<string, number>();
  return cases.filter((c) => {
    const heavy = /\((deep|long)/.exec(c.what)?.[1];
    if (heavy === undefined) return true;
    seen.set(heavy, (seen.get(heavy) ?? 0) + 1);
    return seen.get(heavy)! <= HEAVY_FOR_ORACLE;
  });
}

/** mulberry32: a small seeded generator with a full 32-bit state. */
export function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

export type Rnd = (n: number) => number;
export const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[rnd(list.length)]!;

const HOCON_TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '=',
  ':',
  '+=',
  ',',
  '"',
  '"""',
  '${X}',
  '${?Y}',
  '#',
  '//',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '.',
  '-',
  '1e+3',
  'true',
  'null',
  'include "f"',
  'a {}',
  'x {}',
  '\\',
  '$',
  '+',
  '\u00a0',
  '\ufeff',
  '\u2028',
  'é',
];
const PROPERTIES_TOKENS = ['=', ':', ' ', '\t', '\\', '\\\n', '\\\r\n', '\n', '\r\n', '\r', '#', '!', '\\u00e9', '\\u12', '\\t', 'é', 'a', '.'];

/** One mutation of `text`, named. */
export function mutate(text: string, rnd: Rnd, hocon: boolean): { kind: string; text: string } {
  const at = rnd(text.length + 1);
  const tokens = hocon ? HOCON_TOKENS : PROPERTIES_TOKENS;
  // Common mutations more often than the heavy ones (deep nesting, long lines).
  switch ([0, 0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 6, 7, 7, 8, 8][rnd(16)]) {
    case 0: {
      let out = text;
      for (let n = 1 + rnd(3); n > 0; n--) {
        const p = rnd(out.length + 1);
        const c = rnd(4) === 0 ? String.fromCharCode(0x20 + rnd(0xd7ff - 0x20)) : pick(rnd, tokens)[0]!;
        out = out.slice(0, p) + c + out.slice(p + 1);
      }
      return { kind: 'flip', text: out };
    }
    case 1:
      return { kind: 'insert', text: text.slice(0, at) + pick(rnd, tokens) + text.slice(at) };
    case 2:
      return { kind: 'delete', text: text.slice(0, at) + text.slice(at + 1 + rnd(40)) };
    case 3:
      return { kind: 'truncate', text: text.slice(0, at) };
    case 4: {
      let junk = '';
      for (let n = 1 + rnd(16); n > 0; n--) junk += String.fromCharCode(rnd(256));
      return { kind: 'garbage', text: text.slice(0, at) + junk + text.slice(at) };
    }
    case 5: {
      const depth = pick(rnd, [500, 999, 1000, 1001, 3000, 10000]);
      const open = hocon ? pick(rnd, ['a { ', '[', 'a.', 'b = [{ ', 'c: ']) : pick(rnd, ['[', '{', '\\\n', 'a\\\n ']);
      const close = hocon && rnd(2) === 0 ? (open === '[' ? ']' : open.includes('{') ? (open.includes('[') ? '}]' : '}') : '') : '';
      const line = text.lastIndexOf('\n', at - 1) + 1;
      const middle = hocon && open === 'a.' ? 'x = 1' : hocon && open === 'c: ' ? '1' : '';
      return { kind: `deep ${depth}`, text: text.slice(0, line) + open.repeat(depth) + middle + close.repeat(depth) + '\n' + text.slice(line) };
    }
    case 6: {
      const length = pick(rnd, [5_000, 20_000, 60_000]);
      const fill = hocon
        ? pick(rnd, [
            `x = ${'a'.repeat(length)}`,
            `y = ${'${X}'.repeat(length / 4)}`,
            `# ${'c'.repeat(length)}`,
            `${'k'.repeat(length)} = 1`,
            `z = "${'q'.repeat(length)}"`,
            `w = ${'a '.repeat(length / 2)}`,
            `v = [${'1, '.repeat(length / 3)}]`,
          ])
        : pick(rnd, [`k=${'v'.repeat(length)}`, `${'k'.repeat(length)}=v`, `# ${'c'.repeat(length)}`, `x=${'\\\\'.repeat(length / 2)}`, `u=${'\\u0041'.repeat(length / 6)}`]);
      const line = text.lastIndexOf('\n', at - 1) + 1;
      return { kind: 'long line', text: text.slice(0, line) + fill + '\n' + text.slice(line) };
    }
    case 7: {
      const from = rnd(text.length + 1);
      return { kind: 'duplicate', text: text.slice(0, at) + text.slice(from, from + 1 + rnd(200)) + text.slice(at) };
    }
    default:
      return { kind: 'none', text };
  }
}

/** A ConfigSyntaxError whose position lies in the text and agrees with its line and column; its message holds no position. */
export function expectSanePosition(error: unknown, text: string, what: string): ConfigSyntaxError {
  expect([what, error instanceof ConfigSyntaxError ? 'ConfigSyntaxError' : String(error)]).toEqual([what, 'ConfigSyntaxError']);
  const e = error as ConfigSyntaxError;
  expect(e.offset).toBeGreaterThanOrEqual(0);
  expect(e.offset).toBeLessThanOrEqual(text.length);
  expect([what, { line: e.line, column: e.column, offset: e.offset }]).toEqual([what, positionAt(text, e.offset)]);
  expect(e.message).toBe(e.reason);
  return e;
}

export function bound(length: number): number {
  return WORK_BASE + WORK_PER_CHAR * length;
}

/** Runs `fn` and returns the work it did. */
export function measured(fn: () => void): number {
  const before = work.count;
  fn();
  return work.count - before;
}

/** What our own refusals may be where the real reader accepts the text: deliberate, documented. */
export const DELIBERATE = /^(?:Unexpected character U\+[0-9A-F]{4} \(|Nested too deeply: more than 1000 levels)/;

/** A text the parser refused: its message (checked to carry a sane position) and the case. */
export interface Refusal {
  text: string;
  message: string;
  what: string;
}

/**
 * Parses one case with `parse`: the document, or undefined after recording a refusal (which must
 * be a ConfigSyntaxError with a sane position). Either way the work stays within the bound, and
 * the largest work per character so far is kept in `stats`.
 */
export function parseCase<T extends { toString(): string }>(
  text: string,
  what: string,
  parse: (text: string) => T,
  refused: Refusal[],
  stats: { maxRatio: number },
): T | undefined {
  let doc: T | undefined;
  const spent = measured(() => {
    try {
      doc = parse(text);
    } catch (error) {
      refused.push({ text, message: expectSanePosition(error, text, what).message, what });
    }
  });
  stats.maxRatio = Math.max(stats.maxRatio, (spent - WORK_BASE) / Math.max(1, text.length));
  expect([what, spent <= bound(text.length)]).toEqual([what, true]);
  if (doc !== undefined) expect(doc.toString()).toBe(text);
  return doc;
}
