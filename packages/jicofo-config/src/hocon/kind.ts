/**
 * jicofo.conf as a document kind of core's EditSession: what one parse of a text holds (the
 * lossless syntax tree, every field in document order, the merged model and, when a planner first
 * asks, the file's style), and the pure readers that `get` and every planner and read-back share.
 */
import type { CheckResult, DocumentKind, Snapshot, TextEdit } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { lookup, mergeDocument, mergedValue, type HoconValue, type Merged, type MergedObject } from './model.js';
import { binaryCharacter, parseHocon, parseHoconEdited } from './parse.js';
import { fileStyle, type FileStyle } from './style.js';
import type { FieldNode, ObjectNode, ValueNode } from './syntax.js';

/** One parse of a HOCON text. */
export class HoconParse {
  readonly text: string;
  readonly root: ObjectNode;
  /** Every field of the text, in document order (those inside `+=` and concatenated values aside). */
  readonly fields: readonly FieldNode[];
  /** The effective configuration under HOCON's merge rules. */
  readonly model: MergedObject;
  #style: FileStyle | undefined;

  constructor(text: string, root: ObjectNode) {
    this.text = text;
    this.root = root;
    this.fields = fieldsOf(root);
    this.model = mergeDocument(root);
  }

  /** The file's style, counted over its fields when first asked (it lives and dies with this parse). */
  get style(): FileStyle {
    this.#style ??= fileStyle(this.text, this.fields);
    return this.#style;
  }
}

export type HoconSnapshot = Snapshot<HoconParse>;

function fieldsOf(root: ObjectNode): FieldNode[] {
  const fields: FieldNode[] = [];
  const walk = (node: ValueNode): void => {
    if (node.kind === 'object') {
      for (const m of node.members) {
        work.count++;
        if (m.kind !== 'field') continue;
        fields.push(m);
        walk(m.value);
      }
    } else if (node.kind === 'array') {
      node.elements.forEach(walk);
    }
  };
  walk(root);
  return fields;
}

/**
 * The jicofo.conf kind. `parse` reads a text as Typesafe Config does and refuses what it refuses
 * (ConfigSyntaxError with the position). A text the session made by editing is parsed without the
 * scan for control characters and U+FFFD over the whole text: the text it was made from passed that
 * scan, and `verify` checks what the edits wrote.
 */
export const hoconKind: DocumentKind<HoconParse> = {
  name: 'jicofo.conf',
  parse: (text) => new HoconParse(text, parseHocon(text)),
  reparse: (text) => new HoconParse(text, parseHoconEdited(text)),
  verify: (_after, _before, _footprints, edits) => writesNoControl(edits),
};

/** Whether the edits write no character the parse refuses as binary data (see `hoconKind`). */
function writesNoControl(edits: readonly TextEdit[]): CheckResult {
  for (const e of edits) {
    const bad = binaryCharacter(e.content);
    if (bad !== undefined) return bad.reason;
  }
  return true;
}

/** The merged entry at `keys`, or undefined when the path is not set. */
export function find(parse: HoconParse, keys: readonly string[]): Merged | undefined {
  return lookup(parse.model, keys).found;
}

/** The effective value at `keys` as plain data (HoconSubstitution where it needs resolving), or undefined. */
export function valueAt(snapshot: HoconSnapshot, keys: readonly string[]): HoconValue | undefined {
  const found = find(snapshot.parsed, keys);
  return found === undefined ? undefined : mergedValue(found, snapshot.text);
}

/** The keys of the object at `keys` (of the root when undefined); [] when it is not an object. */
export function keysAt(parse: HoconParse, keys: readonly string[] | undefined): string[] {
  const found = keys === undefined ? parse.model : find(parse, keys);
  return found?.kind === 'object' ? [...found.entries.keys()] : [];
}

/** Where the effective value of a merged entry is written (for an object: its last `{` or dotted key). */
export function offsetOf(m: Merged): number {
  if (m.kind === 'leaf') return m.node.start;
  const last = m.contributors[m.contributors.length - 1];
  if (last === undefined) return 0;
  return last.kind === 'block' ? last.node.start : last.field.start;
}
