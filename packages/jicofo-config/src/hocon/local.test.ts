/**
 * The proof of local verification (local.ts): wherever it builds a parse from the previous one, a
 * whole-file parse of the same text gives the same tree, the same fields and the same merged model,
 * node for node. On every real jicofo.conf (also with CRLF line breaks and without its final line
 * break) and on own layouts: every field's value replaced by the values set() writes and by raw
 * texts that try every trap (a token joined across the splice, a comment, a line break, a
 * substitution, an object, a concatenation, deeper nesting, a control character, a syntax error);
 * the edits set() and delete() plan for every object and every key; several edits inside one object;
 * and edits anywhere.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '@jitsi-confkit/core';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../../test/support/corpus.js';
import { generator, pick, type Rnd } from '../test-support/fuzz.js';
import { formatValue, type HoconInput } from './format.js';
import { hoconKind } from './kind.js';
import { reparseLocally, reparseValue } from './local.js';
import { mergedValue, type Merged } from './model.js';
import { MAX_DEPTH } from './parse.js';
import { planDelete, planSet } from './paths.js';
import type { HoconParse } from './snapshot.js';
import { parseJicofoConf, type HoconDocument } from './document.js';
import { workOf } from '../test-support/work.js';

/** What set() writes for these values, quoted and unquoted where it can. */
const WRITTEN: string[] = (
  [0, -0, 41, 2.5, 1e21, true, false, '', 'XMPP', 'meet.example.com', '20 seconds', 'true', 'a "q" \\ }', 'x\ny', 'é\u2028', [], [1, 'x'], [[1, [2]]], { k: 1 }] as HoconInput[]
).flatMap((v) => [formatValue(v, { quoting: 'quoted', arrayPadding: false, separator: ' = ' }), formatValue(v, { quoting: 'unquoted', arrayPadding: true, separator: ': ' })]);

/** Raw texts in place of a value: what must not pass for a value replaced by a value. */
const TRAPS = [
  'x',
  'truex',
  'true',
  'null',
  '1abc',
  '1.',
  '-',
  '.5',
  '1e3',
  '1e+3',
  'a.b',
  'a b',
  'x"y"',
  '"q"',
  '"""t\n"""',
  '"""a""""',
  '[ ]',
  '[1, [2]]',
  '[[[[[[1]]]]]]',
  '[1] [2]',
  '[1] x',
  '{a = 1}',
  '[{a = 1}]',
  '${X}',
  '${?X} x',
  'x // c',
  'x # c',
  'x#',
  '1 }',
  '1,',
  '1, b = 2',
  ' 1',
  '1 ',
  '',
  'x\ny',
  '1\n',
  '"unterminated',
  '\u0001',
  '\ufffd',
  '"\u0085"',
  'a/',
  'a:',
  'a=1',
  '+',
  'include "x"',
];

/** The merged model, as offsets: what each path holds, where from. */
function modelView(m: Merged): unknown {
  if (m.kind === 'leaf') return ['leaf', m.field.start, m.field.value.start, m.field.value.end];
  return {
    contributors: m.contributors.map((c) => (c.kind === 'block' ? ['block', c.node.start, c.node.end] : ['dotted', c.field.start, c.depth, c.parent.start])),
    base: m.base?.field.start,
    entries: [...m.entries].map(([k, v]) => [k, modelView(v)]),
  };
}

function view(parse: HoconParse): string {
  return JSON.stringify([parse.text, parse.root, parse.fields.map((f) => [f.start, f.end]), modelView(parse.model), mergedValue(parse.model, parse.text)]);
}

interface Tally {
  /** Commits parsed locally: a value replaced, edits inside a block; and those parsed whole. */
  value: number;
  block: number;
  whole: number;
}

const tally = (): Tally => ({ value: 0, block: 0, whole: 0 });

/** One commit: where local verification builds a parse, it is the whole-file parse's. */
function expectSound(text: string, planned: TextEdit[], counts: Tally, what: string): void {
  const edits = planned.filter((e) => text.slice(e.offset, e.offset + e.length) !== e.content);
  if (edits.length === 0) return; // not an edit
  const edited = applyEdits(text, edits);
  const local = reparseLocally(edited, hoconKind.parse(text), edits);
  if (local === undefined) {
    counts.whole++;
    return;
  }
  if (edits.length === 1 && reparseValue(edited, hoconKind.parse(text), edits[0]!) !== undefined) counts.value++;
  else counts.block++;
  let whole: HoconParse | string;
  try {
    whole = hoconKind.parse(edited);
  } catch (error) {
    whole = (error as Error).message;
  }
  expect([what, typeof whole === 'string' ? whole : view(whole)]).toEqual([what, view(local)]);
}

