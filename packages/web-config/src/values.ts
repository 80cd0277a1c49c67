import type { Node } from './ast.js';
import { printable, ValidationError } from '@jitsi-confkit/core';
import { tick } from './work.js';

/** The plain data a config value can hold: what a JSON-like literal in these files evaluates to. */
export type JsValue = string | number | boolean | null | JsValue[] | { [key: string]: JsValue };

/** The literal value of an expression node, or `undefined` when it is not plain literal data. */
export function literalValue(node: Node): { value: JsValue } | undefined {
  tick();
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return { value: node.value };
    case 'NullLiteral':
      return { value: null };
    case 'TemplateLiteral': {
      if (node.expressions.length > 0) return undefined;
      const cooked = node.quasis[0]?.value.cooked;
      return cooked === undefined || cooked === null ? undefined : { value: cooked };
    }
    case 'UnaryExpression':
      if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'NumericLiteral') {
        return { value: node.operator === '-' ? -node.argument.value : node.argument.value };
      }
      return undefined;
    case 'ArrayExpression': {
      const out: JsValue[] = [];
      for (const element of node.elements) {
        if (element === null || element.type === 'SpreadElement') return undefined;
        const v = literalValue(element);
        if (!v) return undefined;
        out.push(v.value);
      }
      return { value: out };
    }
    case 'ObjectExpression': {
      const out: { [key: string]: JsValue } = {};
      for (const prop of node.properties) {
        if (prop.type !== 'ObjectProperty' || prop.computed || isProtoSetter(prop)) return undefined;
        const key = propertyKey(prop.key);
        if (key === undefined) return undefined;
        const v = literalValue(prop.value);
        if (!v) return undefined;
        // Like JSON.parse: a duplicated key takes the later value.
        Object.defineProperty(out, key, { value: v.value, enumerable: true, writable: true, configurable: true });
      }
      return { value: out };
    }
    default:
      return undefined;
  }
}

/**
 * `__proto__: value` (or `'__proto__': value`) in an object literal sets the object's prototype:
 * its keys are inherited, not own, so it is not plain data.
 */
export function isProtoSetter(member: Node): boolean {
  return member.type === 'ObjectProperty' && !member.computed && !member.shorthand && propertyKey(member.key) === '__proto__';
}

/** The name of a non-computed object key (`a`, `'a'`, `1`), or undefined. */
export function propertyKey(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return undefined;
}

/** How deeply a value to write may nest arrays and objects (real config values nest a few levels). */
const MAX_DEPTH = 64;

/**
 * Throws ValidationError unless `value` is plain data this package can write: a string, a finite
 * number, a boolean, null, or arrays (without holes) and plain objects of these (no cycles, at most
 * MAX_DEPTH levels).
 */
export function validateJsValue(value: unknown, where = 'value', seen: Set<object> = new Set()): asserts value is JsValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`Invalid ${where}: ${String(value)} is not a finite number`);
    return;
  }
  if (typeof value === 'object') {
    if (seen.has(value)) throw new ValidationError(`Invalid ${where}: it contains a cycle`);
    // `seen` holds the objects that contain this one.
    if (seen.size >= MAX_DEPTH) throw new ValidationError(`Invalid value: it is nested more than ${MAX_DEPTH} levels deep`);
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new ValidationError(`Invalid ${where}[${i}]: the array has a hole there`);
        validateJsValue(value[i], `${where}[${i}]`, seen);
      }
    } else {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new ValidationError(`Invalid ${where}: only plain objects can be written, not ${madeBy(proto)}`);
      }
      for (const [k, v] of Object.entries(value)) {
        if (k === '__proto__') throw new ValidationError(`Invalid ${where}: the key __proto__ cannot be written`);
        validateJsValue(v, `${where}.${printable(k)}`, seen);
      }
    }
    seen.delete(value);
    return;
  }
  throw new ValidationError(`Invalid ${where}: a ${typeof value} cannot be written into a config file`);
}

/**
 * The innermost part of `node` that keeps it from being literal data, with the keys that lead to
 * it ([] when `node` itself is the problem), for precise error messages.
 */
export function nonLiteralPart(node: Node): { node: Node; keys: string[] } | undefined {
  if (literalValue(node)) return undefined;
  if (node.type === 'ArrayExpression') {
    for (const [i, element] of node.elements.entries()) {
      if (element === null || element.type === 'SpreadElement') return { node: element ?? node, keys: [] };
      const inner = nonLiteralPart(element);
      if (inner) return { node: inner.node, keys: [String(i), ...inner.keys] };
    }
  }
  if (node.type === 'ObjectExpression') {
    for (const prop of node.properties) {
      const key = prop.type === 'SpreadElement' || prop.computed ? undefined : propertyKey(prop.key);
      if (key === undefined || prop.type !== 'ObjectProperty' || isProtoSetter(prop)) return { node: prop, keys: [] };
      const inner = nonLiteralPart(prop.value);
      if (inner) return { node: inner.node, keys: [key, ...inner.keys] };
    }
  }
  return { node, keys: [] };
}

export function isPlainObject(v: JsValue): v is { [key: string]: JsValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What made an object of prototype `proto` (not Object.prototype), for a message: `a Date`, `a Map`, `a Toolbar`. */
function madeBy(proto: unknown): string {
  const made = typeof proto === 'object' && proto !== null ? (proto as { constructor?: unknown }).constructor : undefined;
  const name = typeof made === 'function' && made !== Object ? made.name : '';
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return 'an object with another prototype';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}
