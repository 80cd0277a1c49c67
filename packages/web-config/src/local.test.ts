/**
 * Local verification (local.ts) against the whole parse. The proof that it is sound: on every
 * config.js and interface_config.js of the real corpus, chains of random edits (the planners' own,
 * and hostile ones: brackets, quotes, comment and template markers, `-->`, line separators, edits
 * across a value's end) are parsed both ways, and wherever the local parse accepts, the whole
 * parse accepts too and gives the same AST node for node (every field but `loc`), the same
 * comments and the same writers. Each chain goes on from the locally built model, so that errors
 * would add up.
 */
import { applyEdits, sortEdits, type TextEdit } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { planAddToArray, planRemoveFromArray } from './arrays.js';
import { scriptKind } from './kind.js';
import { reparseLocally } from './local.js';
import { type Root, ScriptModel } from './model.js';
import type { PlanContext } from './plan.js';
import { resolve } from './read.js';
import { serializeValue } from './serialize.js';
import { planSet } from './set.js';
import type { JsValue } from './values.js';
import { type Random, seededRandom } from '../../../test/support/random.js';

/** The AST as plain data, every field but the `loc` positions (line and column, which this package never reads). */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'loc' && !k.endsWith('Loc')) out[k] = plain(v);
  return out;
}

function writersOf(model: ScriptModel): unknown[] {
  return model.writers.all.map((w) => ({
    path: w.path,
    value: [w.value.type, w.value.start, w.value.end],
    statement: [w.statement.start, w.statement.end],
    assignment: w.assignment,
    shared: w.shared,
    conditional: w.conditional,
  }));
}

/** Every path of the object literals the writers write, to three levels. */
function pathsOf(model: ScriptModel): string[][] {
  const out: string[][] = [];
  const visit = (node: { type: string; [k: string]: unknown }, path: string[]): void => {
    if (node.type !== 'ObjectExpression' || path.length > 3) return;
    for (const p of node.properties as { type: string; key: { type: string; name?: string; value?: unknown }; value: typeof node }[]) {
      const name = p.type === 'ObjectProperty' ? (p.key.name ?? String(p.key.value)) : undefined;
      if (name === undefined) continue;
      out.push([...path, name]);
      visit(p.value, [...path, name]);
    }
  };
  for (const w of model.writers.all) {
    out.push(w.path);
    visit(w.value as never, w.path);
  }
  return out;
}

/** How each path of `paths` resolves: what it finds, where. */
function resolutions(model: ScriptModel, paths: string[][]): unknown[] {
  return paths.map((path) => {
    const r = resolve(model, path);
    return r.kind === 'found'
      ? [r.kind, r.node.start, r.node.end, r.laterWrites.length]
      : r.kind === 'missing'
        ? [r.kind, r.object?.start, r.laterWrites.length]
        : [r.kind, r.node.start, r.reason];
  });
}

/** Expects the local model to be the whole parse's, node for node, and to resolve every path as it does. */
function expectSameModel(local: ScriptModel, whole: ScriptModel, where: string): void {
  expect(local.text === whole.text, where).toBe(true);
  expect(plain(local.ast), where).toEqual(plain(whole.ast));
  expect(writersOf(local), where).toEqual(writersOf(whole));
  const paths = [...pathsOf(whole), ['zz'], ['hosts', 'zz']];
  expect(resolutions(local, paths), where).toEqual(resolutions(whole, paths));
}

/** The nodes of literal values: what the writers write, and the values inside their object and array literals. */
function literalNodes(model: ScriptModel): { start: number; end: number; container: boolean }[] {
  const out: { start: number; end: number; container: boolean }[] = [];
  const visit = (node: { type: string; start?: number | null; end?: number | null; [k: string]: unknown }): void => {
    const container = node.type === 'ArrayExpression' || node.type === 'ObjectExpression';
    out.push({ start: node.start!, end: node.end!, container });
    if (node.type === 'ArrayExpression') for (const e of node.elements as (typeof node | null)[]) if (e) visit(e);
    if (node.type === 'ObjectExpression') for (const p of node.properties as (typeof node)[]) if (p.type === 'ObjectProperty') visit(p.value as typeof node);
  };
  for (const w of model.writers.all) visit(w.value as never);
  return out;
}

