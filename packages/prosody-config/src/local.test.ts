/**
 * Local verification is sound: wherever reparseLocally builds a model, it is the model the whole
 * parse gives (node for node, ranges included; its constants count an upper bound of the parse's),
 * and the whole parse accepts the text. Checked on every corpus file with the edits the planners
 * make (values set, settings added, hosts added, the secure domain) and with random edits, most of
 * which it must decline; and on the shapes it must decline by rule, leaving the model it was given
 * as it was. And it is what the kind's `reparse` uses in core's session, which hands it the
 * previous model.
 */
import type { Chunk } from 'luaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEdits, EditSession, type TextEdit } from '@jitsi-confkit/core';
import { credential, FileReference, parseProsodyConfig, type LuaValue, type Scope } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { seeded } from '../../../test/support/random.js';
import { prosodyKind } from './kind.js';
import { reparseLocally } from './local.js';
import { literalValue, rangeOf } from './lua.js';
import { buildModel, type Model } from './model.js';
import { readModel } from './reading.js';
import { scopeOf } from './scope.js';
import { planAddToList, planRemoveFromList } from './lists.js';
import { planAddSection } from './sections.js';
import { styleVotes } from './style.js';
import type { NodeRanges } from './vendor/luaparse.cjs';
import { walk } from './walk.js';
import { planEnableSecureDomain } from './secure-domain.js';
import { deleteStep, planDelete, planMergeAppends, planSet, setStep } from './settings.js';

/** What a model says, as data: every section, statement and comment with its fields and ranges. */
function shape(model: Model): unknown {
  return { text: model.text, sections: model.sections, comments: model.comments, body: model.chunk.body, range: rangeOf(model.chunk), votes: styleVotes(model.chunk) };
}

/** Numbers JSON would not tell apart (-0, NaN, infinities), written so that it does. */
function exactNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && (Object.is(value, -0) || !Number.isFinite(value)) ? `number ${Object.is(value, -0) ? '-0' : value}` : value;
}

/**
 * Expects two models to say the same (toEqual of their shapes), comparing their JSON first: a
 * model is plain data, so equal JSON is equality, and toEqual (a tenth of the speed on a large
 * file) is only asked for the diff of a failure.
 */
function expectSameModel(actual: Model, expected: Model, what: string): void {
  if (JSON.stringify(shape(actual), exactNumbers) === JSON.stringify(shape(expected), exactNumbers)) return;
  expect(shape(actual), what).toEqual(shape(expected));
}

/**
 * How the file reads as Prosody 13 runs it (reading.ts): every option of every section with its
 * value (or nil, or unknown), the assignment and appends it comes from, where the file needs
 * Prosody 13, and what Prosody warns about. Equal models read the same; this says it outright.
 */
function reading(model: Model): string {
  const r = readModel(model);
  const scopes = [...r.scopes].map(([scope, options]) => [
    scope,
    [...options].map(([key, st]) => [key, 'value' in st.result ? st.result.value : 'nil' in st.result ? 'nil' : 'unknown', st.base?.range, st.appends.map((a) => a.range)]),
  ]);
  return JSON.stringify({ scopes, syntax13: r.syntax13, warnings: r.warnings }, exactNumbers);
}

/**
 * Every node's range of the tree (comments included) is in the chunk's list of ranges, and no two
 * nodes share one: what the next local re-parse shifts, instead of walking the tree.
 */
function expectRangesListed(model: Model, what: string): void {
  const list = (model.chunk as Chunk & { nodeRanges: NodeRanges | null }).nodeRanges;
  if (list === null) return; // a very large tree has none (it is walked)
  const listed = new Set(list);
  const tree: unknown[] = [];
  walk(model.chunk, (node) => void (node !== model.chunk && tree.push(rangeOf(node))));
  expect(
    tree.filter((r) => !listed.has(r as NodeRanges[number])),
    what,
  ).toEqual([]);
  expect(new Set(tree).size, what).toBe(tree.length);
}

function wholeParse(text: string): Model | undefined {
  try {
    return buildModel(text);
  } catch {
    return undefined;
  }
}

/**
 * Applies `edits` to `text` both ways: local verification on a fresh model of `text`, and the
 * whole parse. Returns whether local verification took it (and then it must equal the parse).
 */
