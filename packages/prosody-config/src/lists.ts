/**
 * String lists of a section (`modules_enabled`, `admins`, …): adding an item in the list's own
 * layout, removing one. Planners (pure functions of a snapshot), footprints and read-backs.
 */
import type { TableConstructorExpression } from 'luaparse';
import { printable, UnsupportedEditError, ValidationError, type EditStep, type Footprint, type TextEdit } from '@jitsi-confkit/core';
import type { Scope } from './api.js';
import { literalValue, renderLua, sameValue } from './lua.js';
import { buildModel, type AppendItem, type Model, type ProsodyVersion } from './model.js';
import { assignments, inheritedList, ownSetting, ownState, stateStart, writtenItems, writtenList } from './read.js';
import { listTables, type OptionState } from './reading.js';
import { footprintOf, requireSections, scopeKey, scopeLabel, scopeOf, sectionsIn, STYLE } from './scope.js';
import { planSet, type ProsodySnapshot } from './settings.js';
import { planRemoveAssignment, planRemoveStatement } from './statements.js';
import { literalStyle, tableQuote } from './style.js';
import { listOf, planAppendFields, planRemoveFields } from './tables.js';

/**
 * Which settings the text a document was parsed from assigns, per scope: what removeFromList asks
 * to tell a list the document created (and takes away again) from one the file had. Kept instead
 * of that text's model, so that a document never holds two parses.
 */
export interface OriginalSettings {
  /** Whether the original text assigns the setting `id` (settingId); `snapshot` is the one being planned on. */
  has(id: string, snapshot: ProsodySnapshot): boolean;
}

function settingId(scope: Scope, key: string): string {
  return `${scopeKey(scope)}\n${key}`;
}

/**
 * The settings of the text a document was parsed from, read when first asked (few documents ask):
 * from the snapshot being planned on while its text is still that text, else from a parse of it.
 */
export function originalSettingsOf(text: string, prosody: ProsodyVersion): OriginalSettings {
  let ids: ReadonlySet<string> | undefined;
  return {
    has: (id, snapshot) => {
      ids ??= originalSettings(snapshot.text === text ? snapshot.parsed : buildModel(text, prosody));
      return ids.has(id);
    },
  };
}

/** The settings a model assigns, per scope (sections whose name is not a literal are no scope). */
export function originalSettings(model: Model): ReadonlySet<string> {
  const out = new Set<string>();
  for (const s of model.sections) {
    const scope = scopeOf(s);
    if (scope === undefined) continue;
    for (const o of s.options) out.add(settingId(scope, o.key));
    for (const i of s.items) if (i.kind === 'setting') out.add(settingId(scope, i.key));
  }
  return out;
}

/**
 * The edits that add `item` to the string list `key` of the scope's section, in the list's own
 * layout, separator and quotes; `key = { "item" }` (or, for a list a host inherits and replaces,
 * a copy of the global list with the item) when the section has no such list. [] when the item is
 * there already.
 */
export function planAddToList(snapshot: ProsodySnapshot, scope: Scope, key: string, item: string): TextEdit[] {
  const model = snapshot.parsed;
  const targets = requireSections(model, scope);
  const state = ownState(model, scope, key);
  const last = state?.appends[state.appends.length - 1];
  if (state !== undefined && last !== undefined) {
    // Appends add to the list (Prosody 13): the item goes into the last one, so the list keeps its order.
    if (writtenList(model, scope, key, state).includes(item)) return [];
    const table = last.calls[last.calls.length - 1]!.table;
    return planAppendFields(model, table, [renderLua(item, { ...literalStyle(model), quote: tableQuote(model, table) })]);
  }
  const existing = ownSetting(targets, key);
  if (!existing) {
    // A host's own list replaces the global one (but for the module lists, which Prosody merges):
    // it starts as a copy of the inherited list, so the effective list gains just the item.
    const inherited = inheritedList(model, scope, key);
    if (inherited?.includes(item)) return [];
    return planSet(snapshot, scope, [[key, [...(inherited ?? []), item]]]);
  }
  const table = listOf(model, existing);
  const values = table.fields.map((f) => literalValue(f.value));
  if (values.some((v) => typeof v !== 'string')) {
    throw new ValidationError(`${key} in ${scopeLabel(scope)} is not a list of strings (${printable(JSON.stringify(values))}): write it with set`);
  }
  if (values.includes(item)) return [];
  return planAppendFields(model, table, [renderLua(item, { ...literalStyle(model), quote: tableQuote(model, table) })]);
}