/** Pieces of HOCON to write inside an object. */
const PIECES = ['\n  x = 1', ', y = 2', '\n  z { w = [1] }', 'k.l = m', '\n}', '{', '}', '# c', '// c\n', '"', '\n', ',', '${X}', ' += 1', 'include "f"', '\r\n  n = 0'];

/**
 * Every field's value replaced (`perField` texts), the edits set() and delete() plan for a new key
 * in every object and for every key, `perField` commits of several edits inside one object, and as
 * many edits anywhere.
 */
function sweep(text: string, rnd: Rnd, perField: number, counts: Tally): void {
  const parse = hoconKind.parse(text);
  const snapshot = { text, parsed: parse };
  const objects: string[][] = [[]];
  for (const field of parse.fields) {
    const { start, end } = field.value;
    for (let i = 0; i < perField; i++) {
      const content = pick(rnd, i % 2 === 0 ? WRITTEN : TRAPS);
      expectSound(text, [{ offset: start, length: end - start, content }], counts, `${JSON.stringify(text.slice(start, end))} -> ${JSON.stringify(content)}`);
    }
  }
  const leaves: string[][] = [];
  const paths = (m: Merged, prefix: string[]): void => {
    if (m.kind !== 'object') {
      leaves.push(prefix);
      return;
    }
    if (prefix.length > 0) objects.push(prefix);
    for (const [k, v] of m.entries) paths(v, [...prefix, k]);
  };
  paths(parse.model, []);
  const planned = (plan: () => TextEdit[], what: string): void => {
    let edits: TextEdit[];
    try {
      edits = plan();
    } catch {
      return; // refused by the planner: nothing to verify
    }
    expectSound(text, edits, counts, what);
  };
  for (const path of objects) {
    planned(() => planSet(snapshot, [...path, 'confkit-new'], pick(rnd, [1, 'XMPP', [2], { a: { b: 'c' } }])), `set ${path.join('.')}.confkit-new`);
    planned(() => planDelete(snapshot, path), `delete ${path.join('.')}`);
  }
  for (const path of leaves) if (rnd(perField) === 0) planned(() => planDelete(snapshot, path), `delete ${path.join('.')}`);
  const blocks = parse.fields.map((f) => f.value).filter((v) => v.kind === 'object');
  for (let i = 0; i < perField && blocks.length > 0; i++) {
    const block = pick(rnd, blocks);
    const inner = block.end - block.start - 1;
    const at = [1 + rnd(inner), 1 + rnd(inner)].sort((a, b) => a - b).map((o) => block.start + o);
    const edits = [
      { offset: at[0]!, length: rnd(Math.min(4, at[1]! - at[0]!) + 1), content: pick(rnd, PIECES) },
      { offset: at[1]!, length: 0, content: pick(rnd, PIECES) },
    ];
    if (edits[0]!.offset + edits[0]!.length >= edits[1]!.offset) edits.pop();
    expectSound(text, edits, counts, `inside ${block.start}: ${JSON.stringify(edits)}`);
  }
  for (let i = 0; i < perField; i++) {
    const offset = rnd(text.length + 1);
    const length = rnd(Math.min(12, text.length - offset) + 1);
    const content = pick(rnd, [...WRITTEN, ...TRAPS, ...PIECES]);
    expectSound(text, [{ offset, length, content }], counts, `at ${offset}+${length} -> ${JSON.stringify(content)}`);
  }
}

const LAYOUTS = [
  'a = 1\nb = "two"\nc = three\nd = [1, 2]\ne { f = 1, g = x }\n',
  'a=1,b=2\nc:[1,[2]]//c\nd = 15 seconds # c\n',
  'j {\r\n  a =\r\n    1\r\n  b = """x\r\ny"""\r\n  c = [\r\n    1\r\n    2\r\n  ]\r\n}\r\n',
  'x { y { z = ${Y}, w = 1 } }\nx.y.v = true\nx { y = 5 }\nx.y { u = "u" }',
  'arr = [ { a = 1 }, [ 2, x ] ]\nopaque = [1] [2]\nplus += 3\nk = v',
  '{ "quoted.key" = 1, "a b" = [ "c" ] }',
  'last = 1',
];

