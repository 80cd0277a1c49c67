/**
 * Setting and deleting settings of a section: the planners (pure functions of a snapshot), what
 * each step reads and changes (its footprint), and its read-back.
 */
import { type EditStep, type Footprint, type Snapshot, type TextEdit } from '@jitsi-confkit/core';
import type { Scope } from './api.js';
import { renderLua, replaceableValue, sameValue } from './lua.js';
import type { Model, Section } from './model.js';
import { ownSettingIn, ownState, statementsOf, valueOf } from './read.js';
import type { OptionState } from './reading.js';
import { footprintOf, requireSections, scopeLabel, sectionsIn, STYLE } from './scope.js';
import { planInsertLines, planRemoveStatement } from './statements.js';
import { literalStyle, plainStyle } from './style.js';
import { planAppendFields, planRemoveFields, planValue } from './tables.js';
import type { WritableValue } from './value.js';

/** A snapshot of a Prosody config: its text and model. */
export type ProsodySnapshot = Snapshot<Model>;

/**
 * The edits that set each `[key, value]` in the scope's own section: the value of the key's last
 * assignment replaced (the rest of the line, a trailing comment included, stays), and the keys the
 * section lacks added as lines after its last statement, indented like the section, in the order
 * given (new global settings go before the first section). A section written `VirtualHost "x" {
 * ... }` takes new settings in its option table. The appends that follow the assignment
 * (`key:append { … }`, Prosody 13) go: the value is the one given, whole. A key that reads as its
 * value already plans nothing. ValidationError when the scope is absent or a value cannot be
 * written (a Prosody 13 helper into a config not said to be for Prosody 13); UnsupportedEditError
 * when a value to replace is not a literal (nor a helper with a literal argument).
 */
export function planSet({ parsed: model }: ProsodySnapshot, scope: Scope, settings: readonly (readonly [string, WritableValue])[]): TextEdit[] {
  const targets = requireSections(model, scope);
  const lines: string[] = [];
  const edits: TextEdit[] = [];
  for (const [key, value] of settings) {
    const state = ownState(model, scope, key);
    if (state !== undefined && 'value' in state.result && sameValue(state.result.value, value)) continue;
    edits.push(...planWrite(model, scope, key, value, state, lines));
  }
  return withNewLines(edits, planNewLines(model, targets, lines));
}

/**
 * The edits that write `value` as the whole of `key` whatever it reads now: the last assignment
 * gets it (or, without one, a line `key = value` is added to `lines`), and the appends after it go.
 */
function planWrite(model: Model, scope: Scope, key: string, value: WritableValue, state: OptionState | undefined, lines: string[]): TextEdit[] {
  const existing = ownSettingIn(model, scope, key);
  const edits: TextEdit[] = [];
  if (existing) {
    // Rendered for its refusals only (a value that cannot be written): planValue writes the text.
    renderLua(value, plainStyle(model));
    if (!sameValue(replaceableValue(existing.value, model.text, key), value)) edits.push(...planValue(model, existing.value, value));
  } else {
    lines.push(`${key} = ${renderLua(value, literalStyle(model))}`);
  }
  for (const a of state?.appends ?? []) edits.push(planRemoveStatement(model, a.range[0], a.range[1]));
  return edits;
}

/**
 * `edits` and the insertions of new lines, together. A new line goes at the start of the line after
 * the section's last statement; when that statement is an append being removed along with the blank
 * line after it, the removal stops where the new line goes (the blank line stays after it), so that
 * the two do not overlap.
 */
function withNewLines(edits: TextEdit[], insertions: readonly TextEdit[]): TextEdit[] {
  for (const { offset: at } of insertions) {
    for (const e of edits) if (e.content === '' && e.offset < at && at < e.offset + e.length) e.length = at - e.offset;
  }
  return [...edits, ...insertions];
}

/** New `key = value` lines after the section's last statement, or fields of its option table when it has only that. */
function planNewLines(model: Model, targets: readonly Section[], lines: readonly string[]): TextEdit[] {
  if (lines.length === 0) return [];
  const body = targets.find((t) => !t.optionTable);
  return body ? [planInsertLines(model, body, lines)] : planAppendFields(model, targets[0]!.optionTable!, lines);
}

