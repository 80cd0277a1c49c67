/**
 * Local verification: the parse of an edited text built from the parse of the text before it,
 * when the edits only change literal values, by parsing the new text of each changed value on
 * its own instead of the whole file. It gives what a whole parse gives, node for node (a fuzz test
 * compares the two on every file of the real corpus), because it only accepts edits that cannot
 * change how anything outside them reads:
 *
 * - each edit lies in one region: a node in the place of a value (the value a top-level
 *   statement stores: the right of its `=`, a declaration's initializer, a default's value; and
 *   the elements and property values inside its object and array literals), either replaced
 *   exactly (the edit spans the whole node) or edited inside the brackets of an array or object
 *   literal, which stay (so its first and last tokens are the same);
 * - the new text of the region parses on its own, in the same mode (a script, strict if the file
 *   says so; no function, class or generator lies around a top-level value), as one expression
 *   that begins at its first character and ends at its last: no string, comment or template can
 *   open or close across the region's ends;
 * - the new node reads the same in the old one's place: a list edited inside its brackets is still
 *   that list (not `[1] || [2]`), and a replacing value is a literal, which binds tighter than any
 *   operator next to it; neither was in parentheses. The characters next to a value's place are
 *   always a separator (`,` `:` `=` `[` `{`, an operator, a space or a comment) that no token of
 *   a literal can join, or the old text would not have parsed with a value there.
 *
 * Then the whole parse is the old one with each region's node replaced by its new parse and every
 * position after a region moved by the region's growth; the writers are collected again from the
 * result (a default such as `config.a = config.a || {}` may read the edited value). Anything else
 * (a new statement, an edit across a region's end, many regions, regions as large as the file) is
 * left to the whole parse.
 */
import { parseExpression } from '@babel/parser';
import type { TextEdit } from '@jitsi-confkit/core';
import type { ObjectExpression } from './ast.js';
import type { Comment } from './comments.js';
import { ScriptModel } from './model.js';
import { partitionPoint } from './text.js';
import { childKeys } from './walk.js';
import { tick } from './work.js';

/** A node of the AST, as this module walks it: its type, its range, and its children by key. */
interface AnyNode {
  type: string;
  start?: number | null;
  end?: number | null;
  extra?: { trailingComma?: number; parenStart?: number } & Record<string, unknown>;
  [key: string]: unknown;
}

interface Region {
  /** The node replaced by the region's new parse. */
  readonly node: AnyNode;
  readonly start: number;
  readonly end: number;
  /** The edit replaces the whole node (else the edits are inside its brackets). */
  readonly whole: boolean;
}

interface Parsed {
  readonly region: Region;
  readonly node: AnyNode;
  readonly comments: Comment[];
  /** How much longer the region's text is than before. */
  readonly growth: number;
}

/**
 * When the whole parse costs less: more regions than this (each parsed on its own costs about as
 * much as 60 characters of the whole parse, and a batch of a thousand sets measured slower
 * locally), or regions larger than this share of the text.
 */
const MAX_REGIONS = 16;
const MAX_SHARE = 0.5;

/**
 * The model of `text` (made from `previous.text` by `edits`, sorted) built from `previous`, whose
 * AST it takes over and changes in place; undefined when the edits are not local (then parse the
 * whole text, which also gives the syntax error where there is one), or when there is no `previous`.
 */
export function reparseLocally(previous: ScriptModel | undefined, text: string, edits: readonly TextEdit[]): ScriptModel | undefined {
  if (previous === undefined || edits.length === 0 || edits.length > MAX_REGIONS) return undefined;
  const regions: Region[] = [];
  for (const edit of edits) {
    const region = regionOf(previous, edit);
    if (region === undefined) return undefined;
    const last = regions[regions.length - 1];
    if (last !== undefined && region.start < last.end) {
      // Nested in the region before it (or the other way round): keep the outer one.
      if (region.start >= last.start && region.end <= last.end) continue;
      if (region.start <= last.start && region.end >= last.end) regions[regions.length - 1] = region;
      else return undefined;
    } else {
      regions.push(region);
    }
  }
  if (regions.reduce((sum, r) => sum + r.end - r.start, 0) > MAX_SHARE * previous.text.length) return undefined;
  const strict = previous.ast.program.directives.some((d) => d.value.value === 'use strict');
  const parsed: Parsed[] = [];
  // How much the edits before the current region moved it.
  let moved = 0;
  let e = 0;
  for (const region of regions) {
    while (e < edits.length && edits[e]!.offset + edits[e]!.length <= region.start && edits[e]!.offset < region.start) moved += growthOf(edits[e++]!);
    let growth = 0;
    while (e < edits.length && edits[e]!.offset >= region.start && edits[e]!.offset + edits[e]!.length <= region.end) growth += growthOf(edits[e++]!);
    const start = region.start + moved;
    const end = region.end + moved + growth;
    const node = parseRegion(text.slice(start, end), start, strict);
    if (node === undefined || !fits(region, node)) return undefined;
    const comments = (node.comments as Comment[] | undefined) ?? [];
    delete node.comments;
    delete node.errors;
    parsed.push({ region, node, comments, growth });
    moved += growth;
  }
  if (e !== edits.length) return undefined;
  const shift = new Shift(parsed);
  patch(previous.ast as unknown as AnyNode, parsed, shift);
  const file = previous.ast as unknown as { comments: Comment[] };
  file.comments = patchComments(file.comments, parsed, shift);
  // An object literal outside the regions keeps its members (a value replaced is a member's value):
  // its key index stays; those of the objects the regions replaced go.
  const keys = new Map(previous.keyIndexes);
  for (const x of parsed) forEachNode(x.region.node, (node) => keys.delete(node as unknown as ObjectExpression));
  return new ScriptModel(text, previous.root, previous.ast, keys);
}

