/**
 * Planning inside array literals: inserting an element (in the style of its neighbours), removing
 * every copy of one, and finding the array an operation edits.
 */
import { deepEqual, type Quote, type TextEdit, UnsupportedEditError } from '@jitsi-confkit/core';
import type { ArrayExpression } from './ast.js';
import { arrayList, insertItem, removeListItem } from './lists.js';
import type { ScriptModel, ScriptSnapshot } from './model.js';
import { type Plan, type PlanContext, Reads, styleFor } from './plan.js';
import { blocked, hasValue, laterAssignment, literalAt, nameOf, notInOverlay, notLiteral, owns, readValue, resolve } from './read.js';
import { serializeInline, serializeValue } from './serialize.js';
import { hasNewline } from './text.js';
import { isPlainObject, type JsValue, literalValue } from './values.js';

export interface LiteralArray {
  node: ArrayExpression;
  values: JsValue[];
}

/**
 * The literal array at `keys` that an array operation edits, or undefined when the path is not
 * set. UnsupportedEditError (`what` starts its message) when the path runs into a value that is not
 * literal, when a later assignment changes part of it, when it is not an array, or when an overlay
 * does not set it itself (the list served is the one of the file it is appended to).
 */
export function arrayAt(model: ScriptModel, overlay: boolean, what: string, keys: readonly string[]): LiteralArray | undefined {
  const r = resolve(model, keys);
  if (r.kind === 'blocked') throw blocked(model, what, r);
  if (overlay && !owns(r)) throw notInOverlay(model, what, keys);
  if (r.kind === 'missing') {
    if (r.laterWrites.length > 0) throw notLiteral(model, what, r.laterWrites[0]!.path, r.laterWrites[0]!.value);
    return undefined;
  }
  if (r.laterWrites[0]) throw laterAssignment(model, what, r.laterWrites[0]);
  const values = literalAt(model, what, keys, r.node);
  if (r.node.type !== 'ArrayExpression' || !Array.isArray(values)) {
    throw UnsupportedEditError.at(`${what}: ${nameOf(model, keys)} is not an array`, model.text, r.node.start!);
  }
  return { node: r.node, values };
}

/** The literal array at `keys` when it is one with no later assignment to a part of it; otherwise undefined. */
export function plainArrayAt(model: ScriptModel, keys: readonly string[]): LiteralArray | undefined {
  const r = resolve(model, keys);
  if (r.kind !== 'found' || r.laterWrites.length > 0 || r.node.type !== 'ArrayExpression') return undefined;
  const v = literalValue(r.node);
  return v && Array.isArray(v.value) ? { node: r.node, values: v.value } : undefined;
}

/** The read-back of an array edit: the array at `keys` reads as `expected`. */
export function arrayReads(overlay: boolean, keys: readonly string[], expected: readonly JsValue[]): (after: ScriptSnapshot) => boolean {
  return (after) => {
    const value = readValue(after.parsed, overlay, keys, `Cannot read ${keys.join('.')}`);
    return Array.isArray(value) && deepEqual(value, expected);
  };
}

/**
 * Edits that insert `item` at `index` into `array` (the value at `keys`), in the style of its
 * neighbours; `hint` is the quote of the element when it is moved from another list.
 */
export function insertElement(snapshot: ScriptSnapshot, reads: Reads, array: ArrayExpression, keys: readonly string[], index: number, item: JsValue, hint?: Quote): TextEdit[] {
  const model = snapshot.parsed;
  const lines = model.lines;
  const near = array.elements[Math.min(index, array.elements.length - 1)]?.start ?? array.start!;
  const style = styleFor(model, reads, array, keys, near, hint);
  const eol = lines.lineBreakNear(array.start!);
  const braces = inlineObjectPadding(snapshot, array);
  const render = (indent: string): string => (braces !== undefined && isPlainObject(item) ? serializeInline(item, style, braces) : serializeValue(item, style, indent, eol));
  return insertItem(lines, arrayList(snapshot, array), index, render, style);
}

