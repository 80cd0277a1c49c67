/**
 * The golden cases of every document kind, in one format, run by one runner (fixtures/README.md):
 *
 *     fixtures/documents/<kind>/<case>/input.<ext>      the file before
 *     fixtures/documents/<kind>/<case>/case.json        { operations, options?, error? }
 *     fixtures/documents/<kind>/<case>/expected.<ext>   the file after (absent for a refused case)
 *
 * `kind` is a DeploymentFile ('interfaceConfig', 'meetConfig', 'prosody', 'jicofoConf',
 * 'sipCommunicator'). Each package's test names its kinds in a small table (how to parse, the file
 * extension, how the files are read, the real readers that must agree) and calls
 * describeDocumentCases. For each edited case the runner checks: the output byte for byte, the edit
 * invariants after every operation (the edits applied to the input give the text, none is a no-op,
 * an operation that changes nothing leaves the edits alone), `changed`, that the same operations
 * on the output change nothing, the same case with CRLF line ends and without its final newline
 * (VARIANTS), and what each real reader makes of the input and the output. For a
 * refused case: the exact error (class, code, line, column, a fragment of the message, and no
 * position in the message text), the document byte for byte as it was before the refused step, and
 * that a real reader refuses what the parser refuses as a syntax error.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfkitError, type EditableDocument, type TextEdit } from '@jitsi-confkit/core';
import type { DeploymentFile } from '@jitsi-confkit/recipes/deployment';
import { expectEditInvariants } from './edits.js';
import { caseFolders, updateGolden } from './golden.js';

/** One step: a method of the document and its arguments, as JSON. */
export type Operation = [string, ...unknown[]];

/** The refusal a case expects; `line` and `column` are null for an error without a position. */
export interface ExpectedError {
  class: string;
  code: string;
  line: number | null;
  column: number | null;
  /** A fragment of the message. */
  message: string;
}

/** case.json. */
export interface CaseSpec {
  /** Applied in order. A refused case: [] when parsing refuses the input, else the last one is refused. */
  operations: Operation[];
  /** The parse function's options (`{ "overlay": true }`, `{ "prosody": "13" }`). */
  options?: Record<string, unknown>;
  error?: ExpectedError;
  /** Variants of the case the runner does not derive, each with the reason (see VARIANTS). */
  skipVariants?: Partial<Record<Variant, string>>;
}

export interface DocumentCase {
  kind: DeploymentFile;
  name: string;
  dir: string;
  spec: CaseSpec;
  /** input.<ext>, read as the kind reads its files. */
  input: string;
  /** expected.<ext>, or undefined (a refused case, or a new case under UPDATE_GOLDEN=1). */
  expected: string | undefined;
}

/** A text a reader is given: a case's input or its expected output. */
export interface ReaderInput {
  text: string;
  role: 'input' | 'expected';
  case: DocumentCase;
}

/**
 * A real consumer of the kind's files (node:vm, lua5.4, Typesafe Config, java.util.Properties…).
 * It reads every case's texts in one go (one process for all of them), then checks each case.
 */
export interface Reader<R> {
  name: string;
  /** Whether it runs here; where not, the skip is recorded (under CI=true: an error). Called once, when the cases are collected. */
  available(): boolean;
  /** What it makes of each text, in order. */
  read(inputs: readonly ReaderInput[]): R[] | Promise<R[]>;
  /** An edited case: it accepts the output, which differs from the input by exactly what the operations say. */
  expectEdit(before: R, after: R, c: DocumentCase): void | Promise<void>;
  /** A case whose input the parser refuses as a syntax error: the reader refuses it too. */
  expectRefused(reading: R, c: DocumentCase): void;
}

export interface DocumentKind<D extends EditableDocument = EditableDocument> {
  kind: DeploymentFile;
  /** The file extension, without the dot: 'js', 'cfg.lua', 'conf', 'properties'. */
  ext: string;
  /** How the files are read: 'latin1' keeps every byte (and the parse function is told so). */
  encoding: 'utf8' | 'latin1';
  parse(text: string, options: Record<string, unknown> | undefined): D;
  readers: readonly Reader<unknown>[];
  /** At least this many cases, and this many refused ones (so that losing a folder fails the run). */
  minimum: { cases: number; refused: number };
}

const CASE_FILES = (ext: string): string[] => [`input.${ext}`, 'case.json', `expected.${ext}`];

/** The cases of `kind`, sorted by name. */
export function documentCases(kind: Pick<DocumentKind, 'kind' | 'ext' | 'encoding'>): DocumentCase[] {
  return caseFolders(`documents/${kind.kind}`).map(({ name, dir }) => {
    const stray = readdirSync(dir).filter((f) => !CASE_FILES(kind.ext).includes(f));
    if (stray.length > 0) throw new Error(`fixtures/documents/${kind.kind}/${name}: unexpected files ${stray.join(', ')}`);
    const read = (file: string, encoding = kind.encoding): string | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), encoding) : undefined);
    const input = read(`input.${kind.ext}`);
    if (input === undefined) throw new Error(`fixtures/documents/${kind.kind}/${name}: input.${kind.ext} is missing`);
    const spec = JSON.parse(read('case.json', 'utf8') ?? '{}') as CaseSpec;
    if (!Array.isArray(spec.operations)) throw new Error(`fixtures/documents/${kind.kind}/${name}/case.json: no "operations" list`);
    return { kind: kind.kind, name, dir, spec, input, expected: read(`expected.${kind.ext}`) };
  });
}

