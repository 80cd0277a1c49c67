/**
 * Planners of Lua values and tables: a literal replaced by another, table fields appended in the
 * table's own layout or removed with their lines, so that comments inside a table stay. Pure: each
 * reads only the model it is given (a snapshot's parse, whose `text` the edits are against).
 */
import type { Expression, TableConstructorExpression, TableValue } from 'luaparse';
import { lineBreakBefore, lineIndent, lineStart, sortEdits, UnsupportedEditError, type TextEdit } from '@jitsi-confkit/core';
import { fieldKey, literalValue, rangeOf, renderField, renderLua, requireLiteral, sameValue } from './lua.js';
import type { Model, SettingItem } from './model.js';
import { fileBodyIndent, indentBefore, lineBreakOf, literalStyle, plainStyle, tableLayout, tableQuote } from './style.js';
import { blank, nextLineStartPast, nextSignificant } from './text.js';
import { OpaqueValue, type WritableValue } from './value.js';

type Field = TableConstructorExpression['fields'][number];

/** A table of list items only. */
export type ListTable = TableConstructorExpression & { fields: TableValue[] };

/**
 * The edits that turn the literal `node` into `value`. Tables keep their layout and comments:
 * fields are changed in place, removed, or appended; only what cannot be expressed that way (a
 * list reordered and extended at once, keys both added and removed, a table turned into a scalar)
 * is rewritten, and then only the smallest table that holds it. A string keeps its own quotes.
 */
export function planValue(model: Model, node: Expression, value: WritableValue): TextEdit[] {
  const old = literalValue(node);
  if (old !== undefined && sameValue(old, value)) return [];
  if (node.type === 'TableConstructorExpression' && typeof value === 'object' && !(value instanceof OpaqueValue)) {
    const inPlace = planTable(model, node, value);
    if (inPlace) return inPlace;
  }
  const [start, end] = rangeOf(node);
  const own = node.type === 'StringLiteral' ? node.raw[0] : undefined;
  const ownQuote = own === '"' || own === "'" ? own : undefined;
  // A number or a boolean, or a string in the quotes of the string it replaces, reads no style.
  if (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && ownQuote !== undefined)) {
    return [{ offset: start, length: end - start, content: renderLua(value, plainStyle(model, ownQuote)) }];
  }
  const style = literalStyle(model);
  return [{ offset: start, length: end - start, content: renderLua(value, { ...style, quote: ownQuote ?? style.quote }) }];
}

/** The in-place edits of a table, or undefined when the change cannot be made in place. */
function planTable(model: Model, table: TableConstructorExpression, value: WritableValue[] | { [key: string]: WritableValue }): TextEdit[] | undefined {
  const fields = table.fields;
  const style = { ...literalStyle(model), quote: tableQuote(model, table) };
  if (Array.isArray(value)) {
    if (!fields.every((f) => f.type === 'TableValue')) return undefined;
    if (value.length >= fields.length) {
      const edits = fields.flatMap((f, i) => planValue(model, f.value, value[i]!));
      if (value.length > fields.length)
        edits.push(
          ...planAppendFields(
            model,
            table,
            value.slice(fields.length).map((v) => renderLua(v, style)),
          ),
        );
      return edits;
    }
    // Fewer items: in place only when the new list is the old one with items taken out.
    let kept = 0;
    const removed = fields.filter((f) => {
      if (kept < value.length && sameValue(literalValue(f.value), value[kept])) {
        kept++;
        return false;
      }
      return true;
    });
    if (kept < value.length) return undefined;
    return planRemoveFields(model, table, removed);
  }
  const keys = fields.map(fieldKey);
  if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return undefined;
  const wanted = Object.keys(value);
  const removed = fields.filter((_, i) => !Object.hasOwn(value, keys[i]!));
  const added = wanted.filter((k) => !keys.includes(k));
  if (removed.length > 0 && added.length > 0) return undefined;
  const edits = fields.flatMap((f, i) => (Object.hasOwn(value, keys[i]!) ? planValue(model, f.value, value[keys[i]!]!) : []));
  edits.push(...planRemoveFields(model, table, removed));
  if (added.length > 0)
    edits.push(
      ...planAppendFields(
        model,
        table,
        added.map((k) => renderField(k, value[k]!, style)),
      ),
    );
  return edits;
}

