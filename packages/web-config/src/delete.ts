/**
 * Planning `delete`: every writer of a path goes (the property in its object literal, the
 * statements that assign it or parts of it after that), in one round of edits.
 */
import { type TextEdit, UnsupportedEditError } from '@jitsi-confkit/core';
import { removeProperty } from './objects.js';
import type { Plan } from './plan.js';
import type { ScriptSnapshot } from './model.js';
import { nameOf, notLiteral, resolve } from './read.js';
import { removeStatement } from './statements.js';
import type { Writer } from './writers.js';

/**
 * One round of deleting `keys`: edits that remove every writer of the path that is effective now
 * (all at once when their edits do not touch, else the first). `[]` when nothing writes the path
 * any more, or the path runs into a literal that is not an object. A default that applied only
 * because the path was set (`config.a = config.a || {}`) shows up in the next round, planned on
 * the result. UnsupportedEditError when the path runs into a value that is not literal, or a
 * writer is part of a larger statement.
 */
export function planDelete(snapshot: ScriptSnapshot, keys: readonly string[]): Plan {
  const model = snapshot.parsed;
  const what = `Cannot delete ${keys.join('.')}`;
  const r = resolve(model, keys);
  // A property's removal reads its neighbours in the object; a statement's, only its own lines.
  const footprint = r.kind === 'found' && r.holder ? [keys.slice(0, -1)] : [keys];
  if (r.kind === 'blocked') {
    if (r.reason === 'not-object') return { edits: [], footprint };
    throw notLiteral(model, what, r.at, r.node);
  }
  const removeWriter = (writer: Writer): TextEdit[] => {
    if (writer.shared) {
      throw UnsupportedEditError.at(`${what}: ${nameOf(model, writer.path)} is written inside a larger statement; edit it by hand`, model.text, writer.statement.start!);
    }
    return removeStatement(snapshot, writer.statement);
  };
  const removals = r.laterWrites.map(removeWriter);
  if (r.kind === 'found') removals.push(r.holder ? removeProperty(snapshot, r.holder.object, r.holder.property) : removeWriter(r.base));
  if (removals.length === 0) return { edits: [], footprint };
  const edits = removals.flat().sort((a, b) => a.offset - b.offset);
  const disjoint = edits.every((e, i) => i === 0 || edits[i - 1]!.offset + edits[i - 1]!.length <= e.offset);
  // Removals that touch (the last lines of a file without a final newline) go one by one.
  return { edits: disjoint ? edits : removals[0]!, footprint };
}
