/**
 * Planning at the level of statements: a new `config.a.b = value;` assignment after the statement
 * that anchors it (or at the end of an overlay), and the removal of a statement that writes a path.
 */
import { isFirstOnLine, type TextEdit, UnsupportedEditError } from '@jitsi-confkit/core';
import type { Statement } from './ast.js';
import { lineEndPastComments } from './comments.js';
import type { ScriptSnapshot } from './model.js';
import { fileStyleOf, type Reads, styleFor } from './plan.js';
import { nameOf } from './read.js';
import { serializeValue } from './serialize.js';
import { skipSpaces } from './text.js';
import type { JsValue } from './values.js';

/**
 * Edits that append `root.a.b = value;` after the statement that best anchors it: the last writer
 * (from index `from` on) that shares the most leading keys with the path. In an overlay without
 * any writer, at the end of the file. What the choice read goes into `reads`: the writers below
 * the keys the anchor shares.
 */
export function appendAssignment(snapshot: ScriptSnapshot, overlay: boolean, reads: Reads, keys: readonly string[], value: JsValue, from: number): TextEdit[] {
  const model = snapshot.parsed;
  const { text, lines } = model;
  let anchor: Statement | undefined;
  let best = -1;
  const writers = model.writers.all;
  for (let i = Math.max(0, from); i < writers.length; i++) {
    const w = writers[i]!;
    let shared = 0;
    while (shared < w.path.length && shared < keys.length && w.path[shared] === keys[shared]) shared++;
    if (shared >= best) {
      best = shared;
      anchor = w.statement;
    }
  }
  if (anchor === undefined) {
    if (overlay) return appendToEnd(snapshot, reads, keys, value);
    throw new UnsupportedEditError(`Cannot set ${keys.join('.')}: the file does not define ${model.root}`);
  }
  // Any writer that shares as many keys lies below them: one added or removed there may change the anchor.
  reads.add(keys.slice(0, best));
  // After the comments on the statement's line, also one that goes on over more lines.
  const at = lineEndPastComments(lines, model.comments, anchor.end!);
  const indent = lines.lineIndent(anchor.start!);
  const eol = lines.lineBreakNear(anchor.start!);
  // The statement's own semicolon; for `if (…) { config.a = {}; }`, the one inside the braces.
  const last = anchor.type === 'IfStatement' && anchor.consequent.type === 'BlockStatement' ? anchor.consequent.body.at(-1) : anchor;
  const semicolon = text[(last ?? anchor).end! - 1] === ';' ? ';' : '';
  // `window.config.a = …;` files get `window.config.b = …;`.
  const global = /^(?:window|globalThis|self)\./.exec(text.slice(anchor.start!, anchor.end!))?.[0] ?? '';
  const style = styleFor(model, reads, undefined, keys, anchor.start!);
  return [{ offset: at, length: 0, content: `${eol}${indent}${global}${nameOf(model, keys)} = ${serializeValue(value, style, indent, eol)}${semicolon}` }];
}

/** The first assignment of an overlay that has none yet: at the end of the file, on a line of its own. */
function appendToEnd(snapshot: ScriptSnapshot, reads: Reads, keys: readonly string[], value: JsValue): TextEdit[] {
  const model = snapshot.parsed;
  const { text, lines } = model;
  reads.add([]);
  const eol = lines.lineBreakNear(text.length);
  const statement = `${nameOf(model, keys)} = ${serializeValue(value, fileStyleOf(model, reads), '', eol)};`;
  // After the last statement (and the comments on its line), or at the end of what is there.
  const last = model.ast.program.body.at(-1);
  const at = last ? lineEndPastComments(lines, model.comments, last.end!) : text.length;
  if (at === text.length && !/(?:\r\n|\n|\r)$/.test(text) && text !== '') return [{ offset: at, length: 0, content: `${eol}${statement}` }];
  if (at === text.length) return [{ offset: at, length: 0, content: `${statement}${eol}` }];
  return [{ offset: at, length: 0, content: `${eol}${statement}` }];
}

/** Edits that remove `statement`, with its line when it stands alone on it. */
export function removeStatement(snapshot: ScriptSnapshot, statement: Statement): TextEdit[] {
  const { text, lines } = snapshot.parsed;
  const start = statement.start!;
  const end = statement.end!;
  const after = skipSpaces(text, end);
  if (isFirstOnLine(text, start) && after === lines.lineEnd(end)) {
    const from = lines.lineStart(start);
    const to = lines.nextLineStart(end);
    // The last line of a file without a final newline: the line break before it goes with it.
    if (to === lines.lineEnd(end) && from > 0) {
      const before = text.startsWith('\r\n', from - 2) ? 2 : 1;
      return [{ offset: from - before, length: to - from + before, content: '' }];
    }
    return [{ offset: from, length: to - from, content: '' }];
  }
  return [{ offset: start, length: end - start, content: '' }];
}
