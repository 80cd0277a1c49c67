/** A walk over the parser's tree that knows no node type: a node's children are its fields that hold nodes. */
import type { Node } from 'luaparse';

/** A field's value that is a node. */
function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Calls `visit` on `node` and on every node below it, parents first, in field order. `visit`
 * returns false to skip what is below a node. Iterative: a file may nest calls or operators
 * thousands deep (`f''''…`), deeper than JavaScript's stack.
 */
export function walk(node: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [node];
  const children: Node[] = [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (visit(current) === false) continue;
    const fields = current as unknown as Record<string, unknown>;
    for (const key in fields) {
      if (key === 'range') continue;
      const value = fields[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    // Pushed last child first, so that the first child is visited next.
    while (children.length > 0) stack.push(children.pop()!);
  }
}
