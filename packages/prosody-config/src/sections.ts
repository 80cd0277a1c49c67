/**
 * Whole sections: a VirtualHost or a Component added as a block of lines, an Include line added, a section removed with its comment
 * lines. Planners (pure functions of a snapshot), footprints and read-backs.
 */
import { endsWithLineBreak, lineBreakBefore, lineStart, printable, UnsupportedEditError, ValidationError, type EditStep, type Footprint, type TextEdit } from '@jitsi-confkit/core';
import type { Scope } from './api.js';
import { renderLua } from './lua.js';
import type { Model, Section } from './model.js';
import { isInclude } from './read.js';
import { includeStatements } from './reading.js';
import { footprintOf, requireSections, scopeLabel, scopeOf, sectionsIn, STYLE } from './scope.js';
import { holdsSettings, planSet, type ProsodySnapshot } from './settings.js';
import { planRemoveStatement, tailStart } from './statements.js';
import { bodyIndent, fileBodyIndent, headerQuote, lineBreakOf, literalStyle } from './style.js';
import { nextLineStartPast, previousLineBlank, trailingBlankStart } from './text.js';
import type { WritableValue } from './value.js';

/** A section to add: a VirtualHost, or a Component served by a module (`Component "name" "muc"`). */
export type NewSection = { readonly host: string } | { readonly component: string; readonly module: string };

/** The scope of a section to add. */
function scopeOfNew(section: NewSection): Scope {
  return 'host' in section ? { host: section.host } : { component: section.component };
}

/** What to call a section to add in messages and step names. */
function newSectionLabel(section: NewSection): string {
  return 'host' in section ? `VirtualHost "${section.host}"` : `Component "${section.component}"`;
}

/**
 * ValidationError when the file has the name as the other kind of section, or as a component of
 * another module (or an external one).
 */
function checkNewSection(model: Model, section: NewSection): void {
  if ('host' in section) {
    if (sectionsIn(model, { component: section.host }).length > 0) {
      throw new ValidationError(`"${section.host}" is a Component in this file; it cannot also be a VirtualHost`);
    }
    return;
  }
  const name = section.component;
  if (sectionsIn(model, { host: name }).length > 0) throw new ValidationError(`"${name}" is a VirtualHost in this file; it cannot also be a Component`);
  const other = sectionsIn(model, { component: name }).find((s) => s.type !== section.module);
  if (other !== undefined) {
    const what = other.type === undefined ? 'an external component' : `a "${other.type}" component`;
    throw new ValidationError(`Component "${name}" is ${what} in this file, not a "${section.module}" one`);
  }
}

/**
 * The edits that add the section (`VirtualHost "name"`, `Component "name" "module"`) with
 * `settings` (in their order), right after the `after` section or at the end of the file; for a
 * section the file has, the edits that set its settings there instead (no second copy).
 * ValidationError when the name is the other kind of section, or a component of another module.
 */
export function planAddSection(snapshot: ProsodySnapshot, section: NewSection, settings: readonly (readonly [string, WritableValue])[], after?: Scope): TextEdit[] {
  const model = snapshot.parsed;
  checkNewSection(model, section);
  const scope = scopeOfNew(section);
  if (sectionsIn(model, scope).length > 0) return planSet(snapshot, scope, settings);
  const anchors = after === undefined ? undefined : requireSections(model, after);
  const style = literalStyle(model);
  const eol = lineBreakOf(model);
  const indent = anchors ? bodyIndent(model, anchors[0]!) : fileBodyIndent(model);
  const quote = headerQuote(model);
  const args = 'host' in section ? [section.host] : [section.component, section.module];
  const lines = [`${'host' in section ? 'VirtualHost' : 'Component'} ${args.map((a) => renderLua(a, { ...style, quote })).join(' ')}`];
  for (const [key, value] of settings) lines.push(`${indent}${key} = ${renderLua(value, style)}`);
  const block = lines.join(eol);
  const text = model.text;
  const sections = model.sections;
  const anchor = anchors ? anchors[anchors.length - 1]! : sections[sections.length - 1]!;
  let offset = anchor.end;
  let content: string;
  if (offset < text.length) {
    const atLineStart = offset === 0 || lineBreakBefore(text, offset) !== '';
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
    else if (endsWithLineBreak(text)) content = `${previousLineBlank(text, offset) ? '' : eol}${block}${eol}`;
    else content = `${eol}${eol}${block}`;
  }
  return [{ offset, length: 0, content }];
}

/** Whether the file has the section (a component only of the module), and its own value of each setting is the one given. */
export function holdsSection(after: ProsodySnapshot, section: NewSection, settings: readonly (readonly [string, WritableValue])[]): boolean {
  const scope = scopeOfNew(section);
  const found = sectionsIn(after.parsed, scope);
  return found.length >= 1 && ('host' in section || found.every((s) => s.type === section.module)) && holdsSettings(after, scope, settings);
}

/**
 * The edits that remove the scope's section(s) with their attached comment lines and the blank
 * line that separates them from the next section ([] when there is no such section). `Include`
 * and `RunScript` lines in it stay; of a header with an option table, only the header goes (the
 * statements after it are global ones).
 */
