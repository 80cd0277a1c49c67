/**
 * PropertiesDocument: sip-communicator.properties as a thin front over core's EditSession. The
 * kind reads with java.util.Properties' rules (scan.ts); each edit is a step whose planner
 * (entries.ts) reads only the snapshot it is given; every commit is checked to change no key but
 * the ones it is about.
 */
import {
  EditVerificationError,
  PathError,
  printable,
  reportInInputUnits,
  ValidationError,
  type ConfigInput,
  type DocumentKind,
  type EditableDocument,
  type EditStep,
  type InputOptions,
  type SourcePosition,
} from '@jitsi-confkit/core';
import { SessionDocument } from '../session-document.js';
import { changedKey, deleteFootprint, footprintKeys, planDelete, planSet, setFootprint } from './entries.js';
import { scan, type Scan } from './scan.js';

const KEY = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses a .properties text: a string read with 'utf8', a 'latin1' string with `{ encoding: 'latin1' }`,
 * or bytes (core's input contract). Throws ConfigSyntaxError on binary data or a malformed `\uXXXX` escape.
 */
export function parseProperties(input: ConfigInput, options?: InputOptions): PropertiesDocument {
  return new PropertiesDocument(input, options);
}

/** A step about one key (its message names the key). */
interface KeyStep extends EditStep<Scan> {
  readonly key: string;
}

/**
 * The .properties kind. Its verify: no key outside the commit's changed value (a line added after
 * an open continuation, or a lone backslash at the end, would). Its errors keep the package's
 * messages, which name the key and the other key.
 */
export const propertiesKind: DocumentKind<Scan> = {
  name: '.properties file',
  parse: scan,
  verify: (after, before, footprints) => {
    const keys = footprintKeys(footprints);
    if (keys === undefined) return true;
    const other = changedKey(before.parsed, after.parsed, keys);
    return other === undefined || `would change the value of "${printable(other)}" too`;
  },
  keepPreviousParse: true,
  mapError: (error, steps) => {
    if (error.failure !== 'read-back') return error;
    const keys = steps.map((s) => (s as KeyStep).key).join(', ');
    const why = error.detail ?? 'did not give the intended value when read back';
    return new EditVerificationError(error.operation, error.failure, `Editing ${keys} ${why}; the file was left unchanged`, { cause: error.cause, detail: error.detail });
  },
};

/**
 * A .properties document that keeps every byte of its input. A key set twice takes its last
 * value (as java.util.Properties does); set() edits that occurrence, delete() removes them all.
 */
export class PropertiesDocument extends SessionDocument<Scan> implements EditableDocument<string, 'sipCommunicator'> {
  /** The file kind, as recipes' DeploymentFiles names it. */
  readonly kind = 'sipCommunicator';
  /** Every value is text, written as given (`20` is the text "20"): see core's ValueForm. */
  readonly valueForm = 'text';

  constructor(input: ConfigInput, options: InputOptions = {}) {
    super(propertiesKind, input, options, 'parseProperties');
  }

  static {
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  /** The keys, each once, in order of first appearance. */
  keys(): string[] {
    return [...this.session.snapshot.parsed.effective.keys()];
  }

  /** The decoded value of `key` (its last occurrence), or undefined. */
  get(key: string): string | undefined {
    return this.session.snapshot.parsed.effective.get(key)?.value;
  }

  has(key: string): boolean {
    return this.session.snapshot.parsed.effective.has(key);
  }

  /** Position of the value of `key` (its last occurrence). */
  locate(key: string): SourcePosition | undefined {
    const { text, parsed } = this.session.snapshot;
    const e = parsed.effective.get(key);
    return e === undefined ? undefined : this.position(text, e.valueStart);
  }

  /** The other keys of the file (a .properties file is one flat list of keys), in order of first appearance: for a "did you mean". */
  siblings(key: string): string[] {
    return this.keys().filter((k) => k !== key);
  }

  /** Jicofo reads keys of many modules: there is no list of the keys it knows (undefined). */
  isKnown(_key: string): boolean | undefined {
    return undefined;
  }

  /** Any key can be set in a .properties file: undefined. */
  unsettable(_key: string): string | undefined {
    return undefined;
  }

  /** Sets `key` to `value`: edits the last occurrence, or appends `key=value` in the file's style. */
  set(key: string, value: string): this {
    validateKey(key);
    if (typeof value !== 'string') throw new ValidationError(`Invalid value for ${key}: expected a string`);
    const step: KeyStep = {
      key,
      what: `set ${key}`,
      footprint: (snapshot) => setFootprint(snapshot, key),
      plan: (snapshot) => planSet(snapshot, key, value),
      check: (after) => after.parsed.effective.get(key)?.value === value,
    };
    this.session.commit(step);
    return this;
  }

  /** Removes every occurrence of `key` with its line(s). No-op when absent. */
  delete(key: string): this {
    validateKey(key);
    const step: KeyStep = {
      key,
      what: `delete ${key}`,
      footprint: deleteFootprint(key),
      plan: (snapshot) => planDelete(snapshot, key),
      check: (after) => !after.parsed.effective.has(key),
    };
    this.session.commit(step);
    return this;
  }
}

function validateKey(key: string): void {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new PathError(`Invalid property key "${printable(String(key))}": use letters, digits, '.', '_' and '-'`);
  }
}
