/**
 * The style new text takes from the file: quotes, table separators, line breaks and indentation,
 * each decided by votes with core's one tie rule (`majority`). Read from a model (a snapshot's
 * parse); what costs a pass over the file is computed once per model, when first asked.
 */
import type { Chunk, TableConstructorExpression } from 'luaparse';
import { detectQuote, LineIndex, lineStart, majority, type LineBreak, type Quote } from '@jitsi-confkit/core';
import { rangeOf, type LiteralStyle } from './lua.js';
import type { Model, Section } from './model.js';
import { blank, nextSignificant } from './text.js';
import type { StyleVotes } from './vendor/luaparse.cjs';

interface FileStyle {
  literal?: LiteralStyle;
  lineBreak?: LineBreak;
  bodyIndent?: string;
}

/** The model's memo slot (Model.memo) of its style: a model never changes, so what is read from it once holds for its life. */
const STYLE = Symbol('style');

function fileStyle(model: Model): FileStyle {
  let style = model.memo[STYLE] as FileStyle | undefined;
  if (style === undefined) {
    style = {};
    model.memo[STYLE] = style;
  }
  return style;
}

/** The quote most strings of the file use (`"` on a tie), the table separator most fields end with (`;` on a tie), and whether Prosody 13's syntax may be written. */
export function literalStyle(model: Model): LiteralStyle {
  const style = fileStyle(model);
  if (style.literal === undefined) {
    // The votes (every quoted string literal's quote, and the separator after every table field),
    // counted by the parser as it built the tree (kept by local re-parses). Of two values, one
    // preferred: the majority with core's tie rule.
    const votes = styleVotes(model.chunk);
    style.literal = { quote: votes.single > votes.double ? "'" : '"', separator: votes.comma > votes.semicolon ? ',' : ';', prosody13: model.prosody === '13' };
  }
  return style.literal;
}

/** The style's votes the parser counted in a tree (see vendor/luaparse.d.cts). */
export function styleVotes(chunk: Chunk): StyleVotes {
  return (chunk as Chunk & { styleVotes: StyleVotes }).styleVotes;
}

/**
 * The style of a value whose text takes nothing from the file: a number or a boolean, or a string
 * in the quote given (the one it replaces). Only whether Prosody 13's helpers may be written is the
 * model's; nothing is counted over the file.
 */
export function plainStyle(model: Model, quote: Quote = '"'): LiteralStyle {
  return { quote, separator: ';', prosody13: model.prosody === '13' };
}

/** The line break most lines of the file end with (`\n` on a tie or when there is none). */
export function lineBreakOf(model: Model): LineBreak {
  const style = fileStyle(model);
  style.lineBreak ??= new LineIndex(model.text).detectLineBreak();
  return style.lineBreak;
}

/** The indentation of the line that starts with the item at `offset`, or undefined when code precedes it there. */
export function indentBefore(text: string, offset: number): string | undefined {
  const ls = lineStart(text, offset);
  return blank(text, ls, offset) ? text.slice(ls, offset) : undefined;
}

/** The most common indentation of the section's statements that start a line (the file's body indentation when none does). */
export function bodyIndent(model: Model, section: Section): string {
  if (section.kind === 'global') return '';
  const votes: string[] = [];
  for (const i of section.items) {
    const indent = indentBefore(model.text, i.range[0]);
    if (indent !== undefined) votes.push(indent);
  }
  // An unindented statement in a host body (`ssl = {` at column 0) is an accident, not the style.
  const indented = votes.filter((v) => v !== '');
  return majority(indented.length > 0 ? indented : votes) ?? fileBodyIndent(model);
}

/** The indentation of host and component bodies across the file (four spaces when there is none). */
export function fileBodyIndent(model: Model): string {
  const style = fileStyle(model);
  if (style.bodyIndent === undefined) {
    const votes: string[] = [];
    for (const s of model.sections) {
      if (s.kind === 'global') continue;
      for (const i of s.items) {
        const indent = indentBefore(model.text, i.range[0]);
        if (indent !== undefined && indent !== '') votes.push(indent);
      }
    }
    style.bodyIndent = majority(votes) ?? '    ';
  }
  return style.bodyIndent;
}

/** The quote of the section headers' names (`VirtualHost "x"`), else the file's. */
export function headerQuote(model: Model): Quote {
  return detectQuote(
    model.sections.flatMap((s) => (s.quote ? [s.quote] : [])),
    literalStyle(model).quote,
  );
}

/** The quote of a table's own strings, else the file's. */
export function tableQuote(model: Model, table: TableConstructorExpression): Quote {
  const raws = table.fields.flatMap((f) => (f.value.type === 'StringLiteral' ? [f.value.raw] : []));
  return detectQuote(raws, literalStyle(model).quote);
}

/** The separator a table uses after its fields (`,` or `;`), whether its last field has one, and whether it spans lines. */
export function tableLayout(model: Model, table: TableConstructorExpression): { separator: ',' | ';'; trailing: boolean; multiline: boolean } {
  const text = model.text;
  const [start, end] = rangeOf(table);
  const votes: (',' | ';')[] = [];
  let trailing = false;
  table.fields.forEach((f, i) => {
    const at = nextSignificant(text, rangeOf(f)[1]);
    const c = text[at];
    if (c === ',' || c === ';') votes.push(c);
    if (i === table.fields.length - 1) trailing = c === ',' || c === ';';
  });
  const separator = majority(votes, literalStyle(model).separator)!;
  return { separator, trailing, multiline: /[\r\n]/.test(text.slice(start, end)) };
}
