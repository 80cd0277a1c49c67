/**
 * Generated layouts: small HOCON files built from a fixed seed out of the forms admins and tools
 * write (nested, one-line and Allman-style blocks, dotted and quoted keys, `=`, `:` and bare
 * separators, durations, triple-quoted strings, arrays over lines, comments, blank lines, CRLF,
 * tab indentation, a braced root). On each file every leaf is set and set back and deleted, and
 * every object gets a new key and a new nested key; each result must keep the edit invariants
 * and every other path's value, ruby-hocon must read the changed path as get() does, and
 * Typesafe Config every value of the file.
 */
import { describe, expect, it } from 'vitest';
import { expectEditInvariants } from '../../../../test/support/edits.js';
import { HoconSubstitution, parseJicofoConf, type HoconDocument, type HoconInput, type HoconValue } from '../index.js';
import { hoconGetBatch, type BatchAnswer } from '../test-support/hocon-batch.js';
import { hoconAvailable } from '../test-support/hocon-cli.js';
import { pathText } from './format.js';
import { walk } from '../test-support/paths.js';
import { disagreements, documentTree, typesafeAvailable, typesafeParse } from '../test-support/typesafe.js';

const hocon = hoconAvailable();
const typesafe = typesafeAvailable();

/** A small linear congruential generator: the same files on every run. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
}

const KEYS = ['a', 'b', 'c', 'x-y', '"q.k"'];
const VALUES = ['1', 'true', 'foo', '"bar"', '15 seconds', '[1, 2]', '[ "a" ]', '[\n  x\n]', 'null', '"""t"""', '-.5', '1e+3', 'meet.example.com'];

function layout(rnd: (n: number) => number, depth: number, indent: string, unit: string, eol: string, inline: boolean): string {
  const pick = <T>(list: readonly T[]): T => list[rnd(list.length)]!;
  const parts: string[] = [];
  for (let i = 1 + rnd(3); i > 0; i--) {
    let key = pick(KEYS);
    if (rnd(3) === 0) key += `.${pick(KEYS)}`;
    if (depth > 0 && rnd(2) === 0) {
      const style = inline ? 0 : rnd(4);
      if (style === 0) parts.push(`${indent}${key} { ${layout(rnd, depth - 1, '', unit, eol, true)} }`);
      else if (style === 1) parts.push(`${indent}${key}${eol}${indent}{${eol}${layout(rnd, depth - 1, indent + unit, unit, eol, false)}${eol}${indent}}`);
      else parts.push(`${indent}${key}${pick([' ', ': ', ' = '])}{${eol}${layout(rnd, depth - 1, indent + unit, unit, eol, false)}${eol}${indent}}`);
    } else {
      const value = pick(VALUES);
      const comment = !inline && rnd(5) === 0 ? pick([' # note', ' // note']) : '';
      parts.push(`${indent}${key}${pick([' = ', ': ', '=', ' : '])}${inline ? value.replace(/\n\s*/g, ' ') : value.replace(/\n/g, eol)}${comment}`);
    }
    if (!inline && rnd(6) === 0) parts.push(`${indent}// comment`);
    if (!inline && rnd(8) === 0) parts.push('');
  }
  return parts.join(inline ? ', ' : eol);
}

function files(count: number): string[] {
  const rnd = generator(20261123);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const eol = rnd(4) === 0 ? '\r\n' : '\n';
    const unit = ['  ', '\t', '    '][rnd(3)]!;
    let text = layout(rnd, 2, '', unit, eol, false) + (rnd(3) === 0 ? '' : eol);
    if (rnd(5) === 0) text = `{${eol}${text}${eol}}${eol}`;
    out.push(text);
  }
  return out;
}

/** What the CLI prints for a value; it reports a key set to null as missing. */
function cli(value: HoconValue | undefined): BatchAnswer {
  return value === undefined || value === null ? { missing: true } : { ok: JSON.parse(JSON.stringify(value)) as unknown };
}