/** The setting's value as a list of literals; UnsupportedEditError (at the value) when it is not one. */
export function listOf(model: Model, setting: SettingItem): ListTable {
  const node = setting.value;
  if (node.type !== 'TableConstructorExpression' || !node.fields.every((f) => f.type === 'TableValue')) {
    throw UnsupportedEditError.at(`${setting.key} is not a list literal ({ "a"; "b" }): edit it by hand`, model.text, rangeOf(node)[0]);
  }
  for (const f of node.fields) requireLiteral(f.value, model.text, setting.key);
  return node as ListTable;
}

/** Edits that append `items` (rendered fields) to a table, in its layout, separator and spacing. */
export function planAppendFields(model: Model, table: TableConstructorExpression, items: readonly string[]): TextEdit[] {
  const text = model.text;
  const [tStart, tEnd] = rangeOf(table);
  const close = tEnd - 1; // the `}`
  const { separator, trailing, multiline } = tableLayout(model, table);
  const last = table.fields[table.fields.length - 1];
  if (!last) {
    const inner = text.slice(tStart + 1, close);
    if (/[\r\n]/.test(inner) || /--/.test(inner)) {
      const eol = lineBreakOf(model);
      const indent = `${lineIndent(text, tStart)}${fileBodyIndent(model)}`;
      return [{ offset: tStart + 1, length: 0, content: items.map((item) => `${eol}${indent}${item}${separator}`).join('') }];
    }
    const joined = items.join(`${separator} `);
    // `{ }` keeps its space (`{ "a" }`), so removing the item again gives `{ }` back.
    if (inner !== '') return [{ offset: tStart + 2, length: 0, content: `${joined} ` }];
    return [{ offset: tStart + 1, length: 0, content: ` ${joined} ` }];
  }
  const [, lastEnd] = rangeOf(last);
  const sepAt = nextSignificant(text, lastEnd);
  const afterSep = trailing ? sepAt + 1 : lastEnd;
  if (multiline) {
    const lineEnd = nextLineStartPast(text, afterSep, model.comments);
    const indent = indentBefore(text, rangeOf(last)[0]);
    if (indent !== undefined && lineEnd <= close) {
      const eol = lineBreakBefore(text, lineEnd) || lineBreakOf(model);
      const edits: TextEdit[] = [];
      if (!trailing) edits.push({ offset: lastEnd, length: 0, content: separator });
      const lines = items.map((item, i) => `${indent}${item}${trailing || i < items.length - 1 ? separator : ''}${eol}`);
      edits.push({ offset: lineEnd, length: 0, content: lines.join('') });
      return edits;
    }
  }
  // One line (or fields sharing lines): splice after the last field, spaced like the list.
  const first = table.fields[0]!;
  const gapMatch = table.fields.length > 1 ? /^[,;]([ \t]*)([\s\S]?)/.exec(text.slice(nextSignificant(text, rangeOf(first)[1]))) : null;
  const gap = gapMatch && gapMatch[2] !== '\n' && gapMatch[2] !== '\r' ? gapMatch[1]! : ' ';
  if (trailing) return [{ offset: sepAt + 1, length: 0, content: items.map((item) => `${gap}${item}${separator}`).join('') }];
  return [{ offset: lastEnd, length: 0, content: items.map((item) => `${separator}${gap}${item}`).join('') }];
}

/** The edits that remove these fields of a table, as one removal where they meet. */
export function planRemoveFields(model: Model, table: TableConstructorExpression, fields: readonly Field[]): TextEdit[] {
  const removed = new Set(fields);
  return mergeDeletions(fields.flatMap((f) => removeField(model, table, f, removed)));
}

