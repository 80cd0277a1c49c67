/**
 * Reading a state file's nodes into typed values, one problem per thing wrong (with its position),
 * and the JSON Schema of each kind of field next to the code that checks it.
 */
import { hostnameProblem, positionAt, printable } from '@jitsi-confkit/core';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { StateProblem, StateProblemCode } from './errors.js';
import type { JsonValue } from './types.js';

/** A JSON Schema (draft-07) object. */
export type JsonSchema = { [key: string]: unknown };

/** Collects the problems of one text (or of an intent built in code, when `text` is undefined). */
export class Problems {
  readonly list: StateProblem[] = [];
  constructor(readonly text: string | undefined) {}

  add(code: StateProblemCode, message: string, path: string, node: Node | null | undefined, intent?: number): void {
    const offset = this.text === undefined ? undefined : node?.range?.[0];
    this.list.push({
      code,
      message,
      path,
      ...(intent === undefined ? {} : { intent }),
      ...(offset === undefined || this.text === undefined ? {} : { position: positionAt(this.text, offset) }),
    });
  }
}

/** Where a value is: its path in the file's structure, the intent it belongs to, the problem list. */
export interface At {
  path: string;
  intent?: number;
  problems: Problems;
}

export function report(at: At, code: StateProblemCode, message: string, node: Node | null | undefined): void {
  at.problems.add(code, message, at.path === '' ? '(document)' : at.path, node, at.intent);
}

/** The path of field `name` of the mapping at `path` ('' is the document's top level). */
export function fieldPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** A kind of field: how to read and check it, and its JSON Schema. */
export interface FieldType<T> {
  schema: JsonSchema;
  /** The value, or undefined after reporting what is wrong with it. */
  read(node: Node, at: At): T | undefined;
}

/** What a YAML node holds, in words, for "expected …, found …". */
export function found(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isAlias(node)) return `the alias *${node.source}`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `the string "${printable(v, 40)}"`;
    if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  }
  return 'something else';
}

function scalarString(node: Node, at: At, what: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  report(at, 'wrong-type', `expected ${what}, found ${found(node)}`, node);
  return undefined;
}

/** Any string. */
export function text(what: string): FieldType<string> {
  return {
    schema: { type: 'string' },
    read: (node, at) => scalarString(node, at, what),
  };
}

/** One of `names`. */
export function oneOf<T extends string>(names: readonly T[], what: string): FieldType<T> {
  return {
    schema: { type: 'string', enum: [...names] },
    read(node, at) {
      const value = scalarString(node, at, what);
      if (value === undefined) return undefined;
      if ((names as readonly string[]).includes(value)) return value as T;
      const near = closest(value, names);
      report(at, 'unknown-value', `unknown ${what} "${printable(value)}"${near === undefined ? '' : ` (did you mean ${near}?)`}: use one of ${names.join(', ')}`, node);
      return undefined;
    },
  };
}

/**
 * An RFC 1123 host name as core's validator takes it: lower-case letter-digit-hyphen labels of 1
 * to 63 characters, at most 253 in all, no `--` in positions 3-4 except punycode's `xn--`.
 */
export const HOST_PATTERN =
  '^(?=.{1,253}$)(?:(?!(?!xn--)[a-z0-9][a-z0-9-]--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*(?!(?!xn--)[a-z0-9][a-z0-9-]--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

export function hostName(what: string): FieldType<string> {
  return {
    schema: { type: 'string', pattern: HOST_PATTERN },
    read(node, at) {
      const value = scalarString(node, at, `a host name (${what})`);
      if (value === undefined) return undefined;
      const problem = hostnameProblem(value);
      if (problem === undefined) return value;
      report(at, 'bad-host', `invalid ${what} "${printable(value)}": ${problem}`, node);
      return undefined;
    },
  };
}

/** Plain data: strings, finite numbers, booleans, null, lists, mappings with string keys. */
export const jsonValue: FieldType<JsonValue> = {
  schema: {},
  read(node, at) {
    let ok = true;
    const walk = (n: Node | null, path: string): JsonValue => {
      const here: At = { ...at, path };
      if (n === null) return null;
      if (isMap(n)) {
        const out: { [key: string]: JsonValue } = {};
        for (const pair of n.items) {
          const key = pair.key as Node | null;
          if (!isScalar(key) || typeof key.value !== 'string') {
            ok = false;
            report(here, 'wrong-type', `a mapping key here must be a string, found ${found(key)} (quote it)`, key);
            continue;
          }
          Object.defineProperty(out, key.value, { value: walk(pair.value as Node | null, `${path}.${key.value}`), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      if (isSeq(n)) return n.items.map((item, i) => walk(item as Node | null, `${path}[${i}]`));
      if (isScalar(n)) {
        const v = n.value;
        if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
        if (typeof v === 'number' && Number.isFinite(v)) return v;
        ok = false;
        report(here, 'wrong-type', `expected a string, a finite number, true, false, null, a list or a mapping, found ${typeof v === 'number' ? String(v) : found(n)}`, n);
        return null;
      }
      ok = false;
      report(here, 'wrong-type', `expected plain data, found ${found(n)}`, n);
      return null;
    };
    const value = walk(node, at.path);
    return ok ? value : undefined;
  },
};

/** The fields of one mapping: read each once, then `finish` reports the ones nobody read. */
export class Fields {
  readonly #seen = new Set<string>();
  readonly #pairs = new Map<string, { key: Node; value: Node | null }>();

  constructor(
    readonly map: YAMLMap,
    readonly at: At,
  ) {
    for (const pair of map.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && typeof key.value === 'string') this.#pairs.set(key.value, { key, value: pair.value as Node | null });
      else report(at, 'wrong-type', `a key here must be a string, found ${found(key)}`, key);
    }
  }

  has(name: string): boolean {
    return this.#pairs.has(name);
  }

  node(name: string): Node | null | undefined {
    this.#seen.add(name);
    return this.#pairs.get(name)?.value;
  }

  required<T>(name: string, type: FieldType<T>, why?: string): T | undefined {
    if (!this.#pairs.has(name)) {
      this.#seen.add(name);
      report(this.at, 'missing-field', `${name} is missing${why === undefined ? '' : `: ${why}`}`, this.map);
      return undefined;
    }
    return this.optional(name, type);
  }

  optional<T>(name: string, type: FieldType<T>): T | undefined {
    this.#seen.add(name);
    const pair = this.#pairs.get(name);
    if (pair === undefined) return undefined;
    const at = { ...this.at, path: fieldPath(this.at.path, name) };
    if (pair.value === null) {
      report(at, 'wrong-type', `${name} is empty`, pair.key);
      return undefined;
    }
    return type.read(pair.value, at);
  }

  /** Reports a field that must not be there, given why. */
  refuse(name: string, why: string, code: StateProblemCode = 'unknown-field'): void {
    this.#seen.add(name);
    const pair = this.#pairs.get(name);
    if (pair !== undefined) report({ ...this.at, path: fieldPath(this.at.path, name) }, code, `${name} ${why}`, pair.key);
  }

  /** Reports every field not read, with the closest known name. */
  finish(known: readonly string[]): void {
    for (const [name, pair] of this.#pairs) {
      if (this.#seen.has(name)) continue;
      const near = closest(name, known);
      const hint = near === undefined ? `the fields here are ${known.join(', ')}` : `did you mean ${near}?`;
      report({ ...this.at, path: fieldPath(this.at.path, name) }, 'unknown-field', `unknown field ${printable(name)} (${hint})`, pair.key);
    }
  }
}

/** The name of `names` at most two edits away from `word` (the nearest), if any. */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = distance(word.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
