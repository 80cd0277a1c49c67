import type { Node } from './ast.js';
import { tick } from './work.js';

/**
 * The child keys, in source order, of the node types config files are made of; other types are
 * searched key by key. (The parser runs without plugins, so these types have no other children.)
 */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  File: ['program'],
  Program: ['directives', 'body'],
  Directive: ['value'],
  DirectiveLiteral: [],
  ArrayExpression: ['elements'],
  AssignmentExpression: ['left', 'right'],
  BinaryExpression: ['left', 'right'],
  BlockStatement: ['directives', 'body'],
  BooleanLiteral: [],
  CallExpression: ['callee', 'arguments'],
  ExpressionStatement: ['expression'],
  Identifier: [],
  IfStatement: ['test', 'consequent', 'alternate'],
  LogicalExpression: ['left', 'right'],
  MemberExpression: ['object', 'property'],
  NullLiteral: [],
  NumericLiteral: [],
  ObjectExpression: ['properties'],
  ObjectProperty: ['key', 'value'],
  StringLiteral: [],
  TemplateElement: [],
  TemplateLiteral: ['quasis', 'expressions'],
  UnaryExpression: ['argument'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
};

/** Keys that never hold a child node (comments are not attached: the parser keeps them in one list). */
const SKIPPED = new Set(['loc', 'extra', 'comments', 'errors', 'type', 'start', 'end']);

/** The keys of `node` that may hold child nodes, in source order for the types above. */
export function childKeys(node: { readonly type: string }): readonly string[] {
  return CHILDREN[node.type] ?? Object.keys(node).filter((k) => !SKIPPED.has(k));
}

/** Visits every AST node below `node` (depth first, in source order). */
export function walk(node: Node, visit: (node: Node) => void): void {
  tick();
  visit(node);
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeys(node)) {
    const child = record[key];
    if (typeof child !== 'object' || child === null || key.endsWith('Comments')) continue;
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
