/**
 * Where a config object gets its values: the top-level statements that write it. `var config =
 * {…}` (also `let`/`const`, and a repeated declaration) writes the whole object; `config.a.b = v;`
 * writes one path. At run time the last writer of a path wins.
 */
import type { Expression, Node, ObjectExpression, ObjectProperty, Program, Statement } from './ast.js';
import type { KeyIndex } from './keys.js';
import { isPrefix } from './paths.js';
import { literalValue } from './values.js';
import { walk } from './walk.js';
import { tick } from './work.js';

export interface Writer {
  /** The path written: [] for a declaration of the whole object. */
  path: string[];
  value: Expression;
  statement: Statement;
  /** An assignment statement (`config.a = …;`) rather than a declaration. */
  assignment: boolean;
  /**
   * The write is part of a larger statement (`config.a = config.b = 1;`, an IIFE): removing the
   * statement would remove more than this write.
   */
  shared?: boolean;
  /**
   * A default that applies only when the path is not set yet (`config.a = config.a || {};`, and
   * docker's `if (!config.hasOwnProperty('a')) …`). In a file of its own this is plain data; in an
   * overlay the file it is appended to may set the path already, so the overlay does not own it.
   */
  conditional?: boolean;
  /**
   * `value` is the value the statement stores (the right of `=`, a declaration's initializer, a
   * default's value), in the place of a value: not the expression that writes (`config.a++`,
   * `config.a = config.b = 1` inside a larger statement), nor what decides a default.
   */
  stored?: boolean;
}

/**
 * A default that applies only when the path is not set yet: docker-jitsi-meet's
 * `if (!config.hasOwnProperty('flags')) config.flags = {};` ('missing') and upstream's
 * `config.flags = config.flags || {};` ('falsy'; `??`: 'nullish').
 */
type Condition = 'missing' | 'falsy' | 'nullish';

/**
 * The writers of a file, in statement order, indexed by the first key of their path: the last
 * writer that covers a path, and the later ones below it, are found among the writers of that key
 * (and those of the whole object) instead of among all of them.
 */
export class Writers {
  readonly all: Writer[] = [];
  /** Indexes of the writers of the whole object (path []), and of the writers by first key. */
  readonly #whole: number[] = [];
  readonly #byFirst = new Map<string, number[]>();

  push(writer: Writer): void {
    const index = this.all.length;
    this.all.push(writer);
    if (writer.path.length === 0) {
      this.#whole.push(index);
      return;
    }
    const key = writer.path[0]!;
    const group = this.#byFirst.get(key);
    if (group === undefined) this.#byFirst.set(key, [index]);
    else group.push(index);
  }

  /** The index of the last writer whose path is a prefix of `path` (or equal to it); -1 when none. */
  lastCovering(path: readonly string[]): number {
    let best = this.#whole.at(-1) ?? -1;
    const group = path.length === 0 ? undefined : this.#byFirst.get(path[0]!);
    if (group !== undefined) {
      tick(group.length);
      for (let g = group.length - 1; g >= 0 && group[g]! > best; g--) {
        if (isPrefix(this.all[group[g]!]!.path, path)) {
          best = group[g]!;
          break;
        }
      }
    }
    return best;
  }

  /** The writers after index `after` whose path is below `path` (longer, with `path` as a prefix), in order. */
  below(path: readonly string[], after: number): Writer[] {
    const group = path.length === 0 ? undefined : this.#byFirst.get(path[0]!);
    const candidates = path.length === 0 ? this.all.map((_, i) => i) : (group ?? []);
    tick(candidates.length);
    const out: Writer[] = [];
    for (const i of candidates) {
      const w = this.all[i]!;
      if (i > after && w.path.length > path.length && isPrefix(path, w.path)) out.push(w);
    }
    return out;
  }

  /** The writers of a key directly below `parent` (path: `parent` and one more key), in order. */
  children(parent: readonly string[]): Writer[] {
    if (parent.length === 0) return this.all.filter((w) => w.path.length === 1);
    return this.below(parent, -1).filter((w) => w.path.length === parent.length + 1);
  }
}

/** What resolvePath needs: the writers, and the key index of an object literal. */
export interface WriterLookup {
  readonly writers: Writers;
  keysOf(object: ObjectExpression): KeyIndex;
}

