/**
 * `pnpm bench` runs to its end: every benchmark script (bench/run.mjs starts them all) on the built
 * packages, with the fewest rounds, so that a script that no longer runs shows here and not on the
 * day someone measures. Nothing here is timed: the figures are not read, only what is exact in
 * them (the parses an operation costs, recast's diff), and that every row with a target is there.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusRoot, repoRoot } from './support/corpus.js';
import { requireBuiltCli } from '../packages/cli/src/test-support/trees.js';

describe.skipIf(!corpusAvailable())('pnpm bench, with the fewest rounds', () => {
  it('runs every benchmark to its end and prints each target with its exact parse counts', { timeout: 300_000 }, () => {
    requireBuiltCli();
    const env = { ...process.env, JITSI_CONFKIT_CORPUS: corpusRoot, BENCH_RUNS: '1', BENCH_RUNS_IN_PROCESS: '3', BENCH_CURVE_PASSES: '1' };
    const result = spawnSync(process.execPath, [join(repoRoot, 'bench/run.mjs')], { cwd: repoRoot, env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    // Start-up: bare Node, --help, and a command of each kind.
    for (const row of [
      'node -e 0',
      'jitsi-confkit --help',
      'browsers move firefox --to unsupported --file <2020 file>',
      'get <Prosody file> host:meet.example.com/authentication',
      'get <interface_config.js> APP_NAME',
      'get <config.js> hosts.domain',
      'get <jicofo.conf> jicofo.authentication.authentication-lifetime',
      'get <sip-communicator.properties> org.jitsi.jicofo.BRIDGE_MUC',
      'secure-domain enable --root <2020 tree>',
    ]) {
      expect(out).toContain(`\n${row} `);
    }
    // One verified edit of each kind, with its target.
    expect(out).toMatch(/\nmoveBrowser firefox on the 2020-05 interface_config.js +[\d.]+ +[\d.]+ +[\d.]+ +<= 2 /);
    expect(out).toMatch(/\nconfig\.js set\('hosts\.domain', …\): a string replaced +[\d.]+ +[\d.]+ +[\d.]+ +<= 2 /);
    expect(out).toMatch(/recast [\d.]+ \(parse \+ mutate \+ print\), same edit: .*same text: yes; diff -2\/\+2 lines/);
    expect(out).toMatch(/\njicofo-reference-2026-08-master-7ebb13d\.conf: set a new object in jicofo \{ \} +[\d.]+ +[\d.]+ +<= 2 /);
    // Prosody: the parses each operation costs (whole files and fragments) are exact.
    expect(out).toMatch(/\nenableSecureDomain, 2020-05 template +[\d.]+ +[\d.]+ +[\d.]+ +<= 2\.2 +[\d.]+ +[\d.]+ +3\n/);
    expect(out).toMatch(/\nset authentication, 2020-05 template +[\d.]+ +[\d.]+ +[\d.]+ +<= 2 +[\d.]+ +[\d.]+ +2\n/);
    // The N-edit curves, for k = 1 to 3,000, and the batches' parses.
    expect(out).toMatch(/\n +3000 +[\d.]+ +[\d.]+\nEditSession reads its edits once/);
    expect(out).toContain('1,000 sets of distinct existing settings in one batch: 2 parses in all');
    expect(out).toContain('1,000 sets of distinct existing keys in one batch: 2 parses in all');
    expect(out).toContain('1,000 sets of distinct existing keys in one batch (read and toString() included): 1 whole-file parses and 1 local');
    // Peak memory, measured in child processes.
    expect(out).toMatch(/peak heap of one edit, in parses of the file held \(target <= 1\.5\): moveBrowser .* [\d.]+; set of one key .* [\d.]+\n/);
    expect(out).toMatch(/peak heap of one set on that file: [\d.]+ MiB, [\d.]+x what one parsed document holds/);
    expect(out).toMatch(/set an existing key \(verified locally\) +[\d.]+ MiB +[\d.]+x the tree/);
  });
});
