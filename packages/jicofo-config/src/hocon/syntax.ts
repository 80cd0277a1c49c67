/**
 * A lossless HOCON syntax tree: every node records the offsets of its source text, so edits can be
 * spliced into the original bytes. The parser never normalises anything; whitespace, comments and
 * blank lines simply live between the nodes.
 */

/** One piece of a simple value (a value that is not an object or array). */
export type SimpleToken =
  | { type: 'quoted'; start: number; end: number; value: string }
  | { type: 'unquoted'; start: number; end: number; value: string }
  | { type: 'space'; start: number; end: number; value: string }
  | { type: 'substitution'; start: number; end: number; path: string; optional: boolean };

export interface ObjectNode {
  kind: 'object';
  start: number;
  end: number;
  /** False for the implicit root object (a file that does not start with `{`). */
  braced: boolean;
  members: Member[];
}

export interface ArrayNode {
  kind: 'array';
  start: number;
  end: number;
  elements: ValueNode[];
}

/** Strings, numbers, booleans, null, durations (`24 hours`) and substitutions: a concatenation of tokens. */
export interface SimpleNode {
  kind: 'simple';
  start: number;
  end: number;
  tokens: SimpleToken[];
}

/** A value this library does not model: object/array concatenations, `+=` appends. */
export interface OpaqueNode {
  kind: 'opaque';
  start: number;
  end: number;
}

export type ValueNode = ObjectNode | ArrayNode | SimpleNode | OpaqueNode;

export interface FieldNode {
  kind: 'field';
  /** Start of the key; end of the value. */
  start: number;
  end: number;
  keyEnd: number;
  /** The key as a path: `a.b.c` is ['a', 'b', 'c']; quoted parts are unquoted. */
  path: string[];
  /** The separator: `=`, `:`, `+=`, or `{` when the object follows the key directly. */
  separator: '=' | ':' | '+=' | '{';
  value: ValueNode;
}

export interface IncludeNode {
  kind: 'include';
  start: number;
  end: number;
}

export type Member = FieldNode | IncludeNode;