/**
 * The edits that write a list built by appends (`key:append { … }`, Prosody 13) as one list: its
 * assignment gets the whole value and the appends go, so that Prosody 0.12, which cannot run an
 * append, reads the same list. [] when the section does not append to `key`; UnsupportedEditError
 * when the file does not tell the whole value (the list itself is set in another file).
 */
export function planMergeAppends({ parsed: model }: ProsodySnapshot, scope: Scope, key: string): TextEdit[] {
  const state = ownState(model, scope, key);
  if (state === undefined || state.appends.length === 0) return [];
  const targets = requireSections(model, scope);
  const lines: string[] = [];
  const edits = planWrite(model, scope, key, valueOf(state, key), state, lines);
  return withNewLines(edits, planNewLines(model, targets, lines));
}

/** The edits that remove every assignment of `key` in the scope's own sections, and every append to it ([] when there is none). */
export function planDelete({ parsed: model }: ProsodySnapshot, scope: Scope, key: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const a of statementsOf(sectionsIn(model, scope), key)) {
    if (a.kind === 'setting' && a.option) edits.push(...planRemoveFields(model, a.option.table, [a.option.field]));
    else edits.push(planRemoveStatement(model, a.range[0], a.range[1]));
  }
  return edits;
}

/**
 * What setting `key` to `value` reads and changes: the setting; the section too when the key is
 * added (a line after its last statement); and the file's style, unless the value replaces one of
 * its own kind that it is written like (a string in the same quotes, a number, a boolean), which
 * reads no style and changes no vote.
 */
export function setFootprint({ parsed: model }: ProsodySnapshot, scope: Scope, key: string, value: WritableValue): Footprint[] {
  const own = ownSettingIn(model, scope, key);
  // A new line, or appends that go with their lines: the section.
  if (own === undefined || (ownState(model, scope, key)?.appends.length ?? 0) > 0) return [footprintOf(scope), STYLE];
  const node = own.value;
  const neutral =
    (typeof value === 'string' && node.type === 'StringLiteral' && (node.raw[0] === '"' || node.raw[0] === "'")) ||
    (typeof value === 'number' && (node.type === 'NumericLiteral' || (node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'NumericLiteral'))) ||
    (typeof value === 'boolean' && node.type === 'BooleanLiteral');
  return neutral ? [footprintOf(scope, key)] : [footprintOf(scope, key), STYLE];
}

/** Whether the scope's own value of every key is the one set, with no append after its assignment. */
export function holdsSettings(after: ProsodySnapshot, scope: Scope, settings: readonly (readonly [string, WritableValue])[]): boolean {
  return settings.every(([key, value]) => {
    const state = ownState(after.parsed, scope, key);
    return state !== undefined && state.appends.length === 0 && 'value' in state.result && sameValue(state.result.value, value);
  });
}

/** The step that sets `key` in the scope's own section. */
export function setStep(scope: Scope, key: string, value: WritableValue): EditStep<Model> {
  const settings = [[key, value]] as const;
  return {
    what: `set ${key} in ${scopeLabel(scope)}`,
    footprint: (s) => setFootprint(s, scope, key, value),
    plan: (s) => planSet(s, scope, settings),
    check: (after) => holdsSettings(after, scope, settings),
  };
}

/** The step that deletes every assignment of `key` in the scope's own sections, and every append to it. */
export function deleteStep(scope: Scope, key: string): EditStep<Model> {
  return {
    what: `delete ${key} from ${scopeLabel(scope)}`,
    footprint: [footprintOf(scope, key), STYLE],
    plan: (s) => planDelete(s, scope, key),
    check: (after) => statementsOf(sectionsIn(after.parsed, scope), key).length === 0,
  };
}

/** The step that writes a list built by appends as one list. */
export function mergeAppendsStep(scope: Scope, key: string): EditStep<Model> {
  let value: WritableValue | undefined;
  return {
    what: `merge the appends to ${key} in ${scopeLabel(scope)}`,
    footprint: [footprintOf(scope), STYLE],
    plan: (s) => {
      const state = ownState(s.parsed, scope, key);
      value = state === undefined || state.appends.length === 0 ? undefined : valueOf(state, key);
      return planMergeAppends(s, scope, key);
    },
    // The value read before, now without appends.
    check: (after) => value === undefined || holdsSettings(after, scope, [[key, value]]),
  };
}
