/**
 * The planners set() and delete() run, by path: which field or object a path names in a snapshot,
 * the edits (fields.ts replaces and removes, objects.ts inserts), and the footprint of each step,
 * which says what a step reads and changes, so that a batch plans a step after the pending ones it
 * depends on (core's EditSession).
 */
import type { Footprint, TextEdit } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { planRemoveFields, planReplace } from './fields.js';
import { formatValue, pathText, type HoconInput } from './format.js';
import { find, type HoconSnapshot } from './snapshot.js';
import { lookup, type Merged } from './model.js';
import { planInsert } from './objects.js';
import { isOneUnquotedString, isUnquotedString, ownQuoting } from './style.js';
import type { FieldNode, ObjectNode } from './syntax.js';

/** The edits that set `keys` to `value`: the effective value replaced, or the key inserted where it is missing. */
export function planSet(snapshot: HoconSnapshot, keys: readonly string[], value: HoconInput): TextEdit[] {
  const found = find(snapshot.parsed, keys);
  return found === undefined ? planInsert(snapshot, keys, value) : planReplace(snapshot, pathText(keys), found, value);
}

/** The edits that remove every occurrence of `keys` (so no earlier one becomes effective). */
export function planDelete({ text, parsed }: HoconSnapshot, keys: readonly string[]): TextEdit[] {
  return planRemoveFields(text, fieldsCovering(parsed.root, keys));
}

/** Whether `keys` names an object in the snapshot (a set of an object there sets its keys one by one). */
export function isObjectAt(snapshot: HoconSnapshot, keys: readonly string[]): boolean {
  return find(snapshot.parsed, keys)?.kind === 'object';
}

/** Fields whose key path starts with `keys`, found through the blocks of its ancestors. */
export function fieldsCovering(root: ObjectNode, keys: readonly string[]): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (block: ObjectNode, prefix: readonly string[]): void => {
    for (const m of block.members) {
      work.count++;
      if (m.kind !== 'field') continue;
      const full = [...prefix, ...m.path];
      const n = Math.min(full.length, keys.length);
      if (full.slice(0, n).some((k, i) => k !== keys[i])) continue;
      if (full.length >= keys.length) out.push(m);
      else if (m.value.kind === 'object') visit(m.value, full);
    }
  };
  visit(root, []);
  return out;
}

/*
 * Footprints. A path of the document is ['keys', ...keys]; ['style'] stands for the file's style
 * (the votes new text copies: separators, openers, quoting, padding, indentation, line breaks).
 * Two steps meet when one's path is a prefix of the other's: a step on `a.b` and one on `a.b.c`, or
 * a step that reads the style and one that may change it.
 */
const STYLE: Footprint = ['style'];
const at = (keys: readonly string[]): Footprint => ['keys', ...keys];

/**
 * What a set reads and changes. A replacement: the path; the style too, unless the value written
 * takes its style from the value it replaces alone and leaves every vote as it was (a number for a
 * number, a string for a string written the same way, on one line). An insertion: the path, the
 * object it goes into (it is written after that object's last member, in its style), and the style.
 */
export function setFootprint(snapshot: HoconSnapshot, keys: readonly string[], value: HoconInput): Footprint[] {
  const { depth, found } = lookup(snapshot.parsed.model, keys);
  if (found === undefined) return [at(keys), at(keys.slice(0, depth)), STYLE];
  return styleNeutral(snapshot, found, value) ? [at(keys)] : [at(keys), STYLE];
}

/** What a delete reads and changes: the path, and the style (the fields it removes voted). */
export function deleteFootprint(keys: readonly string[]): Footprint[] {
  return [at(keys), STYLE];
}

/**
 * Whether replacing `found` with `value` reads nothing of the file's style and changes none of its
 * votes: a one-line simple value replaced by a number or a boolean (unless it was the unquoted
 * string that votes for unquoted strings), or by a string written as the value it replaces is
 * written (quoted, or unquoted with the same vote).
 */
function styleNeutral({ text }: HoconSnapshot, found: Merged, value: HoconInput): boolean {
  if (found.kind !== 'leaf') return false;
  const node = found.field.value;
  if (node.kind !== 'simple' || text.slice(node.start, node.end).includes('\n')) return false;
  if (typeof value === 'number' || typeof value === 'boolean') return !isUnquotedString(node);
  if (typeof value !== 'string') return false;
  const own = ownQuoting(node);
  if (own === 'quoted') return true;
  return own === 'unquoted' && isUnquotedString(node) === isOneUnquotedString(formatValue(value, { quoting: own, arrayPadding: false, separator: ' = ' }));
}
