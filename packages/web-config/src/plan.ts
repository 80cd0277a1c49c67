/**
 * What every planner of web-config returns, and the style of new text as a planner reads it.
 * A planner is a pure function of a snapshot and its arguments: it returns the edits against the
 * snapshot's text, everything it read (as footprint paths, so that the edit session plans a step
 * that depends on a pending one after it), and the read-back of its change.
 */
import type { CheckResult, Footprint, Quote, TextEdit } from '@jitsi-confkit/core';
import type { Node } from './ast.js';
import type { ScriptModel, ScriptSnapshot } from './model.js';
import { isPrefix } from './paths.js';
import { resolve } from './read.js';
import { decide, type FileStyle, layoutAround, nearestQuote, ownQuote } from './style.js';
import type { JsValue } from './values.js';

export interface Plan {
  /** The edits against the snapshot's text; `[]`: nothing to do. */
  readonly edits: readonly TextEdit[];
  /** Everything the plan read and the edits change, as paths below the config object ([]: all of it). */
  readonly footprint: readonly Footprint[];
  /** The read-back: whether the edited text, parsed, holds what the plan intended. */
  readonly check?: (after: ScriptSnapshot) => CheckResult;
}

/** The document's constants a planner reads besides the snapshot. */
export interface PlanContext {
  /** The file is an overlay (docker's custom-config.js): see ConfigDocument.overlay. */
  readonly overlay: boolean;
  /**
   * Checks a value before it is written under `keys` (the document's typed keys): ValidationError.
   * `what` is 'value' or 'item' (of an array); `isSet` whether `keys` has a value now.
   */
  readonly validate: (keys: readonly string[], value: JsValue, what: 'value' | 'item', isSet: boolean) => void;
}

/** Paths a plan has read, beyond the path it is about. */
export class Reads {
  readonly paths: Footprint[] = [];

  add(path: readonly string[]): void {
    if (!this.paths.some((p) => isPrefix(p, path))) this.paths.push(path);
  }

  /**
   * The footprint of a plan about the paths `own` that read `paths`: both, without a path that
   * another one covers (a path meets what every path it starts meets).
   */
  footprint(...own: (readonly string[])[]): Footprint[] {
    const all = [...own, ...this.paths];
    return all.filter((p, i) => !all.some((q, j) => (q.length < p.length || (q.length === p.length && j < i)) && isPrefix(q, p)));
  }
}

/**
 * The style of new text for the value at `keys`, written near offset `near`, each part worked out
 * only if the text written needs it, from its nearest neighbours. Its quote: the strings of `own`
 * (the list it joins, or the value it replaces), then `hint` (the quote of an element moved from
 * another list), then the nearest string among the values of the enclosing object (`keys` without
 * its last key), then the file's. Its indentation unit, list padding and trailing commas: the
 * votes of `own` and the lists among its items, else those of the enclosing object and the lists
 * among its values, and so on out to the file's whole. What it reads beyond `own` goes into
 * `reads`.
 */
export function styleFor(model: ScriptModel, reads: Reads, own: Node | undefined, keys: readonly string[], near: number, hint?: Quote): FileStyle {
  return new NearStyle(model, reads, own, keys, near, hint);
}

/** A list and its path: a place whose layout votes. */
interface Scope {
  readonly node: Node;
  readonly path: readonly string[];
  votes?: ReturnType<typeof decide>;
}

/**
 * styleFor's answer. A class rather than an object literal with getters: V8 keeps the closures of
 * the last such literal alive, and these would hold a snapshot's whole model.
 */
class NearStyle implements FileStyle {
  readonly #model: ScriptModel;
  readonly #reads: Reads;
  readonly #own: Node | undefined;
  readonly #keys: readonly string[];
  readonly #near: number;
  readonly #hint: Quote | undefined;
  #quote: Quote | undefined;
  #scopes: Scope[] | undefined;

  constructor(model: ScriptModel, reads: Reads, own: Node | undefined, keys: readonly string[], near: number, hint: Quote | undefined) {
    this.#model = model;
    this.#reads = reads;
    this.#own = own;
    this.#keys = keys;
    this.#near = near;
    this.#hint = hint;
  }

  get quote(): Quote {
    this.#quote ??=
      (this.#own && ownQuote(this.#model.text, this.#own)) ?? this.#hint ?? siblingQuote(this.#model, this.#reads, this.#keys.slice(0, -1), this.#near) ?? this.#file().quote;
    return this.#quote;
  }

  get unit(): string {
    return this.#nearest((v) => v.unit) ?? this.#file().unit;
  }

  get pad(): '' | ' ' {
    return this.#nearest((v) => v.pad) ?? this.#file().pad;
  }

  get trailingComma(): boolean {
    return this.#nearest((v) => v.trailing) ?? this.#file().trailingComma;
  }

  /** The answer of the nearest list that has one: `own`, then the objects that hold it, innermost first. */
  #nearest<T>(answer: (votes: ReturnType<typeof decide>) => T | undefined): T | undefined {
    for (const scope of this.#scopeList()) {
      scope.votes ??= decide(layoutAround(this.#model.lines, scope.node));
      const found = answer(scope.votes);
      if (found !== undefined) {
        this.#reads.add(scope.path);
        return found;
      }
    }
    return undefined;
  }

  #scopeList(): Scope[] {
    if (this.#scopes === undefined) {
      const keys = this.#keys;
      const own = this.#own;
      this.#scopes = own !== undefined && (own.type === 'ArrayExpression' || own.type === 'ObjectExpression') ? [{ node: own, path: keys }] : [];
      for (let depth = keys.length - 1; depth >= 0; depth--) {
        const r = resolve(this.#model, keys.slice(0, depth));
        if (r.kind === 'found' && r.node.type === 'ObjectExpression') this.#scopes.push({ node: r.node, path: keys.slice(0, depth) });
      }
    }
    return this.#scopes;
  }

  #file(): FileStyle {
    return fileStyleOf(this.#model, this.#reads);
  }
}

/** The style of new text where nothing near it says more than the file: the file's own. */
export function fileStyleOf(model: ScriptModel, reads: Reads): FileStyle {
  reads.add([]);
  return model.fileStyle;
}

/** The quote of the string nearest to `near` among the values of the object at `parent` (literal properties and assignments). */
function siblingQuote(model: ScriptModel, reads: Reads, parent: readonly string[], near: number): Quote | undefined {
  reads.add(parent);
  const values: Node[] = [];
  const r = resolve(model, parent);
  if (r.kind === 'found' && r.node.type === 'ObjectExpression') {
    for (const p of r.node.properties) if (p.type === 'ObjectProperty') values.push(p.value);
  }
  for (const w of model.writers.children(parent)) values.push(w.value);
  return nearestQuote(model.text, values, near);
}
