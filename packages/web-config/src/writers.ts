/**
 * Where a config object gets its values: the top-level statements that write it. `var config =
 * {…}` (also `let`/`const`, and a repeated declaration) writes the whole object; `config.a.b = v;`
 * writes one path. At run time the last writer of a path wins.
 */
import type { Expression, Node, ObjectExpression, ObjectProperty, Program, Statement } from './ast.js';
import { isPrefix } from './paths.js';
import { propertyKey } from './values.js';

export interface Writer {
  /** The path written: [] for a declaration of the whole object. */
  path: string[];
  value: Expression;
  statement: Statement;
  /** An assignment statement (`config.a = …;`) rather than a declaration. */
  assignment: boolean;
}

export function collectWriters(program: Program, root: string): Writer[] {
  const out: Writer[] = [];
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.id.type === 'Identifier' && d.id.name === root && d.init) {
          out.push({ path: [], value: d.init, statement, assignment: false });
        }
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, operator, right } = statement.expression;
      if (operator !== '=') continue;
      const path = memberPath(left, root);
      if (path) out.push({ path, value: right, statement, assignment: path.length > 0 });
    }
  }
  return out;
}

/** ['a', 'b'] for `root.a.b` or `root['a'].b`; undefined for anything else. */
function memberPath(node: Node, root: string): string[] | undefined {
  if (node.type === 'Identifier') return node.name === root ? [] : undefined;
  if (node.type !== 'MemberExpression') return undefined;
  const base = memberPath(node.object, root);
  if (!base) return undefined;
  const { property } = node;
  if (!node.computed && property.type === 'Identifier') return [...base, property.name];
  if (node.computed && property.type === 'StringLiteral') return [...base, property.value];
  return undefined;
}

export type Resolution =
  | { kind: 'found'; node: Expression; base: Writer; holder: { object: ObjectExpression; property: ObjectProperty } | undefined; overlays: Writer[] }
  | { kind: 'missing'; object: ObjectExpression | undefined; objectPath: string[]; base: Writer | undefined; baseIndex: number; overlays: Writer[] }
  | { kind: 'blocked'; node: Node; at: string[]; reason: 'not-literal' | 'not-object' };

/**
 * The effective place of `path`: the last writer that covers it, then down its object literal.
 * `overlays` are later writers of paths below `path` (they change parts of its value).
 */
export function resolvePath(writers: readonly Writer[], path: readonly string[]): Resolution {
  let baseIndex = -1;
  for (let i = writers.length - 1; i >= 0; i--) {
    if (isPrefix(writers[i]!.path, path)) {
      baseIndex = i;
      break;
    }
  }
  const overlays = writers.slice(baseIndex + 1).filter((w) => w.path.length > path.length && isPrefix(path, w.path));
  const base = writers[baseIndex];
  if (!base) return { kind: 'missing', object: undefined, objectPath: [], base: undefined, baseIndex, overlays };
  let node: Expression = base.value;
  let holder: { object: ObjectExpression; property: ObjectProperty } | undefined;
  for (let k = base.path.length; k < path.length; k++) {
    if (node.type !== 'ObjectExpression') {
      const literal = ['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'ArrayExpression'].includes(node.type);
      return { kind: 'blocked', node, at: path.slice(0, k), reason: literal ? 'not-object' : 'not-literal' };
    }
    const key = path[k]!;
    let found: ObjectProperty | undefined;
    let unknown = false;
    for (const member of node.properties) {
      const name = member.type === 'SpreadElement' || member.computed ? undefined : propertyKey(member.key);
      if (name === undefined) {
        unknown = true;
      } else if (name === key) {
        if (member.type !== 'ObjectProperty') return { kind: 'blocked', node: member, at: path.slice(0, k + 1), reason: 'not-literal' };
        found = member;
        unknown = false;
      }
    }
    if (unknown) return { kind: 'blocked', node, at: path.slice(0, k), reason: 'not-literal' };
    if (!found) return { kind: 'missing', object: node, objectPath: path.slice(0, k), base, baseIndex, overlays };
    holder = { object: node, property: found };
    node = found.value as Expression;
  }
  return { kind: 'found', node, base, holder, overlays };
}
