/**
 * A bounded, seeded fuzz test over the real corpus: every jicofo.conf, mutated (characters
 * flipped, tokens inserted, ranges deleted, truncated, binary garbage, deep nesting, very long
 * lines, chunks duplicated), a few thousand cases, each then edited once. Every outcome must be
 * either a typed error with a sane position (ConfigSyntaxError for a text, UnsupportedEditError or
 * ValidationError for an edit, the document left as it was) or a text that Typesafe Config (one
 * batch) and ruby-hocon accept, with the values get() reads. The work each parse and edit does
 * (the loops' turns, see work.ts) stays under a bound proportional to the text's length: never a
 * wall-clock limit.
 *
 * The real readers are slow on the heavy cases (Typesafe Config and ruby-hocon join a long
 * concatenation in quadratic time and walk deep nesting slowly), so only the first few deep and
 * long-line cases of each outcome go to them; every case is checked for typed errors and work.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { pathText } from './hocon/format.js';
import { parseJicofoConf, type HoconDocument, type HoconInput, type HoconValue } from './index.js';
import { bound, DELIBERATE, forOracle, generator, measured, mutate, parseCase, pick, WORK_PER_CHAR, type Refusal, type Rnd } from './test-support/fuzz.js';
import { hoconParseBatch } from './test-support/hocon-batch.js';
import { hoconAvailable } from './test-support/hocon-cli.js';
import { walk } from './test-support/paths.js';
import { disagreements, documentTree, typesafeAvailable, typesafeParse } from './test-support/typesafe.js';

const available = corpusAvailable();
const CASES = 2500;

/** Another value for a leaf, hostile strings included. */
function anotherHocon(value: HoconValue, rnd: Rnd): HoconInput {
  if (typeof value === 'number') return pick(rnd, [value + 1, -0, 1e21, 2 ** 64, 0.5]);
  if (typeof value === 'boolean') return !value;
  return pick(rnd, ['x" }\nb = ${X}', 'meet.example.com', '24 hours', '', 'é\u2028', 'include "x"', '[1]', 5, true, ['a', 1], { k: 'v', n: { m: 2 } }]);
}

interface HoconOutput {
  text: string;
  tree: Record<string, unknown>;
  what: string;
}

describe.skipIf(!available)('fuzz: mutated real jicofo.conf files', () => {
  it(`${CASES} cases: a typed error with a sane position, or a text Typesafe Config and ruby-hocon accept with get()'s values`, () => {
    const sources = corpusFiles('jicofo', ['.conf']).map(readCorpus);
    expect(sources.length).toBeGreaterThanOrEqual(10);
    const rnd = generator(20261204);
    const accepted: HoconOutput[] = [];
    const refused: Refusal[] = [];
    const kinds = new Map<string, number>();
    let editRefusals = 0;
    const stats = { maxRatio: 0 };
    for (let i = 0; i < CASES; i++) {
      const source = sources[i % sources.length]!;
      const { kind, text } = mutate(source, rnd, true);
      const what = `case ${i} (${kind})`;
      kinds.set(kind.split(' ')[0]!, (kinds.get(kind.split(' ')[0]!) ?? 0) + 1);
      const doc = parseCase(text, what, parseJicofoConf, refused, stats);
      if (doc === undefined) continue;
      accepted.push({ text, tree: documentTree(doc), what });
      // One edit of the parsed text: set a leaf, add a key, set an object, or delete.
      const leaves: [string[], HoconValue][] = [];
      const objects: string[][] = [];
      walk(doc, [], leaves, objects);
      const leaf = leaves.length > 0 ? pick(rnd, leaves) : undefined;
      const parent = pick(rnd, [[], ...objects]);
      const edits: [string, (d: HoconDocument) => unknown][] = [
        ['set a new key', (d) => d.set([...parent, 'confkit-new', 'k'], anotherHocon('', rnd))],
        ['set an object', (d) => d.set(parent.length > 0 ? parent : ['confkit'], { a: 1, b: anotherHocon('', rnd) })],
      ];
      if (leaf !== undefined) {
        edits.push([`set ${pathText(leaf[0])}`, (d) => d.set(leaf[0], anotherHocon(leaf[1], rnd))]);
        edits.push([`delete ${pathText(leaf[0])}`, (d) => d.delete(leaf[0])]);
      }
      const [name, edit] = pick(rnd, edits);
      const edited = parseJicofoConf(text);
      let error: unknown;
      const editWork = measured(() => {
        try {
          edit(edited);
        } catch (e) {
          error = e;
        }
      });
      expect([what, name, editWork <= bound(2 * edited.toString().length + text.length)]).toEqual([what, name, true]);
      if (error !== undefined) {
        expect([what, name, error instanceof UnsupportedEditError || error instanceof ValidationError]).toEqual([what, name, true]);
        expect([edited.toString(), edited.changed, edited.edits]).toEqual([text, false, []]);
        editRefusals++;
        continue;
      }
      accepted.push({ text: edited.toString(), tree: documentTree(edited), what: `${what}, ${name}` });
    }
    // Every kind of mutation was tried, and both outcomes happened often.
    expect([...kinds.keys()].sort()).toEqual(['deep', 'delete', 'duplicate', 'flip', 'garbage', 'insert', 'long', 'none', 'truncate']);
    expect(refused.length).toBeGreaterThan(CASES / 10);
    expect(accepted.length).toBeGreaterThan(CASES / 2);
    expect(editRefusals).toBeLessThan(CASES / 4);
    expect(stats.maxRatio).toBeLessThanOrEqual(WORK_PER_CHAR);

    const good = forOracle(accepted);
    const bad = forOracle(refused);
    if (typesafeAvailable()) {
      const answers = typesafeParse([...good.map((a) => a.text), ...bad.map((r) => r.text)]);
      good.forEach((a, i) => {
        const answer = answers[i]!;
        expect([a.what, 'ok' in answer ? 'accepted' : answer]).toEqual([a.what, 'accepted']);
        if ('ok' in answer) expect([a.what, disagreements(a.tree, answer.ok)]).toEqual([a.what, []]);
      });
      // Where Typesafe Config accepts what we refuse, the refusal is a deliberate one.
      bad.forEach((r, i) => {
        if ('ok' in answers[good.length + i]!) expect([r.what, r.message]).toEqual([r.what, expect.stringMatching(DELIBERATE)]);
      });
    }
    if (hoconAvailable()) {
      // ruby-hocon, unlike Typesafe Config, does not take U+FEFF for a space (not even a leading
      // byte order mark: it becomes part of the first key), so such texts are Typesafe Config's only.
      // It is slow (tens of milliseconds a text): every fourth text.
      const texts = good.filter((a, i) => i % 4 === 0 && !a.text.includes('\ufeff'));
      const answers = hoconParseBatch(texts.map((a) => a.text));
      texts.forEach((a, i) => expect([a.what, answers[i]]).toEqual([a.what, { ok: true }]));
    }
  }, 300_000);
});
