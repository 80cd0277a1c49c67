/**
 * Local verification of a Prosody edit (the kind's `reparse`, given the previous model by core's
 * session): the model of the edited text built from the previous model by parsing only the new
 * text of each edit, when that is provably the model a whole parse would give and a whole parse
 * would not refuse the text. Two kinds of edit qualify, and nothing else (the whole text is
 * parsed then):
 *
 * - a **value**: the literal value of a setting (`key = <literal>` at the top level, or a field of
 *   a header's option table) replaced by a literal (a string, a number, a boolean);
 * - **statements**: complete lines inserted between top-level statements, each an assignment of a
 *   literal (or of a table of literals) to a name, or a section header (`VirtualHost "x"`).
 *
 * Why the rest of the file reads the same (the argument the fuzz test in local.test.ts checks
 * against the whole parse on every corpus file):
 *
 * 1. Same tokens outside the splice. A value's new text parses on its own as exactly one literal
 *    and no character on either side of the splice can join it into another token (a name or
 *    numeral next to a letter or digit, `-` next to `-`, a `.` next to a digit). Inserted lines
 *    start at a line start outside any statement or comment and end with a line break (or start
 *    with one at the end of the file), parse on their own, and hold no comment.
 * 2. Same structure outside the node. A literal is never the start of a longer expression (it is
 *    no prefix expression: nothing after it can call or index it), and the old one filled the same
 *    place; inserted statements come after a complete statement that is not a `return` (which must
 *    be last), and assign no local declared `<const>` or `<close>` (which Lua refuses). Positions
 *    after the splice shift by the length difference and nothing else, so the tree is shifted in
 *    place and the sections are rebuilt from it.
 * 3. Same limits. A literal for a literal needs the same registers and nesting levels; inserted
 *    statements declare no local, sit at the top level (a few levels deep), and need at most a
 *    table's worth of registers above the 200 locals Lua allows. The register check assumes names
 *    take registers when the file has more than 255 constants: the count is kept as an upper bound
 *    that only grows between whole parses, so above 255 it was above 255 at the last whole parse
 *    (whose check then assumed the most registers), and an edit that could take it past 255 from
 *    below is parsed whole.
 */
import type { Chunk, Expression, Node, Statement, TableConstructorExpression } from 'luaparse';
import { lineBreakBefore, type TextEdit } from '@jitsi-confkit/core';
import { parseLua, rangeOf, type ParsedLua } from './lua.js';
import { modelOf, type Model } from './model.js';
import { commentAround, firstStartingAt } from './text.js';
import { styleVotes } from './style.js';
import type { NodeRanges, NumericLiteralInfo, StyleVotes } from './vendor/luaparse.cjs';
import { walk } from './walk.js';

/** Commits of more edits than this are parsed whole (local verification is for single operations and small batches). */
const MAX_EDITS = 8;
/** Past this many constants, names take registers (registers.ts): an edit that may cross it is parsed whole. */
const MANY_CONSTANTS = 255;
/** The most fields of an inserted table (its registers stay well below Lua's 254 above 200 locals). */
const MAX_TABLE_FIELDS = 40;
/** What the vendored parser counts for every function besides its own constants (nil, true, false). */
const BASE_CONSTANTS = 3;

type MutableRange = [number, number];

interface ValuePlan {
  readonly kind: 'value';
  readonly offset: number;
  readonly length: number;
  readonly delta: number;
  /** The new node, at offset 0 of `return <content>`. */
  readonly node: Expression;
  /** The node it replaces. */
  readonly old: Expression;
  readonly put: (node: Expression) => void;
  readonly constants: number;
}

interface StatementsPlan {
  readonly kind: 'statements';
  readonly offset: number;
  readonly length: 0;
  readonly delta: number;
  /** The new statements, positioned in the inserted text. */
  readonly fragment: ParsedLua;
  readonly constants: number;
}

type Plan = ValuePlan | StatementsPlan;

/**
 * The model of `text` (`model.text` with `edits` applied) built from `model` (see the module
 * comment), or undefined when that is not provably right. Where it builds one, it takes the
 * tree of `model` over (shifted and patched in place): `model` must not be read again. Where it
 * declines (or there is no `model`), `model` is left as it was.
 */
