/**
 * Planning `set`: replacing the effective value of a path, adding its key to the object literal
 * that should hold it, or appending an assignment in the file's style. A value that is best
 * changed in place (an object key by key, an array element by element, an object that later
 * assignments write parts of) is not planned here: the plan says how, and the document makes it
 * as a series of such steps.
 */
import { deepEqual, isIdentifier, UnsupportedEditError } from '@jitsi-confkit/core';
import { insertProperty } from './objects.js';
import { type Plan, type PlanContext, Reads, styleFor } from './plan.js';
import { blocked, laterAssignment, literalAt, owns, readsAs, readValue, resolve } from './read.js';
import type { ScriptModel, ScriptSnapshot } from './model.js';
import { nest, serializeValue, templateString } from './serialize.js';
import { appendAssignment } from './statements.js';
import { isPlainObject, type JsValue } from './values.js';
import { tick } from './work.js';

/** The largest product of two array lengths compared element by element when one is set to the other. */
const MAX_COMPARE = 250_000;

/** How a value is changed in place: key by key (`current`: the object now), or element by element. */
export type InPlace =
  | { kind: 'keys'; current: { [key: string]: JsValue } }
  /** Remove the elements at `removals` (highest first), then insert each of `insertions` at its index (in order). */
  | { kind: 'elements'; removals: number[]; insertions: [number, JsValue][] };

export type SetPlan = Plan & { inPlace?: InPlace };

/**
 * Sets `keys` to `value`: the edits, or (with no edits) how to change the value in place. Throws
 * UnsupportedEditError when the path runs into a value that is not literal or not an object, when
 * a later assignment to a part of it would be left to override the new value, or when the file
 * does not define the object.
 */
export function planSet(snapshot: ScriptSnapshot, ctx: PlanContext, keys: readonly string[], value: JsValue): SetPlan {
  const model = snapshot.parsed;
  const path = keys.join('.');
  const what = `Cannot set ${path}`;
  const r = resolve(model, keys);
  if (r.kind === 'blocked') throw blocked(model, what, r);
  const reads = new Reads();
  const plan = (edits: SetPlan['edits'], ...also: (readonly string[])[]): SetPlan => ({
    edits,
    footprint: reads.footprint(keys, ...also),
    check: (after) => readsAs(after.parsed, ctx.overlay, keys, value),
  });
  if (r.laterWrites[0]) {
    // An object whose parts later assignments write (`config.videoQuality.x = …;` after
    // `videoQuality: {…}`) is set key by key, so that each key is edited where it takes effect,
    // provided that every later assignment keeps its key.
    const current = r.kind === 'found' && r.node.type !== 'ObjectExpression' ? undefined : readValue(model, ctx.overlay, keys, `Cannot read ${path}`);
    if (current === undefined || !isPlainObject(current) || !isPlainObject(value)) throw laterAssignment(model, what, r.laterWrites[0]);
    if (!r.laterWrites.every((o) => Object.prototype.hasOwnProperty.call(value, o.path[keys.length]!))) throw laterAssignment(model, what, r.laterWrites[0]);
    if (deepEqual(current, value)) return plan([]);
    if (!plainKeys(current, value)) throw laterAssignment(model, what, r.laterWrites[0]);
    return { ...plan([]), inPlace: { kind: 'keys', current } };
  }
  if (ctx.overlay && !owns(r)) {
    // The value, or the object that would hold it, is set (if at all) by the file this overlay is
    // appended to: one assignment of the whole path, never `config.a = {…}` over that object.
    return plan(appendAssignment(snapshot, ctx.overlay, reads, keys, value, 0));
  }
  if (r.kind === 'found') {
    const current = literalAt(model, what, keys, r.node);
    if (deepEqual(current, value)) return plan([]);
    const inPlace = inPlaceChange(r.node.type, current, value);
    if (inPlace !== undefined) return { ...plan([]), inPlace };
    const { start, end } = r.node as { start: number; end: number };
    // A string replacing a string keeps that literal's own quote (a multi-line template stays a
    // template, so a script keeps its lines): setting the old value back restores the text. So
    // does a list rewritten: its own strings give the quote.
    const own = styleFor(model, reads, r.node, keys, start);
    let content: string;
    if (value === null || typeof value !== 'object') {
      // One token: no line of its own, unless a multi-line template stays one.
      const multiLineTemplate = typeof value === 'string' && r.node.type === 'TemplateLiteral' && model.text.slice(start, end).search(/[\r\n]/) !== -1;
      content = multiLineTemplate ? templateString(value, model.lines.lineBreakNear(start)) : serializeValue(value, own, '', '');
    } else {
      content = serializeValue(value, own, model.lines.lineIndent(start), model.lines.lineBreakNear(start));
    }
    return plan([{ offset: start, length: end - start, content }]);
  }
  // An assignment to a path below `config.a` proves that `config.a` is an object at that point
  // even when no statement this package reads creates it: a new key goes below it, never in a
  // new `config.a = {…}` that would replace what is there.
  const depth = Math.max(r.objectPath.length, assignedObjectDepth(model, keys));
  reads.add(keys.slice(0, depth + 1));
  const rest = keys.slice(depth);
  // `config.hosts = {};` followed by `config.hosts.domain = …;` is the assignment style: keep it.
  const emptyWriter = r.object !== undefined && r.object === r.base?.value && r.object.properties.length === 0;
  // Whether the file has assignments at all decides only for an empty object or no object, and
  // is known without reading further when the writer of that object is an assignment itself.
  if ((emptyWriter || r.base === undefined) && r.base?.assignment !== true) reads.add([]);
  const assignments = model.writers.all.some((w) => w.assignment);
  if (r.object && !(assignments && emptyWriter) && depth === r.objectPath.length) {
    const objectKeys = keys.slice(0, depth);
    return plan(insertProperty(snapshot, reads, r.object, objectKeys, rest[0]!, nest(rest.slice(1), value)), objectKeys);
  }
  if (assignments || r.base) return plan(appendAssignment(snapshot, ctx.overlay, reads, keys.slice(0, depth + 1), nest(rest.slice(1), value), Math.max(0, r.baseIndex)));
  throw new UnsupportedEditError(`${what}: the file does not define ${model.root} (no \`var ${model.root} = {…}\`)`);
}

