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
import { type FileStyle, nearestQuote, ownQuote } from './style.js';
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

  /** `paths` with `own` first: the footprint of a plan about `own`. */
  footprint(...own: (readonly string[])[]): Footprint[] {
    const out: Footprint[] = [...own];
    for (const p of this.paths) if (!out.some((o) => isPrefix(o, p))) out.push(p);
    return out;
  }
}

/**
 * The style of new text for the value at `keys`, written near offset `near`, read only as far as
 * the text written needs it. Its quote is its nearest neighbours': the strings of `own` (the list
 * it joins, or the value it replaces), then `hint` (the quote of an element moved from another
 * list), then the nearest string among the values of the enclosing object (`keys` without its
 * last key), then the file's. The indentation unit, list padding and trailing commas are the
 * file's. What it reads beyond `own` goes into `reads`.
 */
export function styleFor(model: ScriptModel, reads: Reads, own: Node | undefined, keys: readonly string[], near: number, hint?: Quote): FileStyle {
  let quote: Quote | undefined;
  const file = (): FileStyle => {
    reads.add([]);
    return model.fileStyle;
  };
  return {
    get quote(): Quote {
      quote ??= (own && ownQuote(model.text, own)) ?? hint ?? siblingQuote(model, reads, keys.slice(0, -1), near) ?? file().quote;
      return quote;
    },
    get unit(): string {
      return file().unit;
    },
    get pad(): '' | ' ' {
      return file().pad;
    },
    get trailingComma(): boolean {
      return file().trailingComma;
    },
  };
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
    for (const p of r.node.properties) if (p.type === 'ObjectProperty') values.push(p.value as Node);
  }
  for (const w of model.writers.children(parent)) values.push(w.value);
  return nearestQuote(model.text, values, near);
}
