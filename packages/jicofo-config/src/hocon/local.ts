/**
 * Local verification of jicofo.conf edits (the kind's reparse, given the previous parse by core's
 * session): the parse of an edited text built from the parse of the text before it, instead of
 * parsing the whole text again. local.test.ts proves each way against whole-file parses, node for
 * node, on every real file and on generated edits. Anything that does not meet a way's conditions
 * gives undefined, and the kind parses the whole text.
 *
 * A value (reparseValue): one edit that replaces exactly the value of one field, a literal of simple
 * values and arrays (no object, no substitution, no concatenation with an object or array), by a
 * text that the parser's own value reader, started where the old value started, reads as such a
 * literal starting with a token there and ending exactly where the new text ends; no deeper in
 * arrays than the old value (so the depth limit holds as it did), and with no character the parse
 * refuses as binary data. The tokens before the splice are then the old text's (the value starts a
 * token where the old one did, after the same text), and so are those after it (the reader stops
 * at the character the old value stopped at); the merged model holds the same keys and reads the
 * value through its field. The offsets after the splice shift; the field's value is the new node.
 *
 * A block (reparseBlock): edits that all lie between the braces of one object that is a field's
 * value (the innermost such, reached from the root through fields whose values are objects). The
 * parser's own object reader, started at its `{` with its nesting level, must end exactly at its
 * `}`, shifted by the edits: the text before the `{` and after the `}` is the old text's, and so is
 * the parser's state at both. The object is replaced, the offsets after it shift, and the fields
 * and the merged model are counted again from the tree (a walk over its nodes, no characters read).
 * Inside it, the objects that no edit reaches into are not read again: reading an object depends
 * only on its text, the level of its fields and whether it is inside an array, so where the reader
 * meets the `{` of such an object (moved by the edits before it) at the level it had, outside any
 * array, it takes the old object, moved, and goes on after it (parseObjectAt). Objects are known
 * that were values of fields, reached from the block through fields whose values are objects: the
 * parse read them at their level, outside any array.
 */
import { ConfigSyntaxError, type TextEdit } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { HoconParse } from './snapshot.js';
import { binaryCharacter, parseObjectAt, parseValueAt, type ReadObject } from './parse.js';
import type { FieldNode, ObjectNode, ValueNode } from './syntax.js';

/**
 * The parse of `text`, made from `previous` by `edits`, or undefined where that is not proved sound
 * (or there is no previous parse). It may take `previous` apart.
 */
export function reparseLocally(text: string, previous: HoconParse | undefined, edits: readonly TextEdit[]): HoconParse | undefined {
  if (previous === undefined || edits.some((e) => binaryCharacter(e.content) !== undefined)) return undefined;
  return (edits.length === 1 ? reparseValue(text, previous, edits[0]!) : undefined) ?? reparseBlock(text, previous, edits);
}

/** A value replaced by a value (see above). */
export function reparseValue(text: string, previous: HoconParse, edit: TextEdit): HoconParse | undefined {
  const field = fieldWithValueAt(previous.fields, edit.offset);
  const oldEnd = edit.offset + edit.length;
  if (field === undefined || field.value.end !== oldEnd) return undefined;
  const old = field.value;
  const oldDepth = literalDepth(old);
  if (oldDepth === undefined) return undefined;
  let node: ValueNode;
  try {
    node = parseValueAt(text, edit.offset);
  } catch (error) {
    if (error instanceof ConfigSyntaxError) return undefined;
    throw error;
  }
  const depth = literalDepth(node);
  if (depth === undefined || depth > oldDepth || node.end !== edit.offset + edit.content.length) return undefined;
  if (node.kind === 'simple' && node.tokens[0]!.type === 'space') return undefined;
  shiftAfter(previous.root, oldEnd, edit.content.length - edit.length, old);
  field.value = node;
  return new HoconParse(text, previous.root, previous.fields, previous.model);
}