/**
 * How an object or array literal becomes `value` item by item instead of being rewritten, so that
 * its comments and layout stay: keys set and deleted one by one (when every key is an
 * identifier); an array whose kept elements stay in order loses and gains single elements.
 * Undefined when that does not apply (then the literal is rewritten).
 */
function inPlaceChange(type: string, current: JsValue, value: JsValue): InPlace | undefined {
  if (type === 'ObjectExpression' && isPlainObject(current) && isPlainObject(value)) return plainKeys(current, value) ? { kind: 'keys', current } : undefined;
  if (type !== 'ArrayExpression' || !Array.isArray(current) || !Array.isArray(value)) return undefined;
  // Keep the longest common subsequence; when it leaves out an element both arrays have, the
  // array was reordered, and it is rewritten instead. So is a pair of arrays too long for the
  // quadratic comparison (real lists hold tens of elements).
  if ((current.length + 1) * (value.length + 1) > MAX_COMPARE) return undefined;
  const kept = commonSubsequence(current, value);
  if (kept.length !== sharedCount(current, value)) return undefined;
  const keptOld = new Set(kept.map(([i]) => i));
  const keptNew = new Set(kept.map(([, j]) => j));
  const removals: number[] = [];
  for (let i = current.length - 1; i >= 0; i--) if (!keptOld.has(i)) removals.push(i);
  const insertions: [number, JsValue][] = [];
  value.forEach((v, j) => {
    if (!keptNew.has(j)) insertions.push([j, v]);
  });
  return { kind: 'elements', removals, insertions };
}

/** Whether every key of both objects can be set and deleted by path (an identifier, not `__proto__`). */
function plainKeys(current: { [key: string]: JsValue }, value: { [key: string]: JsValue }): boolean {
  return [...Object.keys(current), ...Object.keys(value)].every((k) => isIdentifier(k) && k !== '__proto__');
}

/** The length of the longest proper prefix of `keys` that some assignment writes below. */
function assignedObjectDepth(model: ScriptModel, keys: readonly string[]): number {
  let depth = 0;
  for (const w of model.writers.all) {
    let shared = 0;
    while (shared < w.path.length && shared < keys.length && w.path[shared] === keys[shared]) shared++;
    if (shared < w.path.length && shared < keys.length) depth = Math.max(depth, shared);
  }
  return depth;
}

/** Index pairs [i, j] of a longest common subsequence of `a` and `b` (elements compared with deepEqual). */
export function commonSubsequence(a: readonly JsValue[], b: readonly JsValue[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  tick(n * m);
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = deepEqual(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (deepEqual(a[i]!, b[j]!)) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** How many elements `a` and `b` have in common, counted as multisets. */
function sharedCount(a: readonly JsValue[], b: readonly JsValue[]): number {
  const used = new Set<number>();
  let count = 0;
  for (const x of b) {
    const i = a.findIndex((y, k) => !used.has(k) && deepEqual(x, y));
    if (i !== -1) {
      used.add(i);
      count++;
    }
  }
  return count;
}
