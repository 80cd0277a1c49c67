/**
 * ProsodyConfig: a Prosody Lua config as sections, read and edited without reformatting. A thin
 * front over core's EditSession: the planning is in settings.ts, lists.ts, sections.ts and
 * secure-domain.ts (pure functions of a snapshot), the reading in read.ts.
 */
import {
  EditSession,
  InputText,
  LineIndex,
  positionAt,
  printable,
  printableValue,
  reportInInputUnits,
  validateHostname,
  ValidationError,
  type ConfigInput,
  type EditableDocument,
  type InputOptions,
  type TextEdit,
} from '@jitsi-confkit/core';
import type { DisableSecureDomainOptions, Scope, SecureDomainOptions } from './api.js';
import { prosodyKindFor } from './kind.js';
import { addToListStep, originalSettingsOf, removeFromListStep, type OriginalSettings } from './lists.js';
import { rangeOf } from './lua.js';
import type { Model } from './model.js';
import { validateSettingName } from './names.js';
import { effectiveState, stateStart, valueOf } from './read.js';
import { includeStatements, listEntries, readModel } from './reading.js';
import { componentsOf, hostsOf, missingScope, parsePath, sectionsIn, settingPath } from './scope.js';
import { addIncludeStep, addSectionStep, removeSectionStep } from './sections.js';
import { disableSecureDomainStep, enableSecureDomainStep } from './secure-domain.js';
import { deleteStep, mergeAppendsStep, setStep } from './settings.js';
import type { ConfigValue, Syntax13Feature, WritableValue } from './value.js';

export type { Scope } from './api.js';

/** The overloads' implementation signatures take a scope or a path (`'global'` is both). */
type ScopeOrPath = Exclude<Scope, 'global'> | string;

/** How the text is given (InputOptions) and which Prosody the config is for. */
export interface ProsodyOptions extends InputOptions {
  /**
   * The Prosody the config is for: '0.12' (the default: what Debian 12 ships) or '13'. Only with
   * '13' does an edit write Prosody 13's syntax (a helper such as `Credential("x")`), which Prosody
   * 0.12 cannot load. Reading is the same either way.
   */
  prosody?: '0.12' | '13';
}

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

/**
 * A Prosody config file (the per-host `/etc/prosody/conf.avail/<host>.cfg.lua` or the main
 * `prosody.cfg.lua`). Every mutating method returns `this` and is all or nothing: re-parsed and
 * read back, or the document is left as it was. `edits` are against the original input.
 *
 * Settings are named by a scope and a key (`get({ host: 'meet.example.com' }, 'authentication')`)
 * or, as every jitsi-confkit document names its values, by one path (EditableDocument):
 * `host:meet.example.com/authentication`, `component:NAME/KEY`, `global/KEY` or a bare `KEY`.
 */
export class ProsodyConfig implements EditableDocument<ConfigValue, 'prosody'> {
  /** The file kind, as @jitsi-confkit/recipes names it. */
  readonly kind = 'prosody' as const;
  /** Values are data (strings, numbers, booleans, lists and tables; Lua has no null): see core's ValueForm. */
  readonly valueForm = 'data';
  /** The caller's input: what offsets count, what toString() and toBytes() give. */
  readonly #input: InputText;
  /** The edit session over the text, one character per byte (as everything below works on it). */
  readonly #session: EditSession<Model>;
  /** The settings the original text assigns (what this document created is what it does not have). */
  readonly #original: OriginalSettings;