/** Edits inside one block (see above). `edits` are sorted and do not overlap. */
export function reparseBlock(text: string, previous: HoconParse, edits: readonly TextEdit[]): HoconParse | undefined {
  const first = edits[0];
  const last = edits[edits.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const holder = innermostBlock(previous.root, first.offset, last.offset + last.length);
  if (holder === undefined) return undefined;
  const { field, level } = holder;
  const { start, end } = field.value;
  const delta = edits.reduce((sum, e) => sum + e.content.length - e.length, 0);
  const known = untouchedObjects(field.value as ObjectNode, level, edits);
  // The old object, and the fields and model that hold its parts, are garbage before the new one
  // is read: an edit never holds two copies of a large object.
  previous.forgetIndexes();
  const placeholder: ObjectNode = { kind: 'object', start, end, braced: true, members: [] };
  field.value = placeholder;
  let node: ObjectNode;
  try {
    node = parseObjectAt(text, start, level, known);
  } catch (error) {
    if (error instanceof ConfigSyntaxError) return undefined;
    throw error;
  }
  if (node.end !== end + delta) return undefined;
  shiftAfter(previous.root, end, delta, placeholder);
  field.value = node;
  return HoconParse.of(text, previous.root);
}

/**
 * The objects inside `block` (whose fields are at `level`) that no edit reaches into, by where their
 * `{` is in the edited text, with the level of their fields: values of fields, reached through
 * fields whose values are objects (those an edit reaches into are looked into). What it gives is
 * moved to the edited text's offsets when taken (each is taken at most once: the reader moves on).
 */
function untouchedObjects(block: ObjectNode, level: number, edits: readonly TextEdit[]): ReadObject {
  const objects = new Map<number, { node: ObjectNode; level: number; by: number }>();
  const look = (object: ObjectNode, fieldsLevel: number): void => {
    for (const m of object.members) {
      work.count++;
      if (m.kind !== 'field' || m.value.kind !== 'object') continue;
      const value = m.value;
      const valueLevel = fieldsLevel + m.path.length;
      // Each edit lies before the object (an insertion at its `{` too) or after it, or reaches into it.
      let by = 0;
      let untouched = true;
      for (const e of edits) {
        if (e.offset + e.length <= value.start) by += e.content.length - e.length;
        else if (e.offset < value.end) untouched = false;
      }
      if (untouched) objects.set(value.start + by, { node: value, level: valueLevel, by });
      else look(value, valueLevel);
    }
  };
  look(block, level);
  return (offset, at) => {
    const found = objects.get(offset);
    if (found === undefined || found.level !== at) return undefined;
    objects.delete(offset);
    if (found.by !== 0) shiftAfter(found.node, found.node.start, found.by, undefined);
    return found.node;
  };
}

/**
 * The field whose value is the innermost object that holds [from, to] between its braces, reached
 * from the root through fields whose values are objects, and the nesting level of its fields.
 */
function innermostBlock(root: ObjectNode, from: number, to: number): { field: FieldNode; level: number } | undefined {
  let found: { field: FieldNode; level: number } | undefined;
  let container = root;
  let level = 0;
  descend: for (;;) {
    for (const m of container.members) {
      work.count++;
      if (m.kind !== 'field' || m.value.kind !== 'object' || m.value.end <= from) continue;
      if (m.value.start < from && to < m.value.end) {
        level += m.path.length;
        found = { field: m, level };
        container = m.value;
        continue descend;
      }
      break;
    }
    return found;
  }
}

/** The field whose value starts at `offset` (fields are in document order, so their values are too). */
function fieldWithValueAt(fields: readonly FieldNode[], offset: number): FieldNode | undefined {
  let lo = 0;
  let hi = fields.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fields[mid]!.value.start < offset) lo = mid + 1;
    else hi = mid;
  }
  const field = fields[lo];
  return field?.value.start === offset ? field : undefined;
}

/** How deep a literal of simple values and arrays nests arrays (0 for a simple value); undefined for anything else. */
function literalDepth(node: ValueNode): number | undefined {
  if (node.kind === 'simple') return node.tokens.some((t) => t.type === 'substitution') ? undefined : 0;
  if (node.kind !== 'array') return undefined;
  let deepest = 0;
  for (const e of node.elements) {
    const d = literalDepth(e);
    if (d === undefined) return undefined;
    deepest = Math.max(deepest, d);
  }
  return deepest + 1;
}

/**
 * Shifts by `delta` every offset at or after `at` (the end of the replaced value) in the tree under
 * `node`, leaving `replaced` alone: nodes that end before `at` lie before the splice, or inside it.
 */
function shiftAfter(node: ValueNode, at: number, delta: number, replaced: ValueNode | undefined): void {
  if (node === replaced || node.end < at) return;
  work.count++;
  if (node.start >= at) node.start += delta;
  node.end += delta;
  switch (node.kind) {
    case 'object':
      for (const m of node.members) {
        if (m.end < at) continue;
        if (m.start >= at) m.start += delta;
        m.end += delta;
        if (m.kind === 'field') {
          if (m.keyEnd >= at) m.keyEnd += delta;
          shiftAfter(m.value, at, delta, replaced);
        }
      }
      return;
    case 'array':
      for (const e of node.elements) shiftAfter(e, at, delta, replaced);
      return;
    case 'simple':
      for (const t of node.tokens) {
        if (t.start >= at) t.start += delta;
        if (t.end >= at) t.end += delta;
      }
      return;
    case 'opaque':
      return;
  }
}