/** Sources that set() writes back byte for byte (not `"""t"""`, `-.5`, `1e+3`, arrays or null). */
function rewritable(source: string, value: HoconValue): boolean {
  if (typeof value === 'number') return String(value) === source;
  if (typeof value === 'string') return !source.startsWith('"""');
  return typeof value === 'boolean';
}

describe('edits on generated layouts', () => {
  const texts = files(60);

  it('covers the layouts it means to', () => {
    const all = texts.join('\n');
    for (const form of ['\r\n', '\t', '"""t"""', '15 seconds', '{ ', '\n{', '// comment', ' # note', 'x-y.', '"q.k"']) expect(all).toContain(form);
    expect(texts.filter((t) => t.startsWith('{')).length).toBeGreaterThan(3);
  });

  it('keeps every other value, and ruby-hocon reads each changed path as get() does', () => {
    const questions: { text: string; keys: string[]; expected: BatchAnswer; what: string }[] = [];
    for (const text of texts) {
      const doc = parseJicofoConf(text);
      expect(doc.toString()).toBe(text);
      const leaves: [string[], HoconValue][] = [];
      const objects: string[][] = [];
      walk(doc, [], leaves, objects);
      const others = (edited: HoconDocument, except: string[], what: string): void => {
        for (const [path, value] of leaves) {
          if (!except.every((k, i) => path[i] === k)) expect([what, pathText(path), edited.get(path)]).toEqual([what, pathText(path), value]);
        }
      };
      const ask = (edited: HoconDocument, keys: string[], what: string): void => {
        expectEditInvariants(text, edited.edits, edited.toString());
        const top = keys.slice(0, 1);
        questions.push({ text: edited.toString(), keys: top, expected: cli(edited.get(top)), what: `${what} in ${JSON.stringify(text)}` });
      };

      for (const [path, value] of leaves) {
        const other: HoconInput = typeof value === 'number' ? value + 1 : 'new val';
        const set = parseJicofoConf(text).set(path, other);
        expect(set.get(path)).toEqual(other);
        others(set, path, `set ${pathText(path)}`);
        ask(set, path, `set ${pathText(path)}`);
        const [edit] = set.edits;
        if (value !== null && !Array.isArray(value) && !(value instanceof HoconSubstitution) && rewritable(text.slice(edit!.offset, edit!.offset + edit!.length), value)) {
          expect(
            parseJicofoConf(set.toString())
              .set(path, value as HoconInput)
              .toString(),
          ).toBe(text);
        }
        const deleted = parseJicofoConf(text).delete(path);
        expect(deleted.has(path)).toBe(false);
        others(deleted, path, `delete ${pathText(path)}`);
        ask(deleted, path, `delete ${pathText(path)}`);
      }
      for (const parent of [[], ...objects]) {
        for (const [keys, value] of [
          [[...parent, 'z'], 5],
          [[...parent, 'n', 'm'], 'v'],
        ] as [string[], HoconInput][]) {
          const inserted = parseJicofoConf(text).set(keys, value);
          expect(inserted.get(keys)).toEqual(value);
          expect(inserted.edits.map((e) => e.length)).toEqual([0]);
          others(inserted, keys, `insert ${pathText(keys)}`);
          ask(inserted, keys, `insert ${pathText(keys)}`);
        }
      }
    }
    expect(questions.length).toBeGreaterThan(800);
    if (typesafe) {
      const answers = typesafeParse(questions.map((q) => q.text));
      questions.forEach((q, i) => {
        const answer = answers[i]!;
        expect([q.what, 'ok' in answer ? disagreements(documentTree(parseJicofoConf(q.text)), answer.ok) : answer]).toEqual([q.what, []]);
      });
    }
    if (!hocon) return;
    const answers = hoconGetBatch(questions.map((q) => ({ text: q.text, path: pathText(q.keys) })));
    questions.forEach((q, i) => expect([q.what, answers[i]]).toEqual([q.what, q.expected]));
  }, 60_000);
});
