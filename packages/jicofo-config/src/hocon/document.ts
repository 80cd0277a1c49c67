import {
  applyEdits,
  composeEdits,
  ConfigSyntaxError,
  detectEol,
  detectIndent,
  eolAt,
  indentAt,
  lineStartAt,
  InputText,
  printable,
  reportInInputUnits,
  UnsupportedEditError,
  type ConfigInput,
  type InputOptions,
  type SourcePosition,
  type TextEdit,
} from '@jitsi-confkit/core';
import { formatKey, formatValue, isPlainObject, parsePath, pathText, validateValue, type HoconInput, type HoconPath, type Quoting, type ValueStyle } from './format.js';
import { HoconSubstitution, isLiteral, lookup, mergeDocument, mergedValue, nodeValue, type HoconValue, type Merged, type MergedObject } from './model.js';
import { work } from '../work.js';
import { parseHocon } from './parse.js';
import type { FieldNode, ObjectNode, ValueNode } from './syntax.js';

/**
 * Parses jicofo.conf (or any HOCON text) into an editable, lossless document: a string read with
 * 'utf8', a 'latin1' string with `{ encoding: 'latin1' }`, or bytes (core's input contract).
 * Throws ConfigSyntaxError.
 */
export function parseJicofoConf(input: ConfigInput, options?: InputOptions): HoconDocument {
  return new HoconDocument(input, options);
}

interface Parsed {
  text: string;
  root: ObjectNode;
  model: MergedObject;
  fields: FieldNode[];
}

function parseState(text: string): Parsed {
  const root = parseHocon(text);
  const fields: FieldNode[] = [];
  const walk = (node: ValueNode): void => {
    if (node.kind === 'object') {
      for (const m of node.members) {
        work.count++;
        if (m.kind !== 'field') continue;
        fields.push(m);
        walk(m.value);
      }
    } else if (node.kind === 'array') {
      node.elements.forEach(walk);
    }
  };
  walk(root);
  return { text, root, model: mergeDocument(root), fields };
}

/**
 * A HOCON document (jicofo.conf) that keeps every byte of its input. Reads follow HOCON's merge
 * rules (later wins, objects merge); edits splice the text in the file's own style and are kept
 * as one minimal edit list against the original text.
 */
export class HoconDocument {
  /** The caller's input: what offsets count, what toString() and toBytes() give. */
  readonly #input: InputText;
  readonly #original: string;
  #state: Parsed;
  #edits: TextEdit[] = [];

  constructor(input: ConfigInput, options: InputOptions = {}) {
    this.#input = InputText.read(input, options, 'text', 'parseJicofoConf');
    const text = this.#input.text;
    this.#original = text;
    this.#state = this.#input.guard(() => text, () => parseState(text));
  }

