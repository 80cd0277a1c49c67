/**
 * Planning a move of one element from one array literal to another (moveBrowser): both edits
 * against one snapshot, so that the move costs one re-parse and both lists are read back together.
 */
import { deepEqual, type Quote, type TextEdit } from '@jitsi-confkit/core';
import type { Node } from './ast.js';
import { arrayReads, insertElement, plainArrayAt } from './arrays.js';
import { arrayList, removeListItem } from './lists.js';
import type { ScriptSnapshot } from './model.js';
import { type Plan, type PlanContext, Reads } from './plan.js';
import { hasValue } from './read.js';
import type { JsValue } from './values.js';

/**
 * Takes `item` out of the array at `from` and puts it into the array at `to` (at the index
 * `position` chooses for its elements). Planned as one change when both are literal arrays in
 * separate places, `from` holds `item` once and `to` lacks it; otherwise `apart`: the caller
 * removes and inserts as two operations, one after the other.
 */
export function planMove(
  snapshot: ScriptSnapshot,
  ctx: PlanContext,
  from: readonly string[],
  to: readonly string[],
  item: JsValue,
  position: (items: JsValue[]) => number,
): Plan & { apart?: boolean } {
  const model = snapshot.parsed;
  ctx.validate(to, [item], 'item', hasValue(model, to));
  const apart = { edits: [], footprint: [from, to], apart: true };
  const source = plainArrayAt(model, from);
  const target = plainArrayAt(model, to);
  if (source === undefined || target === undefined) return apart;
  const found = source.values.flatMap((v, i) => (deepEqual(v, item) ? [i] : []));
  const separate = source.node.end! <= target.node.start! || target.node.end! <= source.node.start!;
  if (!separate || found.length !== 1 || target.values.some((v) => deepEqual(v, item))) return apart;
  const index = found[0]!;
  const at = Math.max(0, Math.min(target.values.length, position(target.values)));
  const reads = new Reads();
  const removal = removeListItem(snapshot, arrayList(snapshot, source.node), index);
  const element = source.node.elements[index]!;
  const quote = element.type === 'StringLiteral' ? (model.text[element.start!] as Quote) : undefined;
  const insertion = insertElement(snapshot, reads, target.node, to, at, item, quote);
  if (!inside(removal, source.node) || !inside(insertion, target.node)) return apart;
  const edits = [...removal, ...insertion].sort((a, b) => a.offset - b.offset);
  const removed = arrayReads(
    ctx.overlay,
    from,
    source.values.filter((_, i) => i !== index),
  );
  const inserted = arrayReads(ctx.overlay, to, [...target.values.slice(0, at), item, ...target.values.slice(at)]);
  return { edits, footprint: reads.footprint(from, to), check: (after) => removed(after) && inserted(after) };
}

function inside(edits: readonly TextEdit[], node: Node): boolean {
  return edits.every((e) => e.offset >= node.start! && e.offset + e.length <= node.end!);
}
