/**
 * The comparison of get() with what a real Prosody read (core.configmanager with a stub of
 * Prosody 0.12, or Prosody 13 itself in a root filesystem): every option of the global section,
 * and of each host and component with the globals it inherits.
 */
import { expect } from 'vitest';
import type { ProsodyConfig, Scope } from '@jitsi-confkit/prosody-config';

/** Options as a real Prosody holds them: '*' is the global section, every other name a host or component. */
export type RealConfig = Record<string, Record<string, unknown>>;

/**
 * Compares cfg.get() with `real` for every option it holds, both sides through `normal` (empty
 * tables as Lua prints them, readers' values materialised); a value get() refuses (ENV_, a call, a
 * concatenation: unknown to the file alone) is skipped, by design. Each section of `real` must be
 * one of cfg's. Returns how many values matched; `label` starts each failure's message.
 */
export function compareWithReal(cfg: ProsodyConfig, real: RealConfig, normal: (v: unknown) => unknown, label = ''): number {
  const global = real['*'] ?? {};
  let matched = 0;
  const check = (scope: Scope, key: string, expected: unknown): void => {
    let value: unknown;
    try {
      value = cfg.get(scope, key);
    } catch {
      return;
    }
    expect(normal(value), `${label}${JSON.stringify(scope)} ${key}`).toEqual(normal(expected));
    matched++;
  };
  for (const key of Object.keys(global)) check('global', key, global[key]);
  for (const [name, own] of Object.entries(real)) {
    if (name === '*') continue;
    const scope: Scope = 'component_module' in own ? { component: name } : { host: name };
    expect(cfg.has(scope), `${name} is a section`).toBe(true);
    for (const key of new Set([...Object.keys(own), ...Object.keys(global)])) {
      if (key === 'defined' || key === 'component_module' || key === 'load_global_modules') continue;
      check(scope, key, key in own ? own[key] : global[key]);
    }
  }
  return matched;
}