  static {
    // Errors of every method give positions in the caller's units (bytes for a Buffer).
    reportInInputUnits(this, (doc) => ({ input: doc.#input, current: doc.#state.text }));
  }

  /** True when the text differs from the input. */
  get changed(): boolean {
    return this.#state.text !== this.#original;
  }

  /** The edits that turn the original input into toString(), against the original text. */
  get edits(): TextEdit[] {
    return this.#input.edits(this.#edits);
  }

  /** The current text, as the same kind of string as the input. */
  toString(): string {
    return this.#input.toString(this.#state.text);
  }

  /** The current file's bytes; for bytes given, those bytes when nothing was changed. */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.#state.text);
  }

  /**
   * The effective value at `path` (`jicofo.authentication.enabled`), as plain data: strings,
   * numbers, booleans, null, arrays and objects; a value that needs resolving (`${VAR}`) is a
   * HoconSubstitution. Undefined when the path is not set. Values from `include`d files are not seen.
   */
  get(path: HoconPath): HoconValue | undefined {
    const found = this.#find(parsePath(path));
    return found === undefined ? undefined : mergedValue(found, this.#state.text);
  }

  /** The keys of the object at `path` (of the root when omitted); [] when it is not an object. */
  keys(path?: HoconPath): string[] {
    const found = path === undefined ? this.#state.model : this.#find(parsePath(path));
    return found?.kind === 'object' ? [...found.entries.keys()] : [];
  }

  has(path: HoconPath): boolean {
    return this.#find(parsePath(path)) !== undefined;
  }

  /** Position of the effective value at `path` (for an object: its last `{` or dotted key). */
  locate(path: HoconPath): SourcePosition | undefined {
    const found = this.#find(parsePath(path));
    return found === undefined ? undefined : this.#input.position(this.#state.text, this.#offsetOf(found));
  }

  /**
   * Sets `path` to `value`. Replaces the effective occurrence when the path is set, or inserts the
   * key in the innermost existing object on the path (the last block of it, in the file's style).
   * An object value sets its keys one by one (objects merge). Throws UnsupportedEditError when the
   * current value is not a literal (a substitution) or a parent on the path is not an object.
   */
  set(path: HoconPath, value: HoconInput): this {
    const keys = parsePath(path);
    const label = pathText(keys);
    validateValue(value, label);
    const found = this.#find(keys);
    if (isPlainObject(value) && found?.kind === 'object') {
      // Key by key, all or nothing: a key that cannot be written undoes the ones written before it.
      this.#atomically(() => {
        for (const [key, v] of Object.entries(value)) this.set([...keys, key], v);
      });
      return this;
    }
    const edits = found === undefined ? this.#insert(keys, value) : this.#replace(keys, found, value);
    this.#commit(edits, label, (doc) => expectValue(doc, keys, value, label));
    return this;
  }

  /** Removes every occurrence of `path` (so no earlier one becomes effective). No-op when absent. */
  delete(path: HoconPath): this {
    const keys = parsePath(path);
    const label = pathText(keys);
    const text = this.#state.text;
    const edits = removals(text, this.#fieldsCovering(keys));
    this.#commit(edits, label, (doc) => {
      if (doc.#find(keys) !== undefined) throw new UnsupportedEditError(`Could not delete ${label}: it is still set after the edit`);
    });
    return this;
  }

  /** Runs `work`; when it throws, text, edits and `changed` are as they were before it. */
  #atomically(work: () => void): void {
    const state = this.#state;
    const edits = this.#edits;
    try {
      work();
    } catch (error) {
      this.#state = state;
      this.#edits = edits;
      throw error;
    }
  }

  #find(keys: readonly string[]): Merged | undefined {
    return lookup(this.#state.model, keys).found;
  }