function forEachNode(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  eachChild(node, (child) => forEachNode(child, visit));
}

/** Values that bind tighter than any operator: in a value's place, they read the same on their own and in the file. */
const PRIMARY = new Set(['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'TemplateLiteral', 'ArrayExpression', 'ObjectExpression']);

/**
 * Whether the region's new parse can take the old node's place: a list stays a list of the same
 * kind (`[…]` edited inside its brackets could read `[1] || [2]`); a replaced value is a literal
 * (or a signed number), which binds tighter than the operator a default puts before it
 * (`config.a = config.a || {}`); and the old node was not in parentheses.
 */
function fits(region: Region, node: AnyNode): boolean {
  // The parse marks a value in parentheses (`extra.parenthesized`), which its own text lacks.
  if (region.node.extra?.parenthesized === true) return false;
  if (!region.whole) return node.type === region.node.type;
  if (PRIMARY.has(node.type)) return node.extra?.parenthesized !== true;
  return node.type === 'UnaryExpression' && (node.operator === '-' || node.operator === '+') && (node.argument as AnyNode).type === 'NumericLiteral';
}

function growthOf(edit: TextEdit): number {
  return edit.content.length - edit.length;
}

/** The region of one edit: the innermost literal value node that holds it, or undefined. */
function regionOf(model: ScriptModel, edit: TextEdit): Region | undefined {
  const from = edit.offset;
  const to = edit.offset + edit.length;
  for (const writer of model.writers.all) {
    let node = writer.value as unknown as AnyNode;
    // Only a stored value is in the place of a value (an expression that writes may start a
    // statement, where `{` opens a block and a line break may not end it).
    if (!writer.stored || node.start! > from || node.end! < to) continue;
    for (;;) {
      tick();
      if (from === node.start && to === node.end && edit.length > 0) return { node, start: from, end: to, whole: true };
      const container = node.type === 'ArrayExpression' || node.type === 'ObjectExpression';
      if (!container || from <= node.start! || to >= node.end!) return undefined;
      const child = childHolding(node, from, to);
      if (child === undefined) return { node, start: node.start!, end: node.end!, whole: false };
      node = child;
    }
  }
  return undefined;
}

/**
 * The value inside an array or object literal that holds [from, to]: strictly inside it, or
 * exactly its range (a replacement); undefined when the edit lies between values, or on a key.
 */
function childHolding(container: AnyNode, from: number, to: number): AnyNode | undefined {
  const items = (container.type === 'ArrayExpression' ? container.elements : container.properties) as (AnyNode | null)[];
  // The first item that ends at or after `from` (items are in source order).
  const i = partitionPoint(items.length, (k) => (items[k]?.end ?? -1) < from);
  const item = items[i];
  if (item === undefined || item === null) return undefined;
  // A property's value (not of a computed key, nor of a shorthand `{ a }`, whose value is its key);
  // an element itself.
  const value =
    item.type === 'ObjectProperty'
      ? item.computed === true || item.shorthand === true
        ? undefined
        : (item.value as AnyNode)
      : item.type === 'SpreadElement' || item.type === 'ObjectMethod'
        ? undefined
        : item;
  if (value === undefined) return undefined;
  const exact = from === value.start && to === value.end && to > from;
  return exact || (from > value.start! && to < value.end!) ? value : undefined;
}

/** The region's new text parsed on its own as one expression spanning all of it, positioned at `start`; undefined when it is not. */
function parseRegion(source: string, start: number, strict: boolean): AnyNode | undefined {
  tick(source.length);
  let node: AnyNode;
  try {
    node = parseExpression(source, { sourceType: 'script', strictMode: strict, attachComment: false, errorRecovery: false, startIndex: start }) as unknown as AnyNode;
  } catch {
    return undefined;
  }
  return node.start === start && node.end === start + source.length ? node : undefined;
}

/** Where a position outside every region, in the old text, is in the new text: moved by the growth of the regions before it. */
class Shift {
  /** The regions' ends, and the growth of the regions up to each. */
  readonly #ends: number[];
  readonly #growth: number[];

  constructor(parsed: readonly Parsed[]) {
    this.#ends = parsed.map((x) => x.region.end);
    let growth = 0;
    this.#growth = parsed.map((x) => (growth += x.growth));
  }

  at(p: number): number {
    const ends = this.#ends;
    const k = partitionPoint(ends.length, (i) => ends[i]! <= p);
    return k === 0 ? p : p + this.#growth[k - 1]!;
  }
}

/** Calls `visit` on each child node of `node`. */
function eachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  for (const key of childKeys(node)) {
    const child = node[key] as AnyNode | (AnyNode | null)[] | null | undefined;
    if (child === null || typeof child !== 'object') continue;
    if (Array.isArray(child)) {
      for (const c of child) if (c !== null && typeof c === 'object' && typeof c.type === 'string') visit(c);
    } else if (typeof child.type === 'string') {
      visit(child);
    }
  }
}

/** Moves `node` and everything below it by `delta` (a subtree after every region). */
function moveAll(node: AnyNode, delta: number): void {
  tick();
  node.start! += delta;
  node.end! += delta;
  const extra = node.extra;
  if (extra !== undefined) {
    if (extra.trailingComma !== undefined) extra.trailingComma += delta;
    if (extra.parenStart !== undefined) extra.parenStart += delta;
  }
  const keys = childKeys(node);
  for (let k = 0; k < keys.length; k++) {
    const child = node[keys[k]!] as AnyNode | (AnyNode | null)[] | null | undefined;
    if (child === null || typeof child !== 'object') continue;
    if (Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) {
        const c = child[i];
        if (c !== null && typeof c === 'object' && typeof c.type === 'string') moveAll(c, delta);
      }
    } else if (typeof child.type === 'string') {
      moveAll(child, delta);
    }
  }
}

