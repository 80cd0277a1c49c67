import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCommonJs } from './code-cache.js';
import { cliPath, requireBuiltCli } from './test-support/trees.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('compileCommonJs', () => {
  it('runs a CommonJS file as require() would, and its code cache is accepted the next time', () => {
    const file = join(dir, 'm.cjs');
    writeFileSync(file, "const path = require('node:path');\nmodule.exports = { twice: (n) => 2 * n, base: path.basename(__filename), self: this === module.exports };\n");
    const first = compileCommonJs(file);
    expect(first.exports).toMatchObject({ base: 'm.cjs', self: true });
    expect((first.exports as { twice: (n: number) => number }).twice(21)).toBe(42);
    const cache = first.script.createCachedData();
    const second = compileCommonJs(file, cache);
    expect(second.script.cachedDataRejected).toBe(false);
    expect((second.exports as { twice: (n: number) => number }).twice(2)).toBe(4);
  });

  it('a cache that does not fit is rejected and the file still runs', () => {
    const file = join(dir, 'm.cjs');
    writeFileSync(file, 'module.exports = 7;\n');
    const result = compileCommonJs(file, Buffer.from('not a V8 code cache'));
    expect(result.script.cachedDataRejected).toBe(true);
    expect(result.exports).toBe(7);
  });
});

describe('the bundle', () => {
  it.each(['babel-parser', 'luaparse'])('ships %s with a code cache this Node accepts', (name) => {
    requireBuiltCli();
    const base = join(cliPath, '..', 'chunks', name);
    const { script, exports } = compileCommonJs(`${base}.cjs`, readFileSync(`${base}.cache`));
    expect(script.cachedDataRejected).toBe(false);
    expect(typeof (exports as { parse: unknown }).parse).toBe('function');
  });
});