  #offsetOf(m: Merged): number {
    if (m.kind === 'leaf') return m.node.start;
    const last = m.contributors[m.contributors.length - 1];
    if (last === undefined) return 0;
    return last.kind === 'block' ? last.node.start : last.field.start;
  }

  #commit(edits: TextEdit[], path: string, verify: (doc: HoconDocument) => void): void {
    if (edits.length === 0) return;
    const next = applyEdits(this.#state.text, edits);
    let probe: HoconDocument;
    try {
      probe = new HoconDocument(next);
    } catch (error) {
      if (error instanceof ConfigSyntaxError) {
        throw new UnsupportedEditError(`Editing ${path} would produce text that does not parse: ${error.message}`);
      }
      throw error;
    }
    verify(probe);
    this.#edits = composeEdits(this.#original, this.#edits, edits);
    this.#state = probe.#state;
  }

  #replace(keys: readonly string[], found: Merged, value: HoconInput): TextEdit[] {
    const text = this.#state.text;
    const path = pathText(keys);
    if (found.kind === 'object') {
      throw UnsupportedEditError.at(`${path} is an object; set its keys instead`, text, this.#offsetOf(found));
    }
    const node = found.node;
    if (!isLiteral(node)) {
      throw UnsupportedEditError.at(`${path} is not a literal value (${printable(text.slice(node.start, node.end), 40)}); edit it by hand`, text, node.start);
    }
    const source = text.slice(node.start, node.end);
    // 0 and -0 read the same in HOCON, but the file says which one was given.
    const signChanged = value === 0 && Object.is(value, -0) !== source.startsWith('-');
    if (sameValue(nodeValue(node, text), value) && !signChanged) return [];
    const content = formatValue(value, this.#valueStyle(node));
    if (content === source) return [];
    return [{ offset: node.start, length: node.end - node.start, content }];
  }

  #insert(keys: readonly string[], value: HoconInput): TextEdit[] {
    const text = this.#state.text;
    const { deepest, depth, blockedBy } = lookup(this.#state.model, keys);
    if (blockedBy) {
      const where = pathText(keys.slice(0, depth + 1));
      throw UnsupportedEditError.at(`${where} is not an object, so ${pathText(keys)} cannot be set inside it`, text, blockedBy.node.start);
    }
    const rest = keys.slice(depth);
    const target = deepest.contributors[deepest.contributors.length - 1];
    if (target === undefined) throw new UnsupportedEditError(`No place to insert ${pathText(keys)}`);
    if (target.kind === 'dotted') {
      const field = target.field;
      const prefix = field.path.slice(0, target.depth);
      const own = text.slice(field.keyEnd, field.value.start);
      const separator = field.value.kind === 'object' || own.includes('\n') ? this.#separatorFor(target.parent) : own;
      // Next to its sibling (`a.x = 1` then `a.y = 2`) when a new line after the field's line stays
      // in the same block; else (`jicofo { a.x = 1 }`) at the end of that block.
      if (!endsLineInside(text, target.parent, field)) return this.#insertIntoBlock(target.parent, [...prefix, ...rest], value);
      const lines = this.#render([...prefix, ...rest], value, indentAt(text, field.start), { dotted: true, separator });
      return [insertAfterLine(text, field.end, lines)];
    }
    return this.#insertIntoBlock(target.node, rest, value);
  }

  #insertIntoBlock(block: ObjectNode, rest: readonly string[], value: HoconInput): TextEdit[] {
    const text = this.#state.text;
    const fields = block.members.filter((m): m is FieldNode => m.kind === 'field');
    const dotted = rest.length > 1 && fields.some((f) => f.path.length > 1) && !fields.some((f) => f.value.kind === 'object');
    const separator = this.#separatorFor(block);
    // New keys go before trailing `include` lines, so an included file (docker's custom-jicofo.conf)
    // still overrides them, as it overrides the keys written above it.
    const trailingIncludes = block.members.length - 1 - block.members.map((m) => m.kind).lastIndexOf('field');
    const last = block.members[block.members.length - 1 - trailingIncludes];
    const firstInclude = trailingIncludes > 0 ? block.members[block.members.length - trailingIncludes] : undefined;
    const blockIndent = block.braced ? indentAt(text, block.start) : '';
    const unit = indentUnit(text);
    const first = block.members[0];
    const childIndent = first && isFirstOnLine(text, first.start) ? indentAt(text, first.start) : block.braced ? blockIndent + unit : '';
    const close = block.end - 1;
    const inline = block.braced && !text.slice(block.start, block.end).includes('\n');
    if (inline && last !== undefined) {
      const [line] = this.#render(rest, value, '', { dotted: true, separator, inline: true });
      return [{ offset: last.end, length: 0, content: `, ${line!}` }];
    }
    const lines = this.#render(rest, value, childIndent, { dotted, separator });
    if (inline) {
      const eol = eolAt(text, block.start);
      return [{ offset: block.start, length: block.end - block.start, content: `{${eol}${lines.join(eol)}${eol}${blockIndent}}` }];
    }
    if (last !== undefined) {
      const lineEnd = endOfLine(text, last.end);
      if (block.braced && close < lineEnd) {
        const eol = eolAt(text, last.end);
        return [{ offset: last.end, length: 0, content: eol + lines.join(eol) }];
      }
      return [insertAfterLine(text, last.end, lines)];
    }
    if (firstInclude !== undefined && isFirstOnLine(text, firstInclude.start)) {
      const eol = eolAt(text, firstInclude.start);
      return [{ offset: lineStartAt(text, firstInclude.start), length: 0, content: lines.join(eol) + eol }];
    }
    if (!block.braced) {
      const eol = detectEol(text);
      const lead = text.length > 0 && !text.endsWith('\n') && text !== '\ufeff' ? eol : '';
      return [{ offset: text.length, length: 0, content: lead + lines.join(eol) + eol }];
    }
    const eol = eolAt(text, block.start);
    const closeLine = lineStartAt(text, close);
    if (/^[ \t]*$/.test(text.slice(closeLine, close)) && closeLine > block.start) {
      return [{ offset: closeLine, length: 0, content: lines.join(eol) + eol }];
    }
    return [{ offset: close, length: 0, content: eol + lines.join(eol) + eol + blockIndent }];
  }

  #render(keys: readonly string[], value: HoconInput, indent: string, how: { dotted: boolean; separator: string; inline?: boolean }): string[] {
    const style = this.#newValueStyle();
    if (!how.dotted && keys.length > 1) {
      const nested = keys.slice(1).reduceRight<HoconInput>((v, k) => ({ [k]: v }), value);
      return this.#render(keys.slice(0, 1), nested, indent, how);
    }
    const key = keys.map(formatKey).join('.');
    if (isPlainObject(value) && !how.inline) {
      const opener = this.#objectOpener();
      // Allman style: the brace goes on a line of its own, under the key.
      const nl = opener.indexOf('\n');
      const beforeBrace = nl === -1 ? opener : opener.slice(0, nl).replace(/\r$/, '');
      const entries = Object.entries(value);
      if (entries.length === 0) return [`${indent}${key}${nl === -1 ? opener : `${beforeBrace} `}{}`];
      const unit = indentUnit(this.#state.text);
      const inner = entries.flatMap(([k, v]) => this.#render([k], v, indent + unit, { dotted: false, separator: how.separator }));
      const open = nl === -1 ? [`${indent}${key}${opener}{`] : [`${indent}${key}${beforeBrace}`, `${indent}{`];
      return [...open, ...inner, `${indent}}`];
    }
    return [`${indent}${key}${how.separator}${formatValue(value, { ...style, separator: how.separator })}`];
  }

  /** The separator text (` = `, `=`, `: `) most used by the simple fields of `block`, else of the file. */
  #separatorFor(block: ObjectNode): string {
    const text = this.#state.text;
    const raw = (fields: FieldNode[]): string | undefined =>
      majority(
        fields
          .filter((f) => (f.separator === '=' || f.separator === ':') && f.value.kind !== 'object')
          .map((f) => text.slice(f.keyEnd, f.value.start))
          .filter((raw) => !raw.includes('\n')),
      );
    const own = block.members.filter((m): m is FieldNode => m.kind === 'field');
    // With no simple field to copy, `jicofo: {` suggests `: ` too.
    return raw(own) ?? raw(this.#state.fields) ?? (this.#objectOpener().trim() === ':' ? ': ' : ' = ');
  }

  /** How the file opens an object after its key: ` {` (returned as ' '), `: {`, ` = {`, or a newline (Allman style). */
  #objectOpener(): string {
    const text = this.#state.text;
    const openers = this.#state.fields
      .filter((f) => f.value.kind === 'object')
      .map((f) => text.slice(f.keyEnd, f.value.start))
      // Braces on their own lines count as one style, whatever their indentation.
      .map((raw) => (raw.includes('\n') ? raw.slice(0, raw.indexOf('\n') + 1) : raw));
    return majority(openers) ?? ' ';
  }

  #valueStyle(node: ValueNode): ValueStyle {
    const style = this.#newValueStyle();
    if (node.kind === 'simple' && node.tokens.length === 1) {
      const token = node.tokens[0]!;
      const current = nodeValue(node, this.#state.text);
      if (token.type === 'quoted') return { ...style, quoting: 'quoted' };
      if (token.type === 'unquoted' && typeof current === 'string') return { ...style, quoting: 'unquoted' };
    }
    if (node.kind === 'simple' && node.tokens.length > 1 && node.tokens.every((t) => t.type === 'unquoted' || t.type === 'space')) {
      return { ...style, quoting: 'unquoted' };
    }
    if (node.kind === 'array') {
      const text = this.#state.text;
      return { ...style, arrayPadding: text[node.start + 1] === ' ' && node.elements.length > 0 ? true : style.arrayPadding };
    }
    return style;
  }

  #newValueStyle(): ValueStyle {
    const text = this.#state.text;
    let unquotedStrings = false;
    let padded = 0;
    let tight = 0;
    for (const f of this.#state.fields) {
      work.count++;
      const v = f.value;
      if (v.kind === 'simple' && v.tokens.length === 1 && v.tokens[0]!.type === 'unquoted' && typeof nodeValue(v, text) === 'string') unquotedStrings = true;
      if (v.kind === 'array' && v.elements.length > 0) {
        if (text[v.start + 1] === ' ') padded++;
        else tight++;
      }
    }
    const quoting: Quoting = unquotedStrings ? 'word' : 'quoted';
    return { quoting, arrayPadding: padded > tight, separator: ' = ' };
  }

  /** Fields whose key path starts with `keys`, found through the blocks of its ancestors. */
  #fieldsCovering(keys: readonly string[]): FieldNode[] {
    const out: FieldNode[] = [];
    const visit = (block: ObjectNode, prefix: readonly string[]): void => {
      for (const m of block.members) {
        work.count++;
        if (m.kind !== 'field') continue;
        const full = [...prefix, ...m.path];
        const n = Math.min(full.length, keys.length);
        if (full.slice(0, n).some((k, i) => k !== keys[i])) continue;
        if (full.length >= keys.length) out.push(m);
        else if (m.value.kind === 'object') visit(m.value, full);
      }
    };
    visit(this.#state.root, []);
    return out;
  }
}