/**
 * The same case in another layout, derived from its input and expected output: with CRLF line
 * ends (an input with LF ends only), and without a final newline (an input that has one). The
 * output must be the expected one in that layout.
 */
export type Variant = 'crlf' | 'no-final-newline';

const VARIANTS: Record<Variant, { applies: (input: string) => boolean; apply: (text: string) => string }> = {
  crlf: { applies: (input) => input.includes('\n') && !input.includes('\r'), apply: (text) => text.replace(/\n/g, '\r\n') },
  'no-final-newline': { applies: (input) => /\n$/.test(input), apply: (text) => text.replace(/\r?\n$/, '') },
};

/** Calls one operation on the document. */
function call(doc: EditableDocument, [method, ...args]: Operation): void {
  const fn = (doc as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function' || method === 'toString' || method === 'constructor') throw new Error(`${doc.kind} documents have no operation ${method}`);
  (fn as (...a: unknown[]) => unknown).apply(doc, args);
}

/** The error as case.json states one, with the message replaced by the fragment when it holds it. */
function asExpected(error: unknown, fragment: string): ExpectedError | { notConfkitError: string } {
  if (!(error instanceof ConfkitError)) return { notConfkitError: String(error) };
  // Positions are fields; the message is the reason alone (test/support/errors.ts, placed()).
  expect(error.message).toBe(error.reason);
  return {
    class: error.name,
    code: error.code,
    line: error.position?.line ?? null,
    column: error.position?.column ?? null,
    message: error.message.includes(fragment) ? fragment : error.message,
  };
}

interface Step {
  text: string;
  edits: TextEdit[];
  changed: boolean;
}

function snapshot(doc: EditableDocument): Step {
  return { text: doc.toString(), edits: doc.edits, changed: doc.changed };
}

/**
 * Runs the operations on `text`, checking the edit invariants after each step. Returns the
 * document; or the error parsing threw; or the error a step threw, with the document's state
 * before and after that step.
 */
function run(
  kind: DocumentKind,
  text: string,
  spec: CaseSpec,
): { doc: EditableDocument } | { error: unknown; at: 'parse' } | { error: unknown; at: number; before: Step; after: Step } {
  let doc: EditableDocument;
  try {
    doc = kind.parse(text, spec.options);
  } catch (error) {
    return { error, at: 'parse' };
  }
  expect(snapshot(doc)).toEqual({ text, edits: [], changed: false });
  for (const [i, operation] of spec.operations.entries()) {
    const before = snapshot(doc);
    try {
      call(doc, operation);
    } catch (error) {
      return { error, at: i, before, after: snapshot(doc) };
    }
    const after = snapshot(doc);
    expectEditInvariants(text, after.edits, after.text);
    expect(after.changed).toBe(after.text !== text);
    if (after.text === before.text) expect(after.edits).toEqual(before.edits);
  }
  return { doc };
}

/** Compares the output with expected.<ext> byte for byte (or writes it under UPDATE_GOLDEN=1). */
function expectExpected(kind: DocumentKind, c: DocumentCase, output: string): void {
  const file = join(c.dir, `expected.${kind.ext}`);
  if (updateGolden) {
    mkdirSync(c.dir, { recursive: true });
    writeFileSync(file, output, kind.encoding);
    return;
  }
  if (c.expected === undefined) throw new Error(`${file} is missing: run the tests with UPDATE_GOLDEN=1 and review it`);
  // As JSON strings, so that a difference in \r or trailing whitespace shows in the report.
  expect(JSON.stringify(output)).toBe(JSON.stringify(c.expected));
}

/** Defines the tests of every case of `kind`. */
export function describeDocumentCases(kind: DocumentKind): void {
  const cases = documentCases(kind);
  const readers = kind.readers.filter((r) => r.available());
  const edited = cases.filter((c) => c.spec.error === undefined);
  const syntax = cases.filter((c) => c.spec.error?.class === 'ConfigSyntaxError');
  // What each reader made of each case's input and expected output, read in one go per reader.
  const readings = new Map<Reader<unknown>, Map<string, { input?: unknown; expected?: unknown }>>();

  describe(`golden cases (fixtures/documents/${kind.kind})`, () => {
    beforeAll(async () => {
      const inputs: ReaderInput[] = [
        ...edited.flatMap((c): ReaderInput[] =>
          c.expected === undefined
            ? []
            : [
                { text: c.input, role: 'input', case: c },
                { text: c.expected, role: 'expected', case: c },
              ],
        ),
        ...syntax.map((c): ReaderInput => ({ text: c.input, role: 'input', case: c })),
      ];
      for (const reader of readers) {
        const results = await reader.read(inputs);
        expect(results.length).toBe(inputs.length);
        const byCase = new Map<string, { input?: unknown; expected?: unknown }>();
        inputs.forEach((input, i) => {
          const entry = byCase.get(input.case.name) ?? {};
          entry[input.role] = results[i];
          byCase.set(input.case.name, entry);
        });
        readings.set(reader, byCase);
      }
    });

    it('has the cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(kind.minimum.cases);
      expect(cases.length - edited.length).toBeGreaterThanOrEqual(kind.minimum.refused);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
      const result = run(kind, c.input, c.spec);
      const expectedError = c.spec.error;
      if (expectedError !== undefined) {
        if ('doc' in result) throw new Error(`${name}: nothing was refused`);
        // Parsing refuses the case's input, or its last operation is refused.
        expect(result.at).toBe(c.spec.operations.length === 0 ? 'parse' : c.spec.operations.length - 1);
        expect(asExpected(result.error, expectedError.message)).toEqual(expectedError);
        expect(c.expected, `a refused case has no expected.${kind.ext}`).toBeUndefined();
        if (result.at !== 'parse') {
          // Nothing changed: the document is byte for byte what it was before the refused step.
          expect(result.after).toEqual(result.before);
          if (result.at === 0) expect(result.after).toEqual({ text: c.input, edits: [], changed: false });
        } else if (expectedError.class === 'ConfigSyntaxError') {
          for (const reader of readers) reader.expectRefused(readings.get(reader)?.get(name)?.input, c);
        }
        return;
      }
      if (!('doc' in result)) throw result.error;
      const output = result.doc.toString();
      expect(result.doc.changed).toBe(output !== c.input);
      expectExpected(kind, c, output);
      // Idempotent: the same operations on the output change nothing.
      const again = run(kind, output, c.spec);
      if (!('doc' in again)) throw again.error;
      expect(snapshot(again.doc)).toEqual({ text: output, edits: [], changed: false });
      if (updateGolden) return;
      for (const [variant, { applies, apply }] of Object.entries(VARIANTS) as [Variant, (typeof VARIANTS)[Variant]][]) {
        if (!applies(c.input) || c.spec.skipVariants?.[variant] !== undefined) continue;
        const derived = run(kind, apply(c.input), c.spec);
        if (!('doc' in derived)) throw derived.error;
        expect([variant, JSON.stringify(derived.doc.toString())]).toEqual([variant, JSON.stringify(apply(output))]);
      }
      for (const reader of readers) {
        const read = readings.get(reader)?.get(name);
        await reader.expectEdit(read?.input, read?.expected, c);
      }
    });
  });
}

