// Types of the vendored luaparse (vendor/luaparse.cjs): luaparse's own (@types/luaparse) and what
// the changes add.
import type { Chunk, Options } from 'luaparse';

export interface ParseOptions extends Partial<Options> {
  /** The most nesting levels (statements, subexpressions, extra assignment targets) accepted; 196 by default. */
  maxLevels?: number;
}

export declare function parse(code: string, options: ParseOptions): Chunk;

/** What the vendored parser adds to a NumericLiteral node. */
export interface NumericLiteralInfo {
  /** Lua 5.4's float subtype (a point, an exponent, or a decimal integer beyond 64 bits). */
  isFloat?: boolean;
  /** The value is an integer that a double cannot hold exactly (beyond 2^53). */
  inexact?: boolean;
}

/**
 * What the vendored parser adds to the Chunk: the votes of the file's style, the quote of every
 * quoted string literal (`"` or `'`) and the separator after every table field (`,` or `;`).
 */
export interface StyleVotes {
  double: number;
  single: number;
  comma: number;
  semicolon: number;
}

/**
 * What the vendored parser adds to the Chunk: the range of every node it made (comments
 * included, the Chunk's own not), shared with the nodes (the same arrays); null for a tree of
 * more than 65,536 nodes.
 */
export type NodeRanges = [number, number][];