/** Deletions (content '') with overlapping or touching ranges folded into one. */
function mergeDeletions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of sortEdits(edits)) {
    const last = out[out.length - 1];
    if (last && e.offset <= last.offset + last.length) last.length = Math.max(last.length, e.offset + e.length - last.offset);
    else out.push({ ...e });
  }
  return out;
}

/**
 * The edits that remove a table field: its line when it has one to itself, else the field and
 * its separator. Each removal undoes the insertion planAppendFields makes in the same place.
 */
function removeField(model: Model, table: TableConstructorExpression, field: Field, removed: ReadonlySet<Field>): TextEdit[] {
  const text = model.text;
  const [start, end] = rangeOf(field);
  const index = table.fields.indexOf(field);
  const nextField = table.fields[index + 1];
  // The field before this one that stays: its separator is the one a removed tail leaves behind.
  let kept = index - 1;
  while (kept >= 0 && removed.has(table.fields[kept]!)) kept--;
  const sepAt = nextSignificant(text, end);
  const hasSep = text[sepAt] === ',' || text[sepAt] === ';';
  const stmtEnd = hasSep ? sepAt + 1 : end;
  const ls = lineStart(text, start);
  const next = nextLineStartPast(text, stmtEnd, model.comments);
  const close = rangeOf(table)[1] - 1;
  const restOfLine = text.slice(stmtEnd, next).replace(/[\r\n]+$/, '');
  /** The separator after the previous field, which a last field without its own separator leaves behind. */
  const previousSeparator = (): number | undefined => {
    if (kept < 0) return undefined;
    const at = nextSignificant(text, rangeOf(table.fields[kept]!)[1]);
    return text[at] === ',' || text[at] === ';' ? at : undefined;
  };
  if (blank(text, ls, start) && ls > rangeOf(table)[0] && next <= close + 1 && /^[ \t]*(--.*)?$/.test(restOfLine) && next <= lineStart(text, close)) {
    const line: TextEdit = { offset: ls, length: next - ls, content: '' };
    const prevSep = !hasSep && !nextField ? previousSeparator() : undefined;
    return prevSep === undefined ? [line] : [{ offset: prevSep, length: 1, content: '' }, line];
  }
  if (!nextField && kept < 0 && blank(text, stmtEnd, close)) {
    // The only field of a one-line table: `{ "a" }` becomes `{ }`.
    const tail = /^[ \t]*/.exec(text.slice(stmtEnd))![0];
    return [{ offset: start, length: stmtEnd + (tail.length > 0 && start > 0 && /[ \t]/.test(text[start - 1]!) ? tail.length : 0) - start, content: '' }];
  }
  if (hasSep && sepAt < close) {
    const tail = /^[ \t]*/.exec(text.slice(stmtEnd))![0];
    if (nextField || !/[\r\n]/.test(text.slice(stmtEnd, close))) {
      // Keep the list's padding before `}` when this is the last field.
      const length = nextField ? stmtEnd + tail.length - start : stmtEnd - start;
      if (!nextField && kept >= 0) {
        const prevSep = nextSignificant(text, rangeOf(table.fields[kept]!)[1]);
        return [{ offset: prevSep + 1, length: stmtEnd - prevSep - 1, content: '' }];
      }
      const stop = start + length;
      if (nextField && (text[stop] === '\n' || text[stop] === '\r')) {
        // The line goes on with the next field below: take the spaces before this one along.
        const from = start - /[ \t]*$/.exec(text.slice(ls, start))![0].length;
        if (from > ls) return [{ offset: from, length: stop - from, content: '' }];
      }
      return [{ offset: start, length, content: '' }];
    }
    return [{ offset: start, length: stmtEnd - start, content: '' }];
  }
  // Last field without a separator: take the separator before it.
  if (kept >= 0) {
    const prevSep = nextSignificant(text, rangeOf(table.fields[kept]!)[1]);
    return [{ offset: prevSep, length: end - prevSep, content: '' }];
  }
  return [{ offset: start, length: end - start, content: '' }];
}