describe('local verification gives the whole-file parse', () => {
  it.each(LAYOUTS.map((text, i) => [i, text] as const))('own layout %i: every field, every written value and trap', (i, text) => {
    const counts = tally();
    const parse = hoconKind.parse(text);
    for (const field of parse.fields) {
      const { start, end } = field.value;
      for (const content of [...WRITTEN, ...TRAPS])
        expectSound(text, [{ offset: start, length: end - start, content }], counts, `${JSON.stringify(text.slice(start, end))} -> ${JSON.stringify(content)}`);
    }
    sweep(text, generator(20261209 + i), 30, counts);
    expect(counts.value).toBeGreaterThan(20);
    expect(counts.whole).toBeGreaterThan(20);
  });

  it('own layouts: edits inside objects are parsed locally', () => {
    const counts = tally();
    LAYOUTS.forEach((text, i) => sweep(text, generator(20261211 + i), 30, counts));
    expect(counts.block).toBeGreaterThan(50);
  });

  // The innermost value sits at the nesting limit: one more level of array is refused by the parse.
  it('a value at the nesting limit', () => {
    const n = MAX_DEPTH - 2;
    const text = `${'k { '.repeat(n)}v = [1]${' }'.repeat(n)}\n`;
    const offset = text.indexOf('[1]');
    const counts = tally();
    expectSound(text, [{ offset, length: 3, content: '[[1]]' }], counts, 'deeper');
    expectSound(text, [{ offset, length: 3, content: '[2, 3]' }], counts, 'as deep');
    expectSound(text, [{ offset: offset - 4, length: 0, content: 'w = [[1]], ' }], counts, 'a field with a value too deep');
    expectSound(text, [{ offset: offset - 4, length: 0, content: 'w = [1], ' }], counts, 'a field with a value as deep');
    expect(counts).toEqual({ value: 1, block: 1, whole: 2 });
    expect(() => hoconKind.parse(applyEdits(text, [{ offset, length: 3, content: '[[1]]' }]))).toThrow(`more than ${MAX_DEPTH} levels`);
  });

  // An object no edit reaches into is taken, not read again, only where the reader meets it at the
  // level it had and outside any array: here each is met otherwise, and the parse refuses the text.
  it('an object the edits leave alone, met at another level or inside an array', () => {
    const counts = tally();
    const n = MAX_DEPTH - 3;
    const deep = `j {\n  a { ${'k { '.repeat(n)}v = 1${' }'.repeat(n)} }\n  b = 2\n}\n`;
    const key = deep.indexOf('a {');
    // `a.x.y {`: the object after it has its fields two levels deeper, past the limit.
    expectSound(deep, [{ offset: key, length: 1, content: 'a.x.y' }], counts, 'two levels deeper');
    expect(() => hoconKind.parse(applyEdits(deep, [{ offset: key, length: 1, content: 'a.x.y' }]))).toThrow(`more than ${MAX_DEPTH} levels`);
    const plus = 'j {\n  a.b { p += 1 }\n  c = 2\n}\n';
    const at = plus.indexOf('a.b ');
    const close = plus.indexOf('}') + 1;
    // `a = [{ p += 1 }]`: the same level, now inside an array, where `+=` is refused.
    const intoArray = [
      { offset: at, length: 4, content: 'a = [' },
      { offset: close, length: 0, content: ']' },
    ];
    expectSound(plus, intoArray, counts, 'inside an array');
    expect(() => hoconKind.parse(applyEdits(plus, intoArray))).toThrow("'+=' cannot be used inside an array");
    expect(counts).toEqual({ value: 0, block: 0, whole: 2 });
  });

  it('reads again an object whose first or last character an edit replaces', () => {
    const counts = tally();
    const text = 'j {\n  a { x = 1 }\n  b = 2\n}\n';
    const close = text.indexOf('}');
    expectSound(text, [{ offset: close, length: 1, content: '\n    y = 2\n  }' }], counts, 'its closing brace');
    const open = text.indexOf('{ x');
    expectSound(text, [{ offset: open, length: 1, content: '{ w = 0,' }], counts, 'its opening brace');
    expect(counts).toEqual({ value: 0, block: 2, whole: 0 });
  });

  it('takes the objects the edits leave alone, moved, instead of reading them again', () => {
    const text = 'j {\n  a { x = 1 }\n  b { y { z = 2 } }\n  c = 3\n}\n';
    const previous = hoconKind.parse(text);
    const objects = previous.fields.filter((f) => f.value.kind === 'object').map((f) => f.value);
    const edits = [{ offset: text.indexOf('  b {'), length: 0, content: '  n { m = 1 }\n' }];
    const edited = applyEdits(text, edits);
    const local = reparseLocally(edited, previous, edits)!;
    expect(view(local)).toBe(view(hoconKind.parse(edited)));
    const after = local.fields.filter((f) => f.value.kind === 'object').map((f) => f.value);
    // j (edited) is read again, n is new; a, b and b.y are the old objects (b and b.y moved).
    expect(after.map((o) => objects.indexOf(o))).toEqual([-1, 1, -1, 2, 3]);
  });

  it.skipIf(!corpusAvailable())(
    'every real jicofo.conf, with CRLF and without its final line break',
    () => {
      const files = corpusFiles('jicofo', ['.conf']);
      expect(files.length).toBeGreaterThanOrEqual(10);
      const rnd = generator(20261210);
      const counts = tally();
      for (const rel of files) {
        const text = readCorpus(rel);
        for (const variant of [text, text.replace(/\r?\n/g, '\r\n'), text.replace(/\s+$/, '')]) sweep(variant, rnd, 2, counts);
      }
      expect(counts.value).toBeGreaterThan(1000);
      expect(counts.block).toBeGreaterThan(300);
      expect(counts.whole).toBeGreaterThan(300);
    },
    120_000,
  );
});

