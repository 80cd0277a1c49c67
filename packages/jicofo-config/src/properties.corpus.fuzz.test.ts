/**
 * A bounded, seeded fuzz test over the real corpus: every sip-communicator.properties and .env
 * file, mutated as in corpus.fuzz.test.ts, a few thousand cases, each then edited once (a key set
 * to a hostile value, a key added, a key deleted). Every outcome must be either a typed error with
 * a sane position (the document left as it was) or a text that java.util.Properties (one batch)
 * reads exactly as parseProperties() does, with the edit's key changed and no other; and the work
 * stays under a bound proportional to the text's length.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UnsupportedEditError } from '@jitsi-confkit/core';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { parseProperties, type PropertiesDocument } from './index.js';
import { bound, DELIBERATE, generator, measured, mutate, parseCase, pick, WORK_PER_CHAR, type Refusal, type Rnd } from './test-support/fuzz.js';
import { javaAvailable, javaProperties } from './test-support/java-properties.js';

const available = corpusAvailable();
const CASES = 2500;

/** Another value for a property, hostile ones included. */
function anotherProperty(rnd: Rnd): string {
  return pick(rnd, ['XMPP:meet.example.com', '', ' lead', 'trail\\', 'a\nb', '=x', '#!', 'é 日本 😀', '\\u0041', '\r\n']);
}

function values(doc: PropertiesDocument): Record<string, string> {
  return Object.fromEntries(
    doc
      .keys()
      .sort()
      .map((k) => [k, doc.get(k)!]),
  );
}

describe.skipIf(!available)('fuzz: mutated real .properties and .env files', () => {
  it(`${CASES} cases: a typed error with a sane position, or a text java.util.Properties reads as parseProperties does`, () => {
    const sources = corpusFiles('jicofo', ['.properties', '.env']).map(readCorpus);
    expect(sources.length).toBeGreaterThanOrEqual(8);
    const rnd = generator(20261205);
    const accepted: { text: string; values: Record<string, string>; what: string }[] = [];
    const refused: Refusal[] = [];
    let editRefusals = 0;
    const stats = { maxRatio: 0 };
    for (let i = 0; i < CASES; i++) {
      const { kind, text } = mutate(sources[i % sources.length]!, rnd, false);
      const what = `case ${i} (${kind})`;
      const doc = parseCase(text, what, parseProperties, refused, stats);
      if (doc === undefined) continue;
      accepted.push({ text, values: values(doc), what });
      const keys = doc.keys().filter((k) => /^[A-Za-z0-9_.-]+$/.test(k));
      const key = keys.length > 0 && rnd(3) > 0 ? pick(rnd, keys) : 'confkit.new';
      const value = anotherProperty(rnd);
      const remove = rnd(3) === 0;
      const edited = parseProperties(text);
      let error: unknown;
      const editWork = measured(() => {
        try {
          if (remove) edited.delete(key);
          else edited.set(key, value);
        } catch (e) {
          error = e;
        }
      });
      expect([what, editWork <= bound(2 * edited.toString().length + text.length)]).toEqual([what, true]);
      if (error !== undefined) {
        expect([what, error instanceof UnsupportedEditError]).toEqual([what, true]);
        expect([edited.toString(), edited.changed]).toEqual([text, false]);
        editRefusals++;
        continue;
      }
      const expected = { ...values(doc) };
      if (remove) delete expected[key];
      else expected[key] = value;
      expect([what, values(edited)]).toEqual([what, Object.fromEntries(Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]);
      accepted.push({ text: edited.toString(), values: values(edited), what: `${what}, ${remove ? 'delete' : 'set'} ${key}` });
    }
    expect(refused.length).toBeGreaterThan(CASES / 20);
    expect(accepted.length).toBeGreaterThan(CASES / 2);
    expect(editRefusals).toBeLessThan(CASES / 20);
    expect(stats.maxRatio).toBeLessThanOrEqual(WORK_PER_CHAR);
    if (!javaAvailable()) return;
    const dir = mkdtempSync(join(tmpdir(), 'confkit-props-corpus-fuzz-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const all = [...accepted, ...refused];
    const files = all.map((c, i) => {
      const file = join(dir, `${i}.properties`);
      writeFileSync(file, c.text);
      return file;
    });
    const java = javaProperties(files);
    accepted.forEach((a, i) => expect([a.what, java[i]]).toEqual([a.what, a.values]));
    // Where java.util.Properties reads what we refuse, the refusal is binary data (deliberate).
    refused.forEach((r, i) => {
      if (java[accepted.length + i] !== null) expect([r.what, r.message]).toEqual([r.what, expect.stringMatching(DELIBERATE)]);
    });
    expect(refused.some((r) => java[accepted.length + refused.indexOf(r)] === null)).toBe(true);
  }, 300_000);
});
