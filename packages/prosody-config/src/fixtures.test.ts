/**
 * The golden cases of Prosody's per-host config (fixtures/documents/prosody), run by the one runner
 * of every kind (test/support/document-cases.ts). Files are read as latin1 (one character per byte,
 * as the library parses them). The real readers: `luac5.4 -p` compiles the input and the output
 * (and refuses what the parser refuses as a syntax error), and lua5.4 evaluates both with a stub
 * of Prosody 0.12's configmanager (test-support/eval-stub.lua): each operation reads back there,
 * and the sections no operation names keep their effective settings.
 */
import { expect } from 'vitest';
import { describeDocumentCases, type DocumentCase, type Operation, type Reader } from '../../../test/support/document-cases.js';
import { parseProsodyConfig, type ProsodyOptions } from './index.js';
import { type Evaluated, evaluateMany, luacCheckMany, requireProgram } from './test-support/evaluate.js';

type Scope = 'global' | { host: string } | { component: string };
type Evaluation = Evaluated | { error: string };

/** `luac5.4 -p`: undefined when the text compiles, else the compiler's message. */
const luac: Reader<string | undefined> = {
  name: 'luac5.4',
  available: () => requireProgram('luac5.4'),
  read: (inputs) => {
    const failures = luacCheckMany(inputs.map((i) => i.text));
    return inputs.map((_, i) => failures.get(i));
  },
  expectEdit(before: string | undefined, after: string | undefined) {
    expect([before, after]).toEqual([undefined, undefined]);
  },
  expectRefused(reading: string | undefined, c: DocumentCase) {
    // On the line the parser names.
    expect(reading).toMatch(new RegExp(`^luac5\\.4: [^:]+:${c.spec.error!.line}: `));
  },
};

const ANONYMOUS = ['anonymous', 'jitsi-anonymous'];

function sectionName(scope: Scope): string {
  return scope === 'global' ? '*' : 'host' in scope ? scope.host : scope.component;
}

/** The sections an operation is about (by name, '*' for global) and its checks on the evaluation after it. */
function oracle([method, ...args]: Operation): { sections: string[]; check: (after: Evaluated) => void } {
  const scope = args[0] as Scope;
  const settings = (e: Evaluated, name: string): Record<string, unknown> | undefined => (name === '*' ? e.global : e.hosts[name]?.settings);
  const at = (e: Evaluated, key: string): unknown => settings(e, sectionName(scope))?.[key];
  const holds = (e: Evaluated, key: string, item: unknown): boolean => {
    const list = at(e, key);
    return Array.isArray(list) && list.includes(item);
  };
  const key = args[1] as string;
  switch (method) {
    case 'set':
      return { sections: [sectionName(scope)], check: (e) => expect(at(e, key)).toEqual(args[2]) };
    case 'delete':
      // A host's option falls back to the global one.
      return { sections: [sectionName(scope)], check: (e) => expect(at(e, key)).toEqual(scope === 'global' ? undefined : e.global[key]) };
    case 'addToList':
    case 'removeFromList':
      return { sections: [sectionName(scope)], check: (e) => expect([key, args[2], holds(e, key, args[2])]).toEqual([key, args[2], method === 'addToList']) };
    case 'removeSection':
      return { sections: [sectionName(scope)], check: (e) => expect(e.hosts[sectionName(scope)]).toBeUndefined() };
    case 'addVirtualHost': {
      const [name, values] = args as [string, Record<string, unknown>];
      return { sections: [name], check: (e) => expect(e.hosts[name]).toEqual({ kind: 'VirtualHost', settings: { ...e.global, ...values } }) };
    }
    case 'enableSecureDomain': {
      const [host, guest = `guest.${host}`, options = {}] = args as [string, string?, { authentication?: string; guestAuthentication?: string }?];
      return {
        sections: [host, guest],
        check: (e) => {
          expect(e.hosts[host]?.settings.authentication).toBe(options.authentication ?? 'internal_hashed');
          const guestSettings = e.hosts[guest]?.settings ?? {};
          expect(options.guestAuthentication === undefined ? ANONYMOUS : [options.guestAuthentication]).toContain(guestSettings.authentication);
          expect(guestSettings.c2s_require_encryption).toBe(false);
        },
      };
    }
    case 'disableSecureDomain': {
      const [host, guest = `guest.${host}`, options = {}] = args as [string, string?, { keepGuestHost?: boolean }?];
      return {
        sections: [host, guest],
        check: (e) => {
          expect(ANONYMOUS).toContain(e.hosts[host]?.settings.authentication);
          if (options.keepGuestHost !== true) expect(e.hosts[guest]).toBeUndefined();
        },
      };
    }
    default:
      throw new Error(`no oracle for ${method}`);
  }
}

/** lua5.4 with a stub of Prosody's configmanager: the global options and each host's effective ones. */
const configmanager: Reader<Evaluation> = {
  name: 'lua5.4 (eval-stub.lua)',
  available: () => requireProgram('lua5.4'),
  read: (inputs) => evaluateMany(inputs.map((i) => i.text)),
  expectEdit(before: Evaluation, after: Evaluation, c: DocumentCase) {
    if ('error' in before || 'error' in after) throw new Error(`lua5.4 does not load ${c.name}: ${JSON.stringify([before, after])}`);
    const oracles = c.spec.operations.map(oracle);
    for (const { check } of oracles) check(after);
    // What no operation names is as it was (a global option set or deleted shows through every host).
    const named = new Set(oracles.flatMap((o) => o.sections));
    const globalKeys = c.spec.operations.filter((op) => op[1] === 'global').map((op) => op[2] as string);
    const untouched = (e: Evaluated): unknown => ({
      global: Object.fromEntries(Object.entries(e.global).filter(([k]) => !globalKeys.includes(k))),
      hosts: Object.fromEntries(
        Object.entries(e.hosts)
          .filter(([name]) => !named.has(name))
          .map(([name, h]) => [name, { kind: h.kind, settings: Object.fromEntries(Object.entries(h.settings).filter(([k]) => !globalKeys.includes(k))) }]),
      ),
    });
    expect(untouched(after)).toEqual(untouched(before));
  },
  expectRefused(reading: Evaluation) {
    expect(reading).toMatchObject({ error: expect.any(String) as unknown });
  },
};

describeDocumentCases({
  kind: 'prosody',
  ext: 'cfg.lua',
  encoding: 'latin1',
  parse: (text, options) => parseProsodyConfig(text, { ...(options as ProsodyOptions), encoding: 'latin1' }),
  readers: [luac, configmanager],
  minimum: { cases: 20, refused: 4 },
});
