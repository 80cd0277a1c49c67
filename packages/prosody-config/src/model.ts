/**
 * The "text blocks" model: Prosody's configmanager semantics over the top-level statements.
 * A `VirtualHost "x"` / `Host "x"` / `Component "x" ["type"]` call opens a section; every later
 * statement belongs to the most recent section, whatever its indentation or line. Comment lines
 * directly above a header belong to that header's section.
 */
import type { Comment, Expression, Statement } from 'luaparse';
import { latin1ToUtf8 } from './latin1.js';
import { parseLua, rangeOf, type Range } from './lua.js';

export type SectionKind = 'global' | 'VirtualHost' | 'Component';

/** `key = value` at the top level: a Prosody setting of the section it is in. */
export interface SettingItem {
  kind: 'setting';
  key: string;
  statement: Statement;
  value: Expression;
  range: Range;
}

/** Any other statement (`Include`, `RunScript`, `local`, a call, a multiple assignment): kept as is. */
export interface OpaqueItem {
  kind: 'opaque';
  statement: Statement;
  range: Range;
}

export type Item = SettingItem | OpaqueItem;

export interface Section {
  kind: SectionKind;
  /** `VirtualHost`, `Host`, `host`, `Component` or `component` as written; absent for global. */
  keyword?: string;
  /** Host or component name (lower-cased like Prosody does); undefined for global or a non-literal name. */
  name?: string;
  /** Component module (`"muc"`), when the header gives one. */
  type?: string;
  header?: Statement;
  /** Range of the header call. */
  headerRange?: Range;
  /** Where the section's text starts (its attached comment lines included) and ends (the next section's start). */
  start: number;
  end: number;
  items: Item[];
}

export interface Model {
  text: string;
  sections: Section[];
  comments: Comment[];
  /** Raw text of every string literal, for quote-style detection. */
  stringRaws: string[];
  /** Separators seen between table fields. */
  separators: { comma: number; semicolon: number };
}

const HOST_KEYWORDS = new Set(['VirtualHost', 'Host', 'host']);
const COMPONENT_KEYWORDS = new Set(['Component', 'component']);

interface Header {
  kind: 'VirtualHost' | 'Component';
  keyword: string;
  name?: string;
  type?: string;
}

/** Unwinds `Component "x" "muc"` (nested string calls) to its keyword and string arguments. */
function headerOf(statement: Statement): Header | undefined {
  if (statement.type !== 'CallStatement') return undefined;
  const args: (string | undefined)[] = [];
  let node: Expression = statement.expression;
  for (;;) {
    if (node.type === 'StringCallExpression') {
      args.unshift(node.argument.type === 'StringLiteral' ? latin1ToUtf8(node.argument.value) : undefined);
      node = node.base;
    } else if (node.type === 'CallExpression') {
      const a = node.arguments[0];
      args.unshift(node.arguments.length === 1 && a?.type === 'StringLiteral' ? latin1ToUtf8(a.value) : undefined);
      node = node.base;
    } else if (node.type === 'TableCallExpression') {
      args.unshift(undefined);
      node = node.base;
    } else break;
  }
  if (node.type !== 'Identifier') return undefined;
  const kind = HOST_KEYWORDS.has(node.name) ? 'VirtualHost' : COMPONENT_KEYWORDS.has(node.name) ? 'Component' : undefined;
  if (!kind || args.length === 0) return undefined;
  const header: Header = { kind, keyword: node.name };
  const name = args[0];
  if (name !== undefined) header.name = name.toLowerCase();
  if (kind === 'Component' && args[1] !== undefined) header.type = args[1];
  return header;
}

/** Start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/**
 * Pulls a header's start back over the comment lines directly above it (lines holding only a
 * `--` comment; a blank line or code stops it).
 */
function attachComments(text: string, headerStart: number, floor: number): number {
  let start = lineStart(text, headerStart);
  if (text.slice(start, headerStart).trim() !== '') return headerStart; // code before the header on its line
  for (;;) {
    if (start <= floor) return Math.max(start, floor);
    let prevEnd = start - 1; // the \n ending the previous line
    if (text[prevEnd] === '\n' && text[prevEnd - 1] === '\r') prevEnd--;
    const prevStart = lineStart(text, prevEnd);
    if (prevStart < floor) return start;
    const line = text.slice(prevStart, prevEnd).trim();
    if (!line.startsWith('--') || line.startsWith('--[[') || /^--\[=*\[/.test(line)) return start;
    start = prevStart;
  }
}

export function buildModel(text: string): Model {
  const { body, comments } = parseLua(text);
  const global: Section = { kind: 'global', start: 0, end: text.length, items: [] };
  const sections: Section[] = [global];
  let current = global;
  for (const statement of body) {
    const range = rangeOf(statement);
    const header = headerOf(statement);
    if (header) {
      const previous = current;
      const floor = previous.items.length > 0 ? previous.items[previous.items.length - 1]!.range[1] : (previous.headerRange?.[1] ?? 0);
      const start = attachComments(text, range[0], floor);
      previous.end = start;
      const section: Section = { ...header, header: statement, headerRange: range, start, end: text.length, items: [] };
      sections.push(section);
      current = section;
      continue;
    }
    if (
      statement.type === 'AssignmentStatement' &&
      statement.variables.length === 1 &&
      statement.init.length === 1 &&
      statement.variables[0]!.type === 'Identifier'
    ) {
      current.items.push({ kind: 'setting', key: statement.variables[0]!.name, statement, value: statement.init[0]!, range });
    } else {
      current.items.push({ kind: 'opaque', statement, range });
    }
  }
  const stringRaws: string[] = [];
  const separators = { comma: 0, semicolon: 0 };
  collectStyle(body, text, stringRaws, separators);
  return { text, sections, comments, stringRaws, separators };
}

/** Walks the tree for string literal quotes and table separators. */
function collectStyle(node: unknown, text: string, raws: string[], seps: { comma: number; semicolon: number }): void {
  if (Array.isArray(node)) {
    for (const n of node) collectStyle(n, text, raws, seps);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as { type?: string; raw?: string; fields?: { range: Range }[] };
  if (n.type === 'StringLiteral' && typeof n.raw === 'string') raws.push(n.raw);
  if (n.type === 'TableConstructorExpression' && n.fields) {
    for (const f of n.fields) {
      const sep = nextSignificant(text, f.range[1]);
      if (text[sep] === ',') seps.comma++;
      else if (text[sep] === ';') seps.semicolon++;
    }
  }
  for (const [k, v] of Object.entries(node)) {
    if (k !== 'range' && k !== 'loc' && typeof v === 'object') collectStyle(v, text, raws, seps);
  }
}

/** The first offset at or after `offset` that is not whitespace and not inside a comment. */
export function nextSignificant(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('--', i)) {
      const long = /^--\[(=*)\[/.exec(text.slice(i, i + 64));
      if (long) {
        const close = text.indexOf(`]${long[1]}]`, i);
        i = close === -1 ? text.length : close + long[1]!.length + 2;
      } else {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      }
      continue;
    }
    return i;
  }
}
