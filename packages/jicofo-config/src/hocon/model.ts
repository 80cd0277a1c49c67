/**
 * The effective configuration of a HOCON syntax tree under HOCON's merge rules: fields are
 * applied in document order, a later value wins, and two objects at the same path merge (so a
 * second root `jicofo { … }` block adds to the first). Each merged object remembers the syntax
 * that contributed to it, which is where new keys can be inserted.
 */
import { work } from '../work.js';
import { isNumberToken } from './number.js';
import type { FieldNode, ObjectNode, SimpleNode, ValueNode } from './syntax.js';

/** A value as plain data. Substitutions (and other values that need resolving) are HoconSubstitution. */
export type HoconValue = string | number | boolean | null | HoconSubstitution | HoconValue[] | { [key: string]: HoconValue };

/**
 * A value that is not a literal: `${VAR}`, `${?VAR}`, a concatenation that contains one, or a
 * `+=` append. It is kept as written; this library never resolves it.
 */
export class HoconSubstitution {
  constructor(
    /** The path inside `${…}` for a lone substitution, else the whole source text of the value. */
    readonly substitution: string,
    /** True for `${?…}`. */
    readonly optional: boolean,
    /** The value's source text, as written in the file. */
    readonly source: string,
  ) {}
}

/** Where an object got its keys from: a `{ … }` block, or a dotted key such as `a.b.c = 1` (for `a` and `a.b`). */
export type Contributor = { kind: 'block'; node: ObjectNode } | { kind: 'dotted'; field: FieldNode; parent: ObjectNode; depth: number };

export interface MergedObject {
  kind: 'object';
  entries: Map<string, Merged>;
  contributors: Contributor[];
  /**
   * A value that is not a literal (`b = ${X}`) that this object was merged onto (`b { k = 1 }`):
   * HOCON merges the object with whatever it resolves to, so the object as a whole is unknown
   * (its own keys still are).
   */
  base?: MergedLeaf;
}

/** A value: the field that wrote it (its value is `field.value`, read through the field, so that replacing it there replaces it here). */
export interface MergedLeaf {
  kind: 'leaf';
  field: FieldNode;
}

export type Merged = MergedObject | MergedLeaf;

export function mergeDocument(root: ObjectNode): MergedObject {
  const top: MergedObject = { kind: 'object', entries: new Map(), contributors: [{ kind: 'block', node: root }] };
  addMembers(top, root);
  return top;
}

/** A new object in place of `previous`, merged onto it when it is a value that needs resolving. */
function newObject(previous?: Merged): MergedObject {
  const object: MergedObject = { kind: 'object', entries: new Map(), contributors: [] };
  if (previous?.kind === 'leaf' && previous.field.value.kind !== 'array' && !isLiteral(previous.field.value)) object.base = previous;
  return object;
}

function addMembers(target: MergedObject, block: ObjectNode): void {
  for (const member of block.members) {
    work.count++;
    if (member.kind !== 'field') continue;
    let current = target;
    const path = member.path;
    for (let i = 0; i < path.length - 1; i++) {
      work.count++;
      const key = path[i]!;
      let next = current.entries.get(key);
      if (next?.kind !== 'object') {
        next = newObject(next);
        current.entries.set(key, next);
      }
      next.contributors.push({ kind: 'dotted', field: member, parent: block, depth: i + 1 });
      current = next;
    }
    const last = path[path.length - 1]!;
    if (member.value.kind === 'object') {
      let next = current.entries.get(last);
      if (next?.kind !== 'object') {
        next = newObject(next);
        current.entries.set(last, next);
      }
      next.contributors.push({ kind: 'block', node: member.value });
      addMembers(next, member.value);
    } else {
      current.entries.set(last, { kind: 'leaf', field: member });
    }
  }
}

/** The merged entry at `path`, or the first non-object found on the way (`blockedBy`). */
export function lookup(root: MergedObject, path: readonly string[]): { found?: Merged; deepest: MergedObject; depth: number; blockedBy?: MergedLeaf } {
  let current: MergedObject = root;
  for (let i = 0; i < path.length; i++) {
    const next = current.entries.get(path[i]!);
    if (next === undefined) return { deepest: current, depth: i };
    if (i === path.length - 1) return { found: next, deepest: current, depth: i };
    if (next.kind !== 'object') return { deepest: current, depth: i, blockedBy: next };
    current = next;
  }
  return { found: root, deepest: root, depth: 0 };
}

export function mergedValue(m: Merged, text: string): HoconValue {
  if (m.kind === 'leaf') return nodeValue(m.field.value, text);
  if (m.base !== undefined) {
    const source = text.slice(m.base.field.value.start, m.base.field.value.end);
    return new HoconSubstitution(source, false, source);
  }
  const out: { [key: string]: HoconValue } = {};
  for (const [key, entry] of m.entries) out[key] = mergedValue(entry, text);
  return out;
}

export function nodeValue(node: ValueNode, text: string): HoconValue {
  switch (node.kind) {
    case 'object':
      return mergedValue(mergeDocument(node), text);
    case 'array':
      return node.elements.map((e) => nodeValue(e, text));
    case 'opaque':
      return new HoconSubstitution(text.slice(node.start, node.end), false, text.slice(node.start, node.end));
    case 'simple':
      return simpleValue(node, text);
  }
}

function simpleValue(node: SimpleNode, text: string): HoconValue {
  const source = text.slice(node.start, node.end);
  const subs = node.tokens.filter((t) => t.type === 'substitution');
  if (subs.length > 0) {
    const only = node.tokens.length === 1 ? node.tokens[0] : undefined;
    if (only?.type === 'substitution') return new HoconSubstitution(only.path, only.optional, source);
    return new HoconSubstitution(source, false, source);
  }
  const [first] = node.tokens;
  if (node.tokens.length === 1 && first?.type === 'unquoted') {
    if (first.value === 'true') return true;
    if (first.value === 'false') return false;
    if (first.value === 'null') return null;
    if (isNumberToken(first.value)) return Number(first.value) + 0; // + 0 turns -0 into 0, as every HOCON reader does
  }
  return node.tokens.map((t) => (t.type === 'substitution' ? '' : t.value)).join('');
}

/** True when the value contains no substitution or other opaque part. */
export function isLiteral(node: ValueNode): boolean {
  switch (node.kind) {
    case 'opaque':
      return false;
    case 'simple':
      return node.tokens.every((t) => t.type !== 'substitution');
    case 'array':
      return node.elements.every(isLiteral);
    case 'object':
      return node.members.every((m) => m.kind === 'field' && isLiteral(m.value));
  }
}
