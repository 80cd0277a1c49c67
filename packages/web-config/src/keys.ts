/**
 * An object literal's members by key, built once per object and snapshot, so that finding a key
 * costs a map lookup instead of a scan of every member (a config.js object may have thousands).
 * It answers exactly what a scan in source order answers: the last property with the key, unless a
 * method or accessor has it, or a computed key or a spread comes after it (which may hide it).
 */
import type { ObjectExpression, ObjectMember, ObjectProperty } from './ast.js';
import { propertyKey } from './values.js';
import { tick } from './work.js';

export type KeyLookup =
  | { kind: 'found'; property: ObjectProperty }
  | { kind: 'missing' }
  /** The key's value is not plain data (`member`: a method or accessor), or it may be hidden (`member` undefined: a computed key or a spread after it). */
  | { kind: 'unknown'; member: ObjectMember | undefined }
  /** Missing, but `__proto__: {…}` sets a prototype that may hold it. */
  | { kind: 'proto'; member: ObjectMember };

export class KeyIndex {
  readonly #members: ObjectExpression['properties'];
  /** The index of the last plain property with each key. */
  readonly #last = new Map<string, number>();
  /** The first member with a key that is not a plain property (a method, a getter or setter), by key; made only where there is one. */
  #other: Map<string, ObjectMember> | undefined;
  /** Index of the last member whose key is not known (computed, a spread), -1 when none. */
  readonly #lastUnknown: number;
  readonly #proto: ObjectMember | undefined;

  constructor(object: ObjectExpression) {
    const members = object.properties;
    this.#members = members;
    tick(members.length);
    let proto: ObjectMember | undefined;
    let lastUnknown = -1;
    for (let i = 0; i < members.length; i++) {
      const member = members[i]!;
      const name = member.type === 'SpreadElement' || member.computed ? undefined : propertyKey(member.key);
      if (name === undefined) {
        lastUnknown = i;
      } else if (member.type === 'ObjectProperty') {
        // The first `__proto__: …` sets the prototype (isProtoSetter); it is not a key of the object.
        if (proto === undefined && name === '__proto__' && !member.shorthand) proto = member;
        else this.#last.set(name, i);
      } else if (this.#other?.has(name) !== true) {
        (this.#other ??= new Map()).set(name, member);
      }
    }
    this.#lastUnknown = lastUnknown;
    this.#proto = proto;
  }

  lookup(key: string): KeyLookup {
    const other = this.#other?.get(key);
    if (other !== undefined) return { kind: 'unknown', member: other };
    const last = this.#last.get(key) ?? -1;
    if (this.#lastUnknown > last) return { kind: 'unknown', member: undefined };
    if (last !== -1) return { kind: 'found', property: this.#members[last] as ObjectProperty };
    return this.#proto === undefined ? { kind: 'missing' } : { kind: 'proto', member: this.#proto };
  }
}
