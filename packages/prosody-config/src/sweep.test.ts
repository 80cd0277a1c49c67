/**
 * A sweep over the real corpus (every .cfg.lua, wild/ included): in every section, every setting
 * with a literal value is set to another value of its type and back, deleted and re-added, and
 * every string list gets an item added and removed and each of its items removed; after every
 * section a VirtualHost is added and removed again. Each result keeps the edit invariants, edits
 * only the value it means to (bytes elsewhere untouched), and reads back; set-and-back and
 * add-and-remove give the original bytes. A deterministic sample of the results is compiled by
 * luac5.4 and evaluated by lua5.4: the effective settings differ from the original's by exactly
 * the change. The same files with CRLF line endings get edits that write CRLF only.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, assertValidEdits } from '@jitsi-confkit/core';
import { FileReference, parseProsodyConfig, type LuaValue, type Scope } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { rangeOf } from './lua.js';
import { buildModel } from './model.js';
import { evaluateMany, luacCheckMany, requireProgram, type Evaluated } from './test-support/evaluate.js';

const available = corpusAvailable();
const hasLua = available && requireProgram('lua5.4') && requireProgram('luac5.4');

/** A string that would leave a careless literal in every way Lua allows. */
const HOSTILE = 'x" \' ]] ]=] --[[ \\ \\065 \n \r \0 \x7f é';
/** Evaluate one variant in SAMPLE with lua5.4 (all 5000 take about half a minute; SAMPLE = 1 checks them all). */
const SAMPLE = 7;

function changed(v: LuaValue): LuaValue {
  if (typeof v === 'string') return v + HOSTILE;
  if (typeof v === 'number') return Number.isInteger(v) ? v + 1 : v + 0.5;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return [...v, 'confkit_probe'];
  if (v instanceof FileReference) return v;
  return { ...v, confkit_probe: HOSTILE };
}

/** A Lua value as eval-stub.lua prints it (an empty table is `[]`). */
function asEvaluated(v: LuaValue): unknown {
  if (Array.isArray(v)) return v.map(asEvaluated);
  if (v instanceof FileReference) return String(v);
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? [] : Object.fromEntries(keys.map((k) => [k, asEvaluated(v[k]!)]));
  }
  return v;
}

interface Variant {
  label: string;
  base: Evaluated;
  text: string;
  /** The expected effective settings, from the original's. */
  expected: (base: Evaluated) => Evaluated;
}

/** The original's effective settings with `key` of `scope` changed to `value` (undefined: deleted). */
function withChange(base: Evaluated, owners: Map<string, Set<string>>, scope: Scope, key: string, value: LuaValue | undefined): Evaluated {
  const e = structuredClone(base);
  const put = (o: Record<string, unknown>, v: unknown): void => {
    if (v === undefined) delete o[key];
    else o[key] = v;
  };
  const v = value === undefined ? undefined : asEvaluated(value);
  if (scope === 'global') {
    put(e.global, v);
    for (const [name, h] of Object.entries(e.hosts)) if (!owners.get(name)?.has(key)) put(h.settings, v);
  } else {
    const name = 'host' in scope ? scope.host : scope.component;
    put(e.hosts[name]!.settings, v ?? e.global[key]);
  }
  return e;
}

/**
 * `text` as a round trip through a non-empty list gives it back: `{}` gets `{ "x" }`, and
 * removing the item leaves `{ }` (the one byte this sweep allows to differ: `{ }` is the more
 * common spelling, and it round-trips exactly).
 */
function emptied(text: string, valueStart: number): string {
  return text.startsWith('{}', valueStart) ? `${text.slice(0, valueStart)}{ }${text.slice(valueStart + 2)}` : text;
}