describe('local verification declines what it cannot prove', () => {
  const declines = (text: string, from: string, content: string): boolean => {
    const offset = text.indexOf(from);
    const edit = { offset, length: from.length, content };
    return reparseLocally(applyEdits(text, [edit]), hoconKind.parse(text), [edit]) === undefined;
  };

  it.each([
    ['an object in place of a value', 'a = 1\n', '1', '{ k = 1 }'],
    ['a value in place of an object', 'a { k = 1 }\n', '{ k = 1 }', '1'],
    ['an edit at the root, outside every object', 'a = 1\nb = 2\n', 'b = 2\n', ''],
    ['an edit of a brace', 'a { k = 1 }\n', '}', ''],
    ['an object that no longer ends at its brace', 'a { k = 1 }\nb = 2\n', 'k = 1', 'k = { x = 1'],
    ['a substitution', 'a = 1\n', '1', '${X}'],
    ['a value replaced in part', 'a = 15 seconds\n', '15', '20'],
    ['a value that joins the comment after it', 'a = 1// c\n', '1', 'x/'],
    ['a concatenation', 'a = [1]\n', '[1]', '[1] [2]'],
    ['deeper nesting than the value replaced', 'a = [1]\n', '[1]', '[[1]]'],
    ['a value that does not end where the new text ends', 'a = 1\n', '1', 'x\ny'],
    ['a control character', 'a = "x"\n', '"x"', '"\u0085"'],
    ['a syntax error', 'a = 1\n', '1', '"x'],
    ['an edit that is not a value', 'a = 1\n', 'a', 'b'],
  ])('%s', (_name, text, from, content) => {
    expect(declines(text, from, content)).toBe(true);
  });

  it('builds the parse for a literal replaced by a literal, and for edits inside an object', () => {
    expect(declines('a = [1, [2]]\nb = 2\n', '[1, [2]]', '["x", []]')).toBe(false);
    expect(declines('a = NONE # c\n', 'NONE', '"meet.example.com"')).toBe(false);
    expect(declines('j {\n  a = 1\n}\n', '  a = 1\n', '  a = 1\n  b { c = 2 }\n')).toBe(false);
    expect(declines('j {\n  a = 1\n  b = 2\n}\n', '  a = 1\n', '')).toBe(false);
  });
});

// The session hands the kind the previous parse with each commit's edits (core's reparse hook):
// a value replaced in a large file costs a fraction of the whole-file parse, in a batch too.
describe('the document verifies a replaced value locally', () => {
  const big = ['jicofo {', ...Array.from({ length: 3000 }, (_, i) => `  key${i} = "value ${i}"`), '}', ''].join('\n');

  it.each<[string, (doc: HoconDocument) => unknown]>([
    ['one set', (doc) => doc.set('jicofo.key1500', 'edited')],
    ['one set in a batch', (doc) => doc.batch((d) => d.set('jicofo.key1500', 'edited'))],
  ])('%s: a tenth of the work of a parse, and the same text and values as the whole-file parse', (_name, edit) => {
    const parse = workOf(() => hoconKind.parse(big));
    const doc = parseJicofoConf(big);
    const spent = workOf(() => edit(doc));
    expect(spent).toBeLessThan(parse / 10);
    const expected = big.replace('key1500 = "value 1500"', 'key1500 = "edited"');
    expect(doc.toString()).toBe(expected);
    expect(doc.get('jicofo')).toEqual(parseJicofoConf(expected).get('jicofo'));
  });
});

// The block's new object is read while the old one is garbage: nothing of the previous parse may
// still reach the old fields then, the style's votes that were not counted yet included.
describe('local verification of a block takes the previous parse apart first', () => {
  it.each([
    ['LF', 'j {\n  a = 1\n  b = "x"\n}\n'],
    ['CRLF, tabs, no final line break', 'j {\r\n\ta: 1\r\n\tb: "x"\r\n}'],
  ])('%s: the fields, the model and the style of the previous parse read nothing of the old object', (_name, text) => {
    const previous = hoconKind.parse(text);
    const style = previous.style;
    const at = text.indexOf('b');
    const edits = [{ offset: at, length: 0, content: 'c = 2, ' }];
    expect(reparseLocally(applyEdits(text, edits), previous, edits)).toBeDefined();
    expect([previous.fields, [...previous.model.entries.keys()], previous.style === style, previous.style.separator, previous.style.values.quoting]).toEqual([
      [],
      [],
      false,
      undefined,
      'quoted',
    ]);
  });
});