export function reparseLocally(model: Model | undefined, text: string, edits: readonly TextEdit[]): Model | undefined {
  if (model === undefined || edits.length === 0 || edits.length > MAX_EDITS) return undefined;
  const old = model.text;
  const chunk = model.chunk;
  const before = (chunk as { constants?: number }).constants;
  // The parser's list of the tree's ranges (null for a very large tree, which is walked instead).
  const ranges = (chunk as Chunk & { nodeRanges?: NodeRanges | null }).nodeRanges;
  if (before === undefined || ranges === undefined) return undefined;
  let constants = before;
  const plans: Plan[] = [];
  for (const edit of joinInsertions(edits)) {
    const plan = edit.length > 0 ? valuePlan(model, old, edit) : statementsPlan(model, old, edit);
    if (plan === undefined) return undefined;
    constants += plan.constants;
    plans.push(plan);
  }
  if (before <= MANY_CONSTANTS && constants > MANY_CONSTANTS) return undefined;

  // Proven: shift the previous tree in place, then put the new nodes in.
  const first = plans[0]!.offset;
  // The plans are in offset order and do not overlap: once one lies past x, so do the rest.
  const shiftStart = (x: number): number => {
    let out = x;
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i]!;
      if (p.offset + p.length > x) break;
      out += p.delta;
    }
    return out;
  };
  const shiftEnd = (x: number): number => {
    let out = x;
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i]!;
      if (p.offset + p.length > x || (p.length === 0 && p.offset === x)) break;
      out += p.delta;
    }
    return out;
  };
  const hadTokens = chunk.body.length > 0 || rangeOf(chunk)[0] < old.length;
  const shift = (r: MutableRange): void => {
    r[0] = shiftStart(r[0]);
    r[1] = shiftEnd(r[1]);
  };
  // Every node's range and every comment's, from the parser's list (without one, by a walk over
  // the tree); those that end before the first plan stay.
  if (ranges !== null) {
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      if (r[1] > first) shift(r);
    }
  } else {
    for (const statement of chunk.body) if (rangeOf(statement)[1] > first) walk(statement, (node) => void shift(rangeOf(node) as MutableRange));
    for (const comment of chunk.comments ?? []) if (rangeOf(comment)[1] > first) shift(rangeOf(comment) as MutableRange);
  }
  const range = rangeOf(chunk) as MutableRange;
  if (hadTokens) {
    range[0] = shiftStart(range[0]);
    range[1] = shiftEnd(range[1]);
  }
  for (const p of plans) {
    if (p.kind === 'value') {
      const at = shiftStart(p.offset) - 'return '.length;
      // The new literal's ranges (`-1` is two nodes) take the old one's places in the list.
      const added: MutableRange[] = [];
      walk(p.node, (node) => {
        moveBy(node, at);
        added.push(rangeOf(node) as MutableRange);
      });
      p.put(p.node);
      if (ranges === null) continue;
      walk(p.old, (node) => {
        const i = ranges.indexOf(rangeOf(node) as MutableRange);
        if (i < 0) return;
        const next = added.pop();
        if (next !== undefined) ranges[i] = next;
        else {
          ranges[i] = ranges[ranges.length - 1]!;
          ranges.pop();
        }
      });
      ranges.push(...added);
      continue;
    }
    const at = shiftEnd(p.offset);
    const statements = p.fragment.body;
    for (const s of statements)
      walk(s, (node) => {
        moveBy(node, at);
        ranges?.push(rangeOf(node) as MutableRange);
      });
    const index = firstStartingAt(chunk.body, at);
    chunk.body.splice(index, 0, ...statements);
    // The chunk's range runs from its first token to its last: an insertion before or after them moves its ends.
    const tokens = rangeOf(p.fragment.chunk);
    if (!hadTokens && range[0] === range[1]) {
      range[0] = at + tokens[0];
      range[1] = at + tokens[1];
    } else {
      range[0] = Math.min(range[0], at + tokens[0]);
      range[1] = Math.max(range[1], at + tokens[1]);
    }
  }
  (chunk as { constants?: number }).constants = constants;
  (chunk as Chunk & { styleVotes: StyleVotes }).styleVotes = votesAfter(styleVotes(chunk), plans);
  return modelOf(text, { chunk, body: chunk.body, comments: chunk.comments ?? [] }, model.prosody);
}