export function planRemoveSection({ parsed: model }: ProsodySnapshot, scope: Scope): TextEdit[] {
  if (scope === 'global') throw new ValidationError('The global section cannot be removed');
  const text = model.text;
  const targets = sectionsIn(model, scope);
  if (targets.length === 0) return [];
  // Sections that follow each other are removed as one range.
  const edits: TextEdit[] = [];
  for (const s of targets) {
    if (s.optionTable) {
      const header = planRemoveStatement(model, s.headerRange![0], s.headerRange![1]);
      const from = Math.min(s.start, header.offset);
      edits.push({ offset: from, length: header.offset + header.length - from, content: '' });
      continue;
    }
    if (s.items.some(isInclude)) {
      edits.push(...removeAroundIncludes(model, s));
      continue;
    }
    const last = edits[edits.length - 1];
    if (last && s.start === last.offset + last.length) last.length = s.end - last.offset;
    else edits.push({ offset: s.start, length: s.end - s.start, content: '' });
  }
  const tail = edits[edits.length - 1]!;
  if (tail.offset + tail.length === text.length) {
    // The blank lines that end the file stay there.
    const blanks = trailingBlankStart(text);
    const end = blanks > tail.offset ? blanks : text.length;
    tail.offset = tailStart(text, tail.offset);
    tail.length = end - tail.offset;
  }
  return edits;
}

/**
 * Removes a section that holds `Include` / `RunScript` lines but keeps them, with the comments
 * around them: Prosody runs them whatever section they are in (an included file starts in the
 * global section), so they do not belong to the section. Debian's prosody.cfg.lua ends with
 * `VirtualHost "localhost"` followed by `Include "conf.d/*.cfg.lua"`, the line that loads every
 * Jitsi host. Removed: the header with its comment lines, and each run of the section's other
 * statements, line by line.
 */
function removeAroundIncludes(model: Model, section: Section): TextEdit[] {
  const text = model.text;
  const comments = model.comments;
  const edits: TextEdit[] = [];
  let run: { from: number; to: number } | undefined = { from: section.start, to: section.headerRange![1] };
  const flush = (): void => {
    if (run) edits.push({ offset: run.from, length: nextLineStartPast(text, run.to, comments) - run.from, content: '' });
    run = undefined;
  };
  const shared = (at: number): UnsupportedEditError => UnsupportedEditError.at(`Cannot remove ${section.name ?? 'the section'} but keep its Include: they share a line`, text, at);
  let keptLineEnd = 0;
  for (const item of section.items) {
    if (isInclude(item)) {
      if (lineStart(text, item.range[0]) < (run ? nextLineStartPast(text, run.to, comments) : keptLineEnd)) throw shared(item.range[0]);
      flush();
      keptLineEnd = nextLineStartPast(text, item.range[1], comments);
    } else if (run) {
      run.to = item.range[1];
    } else {
      if (lineStart(text, item.range[0]) < keptLineEnd) throw shared(item.range[0]);
      run = { from: lineStart(text, item.range[0]), to: item.range[1] };
    }
  }
  flush();
  return edits;
}

/**
 * What adding a section reads and changes: the host and the component of that name; for a new
 * one, the section it follows (the last one when none is given) and the file's style.
 */
export function addSectionFootprint({ parsed: model }: ProsodySnapshot, name: string, after?: Scope): Footprint[] {
  const own: Footprint[] = [footprintOf({ host: name }), footprintOf({ component: name }), STYLE];
  if (after !== undefined) return [...own, footprintOf(after)];
  const last = model.sections[model.sections.length - 1]!;
  const scope = scopeOf(last);
  // A last section that no scope names (a header whose name is not a literal): the whole file.
  return scope === undefined ? [[]] : [...own, footprintOf(scope)];
}

/** The step that adds a VirtualHost or a Component (or sets the settings of the one the file has). */
export function addSectionStep(section: NewSection, settings: readonly (readonly [string, WritableValue])[], after?: Scope): EditStep<Model> {
  const name = 'host' in section ? section.host : section.component;
  return {
    what: `add ${newSectionLabel(section)}`,
    footprint: (s) => addSectionFootprint(s, name, after),
    plan: (s) => planAddSection(s, section, settings, after),
    check: (after) => holdsSection(after, section, settings),
  };
}

/** The step that removes the scope's section(s). */
export function removeSectionStep(scope: Scope): EditStep<Model> {
  return {
    what: `remove ${scopeLabel(scope)}`,
    footprint: [footprintOf(scope), STYLE],
    plan: (s) => planRemoveSection(s, scope),
    check: (after) => sectionsIn(after.parsed, scope).length === 0,
  };
}

/**
 * The edit that adds `Include "path"` as the file's last line, where Debian's postinst appends
 * `Include "conf.d/*.cfg.lua"`: Prosody runs it after the rest of the file, and the file it
 * includes starts in the global section whatever section it is in. [] when the file has an
 * Include of that path.
 */
export function planAddInclude({ parsed: model }: ProsodySnapshot, path: string): TextEdit[] {
  if (includeStatements(model).some((i) => i.keyword !== 'RunScript' && i.path === path)) return [];
  const text = model.text;
  const eol = lineBreakOf(model);
  const line = `Include ${renderLua(path, { ...literalStyle(model), quote: headerQuote(model) })}`;
  const content = text === '' || endsWithLineBreak(text) ? `${line}${eol}` : `${eol}${line}`;
  return [{ offset: text.length, length: 0, content }];
}

/** The step that adds an Include line: it reads the whole file (no footprint). */
export function addIncludeStep(path: string): EditStep<Model> {
  return {
    what: `add Include ${printable(path)}`,
    plan: (s) => planAddInclude(s, path),
    check: (after) => includeStatements(after.parsed).some((i) => i.keyword === 'Include' && i.path === path),
  };
}
