/** ProsodyConfig: a Prosody Lua config as sections, read and edited without reformatting. */
import type { Expression, TableConstructorExpression, TableValue } from 'luaparse';
import {
  applyEdits,
  composeEdits,
  ConfigSyntaxError,
  InputText,
  reportInInputUnits,
  type ConfigInput,
  type InputOptions,
  detectEol,
  detectQuote,
  indentAt,
  positionAt,
  printable,
  sortEdits,
  UnsupportedEditError,
  validateHostname,
  ValidationError,
  type Eol,
  type TextEdit,
} from '@jitsi-confkit/core';
import {
  fieldKey,
  literalValue,
  rangeOf,
  renderField,
  renderLua,
  replaceableValue,
  requireLiteral,
  sameValue,
  type LiteralStyle,
} from './lua.js';
import { validateSettingName } from './names.js';
import { buildModel, countSeparators, type AppendItem, type Item, type Model, type Section, type SettingItem } from './model.js';
import { disableSecureDomain, enableSecureDomain, type DisableSecureDomainOptions, type SecureDomainOptions } from './secure-domain.js';
import { includeStatements, listEntries, listTables, readModel, type OptionState } from './read.js';
import { OpaqueValue, type ConfigValue, type Syntax13Feature, type WritableValue } from './value.js';
import {
  aloneOnLine,
  blank,
  endsWithEol,
  eolBefore,
  lineStart,
  nextLineStart,
  nextSignificant,
  previousLineBlank,
  trailingBlankStart,
} from './text.js';

/** How the text is given (InputOptions) and which Prosody the config is for. */
export interface ProsodyOptions extends InputOptions {
  /**
   * The Prosody the config is for: '0.12' (the default: what Debian 12 ships) or '13'. Only with
   * '13' does an edit write Prosody 13's syntax (a helper such as `Credential("x")`), which Prosody
   * 0.12 cannot load. Reading is the same either way.
   */
  prosody?: '0.12' | '13';
}

/** Where a setting lives: the global section, a `VirtualHost`, or a `Component` (by name). */
export type Scope = 'global' | { host: string } | { component: string };

/** One section of the file, as `sections()` lists it. */
export interface SectionInfo {
  kind: 'global' | 'VirtualHost' | 'Component';
  /** Host or component name (lower case); absent for global. */
  name?: string;
  /** Component module, e.g. `muc` (absent for an external component). */
  type?: string;
  /** 1-based line of the header (1 for global). */
  line: number;
}

/** The effective value of a setting and where it comes from. */
export interface Lookup {
  value: ConfigValue;
  /** `section`: set in the scope's own section; `global`: inherited from the global section. */
  from: 'section' | 'global';
  /** 1-based line of the assignment (of the first append, when the file only appends). */
  line: number;
  /** 1-based lines of the appends (`key:append { … }`, Prosody 13) merged into the value, when there are any. */
  appends?: number[];
}

export interface Location {
  line: number;
  column: number;
  offset: number;
}

/** One thing a section holds, as `contents()` lists it. */
export interface SectionContent {
  /** `setting`: `key = value` (also in the header's option table) or an append `key:append { … }`; `statement`: any other statement; `comment`: a comment. */
  kind: 'setting' | 'statement' | 'comment';
  /** The setting's name. */
  key?: string;
  /** 1-based line where it starts. */
  line: number;
}

/** Where a file needs Prosody 13 (see syntax13()). */
export interface Syntax13Use {
  feature: Syntax13Feature;
  /** The option appended to or referred to, the helper's argument, or the path after `Lua.`. */
  name?: string;
  line: number;
  column: number;
}

/** What Prosody says when it loads the file (see loadWarnings()). */
export interface LoadWarningInfo {
  kind: 'duplicate-option' | 'lua-api';
  /** The option set twice, or the Lua global used directly. */
  name: string;
  /** Prosody's own words. */
  message: string;
  line: number;
  column: number;
}

/** One item of a list setting and where it is written (see entries()). */
export interface ListEntryInfo {
  value: ConfigValue;
  statement: 'assignment' | 'append';
  line: number;
  column: number;
}

/** An `Include` or `RunScript` statement (see includes()). */
export interface IncludeInfo {
  keyword: 'Include' | 'include' | 'RunScript';
  /** The file or pattern, when it is a literal string. */
  path?: string;
  line: number;
  column: number;
}

export interface AddVirtualHostOptions {
  /** Insert the new host right after this section (default: at the end of the file). */
  after?: Scope;
}

interface Pending {
  edits: TextEdit[];
  checks: { what: string; readBack: (cfg: ProsodyConfig) => boolean }[];
}

type Field = TableConstructorExpression['fields'][number];

/** Lists that Prosody merges from the global section into each host's, instead of replacing. */
const MERGED_LISTS = new Set(['modules_enabled', 'modules_disabled']);

/** `Include "file"` / `RunScript "file"`: statements Prosody runs the same in any section. */
function isInclude(item: Item): boolean {
  const st = item.statement;
  if (st.type !== 'CallStatement') return false;
  const call = st.expression;
  const base = call.type === 'StringCallExpression' || call.type === 'CallExpression' ? call.base : undefined;
  return base?.type === 'Identifier' && ['Include', 'include', 'RunScript'].includes(base.name);
}

/** The sections of `scope` in a model (none when it has no such section); ValidationError for a malformed scope. */
function sectionsIn(model: Model, scope: Scope): Section[] {
  const sections = model.sections;
  if (scope === 'global') return [sections[0]!];
  if (scope !== null && typeof scope === 'object') {
    if ('host' in scope && typeof scope.host === 'string') {
      const name = scope.host.toLowerCase();
      return sections.filter((s) => s.kind === 'VirtualHost' && s.name === name);
    }
    if ('component' in scope && typeof scope.component === 'string') {
      const name = scope.component.toLowerCase();
      return sections.filter((s) => s.kind === 'Component' && s.name === name);
    }
  }
  throw new ValidationError(`Invalid scope ${printable(JSON.stringify(scope) ?? String(scope))}: use 'global', { host } or { component }`);
}