export function collectWriters(program: Program, root: string, keysOf: (object: ObjectExpression) => KeyIndex): Writers {
  const out = new Writers();
  const lookup: WriterLookup = { writers: out, keysOf };
  for (const statement of program.body) {
    tick();
    const guarded = defaultAssignment(statement, root);
    if (guarded) {
      const writer = settleDefault(lookup, guarded);
      if (writer) out.push(writer);
      continue;
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.id.type === 'Identifier' && d.id.name === root && d.init) {
          // `var interfaceConfig = interfaceConfig || {};` (an overlay's first line): a default.
          const init = d.init;
          const self = init.type === 'LogicalExpression' && (init.operator === '||' || init.operator === '??') ? memberPath(init.left, root) : undefined;
          if (self?.length === 0 && init.type === 'LogicalExpression') {
            const writer = settleDefault(lookup, { path: [], value: init.right, decision: init, statement, condition: init.operator === '||' ? 'falsy' : 'nullish' });
            if (writer) out.push(writer);
          } else {
            out.push({ path: [], value: init, statement, assignment: false, stored: true });
          }
        }
      }
    } else if (statement.type === 'ExpressionStatement') {
      const { expression } = statement;
      const simple = expression.type === 'AssignmentExpression' && expression.operator === '=' && writes(expression.right, root).length === 0;
      if (simple) {
        const path = memberPath(expression.left, root);
        if (path) out.push({ path, value: expression.right, statement, assignment: path.length > 0, stored: true });
      } else {
        // `config.a += 1;`, `config.a++;`, `delete config.a;`, `config.a = config.b = 1;`,
        // `config.a = 1, config.b = 2;`: each path written is no longer a plain literal; its writer
        // is the expression that writes it, which reads as not literal.
        const found = writes(expression, root);
        for (const { path, node } of found) {
          out.push({ path, value: node, statement, assignment: path.length > 0, shared: found.length > 1 || node !== expression });
        }
      }
    }
  }
  return out;
}

/** Array methods that change the array they are called on. */
export const MUTATORS: ReadonlySet<string> = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/**
 * Every write to a path of `root` inside `expression`: assignments of any kind, `++`/`--`,
 * `delete`, and calls that change what they are given (`config.toolbarButtons.push('chat')`,
 * `Object.assign(config.p2p, {…})`).
 */
function writes(expression: Expression, root: string): { path: string[]; node: Expression }[] {
  const out: { path: string[]; node: Expression }[] = [];
  walk(expression, (node) => {
    const target =
      node.type === 'AssignmentExpression'
        ? node.left
        : node.type === 'UpdateExpression'
          ? node.argument
          : node.type === 'UnaryExpression' && node.operator === 'delete'
            ? node.argument
            : node.type === 'CallExpression'
              ? changedByCall(node)
              : undefined;
    const path = target && memberPath(target, root);
    if (path) out.push({ path, node: node as Expression });
  });
  return out;
}

/** What a call changes: the array of `a.push(…)` (and the other MUTATORS), the target of `Object.assign(t, …)` and `Object.defineProperty(t, …)`. */
function changedByCall(call: Extract<Node, { type: 'CallExpression' }>): Node | undefined {
  const { callee } = call;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  if (callee.object.type === 'Identifier' && callee.object.name === 'Object' && (method === 'assign' || method === 'defineProperty' || method === 'defineProperties')) {
    const first = call.arguments[0];
    return first && first.type !== 'SpreadElement' && first.type !== 'ArgumentPlaceholder' ? first : undefined;
  }
  return MUTATORS.has(method) ? callee.object : undefined;
}

/** A statement that sets a path only when it is not set yet, or undefined. */
interface DefaultAssignment {
  path: string[];
  /** The default value. */
  value: Expression;
  /** The expression that decides whether it applies (read as not literal when that is unknown). */
  decision: Expression;
  statement: Statement;
  condition: Condition;
}

function defaultAssignment(statement: Statement, root: string): DefaultAssignment | undefined {
  if (statement.type === 'IfStatement' && !statement.alternate) {
    // if (!root.a.hasOwnProperty('b')) root.a.b = value;   (also with braces)
    const { test } = statement;
    let body = statement.consequent;
    if (body.type === 'BlockStatement' && body.body.length === 1) body = body.body[0]!;
    if (test.type !== 'UnaryExpression' || test.operator !== '!' || test.argument.type !== 'CallExpression') return undefined;
    const call = test.argument;
    const key = call.arguments[0];
    if (call.callee.type !== 'MemberExpression' || call.callee.computed || call.arguments.length !== 1 || key?.type !== 'StringLiteral') return undefined;
    if (call.callee.property.type !== 'Identifier' || call.callee.property.name !== 'hasOwnProperty') return undefined;
    const owner = memberPath(call.callee.object, root);
    const assignment = plainAssignment(body, root);
    if (!owner || !assignment || assignment.path.length === 0 || !samePath(assignment.path, [...owner, key.value])) return undefined;
    return { path: assignment.path, value: assignment.right, decision: test, statement, condition: 'missing' };
  }
  // root.a = root.a || value;
  const assignment = plainAssignment(statement, root);
  const right = assignment?.right;
  if (!assignment || right?.type !== 'LogicalExpression' || (right.operator !== '||' && right.operator !== '??')) return undefined;
  const self = memberPath(right.left, root);
  if (!self || !samePath(self, assignment.path)) return undefined;
  return { path: assignment.path, value: right.right, decision: right, statement, condition: right.operator === '||' ? 'falsy' : 'nullish' };
}