function compare(text: string, edits: readonly TextEdit[], what: string): boolean {
  const next = applyEdits(text, edits);
  const local = reparseLocally(buildModel(text), next, edits);
  if (local === undefined) return false;
  const whole = wholeParse(next);
  expect(whole, `${what}: the whole parse refuses what local verification took`).toBeDefined();
  expectSameModel(local, whole!, what);
  expectRangesListed(local, what);
  expect(reading(local), what).toBe(reading(whole!));
  expect((local.chunk as { constants?: number }).constants, what).toBeGreaterThanOrEqual((whole!.chunk as { constants?: number }).constants!);
  return true;
}

const VALUES: LuaValue[] = ['x', 'it\'s "quoted" ]] --[[', 'ü ✓', 42, -1.5, 0, -0, 2 ** 53, 1e-7, true, false, credential('x'), new FileReference('FileLine', 'p')];

/**
 * Edits the planners make on `text`: every literal setting set to other values, new settings, a
 * host after each section, the secure domain, and the list edits of Prosody 13's appends (into
 * the last append, out of every one, merged into one list; set and delete, which take the
 * appends along); each says whether it is of a kind local
 * verification takes (a quoted string, number or boolean replaced by one, or lines inserted;
 * never a reader's call, Prosody 13's `Credential("x")`, which is a value but no literal).
 */
