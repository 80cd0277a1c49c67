/**
 * Comments as an admin reads them: blocks of comments with no blank line between them, and the
 * commented-out examples they hold (`// toolbarButtons: [` … `// ],`, or a key inside `/* … *\/`).
 * New text is placed at comment boundaries only: never inside a comment, never between the lines
 * of a commented-out example, never between a comment block and the item it documents.
 */
import { isFirstOnLine, type LineIndex } from '@jitsi-confkit/core';
import { partitionPoint, type Span } from './text.js';
import { tick } from './work.js';

/** A comment as Babel gives it (in source order): `CommentBlock` is `/* … *\/`, `CommentLine` is `// …`. */
export interface Comment extends Span {
  type: 'CommentBlock' | 'CommentLine';
}

/** The comments of a parsed file (Babel's own objects: they have a start and an end). */
export function commentSpans(comments: readonly { type: 'CommentBlock' | 'CommentLine'; start?: number | null; end?: number | null }[] | null | undefined): Comment[] {
  return (comments ?? []) as Comment[];
}

/**
 * The comments directly inside a list whose brackets are at `open` and `close`: inside the
 * brackets, not inside one of `items`. `comments` is sorted.
 */
export function commentsInside(comments: readonly Comment[], open: number, close: number, items: readonly Span[]): Comment[] {
  const out: Comment[] = [];
  let k = 0;
  for (let i = firstAtOrAfter(comments, open); i < comments.length && comments[i]!.start < close; i++) {
    const c = comments[i]!;
    tick();
    while (k < items.length && items[k]!.end <= c.start) k++;
    if (k < items.length && items[k]!.start < c.start) continue;
    out.push(c);
  }
  return out;
}

function firstAtOrAfter(comments: readonly Comment[], offset: number): number {
  return partitionPoint(comments.length, (i) => comments[i]!.start < offset);
}

/** Whether only spaces, tabs and at most one line break lie between `from` and `to`. */
function adjacentLines(text: string, from: number, to: number): boolean {
  return /^[ \t]*(?:\r\n|\n|\r)?[ \t]*$/.test(text.slice(from, to));
}

/**
 * The end of the line containing `offset`, past every comment that starts on that line and ends on
 * a later one (so that text added "at the end of the line" never lands inside a comment).
 */
export function lineEndPastComments(lines: LineIndex, comments: readonly Comment[], offset: number): number {
  let end = lines.lineEnd(offset);
  for (let i = firstAtOrAfter(comments, offset); i < comments.length && comments[i]!.start < end; i++) {
    if (comments[i]!.end > end) end = lines.lineEnd(comments[i]!.end);
  }
  return end;
}

/**
 * Where to insert a line before `item` (which starts its line) so that the comment block written
 * directly above it (no blank line between) stays with it: the start of that block's first line.
 * Only comments after `floor` (the end of the previous item) count.
 */
export function attachedBlockStart(lines: LineIndex, comments: readonly Comment[], item: Span, floor: number): number {
  const text = lines.text;
  let at = lines.lineStart(item.start);
  for (let i = firstAtOrAfter(comments, item.start) - 1; i >= 0; i--) {
    const c = comments[i]!;
    if (c.start < floor || c.end > at || !adjacentLines(text, c.end, at) || text.slice(c.end, at).search(/[\r\n]/) === -1) break;
    // A comment after code on its line (`a: 1, // note`) belongs to that line, not to the block.
    let head = i;
    while (!isFirstOnLine(text, comments[head]!.start)) {
      const before = comments[head - 1];
      if (!before || before.start < floor || !/^[ \t]*$/.test(text.slice(before.end, comments[head]!.start))) return at;
      head--;
    }
    at = lines.lineStart(comments[head]!.start);
    i = head;
  }
  return at;
}

/** One line of what a run of comments says, with the comment it is in. */
interface CommentLine {
  text: string;
  comment: number;
}

/** The text of `comments`, line by line, without `//`, `/*`, `*\/` and JSDoc's leading `*`. */
function commentLines(text: string, comments: readonly Comment[]): CommentLine[] {
  const out: CommentLine[] = [];
  comments.forEach((c, i) => {
    tick(c.end - c.start);
    if (c.type === 'CommentLine') {
      out.push({ text: text.slice(c.start + 2, c.end), comment: i });
      return;
    }
    for (const line of text.slice(c.start + 2, c.end - 2).split(/\r\n|\n|\r/)) {
      out.push({ text: line.replace(/^[ \t]*\*+(?=[ \t]|$)/, ''), comment: i });
    }
  });
  return out;
}