  /** Parses `input`; throws ConfigSyntaxError (with line and column) when it is not valid Lua. */
  constructor(input: ConfigInput, options: ProsodyOptions = {}) {
    const prosody = options?.prosody;
    if (prosody !== undefined && prosody !== '0.12' && prosody !== '13') {
      throw new ValidationError(`parseProsodyConfig: prosody must be '0.12' or '13', not ${printableValue(prosody)}`);
    }
    this.#input = InputText.read(input, options, 'bytes', 'parseProsodyConfig');
    const text = this.#input.text;
    this.#session = this.#input.guard(
      () => text,
      () => new EditSession(prosodyKindFor(prosody ?? '0.12'), text),
    );
    this.#original = originalSettingsOf(text, prosody ?? '0.12');
  }

  static {
    // Errors of every method give positions in the caller's units (UTF-16 code units for a string).
    reportInInputUnits(this, (cfg) => ({ input: cfg.#input, current: cfg.#session.base.text }));
  }

  /** Whether the text differs from the original input. */
  get changed(): boolean {
    return this.#session.changed;
  }

  /** The edits that turn the original input into `toString()`; `[]` when nothing changed. */
  get edits(): TextEdit[] {
    return this.#input.edits(this.#session.edits);
  }

  /**
   * The current text, as the same kind of string as the input (for bytes: decoded as UTF-8, for
   * showing; write toBytes()). Unedited: identical to a string input.
   */
  toString(): string {
    return this.#input.toString(this.#session.toString());
  }

  /** The current file's bytes. Unedited: the bytes given (or the input string's bytes). */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.#session.toString());
  }

  /** The current model (inside a batch, with the batch's steps applied). */
  get #model(): Model {
    return this.#session.snapshot.parsed;
  }

  /** The sections in file order, global first. */
  sections(): SectionInfo[] {
    const model = this.#model;
    const lines = new LineIndex(model.text);
    return model.sections.map((s) => {
      const info: SectionInfo = { kind: s.kind, line: s.headerRange ? lines.lineOf(s.headerRange[0]) : 1 };
      if (s.name !== undefined) info.name = s.name;
      if (s.type !== undefined) info.type = s.type;
      return info;
    });
  }

  /** Names of the file's VirtualHosts, in order, each once (a host may be opened twice). */
  hosts(): string[] {
    return hostsOf(this.#model);
  }

  /** Names of the file's Components, in order, each once. */
  components(): string[] {
    return componentsOf(this.#model);
  }

  /**
   * What the scope's own section(s) hold, in file order: every setting, every other statement and
   * every comment (those on the header's line and the comment lines attached above it included).
   * [] when the section is absent.
   */
  contents(scope: Scope): SectionContent[] {
    const model = this.#model;
    const lines = new LineIndex(model.text);
    const out: { content: SectionContent; at: number }[] = [];
    for (const s of sectionsIn(model, scope)) {
      for (const o of s.options) out.push({ content: { kind: 'setting', key: o.key, line: lines.lineOf(o.range[0]) }, at: o.range[0] });
      for (const i of s.items) {
        const line = lines.lineOf(i.range[0]);
        // An append (`key:append { … }`, Prosody 13) sets its key too.
        out.push({ content: i.kind === 'opaque' ? { kind: 'statement', line } : { kind: 'setting', key: i.key, line }, at: i.range[0] });
      }
      for (const c of model.comments) {
        const [start] = rangeOf(c);
        if (start >= s.start && start < s.end) out.push({ content: { kind: 'comment', line: lines.lineOf(start) }, at: start });
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
    const model = this.#model;
    const found = effectiveState(model, scope, key);
    if (found === undefined || found.from !== 'section') return undefined;
    return listEntries(model, found.state)?.map((e) => ({ value: e.value, statement: e.statement, ...this.#lineColumn(e.offset) }));
  }

  /** The file's `Include` and `RunScript` statements in order, with their path when it is a literal. */
  includes(): IncludeInfo[] {
    return includeStatements(this.#model).map((i) => ({ keyword: i.keyword, ...(i.path === undefined ? {} : { path: i.path }), ...this.#lineColumn(i.offset) }));
  }

  /** Line and column (in the caller's units) of an offset of the current text. */
  #lineColumn(offset: number): { line: number; column: number } {
    const p = this.#input.position(this.#model.text, offset);
    return { line: p.line, column: p.column };
  }

  /**
   * With a scope: whether its section exists (always true for global). With a path: whether the
   * setting has an effective value (`host:NAME/KEY`, `KEY`, …); a path without a key (`global`,
   * `host:NAME`, `component:NAME`) names a section, as a scope does.
   */
  has(scope: Scope): boolean;
  has(path: string): boolean;
  has(where: ScopeOrPath): boolean {
    if (typeof where === 'string' && where !== 'global') {
      const { scope, key } = parsePath(where);
      if (key === undefined) return sectionsIn(this.#model, scope).length > 0;
      validateSettingName(key);
      return effectiveState(this.#model, scope, key) !== undefined;
    }
    return sectionsIn(this.#model, where).length > 0;
  }

  /**
   * The effective value of `key` in `scope` (or of the setting a path names), as Prosody 13 reads
   * the file (the same as 0.12 for a file without Prosody 13's syntax): the section's own value
   * after its last assignment and the appends that follow it (`key:append { … }`, `key { … }`),
   * else the global one for a host or component. Prosody 13's helpers (`Credential("x")`,
   * `FileLine("p")`, …) and `Lua.…` are OpaqueValues, never computed; a bare name reads the option
   * of that name from the same section (`"lobby." .. muc_mapper_domain_base`). Undefined when unset
   * (or set to nil) or the section is absent. UnsupportedEditError when the file does not say the
   * value (`ENV_X`, another call, a name it does not set before in that section, an append to a
   * list set in another file).
   */
  get(path: string): ConfigValue | undefined;
  get(scope: Scope, key: string): ConfigValue | undefined;
  get(where: ScopeOrPath, key?: string): ConfigValue | undefined {
    const [scope, name] = this.#setting(where, key, arguments.length);
    const found = effectiveState(this.#model, scope, name);
    return found ? valueOf(found.state, name) : undefined;
  }

  /**
   * Like get, and says whether the value is the section's own or inherited, on which line it is set
   * and, when appends add to it, on which lines they are.
   */
  lookup(scope: Scope, key: string): Lookup | undefined {
    validateSettingName(key);
    const model = this.#model;
    const found = effectiveState(model, scope, key);
    if (!found) return undefined;
    const { state } = found;
    const lookup: Lookup = { value: valueOf(state, key), from: found.from, line: positionAt(model.text, stateStart(state)).line };
    if (state.appends.length > 0) lookup.appends = state.appends.map((a) => positionAt(model.text, a.range[0]).line);
    return lookup;
  }

  /** Position of the assignment that gives `key` its effective value in `scope` (or a path's setting), or of its first append when the file only appends. */
  locate(path: string): Location | undefined;
  locate(scope: Scope, key: string): Location | undefined;
  locate(where: ScopeOrPath, key?: string): Location | undefined {
    const [scope, name] = this.#setting(where, key, arguments.length);
    const model = this.#model;
    const found = effectiveState(model, scope, name);
    if (!found) return undefined;
    const p = this.#input.position(model.text, stateStart(found.state));
    return { line: p.line, column: p.column, offset: p.offset };
  }

  /** The other settings of the path's section, in file order and the path's form (`host:NAME/KEY2` next to `host:NAME/KEY`): for a "did you mean". */
  siblings(path: string): string[] {
    const [scope, key] = this.#setting(path, undefined, 1);
    const prefix = path.slice(0, path.lastIndexOf('/') + 1);
    const keys = this.contents(scope).flatMap((c) => (c.kind === 'setting' && c.key !== key ? [c.key!] : []));
    return [...new Set(keys)].map((k) => `${prefix}${k}`);
  }

  /** Undefined: Prosody reads any setting a module asks for, there is no list of them. */
  isKnown(path: string): boolean | undefined {
    this.#setting(path, undefined, 1);
    return undefined;
  }

  /** Why the setting `path` names cannot be set in this file (its section is not in it: see missingScope), or undefined. */
  unsettable(path: string): string | undefined {
    return missingScope(this.#model, this.#setting(path, undefined, 1)[0]);
  }

  /**
   * Sets `key` in the scope's own section (or the setting a path names): replaces the value of its
   * last assignment (the rest of the line, a trailing comment included, stays), or adds a line
   * after the section's last statement, indented like the section. New global settings go before
   * the first section. The appends that follow that assignment (`key:append { … }`, Prosody 13)
   * are removed: the value is `value`, whole. A Prosody 13 helper (`helperValue('Credential', 'x')`)
   * is written only into a config parsed with `{ prosody: '13' }`.
   */
  set(path: string, value: WritableValue): this;
  set(scope: Scope, key: string, value: WritableValue): this;
  set(where: ScopeOrPath, ...rest: [WritableValue] | [string, WritableValue]): this {
    const pathForm = rest.length === 1;
    const [scope, key] = this.#setting(where, pathForm ? undefined : rest[0], pathForm ? 1 : 2);
    this.#session.commit(setStep(scope, key, rest[rest.length - 1] as WritableValue));
    return this;
  }

  /**
   * Writes a list built by appends (`key:append { … }`, Prosody 13) as one list: its assignment
   * gets the whole value and the appends go, so that Prosody 0.12, which cannot run an append,
   * reads the same list. A no-op when the section does not append to `key`; UnsupportedEditError
   * when the file does not tell the whole value (the list itself is set in another file).
   */
  mergeAppends(scope: Scope, key: string): this {
    validateSettingName(key);
    this.#session.commit(mergeAppendsStep(scope, key));
    return this;
  }

  /**
   * Removes every assignment of `key` in the scope's own sections (or of the setting a path names),
   * and every append to it (Prosody 13); a no-op when there is none.
   */
  delete(path: string): this;
  delete(scope: Scope, key: string): this;
  delete(where: ScopeOrPath, key?: string): this {
    const [scope, name] = this.#setting(where, key, arguments.length);
    this.#session.commit(deleteStep(scope, name));
    return this;
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
    this.#session.commit(addToListStep(scope, key, item));
    return this;
  }

  /**
   * Removes every `item` from the list `key` of the scope's section (a no-op when absent): from its
   * assignment and from every append that adds it (Prosody 13); an append left with nothing to add
   * goes with its line.
   */
  removeFromList(scope: Scope, key: string, item: string): this {
    validateSettingName(key);
    this.#session.commit(removeFromListStep(scope, key, item, this.#original));
    return this;
  }

  /**
   * Adds `VirtualHost "name"` with `settings` (in their order), right after the `after` section
   * or at the end of the file. When the host exists, its settings are set instead (no second copy).
   */
  addVirtualHost(name: string, settings: Record<string, WritableValue> = {}, options: AddVirtualHostOptions = {}): this {
    validateHostname(name);
    const entries = Object.keys(settings).map((k) => [validateSettingName(k), settings[k]!] as const);
    this.#session.commit(addSectionStep({ host: name }, entries, options.after));
    return this;
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
    const entries = Object.keys(settings).map((k) => [validateSettingName(k), settings[k]!] as const);
    this.#session.commit(addSectionStep({ component: name, module }, entries, options.after));
    return this;
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
      throw new ValidationError(`Invalid Include path ${printableValue(path)}: a file or a pattern on one line`);
    }
    this.#session.commit(addIncludeStep(path));
    return this;
  }

  /**
   * Removes the scope's section(s) with their attached comment lines and the blank line that
   * separates them from the next section. A no-op when there is no such section.
   */
  removeSection(scope: Scope): this {
    this.#session.commit(removeSectionStep(scope));
    return this;
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
    this.#session.commit(enableSecureDomainStep(host, guestHost, options));
    return this;
  }

  /**
   * Undoes enableSecureDomain: the main host gets back the anonymous flavour (the guest host's,
   * else the era's) and the guest host's section is removed, unless `options.keepGuestHost`
   * (for a guest host that holds more than enableSecureDomain writes). Idempotent.
   */
  disableSecureDomain(host: string, guestHost: string = `guest.${host}`, options: DisableSecureDomainOptions = {}): this {
    this.#session.commit(disableSecureDomainStep(host, guestHost, options));
    return this;
  }

  /**
   * Runs `fn` as one operation: the operations it makes are planned against one snapshot and
   * verified together by one re-parse (more only where an operation depends on an earlier one of
   * the batch, which is then planned after it). All or nothing: if anything fails, or `fn` throws,
   * the document is left as it was before the batch. Reads inside `fn` see its earlier writes.
   */
  batch(fn: (cfg: this) => void): this {
    this.#session.batch(() => fn(this));
    return this;
  }

  /** The scope and key of a setting named by a path (one argument) or by a scope and a key; the key checked. */
  #setting(where: ScopeOrPath, key: string | undefined, count: number): [Scope, string] {
    if (count === 1 && typeof where === 'string') {
      const path = settingPath(where);
      return [path.scope, validateSettingName(path.key)];
    }
    return [where as Scope, validateSettingName(key)];
  }
}

/** Parses a Prosody config (see the input contract in the README). Throws ConfigSyntaxError. */
export function parseProsodyConfig(input: ConfigInput, options?: ProsodyOptions): ProsodyConfig {
  return new ProsodyConfig(input, options);
}
