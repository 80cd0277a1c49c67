/**
 * ProsodyConfig on core's EditSession: batches (one re-parse, the same text and edits as the same
 * operations one by one, all or nothing), the path form of the one document interface, and the
 * one error for an edit that does not verify.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigSyntaxError, EditVerificationError, type EditableDocument, type TextEdit } from '@jitsi-confkit/core';
import { parseProsodyConfig, type ConfigValue, type LuaValue, type ProsodyConfig, type Scope } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { thrown } from '../../../test/support/errors.js';
import { seeded } from '../../../test/support/random.js';
import { prosodyKind } from './kind.js';

const HOST = { host: 'meet.example.com' };
const TEXT = [
  'admins = { "focus@auth.meet.example.com" }',
  'plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }',
  '',
  'VirtualHost "meet.example.com"',
  '    authentication = "jitsi-anonymous" -- do not delete me',
  '    modules_enabled = {',
  '        "bosh";',
  '        "ping"; -- Enable mod_ping',
  '    }',
  '    c2s_require_encryption = false',
  '',
  "Component 'conference.meet.example.com' 'muc'",
  '    restrict_room_creation = true',
  '',
].join('\n');

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the parses the document's session makes. */
function countParses(): { readonly count: number } {
  const spy = vi.spyOn(prosodyKind, 'parse');
  return {
    get count() {
      return spy.mock.calls.length;
    },
  };
}