function plannedEdits(text: string): [string, TextEdit[], boolean][] {
  const s = { text, parsed: buildModel(text) };
  const out: [string, TextEdit[], boolean][] = [];
  const tryPlan = (what: string, plan: () => TextEdit[], local = true): void => {
    try {
      const edits = plan();
      if (edits.length > 0) out.push([what, edits, local]);
    } catch {
      // Refused by the planner (a value that is not a literal, a section sharing a line): nothing to verify.
    }
  };
  for (const section of s.parsed.sections) {
    const scope: Scope | undefined = scopeOf(section);
    if (scope === undefined) continue;
    for (const item of [...section.options, ...section.items]) {
      if (item.kind !== 'setting' || literalValue(item.value) === undefined) continue;
      const node = item.value;
      const scalar =
        (node.type === 'StringLiteral' && /^["']/.test(node.raw)) || node.type === 'NumericLiteral' || node.type === 'BooleanLiteral' || node.type === 'UnaryExpression';
      for (const value of VALUES)
        tryPlan(`set ${JSON.stringify(scope)} ${item.key} ${JSON.stringify(value)}`, () => planSet(s, scope, [[item.key, value]]), scalar && !(value instanceof FileReference));
    }
    for (const key of new Set(section.items.flatMap((i) => (i.kind === 'append' ? [i.key] : [])))) {
      const at = `${key} of ${JSON.stringify(scope)}, which appends`;
      tryPlan(`add to ${at}`, () => planAddToList(s, scope, key, 'confkit_item'), false);
      // The last item the appends add (a list of names: a string; anything else removes nothing).
      const last = parseProsodyConfig(text, { encoding: 'latin1' }).entries(scope, key)?.at(-1)?.value;
      tryPlan(`remove from ${at}`, () => planRemoveFromList(s, scope, key, typeof last === 'string' ? last : 'confkit_absent', new Set()), false);
      tryPlan(`merge ${at}`, () => planMergeAppends(s, scope, key), false);
      tryPlan(`set ${at}`, () => planSet(s, scope, [[key, ['confkit']]]), false);
      tryPlan(`delete ${at}`, () => planDelete(s, scope, key), false);
    }
    tryPlan(`add settings to ${JSON.stringify(scope)}`, () =>
      planSet(s, scope, [
        ['confkit_a', 'v'],
        ['confkit_b', ['x', 'y']],
        ['confkit_c', { k: 1 }],
      ]),
    );
    tryPlan(`add a host after ${JSON.stringify(scope)}`, () =>
      planAddSection(
        s,
        { host: 'confkit.example.com' },
        [
          ['authentication', 'anonymous'],
          ['modules_enabled', ['ping']],
        ],
        scope === 'global' ? undefined : scope,
      ),
    );
  }
  for (const host of parseProsodyConfig(text, { encoding: 'latin1' }).hosts())
    tryPlan(`enable the secure domain of ${host}`, () => planEnableSecureDomain(s, host, `guest.${host}`, {}));
  return out;
}

const TOKENS = [
  'Lua.os.time()',
  'Credential("x")',
  "FileLine 'p'",
  '1',
  '-1',
  '0x10',
  '1e5',
  '"s"',
  "'s'",
  'true',
  'nil',
  'x',
  '"',
  '[[a]]',
  '--',
  '1 2',
  '"a" .. "b"',
  '{}',
  '1.',
  '.5',
  '"\\q"',
  '-',
  '- -1',
  '"a"x',
  'x"a"',
  '""',
  '0',
  '"\\z  "',
  ']]',
];
const LINES = [
  'a = 1\n',
  'VirtualHost "x.example"\n',
  'Component "c.example" "muc"\n',
  'a = 1',
  '\na = 1',
  '\r\na = "b"',
  'local x = 1\n',
  'return\n',
  'a = { 1, 2 }\n',
  '-- c\n',
  'a = f()\n',
  'a = Credential("x")\n',
  'modules_enabled:append { "x" }\n',
  'admins { "y" }\n',
  'a = "p" .. a\n',
  'a = { FileLines "p" }\n',
  'x.y = 1\n',
  '::l::\n',
  'a = 1 b = 2\n',
  '"\n',
  '[[\n',
  'a = 1;\n',
  'a = {\n',
  'VirtualHost "x" { a = 1 }\n',
  'a = "x" ]]\n',
];

/** Random edits: literal values replaced by random tokens, lines inserted at random line starts, text inserted anywhere. */
function randomEdits(text: string, rnd: () => number, count: number): [string, TextEdit[]][] {
  const model = buildModel(text);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const values = model.sections.flatMap((s) => [...s.options, ...s.items]).flatMap((i) => (i.kind === 'setting' ? [rangeOf(i.value)] : []));
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const out: [string, TextEdit[]][] = [];
  for (let n = 0; n < count; n++) {
    const r = rnd();
    if (r < 0.45 && values.length > 0) {
      const [start, end] = pick(values);
      const content = pick(TOKENS);
      if (text.slice(start, end) !== content) out.push([`replace ${start}-${end} by ${JSON.stringify(content)}`, [{ offset: start, length: end - start, content }]]);
    } else if (r < 0.85) {
      const offset = rnd() < 0.15 ? text.length : pick(lineStarts);
      const content = pick(LINES);
      out.push([`insert ${JSON.stringify(content)} at ${offset}`, [{ offset, length: 0, content }]]);
    } else {
      const offset = Math.floor(rnd() * (text.length + 1));
      const content = pick([...LINES, ...TOKENS]);
      out.push([`insert ${JSON.stringify(content)} at ${offset}`, [{ offset, length: 0, content }]]);
    }
  }
  return out;
}

/**
 * The edits of two to four of the planners' operations as one commit, as a batch gives them to
 * the session: only those whose edits neither overlap nor touch (the session applies such a step
 * after the one it meets).
 */
function combinedEdits(planned: readonly [string, TextEdit[], boolean][], rnd: () => number, count: number): [string, TextEdit[]][] {
  const out: [string, TextEdit[]][] = [];
  for (let n = 0; n < count * 4 && out.length < count && planned.length > 1; n++) {
    const picked = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => planned[Math.floor(rnd() * planned.length)]!);
    const edits = picked.flatMap(([, e]) => e).sort((a, b) => a.offset - b.offset);
    if (edits.some((e, i) => i > 0 && edits[i - 1]!.offset + edits[i - 1]!.length >= e.offset)) continue;
    out.push([picked.map(([what]) => what).join(' + '), edits]);
  }
  return out;
}

/** Own samples, and whether their values are spaced from their neighbours (so that a new value joins no token). */
const OWN: [string, string, boolean][] = [
  ['shared lines and option tables', 'a = "x"; b = 2 -- c\nVirtualHost "h" { x = 1, y = "s" }\nVirtualHost "i" z = true\n', true],
  ['CRLF, no final newline', 'VirtualHost "h"\r\n\tauthentication = "anonymous" -- do not delete me\r\n\tc2s_require_encryption = false', true],
  ['values packed against their neighbours', 'a="x"b=2 c=1--[[k]]d=true;e=-1 f={1}g=\'y\'\nVirtualHost"h"{x=1}i=0x1\n', false],
  [
    'Prosody 13 readers',
    'app_secret = Credential("jitsi-app-secret")\nVirtualHost "h"\n  ldap_password = FileLine \'secrets/ldap\'\n  ssl = { key = FileContents("/k"); n = 1 }\n  x = 1\n',
    true,
  ],
  [
    'Prosody 13 appends and references',
    'modules_enabled = { "a"; "b" }\nmodules_enabled:append { "c" }\nx = 1\nVirtualHost "h"\n  admins = { "p" }\n  admins { "q", "r" }\n  admins:append { "s" } { "t" }\n  base = "meet"\n  muc = "lobby." .. base\n  home = Lua.os.getenv("HOME")\n  y = 2\nComponent "c" "muc"\n  modules_enabled:append { "m" }\n  z = true\n',
    true,
  ],
  ['block comments and parentheses', '--[[ a\nb ]] x = (1) --[==[ c ]==]\nVirtualHost "h"\n  y = -0.5\n', true],
];

describe('local verification gives the whole parse’s model, or declines', () => {
  const files: [string, string, boolean][] = [...OWN];
  if (corpusAvailable()) for (const rel of corpusFiles('prosody', ['.cfg.lua'])) files.push([rel, readCorpusLatin1(rel), true]);

  it.each(files)('%s', (_name, text, spaced) => {
    const planned = plannedEdits(text);
    const declined: string[] = [];
    let expected = 0;
    for (const [what, edits, local] of planned) {
      const taken = compare(text, edits, what);
      if (local) expected++;
      if (local && !taken) declined.push(what);
    }
    // Of the planners' own edits of the kinds it takes, it takes nearly all (not those that would join a token).
    if (spaced) expect(declined.length, declined.join('\n')).toBeLessThanOrEqual(expected / 20);
    const rnd = seeded(text.length + 1);
    let taken = 0;
    for (const [what, edits] of randomEdits(text, rnd, 120)) if (compare(text, edits, what)) taken++;
    // Random edits: most are declined, and some taken (so the comparison is made).
    expect(taken).toBeGreaterThan(0);
    // A batch: the edits of a few operations planned on the same text, applied together.
    const combined = combinedEdits(
      planned.filter(([, , local]) => local),
      rnd,
      40,
    );
    let together = 0;
    for (const [what, edits] of combined) if (compare(text, edits, what)) together++;
    if (spaced && combined.length >= 5) expect(together).toBeGreaterThan(combined.length / 2);
  });
});

// Past 65,536 nodes the parser keeps no list of the tree's ranges, and a local re-parse walks the
// tree to shift it: the same model either way.
describe('a tree too large for the list of ranges', () => {
  const big = ['admins = { "a@x" }', 'VirtualHost "h"', ...Array.from({ length: 22_000 }, (_, i) => `    k${i} = "v${i}" -- ${i}`), ''].join('\n');

  it('is shifted by a walk, and gives the whole parse’s model', () => {
    const s = { text: big, parsed: buildModel(big) };
    expect((s.parsed.chunk as Chunk & { nodeRanges: NodeRanges | null }).nodeRanges).toBeNull();
    const h = { host: 'h' };
    const edits: [string, TextEdit[]][] = [
      ['a value early in the file', planSet(s, h, [['k1', 'edited']])],
      [
        'a value and a line',
        planSet(s, h, [
          ['k20000', 7],
          ['new_key', true],
        ]),
      ],
      ['a host after the first', planAddSection(s, { host: 'g.h' }, [['authentication', 'anonymous']], 'global')],
    ];
    for (const [what, planned] of edits) expect(compare(big, planned, what), what).toBe(true);
  });
});

/** Local verification declines `edits` on `text`, and leaves the model it was given as it was. */
function declines(text: string, edits: readonly TextEdit[]): void {
  const model = buildModel(text);
  expect(reparseLocally(model, applyEdits(text, edits), edits)).toBeUndefined();
  expectSameModel(model, buildModel(text), 'declined');
  expect((model.chunk as { constants?: number }).constants).toBe((buildModel(text).chunk as { constants?: number }).constants);
}

describe('local verification declines by rule', () => {
  it.each([
    ['a name joined to the value after it', 'x = "a"y = 1\n', 'x = ', '"a"', '2'],
    ['a name joined to the value before it', 'x =y\n', 'x =', 'y', '1'],
    ['a value that is not a literal', 'x = 1\n', 'x = ', '1', 'y'],
    ['two values', 'x = 1\n', 'x = ', '1', '1 2'],
    ['a value with a comment', 'x = 1\n', 'x = ', '1', '1 --'],
    ['a long string', 'x = [[a]]\n', 'x = ', '[[a]]', '"b"'],
    ['a value in a table', 'x = { 1 }\n', 'x = { ', '1', '2'],
    ['a call', 'x = f(1)\n', 'x = f(', '1', '2'],
    ['a reader for a literal', 'x = 1\n', 'x = ', '1', 'Credential("x")'],
    ['a reader called with a string for a literal', 'x = "s"\n', 'x = ', '"s"', "FileLine 'p'"],
    ['a literal for a reader', 'x = Credential("x")\n', 'x = ', 'Credential("x")', '"s"'],
    ['a reader for a reader', 'x = Credential("x")\n', 'x = ', 'Credential("x")', 'Credential("y")'],
    ['the name a reader reads', 'x = Credential("x")\n', 'x = Credential(', '"x"', '"y"'],
    ['an item of an append', 'x = { "a" }\nx:append { "b" }\n', 'x:append { ', '"b"', '"c"'],
    ['an item of an append called with a table', 'x = { "a" }\nx { "b" }\n', 'x { ', '"b"', '"c"'],
    ['a value a reference reads', 'x = 1\ny = "a" .. x\n', 'y = "a" .. ', 'x', '2'],
  ])('%s', (_name, text, before, old, content) => {
    const offset = text.indexOf(before) + before.length;
    expect(text.slice(offset, offset + old.length)).toBe(old);
    const edits = [{ offset, length: old.length, content }];
    declines(text, edits);
  });

  it.each([
    ['after a return', 'x = 1\nreturn\n', 13, 'y = 2\n'],
    ['an assignment to a <const> local', 'local y <const> = 1\n', 20, 'y = 2\n'],
    ['inside a block comment', '--[[\n]]\n', 5, 'y = 2\n'],
    ['inside a statement', 'x = {\n1 }\n', 6, 'y = 2\n'],
    ['a local', 'x = 1\n', 6, 'local y = 2\n'],
    ['a call that is no header', 'x = 1\n', 6, 'os.exit()\n'],
    ['a setting read by a reader', 'x = 1\n', 6, 'y = Credential("x")\n'],
    ['an append', 'x = { 1 }\n', 10, 'x:append { 2 }\n'],
    ['an append called with a table', 'x = { 1 }\n', 10, 'x { 2 }\n'],
    ['an append before the list it adds to', 'x = { 1 }\n', 0, 'x:append { 2 }\n'],
    ['a setting that reads another', 'x = 1\n', 6, 'y = "a" .. x\n'],
    ['a table holding a reader', 'x = 1\n', 6, 'y = { k = FileContents("/k") }\n'],
    ['a line without its break', 'x = 1\n', 6, 'y = 2'],
    ['a comment', 'x = 1\n', 6, 'y = 2 -- c\n'],
  ])('inserting %s', (_name, text, offset, content) => {
    declines(text, [{ offset, length: 0, content }]);
  });

  it('near 255 constants, where names start to take registers', () => {
    const names = (n: number): string => Array.from({ length: n }, (_, i) => `k${i} = ${i}`).join('\n');
    // Each line lists two constants (the name and the numeral); three more are always counted.
    const text = `${names(126)}\n`;
    expect((buildModel(text).chunk as { constants?: number }).constants).toBe(255);
    // Declined after the edit was planned (its constants counted): the model is left as it was.
    declines(text, [{ offset: text.length, length: 0, content: 'z = 1\n' }]);
    const fewer = `${names(100)}\n`;
    expect(reparseLocally(buildModel(fewer), `${fewer}z = 1\n`, [{ offset: fewer.length, length: 0, content: 'z = 1\n' }])).toBeDefined();
  });
});

describe('the kind’s reparse in core’s session', () => {
  const HOST = { host: 'meet.example.com' };
  const TEXT = ['admins = { "focus@auth.meet.example.com" }', '', 'VirtualHost "meet.example.com"', '\tauthentication = "anonymous"', '\tc2s_require_encryption = false', ''].join(
    '\r\n',
  );

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('takes the previous model over where it verifies locally, and parses the whole text otherwise', () => {
    const edits = [{ offset: TEXT.indexOf('"anonymous"'), length: '"anonymous"'.length, content: '"internal_hashed"' }];
    const text = applyEdits(TEXT, edits);
    const before = prosodyKind.parse(TEXT);
    const chunk = before.chunk;
    const after = prosodyKind.reparse!(text, { before: TEXT, edits, takePrevious: () => before });
    expect(after.chunk).toBe(chunk);
    expectSameModel(after, buildModel(text), 'replaced');
    // Without the previous model (the session has none at hand), and for an edit it declines: a whole parse.
    const whole = prosodyKind.reparse!(text, { before: TEXT, edits, takePrevious: () => undefined });
    expect(whole.chunk).not.toBe(chunk);
    expectSameModel(whole, after, 'parsed whole');
    const previous = prosodyKind.parse(TEXT);
    const removal = [{ offset: TEXT.indexOf('\tc2s'), length: '\tc2s_require_encryption = false\r\n'.length, content: '' }];
    const removed = prosodyKind.reparse!(applyEdits(TEXT, removal), { before: TEXT, edits: removal, takePrevious: () => previous });
    expect(removed.chunk).not.toBe(previous.chunk);
    expectSameModel(removed, buildModel(applyEdits(TEXT, removal)), 'removed');
  });

  it('verifies a set, and a small batch, without a whole parse; a delete and a large batch with one', () => {
    const whole = vi.spyOn(prosodyKind, 'parse');
    const session = new EditSession(prosodyKind, TEXT);
    expect(whole).toHaveBeenCalledTimes(1);
    const chunk = session.snapshot.parsed.chunk;
    session.commit(setStep(HOST, 'authentication', 'internal_hashed'));
    session.commit(setStep(HOST, 'muc_mapper_domain_base', 'meet.example.com'));
    session.batch(() => {
      session.commit(setStep(HOST, 'authentication', 'jitsi-anonymous'));
      session.commit(setStep('global', 'c2s_require_encryption', true));
    });
    expect(whole).toHaveBeenCalledTimes(1);
    expect(session.snapshot.parsed.chunk).toBe(chunk);
    expectSameModel(session.snapshot.parsed, buildModel(session.toString()), session.toString());
    expectRangesListed(session.snapshot.parsed, 'after four local re-parses');
    session.commit(deleteStep(HOST, 'c2s_require_encryption'));
    expect(whole).toHaveBeenCalledTimes(2);
    expect(session.snapshot.parsed.chunk).not.toBe(chunk);
    // Nine settings added at one place: each next to the one before, so each applied on its own.
    session.batch(() => {
      for (let i = 0; i < 9; i++) session.commit(setStep(HOST, `key${i}`, i));
    });
    expect(whole).toHaveBeenCalledTimes(2);
    expectSameModel(session.snapshot.parsed, buildModel(session.toString()), 'nine insertions');
    expectRangesListed(session.snapshot.parsed, 'nine insertions');
    // Nine values replaced, applied together: more edits than it verifies locally.
    session.batch(() => {
      for (let i = 0; i < 9; i++) session.commit(setStep(HOST, `key${i}`, i * 10 + 1));
    });
    expect(whole).toHaveBeenCalledTimes(3);
    expectSameModel(session.snapshot.parsed, buildModel(session.toString()), session.toString());
    expect(session.toString()).toBe(
      [
        'admins = { "focus@auth.meet.example.com" }',
        'c2s_require_encryption = true',
        '',
        'VirtualHost "meet.example.com"',
        '\tauthentication = "jitsi-anonymous"',
        '\tmuc_mapper_domain_base = "meet.example.com"',
        ...Array.from({ length: 9 }, (_, i) => `\tkey${i} = ${i * 10 + 1}`),
        '',
      ].join('\r\n'),
    );
  });

  it('leaves nothing changed when a step’s read-back fails after a local verification', () => {
    const session = new EditSession(prosodyKind, TEXT);
    const step = setStep(HOST, 'authentication', 'internal_hashed');
    expect(() => session.commit({ ...step, check: () => 'refused by the test' })).toThrow('refused by the test');
    expect(session.toString()).toBe(TEXT);
    expectSameModel(session.snapshot.parsed, buildModel(TEXT), 'rolled back');
    session.commit(step);
    expectSameModel(session.snapshot.parsed, buildModel(session.toString()), session.toString());
  });
});
