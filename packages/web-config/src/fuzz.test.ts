/**
 * A bounded, seeded fuzz test over the real config.js and interface_config.js files: byte flips,
 * truncation, garbage, deep nesting, long lines, spliced files, and files that write one path many
 * times. For every case, parsing and a fixed list of operations each end in a typed refusal with a
 * sane position (ConfigSyntaxError, UnsupportedEditError, ValidationError; never an untyped
 * exception, never EditConflictError, which is for planning bugs, nor EditVerificationError, an
 * edit planned that did not parse or read back: a planning bug too) or in a text that @babel/parser
 * parses, that V8 (node:vm) compiles whenever it compiled the input, and that holds no new
 * `</script` or `<!--`. No case does more work than a fixed multiple of its size: work is counted
 * (characters parsed, nodes, characters scanned, writers), never timed.
 */
import { parse } from '@babel/parser';
import { Script } from 'node:vm';
import { ConfigSyntaxError, EditVerificationError, positionAt, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { applyEdits } from '@jitsi-confkit/core';
import { type InterfaceConfig, type MeetConfig, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { work } from './work.js';
import { seeded } from '../../../test/support/random.js';

const available = corpusAvailable();
/** Cases per file and mutation kind; JITSI_CONFKIT_FUZZ=N multiplies them. */
const SCALE = Number(process.env.JITSI_CONFKIT_FUZZ ?? 1);
/**
 * The work bound: steps per character of input (plus a constant for tiny inputs). The real files
 * need about 10 to 20 steps per character for a parse and the operations below.
 */
const STEPS_PER_CHAR = 120;
const STEPS_FLOOR = 200_000;

type Root = 'config' | 'interfaceConfig';

const ALPHABET = [
  "'",
  '"',
  '`',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ';',
  ':',
  '/',
  '*',
  '\\',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '<',
  '!',
  '-',
  '$',
  '=',
  '+',
  '.',
  ' ',
  '\t',
  '0',
  'x',
  '\u0000',
  '\ud800',
  'é',
  '😀',
];

interface Case {
  kind: string;
  text: string;
}

function mutations(text: string, other: string, random: () => number): Case[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = (): number => Math.floor(random() * (text.length + 1));
  const cases: Case[] = [];
  for (let i = 0; i < 20 * SCALE; i++) {
    let t = text;
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
      const p = Math.floor(random() * t.length);
      t = t.slice(0, p) + pick(ALPHABET) + t.slice(p + 1);
    }
    cases.push({ kind: 'flips', text: t });
  }
  for (let i = 0; i < 8 * SCALE; i++) cases.push({ kind: 'truncation', text: text.slice(0, at()) });
  for (let i = 0; i < 8 * SCALE; i++) {
    const p = at();
    const garbage = Array.from({ length: 1 + Math.floor(random() * 64) }, () => String.fromCharCode(Math.floor(random() * 0x10000))).join('');
    cases.push({ kind: 'garbage', text: text.slice(0, p) + garbage + text.slice(p) });
  }
  for (let i = 0; i < 4 * SCALE; i++) {
    const p = at();
    cases.push({ kind: 'deletion', text: text.slice(0, p) + text.slice(Math.min(text.length, p + Math.floor(random() * 2000))) });
    cases.push({ kind: 'splice', text: text.slice(0, p) + other.slice(Math.floor(random() * other.length)) });
  }
  // Deep nesting as a value, balanced or not, at a depth below and above what the parser takes.
  for (const depth of [50, 900, 4000, 30_000]) {
    const open = pick(['[', '{ a: ', '(', '[{ b: ']);
    const close = open === '[' ? ']' : open === '(' ? ')' : open === '{ a: ' ? ' }' : '}]';
    const value = open.repeat(depth) + '1' + (random() < 0.8 ? close.repeat(depth) : '');
    const m = /\b(\w+): (?:true|false|\d+|'[^'\n]*')/.exec(text.slice(Math.floor(random() * text.length * 0.8)));
    cases.push({ kind: `nesting ${depth}`, text: m ? text.replace(m[0], `${m[1]}: ${value}`) : `${text}\nvar x = ${value};\n` });
  }
  // Long lines: the whole file on one line (line comments turned into block comments), a huge
  // string, a huge one-line list.
  cases.push({ kind: 'one line', text: text.replace(/\/\/([^\r\n]*)/g, (_, c: string) => `/*${c.replace(/\*\//g, '')}*/`).replace(/\r?\n/g, ' ') });
  const big = 'x'.repeat(200_000);
  cases.push({ kind: 'long string', text: text.replace(/'[^'\n]*'/, `'${big}'`) });
  cases.push({ kind: 'long list', text: text.replace(/\[ ?'[^\]\n]*\]/, `[${Array.from({ length: 20_000 }, (_, i) => `'b${i}'`).join(', ')}]`) });
  return cases;
}

/** Inputs no corpus mutation makes: one path written many times, many keys, many comments. */
function generated(root: Root): Case[] {
  const n = 3000;
  return [
    { kind: 'one path written many times', text: `var ${root} = { a: { x: 1 } };\n${Array.from({ length: n }, (_, i) => `${root}.a.k${i} = ${i};\n`).join('')}` },
    { kind: 'many keys', text: `var ${root} = {\n${Array.from({ length: n }, (_, i) => `    key${i}: ${i},\n`).join('')}};\n` },
    { kind: 'many comments', text: `var ${root} = {\n${Array.from({ length: n }, (_, i) => `    // key${i}: [\n    //     ${i}\n    // ],\n`).join('')}    a: 1\n};\n` },
    { kind: 'an overlay of many statements', text: Array.from({ length: n }, (_, i) => `${root}.k${i} = '${i}';\n`).join('') },
  ];
}

type Doc = MeetConfig | InterfaceConfig;
const OPERATIONS: Record<Root, [string, (d: Doc) => unknown][]> = {
  interfaceConfig: [
    ['moveBrowser', (d) => (d as InterfaceConfig).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS', { createKeys: true })],
    ['set a new key', (d) => d.set('SHOW_POWERED_BY', true)],
    ['set a string', (d) => d.set('APP_NAME', 'Meet </script><!--#x-->')],
    ['addToArray', (d) => d.addToArray('TOOLBAR_BUTTONS', 'zz')],
    ['delete', (d) => d.delete('TOOLBAR_BUTTONS')],
  ],
  config: [
    ['set a nested key', (d) => d.set('hosts.anonymousdomain', 'guest.meet.example.com')],
    ['set a new key', (d) => d.set('toolbarButtons', ['camera', '</script>'])],
    ['set an object', (d) => d.set('p2p', { enabled: false })],
    ['addToArray', (d) => d.addToArray('toolbarButtons', 'zz')],
    ['delete', (d) => d.delete('a')],
  ],
};

const CLOSERS = /<\/(?:script|style)|<!--/gi;
const closers = (t: string): number => t.match(CLOSERS)?.length ?? 0;

function compiles(text: string): boolean {
  try {
    new Script(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The typed refusals a caller may get; anything else (TypeError, RangeError, EditConflictError,
 * and EditVerificationError, an UnsupportedEditError that says an edit was planned wrong) is a bug.
 */
function expectTyped(error: unknown, text: string, where: string): void {
  if (error instanceof EditVerificationError || !(error instanceof ConfigSyntaxError || error instanceof UnsupportedEditError || error instanceof ValidationError)) {
    throw new Error(`${where}: untyped or internal error ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
  }
  const e = error;
  if (error instanceof ConfigSyntaxError) {
    expect(error.offset, where).toBeGreaterThanOrEqual(0);
    expect(error.offset, where).toBeLessThanOrEqual(text.length);
    expect({ line: error.line, column: error.column }, where).toEqual({ line: positionAt(text, error.offset).line, column: positionAt(text, error.offset).column });
  }
  if (e.position) {
    expect(e.position.offset, where).toBeLessThanOrEqual(text.length);
    expect(e.position.line, where).toBeGreaterThanOrEqual(1);
    expect(e.position.column, where).toBeGreaterThanOrEqual(1);
  }
}

/**
 * Runs one case: parse, then operations on fresh documents (`only`: the indexes of the operations
 * to run, all by default); returns what happened.
 */
function runCase(root: Root, c: Case, where: string, only?: readonly number[]): { parsed: boolean; outputs: number } {
  const bound = STEPS_PER_CHAR * c.text.length + STEPS_FLOOR;
  const parseDoc = (t: string): Doc => (root === 'config' ? parseMeetConfig(t) : parseInterfaceConfig(t));
  work.steps = 0;
  try {
    parseDoc(c.text);
  } catch (error) {
    expectTyped(error, c.text, `${where}: parse`);
    expect(work.steps, `${where}: parse work`).toBeLessThanOrEqual(bound);
    return { parsed: false, outputs: 0 };
  }
  expect(work.steps, `${where}: parse work`).toBeLessThanOrEqual(bound);
  const inputCompiles = compiles(c.text);
  let outputs = 0;
  for (const [name, op] of OPERATIONS[root].filter((_, i) => only === undefined || only.includes(i))) {
    const doc = parseDoc(c.text);
    work.steps = 0;
    try {
      op(doc);
    } catch (error) {
      expectTyped(error, c.text, `${where}: ${name}`);
      expect(doc.toString() === c.text, `${where}: ${name} refused, text untouched`).toBe(true);
      continue;
    } finally {
      expect(work.steps, `${where}: ${name} work`).toBeLessThanOrEqual(bound);
    }
    const out = doc.toString();
    expect(applyEdits(c.text, doc.edits) === out, `${where}: ${name} edits`).toBe(true);
    // (The document re-parsed its output with @babel/parser already; V8 is the real reader.)
    if (inputCompiles) expect(compiles(out), `${where}: ${name} output compiles in V8`).toBe(true);
    else expect(() => parse(out, { sourceType: 'script', errorRecovery: false }), `${where}: ${name} output parses`).not.toThrow();
    expect(closers(out), `${where}: ${name} writes no </script or <!--`).toBeLessThanOrEqual(closers(c.text));
    outputs++;
  }
  return { parsed: true, outputs };
}

const files: [Root, string][] = available
  ? [...corpusFiles('config', ['.js']).map((f): [Root, string] => ['config', f]), ...corpusFiles('interface_config', ['.js']).map((f): [Root, string] => ['interfaceConfig', f])]
  : [];

describe.skipIf(!available)('fuzz: mutated real files', () => {
  it.each(files.map(([root, rel], i) => [rel, root, i] as const))('%s', (rel, root, i) => {
    const text = readCorpus(rel);
    const other = readCorpus(files[(i + 1) % files.length]![1]);
    const random = seeded(0x5eed + i);
    let parsed = 0;
    let outputs = 0;
    const cases = mutations(text, other, random);
    cases.forEach((c, k) => {
      // Two of the operations per case, in turn (all five on the long-line and nesting cases).
      const only = c.kind === 'flips' || c.kind === 'truncation' || c.kind === 'garbage' || c.kind === 'deletion' || c.kind === 'splice' ? [k % 5, (k + 2) % 5] : undefined;
      const r = runCase(root, c, `${rel} case ${k} (${c.kind})`, only);
      if (r.parsed) parsed++;
      outputs += r.outputs;
    });
    expect(cases.length).toBe(44 * SCALE + 7);
    // The cases reach the operations, not only the parser.
    expect(parsed).toBeGreaterThan(0);
    expect(outputs).toBeGreaterThan(0);
  });
});

describe('fuzz: generated inputs of many statements, keys and comments', () => {
  it.each([...generated('config').map((c) => ['config', c.kind, c] as const), ...generated('interfaceConfig').map((c) => ['interfaceConfig', c.kind, c] as const)])(
    '%s: %s',
    (root, _kind, c) => {
      const r = runCase(root, c, `${root} ${c.kind}`);
      expect(r.parsed).toBe(true);
    },
  );
});
