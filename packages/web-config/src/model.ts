/**
 * What web-config reads a config file into, once per text: the AST (@babel/parser, positions
 * only), the writers of the config object, the line breaks, and, on first use, the comments, an
 * index of each object literal's keys and the file's style. The edit session keeps one per
 * snapshot: planners and read-backs read the model of the snapshot they are given.
 */
import { LineIndex, type Snapshot } from '@jitsi-confkit/core';
import type { File, ObjectExpression } from './ast.js';
import { type Comment, commentSpans } from './comments.js';
import { KeyIndex } from './keys.js';
import { parseScript } from './parse.js';
import { detectStyle, type FileStyle } from './style.js';
import { collectWriters, type WriterLookup, type Writers } from './writers.js';
import { tick } from './work.js';

/** The object a file defines: `interfaceConfig` or `config`. */
export type Root = 'interfaceConfig' | 'config';

export class ScriptModel implements WriterLookup {
  readonly text: string;
  readonly root: Root;
  readonly ast: File;
  readonly writers: Writers;
  #lines: LineIndex | undefined;
  #comments: Comment[] | undefined;
  readonly #keys = new Map<ObjectExpression, KeyIndex>();
  #style: FileStyle | undefined;

  /**
   * Parses `text` (ConfigSyntaxError when @babel/parser refuses it), or takes `ast`, its parse,
   * with the key indexes of `keys` (those of object literals it still holds, unchanged).
   */
  constructor(text: string, root: Root, ast?: File, keys?: ReadonlyMap<ObjectExpression, KeyIndex>) {
    this.text = text;
    this.root = root;
    this.ast = ast ?? parseScript(text);
    if (keys !== undefined) for (const [object, index] of keys) this.#keys.set(object, index);
    this.writers = collectWriters(this.ast.program, root, (object) => this.keysOf(object));
  }

  /** The key indexes made so far, by object literal. */
  get keyIndexes(): ReadonlyMap<ObjectExpression, KeyIndex> {
    return this.#keys;
  }

  /** The line breaks of the text (each line question a binary search). */
  get lines(): LineIndex {
    if (this.#lines === undefined) {
      tick(this.text.length);
      this.#lines = new LineIndex(this.text);
    }
    return this.#lines;
  }

  /** The comments, in source order. */
  get comments(): Comment[] {
    this.#comments ??= commentSpans(this.ast.comments);
    return this.#comments;
  }

  /** The members of an object literal by key. */
  keysOf(object: ObjectExpression): KeyIndex {
    let index = this.#keys.get(object);
    if (index === undefined) {
      index = new KeyIndex(object);
      this.#keys.set(object, index);
    }
    return index;
  }

  /** The style of the whole file (a walk over every node, made once). */
  get fileStyle(): FileStyle {
    this.#style ??= detectStyle(this.lines, this.ast);
    return this.#style;
  }
}

export type ScriptSnapshot = Snapshot<ScriptModel>;
