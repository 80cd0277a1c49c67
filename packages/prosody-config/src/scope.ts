/**
 * Scopes (the global section, a VirtualHost, a Component), the sections of a model they name, the
 * path form of a setting (`host:meet.example.com/authentication`, as the CLI writes it), and the
 * footprint paths steps are planned with.
 */
import { printable, printableValue, ValidationError, type Footprint } from '@jitsi-confkit/core';
import type { Scope } from './api.js';
export { parseProsodyPath as parsePath, parseSettingPath as settingPath, type ProsodyPath as ParsedPath } from './paths.js';
import type { Model, Section } from './model.js';

/** The sections of `scope` in a model (none when it has no such section); ValidationError for a malformed scope. */
export function sectionsIn(model: Model, scope: Scope): Section[] {
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
  throw invalidScope(scope);
}

function invalidScope(scope: unknown): ValidationError {
  return new ValidationError(`Invalid scope ${printableValue(scope)}: use 'global', { host } or { component }`);
}

/** Names of the model's VirtualHosts, in order, each once (a host may be opened twice). */
export function hostsOf(model: Model): string[] {
  return [...new Set(model.sections.filter((s) => s.kind === 'VirtualHost' && s.name !== undefined).map((s) => s.name!))];
}

/** Names of the model's Components, in order, each once. */
export function componentsOf(model: Model): string[] {
  return [...new Set(model.sections.filter((s) => s.kind === 'Component' && s.name !== undefined).map((s) => s.name!))];
}

/** The sections of `scope`; ValidationError naming the file's hosts (or components) when there is none. */
export function requireSections(model: Model, scope: Scope): Section[] {
  const found = sectionsIn(model, scope);
  if (found.length > 0) return found;
  const kind = typeof scope === 'object' && 'component' in scope ? 'Component' : 'VirtualHost';
  const names = kind === 'VirtualHost' ? hostsOf(model) : componentsOf(model);
  const list = names.length > 0 ? `its ${kind}s are: ${names.join(', ')}` : `it has no ${kind}`;
  throw new ValidationError(`${scopeLabel(scope)} is not in this file; ${list}`);
}

/**
 * Why `scope` has no place in the model, as a clause that follows "… is not set in <file>: ":
 * `there is no VirtualHost "x" in it (meet.example.com)` (or `(no VirtualHost)`); undefined when
 * its section is there (always for global).
 */
export function missingScope(model: Model, scope: Scope): string | undefined {
  if (sectionsIn(model, scope).length > 0) return undefined;
  const [kind, name, names] =
    typeof scope === 'object' && 'host' in scope ? ['VirtualHost', scope.host, hostsOf(model)] : ['Component', (scope as { component: string }).component, componentsOf(model)];
  return `there is no ${kind} "${printable(name)}" in it (${names.length === 0 ? `no ${kind}` : names.join(', ')})`;
}

/** The scope in words, for messages: `VirtualHost "meet.example.com"`. */
export function scopeLabel(scope: Scope): string {
  scopeKey(scope); // a malformed scope: ValidationError
  if (scope === 'global') return 'the global section';
  if ('host' in scope) return `VirtualHost "${printable(scope.host)}"`;
  return `Component "${printable(scope.component)}"`;
}

/** The scope as the first segment of a footprint path: `global`, `host:<name>`, `component:<name>` (names lower-cased, as sections are). */
export function scopeKey(scope: Scope): string {
  if (scope === 'global') return 'global';
  if (scope !== null && typeof scope === 'object') {
    if ('host' in scope && typeof scope.host === 'string') return `host:${scope.host.toLowerCase()}`;
    if ('component' in scope && typeof scope.component === 'string') return `component:${scope.component.toLowerCase()}`;
  }
  throw invalidScope(scope);
}

/** The scope a section is found by (undefined for a section whose name is not a literal). */
export function scopeOf(section: Section): Scope | undefined {
  if (section.kind === 'global') return 'global';
  if (section.name === undefined) return undefined;
  return section.kind === 'VirtualHost' ? { host: section.name } : { component: section.name };
}

/**
 * The footprint path that stands for the file's style: the votes new text copies (quotes, table
 * separators, line breaks, indentation). A step that writes new text in the file's style reads
 * it; a step that adds or removes what votes may change it.
 */
export const STYLE: Footprint = ['style'];

/** A path of the document: a setting (`[scopeKey, key]`) or a section (`[scopeKey]`). */
export function footprintOf(scope: Scope, key?: string): Footprint {
  return key === undefined ? [scopeKey(scope)] : [scopeKey(scope), key];
}