/** `root.a.b = right;` (or `root = right;`, path []), as a statement of its own. */
function plainAssignment(statement: Statement, root: string): { path: string[]; right: Expression } | undefined {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return undefined;
  const { left, operator, right } = statement.expression;
  const path = operator === '=' ? memberPath(left, root) : undefined;
  return path ? { path, right } : undefined;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && isPrefix(a, b);
}

/**
 * What a default assignment does, given the writers before it: nothing when the path is already
 * set (undefined), a plain writer of its value when it is not, and a writer of the whole
 * conditional (which reads as not literal) when that cannot be told from literal data.
 */
function settleDefault(before: WriterLookup, d: DefaultAssignment): Writer | undefined {
  const plain: Writer = { path: d.path, value: d.value, statement: d.statement, assignment: d.path.length > 0, conditional: true, stored: true };
  const opaque: Writer = { ...plain, value: d.decision, stored: false };
  const r = resolvePath(before, d.path);
  // A parent that is not an object (or not literal): what the statement does is not plain data.
  if (r.kind === 'blocked') return opaque;
  if (r.kind === 'missing') return r.laterWrites.length > 0 ? undefined : plain;
  if (d.condition === 'missing' || r.laterWrites.length > 0) return undefined;
  // An object or a list is never falsy or null, whatever it holds (`16 / 9` in a stock file).
  if (r.node.type === 'ObjectExpression' || r.node.type === 'ArrayExpression') return undefined;
  const current = literalValue(r.node);
  if (!current) return opaque;
  const unset = d.condition === 'falsy' ? !current.value : current.value === null;
  return unset ? plain : undefined;
}

/** The global objects whose `config` property is the global `config` of a classic script. */
const GLOBALS = ['window', 'globalThis', 'self'];

/** ['a', 'b'] for `root.a.b`, `root['a'].b` or `window.root.a.b`; undefined for anything else. */
function memberPath(node: Node, root: string): string[] | undefined {
  if (node.type === 'Identifier') return node.name === root ? [] : undefined;
  if (node.type !== 'MemberExpression') return undefined;
  if (node.object.type === 'Identifier' && GLOBALS.includes(node.object.name) && !node.computed && node.property.type === 'Identifier' && node.property.name === root) {
    return [];
  }
  const base = memberPath(node.object, root);
  if (!base) return undefined;
  const { property } = node;
  if (!node.computed && property.type === 'Identifier') return [...base, property.name];
  if (node.computed && property.type === 'StringLiteral') return [...base, property.value];
  // `config.toolbarButtons[1] = …`: element 1, as the literal's keys are read.
  if (node.computed && property.type === 'NumericLiteral') return [...base, String(property.value)];
  return undefined;
}

export type Resolution =
  | { kind: 'found'; node: Expression; base: Writer; holder: { object: ObjectExpression; property: ObjectProperty } | undefined; laterWrites: Writer[] }
  | { kind: 'missing'; object: ObjectExpression | undefined; objectPath: string[]; base: Writer | undefined; baseIndex: number; laterWrites: Writer[] }
  | { kind: 'blocked'; node: Node; at: string[]; reason: 'not-literal' | 'not-object' };

/**
 * The effective place of `path`: the last writer that covers it, then down its object literal.
 * `laterWrites` are later writers of paths below `path` (they change parts of its value).
 */
export function resolvePath(lookup: WriterLookup, path: readonly string[]): Resolution {
  const writers = lookup.writers;
  const baseIndex = writers.lastCovering(path);
  const laterWrites = writers.below(path, baseIndex);
  const base = writers.all[baseIndex];
  if (!base) return { kind: 'missing', object: undefined, objectPath: [], base: undefined, baseIndex, laterWrites };
  let node: Expression = base.value;
  let holder: { object: ObjectExpression; property: ObjectProperty } | undefined;
  for (let k = base.path.length; k < path.length; k++) {
    if (node.type !== 'ObjectExpression') {
      const literal = ['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'ArrayExpression'].includes(node.type);
      return { kind: 'blocked', node, at: path.slice(0, k), reason: literal ? 'not-object' : 'not-literal' };
    }
    const found = lookup.keysOf(node).lookup(path[k]!);
    if (found.kind === 'unknown') {
      return found.member === undefined
        ? { kind: 'blocked', node, at: path.slice(0, k), reason: 'not-literal' }
        : { kind: 'blocked', node: found.member, at: path.slice(0, k + 1), reason: 'not-literal' };
    }
    // A key the object lacks may come from the prototype that `__proto__: {…}` sets.
    if (found.kind === 'proto') return { kind: 'blocked', node: found.member, at: path.slice(0, k), reason: 'not-literal' };
    if (found.kind === 'missing') return { kind: 'missing', object: node, objectPath: path.slice(0, k), base, baseIndex, laterWrites };
    holder = { object: node, property: found.property };
    node = found.property.value as Expression;
  }
  return { kind: 'found', node, base, holder, laterWrites };
}
