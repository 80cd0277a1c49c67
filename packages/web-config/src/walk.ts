import type { Node } from './ast.js';
import { tick } from './work.js';

/**
 * The child keys, in source order, of the node types these files are made of; other types are
 * searched key by key. (The parser runs without plugins, so these types have no other children.)
 */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  ArrayExpression: ['elements'],
  AssignmentExpression: ['left', 'right'],
  BooleanLiteral: [],
  ExpressionStatement: ['expression'],
  Identifier: [],
  MemberExpression: ['object', 'property'],
  NullLiteral: [],
  NumericLiteral: [],
  ObjectExpression: ['properties'],
  ObjectProperty: ['key', 'value'],
  StringLiteral: [],
  UnaryExpression: ['argument'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
};

/** Visits every AST node below `node` (depth first, in source order). */
export function walk(node: Node, visit: (node: Node) => void): void {
  tick();
  visit(node);
  const record = node as unknown as Record<string, unknown>;
  for (const key of CHILDREN[node.type] ?? Object.keys(node)) {
    const child = record[key];
    if (typeof child !== 'object' || child === null || key === 'loc' || key === 'extra' || key.endsWith('Comments')) continue;
    if (Array.isArray(child)) {
      for (const c of child) if (isNode(c)) walk(c, visit);
    } else if (isNode(child)) {
      walk(child, visit);
    }
  }
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}