/** The plan that inserts `item` at `index` into the literal array at `keys` (`array`, read from the same snapshot). */
export function planInsertAt(snapshot: ScriptSnapshot, ctx: PlanContext, keys: readonly string[], array: LiteralArray, index: number, item: JsValue): Plan {
  const reads = new Reads();
  const edits = insertElement(snapshot, reads, array.node, keys, index, item);
  const expected = [...array.values.slice(0, index), item, ...array.values.slice(index)];
  return { edits, footprint: reads.footprint(keys), check: arrayReads(ctx.overlay, keys, expected) };
}

/** The plan that removes element `index` of the literal array at `keys` (`array`, read from the same snapshot). */
export function planRemoveAt(snapshot: ScriptSnapshot, ctx: PlanContext, keys: readonly string[], array: LiteralArray, index: number): Plan {
  const edits = removeListItem(snapshot, arrayList(snapshot, array.node), index);
  return {
    edits,
    footprint: [keys],
    check: arrayReads(
      ctx.overlay,
      keys,
      array.values.filter((_, i) => i !== index),
    ),
  };
}

/**
 * addToArray: inserts `item` into the array at `keys` at the index `position` chooses for its
 * current elements, unless it is there already; `[item]` when the path is not set (then `set`
 * plans it: `missing` says so).
 */
export function planAddToArray(
  snapshot: ScriptSnapshot,
  ctx: PlanContext,
  keys: readonly string[],
  item: JsValue,
  position: (items: JsValue[]) => number,
): Plan & { missing?: boolean } {
  const model = snapshot.parsed;
  ctx.validate(keys, [item], 'item', hasValue(model, keys));
  const array = arrayAt(model, ctx.overlay, `Cannot add to ${keys.join('.')}`, keys);
  if (array === undefined) return { edits: [], footprint: [keys], missing: true };
  if (array.values.some((v) => deepEqual(v, item))) return { edits: [], footprint: [keys] };
  return planInsertAt(snapshot, ctx, keys, array, Math.max(0, Math.min(array.values.length, position(array.values))), item);
}

/**
 * removeFromArray: removes every element equal to `item` from the array at `keys`, all at once
 * when no two of them are next to each other (one re-parse), else the first (`complete` false:
 * plan again on the result).
 */
export function planRemoveFromArray(snapshot: ScriptSnapshot, ctx: PlanContext, keys: readonly string[], item: JsValue): Plan & { complete: boolean } {
  const array = arrayAt(snapshot.parsed, ctx.overlay, `Cannot remove from ${keys.join('.')}`, keys);
  const found = array ? array.values.flatMap((v, i) => (deepEqual(v, item) ? [i] : [])) : [];
  if (array === undefined || found.length === 0) return { edits: [], footprint: [keys], complete: true };
  const apart = found.every((i, k) => k === 0 || i > found[k - 1]! + 1);
  if (apart && found.length > 1) {
    const list = arrayList(snapshot, array.node);
    const edits = found.flatMap((i) => removeListItem(snapshot, list, i)).sort((a, b) => a.offset - b.offset);
    // Removals that touch (an item's line and the next one's) are made one by one instead.
    if (edits.every((e, k) => k === 0 || edits[k - 1]!.offset + edits[k - 1]!.length < e.offset)) {
      return {
        edits,
        footprint: [keys],
        check: arrayReads(
          ctx.overlay,
          keys,
          array.values.filter((_, i) => !found.includes(i)),
        ),
        complete: true,
      };
    }
  }
  return { ...planRemoveAt(snapshot, ctx, keys, array, found[0]!), complete: found.length === 1 };
}

/**
 * When every object element of `array` is written on one line (`{ urls: '…' }`), the space inside
 * their braces (' ' or ''), so that a new object element looks the same; otherwise undefined.
 */
function inlineObjectPadding(snapshot: ScriptSnapshot, array: ArrayExpression): '' | ' ' | undefined {
  const { text, lines } = snapshot.parsed;
  const objects = array.elements.filter((e) => e?.type === 'ObjectExpression');
  if (objects.length === 0 || objects.some((o) => hasNewline(lines, o.start!, o.end!))) return undefined;
  return text[objects[0]!.start! + 1] === ' ' ? ' ' : '';
}
