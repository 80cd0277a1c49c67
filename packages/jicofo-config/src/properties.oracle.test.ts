/**
 * parseProperties() against java.util.Properties on every real .properties/.env file, on the
 * golden cases' inputs and outputs, and on hostile values written by set().
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, corpusPath, readCorpus } from '../../../test/support/corpus.js';
import { fixtureCases } from '../../../test/support/golden.js';
import { parseProperties } from './index.js';
import { javaAvailable, javaProperties } from './test-support/java-properties.js';

function mine(text: string): Record<string, string> {
  const doc = parseProperties(text);
  return Object.fromEntries(doc.keys().sort().map((k) => [k, doc.get(k)!]));
}

const HOSTILE = [' leading', '=x', ':x', '#x', '!x', 'a\nb', 'a\r\nb=c', 'tab\there', 'back\\slash\\', 'caf\u00e9 \u2028 \u0001', 'trailing  ', '\\u0041', ''];

describe.skipIf(!javaAvailable())('java.util.Properties agrees with parseProperties', () => {
  it('on the real files, the golden cases and hostile values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confkit-props-'));
    const texts: { name: string; file: string; text: string }[] = [];
    if (corpusAvailable()) {
      for (const rel of corpusFiles('jicofo', ['.properties', '.env'])) texts.push({ name: rel, file: corpusPath(rel), text: readCorpus(rel) });
    }
    for (const c of fixtureCases('jicofo')) {
      for (const [name, text] of Object.entries(c.files)) {
        if (!name.endsWith('.properties')) continue;
        const file = join(dir, `${c.name}-${name}`);
        writeFileSync(file, text);
        texts.push({ name: `${c.name}/${name}`, file, text });
      }
    }
    const hostile = HOSTILE.reduce((doc, value, i) => doc.set(`hostile.${i}`, value), parseProperties('# hostile\nhostile.0=x\n')).toString();
    const hostileFile = join(dir, 'hostile.properties');
    writeFileSync(hostileFile, hostile);
    texts.push({ name: 'hostile', file: hostileFile, text: hostile });
    const java = javaProperties(texts.map((t) => t.file));
    texts.forEach((t, i) => expect([t.name, mine(t.text)]).toEqual([t.name, java[i]]));
    expect(java[java.length - 1]).toEqual(Object.fromEntries(HOSTILE.map((v, i) => [`hostile.${i}`, v])));
    expect(texts.length).toBeGreaterThanOrEqual(8 + 10 + 1);
  });
});
