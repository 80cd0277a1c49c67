/**
 * Splice edits for the items of a bracketed list (array elements, object properties): remove one
 * item or insert one, keeping the list's layout (inline, one item per line, or several per line).
 */
import { isFirstOnLine, type LineIndex, type TextEdit } from '@jitsi-confkit/core';
import type { ArrayExpression, Node, ObjectExpression } from './ast.js';
import { attachedBlockStart, type Comment, commentsInside, lineEndPastComments } from './comments.js';
import type { ScriptSnapshot } from './model.js';
import { commasIn, hasNewline, skipSpaces, type Span } from './text.js';

export type { Span } from './text.js';

export interface List {
  /** Offset of the opening `[` or `{`. */
  open: number;
  /** Offset of the closing `]` or `}`. */
  close: number;
  items: readonly Span[];
  kind: 'array' | 'object';
  /** The comments directly inside the brackets (not inside an item), in source order. */
  comments: readonly Comment[];
}

/** Whether every item of the list sits on its own line. */
function onePerLine(lines: LineIndex, list: List): boolean {
  const { items } = list;
  if (items.length === 0) return false;
  if (!hasNewline(lines, list.open, items[0]!.start)) return false;
  for (let i = 1; i < items.length; i++) if (!hasNewline(lines, items[i - 1]!.end, items[i]!.start)) return false;
  return hasNewline(lines, items[items.length - 1]!.end, list.close);
}

/** The comma right after an item (skipping spaces), if any. */
function commaAfter(lines: LineIndex, item: Span, limit: number): number | undefined {
  return commasIn(lines, item.end, limit)[0];
}

/** Edits that remove item `index`, its separator and, when it stood alone on its line(s), those lines. */
export function removeItem(lines: LineIndex, list: List, index: number): TextEdit[] {
  const text = lines.text;
  const { items } = list;
  const item = items[index]!;
  const prev = items[index - 1];
  const next = items[index + 1];
  const limit = next ? next.start : list.close;
  const comma = commaAfter(lines, item, limit);
  const afterComma = skipSpaces(text, comma !== undefined && !hasNewline(lines, item.end, comma) ? comma + 1 : skipSpaces(text, item.end));
  const restOfLine = text.slice(afterComma, lines.lineEnd(afterComma));
  const alone = isFirstOnLine(text, item.start) && afterComma <= lines.lineEnd(item.end);
  const removePrevComma = (): TextEdit[] => {
    if (!prev || comma !== undefined) return [];
    const c = commasIn(lines, prev.end, item.start)[0];
    return c === undefined ? [] : [{ offset: c, length: 1, content: '' }];
  };
  // Comma-first layout (`'a'` then `, 'b'` on the next line): the item's comma is on a later line,
  // and goes with it (with the spaces after it), or the next item would start with a comma.
  const laterComma = (): TextEdit[] =>
    comma !== undefined && hasNewline(lines, item.end, comma) ? [{ offset: comma, length: skipSpaces(text, comma + 1) - comma, content: '' }] : [];
  if (alone && restOfLine === '') {
    const start = lines.lineStart(item.start);
    let end = lines.nextLineStart(afterComma);
    // An item set off by blank lines on both sides takes one of them along, so that removing
    // what an insertion added gives back the original text.
    const blankBefore = start > list.open && start > 0 && lines.isBlankLine(start - 1) && lines.lineStart(start - 1) > list.open;
    if (blankBefore && end < list.close && lines.isBlankLine(end) && lines.lineEnd(end) < list.close) end = lines.nextLineStart(end);
    return [...removePrevComma(), { offset: start, length: end - start, content: '' }, ...laterComma()];
  }
  if (alone && restOfLine.startsWith('//')) {
    // Keep the trailing comment where it is, as a comment line of its own.
    return [...removePrevComma(), { offset: item.start, length: afterComma - item.start, content: '' }, ...laterComma()];
  }
  const lineHead = text.slice(lines.lineStart(item.start), item.start);
  if (prev && /^[ \t]*,[ \t]*$/.test(lineHead) && text.slice(item.end, lines.lineEnd(item.end)).trim() === '') {
    // `, 'b'` on a line of its own (comma-first): the line goes, with the comma that starts it.
    return [{ offset: lines.lineStart(item.start), length: lines.nextLineStart(item.end) - lines.lineStart(item.start), content: '' }];
  }
  if (items.length === 1) {
    return list.close - list.open > 1 ? [{ offset: list.open + 1, length: list.close - list.open - 1, content: '' }] : [];
  }
  if (next && !hasNewline(lines, item.end, next.start)) return [{ offset: item.start, length: next.start - item.start, content: '' }];
  if (prev) return [{ offset: prev.end, length: item.end - prev.end, content: '' }];
  return [{ offset: item.start, length: next!.start - item.start, content: '' }];
}