/** The file's indentation unit; two spaces (the hocon CLI's and the handbook's) when nothing is indented yet. */
function indentUnit(text: string): string {
  return /^[ \t]+\S/m.test(text) ? detectIndent(text) : '  ';
}

function majority(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = counts.get(v)!;
    if (c >= bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function isFirstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/**
 * True when the line that holds the end of `field` ends inside `block`: no closing brace of the
 * block and no member that goes on to later lines follows on it, so a new line after it is in `block`.
 */
function endsLineInside(text: string, block: ObjectNode, field: FieldNode): boolean {
  const lineEnd = endOfLine(text, field.end);
  if (block.braced && block.end - 1 < lineEnd) return false;
  return block.members.every((m) => m.start >= lineEnd || m.end <= lineEnd);
}

/** Inserts `lines` as new lines after the line that contains `offset`. */
function insertAfterLine(text: string, offset: number, lines: string[]): TextEdit {
  const nl = text.indexOf('\n', offset);
  const eol = eolAt(text, offset);
  if (nl === -1) return { offset: text.length, length: 0, content: eol + lines.join(eol) };
  return { offset: nl + 1, length: 0, content: lines.join(eol) + eol };
}

/**
 * The edits that remove `fields`. Fields whose removals would overlap or touch (a key repeated on
 * one line: `x = 1, x = 2`) are removed as one span, so the commas between them go too.
 */
function removals(text: string, fields: FieldNode[]): TextEdit[] {
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

/** The offset of the comma that is the first thing after `from` (spaces, line breaks and comments skipped), or -1. */
function separatorCommaAfter(text: string, from: number): number {
  for (let p = from; p < text.length; ) {
    const c = text[p]!;
    if (c === ',') return p;
    if (c === '#' || (c === '/' && text[p + 1] === '/')) p = endOfLine(text, p);
    else if (/\s/.test(c) || c === '\ufeff') p++;
    else return -1;
  }
  return -1;
}

/** Removes the comma at `at` and the spaces after it; its whole line when nothing else is on it. */
function commaRemoval(text: string, at: number): TextEdit {
  let end = at + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  const lineStart = lineStartAt(text, at);
  if (/^[ \t]*$/.test(text.slice(lineStart, at)) && (text[end] === '\n' || text.startsWith('\r\n', end))) {
    return { offset: lineStart, length: endOfLine(text, end) + 1 - lineStart, content: '' };
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

/** Removes a field: its whole line(s) when it stands alone on them, else the field and one comma. */
function removalEdit(text: string, field: { start: number; end: number }): TextEdit {
  const lineStart = lineStartAt(text, field.start);
  let after = field.end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (text[after] === ',') after++;
  while (text[after] === ' ' || text[after] === '\t' || text[after] === '\r') after++;
  if (text[after] === '#' || (text[after] === '/' && text[after + 1] === '/')) after = endOfLine(text, after);
  const alone = isFirstOnLine(text, field.start) && (after >= text.length || text[after] === '\n');
  if (alone) {
    if (after < text.length) return { offset: lineStart, length: after + 1 - lineStart, content: '' };
    const eolStart = lineStart >= 2 && text[lineStart - 2] === '\r' ? lineStart - 2 : Math.max(0, lineStart - 1);
    return { offset: eolStart, length: text.length - eolStart, content: '' };
  }
  let end = field.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (text[end] === ',') {
    end++;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return { offset: field.start, length: end - field.start, content: '' };
  }
  let start = field.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (text[start - 1] === ',') start--;
  return { offset: start, length: field.end - start, content: '' };
}

/** Compares a read value with a value given to set(). */
function sameValue(current: HoconValue | undefined, wanted: HoconInput): boolean {
  if (current instanceof HoconSubstitution || current === undefined || current === null) return false;
  if (Array.isArray(wanted)) {
    return Array.isArray(current) && current.length === wanted.length && wanted.every((w: HoconInput, i) => sameValue(current[i], w));
  }
  if (isPlainObject(wanted)) {
    if (typeof current !== 'object' || Array.isArray(current)) return false;
    const keys = Object.keys(wanted);
    return keys.length === Object.keys(current).length && keys.every((k) => sameValue(current[k], wanted[k]!));
  }
  return current === wanted;
}

function expectValue(doc: HoconDocument, keys: readonly string[], value: HoconInput, path: string): void {
  const read = doc.get(keys);
  const ok = isPlainObject(value)
    ? read !== undefined && Object.entries(value).every(([k, v]) => sameValue((read as Record<string, HoconValue>)[k], v))
    : sameValue(read, value);
  if (!ok) throw new UnsupportedEditError(`Editing ${path} did not give the intended value when read back; the file was left unchanged`);
}
