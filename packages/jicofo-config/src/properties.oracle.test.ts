/**
 * parseProperties() against java.util.Properties on every real .properties/.env file and on
 * hostile values written by set(). The golden cases' inputs and outputs are compared the same way
 * by their runner (golden.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { corpusAvailable, corpusFiles, corpusPath, readCorpus } from '../../../test/support/corpus.js';
import { parseProperties } from './index.js';
import { javaAvailable, javaProperties, mine } from './test-support/java-properties.js';

/** Continuations that leave a logical line empty, at the start of a line and at the end of the file. */
const CONTINUATIONS = [
  '\\\n#x=1\ny=2\n',
  '  \\\n  \\\n  !c\ny=2',
  '\\\n\nx=1\n',
  '\\\r\n\r\nx=1\r\n',
  'x=1\n\\\n   ',
  'x=1\n\\',
  'x=1\n\\\n',
  'x=1\n\\\r',
  'x=1\n\\\r\n',
  'a=1\\\n#2\n',
  'a\\\n\nb=2',
  'a=1\\\\\n\\\\\\\nb=2\n',
];
/** Files whose last line leaves a continuation open, with a key appended by set(). */
const APPENDED = ['a=1\\', 'a=1\\\n', 'a=1\\\r\n', 'a=1\\\n   ', '# c \\\n'].map((text) => parseProperties(text).set('b', '2').toString());

const HOSTILE = [' leading', '=x', ':x', '#x', '!x', 'a\nb', 'a\r\nb=c', 'tab\there', 'back\\slash\\', 'caf\u00e9 \u2028 \u0001', 'trailing  ', '\\u0041', ''];

describe.skipIf(!javaAvailable())('java.util.Properties agrees with parseProperties', () => {
  it('on the real files and hostile values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confkit-props-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const texts: { name: string; file: string; text: string }[] = [];
    // Without the corpus (a fresh clone) the generated texts below are still compared.
    const corpus = corpusAvailable() ? corpusFiles('jicofo', ['.properties', '.env']) : [];
    if (corpus.length > 0) expect(corpus.length).toBeGreaterThanOrEqual(8);
    for (const rel of corpus) texts.push({ name: rel, file: corpusPath(rel), text: readCorpus(rel) });
    for (const [i, text] of [...CONTINUATIONS, ...APPENDED].entries()) {
      const file = join(dir, `continuation-${i}.properties`);
      writeFileSync(file, text);
      texts.push({ name: `continuation ${JSON.stringify(text)}`, file, text });
    }
    const hostile = HOSTILE.reduce((doc, value, i) => doc.set(`hostile.${i}`, value), parseProperties('# hostile\nhostile.0=x\n')).toString();
    const hostileFile = join(dir, 'hostile.properties');
    writeFileSync(hostileFile, hostile);
    texts.push({ name: 'hostile', file: hostileFile, text: hostile });
    const java = javaProperties(texts.map((t) => t.file));
    texts.forEach((t, i) => expect([t.name, mine(t.text)]).toEqual([t.name, java[i]]));
    expect(java[java.length - 1]).toEqual(Object.fromEntries(HOSTILE.map((v, i) => [`hostile.${i}`, v])));
    expect(texts.length).toBeGreaterThanOrEqual(corpus.length + 17 + 1);
  });
});
