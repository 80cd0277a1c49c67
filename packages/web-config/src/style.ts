/**
 * How new text is written so that it looks like its neighbours: the quote of the nearest strings,
 * and the file's indentation unit, one-line list padding and trailing commas. Every decision is a
 * majority vote with core's one tie rule.
 */
import { detectIndent, detectQuote, isFirstOnLine, type LineIndex, majority, type Quote } from '@jitsi-confkit/core';
import type { File, Node } from './ast.js';
import { hasNewline } from './text.js';
import { walk } from './walk.js';
import { tick } from './work.js';

/** How new text is written so that it looks like its neighbours. */
export interface FileStyle {
  readonly quote: Quote;
  /** One level of indentation. */
  readonly unit: string;
  /** Space inside the brackets of a one-line array: `[ 'a' ]` (' ') or `['a']` (''). */
  readonly pad: '' | ' ';
  /** Whether a multi-line object or array ends with a comma after its last item. */
  readonly trailingComma: boolean;
}

/** Votes for the layout of new lists, cast by the lists of a file. */
export interface LayoutVotes {
  /** Space inside the brackets of each one-line, non-empty array. */
  readonly pad: ('' | ' ')[];
  /** The step from the indentation of the line that opens a list to that of its first item, where that item starts its line. */
  readonly unit: string[];
  /** Whether each multi-line list ends with a comma after its last item. */
  readonly trailing: boolean[];
}

/** The file style's answers from votes: the majority, with the tie rule (`[ 'a' ]` padding and no trailing comma win a tie). */
export function decide(votes: LayoutVotes): { pad: '' | ' ' | undefined; unit: string | undefined; trailing: boolean | undefined } {
  return {
    pad: votes.pad.length === 0 ? undefined : majority(votes.pad, ' '),
    unit: majority(votes.unit),
    trailing: votes.trailing.length === 0 ? undefined : majority(votes.trailing, false),
  };
}

/** Adds the votes of `node` itself (when it is a list) to `votes`. */
function vote(lines: LineIndex, node: Node, votes: LayoutVotes): void {
  const text = lines.text;
  if (node.type === 'ArrayExpression' && node.elements.length > 0 && !hasNewline(lines, node.start!, node.end!)) {
    votes.pad.push(text[node.start! + 1] === ' ' ? ' ' : '');
  }
  const items = node.type === 'ArrayExpression' ? node.elements : node.type === 'ObjectExpression' ? node.properties : undefined;
  const last = items?.[items.length - 1];
  const first = items?.[0];
  if (first && isFirstOnLine(text, first.start!)) {
    // The step from the line that opens the list to its first item: the indentation unit.
    const outer = lines.lineIndent(node.start!);
    const inner = lines.lineIndent(first.start!);
    if (inner.length > outer.length && inner.startsWith(outer)) votes.unit.push(inner.slice(outer.length));
  }
  if (last && hasNewline(lines, node.start!, node.end!)) votes.trailing.push(/^\s*,/.test(text.slice(last.end!, node.end! - 1)));
}

/**
 * The layout votes of a list and of the lists among its own items (the values of an object's
 * properties, the elements of an array): what the neighbours of new text there say, without a
 * walk over the rest of the file.
 */
export function layoutAround(lines: LineIndex, list: Node): LayoutVotes {
  const votes: LayoutVotes = { pad: [], unit: [], trailing: [] };
  vote(lines, list, votes);
  const items =
    list.type === 'ArrayExpression' ? list.elements : list.type === 'ObjectExpression' ? list.properties.map((p) => (p.type === 'ObjectProperty' ? p.value : null)) : [];
  tick(items.length);
  for (const item of items) if (item?.type === 'ArrayExpression' || item?.type === 'ObjectExpression') vote(lines, item, votes);
  return votes;
}

/** The style of a parsed file: majority quote, indentation unit, array padding, trailing commas. */
export function detectStyle(lines: LineIndex, ast: File): FileStyle {
  const raws: string[] = [];
  const votes: LayoutVotes = { pad: [], unit: [], trailing: [] };
  for (const statement of ast.program.body) {
    walk(statement, (node) => {
      if (node.type === 'StringLiteral') raws.push(lines.text[node.start!]!);
      vote(lines, node, votes);
    });
  }
  const { pad, unit, trailing } = decide(votes);
  return { quote: detectQuote(raws), unit: unit ?? detectIndent(lines.text), pad: pad ?? ' ', trailingComma: trailing ?? false };
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
  const items =
    node.type === 'ArrayExpression' ? node.elements : node.type === 'ObjectExpression' ? node.properties.map((p) => (p.type === 'ObjectProperty' ? p.value : null)) : [node];
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
  if (node.type === 'StringLiteral') return text[node.start!] === "'" ? "'" : '"';
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
