/**
 * Where a new key goes: never inside a comment or a commented-out example, never between a
 * comment block and the item it documents; where the key is shown commented out, right after that
 * example. Checked on every commented-out top-level example of every real config.js and
 * interface_config.js against an oracle that knows nothing of the library's scanner (the
 * examples' indentation), and in node:vm.
 */
import { parse } from '@babel/parser';
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenDiff } from '../../../test/support/golden.js';
import { type JsValue, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

const available = corpusAvailable();
const INVALID = 'config/wild/shcare-docker-2023-09-assignment-style-guest.js';
type Root = 'config' | 'interfaceConfig';
const files: [Root, string][] = available
  ? [
      ...corpusFiles('config', ['.js'])
        .filter((f) => f !== INVALID)
        .map((f): [Root, string] => ['config', f]),
      ...corpusFiles('interface_config', ['.js']).map((f): [Root, string] => ['interfaceConfig', f]),
    ]
  : [];

/**
 * Upstream's 2026 config.js shows `customLanguages: {…}` inside the commented-out `transcription`
 * example, at the indentation of a top-level key, so an indentation oracle cannot tell where
 * `transcription` ends nor whether `customLanguages` is one of its keys. The library follows the
 * brackets: `transcription` ends at the last `// },` (line 547) and holds `customLanguages`.
 */
const ORACLE_CANNOT_TELL = new Set(['config/jitsi-meet-2026-07-master-abf901a.js transcription', 'config/jitsi-meet-2026-07-master-abf901a.js customLanguages']);

interface OracleExample {
  key: string;
  /** 0-based line of `// key: …` */
  line: number;
  /** 0-based last line of the example: itself, or the closing `// ]` / `// }` line at its indentation. */
  end: number;
  /** 0-based last line of the comment lines that follow it without a blank line. */
  blockEnd: number;
}

/**
 * The commented-out examples of top-level keys in the effective root object, found by layout only:
 * a comment line at the root's property indentation, `// key: <literal>,` or `// key: [` / `{`
 * (whose example ends at the next comment line at that indentation starting with `]` or `}`).
 */
function oracleExamples(text: string, root: Root): OracleExample[] {
  const ast = parse(text, { sourceType: 'script' });
  const declarations = ast.program.body.flatMap((s) =>
    s.type === 'VariableDeclaration' ? s.declarations.filter((d) => d.id.type === 'Identifier' && d.id.name === root && d.init?.type === 'ObjectExpression') : [],
  );
  const object = declarations.at(-1)?.init;
  if (object?.type !== 'ObjectExpression' || object.properties.length === 0) return [];
  const lines = text.split(/\r\n|\n|\r/);
  const firstLine = object.properties[0]!.loc!.start.line - 1;
  const indent = /^[ \t]*/.exec(lines[firstLine]!)![0];
  const from = object.loc!.start.line;
  const to = object.loc!.end.line - 1;
  const head = new RegExp(`^${indent}//( ?)([A-Za-z_$][\\w$]*): *(?:('[^']*'|"[^"]*"|-?\\d[\\d.]*|true|false|null|\\[\\]|\\{\\}),?|([[{]))\\s*$`);
  const comment = /^\s*\/\//;
  const out: OracleExample[] = [];
  for (let i = from; i < to; i++) {
    const m = head.exec(lines[i]!);
    if (!m) continue;
    let end = i;
    if (m[4]) {
      // The closing line written like the head (`// },` under `// key: {`), over blank lines, before
      // any code or the next example; else (a close indented like the keys) the head's comment lines.
      const close = new RegExp(`^${indent}//${m[1]}[\\]}]`);
      end = -1;
      for (let k = i + 1; k < to && end === -1; k++) {
        if (close.test(lines[k]!)) end = k;
        else if (head.test(lines[k]!) || !(comment.test(lines[k]!) || lines[k]!.trim() === '')) break;
      }
      if (end === -1) for (end = i; end + 1 < to && comment.test(lines[end + 1]!);) end++;
    }
    let blockEnd = end;
    while (blockEnd + 1 < to && /^\s*\/\//.test(lines[blockEnd + 1]!)) blockEnd++;
    out.push({ key: m[2]!, line: i, end, blockEnd });
    i = end;
  }
  return out;
}

/** A value of the kind the key takes (interface_config.js keys are typed). */
function setSomething(doc: ReturnType<typeof parseMeetConfig> | ReturnType<typeof parseInterfaceConfig>, key: string): JsValue {
  for (const value of ['zz', 7, true, ['zz'], { zz: 1 }] as JsValue[]) {
    try {
      doc.set(key, value);
      return value;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  throw new Error(`no value accepted for ${key}`);
}

describe.skipIf(!available)('real corpus: a key shown commented out goes right after its example', () => {
  it.each(files)('%s %s', (root, rel) => {
    const text = readCorpus(rel);
    const parseDoc = (t: string) => (root === 'config' ? parseMeetConfig(t) : parseInterfaceConfig(t));
    const before = evaluateConfig(text, root);
    const seen = new Set<string>();
    let checked = 0;
    for (const example of oracleExamples(text, root)) {
      if (seen.has(example.key) || example.key in before || ORACLE_CANNOT_TELL.has(`${rel} ${example.key}`)) continue;
      seen.add(example.key);
      const doc = parseDoc(text);
      const value = setSomething(doc, example.key);
      const after = doc.toString();
      expectEditInvariants(text, doc.edits, after);
      expect(evaluateConfig(after, root), `${rel} ${example.key}`).toEqual({ ...before, [example.key]: value });
      // The new key's first line comes right after the example, or after the notes below it.
      const lines = after.split(/\r\n|\n|\r/);
      const at = lines.findIndex((l, i) => i > example.line && new RegExp(`^\\s*${example.key.replace(/\$/g, '\\$')}:`).test(l));
      expect([example.end + 1, example.blockEnd + 1], `${rel} ${example.key} (example on line ${example.line + 1})`).toContain(at);
      checked++;
    }
    if (root === 'config' && !rel.includes('onesol')) expect(checked).toBeGreaterThan(10);
  });
});

describe.skipIf(!available)("real corpus: set('toolbarButtons', …) on every config.js", () => {
  it.each(files.filter(([root]) => root === 'config').map(([, rel]) => rel))('%s', (rel) => {
    const text = readCorpus(rel);
    const value = ['camera', 'chat', 'hangup'];
    const doc = parseMeetConfig(text).set('toolbarButtons', value);
    const after = doc.toString();
    expectEditInvariants(text, doc.edits, after);
    expectGoldenDiff(rel.replace(/\.js$/, '.toolbarbuttons.diff'), rel, text, after);
    expect(evaluateConfig(after, 'config')).toEqual({ ...evaluateConfig(text, 'config'), toolbarButtons: value });
    // The new line is code, not part of a comment: the parser sees the key.
    expect(parseMeetConfig(after).get('toolbarButtons')).toEqual(value);
    expect(parseMeetConfig(after).set('toolbarButtons', value).edits).toEqual([]);
    doc.delete('toolbarButtons');
    expect(doc.toString() === text).toBe(true);
  });
});

describe('own cases: placement around comments', () => {
  it('a key inside a commented-out object is not taken for an example of a top-level key', () => {
    const text = ['var config = {', '    // toolbarConfig: {', '    //     timeout: 4000,', '    // },', '    resolution: 720,', '};', ''].join('\n');
    const doc = parseMeetConfig(text).set('timeout', 1);
    expect(doc.toString()).toBe(text.replace('    resolution: 720,\n', '    resolution: 720,\n    timeout: 1,\n'));
  });

  it("never inside a block comment that starts on the last item's line", () => {
    const text = 'var interfaceConfig = {\n\tAPP_NAME: "Meet", /* the name\n\t   shown in the title */\n};\n';
    const doc = parseInterfaceConfig(text).set('SHOW_POWERED_BY', true);
    expect(doc.toString()).toBe('var interfaceConfig = {\n\tAPP_NAME: "Meet", /* the name\n\t   shown in the title */\n\tSHOW_POWERED_BY: true,\n};\n');
    expect(evaluateConfig(doc.toString(), 'interfaceConfig')).toEqual({ APP_NAME: 'Meet', SHOW_POWERED_BY: true });
  });

  // A sorted insertion keeps the whole comment block above the next key with that key. The second
  // case used to be planned inside the block (before its `*/` line), which the read-back caught (as
  // an EditConflictError then; an EditVerificationError now).
  it.each([
    [
      'a JSDoc block and a line comment, CRLF',
      'config',
      ['alpha: 1,', '/*', ' * Documentation of gamma,', ' * over several lines.', ' */', '// and one more line', 'gamma: 3'],
      '\r\n',
      'beta',
      2,
    ],
    [
      'a /* … */ block whose lines are not starred',
      'interfaceConfig',
      ["APP_NAME: 'Jitsi Meet',", '/*', 'TOOLBAR_BUTTONS: [', "    'camera',", '],', '*/', 'TOOLBAR_TIMEOUT: 4000'],
      '\n',
      'SHOW_POWERED_BY',
      true,
    ],
  ] as const)('%s: the new key goes above the whole block', (_name, root, body, eol, key, value) => {
    const text = [`var ${root} = {`, ...body.map((l) => `    ${l}`), '};', ''].join(eol);
    const doc = root === 'config' ? parseMeetConfig(text) : parseInterfaceConfig(text);
    doc.set(key, value);
    expect(doc.toString()).toBe(text.replace(`    ${body[0]}${eol}`, `    ${body[0]}${eol}    ${key}: ${String(value)},${eol}`));
    expect(evaluateConfig(doc.toString(), root)).toEqual({ ...evaluateConfig(text, root), [key]: value });
  });

  it('an example in a block comment whose lines are not starred', () => {
    const text = 'var config = {\n    a: 1,\n    /* b: [\n        1,\n        2\n    ], */\n    c: 3\n};\n';
    const doc = parseMeetConfig(text).set('b', [5]);
    expect(doc.toString()).toBe('var config = {\n    a: 1,\n    /* b: [\n        1,\n        2\n    ], */\n    b: [ 5 ],\n    c: 3\n};\n');
  });

  it('a value that does not parse is still refused, whatever the comments', () => {
    const text = 'var config = {\n    // a: 1,\n    a: getA(),\n};\n';
    expect(() => parseMeetConfig(text).set('a', 2)).toThrow(UnsupportedEditError);
  });
});
