/**
 * The style of a jicofo.conf that new text copies: the separator between a key and its value, how
 * an object opens after its key, whether new strings are written unquoted, array padding, the
 * indentation unit. Each group of file-wide votes is counted once per parse, when a planner first
 * asks for it (HoconParse.style), and every decision is core's majority, with its one tie rule.
 */
import { detectIndentUnit, majority } from '@jitsi-confkit/core';
import { work } from '../work.js';
import type { HoconInput, ValueStyle } from './format.js';
import { isNumberToken } from './number.js';
import type { FieldNode, ObjectNode, ValueNode } from './syntax.js';

export interface FileStyle {
  /** The separator text most simple one-line fields use (` = `, `=`, `: `); undefined when there is none. */
  readonly separator: string | undefined;
  /**
   * How the file opens an object after its key: ` {` (given as ' '), `: {` (': '), ` = {` (' = '),
   * or up to a line break (the Allman style: the brace on a line of its own); ' ' when no field
   * holds an object.
   */
  readonly opener: string;
  /** How new values are written where the value replaced says nothing: quoting of strings, padding of arrays. */
  readonly values: ValueStyle;
  /** The indentation unit; two spaces (the hocon CLI's and the handbook's) when nothing is indented. */
  readonly indentUnit: string;
}

/**
 * The votes of the fields of a text, each group counted when a planner first asks for it: most
 * edits need none of them (a replaced value keeps its own style) or one (a new string needs the
 * quoting, a new field in an object without simple fields the separator).
 */
export function fileStyle(text: string, fields: readonly FieldNode[]): FileStyle {
  let separators: { separator: string | undefined; opener: string } | undefined;
  let values: ValueStyle | undefined;
  let indentUnit: string | undefined;
  const votes = (): { separator: string | undefined; opener: string } => {
    separators ??= separatorVotes(text, fields);
    return separators;
  };
  return {
    get separator(): string | undefined {
      return votes().separator;
    },
    get opener(): string {
      return votes().opener;
    },
    get values(): ValueStyle {
      values ??= valueVotes(text, fields);
      return values;
    },
    get indentUnit(): string {
      indentUnit ??= detectIndentUnit(text, '  ');
      return indentUnit;
    },
  };
}

function separatorVotes(text: string, fields: readonly FieldNode[]): { separator: string | undefined; opener: string } {
  const separators: string[] = [];
  const openers: string[] = [];
  for (const f of fields) {
    work.count++;
    const simple = simpleSeparator(text, f);
    if (simple !== undefined) separators.push(simple);
    if (f.value.kind === 'object') openers.push(openerOf(text, f));
  }
  return { separator: majority(separators), opener: majority(openers) ?? ' ' };
}

function valueVotes(text: string, fields: readonly FieldNode[]): ValueStyle {
  let unquotedStrings = false;
  let padded = 0;
  let tight = 0;
  for (const f of fields) {
    work.count++;
    const v = f.value;
    if (!unquotedStrings && isUnquotedString(v)) unquotedStrings = true;
    if (v.kind === 'array' && v.elements.length > 0) {
      if (text[v.start + 1] === ' ') padded++;
      else tight++;
    }
  }
  return { quoting: unquotedStrings ? 'word' : 'quoted', arrayPadding: padded > tight, separator: ' = ' };
}

/** The separator text of a field written `key = value` or `key: value` on one line; undefined for any other field. */
function simpleSeparator(text: string, f: FieldNode): string | undefined {
  if ((f.separator !== '=' && f.separator !== ':') || f.value.kind === 'object') return undefined;
  const raw = text.slice(f.keyEnd, f.value.start);
  return raw.includes('\n') ? undefined : raw;
}

/** What opens a field's object after its key; braces on their own lines count as one style, whatever their indentation. */
function openerOf(text: string, f: FieldNode): string {
  const raw = text.slice(f.keyEnd, f.value.start);
  const nl = raw.indexOf('\n');
  return nl === -1 ? raw : raw.slice(0, nl + 1);
}

/** Whether a value is one unquoted token that reads as a string (`NONE`, not `true`, `null` or `20`). */
export function isUnquotedString(v: ValueNode): boolean {
  if (v.kind !== 'simple' || v.tokens.length !== 1) return false;
  const token = v.tokens[0]!;
  return token.type === 'unquoted' && token.value !== 'true' && token.value !== 'false' && token.value !== 'null' && !isNumberToken(token.value);
}

/** The separator for a new field in `block`: the one most of its simple fields use, else the file's, else one that goes with the file's objects. */
export function separatorFor(text: string, block: ObjectNode, style: FileStyle): string {
  const own: string[] = [];
  for (const m of block.members) {
    if (m.kind !== 'field') continue;
    const simple = simpleSeparator(text, m);
    if (simple !== undefined) own.push(simple);
  }
  // With no simple field to copy, `jicofo: {` suggests `: ` too.
  return majority(own) ?? style.separator ?? (style.opener.trim() === ':' ? ': ' : ' = ');
}

/**
 * How a value replacing `node` is written: a string as the node is written where it says (a quoted
 * or an unquoted string stays so where HOCON allows it), a padded array stays padded; else as the
 * file writes new values (`fileValues`, asked only then).
 */
export function valueStyleOf(text: string, node: ValueNode, value: HoconInput, fileValues: () => ValueStyle): ValueStyle {
  if (typeof value === 'number' || typeof value === 'boolean') return NO_STYLE;
  const own = ownQuoting(node);
  if (own !== undefined && typeof value === 'string') return { ...NO_STYLE, quoting: own };
  const style = own === undefined ? fileValues() : { ...fileValues(), quoting: own };
  if (node.kind === 'array') return { ...style, arrayPadding: text[node.start + 1] === ' ' && node.elements.length > 0 ? true : style.arrayPadding };
  return style;
}

/** How a new value is written: as the file writes its values, or (a number, a boolean) the one way it can be, without counting the file. */
export function newValueStyle(value: HoconInput, style: FileStyle): ValueStyle {
  return typeof value === 'number' || typeof value === 'boolean' ? NO_STYLE : style.values;
}

/** The style of a number or a boolean, which have one way to be written (and of a string given its quoting). */
const NO_STYLE: ValueStyle = { quoting: 'quoted', arrayPadding: false, separator: ' = ' };

/** The quoting a replaced string keeps: that of a quoted string, of an unquoted one, or of unquoted words (`15 seconds`). */
export function ownQuoting(node: ValueNode): 'quoted' | 'unquoted' | undefined {
  if (node.kind !== 'simple') return undefined;
  if (node.tokens.length === 1) {
    const token = node.tokens[0]!;
    if (token.type === 'quoted') return 'quoted';
    if (isUnquotedString(node)) return 'unquoted';
    return undefined;
  }
  return node.tokens.every((t) => t.type === 'unquoted' || t.type === 'space') ? 'unquoted' : undefined;
}

/** Whether written value text is one unquoted token that reads as a string (as isUnquotedString says of a node). */
export function isOneUnquotedString(content: string): boolean {
  // Letters first (not a number), and no keyword at the start: `truex` is two tokens, `true` then `x`.
  return /^[A-Za-z][A-Za-z0-9_.-]*$/.test(content) && !/^(?:true|false|null)/.test(content);
}
