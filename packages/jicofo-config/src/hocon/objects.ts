/**
 * The planner for a key that is not there yet: it goes into the innermost object that exists on
 * its path (the last block of it, or next to the dotted key that made it), in the file's style,
 * before trailing `include` lines. Pure: it reads the snapshot it is given.
 */
import { detectEol, endsWithLineBreak, eolAt, isFirstOnLine, lineEnd, lineIndent, lineStart, nextLineStart, UnsupportedEditError, type TextEdit } from '@jitsi-confkit/core';
import { formatKey, formatValue, isPlainObject, pathText, type HoconInput } from './format.js';
import type { HoconSnapshot } from './snapshot.js';
import { lookup } from './model.js';
import { newValueStyle, separatorFor, type FileStyle } from './style.js';
import type { FieldNode, ObjectNode } from './syntax.js';

/**
 * The edits that add `keys` (not set in the snapshot) with `value`: the missing part of the path
 * as nested blocks, or as a dotted key where the object writes its keys dotted. Refuses
 * (UnsupportedEditError with the position) a path through a value that is not an object.
 */
export function planInsert(snapshot: HoconSnapshot, keys: readonly string[], value: HoconInput): TextEdit[] {
  const { text, parsed } = snapshot;
  const { deepest, depth, blockedBy } = lookup(parsed.model, keys);
  if (blockedBy) {
    const where = pathText(keys.slice(0, depth + 1));
    throw UnsupportedEditError.at(`${where} is not an object, so ${pathText(keys)} cannot be set inside it`, text, blockedBy.field.value.start);
  }
  const rest = keys.slice(depth);
  const target = deepest.contributors[deepest.contributors.length - 1];
  if (target === undefined) throw new UnsupportedEditError(`No place to insert ${pathText(keys)}`);
  if (target.kind === 'block') return insertIntoBlock(snapshot, target.node, rest, value);
  const field = target.field;
  const prefix = field.path.slice(0, target.depth);
  // Next to its sibling (`a.x = 1` then `a.y = 2`) when a new line after the field's line stays in
  // the same block; else (`jicofo { a.x = 1 }`) at the end of that block.
  if (!endsLineInside(text, target.parent, field)) return insertIntoBlock(snapshot, target.parent, [...prefix, ...rest], value);
  const own = text.slice(field.keyEnd, field.value.start);
  const separator = field.value.kind === 'object' || own.includes('\n') ? separatorFor(text, target.parent, parsed.style) : own;
  const lines = render(parsed.style, [...prefix, ...rest], value, lineIndent(text, field.start), { dotted: true, separator, unit: nestingUnit(text, target.parent, parsed.style) });
  return [insertAfterLine(text, field.end, lines)];
}

function insertIntoBlock({ text, parsed }: HoconSnapshot, block: ObjectNode, rest: readonly string[], value: HoconInput): TextEdit[] {
  const style = parsed.style;
  const members = block.members;
  const fields = members.filter((m): m is FieldNode => m.kind === 'field');
  const dotted = rest.length > 1 && fields.some((f) => f.path.length > 1) && !fields.some((f) => f.value.kind === 'object');
  const separator = separatorFor(text, block, style);
  // New keys go before trailing `include` lines, so an included file (docker's custom-jicofo.conf)
  // still overrides them, as it overrides the keys written above it.
  const trailingIncludes = members.length - 1 - members.map((m) => m.kind).lastIndexOf('field');
  const last = members[members.length - 1 - trailingIncludes];
  const firstInclude = trailingIncludes > 0 ? members[members.length - trailingIncludes] : undefined;
  const blockIndent = block.braced ? lineIndent(text, block.start) : '';
  const first = members[0];
  const childIndent = first && isFirstOnLine(text, first.start) ? lineIndent(text, first.start) : block.braced ? blockIndent + style.indentUnit : '';
  const unit = nestingUnit(text, block, style);
  const close = block.end - 1;
  const inline = block.braced && !text.slice(block.start, block.end).includes('\n');
  if (inline && last !== undefined) {
    const [line] = render(style, rest, value, '', { dotted: true, separator, inline: true, unit });
    return [{ offset: last.end, length: 0, content: `, ${line!}` }];
  }
  const lines = render(style, rest, value, childIndent, { dotted, separator, unit });
  if (inline) {
    const eol = eolAt(text, block.start);
    return [{ offset: block.start, length: block.end - block.start, content: `{${eol}${lines.join(eol)}${eol}${blockIndent}}` }];
  }
  if (last !== undefined) {
    if (block.braced && close < lineEnd(text, last.end)) {
      const eol = eolAt(text, last.end);
      return [{ offset: last.end, length: 0, content: eol + lines.join(eol) }];
    }
    return [insertAfterLine(text, last.end, lines)];
  }
  if (firstInclude !== undefined && isFirstOnLine(text, firstInclude.start)) {
    const eol = eolAt(text, firstInclude.start);
    return [{ offset: lineStart(text, firstInclude.start), length: 0, content: lines.join(eol) + eol }];
  }
  if (!block.braced) {
    const eol = detectEol(text);
    // A file without a final line break (comments alone) keeps having none: the break goes before the new lines.
    const open = text.length > 0 && !endsWithLineBreak(text) && text !== '\ufeff';
    return [{ offset: text.length, length: 0, content: open ? eol + lines.join(eol) : lines.join(eol) + eol }];
  }
  const eol = eolAt(text, block.start);
  const closeLine = lineStart(text, close);
  if (/^[ \t]*$/.test(text.slice(closeLine, close)) && closeLine > block.start) {
    return [{ offset: closeLine, length: 0, content: lines.join(eol) + eol }];
  }
  return [{ offset: close, length: 0, content: eol + lines.join(eol) + eol + blockIndent }];
}

