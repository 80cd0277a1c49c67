import { detectIndent, detectQuote, type Quote } from '@jitsi-confkit/core';
import type { File, Node } from './ast.js';
import { firstOnLine, hasNewline, indentAt } from './text.js';
import { tick } from './work.js';

/** How new text is written so that it looks like its neighbours. */
export interface FileStyle {
  quote: Quote;
  /** One level of indentation. */
  unit: string;
  /** Space inside the brackets of a one-line array: `[ 'a' ]` (' ') or `['a']` (''). */
  pad: '' | ' ';
  /** Whether a multi-line object or array ends with a comma after its last item. */
  trailingComma: boolean;
}

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

/** The style of a parsed file: majority quote, indentation unit, array padding, trailing commas. */
export function detectStyle(text: string, ast: File): FileStyle {
  const raws: string[] = [];
  let padded = 0;
  let tight = 0;
  let trailing = 0;
  let bare = 0;
  const units = new Map<string, number>();
  for (const statement of ast.program.body) {
    walk(statement, (node) => {
      if (node.type === 'StringLiteral') raws.push(text[node.start!]!);
      if (node.type === 'ArrayExpression' && node.elements.length > 0 && !hasNewline(text, node.start!, node.end!)) {
        if (text[node.start! + 1] === ' ') padded++;
        else tight++;
      }
      const items = node.type === 'ArrayExpression' ? node.elements : node.type === 'ObjectExpression' ? node.properties : undefined;
      const last = items?.[items.length - 1];
      const first = items?.[0];
      if (first && firstOnLine(text, first.start!)) {
        // The step from the line that opens the list to its first item: the indentation unit.
        const outer = indentAt(text, node.start!);
        const inner = indentAt(text, first.start!);
        if (inner.length > outer.length && inner.startsWith(outer)) {
          const unit = inner.slice(outer.length);
          units.set(unit, (units.get(unit) ?? 0) + 1);
        }
      }
      if (last && hasNewline(text, node.start!, node.end!)) {
        if (/^\s*,/.test(text.slice(last.end!, node.end! - 1))) trailing++;
        else bare++;
      }
    });
  }
  return {
    quote: detectQuote(raws),
    unit: majority(units) ?? detectIndent(text),
    pad: tight > padded ? '' : ' ',
    trailingComma: trailing > bare,
  };
}

/** The string literals in `node`, at any depth, in source order. */
function stringsIn(node: Node): Node[] {
  const out: Node[] = [];
  walk(node, (n) => {
    if (n.type === 'StringLiteral') out.push(n);
  });
  return out;
}

/** The string literals that are `node`'s own items: elements of an array, values of an object's properties, and the elements of arrays among those. */
function itemStrings(node: Node): Node[] {
  const items = node.type === 'ArrayExpression' ? node.elements : node.type === 'ObjectExpression' ? node.properties.map((p) => (p.type === 'ObjectProperty' ? p.value : null)) : [node];
  return items.flatMap((item) => {
    if (item?.type === 'StringLiteral') return [item];
    if (item?.type === 'ArrayExpression' && node.type === 'ObjectExpression') return item.elements.flatMap((e) => (e?.type === 'StringLiteral' ? [e] : []));
    return [];
  });
}

/**
 * The quote most of `node`'s own string items use (see itemStrings), or when it has none, most of
 * the strings nested in it; undefined when there are none, or as many of each.
 */
export function ownQuote(text: string, node: Node): Quote | undefined {
  const own = itemStrings(node);
  let single = 0;
  let double = 0;
  for (const s of own.length > 0 ? own : stringsIn(node)) {
    if (text[s.start!] === "'") single++;
    else double++;
  }
  return single === double ? undefined : single > double ? "'" : '"';
}

/** The quote of the string nearest to `near` among those in `nodes`. */
export function nearestQuote(text: string, nodes: readonly Node[], near: number): Quote | undefined {
  let best: Quote | undefined;
  let distance = Infinity;
  for (const node of nodes) {
    for (const s of stringsIn(node)) {
      const d = s.end! <= near ? near - s.end! : Math.max(0, s.start! - near);
      if (d < distance) {
        distance = d;
        best = text[s.start!] as Quote;
      }
    }
  }
  return best;
}

function majority(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
