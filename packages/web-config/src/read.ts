/**
 * Reading a config object from the model of one snapshot: the effective value at a path (the last
 * writer wins, later assignments to parts of it are applied), and the errors that say why a path
 * cannot be read or edited. Pure: the document's `get` and every read-back after an edit use these
 * on the snapshot they are given.
 */
import { deepEqual, UnsupportedEditError } from '@jitsi-confkit/core';
import type { Node } from './ast.js';
import type { ScriptModel } from './model.js';
import { isProtoSetter, type JsValue, literalValue, nonLiteralPart, propertyKey } from './values.js';
import { MUTATORS, type Resolution, resolvePath, type Writer } from './writers.js';

/** The effective place of `keys` in the model. */
export function resolve(model: ScriptModel, keys: readonly string[]): Resolution {
  return resolvePath(model, keys);
}

/**
 * The effective value at `keys` as plain data, or undefined when it is not set. In an overlay,
 * `config.hosts.anonymousdomain = …;` alone makes `hosts` read as what the overlay sets. Throws
 * UnsupportedEditError (`what` starts its message) when the value is not literal data.
 */
export function readValue(model: ScriptModel, overlay: boolean, keys: readonly string[], what: string): JsValue | undefined {
  return readResolved(model, overlay, keys, resolvePath(model, keys), what);
}

function readResolved(model: ScriptModel, overlay: boolean, keys: readonly string[], r: Resolution, what: string): JsValue | undefined {
  if (r.kind === 'blocked') {
    if (r.reason === 'not-object') return undefined;
    throw notLiteral(model, what, r.at, r.node);
  }
  if (r.kind === 'missing' && !(overlay && r.laterWrites.length > 0)) return undefined;
  let value = r.kind === 'found' ? literalAt(model, what, keys, r.node) : {};
  for (const later of r.laterWrites) {
    const part = literalAt(model, what, later.path, later.value);
    value = assignDeep(value, later.path.slice(keys.length), part);
  }
  return value;
}

/**
 * The keys of the object at `keys` as the file writes them, without reading any value: the keys of
 * its object literal, then the keys later assignments add (`config.a.b = …;`), each once. `[]` when
 * there is no object there (not set, or a value that is not an object literal).
 */
export function keysAt(model: ScriptModel, keys: readonly string[]): string[] {
  const r = resolvePath(model, keys);
  if (r.kind === 'blocked') return [];
  const own = r.kind === 'found' && r.node.type === 'ObjectExpression' ? r.node.properties : [];
  const written = own.flatMap((p) => (p.type === 'ObjectProperty' && !p.computed ? [propertyKey(p.key)] : []));
  const later = r.laterWrites.map((w) => w.path[keys.length]);
  return [...new Set([...written, ...later].filter((k): k is string => k !== undefined))];
}

/** Whether `keys` has an effective value (a literal parent that lacks it answers false). */
export function hasValue(model: ScriptModel, keys: readonly string[]): boolean {
  const r = resolvePath(model, keys);
  return r.kind === 'found' || (r.kind === 'missing' && r.laterWrites.length > 0);
}

/** Whether `keys` has an effective value that is `expected`: readValue and hasValue at once (a read-back). */
export function readsAs(model: ScriptModel, overlay: boolean, keys: readonly string[], expected: JsValue): boolean {
  const r = resolvePath(model, keys);
  if (r.kind === 'blocked' || (r.kind === 'missing' && r.laterWrites.length === 0)) return false;
  return deepEqual(readResolved(model, overlay, keys, r, `Cannot read ${keys.join('.')}`) ?? null, expected);
}

/** The literal value of `node` (the value at `at`); UnsupportedEditError at the part that is not literal. */
export function literalAt(model: ScriptModel, what: string, at: readonly string[], node: Node): JsValue {
  const v = literalValue(node);
  if (v) return v.value;
  const part = nonLiteralPart(node) ?? { node, keys: [] };
  throw notLiteral(model, what, [...at, ...part.keys], part.node);
}

/** The name of a path as the file writes it: `config.hosts.domain`. */
export function nameOf(model: ScriptModel, keys: readonly string[]): string {
  return keys.length === 0 ? model.root : `${model.root}.${keys.join('.')}`;
}

