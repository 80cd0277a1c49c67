/**
 * Planning inside an object literal: where a new key goes (below its commented-out example, at its
 * sorted place, before the `makeJsonParserHappy` sentinel, or last) and how it is written, and the
 * removal of a property.
 */
import type { TextEdit } from '@jitsi-confkit/core';
import type { ObjectExpression, ObjectMember } from './ast.js';
import { afterExample } from './comments.js';
import { insertItem, objectList, removeListItem } from './lists.js';
import type { ScriptSnapshot } from './model.js';
import { type Reads, styleFor } from './plan.js';
import { keyText, serializeValue } from './serialize.js';
import { commasIn } from './text.js';
import type { JsValue } from './values.js';

const SENTINEL = 'makeJsonParserHappy';

/** Edits that add `key: value` to `object` (the value at `objectKeys`). */
export function insertProperty(snapshot: ScriptSnapshot, reads: Reads, object: ObjectExpression, objectKeys: readonly string[], key: string, value: JsValue): TextEdit[] {
  const model = snapshot.parsed;
  const lines = model.lines;
  const props = object.properties;
  const names = props.map((p) => (p.type === 'SpreadElement' || p.computed ? undefined : 'name' in p.key ? p.key.name : 'value' in p.key ? String(p.key.value) : undefined));
  const sentinel = names[names.length - 1] === SENTINEL ? 1 : 0;
  const ordered = names.slice(0, names.length - sentinel);
  const sorted = ordered.length >= 2 && ordered.every((n, i) => n !== undefined && (i === 0 || ordered[i - 1]! <= n));
  let index = ordered.length;
  if (sorted) {
    const after = ordered.findIndex((n) => n! > key);
    if (after !== -1) index = after;
  }
  const list = objectList(snapshot, object);
  const eol = lines.lineBreakNear(object.start!);
  const example = afterExample(lines, list.comments, list.items, key);
  const style = styleFor(model, reads, object, objectKeys, example?.offset ?? props[Math.min(index, props.length - 1)]?.start ?? object.start!);
  const before = example ? props.filter((p) => p.end! <= example.offset).length : 0;
  if (example && (before < props.length || !sentinel)) {
    // The key is shown commented out: the live one goes right after that example (or the notes
    // that follow it), as an admin uncommenting it would write it.
    const indent = lines.lineIndent(example.indentFrom);
    const rendered = `${indent}${keyText(key, style)}: ${serializeValue(value, style, indent, eol)}`;
    const lineEol = lines.lineBreakNear(example.offset);
    if (before < props.length) return [{ offset: example.offset, length: 0, content: `${lineEol}${rendered},` }];
    const last = props[props.length - 1];
    const comma = last ? commasIn(lines, last.end!, example.offset).length > 0 : false;
    const edits: TextEdit[] = last && !comma ? [{ offset: last.end!, length: 0, content: ',' }] : [];
    edits.push({ offset: example.offset, length: 0, content: `${lineEol}${rendered}${comma && style.trailingComma ? ',' : ''}` });
    return edits;
  }
  return insertItem(lines, list, index, (indent) => `${keyText(key, style)}: ${serializeValue(value, style, indent, eol)}`, style);
}

/** Edits that remove `property` from `object`, with its separator (and its line when it stands alone). */
export function removeProperty(snapshot: ScriptSnapshot, object: ObjectExpression, property: ObjectMember): TextEdit[] {
  return removeListItem(snapshot, objectList(snapshot, object), object.properties.indexOf(property));
}
