/**
 * An edit sweep over every real jicofo.conf (wild/ included), the way admins and tools use the
 * library: every literal leaf is set to another value of its type and back, and deleted; every
 * object (the root too) gets a new key and a new nested object. Each edit must be one splice that
 * leaves the rest of the file alone and every other path's value unchanged; set-and-back must give
 * the original bytes. Typesafe Config (what Jicofo reads with) reads every result in one batch
 * and must agree with get() on every value of the file; Debian's ruby-hocon reads the changed
 * path of a deterministic sample of the results (every n-th edit of each kind, about 15 per kind
 * and file: each read parses the whole file in Ruby) and must agree with get().
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { pathText } from './hocon/format.js';
import { parseJicofoConf, type HoconDocument, type HoconInput, type HoconValue } from './index.js';
import { hoconGetBatch, type BatchAnswer } from './test-support/hocon-batch.js';
import { hoconAvailable } from './test-support/hocon-cli.js';
import { walk } from './test-support/paths.js';
import { disagreements, documentTree, typesafeAvailable, typesafeParse } from './test-support/typesafe.js';

const available = corpusAvailable();
const confs = available ? corpusFiles('jicofo', ['.conf']) : [];
const hocon = available && hoconAvailable();
const typesafe = available && typesafeAvailable();
const PER_KIND = 15;

type Kind = 'set' | 'delete' | 'insert';
interface Check {
  kind: Kind;
  text: string;
  keys: string[];
  expected: BatchAnswer;
}

/** Another value of the same type, or undefined for values set() does not write (null, substitutions). */
function another(value: HoconValue): HoconInput | undefined {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 7;
  if (typeof value === 'string') return `${value}-x`;
  if (Array.isArray(value)) return [...(value as HoconInput[]), 'confkit.example.com'];
  return undefined;
}

/** Plain JSON data, as the CLI prints it. */
function plain(value: HoconValue | undefined): BatchAnswer {
  return value === undefined ? { missing: true } : { ok: JSON.parse(JSON.stringify(value)) as unknown };
}

const isUnder = (path: string[], prefix: string[]): boolean => prefix.every((k, i) => path[i] === k);

function expectOthersUnchanged(doc: HoconDocument, leaves: [string[], HoconValue][], except: string[]): void {
  for (const [path, value] of leaves) {
    if (!isUnder(path, except)) expect([pathText(path), doc.get(path)]).toEqual([pathText(path), value]);
  }
}

/** Every n-th check of each kind, so that each kind gets about PER_KIND oracle reads. */
function sample(checks: Check[]): Check[] {
  return (['set', 'delete', 'insert'] as const).flatMap((kind) => {
    const all = checks.filter((c) => c.kind === kind);
    const stride = Math.max(1, Math.ceil(all.length / PER_KIND));
    return all.filter((_, i) => i % stride === 0);
  });
}

describe.skipIf(!available)('edit sweep over every real jicofo.conf', () => {
  it.each(confs)(
    '%s',
    (rel) => {
      const text = readCorpus(rel);
      const leaves: [string[], HoconValue][] = [];
      const objects: string[][] = [];
      walk(parseJicofoConf(text), [], leaves, objects);
      const checks: Check[] = [];
      let edited = 0;

      for (const [path, value] of leaves) {
        const other = another(value);
        if (other === undefined) continue;
        const doc = parseJicofoConf(text).set(path, other);
        const out = doc.toString();
        expectEditInvariants(text, doc.edits, out);
        expect(doc.edits.length).toBe(1);
        const [edit] = doc.edits;
        expect(edit!.offset).toBe(parseJicofoConf(text).locate(path)!.offset);
        expect(doc.get(path)).toEqual(other);
        expectOthersUnchanged(doc, leaves, path);
        checks.push({ kind: 'set', text: out, keys: path, expected: plain(doc.get(path)) });

        const back = parseJicofoConf(out).set(path, value as HoconInput);
        const oldSource = text.slice(edit!.offset, edit!.offset + edit!.length);
        // An array is written on one line, and `[  ]` as `[]`: only those come back byte for byte.
        const restorable = !Array.isArray(value) || (value.length > 0 && !oldSource.includes('\n'));
        if (restorable) expect(back.toString()).toBe(text);
        else expect(back.get(path)).toEqual(value);

        const deleted = parseJicofoConf(text).delete(path);
        expectEditInvariants(text, deleted.edits, deleted.toString());
        expect(deleted.has(path)).toBe(false);
        expectOthersUnchanged(deleted, leaves, path);
        checks.push({ kind: 'delete', text: deleted.toString(), keys: path, expected: { missing: true } });
        edited += 2;
      }

      for (const parent of [[], ...objects]) {
        for (const [keys, value] of [
          [[...parent, 'confkit-new'], 'meet.example.com'],
          [[...parent, 'confkit-obj', 'inner'], true],
        ] as [string[], HoconInput][]) {
          const doc = parseJicofoConf(text).set(keys, value);
          const out = doc.toString();
          expectEditInvariants(text, doc.edits, out);
          expect(doc.edits.map((e) => e.length)).toEqual([0]);
          expect(doc.get(keys)).toEqual(value);
          expectOthersUnchanged(doc, leaves, keys);
          const top = keys.slice(0, parent.length + 1);
          checks.push({ kind: 'insert', text: out, keys: top, expected: plain(doc.get(top)) });
          edited++;
        }
      }

      expect(edited).toBeGreaterThan(2 * objects.length);
      if (typesafe) {
        const answers = typesafeParse(checks.map((c) => c.text));
        checks.forEach((c, i) => {
          const answer = answers[i]!;
          const what = `${c.kind} ${pathText(c.keys)}`;
          expect([what, 'ok' in answer ? disagreements(documentTree(parseJicofoConf(c.text)), answer.ok) : answer]).toEqual([what, []]);
        });
      }
      if (!hocon) return;
      const picked = sample(checks);
      expect(picked.length).toBeGreaterThanOrEqual(Math.min(checks.length, PER_KIND));
      const answers = hoconGetBatch(picked.map((c) => ({ text: c.text, path: pathText(c.keys) })));
      picked.forEach((c, i) => expect([c.kind, pathText(c.keys), answers[i]]).toEqual([c.kind, pathText(c.keys), c.expected]));
    },
    60_000,
  );
});
