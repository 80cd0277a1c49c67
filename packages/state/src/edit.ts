/**
 * Text edits of a state file, computed from the positions of its YAML nodes: the bytes around an
 * edit stay as they are (comments, blank lines, indentation, quotes, flow or block style, CRLF).
 * Each function returns the edits of one change against the text it is given; the document
 * re-parses the result and reads it back.
 */
import { UnsupportedEditError } from '@jitsi-confkit/core';
import type { TextEdit } from '@jitsi-confkit/core';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq, Scalar } from 'yaml';
import type { JsonValue } from './types.js';
import { renderInline, sameData } from './yaml.js';
import type { RenderStyle } from './yaml.js';

export interface EditStyle extends RenderStyle {
  eol: '\n' | '\r\n';
  /** Write an intent's fields in alphabetical order (the file's intents are so written, as Ansible's to_nice_yaml does). */
  sortedFields: boolean;
}

/** An intent as the fields to write, in order. */
export type Fields = [string, JsonValue][];

// ---------------------------------------------------------------- lines

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one holding `offset`; `offset` itself when it starts a line. */
function nextLine(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

function isBlankBefore(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** Lines after `offset` (a line start) that hold only a comment indented deeper than `indent`. */
function deeperComments(text: string, offset: number, indent: number): number {
  let at = offset;
  for (;;) {
    if (at >= text.length) return at;
    const next = nextLine(text, at + 1);
    const line = text.slice(at, next);
    const m = /^([ \t]*)#/.exec(line);
    if (m === null || m[1]!.length <= indent) return at;
    at = next;
  }
}

/** Comment lines right above `offset` (a line start) indented exactly `indent`, with no blank line between. */
function commentsAbove(text: string, offset: number, indent: string): number {
  let at = offset;
  while (at > 0) {
    const start = lineStart(text, at - 1);
    const line = text.slice(start, at).replace(/\r?\n$/, '');
    if (!line.startsWith(`${indent}#`) || /^[ \t]/.test(line.slice(indent.length))) return at;
    at = start;
  }
  return at;
}

function endsWithEol(text: string): boolean {
  return text.endsWith('\n');
}

// ---------------------------------------------------------------- rendering

export function renderBlockItem(fields: Fields, dashIndent: string, contentOffset: number, style: EditStyle): string {
  return fields
    .map(([key, value], i) => `${i === 0 ? `${dashIndent}-${' '.repeat(contentOffset - 1)}` : `${dashIndent}${' '.repeat(contentOffset)}`}${key}: ${renderInline(value, style)}`)
    .join(style.eol);
}

export function renderFlowItem(fields: Fields, style: EditStyle): string {
  const object: { [key: string]: JsonValue } = {};
  for (const [k, v] of fields) object[k] = v;
  return renderInline(object, style);
}

// ---------------------------------------------------------------- block sequences

/** Where item `i` of a block sequence is: its dash, its lines, the comments right above it. */
interface ItemSpan {
  /** Start of the comment lines right above the item (its dash line when there are none). */
  withComments: number;
  dashLine: number;
  dash: number;
  /** After the item's last line (and the deeper-indented comment lines that follow it). */
  end: number;
  dashIndent: string;
  /** Columns from the dash to the item's first key (2 for `- key`). */
  contentOffset: number;
}

function dashOf(seq: YAMLSeq, index: number): number {
  const token = seq.srcToken;
  if (token === undefined || token.type !== 'block-seq') throw new UnsupportedEditError('The state file could not be edited: its intents list has no source positions');
  const dash = token.items[index]?.start.find((t) => t.type === 'seq-item-ind');
  if (dash === undefined) throw new UnsupportedEditError('The state file could not be edited: an item of its intents list has no "-"');
  return dash.offset;
}

function itemSpan(text: string, seq: YAMLSeq, index: number): ItemSpan {
  const dash = dashOf(seq, index);
  if (!isBlankBefore(text, dash)) throw new UnsupportedEditError(`The state file could not be edited: the "-" at offset ${dash} does not start its line`);
  const dashLine = lineStart(text, dash);
  const dashIndent = text.slice(dashLine, dash);
  const node = seq.items[index] as Node;
  const end = deeperComments(text, nextLine(text, node.range![1]), dashIndent.length);
  const firstKey = isMap(node) ? (node.items[0]?.key as Node | undefined)?.range?.[0] : node.range?.[0];
  const contentOffset = firstKey !== undefined && lineStart(text, firstKey) === dashLine ? firstKey - dash : 2;
  return { withComments: commentsAbove(text, dashLine, dashIndent), dashLine, dash, end, dashIndent, contentOffset };
}

/** Appends an item to a block sequence, after its last item, in the last item's layout. */
export function appendToBlockSeq(text: string, seq: YAMLSeq, fields: Fields, style: EditStyle): TextEdit[] {
  const last = itemSpan(text, seq, seq.items.length - 1);
  const item = renderBlockItem(fields, last.dashIndent, last.contentOffset, style);
  if (last.end === text.length && !endsWithEol(text)) return [{ offset: text.length, length: 0, content: `${style.eol}${item}` }];
  return [{ offset: last.end, length: 0, content: `${item}${style.eol}` }];
}

/** Removes item `index` of a block sequence with the comment lines right above it. */
export function removeFromBlockSeq(text: string, seq: YAMLSeq, index: number): TextEdit[] {
  const span = itemSpan(text, seq, index);
  let start = span.withComments;
  if (span.end === text.length && !endsWithEol(text) && start > 0) {
    // The item ends the file without a line break: remove the one before it instead.
    start -= text[start - 2] === '\r' ? 2 : 1;
  }
  return [{ offset: start, length: span.end - start, content: '' }];
}

/** Replaces item `index` of a block sequence with another item (the comment lines above it stay). */
export function replaceInBlockSeq(text: string, seq: YAMLSeq, index: number, fields: Fields, style: EditStyle): TextEdit[] {
  const span = itemSpan(text, seq, index);
  const item = renderBlockItem(fields, span.dashIndent, span.contentOffset, style);
  const keepsEol = span.end > 0 && text[span.end - 1] === '\n';
  return [{ offset: span.dashLine, length: span.end - span.dashLine, content: keepsEol ? `${item}${style.eol}` : item }];
}

// ---------------------------------------------------------------- block mappings (one intent)

function colonAfter(text: string, pair: Pair): number {
  const key = pair.key as Node;
  const colon = text.indexOf(':', key.range![1]);
  if (colon === -1) throw new UnsupportedEditError('The state file could not be edited: a key has no ":"');
  return colon + 1;
}

/** The end of a pair's value (its last byte, before the line break of a block value). */
function valueEnd(text: string, pair: Pair): number {
  const value = pair.value as Node | null;
  if (value === null || value.range === undefined || value.range === null) return colonAfter(text, pair);
  let end = value.range[1];
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/**
 * Turns the block mapping `map` (holding `before`) into one holding `after`, field by field:
 * a changed value is replaced where it is, a new field goes after the last one, a field no longer
 * there is removed with its line. Fields that stay the same are not touched, nor are comments.
 */
export function updateBlockMap(text: string, map: YAMLMap, before: Record<string, unknown>, after: Fields, style: EditStyle): TextEdit[] {
  const edits: TextEdit[] = [];
  const pairs = map.items;
  const byKey = new Map<string, Pair>();
  for (const pair of pairs) {
    const key = pair.key as Node;
    if (isScalar(key) && typeof key.value === 'string') byKey.set(key.value, pair);
  }
  const wanted = new Map(after);
  // Changed values, in place.
  for (const [key, value] of after) {
    const pair = byKey.get(key);
    if (pair === undefined || sameData(before[key], value)) continue;
    const node = pair.value as Node | null;
    const inline = node !== null && (isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow === true)) && node.range?.[0] !== node.range?.[1];
    const start = inline ? node.range![0] : colonAfter(text, pair);
    edits.push({ offset: start, length: valueEnd(text, pair) - start, content: `${inline ? '' : ' '}${renderInline(value, style)}` });
  }
  // Fields no longer there.
  pairs.forEach((pair, i) => {
    const key = (pair.key as Scalar).value as string;
    if (wanted.has(key)) return;
    const keyStart = (pair.key as Node).range![0];
    const next = pairs[i + 1];
    if (isBlankBefore(text, keyStart)) {
      edits.push({ offset: lineStart(text, keyStart), length: nextLine(text, valueEnd(text, pair)) - lineStart(text, keyStart), content: '' });
    } else if (next !== undefined) {
      // The first field, on the line of the "-": the next field moves up to its place.
      const nextStart = (next.key as Node).range![0];
      edits.push({ offset: keyStart, length: nextStart - keyStart, content: '' });
    } else {
      throw new UnsupportedEditError('The state file could not be edited: an intent would be left without fields');
    }
  });
  // New fields, after the last one.
  const added = after.filter(([key]) => !byKey.has(key));
  if (added.length > 0) {
    const lastPair = pairs[pairs.length - 1]!;
    const firstKey = (pairs[0]!.key as Node).range![0];
    const indent = ' '.repeat(firstKey - lineStart(text, firstKey));
    const lines = added.map(([key, value]) => `${indent}${key}: ${renderInline(value, style)}`);
    const at = nextLine(text, valueEnd(text, lastPair));
    edits.push(
      at === text.length && !endsWithEol(text)
        ? { offset: at, length: 0, content: `${style.eol}${lines.join(style.eol)}` }
        : { offset: at, length: 0, content: `${lines.join(style.eol)}${style.eol}` },
    );
  }
  return edits;
}

// ---------------------------------------------------------------- flow collections

/** Appends an item to a flow sequence (`[a, b]`, or a JSON array, one item a line or all on one). */
export function appendToFlowSeq(text: string, seq: YAMLSeq, item: string, style: EditStyle): TextEdit[] {
  const items = seq.items as Node[];
  const last = items[items.length - 1];
  if (last === undefined) {
    const open = text.indexOf('[', seq.range![0]);
    return [{ offset: open + 1, length: 0, content: item }];
  }
  const end = last.range![1];
  const rest = /^[ \t\r\n]*,?/.exec(text.slice(end))![0];
  const trailingComma = rest.endsWith(',');
  const open = seq.range![0];
  const multiline = lineStart(text, last.range![0]) !== lineStart(text, open);
  const gap = multiline ? `${style.eol}${indentAt(text, last.range![0])}` : ' ';
  if (trailingComma) return [{ offset: end + rest.length, length: 0, content: `${gap}${item},` }];
  return [{ offset: end, length: 0, content: `,${gap}${item}` }];
}

/** Removes item `index` of a flow sequence with the comma that separates it. */
export function removeFromFlowSeq(text: string, seq: YAMLSeq, index: number): TextEdit[] {
  const items = seq.items as Node[];
  const item = items[index]!;
  if (items.length === 1) {
    const open = text.indexOf('[', seq.range![0]);
    const close = text.lastIndexOf(']', seq.range![1]);
    return [{ offset: open + 1, length: close - open - 1, content: '' }];
  }
  if (index > 0) {
    const previous = items[index - 1]!;
    return [{ offset: previous.range![1], length: item.range![1] - previous.range![1], content: '' }];
  }
  const next = items[1]!;
  return [{ offset: item.range![0], length: next.range![0] - item.range![0], content: '' }];
}

/** Replaces a node written on one line (a scalar, a flow collection) with `content`. */
export function replaceNode(node: Node, content: string): TextEdit[] {
  return [{ offset: node.range![0], length: node.range![1] - node.range![0], content }];
}

/** Adds `key: value` to a flow mapping, after `after` (default: its last pair). */
export function addToFlowMap(text: string, map: YAMLMap, key: string, value: string, style: EditStyle, after?: Pair): TextEdit[] {
  const pairs = map.items;
  const keyText = style.json ? JSON.stringify(key) : key;
  const last = after ?? pairs[pairs.length - 1];
  if (last === undefined) {
    const open = text.indexOf('{', map.range![0]);
    return [{ offset: open + 1, length: 0, content: `${keyText}: ${value}` }];
  }
  const end = valueEnd(text, last);
  const multiline = lineStart(text, (last.key as Node).range![0]) !== lineStart(text, map.range![0]);
  const gap = multiline ? `${style.eol}${indentAt(text, (last.key as Node).range![0])}` : ' ';
  return [{ offset: end, length: 0, content: `,${gap}${keyText}: ${value}` }];
}

// ---------------------------------------------------------------- the top level

/**
 * Puts a block sequence holding `item` as the value of `pair` (whose value is empty, `~`, `null`
 * or `[]`): the old value goes, the items go on the lines after the key's line.
 */
export function startBlockSeq(text: string, pair: Pair, fields: Fields, style: EditStyle): TextEdit[] {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const edits: TextEdit[] = [];
  if (value !== null && value.range && value.range[1] > value.range[0]) {
    const colon = colonAfter(text, pair);
    edits.push({ offset: colon, length: value.range[1] - colon, content: '' });
  }
  const dashIndent = `${indentAt(text, key.range![0])}  `;
  const item = renderBlockItem(fields, dashIndent, 2, style);
  const at = nextLine(text, key.range![0] + 1);
  edits.push(at === text.length && !endsWithEol(text) ? { offset: at, length: 0, content: `${style.eol}${item}` } : { offset: at, length: 0, content: `${item}${style.eol}` });
  return edits;
}

/** Adds `key: value` lines (already rendered, without the final line break) after the last pair of the block mapping `root`. */
export function addToBlockMap(text: string, root: YAMLMap, lines: string[], style: EditStyle, after?: Pair): TextEdit[] {
  const pairs = root.items;
  const anchor = after ?? pairs[pairs.length - 1]!;
  const firstKey = (pairs[0]!.key as Node).range![0];
  const indent = ' '.repeat(firstKey - lineStart(text, firstKey));
  const value = anchor.value as Node | null;
  const end = value === null || value.range === undefined || value.range === null ? (anchor.key as Node).range![1] : value.range[1];
  const at = after === undefined ? deeperComments(text, nextLine(text, end), indent.length) : nextLine(text, end);
  const body = lines.map((l) => `${indent}${l}`).join(style.eol);
  if (at === text.length && !endsWithEol(text)) return [{ offset: at, length: 0, content: `${style.eol}${body}` }];
  return [{ offset: at, length: 0, content: `${body}${style.eol}` }];
}