const JUNK = [
  "'",
  '"',
  '`',
  '${',
  '/*',
  '*/',
  '//',
  '\n',
  '\r\n',
  '\u2028',
  '-->',
  '<!--',
  '\\',
  ']',
  '[',
  '}',
  '{',
  ')',
  '(',
  ',',
  ':',
  ';',
  '/',
  '.',
  '-',
  '+',
  '1',
  '0x1',
  '010',
  'a',
  'in',
  'yield',
  'await',
  '__proto__: 1,',
  '...x',
  ' ',
  "'x',",
  'x: 1,',
  '/* c */',
  '// c\n',
  "'a' + 'b'",
  '[1] || [2]',
  'f()',
  '(1)',
  "('x')",
  '({})',
  ', 1',
  '\n- 1',
  '++',
  '=',
];
const VALUES: JsValue[] = ['x', "it's", '</script>', -0, 1.5, -2, true, null, [], {}, ['a', 'b'], { a: 1, b: [true] }, [{ k: 'v' }], 'line\nbreak'];

function junk(random: Random): string {
  return Array.from({ length: 1 + random.int(3) }, () => random.pick(JUNK)).join('');
}

/** One random edit list against `model`: a planner's, or a hostile one in or around a literal value. */
function randomEdits(model: ScriptModel, random: Random, root: Root): TextEdit[] {
  const text = model.text;
  const nodes = literalNodes(model);
  const ctx: PlanContext = { overlay: false, validate: () => {} };
  const snapshot = { text, parsed: model };
  const node = nodes.length > 0 ? random.pick(nodes) : { start: 0, end: text.length, container: false };
  const paths = model.writers.all.map((w) => w.path).filter((p) => p.length > 0);
  const choice = random.int(9);
  try {
    if (choice === 0 && paths.length > 0) return [...planSet(snapshot, ctx, random.pick(paths), random.pick(VALUES)).edits];
    if (choice === 1) {
      const keys =
        root === 'config'
          ? random.pick([['toolbarButtons'], ['hosts', 'domain'], ['p2p', 'stunServers'], ['zz']])
          : random.pick([['OPTIMAL_BROWSERS'], ['TOOLBAR_BUTTONS'], ['zz']]);
      return random.next() < 0.5
        ? [...planAddToArray(snapshot, ctx, keys, random.pick(VALUES), (items) => random.int(items.length + 1)).edits]
        : [...planRemoveFromArray(snapshot, ctx, keys, random.pick(['chat', 'firefox', 'camera'])).edits];
    }
  } catch {
    // A planner's refusal: make a hostile edit instead.
  }
  const style = { quote: random.pick(["'", '"'] as const), unit: '    ', pad: random.pick(['', ' '] as const), trailingComma: random.next() < 0.5 };
  if (choice <= 3)
    return [{ offset: node.start, length: node.end - node.start, content: random.next() < 0.6 ? serializeValue(random.pick(VALUES), style, '', '\n') : junk(random) }];
  if (choice <= 6 && node.container && node.end - node.start > 2) {
    // Inside the brackets: an insertion, a deletion or a replacement of a span there.
    const a = node.start + 1 + random.int(node.end - node.start - 1);
    const b = Math.min(node.end - 1, a + random.int(12));
    return [{ offset: a, length: random.next() < 0.5 ? 0 : b - a, content: random.next() < 0.3 ? '' : junk(random) }];
  }
  if (choice === 7) {
    // Two edits in different values at once.
    const other = nodes.length > 0 ? random.pick(nodes) : node;
    const first = { offset: node.start, length: node.end - node.start, content: serializeValue(random.pick(VALUES), style, '', '\n') };
    const second = { offset: random.next() < 0.5 ? other.start : other.end, length: 0, content: random.next() < 0.5 ? junk(random) : ', 1' };
    return second.offset < node.start || second.offset > node.end ? [first, second] : [first];
  }
  if (random.next() < 0.3) {
    // Right after a value: `config.a = 1, 2;` makes the statement a sequence, whose parts are
    // written by an expression that may start the statement.
    return [{ offset: node.end, length: 0, content: random.pick([', 1', ', {}', '\n- 1', ' || x', '(1)', '.x']) }];
  }
  // Anywhere, across a value's end too.
  const at = Math.max(0, Math.min(text.length, node.end - 3 + random.int(6)));
  return [{ offset: at, length: random.int(Math.min(4, text.length - at + 1)), content: junk(random) }];
}

