/**
 * Planners for the fields that are there: replacing a field's value, and removing fields with
 * what separates them. Pure: each reads the snapshot it is given and returns edits against its text.
 */
import { isFirstOnLine, lineBreakBefore, lineStart, nextLineStart, printable, UnsupportedEditError, type TextEdit } from '@jitsi-confkit/core';
import { formatValue, readsAs, type HoconInput } from './format.js';
import { offsetOf, type HoconSnapshot } from './snapshot.js';
import { isLiteral, nodeValue, type Merged } from './model.js';
import { commentEnd } from './scanner.js';
import { valueStyleOf } from './style.js';
import type { FieldNode } from './syntax.js';

/**
 * The edit that writes `value` in place of the effective value `found` of `path`: none when it
 * already reads so (and a zero keeps its sign). Refuses (UnsupportedEditError with the position) an
 * object, which set() writes key by key, and a value that is not a literal (`${VAR}`).
 */
export function planReplace({ text, parsed }: HoconSnapshot, path: string, found: Merged, value: HoconInput): TextEdit[] {
  if (found.kind === 'object') throw UnsupportedEditError.at(`${path} is an object; set its keys instead`, text, offsetOf(found));
  const node = found.field.value;
  const source = text.slice(node.start, node.end);
  if (!isLiteral(node)) throw UnsupportedEditError.at(`${path} is not a literal value (${printable(source, 40)}); edit it by hand`, text, node.start);
  // 0 and -0 read the same in HOCON, but the file says which one was given.
  const signChanged = value === 0 && Object.is(value, -0) !== source.startsWith('-');
  if (readsAs(nodeValue(node, text), value) && !signChanged) return [];
  const content = formatValue(
    value,
    valueStyleOf(text, node, value, () => parsed.style.values),
  );
  return content === source ? [] : [{ offset: node.start, length: node.end - node.start, content }];
}

/**
 * The edits that remove `fields` (each its whole line(s) when it stands alone on them, else the
 * field and one comma). Fields whose removals would overlap or touch (a key repeated on one line:
 * `x = 1, x = 2`) are removed as one span, so the commas between them go too; a comma at the start
 * of a later line that separated a removed field goes with it.
 */
export function planRemoveFields(text: string, fields: readonly FieldNode[]): TextEdit[] {
  const spans: { start: number; end: number; edit: TextEdit }[] = [];
  for (const f of [...fields].sort((a, b) => a.start - b.start)) {
    const edit = removalEdit(text, f);
    const last = spans[spans.length - 1];
    if (last !== undefined && edit.offset <= last.edit.offset + last.edit.length) {
      last.end = Math.max(last.end, f.end);
      last.edit = removalEdit(text, last);
    } else {
      spans.push({ start: f.start, end: f.end, edit });
    }
  }
  const edits = spans.map((s) => s.edit);
  // A comma at the start of a later line is the removed field's separator (`x = 1\n, y = 2`):
  // left alone it would follow an opening brace or another comma.
  for (const edit of [...edits]) {
    const comma = separatorCommaAfter(text, edit.offset + edit.length);
    if (comma !== -1) edits.push(commaRemoval(text, comma));
  }
  return mergeDeletions(edits);
}

/** Removes a field: its whole line(s) when it stands alone on them, else the field and one comma. */
function removalEdit(text: string, field: { start: number; end: number }): TextEdit {
  const start = lineStart(text, field.start);
  let after = field.end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (text[after] === ',') after++;
  while (text[after] === ' ' || text[after] === '\t' || text[after] === '\r') after++;
  if (text[after] === '#' || (text[after] === '/' && text[after + 1] === '/')) after = commentEnd(text, after);
  if (isFirstOnLine(text, field.start) && (after >= text.length || text[after] === '\n')) {
    if (after < text.length) return { offset: start, length: after + 1 - start, content: '' };
    // The last line: the line break before it goes instead.
    const breakStart = Math.max(0, start - Math.max(1, lineBreakBefore(text, start).length));
    return { offset: breakStart, length: text.length - breakStart, content: '' };
  }
  let end = field.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (text[end] === ',') {
    end++;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return { offset: field.start, length: end - field.start, content: '' };
  }
  let from = field.start;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  if (text[from - 1] === ',') from--;
  return { offset: from, length: field.end - from, content: '' };
}

/** The offset of the comma that is the first thing after `from` (spaces, line breaks and comments skipped), or -1. */
function separatorCommaAfter(text: string, from: number): number {
  for (let p = from; p < text.length;) {
    const c = text[p]!;
    if (c === ',') return p;
    if (c === '#' || (c === '/' && text[p + 1] === '/')) p = commentEnd(text, p);
    else if (/\s/.test(c) || c === '\ufeff') p++;
    else return -1;
  }
  return -1;
}

/** Removes the comma at `at` and the spaces after it; its whole line when nothing else is on it. */
function commaRemoval(text: string, at: number): TextEdit {
  let end = at + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (isFirstOnLine(text, at) && (text[end] === '\n' || text.startsWith('\r\n', end))) {
    const start = lineStart(text, at);
    return { offset: start, length: nextLineStart(text, end) - start, content: '' };
  }
  return { offset: at, length: end - at, content: '' };
}

/** Deletions with overlapping or touching ranges folded into one, in order. */
function mergeDeletions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    const last = out[out.length - 1];
    if (last !== undefined && e.offset <= last.offset + last.length) last.length = Math.max(last.length, e.offset + e.length - last.offset);
    else out.push({ ...e });
  }
  return out;
}