/**
 * Edits that insert an item at `index` (`items.length` appends). `render(indent)` gives the item's
 * text for an item that starts on a line indented by `indent`; `style` gives one indentation level
 * (`unit`) and the space inside the brackets of a one-line list (`pad`), read only where needed.
 */
export function insertItem(lines: LineIndex, list: List, index: number, render: (indent: string) => string, style: { readonly unit: string; readonly pad: string }): TextEdit[] {
  const text = lines.text;
  const { items } = list;
  if (items.length === 0) {
    const inner = text.slice(list.open + 1, list.close);
    const indent = lines.lineIndent(list.open);
    const eol = lines.lineBreakNear(list.open);
    if (/^\s*$/.test(inner) && (list.kind === 'object' || inner.includes('\n'))) {
      return [{ offset: list.open + 1, length: inner.length, content: `${eol}${indent}${style.unit}${render(indent + style.unit)}${eol}${indent}` }];
    }
    if (/^[ \t]*$/.test(inner)) {
      return [{ offset: list.open + 1, length: inner.length, content: `${style.pad}${render(indent)}${style.pad}` }];
    }
    // Only comments inside: add the item on a line of its own before the closing bracket.
    if (isFirstOnLine(text, list.close)) {
      return [{ offset: lines.lineStart(list.close), length: 0, content: `${indent}${style.unit}${render(indent + style.unit)}${eol}` }];
    }
    return [{ offset: list.close, length: 0, content: `${style.pad}${render(indent)}${style.pad}` }];
  }
  const perLine = onePerLine(lines, list);
  if (index >= items.length) {
    const last = items[items.length - 1]!;
    const indent = lines.lineIndent(last.start);
    if (perLine) {
      const comma = commaAfter(lines, last, list.close);
      // After the comments on the last item's line, also one that goes on over more lines.
      const at = lineEndPastComments(lines, list.comments, comma ?? last.end);
      const eol = lines.lineBreakNear(last.end);
      const edits: TextEdit[] = [];
      if (comma === undefined) edits.push({ offset: last.end, length: 0, content: ',' });
      edits.push({ offset: at, length: 0, content: `${eol}${indent}${render(indent)}${comma === undefined ? '' : ','}` });
      return edits;
    }
    return [{ offset: last.end, length: 0, content: `, ${render(indent)}` }];
  }
  const item = items[index]!;
  const indent = lines.lineIndent(item.start);
  if (perLine && isFirstOnLine(text, item.start)) {
    const prev = items[index - 1];
    const at = attachedBlockStart(lines, list.comments, item, prev ? prev.end : list.open + 1);
    const eol = lines.lineBreakNear(item.start);
    const blankBefore = at > 0 && lines.isBlankLine(at - 1) && lines.lineStart(at - 1) > list.open;
    return [{ offset: at, length: 0, content: `${indent}${render(indent)},${eol}${blankBefore ? eol : ''}` }];
  }
  return [{ offset: item.start, length: 0, content: `${render(indent)}, ` }];
}

/** The items of an array literal, as a List. */
export function arrayList(snapshot: ScriptSnapshot, node: ArrayExpression): List {
  return listOf(
    snapshot,
    node,
    node.elements.map((e) => span(e!)),
    'array',
  );
}

/** The properties of an object literal, as a List. */
export function objectList(snapshot: ScriptSnapshot, node: ObjectExpression): List {
  return listOf(snapshot, node, node.properties.map(span), 'object');
}

function listOf(snapshot: ScriptSnapshot, node: Node, items: Span[], kind: List['kind']): List {
  const open = node.start!;
  const close = node.end! - 1;
  return { open, close, items, kind, comments: commentsInside(snapshot.parsed.comments, open, close, items) };
}

function span(node: { start?: number | null; end?: number | null }): Span {
  return { start: node.start!, end: node.end! };
}

/**
 * Edits that remove item `index` of `list` (removeItem). When that empties a list whose brackets
 * come from the input and held only whitespace there (`[ ]`, `{}`, `{\n}`), that whitespace comes
 * back, so that removing what was added gives back the input byte for byte.
 */
export function removeListItem(snapshot: ScriptSnapshot, list: List, index: number): TextEdit[] {
  const edits = removeItem(snapshot.parsed.lines, list, index);
  if (list.items.length !== 1 || snapshot.origin === undefined) return edits;
  const { original, originalOffset } = snapshot.origin;
  const open = originalOffset(list.open);
  const close = originalOffset(list.close);
  if (open === undefined || close === undefined) return edits;
  const inner = original.slice(open + 1, close);
  if (!/^\s*$/.test(inner)) return edits;
  return [{ offset: list.open + 1, length: list.close - list.open - 1, content: inner }];
}
