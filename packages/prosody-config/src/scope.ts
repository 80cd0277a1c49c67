/**
 * Scopes (the global section, a VirtualHost, a Component), the sections of a model they name, the
 * path form of a setting (`host:meet.example.com/authentication`, as the CLI writes it), and the
 * footprint paths steps are planned with.
 */
import { printable, printableValue, ValidationError, type Footprint } from '@jitsi-confkit/core';
import type { Scope } from './api.js';
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

/** What a path names: a section (no key) or a setting of one. */
export interface ParsedPath {
  scope: Scope;
  key?: string;
}

/**
 * Reads a path: `KEY` (a global setting), `global/KEY`, `host:NAME/KEY`, `component:NAME/KEY`;
 * without `/KEY`, `global`, `host:NAME` and `component:NAME` name the section itself.
 * ValidationError for anything else.
 */
export function parsePath(path: string): ParsedPath {
  if (typeof path !== 'string') throw new ValidationError(`A Prosody path must be a string, not ${printable(String(path))}`);
  const slash = path.lastIndexOf('/');
  const where = slash === -1 ? path : path.slice(0, slash);
  const key = slash === -1 ? undefined : path.slice(slash + 1);
  if (key === '') throw new ValidationError(`Prosody path "${printable(path)}" has no key after the "/"`);
  if (where === 'global') return key === undefined ? { scope: 'global' } : { scope: 'global', key };
  const m = /^(host|component):(.+)$/.exec(where);
  if (m !== null) {
    const scope: Scope = m[1] === 'host' ? { host: m[2]! } : { component: m[2]! };
    return key === undefined ? { scope } : { scope, key };
  }
  // A bare name is a global setting.
  if (slash === -1) return { scope: 'global', key: path };
  throw new ValidationError(`Prosody path "${printable(path)}": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY`);
}

/** parsePath, for a path that must name a setting. */
export function settingPath(path: string): { scope: Scope; key: string } {
  const parsed = parsePath(path);
  if (parsed.key === undefined) throw new ValidationError(`Prosody path "${printable(path)}" names a section, not a setting: add /KEY`);
  return { scope: parsed.scope, key: parsed.key };
}