/**
 * Replaces each region's node by its new parse and moves every other node's positions: a subtree
 * that ends before the first region is left as it is, one that starts after the last is moved by
 * the whole growth, and only the nodes around the regions are looked at one by one.
 */
function patch(root: AnyNode, parsed: readonly Parsed[], shift: Shift): void {
  const replaced = new Map<AnyNode, AnyNode>(parsed.map((x) => [x.region.node, x.node]));
  const first = parsed[0]!.region.start;
  const last = parsed[parsed.length - 1]!.region.end;
  const total = parsed.reduce((sum, x) => sum + x.growth, 0);
  // A child's new node: the region's parse where it is a region's node; else it is patched in place.
  const place = (child: AnyNode): AnyNode | undefined => {
    if (child.end! <= first) return undefined;
    if (child.start! >= last) {
      moveAll(child, total);
      return undefined;
    }
    const next = replaced.get(child);
    if (next === undefined) visit(child);
    return next;
  };
  const visit = (node: AnyNode): void => {
    tick();
    for (const key of childKeys(node)) {
      const child = node[key] as AnyNode | (AnyNode | null)[] | null | undefined;
      if (child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const c = child[i];
          if (c === null || typeof c !== 'object' || typeof c.type !== 'string') continue;
          const next = place(c);
          if (next !== undefined) child[i] = next;
        }
      } else if (typeof child.type === 'string') {
        const next = place(child);
        if (next !== undefined) node[key] = next;
      }
    }
    node.start = shift.at(node.start!);
    node.end = shift.at(node.end!);
    const extra = node.extra;
    if (extra !== undefined) {
      if (extra.trailingComma !== undefined) extra.trailingComma = shift.at(extra.trailingComma);
      if (extra.parenStart !== undefined) extra.parenStart = shift.at(extra.parenStart);
    }
  };
  place(root);
}

/** The file's comments after the patch: those outside the regions moved, those of the regions' new text in their place. */
function patchComments(comments: readonly Comment[], parsed: readonly Parsed[], shift: Shift): Comment[] {
  const out: Comment[] = [];
  let r = 0;
  tick(comments.length);
  for (const c of comments) {
    while (r < parsed.length && parsed[r]!.region.end <= c.start) out.push(...parsed[r++]!.comments);
    const region = parsed[r]?.region;
    if (region !== undefined && c.start >= region.start && c.end <= region.end) continue;
    c.start = shift.at(c.start);
    c.end = shift.at(c.end);
    out.push(c);
  }
  while (r < parsed.length) out.push(...parsed[r++]!.comments);
  return out;
}