const KEY_LINE = /^[ \t]*(?:(['"])((?:(?!\1).)+)\1|([A-Za-z_$][\w$]*))[ \t]*:(?!:)/;

export interface Example {
  key: string;
  /** Index (into the comments given) of the comment that holds the example's first line. */
  first: number;
  /** Index of the comment that holds its last line. */
  last: number;
}

/**
 * The commented-out examples at the top level of a run of comments with no code between them
 * (`key: value` lines; the keys inside an example's own value, such as those of a commented-out
 * object, are not top-level). A value that opens a bracket runs to the line where its brackets
 * close, over blank lines too; one whose brackets never close ends with its comment block.
 */
export function examplesIn(text: string, comments: readonly Comment[]): Example[] {
  const lines = commentLines(text, comments);
  const blocks = blockIndex(text, comments);
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = KEY_LINE.exec(lines[i]!.text);
    if (!m) continue;
    // The value starts after the colon, or (`tokenAuthUrl:`) on the next line, indented deeper.
    let valueLine = i;
    let from = m[0].length;
    if (lines[i]!.text.slice(from).trim() === '' && i + 1 < lines.length && indentOf(lines[i + 1]!.text) > indentOf(lines[i]!.text)) {
      valueLine = i + 1;
      from = 0;
    }
    if (!looksLikeValue(lines[valueLine]!.text.slice(from))) continue;
    let end = valueEnd(lines, valueLine, from);
    if (end === undefined) {
      // Unbalanced (prose, or an example cut short): up to the end of its comment block.
      end = i;
      while (end + 1 < lines.length && blocks[lines[end + 1]!.comment] === blocks[lines[i]!.comment]) end++;
    }
    out.push({ key: m[2] ?? m[3]!, first: lines[i]!.comment, last: lines[end]!.comment });
    i = end;
  }
  return out;
}

/**
 * Whether the text after `key:` starts a JavaScript value (`'…'`, `[`, `{`, a number, `true`,
 * `'a' + subdir`, `null,`) rather than prose (`Note: audio only mode…`, `Example:`).
 */
function looksLikeValue(rest: string): boolean {
  const value = rest.trim();
  if (/^['"`[{(0-9.+-]/.test(value)) return true;
  // An identifier (a keyword, a variable) followed by nothing that reads as a second word.
  return /^[A-Za-z_$][\w$]*\s*(?:[,;.()+*/?|&]|$)/.test(value);
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/** For each comment, the number of the block it is in. */
function blockIndex(text: string, comments: readonly Comment[]): number[] {
  const out: number[] = [];
  comments.forEach((c, i) => out.push(i === 0 ? 0 : out[i - 1]! + (adjacentLines(text, comments[i - 1]!.end, c.start) ? 0 : 1)));
  return out;
}

/**
 * The index of the line where a commented-out value ends: the same line unless the value opens a
 * bracket, then the line where its brackets close (strings and `//` notes inside it are skipped);
 * undefined when they never do.
 */
function valueEnd(lines: readonly CommentLine[], first: number, from: number): number | undefined {
  const head = lines[first]!.text.slice(from).trimStart();
  if (!/^[[{(]/.test(head)) return first;
  let depth = 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!.text;
    let quote: string | undefined;
    for (let p = i === first ? from : 0; p < line.length; p++) {
      const ch = line[p]!;
      if (quote) {
        if (ch === '\\') p++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"' || ch === '`') {
        quote = ch;
      } else if (ch === '/' && line[p + 1] === '/') {
        break;
      } else if (ch === '[' || ch === '{' || ch === '(') {
        depth++;
      } else if (ch === ']' || ch === '}' || ch === ')') {
        depth--;
        if (depth === 0) return i;
      }
    }
  }
  return undefined;
}

/** Whether only whitespace (blank lines included) lies between comments `a` and `b`. */
function sameRun(text: string, a: Comment, b: Comment): boolean {
  for (let p = a.end; p < b.start; p++) {
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12) return false;
  }
  return true;
}

/**
 * The runs of comments (nothing but whitespace, blank lines included, between them: a
 * commented-out example may go on over blank lines, never over code) that mention `key`, in order.
 */
function runsMentioning(text: string, comments: readonly Comment[], key: string): Comment[][] {
  if (comments.length === 0) return [];
  const runs: Comment[][] = [];
  const from = comments[0]!.start;
  const to = comments[comments.length - 1]!.end;
  tick(to - from);
  let done = -1;
  // Searched in the comments' stretch of text only, not on to the end of the file.
  const region = text.slice(from, to);
  for (let found = region.indexOf(key); found !== -1; found = region.indexOf(key, found + key.length)) {
    const at = from + found;
    const i = partitionPoint(comments.length, (k) => comments[k]!.end <= at);
    if (i <= done || i >= comments.length || comments[i]!.start > at) continue;
    let first = i;
    while (first > 0 && sameRun(text, comments[first - 1]!, comments[first]!)) first--;
    let last = i;
    while (last + 1 < comments.length && sameRun(text, comments[last]!, comments[last + 1]!)) last++;
    tick(last - first + 1);
    runs.push(comments.slice(first, last + 1));
    done = last;
  }
  return runs;
}

/**
 * Where a new live `key` goes when the comments directly inside its object show it commented out:
 * the offset of the end of the line after which it is written, and the offset whose indentation it
 * takes. That is right after the example (after the comment its last line is in), or after the
 * rest of that comment block when the block goes on with notes that belong to no other example
 * and to no item right below it. `items` are the object's properties; the comment holding the
 * example's first line must start its line. Undefined when there is no such example.
 */
export function afterExample(lines: LineIndex, comments: readonly Comment[], items: readonly Span[], key: string): { offset: number; indentFrom: number } | undefined {
  const text = lines.text;
  for (const run of runsMentioning(text, comments, key)) {
    const examples = examplesIn(text, run);
    const index = examples.findIndex((e) => e.key === key && isFirstOnLine(text, run[e.first]!.start));
    if (index === -1) continue;
    const example = examples[index]!;
    const blocks = blockIndex(text, run);
    const block = blocks[example.last]!;
    let last = example.last;
    while (last + 1 < run.length && blocks[last + 1] === block) last++;
    const nextExample = examples.slice(index + 1).some((e) => e.first > example.last && e.first <= last);
    const next = items.find((item) => item.start >= run[last]!.end);
    const documentsNext = next !== undefined && isFirstOnLine(text, next.start) && adjacentLines(text, run[last]!.end, lines.lineStart(next.start));
    const end = last === example.last || nextExample || documentsNext ? run[example.last]! : run[last]!;
    return { offset: lineEndPastComments(lines, comments, end.end), indentFrom: run[example.first]!.start };
  }
  return undefined;
}