const available = corpusAvailable();
const files: [Root, string][] = available
  ? [...corpusFiles('config', ['.js']).map((f): [Root, string] => ['config', f]), ...corpusFiles('interface_config', ['.js']).map((f): [Root, string] => ['interfaceConfig', f])]
  : [];
/** Edits per file; JITSI_CONFKIT_FUZZ=N multiplies them. */
const STEPS = 150 * Number(process.env.JITSI_CONFKIT_FUZZ ?? 1);

describe.skipIf(!available)('local verification gives what the whole parse gives, on every real file', () => {
  it.each(files.map(([root, rel], i) => [rel, root, i] as const))('%s', (rel, root, i) => {
    const random = seededRandom(0x10ca1 + i);
    const original = readCorpus(rel);
    let model: ScriptModel;
    try {
      model = new ScriptModel(original, root);
    } catch {
      return; // A file this package refuses (the corpus keeps one that does not parse).
    }
    let local = 0;
    let whole = 0;
    for (let step = 0; step < STEPS; step++) {
      // Chains of 50 edits, each from the real file again (a chain may edit the file down to little).
      if (step % 50 === 0) model = new ScriptModel(original, root);
      const edits = sortEdits(randomEdits(model, random, root)).filter((e) => e.length > 0 || e.content !== '');
      if (edits.length === 0 || edits.some((e) => e.length === e.content.length && model.text.startsWith(e.content, e.offset))) continue;
      const text = applyEdits(model.text, edits);
      const where = `${rel} step ${step}: ${JSON.stringify(edits)} in ${JSON.stringify(model.text.slice(Math.max(0, edits[0]!.offset - 100), edits.at(-1)!.offset + edits.at(-1)!.length + 40))}`;
      let parsed: ScriptModel | undefined;
      try {
        parsed = new ScriptModel(text, root);
      } catch {
        parsed = undefined;
      }
      const patched = reparseLocally(model, text, edits);
      if (patched !== undefined) {
        // What the local parse accepts, the whole parse accepts, and reads the same.
        expect(parsed, `${where}: accepted locally, refused whole`).toBeDefined();
        expectSameModel(patched, parsed!, where);
        model = patched;
        local++;
      } else if (parsed !== undefined) {
        model = parsed;
        whole++;
      }
    }
    // Both ways are taken, the local one often (most of the other edits do not parse at all).
    expect(local).toBeGreaterThan(STEPS / 12);
    expect(whole).toBeGreaterThan(0);
  });
});