/** Empty tables as eval-stub.lua prints them (`[]`), whatever JS made them. */
function emptyAsList(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(emptyAsList);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? [] : Object.fromEntries(keys.map((k) => [k, emptyAsList((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** Warnings without their line numbers (an edit may move lines), in order; empty tables as `[]`. */
function comparable(e: Evaluated | { error: string }): unknown {
  if ('error' in e) return e;
  return emptyAsList({ ...e, warnings: e.warnings.map((w) => w.replace(/^\d+: /, '')) });
}

const files = available ? corpusFiles('prosody', ['.cfg.lua']) : [];

describe.skipIf(!available)('sweep over every literal setting of the corpus', () => {
  const variants: Variant[] = [];

  it.each(files)('%s', (rel) => {
    const text = readCorpusLatin1(rel);
    const model = buildModel(text);
    const base = hasLua ? evaluateMany([text])[0]! : undefined;
    const owners = new Map<string, Set<string>>();
    for (const s of model.sections) {
      if (s.name === undefined) continue;
      const own = owners.get(s.name) ?? new Set<string>();
      for (const i of s.items) if (i.kind === 'setting') own.add(i.key);
      owners.set(s.name, own);
    }
    const record = (label: string, out: string, expected: Variant['expected']): void => {
      if (base && !('error' in base)) variants.push({ label: `${rel} ${label}`, base, text: out, expected });
    };
    const done = new Set<string>();
    for (const section of model.sections) {
      if (section.kind !== 'global' && section.name === undefined) continue;
      const scope: Scope = section.kind === 'global' ? 'global' : section.kind === 'VirtualHost' ? { host: section.name! } : { component: section.name! };
      if (scope !== 'global' && !done.has(JSON.stringify(scope))) {
        // A host added after the section, then removed: the original bytes.
        done.add(JSON.stringify(scope));
        const probe = { host: 'confkit-probe.example' };
        const added = parseProsodyConfig(text, { encoding: 'latin1' }).addVirtualHost(probe.host, { confkit_probe: HOSTILE }, { after: scope });
        assertValidEdits(text, added.edits);
        const names = added.sections().map((s) => s.name);
        expect(names[names.lastIndexOf(section.name) + 1]).toBe(probe.host);
        record(`${JSON.stringify(scope)} addVirtualHost after`, added.toString(), (b) => {
          const e = structuredClone(b);
          e.hosts[probe.host] = { kind: 'VirtualHost', settings: { ...b.global, confkit_probe: HOSTILE } };
          return e;
        });
        added.removeSection(probe);
        expect(added.toString(), `${JSON.stringify(scope)}: add and remove a host after it`).toBe(text);
      }
      for (const item of section.items) {
        if (item.kind !== 'setting') continue;
        const key = item.key;
        const id = `${JSON.stringify(scope)} ${key}`;
        if (done.has(id)) continue;
        done.add(id);
        const original = parseProsodyConfig(text, { encoding: 'latin1' });
        let value: LuaValue;
        try {
          // The corpus holds no Prosody 13 helpers: every value read is a literal.
          value = original.get(scope, key) as LuaValue;
        } catch {
          continue; // not a literal: refused elsewhere
        }
        if (value instanceof FileReference) continue; // Prosody 13 reads it from a file: lua5.4 alone cannot evaluate it
        expect(original.lookup(scope, key)?.from).toBe('section');
        const at = original.locate(scope, key)!.offset;
        const node = model.sections.flatMap((s) => s.items).find((i) => i.kind === 'setting' && i.range[0] === at);
        const [vStart, vEnd] = rangeOf(node!.kind === 'setting' ? node!.value : node!.statement);

        // Set to another value of the same type: edits only inside the value, reads back; then back.
        const other = changed(value);
        const set = parseProsodyConfig(text, { encoding: 'latin1' }).set(scope, key, other);
        assertValidEdits(text, set.edits);
        expect(applyEdits(text, set.edits)).toBe(set.toString());
        for (const e of set.edits) {
          expect(e.offset, `${id}: edit before the value`).toBeGreaterThanOrEqual(vStart);
          expect(e.offset + e.length, `${id}: edit after the value`).toBeLessThanOrEqual(vEnd);
        }
        expect(parseProsodyConfig(set.toString(), { encoding: 'latin1' }).get(scope, key)).toEqual(other);
        record(`${id} set`, set.toString(), (b) => withChange(b, owners, scope, key, other));
        set.set(scope, key, value);
        expect(set.toString(), `${id}: set and back`).toBe(emptied(text, vStart));

        // Delete, then add back (at the end of the section: same effective settings).
        const deleted = parseProsodyConfig(text, { encoding: 'latin1' }).delete(scope, key);
        assertValidEdits(text, deleted.edits);
        expect(deleted.lookup(scope, key)?.from).not.toBe('section');
        record(`${id} delete`, deleted.toString(), (b) => withChange(b, owners, scope, key, undefined));
        deleted.set(scope, key, value);
        expect(deleted.get(scope, key)).toEqual(value);
        record(`${id} delete and re-add`, deleted.toString(), (b) => b);

        if (Array.isArray(value) && value.every((x) => typeof x === 'string')) {
          const list = value;
          const added = parseProsodyConfig(text, { encoding: 'latin1' }).addToList(scope, key, HOSTILE);
          expect(added.get(scope, key)).toEqual([...list, HOSTILE]);
          record(`${id} add`, added.toString(), (b) => withChange(b, owners, scope, key, [...list, HOSTILE]));
          added.removeFromList(scope, key, HOSTILE);
          expect(added.toString(), `${id}: add and remove`).toBe(emptied(text, vStart));
          for (const item of new Set(list)) {
            const removed = parseProsodyConfig(text, { encoding: 'latin1' }).removeFromList(scope, key, item);
            const rest = list.filter((x) => x !== item);
            expect(removed.get(scope, key)).toEqual(rest);
            record(`${id} remove ${item}`, removed.toString(), (b) => withChange(b, owners, scope, key, rest));
          }
        }
      }
    }
  });

  it.skipIf(!hasLua)(
    'a sample of the results compiles and differs from the original by exactly the change (lua5.4)',
    () => {
      expect(variants.length).toBeGreaterThan(4000);
      const sample = variants.filter((_, i) => i % SAMPLE === 0);
      const failures = luacCheckMany(sample.map((v) => v.text));
      expect([...failures].map(([i, m]) => `${sample[i]!.label}: ${m}`)).toEqual([]);
      const evaluated = evaluateMany(sample.map((v) => v.text));
      sample.forEach((v, i) => {
        expect(comparable(evaluated[i]!), v.label).toEqual(comparable(v.expected(v.base)));
      });
    },
    60_000,
  );
});

describe.skipIf(!available)('the corpus with CRLF line endings: edits write CRLF only', () => {
  it.each(files)('%s', (rel) => {
    const text = readCorpusLatin1(rel).replace(/\r?\n/g, '\r\n');
    const model = buildModel(text);
    for (const section of model.sections) {
      if (section.kind !== 'global' && section.name === undefined) continue;
      const scope: Scope = section.kind === 'global' ? 'global' : section.kind === 'VirtualHost' ? { host: section.name! } : { component: section.name! };
      const ops: [string, (cfg: ReturnType<typeof parseProsodyConfig>) => unknown][] = [
        ['set a new key', (cfg) => cfg.set(scope, 'confkit_probe', { a: [1, 2] })],
        ['addToList', (cfg) => cfg.addToList(scope, 'modules_enabled', 'confkit_probe')],
      ];
      if (scope !== 'global') {
        ops.push(['addVirtualHost after', (cfg) => cfg.addVirtualHost('confkit-probe.example', { a: 1 }, { after: scope })]);
        ops.push(['removeSection', (cfg) => cfg.removeSection(scope)]);
      }
      for (const item of section.items) {
        if (item.kind !== 'setting') continue;
        let value: LuaValue | undefined;
        try {
          value = parseProsodyConfig(text, { encoding: 'latin1' }).get(scope, item.key) as LuaValue | undefined;
        } catch {
          continue;
        }
        if (Array.isArray(value)) ops.push([`append to ${item.key}`, (cfg) => cfg.set(scope, item.key, [...value, 'q', 'r'])]);
        else if (typeof value === 'object' && !(value instanceof FileReference))
          ops.push([`add keys to ${item.key}`, (cfg) => cfg.set(scope, item.key, { ...value, zz: 1, yy: 'q' })]);
        ops.push([`delete ${item.key}`, (cfg) => cfg.delete(scope, item.key)]);
      }
      for (const [label, op] of ops) {
        const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
        op(cfg);
        expect(/(^|[^\r])\n/.test(cfg.toString()), `${JSON.stringify(scope)} ${label}`).toBe(false);
      }
    }
  });
});
