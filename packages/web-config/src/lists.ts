/**
 * Splice edits for the items of a bracketed list (array elements, object properties): remove one
 * item or insert one, keeping the list's layout (inline, one item per line, or several per line).
 */
import type { TextEdit } from '@jitsi-confkit/core';
import { attachedBlockStart, type Comment, lineEndPastComments } from './comments.js';
import { commasIn, eolAt, firstOnLine, hasNewline, indentAt, isBlankLine, lineEnd, lineStart, nextLineStart, skipSpaces } from './text.js';

export interface Span {
  start: number;
  end: number;
}

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
function onePerLine(text: string, list: List): boolean {
  const { items } = list;
  if (items.length === 0) return false;
  if (!hasNewline(text, list.open, items[0]!.start)) return false;
  for (let i = 1; i < items.length; i++) if (!hasNewline(text, items[i - 1]!.end, items[i]!.start)) return false;
  return hasNewline(text, items[items.length - 1]!.end, list.close);
}

/** The comma right after an item (skipping spaces), if any. */
function commaAfter(text: string, item: Span, limit: number): number | undefined {
  return commasIn(text, item.end, limit)[0];
}

/** Edits that remove item `index`, its separator and, when it stood alone on its line(s), those lines. */
export function removeItem(text: string, list: List, index: number): TextEdit[] {
  const { items } = list;
  const item = items[index]!;
  const prev = items[index - 1];
  const next = items[index + 1];
  const limit = next ? next.start : list.close;
  const comma = commaAfter(text, item, limit);
  const afterComma = skipSpaces(text, comma !== undefined && !hasNewline(text, item.end, comma) ? comma + 1 : skipSpaces(text, item.end));
  const restOfLine = text.slice(afterComma, lineEnd(text, afterComma));
  const alone = firstOnLine(text, item.start) && afterComma <= lineEnd(text, item.end);
  const removePrevComma = (): TextEdit[] => {
    if (!prev || comma !== undefined) return [];
    const c = commasIn(text, prev.end, item.start)[0];
    return c === undefined ? [] : [{ offset: c, length: 1, content: '' }];
  };
  // Comma-first layout (`'a'` then `, 'b'` on the next line): the item's comma is on a later line,
  // and goes with it (with the spaces after it), or the next item would start with a comma.
  const laterComma = (): TextEdit[] =>
    comma !== undefined && hasNewline(text, item.end, comma) ? [{ offset: comma, length: skipSpaces(text, comma + 1) - comma, content: '' }] : [];
  if (alone && restOfLine === '') {
    const start = lineStart(text, item.start);
    let end = nextLineStart(text, afterComma);
    // An item set off by blank lines on both sides takes one of them along, so that removing
    // what an insertion added gives back the original text.
    const blankBefore = start > list.open && start > 0 && isBlankLine(text, lineStart(text, start - 1)) && lineStart(text, start - 1) > list.open;
    if (blankBefore && end < list.close && isBlankLine(text, end) && lineEnd(text, end) < list.close) end = nextLineStart(text, end);
    return [...removePrevComma(), { offset: start, length: end - start, content: '' }, ...laterComma()];
  }
  if (alone && restOfLine.startsWith('//')) {
    // Keep the trailing comment where it is, as a comment line of its own.
    return [...removePrevComma(), { offset: item.start, length: afterComma - item.start, content: '' }, ...laterComma()];
  }
  const lineHead = text.slice(lineStart(text, item.start), item.start);
  if (prev && /^[ \t]*,[ \t]*$/.test(lineHead) && text.slice(item.end, lineEnd(text, item.end)).trim() === '') {
    // `, 'b'` on a line of its own (comma-first): the line goes, with the comma that starts it.
    return [{ offset: lineStart(text, item.start), length: nextLineStart(text, item.end) - lineStart(text, item.start), content: '' }];
  }
  if (items.length === 1) {
    return list.close - list.open > 1 ? [{ offset: list.open + 1, length: list.close - list.open - 1, content: '' }] : [];
  }
  if (next && !hasNewline(text, item.end, next.start)) return [{ offset: item.start, length: next.start - item.start, content: '' }];
  if (prev) return [{ offset: prev.end, length: item.end - prev.end, content: '' }];
  return [{ offset: item.start, length: next!.start - item.start, content: '' }];
}

/**
 * Edits that insert an item at `index` (`items.length` appends). `render(indent)` gives the item's
 * text for an item that starts on a line indented by `indent`; `unit` is one indentation level.
 */
export function insertItem(text: string, list: List, index: number, render: (indent: string) => string, unit: string, pad: string): TextEdit[] {
  const { items } = list;
  if (items.length === 0) {
    const inner = text.slice(list.open + 1, list.close);
    const indent = indentAt(text, list.open);
    const eol = eolAt(text, list.open);
    if (/^\s*$/.test(inner) && (list.kind === 'object' || inner.includes('\n'))) {
      return [{ offset: list.open + 1, length: inner.length, content: `${eol}${indent}${unit}${render(indent + unit)}${eol}${indent}` }];
    }
    if (/^[ \t]*$/.test(inner)) {
      return [{ offset: list.open + 1, length: inner.length, content: `${pad}${render(indent)}${pad}` }];
    }
    // Only comments inside: add the item on a line of its own before the closing bracket.
    if (firstOnLine(text, list.close)) {
      return [{ offset: lineStart(text, list.close), length: 0, content: `${indent}${unit}${render(indent + unit)}${eol}` }];
    }
    return [{ offset: list.close, length: 0, content: `${pad}${render(indent)}${pad}` }];
  }
  const perLine = onePerLine(text, list);
  if (index >= items.length) {
    const last = items[items.length - 1]!;
    const indent = indentAt(text, last.start);
    if (perLine) {
      const comma = commaAfter(text, last, list.close);
      // After the comments on the last item's line, also one that goes on over more lines.
      const at = lineEndPastComments(text, list.comments, comma ?? last.end);
      const eol = eolAt(text, last.end);
      const edits: TextEdit[] = [];
      if (comma === undefined) edits.push({ offset: last.end, length: 0, content: ',' });
      edits.push({ offset: at, length: 0, content: `${eol}${indent}${render(indent)}${comma === undefined ? '' : ','}` });
      return edits;
    }
    return [{ offset: last.end, length: 0, content: `, ${render(indent)}` }];
  }
  const item = items[index]!;
  const indent = indentAt(text, item.start);
  if (perLine && firstOnLine(text, item.start)) {
    const prev = items[index - 1];
    const at = attachedBlockStart(text, list.comments, item, prev ? prev.end : list.open + 1);
    const eol = eolAt(text, item.start);
    const blankBefore = at > 0 && isBlankLine(text, lineStart(text, at - 1)) && lineStart(text, at - 1) > list.open;
    return [{ offset: at, length: 0, content: `${indent}${render(indent)},${eol}${blankBefore ? eol : ''}` }];
  }
  return [{ offset: item.start, length: 0, content: `${render(indent)}, ` }];
}
