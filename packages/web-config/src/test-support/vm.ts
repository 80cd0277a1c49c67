/**
 * The semantic oracle: evaluates a config file the way a browser would (a classic script in a
 * fresh global scope) and returns the object it defines, as plain data. `globals` are what the
 * page defines before it runs the file (index.html's `subdomain` and `subdir`).
 */
import { createContext, runInContext } from 'node:vm';

export function evaluateConfig(text: string, name: 'interfaceConfig' | 'config', globals: Record<string, unknown> = {}): Record<string, unknown> {
  const context = createContext({ ...globals });
  // As in a browser, `window` is the global object (some files write `window.config = {…}`).
  runInContext('var window = this, self = this;', context);
  runInContext(text, context, { timeout: 2000 });
  const json = runInContext(`JSON.stringify(typeof ${name} === 'undefined' ? null : ${name})`, context) as string;
  return JSON.parse(json) as Record<string, unknown>;
}

/** A copy of `object` without the top-level `keys`. */
export function without(object: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...object };
  for (const k of keys) delete copy[k];
  return copy;
}

/**
 * Runs a config file as a browser would and returns what `expression` evaluates to in its global
 * scope (for what JSON cannot carry, such as -0: `Object.is(config.a, -0)`).
 */
export function evaluateIn(text: string, expression: string): unknown {
  const context = createContext({});
  runInContext('var window = this, self = this;', context);
  runInContext(text, context, { timeout: 2000 });
  return runInContext(expression, context) as unknown;
}