/**
 * The style's votes of the edited text: a literal replaced by a literal takes its string's quote
 * away and gives the new one's (the separator after it is the same token); inserted statements add
 * what their own parse counted (their tokens are the same in the whole text).
 */
function votesAfter(before: StyleVotes, plans: readonly Plan[]): StyleVotes {
  const votes = { ...before };
  const quote = (node: Expression, by: number): void => {
    if (node.type !== 'StringLiteral') return;
    if (node.raw[0] === '"') votes.double += by;
    else if (node.raw[0] === "'") votes.single += by;
  };
  for (const p of plans) {
    if (p.kind === 'value') {
      quote(p.old, -1);
      quote(p.node, 1);
      continue;
    }
    const added = styleVotes(p.fragment.chunk);
    votes.double += added.double;
    votes.single += added.single;
    votes.comma += added.comma;
    votes.semicolon += added.semicolon;
  }
  return votes;
}

/** Insertions at one offset as one (their texts in order); edits sorted by offset. */
function joinInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length === 0 && e.length === 0 && last.offset === e.offset) out[out.length - 1] = { ...last, content: last.content + e.content };
    else out.push(e);
  }
  return out;
}

function moveBy(node: Node, by: number): void {
  const range = rangeOf(node) as MutableRange;
  range[0] += by;
  range[1] += by;
}

/** Parses a fragment on its own; undefined when it does not parse. */
function parseFragment(source: string): ParsedLua | undefined {
  try {
    return parseLua(source);
  } catch {
    return undefined;
  }
}

/** A string (quoted, not a long bracket), a number, a negated number or a boolean. */
function isScalar(node: Expression): boolean {
  switch (node.type) {
    case 'StringLiteral':
      return node.raw[0] === '"' || node.raw[0] === "'";
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return true;
    case 'UnaryExpression':
      return node.operator === '-' && node.argument.type === 'NumericLiteral';
    default:
      return false;
  }
}

/** How many constants the vendored parser lists for a literal: a string or an integer numeral (floats go to a set of their own). */
function literalConstants(node: Expression): number {
  const numeral = node.type === 'UnaryExpression' ? node.argument : node;
  if (numeral.type === 'NumericLiteral') return (numeral as NumericLiteralInfo).isFloat ? 0 : 1;
  return node.type === 'StringLiteral' ? 1 : 0;
}

const WORD = /[A-Za-z0-9_]/;

/** Whether the characters on either side of a splice point could read as one token, or start a comment or a long bracket. */
function joins(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  const b = WORD.test(before);
  const a = WORD.test(after);
  return (b && a) || (before === '-' && after === '-') || (before === '.' && (a || after === '.')) || (after === '.' && b) || (before === '[' && (after === '[' || after === '='));
}

/** A setting's literal value replaced by a literal. */
function valuePlan(model: Model, old: string, edit: TextEdit): ValuePlan | undefined {
  const end = edit.offset + edit.length;
  const target = valueAt(model, edit.offset, end);
  if (target === undefined || !isScalar(target.node)) return undefined;
  const fragment = parseFragment(`return ${edit.content}`);
  const statement = fragment?.body[0];
  if (fragment === undefined || fragment.body.length !== 1 || fragment.comments.length > 0 || statement?.type !== 'ReturnStatement') return undefined;
  const node = statement.arguments.length === 1 ? statement.arguments[0]! : undefined;
  if (node === undefined || !isScalar(node)) return undefined;
  const [start, stop] = rangeOf(node);
  if (start !== 'return '.length || stop !== 'return '.length + edit.content.length) return undefined;
  if (joins(old[edit.offset - 1], edit.content[0]) || joins(edit.content[edit.content.length - 1], old[end])) return undefined;
  // The vendored parser's count grows by what the new literal adds, at most one constant; the old
  // one may stay counted (past 255 constants it counts distinct values, and the old value may be
  // used elsewhere), so nothing is taken off: the count stays an upper bound until the next whole
  // parse counts again.
  const constants = literalConstants(node) + (isFloat(node) ? 1 : 0);
  return { kind: 'value', offset: edit.offset, length: edit.length, delta: edit.content.length - edit.length, node, old: target.node, put: target.put, constants };
}

