/**
 * Semantic oracles for secureDomain's output on the corpus sets, independent of our parsers:
 * config.js evaluated in node:vm differs from the original by exactly hosts.anonymousdomain;
 * Debian's `hocon` CLI (ruby-hocon, what Jicofo's own scripts use) and Typesafe Config (what
 * Jicofo reads with) read the new authentication and every other jicofo.* section unchanged;
 * `luac5.4 -p` accepts the Prosody file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJicofoConf } from '@jitsi-confkit/jicofo-config';
import { secureDomain } from '@jitsi-confkit/recipes';
import { corpusAvailable } from '../../../test/support/corpus.js';
import { unavailable } from '../../../test/support/skips.js';
import { typesafeAvailable, typesafeParse } from '../../jicofo-config/src/test-support/typesafe.js';
import { applicableSets } from './test-support/sets.js';

const available = corpusAvailable();

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return unavailable(`the recipes' oracle tests that run ${name}: no ${name}`, 'sudo bash scripts/install-system-deps.sh');
  }
}

const hasHocon = hasProgram('hocon');
const hasLuac = hasProgram('luac5.4');
const hasTypesafe = typesafeAvailable();

/** Runs config.js the way the browser does and returns its `config` object as plain data. */
function evaluateConfig(text: string): Record<string, unknown> {
  const sandbox: Record<string, unknown> = {};
  vm.runInNewContext(`${text}\n;globalThis.__config = JSON.parse(JSON.stringify(config));`, sandbox);
  return sandbox.__config as Record<string, unknown>;
}

const scratch = mkdtempSync(join(tmpdir(), 'confkit-recipes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let scratchFiles = 0;

function tempFile(name: string, text: string, encoding: BufferEncoding): string {
  const file = join(mkdtempSync(join(scratch, `${scratchFiles++}-`)), name);
  writeFileSync(file, text, encoding);
  return file;
}

function hoconGet(file: string, path: string): string {
  return execFileSync('hocon', ['-f', file, 'get', path], { encoding: 'utf8' }).trim();
}

describe.skipIf(!available)('secureDomain output read by independent oracles', () => {
  const sets = available ? applicableSets() : [];

  describe.each(sets.map((s) => [s.name, s] as const))('%s', (_name, set) => {
    const result = secureDomain(set.files, { host: set.host, partial: true });
    const guest = `guest.${set.host}`;

    // Sets without config.js or jicofo.conf (docker sets) have no such test.
    if (set.files.meetConfig !== undefined)
      it('config.js in node:vm: only hosts.anonymousdomain differs', () => {
        const before = evaluateConfig(set.files.meetConfig!);
        const after = evaluateConfig(result.files.meetConfig!);
        const expected = structuredClone(before) as { hosts: Record<string, unknown> };
        expected.hosts.anonymousdomain = guest;
        expect(after).toEqual(expected);
      });

    if (set.files.jicofoConf !== undefined)
      it.skipIf(!hasHocon)('jicofo.conf with the hocon CLI: the authentication, and every other section unchanged', () => {
        const beforeFile = tempFile('jicofo.conf', set.files.jicofoConf!, 'utf8');
        const afterFile = tempFile('jicofo.conf', result.files.jicofoConf!, 'utf8');
        expect(hoconGet(afterFile, 'jicofo.authentication.enabled')).toBe('true');
        expect(hoconGet(afterFile, 'jicofo.authentication.type')).toBe('XMPP');
        // The CLI renders a string with dots quoted.
        expect(hoconGet(afterFile, 'jicofo.authentication.login-url')).toBe(JSON.stringify(set.host));
        const sections = Object.keys(parseJicofoConf(set.files.jicofoConf!).get('jicofo') as Record<string, unknown>).filter((k) => k !== 'authentication');
        expect(sections.length).toBeGreaterThan(0);
        for (const section of sections) {
          expect(hoconGet(afterFile, `jicofo.${section}`)).toBe(hoconGet(beforeFile, `jicofo.${section}`));
        }
      });

    if (set.files.jicofoConf !== undefined)
      it.skipIf(!hasTypesafe)('jicofo.conf with Typesafe Config: the authentication, and everything else unchanged', () => {
        const [before, after] = typesafeParse([set.files.jicofoConf!, result.files.jicofoConf!]);
        if (!before || !after || !('ok' in before) || !('ok' in after)) throw new Error(`Typesafe Config refuses jicofo.conf: ${JSON.stringify([before, after])}`);
        const jicofo = (tree: Record<string, unknown>): Record<string, unknown> => tree.jicofo as Record<string, unknown>;
        expect(jicofo(after.ok).authentication).toEqual({ ...(jicofo(before.ok).authentication as object | undefined), enabled: true, type: 'XMPP', 'login-url': set.host });
        const rest = (tree: Record<string, unknown>): unknown => ({ ...tree, jicofo: { ...jicofo(tree), authentication: null } });
        expect(rest(after.ok)).toEqual(rest(before.ok));
      });

    it.skipIf(!hasLuac)('Prosody file: luac5.4 -p accepts it', () => {
      const file = tempFile('host.cfg.lua', result.files.prosody!, 'latin1');
      expect(() => execFileSync('luac5.4', ['-p', file], { stdio: 'pipe' })).not.toThrow();
    });
  });
});