describe('batch', () => {
  it('verifies many operations with one re-parse', () => {
    const text = ['VirtualHost "meet.example.com"', ...Array.from({ length: 300 }, (_, i) => `    key${i} = "value ${i}"`), ''].join('\n');
    const parses = countParses();
    const cfg = parseProsodyConfig(text);
    cfg.batch((c) => {
      for (let i = 0; i < 300; i += 3) c.set(HOST, `key${i}`, `edited ${i}`);
    });
    expect(parses.count).toBe(2);
    expect(cfg.get(HOST, 'key3')).toBe('edited 3');
    expect(cfg.edits).toHaveLength(100);
  });

  it('plans an operation that depends on a pending one after it, and reads see the batch’s writes', () => {
    const cfg = parseProsodyConfig(TEXT);
    const seen: unknown[] = [];
    cfg.batch((c) => {
      c.addVirtualHost('guest.meet.example.com', { authentication: 'anonymous' }, { after: HOST });
      // The same section again: planned on the text with the host in it.
      c.set({ host: 'guest.meet.example.com' }, 'c2s_require_encryption', false);
      seen.push(c.get({ host: 'guest.meet.example.com' }, 'c2s_require_encryption'), c.hosts());
    });
    expect(seen).toEqual([false, ['meet.example.com', 'guest.meet.example.com']]);
    expect(cfg.toString()).toBe(
      parseProsodyConfig(TEXT)
        .enableSecureDomain('meet.example.com')
        .set(HOST, 'authentication', 'jitsi-anonymous')
        .toString()
        .replace('"jitsi-anonymous"\n    c2s', '"anonymous"\n    c2s'),
    );
  });

  it('is all or nothing: an error in the function, or a failed read-back it catches, leaves the document as it was', () => {
    const cfg = parseProsodyConfig(TEXT).set(HOST, 'c2s_require_encryption', true);
    const before = { text: cfg.toString(), edits: cfg.edits };
    expect(() =>
      cfg.batch((c) => {
        c.set(HOST, 'authentication', 'internal_hashed').addToList(HOST, 'modules_enabled', 'lobby');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect({ text: cfg.toString(), edits: cfg.edits }).toEqual(before);
    const e = thrown(EditVerificationError, () =>
      cfg.batch((c) => {
        c.set(HOST, 'authentication', 'internal_hashed');
        try {
          c.set(HOST, 'name', 'a\ud800b').get(HOST, 'name');
        } catch {
          // caught, but the batch has failed
        }
      }),
    );
    expect(e.failure).toBe('read-back');
    expect({ text: cfg.toString(), edits: cfg.edits }).toEqual(before);
  });

  it('gives the text the file’s style would give one by one when a pending step changes the votes', () => {
    // One string in each quote: the tie goes to `"`; replacing "b" by a number makes `'` the style.
    const text = 'a = \'a\'\nb = "b"\n';
    const oneByOne = parseProsodyConfig(text).set('global', 'b', 5).set('global', 'c', 'new');
    const batched = parseProsodyConfig(text).batch((c) => c.set('global', 'b', 5).set('global', 'c', 'new'));
    expect(oneByOne.toString()).toBe("a = 'a'\nb = 5\nc = 'new'\n");
    expect(batched.toString()).toBe(oneByOne.toString());
  });
});

type Op = (cfg: ProsodyConfig) => unknown;

/** A random operation on the file's sections, keys and lists. */
function randomOp(rnd: () => number, scopes: readonly Scope[], keys: readonly string[]): [string, Op] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const scope = pick(scopes);
  const key = rnd() < 0.7 && keys.length > 0 ? pick(keys) : pick(['confkit_a', 'confkit_b', 'modules_enabled', 'admins']);
  const values: LuaValue[] = ['x', "it's", 7, -1.5, true, false, ['a', 'b'], { k: 'v' }];
  const value = pick(values);
  const item = pick(['ping', 'bosh', 'confkit_item', 'focus@auth.meet.example.com']);
  const label = JSON.stringify(scope);
  switch (Math.floor(rnd() * 7)) {
    case 0:
    case 1:
      return [`set ${label} ${key} ${JSON.stringify(value)}`, (c) => c.set(scope, key, value)];
    case 2:
      return [`delete ${label} ${key}`, (c) => c.delete(scope, key)];
    case 3:
      return [`addToList ${label} ${key} ${item}`, (c) => c.addToList(scope, key, item)];
    case 4:
      return [`removeFromList ${label} ${key} ${item}`, (c) => c.removeFromList(scope, key, item)];
    case 5:
      return [`addVirtualHost after ${label}`, (c) => c.addVirtualHost('confkit.example.com', { authentication: 'anonymous', n: 1 }, scope === 'global' ? {} : { after: scope })];
    default:
      return scope === 'global' ? ['removeSection confkit', (c) => c.removeSection({ host: 'confkit.example.com' })] : [`removeSection ${label}`, (c) => c.removeSection(scope)];
  }
}

/** Runs `ops` one by one and in one batch; each run records what each operation threw. */
function bothWays(text: string, ops: readonly Op[]): { one: { text: string; edits: TextEdit[]; errors: string[] }; batch: { text: string; edits: TextEdit[]; errors: string[] } } {
  const run = (batched: boolean) => {
    const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
    const errors: string[] = [];
    const all = (c: ProsodyConfig): void => {
      for (const op of ops) {
        try {
          op(c);
          errors.push('');
        } catch (e) {
          errors.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
    };
    if (batched) cfg.batch(all);
    else all(cfg);
    return { text: cfg.toString(), edits: cfg.edits, errors };
  };
  return { one: run(false), batch: run(true) };
}

function scopesAndKeys(text: string): { scopes: Scope[]; keys: string[] } {
  const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
  const scopes = cfg
    .sections()
    .filter((s) => s.kind === 'global' || s.name !== undefined)
    .map((s): Scope => (s.kind === 'global' ? 'global' : s.kind === 'VirtualHost' ? { host: s.name! } : { component: s.name! }));
  const keys = [...new Set(scopes.flatMap((s) => cfg.contents(s).flatMap((c) => (c.key === undefined ? [] : [c.key]))))];
  return { scopes, keys };
}

describe('a batch gives the text, edits and errors of the same operations one by one', () => {
  const texts: [string, string][] = [
    ['own sample', TEXT],
    ['own sample in CRLF', TEXT.replaceAll('\n', '\r\n')],
    ['header tables and shared lines', 'VirtualHost "a.example" { x = 1 }\nVirtualHost "b.example" y = 2; z = "s"\nComponent "c.example" "muc"\n\tmodules_enabled = { "ping" }'],
  ];
  if (corpusAvailable()) for (const rel of corpusFiles('prosody', ['.cfg.lua'])) texts.push([rel, readCorpusLatin1(rel)]);

  it.each(texts)('%s', (_name, text) => {
    const rnd = seeded(text.length);
    const { scopes, keys } = scopesAndKeys(text);
    for (let round = 0; round < 12; round++) {
      const ops = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => randomOp(rnd, scopes, keys));
      const { one, batch } = bothWays(
        text,
        ops.map(([, op]) => op),
      );
      expect(batch, ops.map(([label]) => label).join('; ')).toEqual(one);
    }
  });
});

describe('the one document interface (EditableDocument) by path', () => {
  it('gets, tests, sets and deletes settings named as the CLI names them', () => {
    const cfg = parseProsodyConfig(TEXT);
    const doc: EditableDocument<ConfigValue, 'prosody'> = cfg;
    expect(doc.kind).toBe('prosody');
    expect(doc.get('host:meet.example.com/authentication')).toBe('jitsi-anonymous');
    expect(doc.get('host:meet.example.com/plugin_paths')).toEqual(['/usr/share/jitsi-meet/prosody-plugins/']);
    expect(doc.get('admins')).toEqual(['focus@auth.meet.example.com']);
    expect(doc.get('global/admins')).toEqual(['focus@auth.meet.example.com']);
    expect(doc.has('component:conference.meet.example.com/restrict_room_creation')).toBe(true);
    expect(doc.has('host:meet.example.com/app_id')).toBe(false);
    // Without a key, a path names a section, as a scope does.
    expect([doc.has('host:meet.example.com'), doc.has('host:guest.meet.example.com'), doc.has('global')]).toEqual([true, false, true]);
    doc.set('host:meet.example.com/authentication', 'internal_hashed').set('component:conference.meet.example.com/restrict_room_creation', false).delete('plugin_paths');
    expect(cfg.toString()).toBe(
      parseProsodyConfig(TEXT)
        .set(HOST, 'authentication', 'internal_hashed')
        .set({ component: 'conference.meet.example.com' }, 'restrict_room_creation', false)
        .delete('global', 'plugin_paths')
        .toString(),
    );
    expect(doc.changed).toBe(true);
    expect(doc.edits).toHaveLength(3);
  });

  it('refuses a path that names no setting, and a bad key, with ValidationError', () => {
    const cfg = parseProsodyConfig(TEXT);
    expect(() => cfg.get('host:meet.example.com')).toThrow('Prosody path "host:meet.example.com" names a section, not a setting: add /KEY');
    expect(() => cfg.set('vhost:x/authentication', 'a')).toThrow('Prosody path "vhost:x/authentication": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY');
    expect(() => cfg.delete('host:meet.example.com/ENV_HOME')).toThrow('Invalid setting name "ENV_HOME"');
    expect(cfg.changed).toBe(false);
  });
});

describe('an edit that does not verify', () => {
  it('is EditVerificationError (E_UNSUPPORTED_EDIT) when the result would not parse, the parser’s error its cause', () => {
    // A statement after `return` is not Lua: the line added to the global section breaks the file.
    const text = 'x = 1\nreturn\n';
    const cfg = parseProsodyConfig(text);
    const e = thrown(EditVerificationError, () => cfg.set('global', 'y', 2));
    expect([e.code, e.failure, e.operation]).toEqual(['E_UNSUPPORTED_EDIT', 'parse', 'set y in the global section']);
    expect(e.message).toBe("Cannot set y in the global section: the edited Prosody config would not parse (Lua syntax error: unexpected symbol '=' near '2'); nothing was changed");
    expect(e.cause).toBeInstanceOf(ConfigSyntaxError);
    expect(e.position).toBeUndefined();
    expect([cfg.toString(), cfg.changed]).toEqual([text, false]);
  });
});

describe('edits', () => {
  it('merges the touching edits of one operation into one (the main host’s line and the guest block)', () => {
    const text = ['VirtualHost "meet.example.com"', '    c2s_require_encryption = true', 'Component "conference.meet.example.com" "muc"', ''].join('\n');
    const at = text.indexOf('Component');
    expect(parseProsodyConfig(text).enableSecureDomain('meet.example.com').edits).toEqual([
      {
        offset: at,
        length: 0,
        content: '    authentication = "internal_hashed"\nVirtualHost "guest.meet.example.com"\n    authentication = "anonymous"\n    c2s_require_encryption = false\n',
      },
    ]);
  });
});
