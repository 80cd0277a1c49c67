/**
 * Own golden cases: fixtures/prosody/<case>/input.cfg.lua, ops.json (method calls in order) and
 * output.cfg.lua (the expected result, byte for byte). Each case is also checked for the edit
 * invariants, for idempotence (the same operations on the output change nothing) and, where
 * luac5.4 is installed, for compiling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latin1ToUtf8, parseProsodyConfig, type ProsodyConfig } from '@jitsi-confkit/prosody-config';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenFile, fixtureCases } from '../../../test/support/golden.js';
import { hasProgram, luacCheck } from './test-support/evaluate.js';

interface Op {
  op: 'set' | 'delete' | 'addToList' | 'removeFromList' | 'addVirtualHost' | 'removeSection' | 'enableSecureDomain' | 'disableSecureDomain';
  args: unknown[];
}

function run(text: string, ops: Op[]): ProsodyConfig {
  const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
  for (const { op, args } of ops) (cfg[op] as (...a: unknown[]) => ProsodyConfig)(...args);
  return cfg;
}

const cases = fixtureCases('prosody');
const luac = hasProgram('luac5.4');

describe('golden cases', () => {
  it('exist', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const input = readFileSync(join(c.dir, 'input.cfg.lua'), 'latin1');
    const ops = JSON.parse(c.files['ops.json']!) as Op[];
    const cfg = run(input, ops);
    const output = cfg.toString();
    expectEditInvariants(input, cfg.edits, output);
    expectGoldenFile(`prosody/${name}/output.cfg.lua`, latin1ToUtf8(output));
    const again = run(output, ops);
    expect(again.edits).toEqual([]);
    if (luac) expect(luacCheck(output)).toBeUndefined();
  });
});