function isFloat(node: Expression): boolean {
  const numeral = node.type === 'UnaryExpression' ? node.argument : node;
  return numeral.type === 'NumericLiteral' && (numeral as NumericLiteralInfo).isFloat === true;
}

/** The literal value of a setting (a top-level assignment, or an option field) spanning exactly [start, end), and where to put a new one. */
function valueAt(model: Model, start: number, end: number): { node: Expression; put: (node: Expression) => void } | undefined {
  for (const section of model.sections) {
    for (const o of section.options) {
      const field = o.option!.field;
      const [s, e] = rangeOf(field.value);
      if (s === start && e === end) return { node: field.value, put: (node) => (field.value = node) };
    }
    for (const item of section.items) {
      if (item.kind !== 'setting') continue;
      const [s, e] = rangeOf(item.value);
      if (s === start && e === end && item.statement.type === 'AssignmentStatement') {
        const statement = item.statement;
        return { node: item.value, put: (node) => (statement.init[0] = node) };
      }
    }
  }
  return undefined;
}

/** Complete top-level statements inserted between statements. */
function statementsPlan(model: Model, old: string, edit: TextEdit): StatementsPlan | undefined {
  const { offset, content } = edit;
  const atLineStart = (offset === 0 || lineBreakBefore(old, offset) !== '') && /[\r\n]$/.test(content);
  const atEnd = offset === old.length && /^[\r\n]/.test(content);
  if (!atLineStart && !atEnd) return undefined;
  const body = model.chunk.body;
  const index = firstStartingAt(body, offset);
  const previous = body[index - 1];
  // Inside a statement (which started before the offset and ends after it), or after a `return`.
  if (previous !== undefined && (rangeOf(previous)[1] > offset || previous.type === 'ReturnStatement')) return undefined;
  if (commentAround(model.comments, offset) !== undefined) return undefined;
  const fragment = parseFragment(content);
  if (fragment === undefined || fragment.comments.length > 0 || fragment.body.length === 0) return undefined;
  const names = new Set<string>();
  for (const statement of fragment.body) {
    if (statement.type === 'AssignmentStatement') {
      const target = statement.variables[0];
      if (statement.variables.length !== 1 || statement.init.length !== 1 || target?.type !== 'Identifier' || !isLiteralOrList(statement.init[0]!)) return undefined;
      names.add(target.name);
    } else if (!isHeader(statement)) {
      return undefined;
    }
  }
  if (assignsReadOnly(body, names)) return undefined;
  const own = (fragment.chunk as { constants?: number }).constants ?? Infinity;
  // Counted one by one in the fragment too (its own count past 255 would be of distinct values).
  if (own > MANY_CONSTANTS) return undefined;
  const constants = own - BASE_CONSTANTS;
  return { kind: 'statements', offset, length: 0, delta: content.length, fragment, constants };
}

/** A scalar literal, or a table of at most MAX_TABLE_FIELDS scalar fields (list items or `name = literal`). */
function isLiteralOrList(node: Expression): boolean {
  if (isScalar(node)) return true;
  if (node.type !== 'TableConstructorExpression') return false;
  const table: TableConstructorExpression = node;
  return table.fields.length <= MAX_TABLE_FIELDS && table.fields.every((f) => (f.type === 'TableValue' || f.type === 'TableKeyString') && isScalar(f.value));
}

/** `VirtualHost "x"`, `Component "x" "muc"`: a name called with one or two strings. */
function isHeader(statement: Statement): boolean {
  if (statement.type !== 'CallStatement') return false;
  let node: Expression = statement.expression;
  let calls = 0;
  while (node.type === 'StringCallExpression') {
    if (!isScalar(node.argument)) return false;
    node = node.base;
    calls++;
  }
  return node.type === 'Identifier' && calls >= 1 && calls <= 2;
}

/** Whether a top-level local of one of these names is declared `<const>` or `<close>` (an assignment to it does not compile). */
function assignsReadOnly(body: readonly Statement[], names: ReadonlySet<string>): boolean {
  for (const statement of body) {
    if (statement.type !== 'LocalStatement') continue;
    for (const v of statement.variables) if ((v as { attribute?: string }).attribute !== undefined && names.has(v.name)) return true;
  }
  return false;
}