export function notLiteral(model: ScriptModel, what: string, at: readonly string[], node: Node): UnsupportedEditError {
  return UnsupportedEditError.at(`${what}: ${nameOf(model, at)} is ${describe(node)}, not a literal value; edit it by hand`, model.text, node.start!);
}

/** The error for a path that runs into a value that is not literal, or into a literal that is not an object. */
export function blocked(model: ScriptModel, what: string, r: Extract<Resolution, { kind: 'blocked' }>): UnsupportedEditError {
  if (r.reason === 'not-literal') return notLiteral(model, what, r.at, r.node);
  const value = literalValue(r.node)?.value;
  const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  return UnsupportedEditError.at(`${what}: ${nameOf(model, r.at)} is ${kind}, not an object`, model.text, r.node.start!);
}

export function laterAssignment(model: ScriptModel, what: string, later: Writer): UnsupportedEditError {
  return UnsupportedEditError.at(`${what}: a later assignment to ${nameOf(model, later.path)} changes part of it; edit that one instead`, model.text, later.statement.start!);
}

export function notInOverlay(model: ScriptModel, what: string, keys: readonly string[]): UnsupportedEditError {
  return new UnsupportedEditError(
    `${what}: this overlay does not set ${nameOf(model, keys)}, so the list served is the one of the file it is appended to, which this document does not see; ` +
      `set the whole list in the overlay instead (set('${keys.join('.')}', [ … ]))`,
  );
}

/**
 * Whether the file itself sets the value at the resolved path (as opposed to the file an overlay
 * is appended to): an unconditional statement writes it or an object that holds it.
 */
export function owns(r: Resolution): boolean {
  return r.kind !== 'blocked' && r.base !== undefined && !r.base.conditional;
}

/** A short description of a non-literal expression for error messages. */
function describe(node: Node): string {
  switch (node.type) {
    case 'CallExpression':
      // `config.toolbarButtons.push('chat');`
      return node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && MUTATORS.has(node.callee.property.name)
        ? `changed by a call to ${node.callee.property.name}()`
        : 'a function call';
    case 'Identifier':
      return `the variable ${node.name}`;
    case 'BinaryExpression':
      return node.operator === '+' ? 'a concatenation' : 'an expression';
    case 'TemplateLiteral':
      return 'a template with expressions';
    case 'LogicalExpression':
      return 'a logical expression';
    case 'MemberExpression':
      return 'a property access';
    case 'ObjectMethod':
      return 'a method';
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return 'a function';
    case 'ObjectExpression':
      return 'an object with computed keys or spreads';
    case 'ArrayExpression':
      return 'an array with holes';
    case 'SpreadElement':
      return 'a spread';
    case 'ObjectProperty':
      return isProtoSetter(node) ? 'an object with a __proto__ key (inherited values)' : 'a computed key';
    case 'AssignmentExpression':
      return node.operator === '=' ? 'assigned inside a larger statement' : `changed by \`${node.operator}\``;
    case 'UpdateExpression':
      return `changed by \`${node.operator}\``;
    case 'UnaryExpression':
      return node.operator === 'delete' ? 'deleted by a delete statement' : 'an expression';
    default:
      return `an expression (${node.type})`;
  }
}

/** `value` with `keys` set to `part` (objects and lists along the way are copied; `a[1] = …` sets element 1). */
function assignDeep(value: JsValue, keys: readonly string[], part: JsValue): JsValue {
  if (keys.length === 0) return part;
  const [key, ...rest] = keys;
  if (Array.isArray(value) && /^(?:0|[1-9]\d*)$/.test(key!) && Number(key) <= value.length) {
    const copy = [...value];
    copy[Number(key)] = assignDeep(copy[Number(key)]!, rest, part);
    return copy;
  }
  const base = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  const child = Object.prototype.hasOwnProperty.call(base, key!) ? base[key!]! : {};
  Object.defineProperty(base, key!, { value: assignDeep(child, rest, part), enumerable: true, writable: true, configurable: true });
  return base;
}
