/**
 * A property-style sweep over the real corpus (deterministic sample): for literal paths of every
 * interface_config.js and config.js (top-level keys, and nested paths in config.js), set a
 * different value of the same type and back, delete and re-add, add to and remove from arrays.
 * Each result must keep the edit invariants, evaluate in node:vm to exactly the intended object,
 * and setting the old value back (or removing what was added) must give back the original bytes.
 */
import { isHostname, UnsupportedEditError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { BROWSERS, type JsValue, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

const available = corpusAvailable();
const INVALID = 'config/wild/shcare-docker-2023-09-assignment-style-guest.js';
/**
 * How many paths of each file the sweep takes, evenly spread over the file's paths (a few seconds
 * in all); JITSI_CONFKIT_SWEEP=full takes every path (about 8,000 operations).
 */
const PER_FILE = process.env.JITSI_CONFKIT_SWEEP === 'full' ? Infinity : 8;

type Root = 'interfaceConfig' | 'config';
type Data = { [key: string]: unknown };
const files: [Root, string][] = available
  ? [
      ...corpusFiles('interface_config', ['.js']).map((f): [Root, string] => ['interfaceConfig', f]),
      ...corpusFiles('config', ['.js'])
        .filter((f) => f !== INVALID)
        .map((f): [Root, string] => ['config', f]),
    ]
  : [];

function paths(value: unknown, prefix: string[], nested: boolean, out: string[][] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)) continue;
    out.push([...prefix, k]);
    if (nested) paths(v, [...prefix, k], nested, out);
  }
  return out;
}

function withPath(object: unknown, keys: readonly string[], value: unknown): Data {
  const copy: Data = { ...(object as Data) };
  const [key, ...rest] = keys;
  if (rest.length === 0) {
    if (value === undefined) delete copy[key!];
    else copy[key!] = value;
  } else {
    copy[key!] = withPath(copy[key!], rest, value);
  }
  return copy;
}

/** A different value of the same type (hostile characters in strings, valid names where validated). */
function other(value: JsValue, path: string): JsValue | undefined {
  if (typeof value === 'string') {
    if (path.startsWith('hosts.')) return isHostname(value) ? `alt.${value}` : undefined;
    return `${value}'"\\\`\${x}</script>\u2028😀`;
  }
  if (typeof value === 'number') return value === 0 ? 1.5e-7 : -value * 3;
  if (typeof value === 'boolean') return !value;
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    if (path.endsWith('_BROWSERS')) {
      const missing = BROWSERS.find((b) => !value.includes(b));
      return missing ? [...value, missing] : value.slice(1);
    }
    return value.every((v) => typeof v === 'string') ? [...value, 'zz-new'] : [...value, 'zz-new', { zz: [1, null] }];
  }
  return { ...value, zz_new: [1, 'a'] };
}

describe.skipIf(!available)('real corpus: sweep of set, delete and array edits', () => {
  it.each(files)('%s %s', (root, rel) => {
    const text = readCorpus(rel);
    const parse = (t: string) => (root === 'config' ? parseMeetConfig(t) : parseInterfaceConfig(t));
    const before = evaluateConfig(text, root);
    const all = paths(before, [], root === 'config');
    const stride = Math.max(1, Math.floor(all.length / PER_FILE));
    const sample = all.filter((_, i) => i % stride === 0);
    let checked = 0;
    for (const keys of sample) {
      const path = keys.join('.');
      let value: JsValue | undefined;
      try {
        value = parse(text).get(path);
      } catch (error) {
        expect(error).toBeInstanceOf(UnsupportedEditError);
        continue;
      }
      if (value === undefined) continue;
      const current = value;
      const expectResult = (doc: ReturnType<typeof parse>, expected: unknown, identical: boolean): void => {
        expectEditInvariants(text, doc.edits, doc.toString());
        expect(evaluateConfig(doc.toString(), root), `${rel} ${path}`).toEqual(expected);
        if (identical) expect(doc.toString() === text, `${rel} ${path}: text given back`).toBe(true);
      };

      const changed = other(current, path);
      if (changed !== undefined) {
        let doc: ReturnType<typeof parse> | undefined;
        try {
          doc = parse(text).set(path, changed);
        } catch (error) {
          // Documented refusal: a later assignment writes part of the value (docker's style).
          expect((error as Error).message, `${rel} ${path}`).toContain('a later assignment to');
        }
        if (doc) {
          expectResult(doc, withPath(before, keys, changed), false);
          try {
            doc.set(path, current);
            expectResult(doc, before, true);
          } catch (error) {
            // The same refusal when the value set back drops a key that became an assignment.
            expect((error as Error).message, `${rel} ${path}`).toContain('a later assignment to');
          }
        }
      }
      expectResult(parse(text).delete(path), withPath(before, keys, undefined), false);
      expectResult(parse(text).delete(path).set(path, current), before, false);
      if (Array.isArray(current)) {
        const item: JsValue = path.endsWith('_BROWSERS') ? (BROWSERS.find((b) => !current.includes(b)) ?? 'webkit') : 'zz-new';
        if (!current.includes(item)) {
          expectResult(parse(text).addToArray(path, item), withPath(before, keys, [...current, item]), false);
          expectResult(parse(text).addToArray(path, item).removeFromArray(path, item), before, true);
        }
        for (const element of new Set([current[0], current[current.length - 1]])) {
          if (element === undefined) continue;
          const kept = current.filter((v) => JSON.stringify(v) !== JSON.stringify(element));
          expectResult(parse(text).removeFromArray(path, element), withPath(before, keys, kept), false);
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
