/**
 * HoconDocument: jicofo.conf as a thin front over core's EditSession (SessionDocument keeps the
 * caller's input). Reads go through the pure readers of snapshot.ts, each edit is a step whose
 * planner (paths.ts) reads only the snapshot it is given and whose read-back reads only the edited
 * snapshot.
 */
import { reportInInputUnits, type CheckResult, type ConfigInput, type EditableDocument, type EditStep, type InputOptions, type SourcePosition } from '@jitsi-confkit/core';
import { SessionDocument } from '../session-document.js';
import { isPlainObject, parsePath, pathText, readsAs, validateValue, type HoconInput, type HoconPath } from './format.js';
import { hoconKind } from './kind.js';
import { find, keysAt, offsetOf, valueAt, type HoconParse, type HoconSnapshot } from './snapshot.js';
import { HoconSubstitution, type HoconValue } from './model.js';
import { deleteFootprint, isObjectAt, planDelete, planSet, setFootprint } from './paths.js';

/**
 * Parses jicofo.conf (or any HOCON text) into an editable, lossless document: a string read with
 * 'utf8', a 'latin1' string with `{ encoding: 'latin1' }`, or bytes (core's input contract).
 * Throws ConfigSyntaxError.
 */
export function parseJicofoConf(input: ConfigInput, options?: InputOptions): HoconDocument {
  return new HoconDocument(input, options);
}

/**
 * A HOCON document (jicofo.conf) that keeps every byte of its input. Reads follow HOCON's merge
 * rules (later wins, objects merge); edits splice the text in the file's own style and are kept
 * as one minimal edit list against the original text. Every operation is all or nothing.
 */
export class HoconDocument extends SessionDocument<HoconParse> implements EditableDocument<HoconValue | HoconInput, 'jicofoConf'> {
  /** The file kind, as recipes' DeploymentFiles names it. */
  readonly kind = 'jicofoConf';
  /** Values are data (strings, numbers, booleans, arrays and objects; no null): see core's ValueForm. */
  readonly valueForm = 'data';

  constructor(input: ConfigInput, options: InputOptions = {}) {
    super(hoconKind, input, options, 'parseJicofoConf');
  }

  static {
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  /**
   * The effective value at `path` (`jicofo.authentication.enabled`), as plain data: strings,
   * numbers, booleans, null, arrays and objects; a value that needs resolving (`${VAR}`) is a
   * HoconSubstitution. Undefined when the path is not set. Values from `include`d files are not seen.
   */
  get(path: HoconPath): HoconValue | undefined {
    return valueAt(this.session.snapshot, parsePath(path));
  }

  /** The keys of the object at `path` (of the root when omitted); [] when it is not an object. */
  keys(path?: HoconPath): string[] {
    return keysAt(this.session.snapshot.parsed, path === undefined ? undefined : parsePath(path));
  }

  has(path: HoconPath): boolean {
    return find(this.session.snapshot.parsed, parsePath(path)) !== undefined;
  }

  /** Position of the effective value at `path` (for an object: its last `{` or dotted key). */
  locate(path: HoconPath): SourcePosition | undefined {
    const { text, parsed } = this.session.snapshot;
    const found = find(parsed, parsePath(path));
    return found === undefined ? undefined : this.position(text, offsetOf(found));
  }

  /**
   * The other keys of the object that holds `path`, as paths (`jicofo.authentication.enabled` next
   * to `jicofo.authentication.enable`; at the top, the root's keys). `[]` when the parent is not
   * an object.
   */
  siblings(path: HoconPath): string[] {
    const keys = parsePath(path);
    const parent = keys.slice(0, -1);
    const last = keys[keys.length - 1];
    return keysAt(this.session.snapshot.parsed, parent.length === 0 ? undefined : parent)
      .filter((k) => k !== last)
      .map((k) => pathText([...parent, k]));
  }

  /** Jicofo reads settings of many modules: there is no list of the paths it knows (undefined). */
  isKnown(path: HoconPath): boolean | undefined {
    parsePath(path);
    return undefined;
  }

  /** Nothing a jicofo.conf lacks keeps a path from being set (a parent that is not an object is set's own error): undefined. */
  unsettable(path: HoconPath): string | undefined {
    parsePath(path);
    return undefined;
  }

  /**
   * Sets `path` to `value`. Replaces the effective occurrence when the path is set, or inserts the
   * key in the innermost existing object on the path (the last block of it, in the file's style).
   * An object value set where an object is sets its keys one by one (objects merge), all or
   * nothing. Throws UnsupportedEditError when the current value is not a literal (a substitution)
   * or a parent on the path is not an object, EditVerificationError when the edited text would not
   * read back as intended; nothing changes then.
   */
  set(path: HoconPath, value: HoconInput): this {
    const keys = parsePath(path);
    validateValue(value, pathText(keys));
    if (isPlainObject(value) && isObjectAt(this.session.snapshot, keys)) {
      this.session.batch(() => {
        for (const [key, v] of Object.entries(value)) this.set([...keys, key], v);
      });
    } else {
      this.session.commit(setStep(keys, value));
    }
    return this;
  }

  /** Removes every occurrence of `path` (so no earlier one becomes effective). No-op when absent. */
  delete(path: HoconPath): this {
    this.session.commit(deleteStep(parsePath(path)));
    return this;
  }
}

function setStep(keys: readonly string[], value: HoconInput): EditStep<HoconParse> {
  return {
    what: `set ${pathText(keys)}`,
    footprint: (snapshot) => setFootprint(snapshot, keys, value),
    plan: (snapshot) => planSet(snapshot, keys, value),
    check: (after) => holds(after, keys, value),
  };
}

function deleteStep(keys: readonly string[]): EditStep<HoconParse> {
  return {
    what: `delete ${pathText(keys)}`,
    footprint: deleteFootprint(keys),
    plan: (snapshot) => planDelete(snapshot, keys),
    check: (after) => find(after.parsed, keys) === undefined || 'it is still set after the edit',
  };
}

/** The read-back of a set: the path reads `value` (an object: each of its keys reads as given; objects merge). */
function holds(after: HoconSnapshot, keys: readonly string[], value: HoconInput): CheckResult {
  const read = valueAt(after, keys);
  if (!isPlainObject(value)) return readsAs(read, value);
  if (typeof read !== 'object' || read === null || Array.isArray(read) || read instanceof HoconSubstitution) return false;
  return Object.entries(value).every(([k, v]) => readsAs(read[k], v));
}