/**
 * The edits that remove every `item` from the list `key` of the scope's section ([] when absent):
 * from its assignment and from every append that adds it (Prosody 13), an append left with nothing
 * to add going with its line. A list the document created (none in `original` for the scope) that is back to how addToList
 * started it, and the only assignment of the key in the section, is taken away whole, so that
 * adding then removing gives the original text back; a list the file had stays, `{ }` when
 * emptied. UnsupportedEditError for an item only the inherited global list holds.
 */
export function planRemoveFromList(snapshot: ProsodySnapshot, scope: Scope, key: string, item: string, original: OriginalSettings): TextEdit[] {
  const model = snapshot.parsed;
  const sections = sectionsIn(model, scope);
  const state = ownState(model, scope, key);
  if (state !== undefined && state.appends.length > 0) return planRemoveFromAppended(model, scope, key, item, state);
  const existing = ownSetting(sections, key);
  if (!existing) {
    if (inheritedList(model, scope, key)?.includes(item)) {
      throw UnsupportedEditError.at(
        `Cannot remove ${printable(String(item))} from ${key} in ${scopeLabel(scope)}: it comes from the global section's ${key}; remove it there, or set the section's own ${key}`,
        model.text,
        stateStart(ownState(model, 'global', key)!),
      );
    }
    return [];
  }
  const table = listOf(model, existing);
  const matches = table.fields.filter((f) => literalValue(f.value) === item);
  if (matches.length === 0) return [];
  // listOf checked that every item is a literal.
  const remaining = table.fields.filter((f) => !matches.includes(f)).map((f) => literalValue(f.value)!);
  const drops = !original.has(settingId(scope, key), snapshot) && assignments(sections, key).length === 1 && sameValue(remaining, inheritedList(model, scope, key) ?? []);
  return drops ? planRemoveAssignment(model, existing) : planRemoveFields(model, table, matches);
}

/** planRemoveFromList for a list built by appends: each table that holds the item loses it; an emptied append goes. */
function planRemoveFromAppended(model: Model, scope: Scope, key: string, item: string, state: OptionState): TextEdit[] {
  writtenList(model, scope, key, state);
  const tables = listTables(state);
  const matches = (t: TableConstructorExpression): TableConstructorExpression['fields'] => t.fields.filter((f) => f.type === 'TableValue' && literalValue(f.value) === item);
  if (tables.every(({ table }) => matches(table).length === 0)) return [];
  const emptied = new Set<AppendItem>(state.appends.filter((a) => a.calls.every((c) => c.table.fields.length > 0 && matches(c.table).length === c.table.fields.length)));
  const edits: TextEdit[] = [];
  for (const { table, append } of tables) {
    if (append !== undefined && emptied.has(append)) continue;
    const found = matches(table);
    if (found.length > 0) edits.push(...planRemoveFields(model, table, found));
  }
  for (const append of emptied) edits.push(planRemoveStatement(model, append.range[0], append.range[1]));
  return edits;
}

/** What addToList reads and changes: the list, or (to create it) the section and the global list it copies; and the file's style. */
export function addToListFootprint({ parsed: model }: ProsodySnapshot, scope: Scope, key: string): Footprint[] {
  if (ownSetting(sectionsIn(model, scope), key) !== undefined || (ownState(model, scope, key)?.appends.length ?? 0) > 0) return [footprintOf(scope, key), STYLE];
  return [footprintOf(scope), footprintOf('global', key), STYLE];
}

/** The step that adds `item` to the list `key` of the scope's section. */
export function addToListStep(scope: Scope, key: string, item: string): EditStep<Model> {
  return {
    what: `add ${printable(item)} to ${key} in ${scopeLabel(scope)}`,
    footprint: (s) => addToListFootprint(s, scope, key),
    plan: (s) => planAddToList(s, scope, key, item),
    // The section's own list (the one it had, or the one created, with its appends) holds the item.
    check: (after) => {
      const state = ownState(after.parsed, scope, key);
      return state !== undefined && (writtenItems(state)?.includes(item) ?? false);
    },
  };
}

/** The step that removes `item` from the list `key` of the scope's section. */
export function removeFromListStep(scope: Scope, key: string, item: string, original: OriginalSettings): EditStep<Model> {
  return {
    what: `remove ${printable(String(item))} from ${key} in ${scopeLabel(scope)}`,
    footprint: [footprintOf(scope, key), footprintOf('global', key), STYLE],
    plan: (s) => planRemoveFromList(s, scope, key, item, original),
    // The section's own list (with its appends) no longer holds the item, or is gone (a list the document created).
    check: (after) => {
      const state = ownState(after.parsed, scope, key);
      if (state === undefined) return true;
      const items = writtenItems(state);
      return items !== undefined && !items.includes(item);
    },
  };
}