/** What an operation says about the data a reader reads: a value set, a key deleted, an item in a list or not. */
export type Change = { path: readonly string[]; set: unknown } | { path: readonly string[]; deleted: true } | { path: readonly string[]; item: unknown; present: boolean };

/** Leaf paths (as JSON arrays of keys) and values; arrays, empty objects and scalars are leaves. */
function leaves(value: unknown, path: readonly string[] = [], out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  } else out.set(JSON.stringify(path), value);
  return out;
}

/** Whether one path is the other or lies inside it. */
function related(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((k, i) => k === b[i]);
}

function valueAt(tree: unknown, path: readonly string[]): unknown {
  let v = tree;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * A reader's data after the edit differs from its data before by exactly `changes`, in order: every
 * leaf that no change touches is as it was, a value set reads back, a deleted key is gone, an item
 * added to (removed from) a list is (is not) in it.
 */
export function expectExactChange(before: unknown, after: unknown, changes: readonly Change[]): void {
  const expected = leaves(before);
  const lists: { path: readonly string[]; items: Map<string, boolean> }[] = [];
  const drop = (path: readonly string[]): void => {
    for (const key of [...expected.keys()]) if (related(JSON.parse(key) as string[], path)) expected.delete(key);
  };
  for (const change of changes) {
    if ('item' in change) {
      let list = lists.find((l) => JSON.stringify(l.path) === JSON.stringify(change.path));
      if (list === undefined) lists.push((list = { path: change.path, items: new Map() }));
      list.items.set(JSON.stringify(change.item), change.present);
      continue;
    }
    drop(change.path);
    for (let i = lists.length - 1; i >= 0; i--) if (related(lists[i]!.path, change.path)) lists.splice(i, 1);
    if ('set' in change) leaves(change.set, change.path, expected);
  }
  const actual = leaves(after);
  // A list an item went into or out of is checked by membership (where the item goes is the file's business).
  for (const { path } of lists) {
    for (const map of [expected, actual]) for (const key of [...map.keys()]) if (related(JSON.parse(key) as string[], path)) map.delete(key);
  }
  const sorted = (m: Map<string, unknown>): [string, unknown][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  expect(sorted(actual)).toEqual(sorted(expected));
  for (const { path, items } of lists) {
    const list = valueAt(after, path);
    for (const [item, present] of items) {
      const holds = Array.isArray(list) && list.some((v) => JSON.stringify(v) === item);
      expect([path.join('.'), item, holds]).toEqual([path.join('.'), item, present]);
    }
  }
}