/** The value of an option state, or the error that says why the file does not tell it. */
function valueOf(state: OptionState, key: string): ConfigValue {
  const r = state.result;
  if ('unknown' in r) throw r.unknown(key);
  if ('nil' in r) throw new Error('internal: valueOf a nil option');
  return r.value;
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

function scopeLabel(scope: Scope): string {
  if (scope === 'global') return 'the global section';
  if ('host' in scope) return `VirtualHost "${printable(scope.host)}"`;
  return `Component "${printable(scope.component)}"`;
}

/**
 * A Prosody config file (the per-host `/etc/prosody/conf.avail/<host>.cfg.lua` or the main
 * `prosody.cfg.lua`). The text is the file decoded as latin1: read with
 * `readFileSync(path, 'latin1')`, write `toString()` back with `writeFileSync(path, text, 'latin1')`.
 * Every mutating method returns `this`; `edits` is the list of edits against the original text.
 */
export class ProsodyConfig {
  /** The caller's input: what offsets count, what toString() and toBytes() give. */
  readonly #input: InputText;
  /** The original text, one character per byte (as everything below works on it). */
  readonly #original: string;
  /** The model of the original text (what this document created is what it does not have). */
  readonly #initial: Model;
  #text: string;
  #model: Model;
  #edits: TextEdit[] = [];
  /** Operations planned by #batched, applied together. */
  #pending: Pending | undefined;
  /** Whether the caller said the config is for Prosody 13 (Prosody 13's syntax may then be written). */
  readonly #prosody13: boolean;
  /** The literal style of the current model, computed when first needed. */
  #styleOf: { model: Model; style: LiteralStyle } | undefined;

  /** Parses `text`; throws ConfigSyntaxError (with line and column) when it is not valid Lua. */
  constructor(input: ConfigInput, options: ProsodyOptions = {}) {
    const prosody = options?.prosody;
    if (prosody !== undefined && prosody !== '0.12' && prosody !== '13') {
      throw new ValidationError(`parseProsodyConfig: prosody must be '0.12' or '13', not ${printable(JSON.stringify(prosody) ?? String(prosody))}`);
    }
    this.#prosody13 = prosody === '13';
    this.#input = InputText.read(input, options, 'bytes', 'parseProsodyConfig');
    const text = this.#input.text;
    this.#original = text;
    this.#text = text;
    this.#model = this.#input.guard(() => text, () => buildModel(text));
    this.#initial = this.#model;
  }

  static {
    // Errors of every method give positions in the caller's units (UTF-16 code units for a string).
    reportInInputUnits(this, (cfg) => ({ input: cfg.#input, current: cfg.#text }));
  }

  /** Whether the text differs from the original input. */
  get changed(): boolean {
    return this.#text !== this.#original;
  }

  /** The edits that turn the original input into `toString()`; `[]` when nothing changed. */
  get edits(): TextEdit[] {
    return this.#input.edits(this.#edits);
  }

  /**
   * The current text, as the same kind of string as the input (for bytes: decoded as UTF-8, for
   * showing; write toBytes()). Unedited: identical to a string input.
   */
  toString(): string {
    return this.#input.toString(this.#text);
  }

  /** The current file's bytes. Unedited: the bytes given (or the input string's bytes). */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.#text);
  }

  /** The sections in file order, global first. */
  sections(): SectionInfo[] {
    return this.#model.sections.map((s) => {
      const info: SectionInfo = { kind: s.kind, line: s.headerRange ? positionAt(this.#text, s.headerRange[0]).line : 1 };
      if (s.name !== undefined) info.name = s.name;
      if (s.type !== undefined) info.type = s.type;
      return info;
    });
  }

  /** Names of the file's VirtualHosts, in order, each once (a host may be opened twice). */
  hosts(): string[] {
    return [...new Set(this.#model.sections.filter((s) => s.kind === 'VirtualHost' && s.name !== undefined).map((s) => s.name!))];
  }

  /** Names of the file's Components, in order, each once. */
  components(): string[] {
    return [...new Set(this.#model.sections.filter((s) => s.kind === 'Component' && s.name !== undefined).map((s) => s.name!))];
  }

  /**
   * What the scope's own section(s) hold, in file order: every setting, every other statement and
   * every comment (those on the header's line and the comment lines attached above it included).
   * [] when the section is absent.
   */
  contents(scope: Scope): SectionContent[] {
    const out: { content: SectionContent; at: number }[] = [];
    const text = this.#text;
    const at = (offset: number): number => positionAt(text, offset).line;
    for (const s of this.#sectionsOf(scope)) {
      for (const o of s.options) out.push({ content: { kind: 'setting', key: o.key, line: at(o.range[0]) }, at: o.range[0] });
      for (const i of s.items) {
        // An append (`key:append { … }`, Prosody 13) sets its key too.
        const content: SectionContent = i.kind === 'opaque' ? { kind: 'statement', line: at(i.range[0]) } : { kind: 'setting', key: i.key, line: at(i.range[0]) };
        out.push({ content, at: i.range[0] });
      }
      for (const c of this.#model.comments) {
        const [start] = rangeOf(c);
        if (start >= s.start && start < s.end) out.push({ content: { kind: 'comment', line: at(start) }, at: start });
      }
    }
    return out.sort((a, b) => a.at - b.at).map((c) => c.content);
  }

  /**
   * Where the file needs Prosody 13, in file order: appends (`modules_enabled:append { … }`,
   * `modules_enabled { … }`), helpers (`Credential`, `FileContents`, `FileLine`, `FileLines`), `Lua.…`
   * and bare references to options (`"lobby." .. muc_mapper_domain_base`). Prosody 0.12 stops at an
   * append or a helper (a call of nil) and reads a bare name as nil. `[]` for a file both read alike.
   */
  syntax13(): Syntax13Use[] {
    return readModel(this.#model).syntax13.map((u) => ({ ...u, ...this.#lineColumn(u.offset) }));
  }

  /**
   * What Prosody says about the file when it loads it, as it says it: `Duplicate option 'x'` for an
   * option assigned twice in one section (the last one wins; every version), and, in Prosody 13,
   * ``direct usage of the Lua API is deprecated - replace `os` with `Lua.os` `` for Lua's globals used
   * in a value.
   */
  loadWarnings(): LoadWarningInfo[] {
    return readModel(this.#model).warnings.map((w) => ({
      kind: w.kind,
      name: w.name,
      message: w.kind === 'duplicate-option' ? `Duplicate option '${w.name}'` : `direct usage of the Lua API is deprecated - replace \`${w.name}\` with \`Lua.${w.name}\``,
      ...this.#lineColumn(w.offset),
    }));
  }

  /**
   * The items of the list `key` that the scope's own section holds, each with where it is written:
   * the list of its assignment, then the items of each append (Prosody 13). Undefined when the
   * section does not set `key` or its value is not a list the file tells.
   */
  entries(scope: Scope, key: string): ListEntryInfo[] | undefined {
    validateSettingName(key);
    const found = this.#option(scope, key);
    if (found === undefined || found.from !== 'section') return undefined;
    return listEntries(this.#model, found.state)?.map((e) => ({ value: e.value, statement: e.statement, ...this.#lineColumn(e.offset) }));
  }

  /** The file's `Include` and `RunScript` statements in order, with their path when it is a literal. */
  includes(): IncludeInfo[] {
    return includeStatements(this.#model).map((i) => ({ keyword: i.keyword, ...(i.path === undefined ? {} : { path: i.path }), ...this.#lineColumn(i.offset) }));
  }

  /** Line and column (in the caller's units) of an offset of the current text. */
  #lineColumn(offset: number): { line: number; column: number } {
    const p = this.#input.position(this.#text, offset);
    return { line: p.line, column: p.column };
  }

  /** Whether the scope's section exists (always true for global). */
  has(scope: Scope): boolean {
    return this.#sectionsOf(scope).length > 0;
  }

  /**
   * The effective value of `key` in `scope`, as Prosody 13 reads the file (the same as 0.12 for a
   * file without Prosody 13's syntax): the section's own value after its last assignment and the
   * appends that follow it (`key:append { … }`, `key { … }`), else the global one for a host or
   * component. Prosody 13's helpers (`Credential("x")`, `FileLine("p")`, …) and `Lua.…` are
   * OpaqueValues, never computed; a bare name reads the option of that name from the same section
   * (`"lobby." .. muc_mapper_domain_base`). Undefined when unset (or set to nil) or the section is
   * absent. UnsupportedEditError when the file does not say the value (`ENV_X`, another call, a
   * name it does not set before in that section, an append to a list set in another file).
   */
  get(scope: Scope, key: string): ConfigValue | undefined {
    validateSettingName(key);
    const found = this.#option(scope, key);
    return found ? valueOf(found.state, key) : undefined;
  }

  /**
   * Like get, and says whether the value is the section's own or inherited, on which line it is set
   * and, when appends add to it, on which lines they are.
   */
  lookup(scope: Scope, key: string): Lookup | undefined {
    validateSettingName(key);
    const found = this.#option(scope, key);
    if (!found) return undefined;
    const { state } = found;
    const value = valueOf(state, key);
    const lookup: Lookup = { value, from: found.from, line: positionAt(this.#text, (state.base ?? state.appends[0]!).range[0]).line };
    if (state.appends.length > 0) lookup.appends = state.appends.map((a) => positionAt(this.#text, a.range[0]).line);
    return lookup;
  }

  /** Position of the assignment that gives `key` its effective value in `scope` (or of its first append, when the file only appends). */
  locate(scope: Scope, key: string): Location | undefined {
    validateSettingName(key);
    const found = this.#option(scope, key);
    if (!found) return undefined;
    const p = this.#input.position(this.#text, (found.state.base ?? found.state.appends[0]!).range[0]);
    return { line: p.line, column: p.column, offset: p.offset };
  }

  /**
   * Sets `key` in the scope's own section: replaces the value of its last assignment (the rest
   * of the line, a trailing comment included, stays), or adds a line after the section's last
   * statement, indented like the section. New global settings go before the first section. The
   * appends that follow that assignment (`key:append { … }`, Prosody 13) are removed: the value is
   * `value`, whole. A Prosody 13 helper (`helperValue('Credential', 'x')`) is written only into a
   * config parsed with `{ prosody: '13' }`.
   */
  set(scope: Scope, key: string, value: WritableValue): this {
    validateSettingName(key);
    const state = this.#ownState(scope, key);
    if (state !== undefined && 'value' in state.result && sameValue(state.result.value, value)) return this;
    return this.#write(scope, key, value, state);
  }

  /**
   * Writes a list built by appends (`key:append { … }`, Prosody 13) as one list: its assignment
   * gets the whole value and the appends go, so that Prosody 0.12, which cannot run an append,
   * reads the same list. A no-op when the section does not append to `key`; UnsupportedEditError
   * when the file does not tell the whole value (the list itself is set in another file).
   */
  mergeAppends(scope: Scope, key: string): this {
    validateSettingName(key);
    const state = this.#ownState(scope, key);
    if (state === undefined || state.appends.length === 0) return this;
    return this.#write(scope, key, valueOf(state, key) as WritableValue, state);
  }

  /** set, whatever the value read now: the last assignment gets `value`, the appends after it go. */
  #write(scope: Scope, key: string, value: WritableValue, state: OptionState | undefined): this {
    const targets = this.#requireSections(scope);
    const rendered = renderLua(value, this.#style());
    const existing = this.#own(targets, key);
    const appends = state?.appends ?? [];
    let edits: TextEdit[];
    if (existing) {
      const old = replaceableValue(existing.value, this.#text, key);
      if (sameValue(old, value) && appends.length === 0) return this;
      edits = sameValue(old, value) ? [] : this.#valueEdits(existing.value, value);
    } else {
      // A section written `VirtualHost "x" { ... }` takes new settings in its option table.
      const body = targets.find((t) => !t.optionTable);
      edits = body ? [this.#insertSetting(body, `${key} = ${rendered}`)] : this.#insertListItems(targets[0]!.optionTable!, [`${key} = ${rendered}`]);
    }
    edits.push(...appends.map((a) => this.#removeStatement(a.range[0], a.range[1])));
    return this.#commit(edits, `set ${key} in ${scopeLabel(scope)}`, (cfg) => {
      const state = cfg.#ownState(scope, key);
      return state !== undefined && state.appends.length === 0 && 'value' in state.result && sameValue(state.result.value, value);
    });
  }

  /**
   * Removes every assignment of `key` in the scope's own sections, and every append to it
   * (Prosody 13); a no-op when there is none.
   */
  delete(scope: Scope, key: string): this {
    validateSettingName(key);
    const targets = this.#sectionsOf(scope);
    const items = targets.flatMap((s) => s.items).filter((i): i is SettingItem | AppendItem => i.kind !== 'opaque' && i.key === key);
    const options = targets.flatMap((s) => s.options).filter((i) => i.key === key);
    if (items.length === 0 && options.length === 0) return this;
    const edits = items.map((i) => this.#removeStatement(i.range[0], i.range[1]));
    for (const o of options) edits.push(...this.#removeFields(o.option!.table, [o.option!.field]));
    return this.#commit(edits, `delete ${key} from ${scopeLabel(scope)}`, (cfg) => cfg.#sectionsOf(scope).every((s) => ![...s.options, ...s.items].some((i) => i.kind !== 'opaque' && i.key === key)));
  }

  /**
   * Adds `item` to the string list `key` (e.g. `modules_enabled`) of the scope's section, in the
   * list's own layout and separator. Creates `key = { "item" }` in the section when it has no such
   * list. Where appends add to the list (Prosody 13), the item goes into the last one, so the list
   * keeps its order. A no-op when the item is there.
   */
  addToList(scope: Scope, key: string, item: string): this {
    validateSettingName(key);
    if (typeof item !== 'string') throw new ValidationError(`addToList expects a string item for ${key}`);
    const targets = this.#requireSections(scope);
    const state = this.#ownState(scope, key);
    const last = state?.appends[state.appends.length - 1];
    if (state !== undefined && last !== undefined) {
      const values = this.#writtenList(scope, key, state);
      if (values.includes(item)) return this;
      const table = last.calls[last.calls.length - 1]!.table;
      const edits = this.#insertListItems(table, [renderLua(item, { ...this.#style(), quote: this.#listQuote(table) })]);
      return this.#commit(edits, `add ${printable(item)} to ${key} in ${scopeLabel(scope)}`, (cfg) => {
        const after = cfg.#ownState(scope, key);
        return after !== undefined && cfg.#writtenList(scope, key, after).includes(item);
      });
    }
    const existing = this.#own(targets, key);
    if (!existing) {
      // A host's own list replaces the global one (but for the module lists, which Prosody merges):
      // it starts as a copy of the inherited list, so the effective list gains just the item.
      const inherited = this.#inheritedList(scope, key);
      if (inherited?.includes(item)) return this;
      return this.set(scope, key, [...(inherited ?? []), item]);
    }
    const table = this.#listNode(existing);
    const values = table.fields.map((f) => literalValue(f.value));
    if (values.some((v) => typeof v !== 'string')) {
      throw new ValidationError(`${key} in ${scopeLabel(scope)} is not a list of strings (${printable(JSON.stringify(values))}): write it with set`);
    }
    if (values.some((v) => v === item)) return this;
    const edits = this.#insertListItems(table, [renderLua(item, { ...this.#style(), quote: this.#listQuote(table) })]);
    return this.#commit(edits, `add ${printable(item)} to ${key} in ${scopeLabel(scope)}`, (cfg) => {
      const v = cfg.get(scope, key);
      return Array.isArray(v) && v.includes(item);
    });
  }

  /**
   * Removes every `item` from the list `key` of the scope's section (a no-op when absent): from its
   * assignment and from every append that adds it (Prosody 13); an append left with nothing to add
   * goes with its line.
   */
  removeFromList(scope: Scope, key: string, item: string): this {
    validateSettingName(key);
    const state = this.#ownState(scope, key);
    if (state !== undefined && state.appends.length > 0) return this.#removeFromAppended(scope, key, item, state);
    const existing = this.#own(this.#sectionsOf(scope), key);
    if (!existing) {
      const inherited = this.#inheritedList(scope, key);
      if (inherited?.includes(item)) {
        const global = this.#ownState('global', key)!;
        throw UnsupportedEditError.at(
          `Cannot remove ${printable(String(item))} from ${key} in ${scopeLabel(scope)}: it comes from the global section's ${key}; remove it there, or set the section's own ${key}`,
          this.#text,
          (global.base ?? global.appends[0]!).range[0],
        );
      }
      return this;
    }
    const table = this.#listNode(existing);
    const fields: TableValue[] = table.fields;
    const matches = fields.filter((f) => literalValue(f.value) === item);
    if (matches.length === 0) return this;
    const remaining = fields.filter((f) => !matches.includes(f)).map((f) => literalValue(f.value) as string);
    const drop = this.#dropsList(scope, key, remaining);
    const edits = drop ? this.#removeAssignment(existing) : this.#removeFields(table, matches);
    return this.#commit(edits, `remove ${printable(String(item))} from ${key} in ${scopeLabel(scope)}`, (cfg) => {
      const own = cfg.#own(cfg.#sectionsOf(scope), key);
      if (drop) return own === undefined;
      const v = own ? literalValue(own.value) : undefined;
      return Array.isArray(v) && !v.includes(item);
    });
  }

  /** removeFromList for a list built by appends: each table that holds the item loses it; an emptied append goes. */
  #removeFromAppended(scope: Scope, key: string, item: string, state: OptionState): this {
    this.#writtenList(scope, key, state);
    const tables = listTables(state);
    const matches = (t: TableConstructorExpression): TableConstructorExpression['fields'] => t.fields.filter((f) => f.type === 'TableValue' && literalValue(f.value) === item);
    if (tables.every(({ table }) => matches(table).length === 0)) return this;
    const edits: TextEdit[] = [];
    const emptied = new Set<AppendItem>();
    for (const append of state.appends) {
      if (append.calls.every((c) => c.table.fields.length > 0 && matches(c.table).length === c.table.fields.length)) emptied.add(append);
    }
    for (const { table, append } of tables) {
      if (append !== undefined && emptied.has(append)) continue;
      const found = matches(table);
      if (found.length > 0) edits.push(...this.#removeFields(table, found));
    }
    for (const append of emptied) edits.push(this.#removeStatement(append.range[0], append.range[1]));
    return this.#commit(edits, `remove ${printable(String(item))} from ${key} in ${scopeLabel(scope)}`, (cfg) => {
      const after = cfg.#ownState(scope, key);
      return after === undefined || !cfg.#writtenList(scope, key, after).includes(item);
    });
  }

  /**
   * The string items the section writes into its list `key` (its assignment's, then its appends'),
   * whatever comes before them from another file. ValidationError when an item is not a string.
   */
  #writtenList(scope: Scope, key: string, state: OptionState): string[] {
    const values: unknown[] = [];
    for (const { table } of listTables(state)) {
      for (const f of table.fields) values.push(f.type === 'TableValue' ? literalValue(f.value) : undefined);
    }
    if (state.base !== undefined && state.base.value.type !== 'TableConstructorExpression') {
      throw UnsupportedEditError.at(`${key} is not a list literal ({ "a"; "b" }): edit it by hand`, this.#text, rangeOf(state.base.value)[0]);
    }
    if (values.some((v) => typeof v !== 'string')) {
      throw new ValidationError(`${key} in ${scopeLabel(scope)} is not a list of strings (${printable(JSON.stringify(values))}): write it with set`);
    }
    return values as string[];
  }

  /**
   * Whether removeFromList takes the whole assignment away instead of leaving `remaining`: when
   * this document created the list (the original text has none in the section) and it is back to
   * what addToList started it from (no item; for a host's own copy of a global list, that list),
   * and no other assignment of the key is left in the section. addToList then removeFromList thus
   * gives the original text back; a list the file had keeps its assignment, `{ }` when emptied.
   */
  #dropsList(scope: Scope, key: string, remaining: readonly string[]): boolean {
    if (this.#own(sectionsIn(this.#initial, scope), key) !== undefined) return false;
    const sections = this.#sectionsOf(scope);
    const assignments = sections.flatMap((s) => [...s.options, ...s.items]).filter((i) => i.kind === 'setting' && i.key === key);
    if (assignments.length !== 1) return false;
    const inherited = this.#inheritedList(scope, key) ?? [];
    return sameValue([...remaining], inherited);
  }

  /** The edits that remove one assignment: its statement, or its field in a header's option table. */
  #removeAssignment(setting: SettingItem): TextEdit[] {
    return setting.option ? this.#removeFields(setting.option.table, [setting.option.field]) : [this.#removeStatement(setting.range[0], setting.range[1])];
  }

  /**
   * Adds `VirtualHost "name"` with `settings` (in their order), right after the `after` section
   * or at the end of the file. When the host exists, its settings are set instead (no second copy).
   */
  addVirtualHost(name: string, settings: Record<string, WritableValue> = {}, options: AddVirtualHostOptions = {}): this {
    validateHostname(name);
    Object.keys(settings).forEach(validateSettingName);
    if (this.#sectionsOf({ component: name }).length > 0) {
      throw new ValidationError(`"${name}" is a Component in this file; it cannot also be a VirtualHost`);
    }
    return this.#addSection({ host: name }, [name], settings, options);
  }

  /**
   * Adds `Component "name" "module"` (e.g. `Component "lobby.meet.example.com" "muc"`) with
   * `settings` (in their order), right after the `after` section or at the end of the file. When
   * the component exists with that module, its settings are set instead (no second copy); with
   * another module (or as an external component), ValidationError.
   */
  addComponent(name: string, module: string, settings: Record<string, WritableValue> = {}, options: AddVirtualHostOptions = {}): this {
    validateHostname(name, 'component name');
    if (typeof module !== 'string' || !/^[a-z0-9_]+$/.test(module)) {
      throw new ValidationError(`Invalid component module "${printable(String(module))}": use the name of a Prosody module, such as muc`);
    }
    Object.keys(settings).forEach(validateSettingName);
    if (this.#sectionsOf({ host: name }).length > 0) {
      throw new ValidationError(`"${name}" is a VirtualHost in this file; it cannot also be a Component`);
    }
    const existing = this.#sectionsOf({ component: name });
    const other = existing.find((s) => s.type !== module);
    if (other !== undefined) {
      const what = other.type === undefined ? 'an external component' : `a "${other.type}" component`;
      throw new ValidationError(`Component "${name}" is ${what} in this file, not a "${module}" one`);
    }
    return this.#addSection({ component: name }, [name, module], settings, options);
  }

  /**
   * The section `scope` with its header arguments (`VirtualHost "x"`, `Component "x" "muc"`) and
   * settings: added right after the `after` section or at the end of the file, or, when it
   * exists, its settings set.
   */
  #addSection(scope: { host: string } | { component: string }, args: readonly string[], settings: Record<string, WritableValue>, options: AddVirtualHostOptions): this {
    const keys = Object.keys(settings);
    if (this.#sectionsOf(scope).length > 0) {
      return this.#batched(() => {
        for (const k of keys) this.set(scope, k, settings[k]!);
      });
    }
    const after = options.after === undefined ? undefined : this.#requireSections(options.after);
    const style = this.#style();
    const eol = this.#eol();
    const indent = after ? this.#bodyIndent(after[0]!) : this.#fileBodyIndent();
    const headerQuote = detectQuote(this.#headerRaws(), style.quote);
    const keyword = 'host' in scope ? 'VirtualHost' : 'Component';
    const lines = [`${keyword} ${args.map((a) => renderLua(a, { ...style, quote: headerQuote })).join(' ')}`];
    for (const k of keys) lines.push(`${indent}${k} = ${renderLua(settings[k]!, style)}`);
    const block = lines.join(eol);
    const text = this.#text;
    const sections = this.#model.sections;
    const anchor = after ? after[after.length - 1]! : sections[sections.length - 1]!;
    let offset = anchor.end;
    let content: string;
    if (offset < text.length) {
      const atLineStart = offset === 0 || eolBefore(text, offset) !== '';
      if (atLineStart && offset > 0 && !previousLineBlank(text, offset)) {
        // Sections packed without blank lines between them: the new one is packed too (and
        // removeSection gives the text back).
        content = `${block}${eol}`;
      } else {
        content = `${!atLineStart ? eol + eol : ''}${block}${eol}${eol}`;
      }
    } else {
      offset = text.length;
      const blanks = trailingBlankStart(text);
      if (blanks > 0 && blanks < text.length) {
        // Before the blank lines that end the file, which stay at its end (removeSection undoes this).
        offset = blanks;
        content = `${eol}${block}${eol}`;
      } else if (text.length === 0) content = `${block}${eol}`;
      else if (endsWithEol(text)) content = `${previousLineBlank(text, offset) ? '' : eol}${block}${eol}`;
      else content = `${eol}${eol}${block}`;
    }
    return this.#commit([{ offset, length: 0, content }], `add ${scopeLabel(scope)}`, (cfg) => {
      const added = cfg.#sectionsOf(scope);
      return (
        added.length === 1 &&
        ('host' in scope || added[0]!.type === args[1]) &&
        keys.every((k) => {
          const own = cfg.#own(added, k);
          return own !== undefined && sameValue(literalValue(own.value), settings[k]);
        })
      );
    });
  }

  /**
   * Adds `Include "path"` as the file's last line, where Debian's postinst appends
   * `Include "conf.d/*.cfg.lua"`: Prosody runs it after the rest of the file, and the file it
   * includes starts in the global section whatever section it is in. A no-op when the file has an
   * Include of that path. `path` is written as given (Prosody resolves a relative one against this
   * file's folder).
   */
  addInclude(path: string): this {
    if (typeof path !== 'string' || path === '' || /[\0\r\n]/.test(path)) {
      throw new ValidationError(`Invalid Include path ${printable(JSON.stringify(path) ?? String(path))}: a file or a pattern on one line`);
    }
    if (includeStatements(this.#model).some((i) => i.keyword !== 'RunScript' && i.path === path)) return this;
    const text = this.#text;
    const eol = this.#eol();
    const line = `Include ${renderLua(path, { ...this.#style(), quote: detectQuote(this.#headerRaws(), this.#style().quote) })}`;
    const content = text === '' ? `${line}${eol}` : endsWithEol(text) ? `${line}${eol}` : `${eol}${line}`;
    return this.#commit([{ offset: text.length, length: 0, content }], `add Include ${printable(path)}`, (cfg) =>
      includeStatements(cfg.#model).some((i) => i.keyword === 'Include' && i.path === path),
    );
  }

  /**
   * Removes the scope's section(s) with their attached comment lines and the blank line that
   * separates them from the next section. A no-op when there is no such section.
   */
  removeSection(scope: Scope): this {
    if (scope === 'global') throw new ValidationError('The global section cannot be removed');
    const targets = this.#sectionsOf(scope);
    if (targets.length === 0) return this;
    // Sections that follow each other are removed as one range.
    const edits: TextEdit[] = [];
    for (const s of targets) {
      if (s.optionTable) {
        // Only the header: the statements after it are global ones.
        const header = this.#removeStatement(s.headerRange![0], s.headerRange![1]);
        edits.push({ offset: Math.min(s.start, header.offset), length: header.offset + header.length - Math.min(s.start, header.offset), content: '' });
        continue;
      }
      if (s.items.some(isInclude)) {
        edits.push(...this.#removeAroundIncludes(s));
        continue;
      }
      const last = edits[edits.length - 1];
      if (last && s.start === last.offset + last.length) last.length = s.end - last.offset;
      else edits.push({ offset: s.start, length: s.end - s.start, content: '' });
    }
    const tail = edits[edits.length - 1]!;
    if (tail.offset + tail.length === this.#text.length) {
      // The blank lines that end the file stay there.
      const blanks = trailingBlankStart(this.#text);
      const end = blanks > tail.offset ? blanks : this.#text.length;
      tail.offset = this.#tailStart(tail.offset);
      tail.length = end - tail.offset;
    }
    return this.#commit(edits, `remove ${scopeLabel(scope)}`, (cfg) => cfg.#sectionsOf(scope).length === 0);
  }

  /**
   * The Jitsi secure domain: the main host gets `authentication = "internal_hashed"` (or
   * `options.authentication`), keeping the line's trailing comment, and `VirtualHost
   * "<guestHost>"` with the anonymous flavour of the file's era and `c2s_require_encryption =
   * false` follows the main host's section (an existing guest host is brought to these settings
   * where it is). ValidationError when a name is invalid or the host is not in the file.
   * Idempotent.
   */
  enableSecureDomain(host: string, guestHost: string = `guest.${host}`, options: SecureDomainOptions = {}): this {
    return this.#batched(() => enableSecureDomain(this, host, guestHost, options));
  }

  /**
   * Undoes enableSecureDomain: the main host gets back the anonymous flavour (the guest host's,
   * else the era's) and the guest host's section is removed, unless `options.keepGuestHost`
   * (for a guest host that holds more than enableSecureDomain writes). Idempotent.
   */
  disableSecureDomain(host: string, guestHost: string = `guest.${host}`, options: DisableSecureDomainOptions = {}): this {
    return this.#batched(() => disableSecureDomain(this, host, guestHost, options));
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * Runs `fn` with its operations planned against the current text and applied together: one
   * re-parse, then every operation's read-back. Nothing changes if anything throws.
   */
  #batched(fn: () => void): this {
    if (this.#pending) {
      fn();
      return this;
    }
    const pending: Pending = { edits: [], checks: [] };
    this.#pending = pending;
    try {
      fn();
    } finally {
      this.#pending = undefined;
    }
    return this.#apply(pending.edits, pending.checks);
  }

  /** Applies an operation's edits now, or adds them to the batch being planned. */
  #commit(edits: TextEdit[], what: string, readBack: (cfg: ProsodyConfig) => boolean): this {
    if (edits.length === 0) return this;
    if (this.#pending) {
      this.#pending.edits.push(...edits);
      this.#pending.checks.push({ what, readBack });
      return this;
    }
    return this.#apply(edits, [{ what, readBack }]);
  }

  /** Applies edits, re-parses, checks the result with each read-back, and folds the edits into `edits`. */
  #apply(edits: TextEdit[], checks: Pending['checks']): this {
    if (edits.length === 0) return this;
    const next = applyEdits(this.#text, edits);
    let model: Model;
    try {
      model = buildModel(next);
    } catch (e) {
      if (e instanceof ConfigSyntaxError) {
        throw new UnsupportedEditError(`Cannot ${checks.map((c) => c.what).join(', ')}: the result would not parse (${e.message})`);
      }
      throw e;
    }
    const saved = { text: this.#text, model: this.#model };
    this.#text = next;
    this.#model = model;
    const failed = checks.find((c) => {
      try {
        return !c.readBack(this);
      } catch {
        return true;
      }
    });
    if (failed) {
      this.#text = saved.text;
      this.#model = saved.model;
      throw new UnsupportedEditError(`Cannot ${failed.what}: the edited file does not read back as intended`);
    }
    this.#edits = this.#edits.length === 0 ? sortEdits(edits) : composeEdits(this.#original, this.#edits, edits);
    return this;
  }

  #sectionsOf(scope: Scope): Section[] {
    return sectionsIn(this.#model, scope);
  }

  #requireSections(scope: Scope): Section[] {
    const found = this.#sectionsOf(scope);
    if (found.length > 0) return found;
    const kind = typeof scope === 'object' && 'component' in scope ? 'Component' : 'VirtualHost';
    const names = kind === 'VirtualHost' ? this.hosts() : this.components();
    const list = names.length > 0 ? `its ${kind}s are: ${names.join(', ')}` : `it has no ${kind}`;
    throw new ValidationError(`${scopeLabel(scope)} is not in this file; ${list}`);
  }

  /** The last assignment of `key` in these sections. */
  #own(sections: readonly Section[], key: string): SettingItem | undefined {
    let found: SettingItem | undefined;
    for (const s of sections) {
      // The header's options apply first; the section's statements override them.
      for (const o of s.options) if (o.key === key) found = o;
      for (const i of s.items) if (i.kind === 'setting' && i.key === key) found = i;
    }
    return found;
  }

  /**
   * The global string list a host or component inherits for `key` when it has none of its own;
   * undefined for the global section, for the module lists (Prosody merges a host's
   * modules_enabled / modules_disabled with the global ones) and when there is no global list.
   */
  #inheritedList(scope: Scope, key: string): string[] | undefined {
    if (scope === 'global' || MERGED_LISTS.has(key)) return undefined;
    const state = this.#ownState('global', key);
    if (!state) return undefined;
    const value = valueOf(state, key);
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw UnsupportedEditError.at(`The global ${key} is not a list of strings: edit it by hand`, this.#text, (state.base ?? state.appends[0]!).range[0]);
    }
    return value as string[];
  }

  /** The option's state in the scope's own section(s) after the file has run (readModel), when they set or append to it. */
  #ownState(scope: Scope, key: string): OptionState | undefined {
    const sections = this.#sectionsOf(scope);
    if (sections.length === 0) return undefined;
    const state = readModel(this.#model).scopes.get(scope === 'global' ? '*' : sections[0]!.name!)?.get(key);
    return state !== undefined && !('nil' in state.result) ? state : undefined;
  }

  /** The option's state after the file has run (readModel), in the scope's section or inherited from the global one. */
  #option(scope: Scope, key: string): { state: OptionState; from: 'section' | 'global' } | undefined {
    const sections = this.#sectionsOf(scope);
    if (sections.length === 0) return undefined;
    const { scopes } = readModel(this.#model);
    const set = (state: OptionState | undefined): state is OptionState => state !== undefined && !('nil' in state.result);
    const own = scopes.get(scope === 'global' ? '*' : sections[0]!.name!)?.get(key);
    if (set(own)) return { state: own, from: 'section' };
    if (scope === 'global') return undefined;
    const inherited = scopes.get('*')?.get(key);
    return set(inherited) ? { state: inherited, from: 'global' } : undefined;
  }

  #eol(): Eol {
    return detectEol(this.#text);
  }

  #style(): LiteralStyle {
    if (this.#styleOf?.model !== this.#model) {
      const { semicolon, comma } = countSeparators(this.#model);
      const style: LiteralStyle = { quote: detectQuote(this.#model.stringRaws, '"'), separator: semicolon >= comma ? ';' : ',', prosody13: this.#prosody13 };
      this.#styleOf = { model: this.#model, style };
    }
    return this.#styleOf.style;
  }

  #headerRaws(): string[] {
    return this.#model.sections.flatMap((s) => (s.quote ? [s.quote] : []));
  }

  /** The indentation of a line that starts with the item, or undefined when code precedes it. */
  #lineIndent(offset: number): string | undefined {
    const ls = lineStart(this.#text, offset);
    return blank(this.#text, ls, offset) ? this.#text.slice(ls, offset) : undefined;
  }

  /** The most common indentation of the section's statements that start a line. */
  #bodyIndent(section: Section): string {
    if (section.kind === 'global') return '';
    const counts = new Map<string, number>();
    for (const i of section.items) {
      const ind = this.#lineIndent(i.range[0]);
      if (ind !== undefined) counts.set(ind, (counts.get(ind) ?? 0) + 1);
    }
    // An unindented statement in a host body (`ssl = {` at column 0) is an accident, not the style.
    if (counts.size > 1) counts.delete('');
    let best: string | undefined;
    let bestCount = 0;
    for (const [ind, n] of counts) if (n > bestCount) [best, bestCount] = [ind, n];
    return best ?? this.#fileBodyIndent();
  }

  /** The indentation of host and component bodies across the file (four spaces when there is none). */
  #fileBodyIndent(): string {
    const counts = new Map<string, number>();
    for (const s of this.#model.sections) {
      if (s.kind === 'global') continue;
      for (const i of s.items) {
        const ind = this.#lineIndent(i.range[0]);
        if (ind !== undefined && ind !== '') counts.set(ind, (counts.get(ind) ?? 0) + 1);
      }
    }
    let best = '    ';
    let bestCount = 0;
    for (const [ind, n] of counts) if (n > bestCount) [best, bestCount] = [ind, n];
    return best;
  }

  /**
   * Removes a section that holds `Include` / `RunScript` lines but keeps them, with the comments
   * around them: Prosody runs them whatever section they are in (an included file starts in the
   * global section), so they do not belong to the section. Debian's prosody.cfg.lua ends with
   * `VirtualHost "localhost"` followed by `Include "conf.d/*.cfg.lua"`, the line that loads every
   * Jitsi host. Removed: the header with its comment lines, and each run of the section's other
   * statements, line by line.
   */
  #removeAroundIncludes(section: Section): TextEdit[] {
    const text = this.#text;
    const comments = this.#model.comments;
    const edits: TextEdit[] = [];
    let run: { from: number; to: number } | undefined = { from: section.start, to: section.headerRange![1] };
    const flush = (): void => {
      if (run) edits.push({ offset: run.from, length: nextLineStart(text, run.to, comments) - run.from, content: '' });
      run = undefined;
    };
    let keptLineEnd = 0;
    for (const item of section.items) {
      if (isInclude(item)) {
        if (lineStart(text, item.range[0]) < (run ? nextLineStart(text, run.to, comments) : keptLineEnd)) {
          throw UnsupportedEditError.at(`Cannot remove ${section.name ?? 'the section'} but keep its Include: they share a line`, text, item.range[0]);
        }
        flush();
        keptLineEnd = nextLineStart(text, item.range[1], comments);
      } else if (run) {
        run.to = item.range[1];
      } else {
        if (lineStart(text, item.range[0]) < keptLineEnd) {
          throw UnsupportedEditError.at(`Cannot remove ${section.name ?? 'the section'} but keep its Include: they share a line`, text, item.range[0]);
        }
        run = { from: lineStart(text, item.range[0]), to: item.range[1] };
      }
    }
    flush();
    return edits;
  }

  /**
   * Where to start removing when a removal runs to the end of the file from `start`: before the
   * blank lines above it and, when the file has no final newline, before the line break that ends
   * the content left (so the file still has none).
   */
  #tailStart(start: number): number {
    const text = this.#text;
    let from = lineStart(text, start);
    if (!blank(text, from, start)) return start;
    while (from > 0) {
      const eol = eolBefore(text, from);
      const previous = lineStart(text, from - eol.length);
      if (!blank(text, previous, from - eol.length)) break;
      from = previous;
    }
    return endsWithEol(text) ? from : from - eolBefore(text, from).length;
  }

  /** An insertion of the line `line` after the section's last statement (or its header). */
  #insertSetting(section: Section, line: string): TextEdit {
    const text = this.#text;
    const eol = this.#eol();
    const sections = this.#model.sections;
    const last = section.items[section.items.length - 1];
    const anchorEnd = last ? last.range[1] : section.headerRange?.[1];
    if (anchorEnd === undefined) {
      // A global section with no statements: before the first section, with a blank line.
      const first = sections[1];
      const offset = first ? first.start : text.length;
      if (offset === text.length && text.length > 0 && !endsWithEol(text)) return { offset, length: 0, content: `${eol}${line}` };
      return { offset, length: 0, content: first ? `${line}${eol}${eol}` : `${line}${eol}` };
    }
    const semicolon = last?.kind === 'setting' && /^[ \t]*;/.test(text.slice(anchorEnd, anchorEnd + 8));
    const indent = section.kind === 'global' ? (last ? (this.#lineIndent(last.range[0]) ?? '') : '') : this.#bodyIndent(section);
    const full = `${indent}${line}${semicolon ? ';' : ''}`;
    const offset = nextLineStart(text, anchorEnd, this.#model.comments);
    const next = sections[sections.indexOf(section) + 1];
    if (next?.headerRange && next.headerRange[0] < offset) {
      throw UnsupportedEditError.at(
        `Cannot add a line to ${section.name ?? 'the global section'}: the next section starts on the same line`,
        text,
        next.headerRange[0],
      );
    }
    if (offset === text.length && eolBefore(text, offset) === '') return { offset, length: 0, content: `${eol}${full}` };
    return { offset, length: 0, content: `${full}${eol}` };
  }

  /** The edit that removes a statement: its whole line when it is alone there, else just itself. */
  #removeStatement(start: number, end: number): TextEdit {
    const text = this.#text;
    const ls = lineStart(text, start);
    const next = nextLineStart(text, end, this.#model.comments);
    if (aloneOnLine(text, ls, start, end, next)) {
      if (next === text.length && eolBefore(text, next) === '' && ls > 0) {
        const eol = eolBefore(text, ls);
        return { offset: ls - eol.length, length: next - ls + eol.length, content: '' };
      }
      // Between blank lines (or at the top of the file), take one of the blank lines along, so the
      // removal leaves no double gap: this undoes a setting added to an empty global section.
      const after = nextLineStart(text, next, this.#model.comments);
      if ((ls === 0 || previousLineBlank(text, ls)) && next < text.length && after > next && blank(text, next, after - eolBefore(text, after).length)) {
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

  #listNode(setting: SettingItem): TableConstructorExpression & { fields: TableValue[] } {
    const node = setting.value;
    if (node.type !== 'TableConstructorExpression' || !node.fields.every((f) => f.type === 'TableValue')) {
      const start = rangeOf(node)[0];
      throw UnsupportedEditError.at(`${setting.key} is not a list literal ({ "a"; "b" }): edit it by hand`, this.#text, start);
    }
    for (const f of node.fields) requireLiteral(f.value, this.#text, setting.key);
    return node as TableConstructorExpression & { fields: TableValue[] };
  }

  #listQuote(table: TableConstructorExpression): "'" | '"' {
    const raws = table.fields.flatMap((f) => (f.value.type === 'StringLiteral' ? [f.value.raw] : []));
    return detectQuote(raws, this.#style().quote);
  }

  /** The separator a list uses after its fields (`,` or `;`), and whether its last field has one. */
  #listLayout(table: TableConstructorExpression): { separator: ',' | ';'; trailing: boolean; multiline: boolean } {
    const text = this.#text;
    const [start, end] = rangeOf(table);
    let comma = 0;
    let semicolon = 0;
    let trailing = false;
    table.fields.forEach((f, i) => {
      const at = nextSignificant(text, rangeOf(f)[1]);
      if (text[at] === ',') comma++;
      if (text[at] === ';') semicolon++;
      if (i === table.fields.length - 1) trailing = text[at] === ',' || text[at] === ';';
    });
    const separator = semicolon > comma ? ';' : comma > semicolon ? ',' : this.#style().separator;
    return { separator, trailing, multiline: /[\r\n]/.test(text.slice(start, end)) };
  }

  /**
   * The edits that turn the literal `node` into `value`. Tables keep their layout and comments:
   * fields are changed in place, removed, or appended like addToList does; only what cannot be
   * expressed that way (a list reordered and extended at once, keys both added and removed, a
   * table turned into a scalar) is rewritten, and then only the smallest table that holds it.
   * A string literal keeps its own quotes.
   */
  #valueEdits(node: Expression, value: WritableValue): TextEdit[] {
    const old = literalValue(node);
    if (old !== undefined && sameValue(old, value)) return [];
    if (node.type === 'TableConstructorExpression' && typeof value === 'object' && !(value instanceof OpaqueValue)) {
      const inPlace = this.#tableEdits(node, value);
      if (inPlace) return inPlace;
    }
    const [start, end] = rangeOf(node);
    const own = node.type === 'StringLiteral' ? node.raw[0] : undefined;
    const quote = own === '"' || own === "'" ? own : this.#style().quote;
    return [{ offset: start, length: end - start, content: renderLua(value, { ...this.#style(), quote }) }];
  }

  #tableEdits(table: TableConstructorExpression, value: WritableValue[] | { [key: string]: WritableValue }): TextEdit[] | undefined {
    const fields = table.fields;
    const style = { ...this.#style(), quote: this.#listQuote(table) };
    if (Array.isArray(value)) {
      if (!fields.every((f) => f.type === 'TableValue')) return undefined;
      if (value.length >= fields.length) {
        const edits = fields.flatMap((f, i) => this.#valueEdits(f.value, value[i]!));
        if (value.length > fields.length) edits.push(...this.#insertListItems(table, value.slice(fields.length).map((v) => renderLua(v, style))));
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
      return this.#removeFields(table, removed);
    }
    const keys = fields.map(fieldKey);
    if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return undefined;
    const wanted = Object.keys(value);
    const removed = fields.filter((_, i) => !Object.hasOwn(value, keys[i]!));
    const added = wanted.filter((k) => !keys.includes(k));
    if (removed.length > 0 && added.length > 0) return undefined;
    const edits = fields.flatMap((f, i) => (Object.hasOwn(value, keys[i]!) ? this.#valueEdits(f.value, value[keys[i]!]!) : []));
    edits.push(...this.#removeFields(table, removed));
    if (added.length > 0) edits.push(...this.#insertListItems(table, added.map((k) => renderField(k, value[k]!, style))));
    return edits;
  }

  /** Edits that append `items` (rendered fields) to a table, in its layout, separator and spacing. */
  #insertListItems(table: TableConstructorExpression, items: readonly string[]): TextEdit[] {
    const text = this.#text;
    const [tStart, tEnd] = rangeOf(table);
    const close = tEnd - 1; // the `}`
    const { separator, trailing, multiline } = this.#listLayout(table);
    const last = table.fields[table.fields.length - 1];
    if (!last) {
      const inner = text.slice(tStart + 1, close);
      if (/[\r\n]/.test(inner) || /--/.test(inner)) {
        const eol = this.#eol();
        const indent = `${indentAt(text, tStart)}${this.#fileBodyIndent()}`;
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
      const lineEnd = nextLineStart(text, afterSep, this.#model.comments);
      const indent = this.#lineIndent(rangeOf(last)[0]);
      if (indent !== undefined && lineEnd <= close) {
        const eol = eolBefore(text, lineEnd) || this.#eol();
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
  #removeFields(table: TableConstructorExpression, fields: readonly Field[]): TextEdit[] {
    const removed = new Set(fields);
    return mergeDeletions(fields.flatMap((f) => this.#removeListField(table, f, removed)));
  }

  /**
   * The edits that remove a table field: its line when it has one to itself, else the field and
   * its separator. Each removal undoes the insertion #insertListItems makes in the same place.
   */
  #removeListField(table: TableConstructorExpression, field: Field, removed: ReadonlySet<Field>): TextEdit[] {
    const text = this.#text;
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
    const next = nextLineStart(text, stmtEnd, this.#model.comments);
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

}

/** Parses a Prosody config given as the file decoded as latin1. Throws ConfigSyntaxError. */
export function parseProsodyConfig(input: ConfigInput, options?: ProsodyOptions): ProsodyConfig {
  return new ProsodyConfig(input, options);
}
