/**
 * An object literal's members by key, built once per object and snapshot, so that finding a key
 * costs a map lookup instead of a scan of every member (a config.js object may have thousands).
 * It answers exactly what a scan in source order answers: the last property with the key, unless a
 * method or accessor has it, or a computed key or a spread comes after it (which may hide it).
 */
import type { ObjectExpression, ObjectMember, ObjectProperty } from './ast.js';
import { isProtoSetter, propertyKey } from './values.js';
import { tick } from './work.js';

interface KeyEntry {
  /** The last property with the key, and its index among the members. */
  last: ObjectProperty | undefined;
  lastIndex: number;
  /** The first member with the key that is not a plain property (a method, a getter or setter). */
  firstOther: ObjectMember | undefined;
}

export type KeyLookup =
  | { kind: 'found'; property: ObjectProperty }
  | { kind: 'missing' }
  /** The key's value is not plain data (`member`: a method or accessor), or it may be hidden (`member` undefined: a computed key or a spread after it). */
  | { kind: 'unknown'; member: ObjectMember | undefined }
  /** Missing, but `__proto__: {…}` sets a prototype that may hold it. */
  | { kind: 'proto'; member: ObjectMember };

export class KeyIndex {
  readonly #byKey = new Map<string, KeyEntry>();
  /** Index of the last member whose key is not known (computed, a spread), -1 when none. */
  readonly #lastUnknown: number;
  readonly #proto: ObjectMember | undefined;

  constructor(object: ObjectExpression) {
    const members = object.properties;
    tick(members.length);
    const proto = members.find(isProtoSetter);
    let lastUnknown = -1;
    members.forEach((member, i) => {
      if (member === proto) return;
      const name = member.type === 'SpreadElement' || member.computed ? undefined : propertyKey(member.key);
      if (name === undefined) {
        lastUnknown = i;
        return;
      }
      let entry = this.#byKey.get(name);
      if (entry === undefined) {
        entry = { last: undefined, lastIndex: -1, firstOther: undefined };
        this.#byKey.set(name, entry);
      }
      if (member.type === 'ObjectProperty') {
        entry.last = member;
        entry.lastIndex = i;
      } else {
        entry.firstOther ??= member;
      }
    });
    this.#lastUnknown = lastUnknown;
    this.#proto = proto;
  }

  lookup(key: string): KeyLookup {
    const entry = this.#byKey.get(key);
    if (entry?.firstOther !== undefined) return { kind: 'unknown', member: entry.firstOther };
    if (this.#lastUnknown > (entry?.lastIndex ?? -1)) return { kind: 'unknown', member: undefined };
    if (entry?.last !== undefined) return { kind: 'found', property: entry.last };
    return this.#proto === undefined ? { kind: 'missing' } : { kind: 'proto', member: this.#proto };
  }
}
