/**
 * Reading settings from a model as Prosody does: a section's last assignment wins, with the
 * appends that follow it merged in (Prosody 13, reading.ts), and a host or component inherits what
 * the global section sets. The front's `get` and every read-back use these, on the snapshot they
 * are given.
 */
import { UnsupportedEditError, ValidationError, printable } from '@jitsi-confkit/core';
import type { Scope } from './api.js';
import { literalValue, rangeOf } from './lua.js';
import type { AppendItem, Item, Model, Section, SettingItem } from './model.js';
import { listTables, readOption, type OptionState } from './reading.js';
import { scopeLabel, sectionsIn } from './scope.js';
import type { ConfigValue } from './value.js';

/** Lists that Prosody merges from the global section into each host's, instead of replacing. */
export const MERGED_LISTS: ReadonlySet<string> = new Set(['modules_enabled', 'modules_disabled']);

/** The last assignment of `key` in these sections (the header's options apply first; the section's statements override them). */
export function ownSetting(sections: readonly Section[], key: string): SettingItem | undefined {
  let found: SettingItem | undefined;
  for (const s of sections) {
    for (const o of s.options) if (o.key === key) found = o;
    for (const i of s.items) if (i.kind === 'setting' && i.key === key) found = i;
  }
  return found;
}

/** The model's memo slot (Model.memo) of each section's last assignment per key. */
const LAST_ASSIGNMENTS = Symbol('last assignments');

/**
 * ownSetting of the scope's sections, from an index of each section's last assignment per key,
 * made once per model and section (a planner asks once per step, a batch on one model many times).
 */
export function ownSettingIn(model: Model, scope: Scope, key: string): SettingItem | undefined {
  let index = model.memo[LAST_ASSIGNMENTS] as Map<Section, Map<string, SettingItem>> | undefined;
  if (index === undefined) {
    index = new Map();
    model.memo[LAST_ASSIGNMENTS] = index;
  }
  let found: SettingItem | undefined;
  for (const s of sectionsIn(model, scope)) {
    let last = index.get(s);
    if (last === undefined) {
      last = new Map();
      for (const o of s.options) last.set(o.key, o);
      for (const i of s.items) if (i.kind === 'setting') last.set(i.key, i);
      index.set(s, last);
    }
    found = last.get(key) ?? found;
  }
  return found;
}

/** Every assignment of `key` in these sections, option fields included. */
export function assignments(sections: readonly Section[], key: string): SettingItem[] {
  const out: SettingItem[] = [];
  for (const s of sections) {
    for (const o of s.options) if (o.key === key) out.push(o);
    for (const i of s.items) if (i.kind === 'setting' && i.key === key) out.push(i);
  }
  return out;
}

/** Every statement of these sections that sets `key`: assignments, option fields and appends (Prosody 13). */
export function statementsOf(sections: readonly Section[], key: string): (SettingItem | AppendItem)[] {
  return sections.flatMap((s) => [...s.options, ...s.items]).filter((i): i is SettingItem | AppendItem => i.kind !== 'opaque' && i.key === key);
}

/** The option's state in the scope's own section(s) after the file has run, when they set or append to it (not to nil). */
export function ownState(model: Model, scope: Scope, key: string): OptionState | undefined {
  const sections = sectionsIn(model, scope);
  if (sections.length === 0) return undefined;
  const state = readOption(model, scope === 'global' ? '*' : sections[0]!.name!, key);
  return state !== undefined && !('nil' in state.result) ? state : undefined;
}

/** The option's state in `scope`: the scope's own, or the one a host or component inherits from the global section. */
export function effectiveState(model: Model, scope: Scope, key: string): { state: OptionState; from: 'section' | 'global' } | undefined {
  if (sectionsIn(model, scope).length === 0) return undefined;
  const own = ownState(model, scope, key);
  if (own !== undefined) return { state: own, from: 'section' };
  if (scope === 'global') return undefined;
  const inherited = ownState(model, 'global', key);
  return inherited === undefined ? undefined : { state: inherited, from: 'global' };
}

/** The value of an option state; the error that says why the file does not tell it when it does not. */
export function valueOf(state: OptionState, key: string): ConfigValue {
  const r = state.result;
  if ('unknown' in r) throw r.unknown(key);
  if ('nil' in r) throw new Error('internal: valueOf a nil option');
  return r.value;
}

/** Where an option state starts: its assignment, or its first append when the file only appends. */
export function stateStart(state: OptionState): number {
  return (state.base ?? state.appends[0]!).range[0];
}

/** The effective value of `key` in `scope` (undefined when unset); UnsupportedEditError when the file does not tell it. */
export function effectiveValue(model: Model, scope: Scope, key: string): ConfigValue | undefined {
  const found = effectiveState(model, scope, key);
  return found ? valueOf(found.state, key) : undefined;
}

/** The scope's own value of `key`, or undefined (unset, or not told by the file). */
export function ownValue(model: Model, scope: Scope, key: string): ConfigValue | undefined {
  const r = ownState(model, scope, key)?.result;
  return r !== undefined && 'value' in r ? r.value : undefined;
}

/**
 * The global string list a host or component inherits for `key` when it has none of its own;
 * undefined for the global section, for the module lists (Prosody merges a host's
 * modules_enabled / modules_disabled with the global ones) and when there is no global list.
 */
export function inheritedList(model: Model, scope: Scope, key: string): string[] | undefined {
  if (scope === 'global' || MERGED_LISTS.has(key)) return undefined;
  const state = ownState(model, 'global', key);
  if (!state) return undefined;
  const value = valueOf(state, key);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw UnsupportedEditError.at(`The global ${key} is not a list of strings: edit it by hand`, model.text, stateStart(state));
  }
  return value as string[];
}

/**
 * The items the section writes into its list `key` (its assignment's, then its appends'), whatever
 * comes before them from another file; undefined when its assignment is not a table.
 */
export function writtenItems(state: OptionState): (ConfigValue | undefined)[] | undefined {
  if (state.base !== undefined && state.base.value.type !== 'TableConstructorExpression') return undefined;
  return listTables(state).flatMap(({ table }) => table.fields.map((f) => (f.type === 'TableValue' ? literalValue(f.value) : undefined)));
}

/** writtenItems as strings: UnsupportedEditError when the assignment is no list, ValidationError when an item is no string. */
export function writtenList(model: Model, scope: Scope, key: string, state: OptionState): string[] {
  const values = writtenItems(state);
  if (values === undefined) {
    throw UnsupportedEditError.at(`${key} is not a list literal ({ "a"; "b" }): edit it by hand`, model.text, rangeOf(state.base!.value)[0]);
  }
  if (values.some((v) => typeof v !== 'string')) {
    throw new ValidationError(`${key} in ${scopeLabel(scope)} is not a list of strings (${printable(JSON.stringify(values))}): write it with set`);
  }
  return values as string[];
}

/** `Include "file"` / `RunScript "file"`: statements Prosody runs the same in any section. */
export function isInclude(item: Item): boolean {
  const st = item.statement;
  if (st.type !== 'CallStatement') return false;
  const call = st.expression;
  const base = call.type === 'StringCallExpression' || call.type === 'CallExpression' ? call.base : undefined;
  return base?.type === 'Identifier' && ['Include', 'include', 'RunScript'].includes(base.name);
}
