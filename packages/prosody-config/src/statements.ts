/**
 * Planners of Lua statements at the top level of the file: lines added to a section, a statement
 * removed with its line. Pure: each reads only the model it is given (a snapshot's parse, whose
 * `text` the edits are against).
 */
import { endsWithLineBreak, lineBreakBefore, lineStart, UnsupportedEditError, type TextEdit } from '@jitsi-confkit/core';
import type { Model, Section, SettingItem } from './model.js';
import { bodyIndent, indentBefore, lineBreakOf } from './style.js';
import { planRemoveFields } from './tables.js';
import { aloneOnLine, blank, nextLineStartPast, previousLineBlank } from './text.js';

/**
 * The insertion of `lines` (statements, without indentation) after the section's last statement
 * (or its header), indented like the section and ended like its last statement (`;`). A global
 * section with no statement takes them before the first section, with a blank line after.
 * UnsupportedEditError when the next section's header starts on the line they would follow.
 */
export function planInsertLines(model: Model, section: Section, lines: readonly string[]): TextEdit {
  const text = model.text;
  const eol = lineBreakOf(model);
  const sections = model.sections;
  const last = section.items[section.items.length - 1];
  const anchorEnd = last ? last.range[1] : section.headerRange?.[1];
  if (anchorEnd === undefined) {
    // A global section with no statements: before the first section, with a blank line.
    const first = sections[1];
    const offset = first ? first.start : text.length;
    if (offset === text.length && text.length > 0 && !endsWithLineBreak(text)) return { offset, length: 0, content: lines.map((l) => `${eol}${l}`).join('') };
    return { offset, length: 0, content: `${lines.map((l) => `${l}${eol}`).join('')}${first ? eol : ''}` };
  }
  const semicolon = last?.kind === 'setting' && /^[ \t]*;/.test(text.slice(anchorEnd, anchorEnd + 8));
  const indent = section.kind === 'global' ? (last ? (indentBefore(text, last.range[0]) ?? '') : '') : bodyIndent(model, section);
  const full = lines.map((l) => `${indent}${l}${semicolon ? ';' : ''}`);
  const offset = nextLineStartPast(text, anchorEnd, model.comments);
  const next = sections[sections.indexOf(section) + 1];
  if (next?.headerRange && next.headerRange[0] < offset) {
    throw UnsupportedEditError.at(`Cannot add a line to ${section.name ?? 'the global section'}: the next section starts on the same line`, text, next.headerRange[0]);
  }
  if (offset === text.length && lineBreakBefore(text, offset) === '') return { offset, length: 0, content: full.map((l) => `${eol}${l}`).join('') };
  return { offset, length: 0, content: full.map((l) => `${l}${eol}`).join('') };
}

/** The edit that removes the statement at [start, end): its whole line when it is alone there, else just itself. */
export function planRemoveStatement(model: Model, start: number, end: number): TextEdit {
  const text = model.text;
  const comments = model.comments;
  const ls = lineStart(text, start);
  const next = nextLineStartPast(text, end, comments);
  if (aloneOnLine(text, ls, start, end, next)) {
    if (next === text.length && lineBreakBefore(text, next) === '' && ls > 0) {
      const eol = lineBreakBefore(text, ls);
      return { offset: ls - eol.length, length: next - ls + eol.length, content: '' };
    }
    // Between blank lines (or at the top of the file), take one of the blank lines along, so the
    // removal leaves no double gap: this undoes a setting added to an empty global section.
    const after = nextLineStartPast(text, next, comments);
    if ((ls === 0 || previousLineBlank(text, ls)) && next < text.length && after > next && blank(text, next, after - lineBreakBefore(text, after).length)) {
      return { offset: ls, length: after - ls, content: '' };
    }
    return { offset: ls, length: next - ls, content: '' };
  }
  const stop = end + /^[ \t]*;?[ \t]*/.exec(text.slice(end))![0].length;
  // The last statement of its line takes the spaces before it along, not a trailing space.
  const atLineEnd = stop === text.length || text[stop] === '\n' || text[stop] === '\r';
  const from = atLineEnd ? start - /[ \t]*$/.exec(text.slice(ls, start))![0].length : start;
  return { offset: from, length: stop - from, content: '' };
}

/** The edits that remove one assignment: its statement, or its field in a header's option table. */
export function planRemoveAssignment(model: Model, setting: SettingItem): TextEdit[] {
  return setting.option ? planRemoveFields(model, setting.option.table, [setting.option.field]) : [planRemoveStatement(model, setting.range[0], setting.range[1])];
}

/**
 * Where to start removing when a removal runs to the end of the file from `start`: before the
 * blank lines above it and, when the file has no final newline, before the line break that ends
 * the content left (so the file still has none).
 */
export function tailStart(text: string, start: number): number {
  let from = lineStart(text, start);
  if (!blank(text, from, start)) return start;
  while (from > 0) {
    const eol = lineBreakBefore(text, from);
    const previous = lineStart(text, from - eol.length);
    if (!blank(text, previous, from - eol.length)) break;
    from = previous;
  }
  return endsWithLineBreak(text) ? from : from - lineBreakBefore(text, from).length;
}