/**
 * How a new object in `block` indents its members, one level deeper than its key, asked only when
 * it has members: as the objects next to it do (the step of the first field of `block` whose object
 * has its key and its first member each starting a line), else by the file's indentation unit.
 */
function nestingUnit(text: string, block: ObjectNode, style: FileStyle): () => string {
  let unit: string | undefined;
  const find = (): string => {
    for (const f of block.members) {
      const inner = f.kind === 'field' && f.value.kind === 'object' ? f.value.members[0] : undefined;
      if (inner === undefined || !isFirstOnLine(text, inner.start) || !isFirstOnLine(text, f.start)) continue;
      const outer = lineIndent(text, f.start);
      const own = lineIndent(text, inner.start);
      if (own.length > outer.length && own.startsWith(outer)) return own.slice(outer.length);
    }
    return style.indentUnit;
  };
  return () => (unit ??= find());
}

/** The lines of a new field (an object value as a block over several lines, unless `inline`). */
function render(
  style: FileStyle,
  keys: readonly string[],
  value: HoconInput,
  indent: string,
  how: { dotted: boolean; separator: string; inline?: boolean; unit: () => string },
): string[] {
  if (!how.dotted && keys.length > 1) {
    const nested = keys.slice(1).reduceRight<HoconInput>((v, k) => ({ [k]: v }), value);
    return render(style, keys.slice(0, 1), nested, indent, how);
  }
  const key = keys.map(formatKey).join('.');
  if (isPlainObject(value) && !how.inline) {
    const opener = style.opener;
    // Allman style: the brace goes on a line of its own, under the key.
    const nl = opener.indexOf('\n');
    const beforeBrace = nl === -1 ? opener : opener.slice(0, nl).replace(/\r$/, '');
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}${key}${nl === -1 ? opener : `${beforeBrace} `}{}`];
    const inner = entries.flatMap(([k, v]) => render(style, [k], v, indent + how.unit(), { ...how, dotted: false }));
    const open = nl === -1 ? [`${indent}${key}${opener}{`] : [`${indent}${key}${beforeBrace}`, `${indent}{`];
    return [...open, ...inner, `${indent}}`];
  }
  return [`${indent}${key}${how.separator}${formatValue(value, { ...newValueStyle(value, style), separator: how.separator })}`];
}

/**
 * True when the line that holds the end of `field` ends inside `block`: no closing brace of the
 * block and no member that goes on to later lines follows on it, so a new line after it is in `block`.
 */
function endsLineInside(text: string, block: ObjectNode, field: FieldNode): boolean {
  const end = lineEnd(text, field.end);
  if (block.braced && block.end - 1 < end) return false;
  return block.members.every((m) => m.start >= end || m.end <= end);
}

/** Inserts `lines` as new lines after the line that holds `offset` (the last line of the text: after a new line break). */
function insertAfterLine(text: string, offset: number, lines: string[]): TextEdit {
  const eol = eolAt(text, offset);
  const next = nextLineStart(text, offset);
  if (next === text.length && !endsWithLineBreak(text)) return { offset: text.length, length: 0, content: eol + lines.join(eol) };
  return { offset: next, length: 0, content: lines.join(eol) + eol };
}
