/**
 * What one parse of a jicofo.conf holds (the lossless syntax tree, every field in document order,
 * the merged model and, when a planner first asks, the file's style), and the pure readers that
 * `get` and every planner and read-back share.
 */
import type { Snapshot } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { lookup, mergeDocument, mergedValue, type HoconValue, type Merged, type MergedObject } from './model.js';
import { fileStyle, type FileStyle } from './style.js';
import type { FieldNode, ObjectNode, ValueNode } from './syntax.js';

/** One parse of a HOCON text. */
export class HoconParse {
  readonly text: string;
  readonly root: ObjectNode;
  #fields: readonly FieldNode[];
  #model: MergedObject;
  #style: FileStyle | undefined;

  constructor(text: string, root: ObjectNode, fields: readonly FieldNode[], model: MergedObject) {
    this.text = text;
    this.root = root;
    this.#fields = fields;
    this.#model = model;
  }

  /** Every field of the text, in document order (those inside `+=` and concatenated values aside). */
  get fields(): readonly FieldNode[] {
    return this.#fields;
  }

  /** The effective configuration under HOCON's merge rules. */
  get model(): MergedObject {
    return this.#model;
  }

  /**
   * Lets go of the fields, the model and the style, for local verification, which takes this parse apart and
   * counts them again from the tree: what they hold of a part of the tree it replaces is garbage
   * before the new part is read. This parse is not read again.
   */
  forgetIndexes(): void {
    // The style's votes not counted yet read the fields.
    this.#style = undefined;
    this.#fields = [];
    this.#model = { kind: 'object', entries: new Map(), contributors: [] };
  }

  /** The parse of `text`, whose syntax tree is `root`. */
  static of(text: string, root: ObjectNode): HoconParse {
    return new HoconParse(text, root, fieldsOf(root), mergeDocument(root));
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
  if (m.kind === 'leaf') return m.field.value.start;
  const last = m.contributors[m.contributors.length - 1];
  if (last === undefined) return 0;
  return last.kind === 'block' ? last.node.start : last.field.start;
}