describe('what local verification takes and leaves', () => {
  const TEXT =
    "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ], // stable\n    UNSUPPORTED_BROWSERS: [],\n" +
    "    MOBILE_DYNAMIC_LINK: {\n        APN: 'org.jitsi.meet',\n        APP_CODE: 'w2atb',\n    },\n};\n";
  const edit = (find: string, content: string, length = find.length): TextEdit => ({ offset: TEXT.indexOf(find), length, content });

  it.each([
    ['a string replaced by a string', [edit("'Jitsi Meet'", "'Meet'")]],
    ['a value replaced by a signed number', [edit("'Jitsi Meet'", '-0')]],
    ['an element moved from one list to another', [edit(", 'firefox'", ''), edit('[]', "[ 'firefox' ]")]],
    ['an element added inside the brackets', [{ offset: TEXT.indexOf(' ]'), length: 0, content: ", 'safari'" }]],
    ['a key added inside a nested object', [{ offset: TEXT.indexOf('    },'), length: 0, content: "        IBI: 'com.example',\n" }]],
  ])('takes %s, and gives the whole parse', (_name, edits) => {
    const sorted = sortEdits(edits);
    const text = applyEdits(TEXT, sorted);
    const local = reparseLocally(new ScriptModel(TEXT, 'interfaceConfig'), text, sorted);
    expect(local).toBeDefined();
    expectSameModel(local!, new ScriptModel(text, 'interfaceConfig'), text);
  });

  it.each([
    ['a new statement', [{ offset: TEXT.length, length: 0, content: 'interfaceConfig.X = 1;\n' }]],
    ['an edit across a value and its comma', [edit("'Jitsi Meet',", "'x'")]],
    ['a comment left open inside a list', [{ offset: TEXT.indexOf(' ]'), length: 0, content: ' /*' }]],
    ['a list edited into an expression (`[1] || [2]`)', [edit("'chrome', 'firefox'", "'chrome'] || ['firefox'")]],
    ['a value replaced by an expression', [edit("'Jitsi Meet'", "'a' + b")]],
    ['a part of a string', [edit('Jitsi', 'Our')]],
    ['a key', [edit('APP_NAME', 'APP')]],
    ['a key added to the object that is almost the whole file', [{ offset: TEXT.indexOf('};'), length: 0, content: '    DISABLE_VIDEO_BACKGROUND: true,\n' }]],
  ])('leaves %s to the whole parse', (_name, edits) => {
    const sorted = sortEdits(edits);
    expect(reparseLocally(new ScriptModel(TEXT, 'interfaceConfig'), applyEdits(TEXT, sorted), sorted)).toBeUndefined();
  });

  it("leaves a default's value replaced by an expression that would not read the same in its place", () => {
    const text = 'var config = {};\nconfig.flags = config.flags ?? {};\n';
    const edits = [{ offset: text.indexOf('{};\n', 20), length: 2, content: 'a || b' }];
    expect(reparseLocally(new ScriptModel(text, 'config'), applyEdits(text, edits), edits)).toBeUndefined();
    expect(() => new ScriptModel(applyEdits(text, edits), 'config')).toThrow();
  });

  it.each([
    ['`{` at the start of a statement opens a block', "var config = {};\nconfig.a = 'x', 1;\n", "config.a = 'x'", '{}'],
    ['a line break before `-` does not end the statement before it', "var config = {};\n[], 1\nconfig.a = 'x', 2;\n", "config.a = 'x'", '-2'],
  ])('leaves an expression that writes, not a stored value: %s', (_name, text, find, content) => {
    const edits = [{ offset: text.indexOf(find), length: find.length, content }];
    const edited = applyEdits(text, edits);
    expect(reparseLocally(new ScriptModel(text, 'config'), edited, edits)).toBeUndefined();
    // What the whole parse makes of it is not that value in that place.
    let whole: unknown;
    try {
      whole = plain(new ScriptModel(edited, 'config').ast);
    } catch (error) {
      whole = error;
    }
    expect(whole).not.toBeUndefined();
  });

  it('leaves a value in parentheses alone (the whole parse marks it so)', () => {
    const text = 'var config = { a: (1) };\n';
    const edits = [{ offset: text.indexOf('1'), length: 1, content: '2' }];
    expect(reparseLocally(new ScriptModel(text, 'config'), applyEdits(text, edits), edits)).toBeUndefined();
  });

  it('leaves the value of a shorthand property (its key) alone', () => {
    const text = 'var a = 1;\nvar config = { a };\n';
    const edits = [{ offset: text.indexOf('a }'), length: 1, content: '2' }];
    expect(reparseLocally(new ScriptModel(text, 'config'), applyEdits(text, edits), edits)).toBeUndefined();
  });

  it('reads a strict file strictly: an octal literal is refused there, as the whole parse refuses it', () => {
    const strict = "'use strict';\nvar config = { a: [ 1 ] };\n";
    const edits = [{ offset: strict.indexOf('1 ]'), length: 1, content: '010' }];
    expect(reparseLocally(new ScriptModel(strict, 'config'), applyEdits(strict, edits), edits)).toBeUndefined();
    const sloppy = strict.slice(14);
    const sloppyEdits = [{ offset: sloppy.indexOf('1 ]'), length: 1, content: '010' }];
    expect(reparseLocally(new ScriptModel(sloppy, 'config'), applyEdits(sloppy, sloppyEdits), sloppyEdits)).toBeDefined();
  });

  it("is what the kind's reparse uses after an edit, taking the previous model over", () => {
    const kind = scriptKind('interfaceConfig');
    const before = kind.parse(TEXT);
    const edits = [edit("'Jitsi Meet'", "'Meet'")];
    const after = kind.reparse!(applyEdits(TEXT, edits), { before: TEXT, edits, takePrevious: () => before });
    expect(after.ast).toBe(before.ast);
    const whole = kind.reparse!(applyEdits(TEXT, edits), { before: TEXT, edits, takePrevious: () => undefined });
    expect(plain(whole.ast)).toEqual(plain(after.ast));
  });
});
