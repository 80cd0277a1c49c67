/**
 * secureDomain on realistic file sets assembled from the real corpus, one per era and the wild
 * docker deployments: golden diffs per file, each step's status, idempotence and undo.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError, unifiedDiff } from '@jitsi-confkit/core';
import { checkDeployment, secureDomain, type RecipeStep } from '@jitsi-confkit/recipes';
import { corpusAvailable, corpusFiles, readCorpus, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { asWritten } from './test-support/cases.js';
import {
  applicableSets,
  debian2020,
  debian2022,
  debian2025,
  dockerBroadcast,
  dockerGiovannitorsello,
  dockerOnesol,
  dockerQkit,
  dockerShcare,
  dockerTob123,
  type CorpusSet,
} from './test-support/sets.js';
import type { DeploymentFile } from './types.js';

const available = corpusAvailable();

type Statuses = Partial<Record<DeploymentFile, RecipeStep['status']>>;

/** The status each step must have on the first apply, per set. */
const EXPECTED_STATUS: Record<string, Statuses> = {
  'debian-2020-05-stable-4548': { prosody: 'applied', meetConfig: 'applied', jicofoConf: 'skipped', sipCommunicator: 'applied' },
  'debian-2022-12-blc': { prosody: 'applied', meetConfig: 'applied', jicofoConf: 'applied', sipCommunicator: 'skipped' },
  'debian-2025-01-stable-10008': { prosody: 'applied', meetConfig: 'applied', jicofoConf: 'applied', sipCommunicator: 'skipped' },
  'docker-2021-03-giovannitorsello': { prosody: 'applied', meetConfig: 'applied', jicofoConf: 'skipped', sipCommunicator: 'applied' },
  'docker-2020-09-broadcast': { prosody: 'applied', meetConfig: 'skipped', jicofoConf: 'skipped', sipCommunicator: 'applied' },
  'docker-2023-06-qkit': { prosody: 'applied', meetConfig: 'skipped', jicofoConf: 'already', sipCommunicator: 'skipped' },
  'docker-2026-02-onesol': { prosody: 'applied', meetConfig: 'applied', jicofoConf: 'applied', sipCommunicator: 'skipped' },
};

/**
 * Where undo cannot give back the original bytes, because the original was not the state the
 * recipe starts from (see the README, "What undo restores"): the files that differ after undo.
 */
const UNDO_DIFFERS: Record<string, DeploymentFile[]> = {
  // The legacy auth.URL pointed at another host (XMPP:meet.torsello.ovh): undo removes the line.
  // (The guest VirtualHost the admin wrote, with lobby modules and main_muc, is kept.)
  'docker-2021-03-giovannitorsello': ['sipCommunicator'],
  // Authentication was already on (main host internal_hashed, Jicofo XMPP): undo turns it off.
  'docker-2023-06-qkit': ['prosody', 'jicofoConf'],
};

function goldenDiff(set: CorpusSet, key: DeploymentFile, before: string, after: string, kind: string): void {
  const path = set.sources[key]!;
  expectGoldenFile(join('golden', 'recipes', set.name, `${kind}.${key}.diff`), asWritten(key, unifiedDiff(before, after, { path, context: 0 })));
}

// The corpus holds only some of the files of the docker deployments (no config.js for two of
// them), so the sets are applied with partial: true; the Debian sets are complete.
describe.skipIf(!available)('secureDomain on sets assembled from the real corpus', () => {
  const sets = available ? applicableSets() : [];

  describe.each(sets.map((s) => [s.name, s] as const))('%s', (name, set) => {
    const result = secureDomain(set.files, { host: set.host, partial: true });

    it('changes each file as the golden diff says, and no other', () => {
      for (const key of Object.keys(set.files) as DeploymentFile[]) {
        const applied = result.steps.some((s) => s.file === key && s.status === 'applied');
        if (applied) goldenDiff(set, key, set.files[key]!, result.files[key]!, 'enable');
        else expect(result.files[key]).toBe(set.files[key]);
      }
      expect(result.changed).toBe(true);
    });

    it('reports each step with the expected status', () => {
      const statuses: Statuses = {};
      for (const step of result.steps) statuses[step.file] = step.status;
      expect(statuses).toEqual(EXPECTED_STATUS[name]);
      expect(result.files.interfaceConfig).toBe(set.files.interfaceConfig);
      expectGoldenFile(join('golden', 'recipes', name, 'enable.result.json'), `${JSON.stringify(result.steps, null, 2)}\n`);
    });

    it('is idempotent: byte-identical files, every applied step "already"', () => {
      const again = secureDomain(result.files, { host: set.host, partial: true });
      expect(again.changed).toBe(false);
      expect(again.files).toEqual(result.files);
      expect(again.steps.map((s) => s.status)).toEqual(result.steps.map((s) => (s.status === 'applied' ? 'already' : s.status)));
    });

    it('leaves a set that checkDeployment finds nothing wrong with (a config.js of 2020 keeps its dead enableUserRolesBasedOnToken, a note)', () => {
      const findings = checkDeployment(result.files, { host: set.host, partial: true });
      const dead = set.files.meetConfig?.includes('enableUserRolesBasedOnToken') === true;
      expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(dead ? ['info user-roles-based-on-token'] : []);
    });

    it('undo gives back the original bytes (except where the README says it cannot)', () => {
      const undone = secureDomain(result.files, { host: set.host, enable: false, partial: true });
      const differs = UNDO_DIFFERS[name] ?? [];
      for (const key of Object.keys(set.files) as DeploymentFile[]) {
        if (differs.includes(key)) {
          expect(undone.files[key]).not.toBe(set.files[key]);
          goldenDiff(set, key, set.files[key]!, undone.files[key]!, 'undo-vs-original');
        } else {
          expect(undone.files[key]).toBe(set.files[key]);
        }
      }
      const again = secureDomain(undone.files, { host: set.host, enable: false, partial: true });
      expect(again.changed).toBe(false);
    });
  });

  // The admin's own guest VirtualHost (lobby modules, main_muc, allow_anonymous_s2s) was removed
  // by undo without a word; it is kept, and the step and a warning say why.
  it('undo keeps the guest host the admin wrote, and says so', () => {
    const set = dockerGiovannitorsello();
    const enabled = secureDomain(set.files, { host: set.host, partial: true }).files;
    const undone = secureDomain(enabled, { host: set.host, enable: false, partial: true });
    expect(undone.files.prosody).toBe(set.files.prosody);
    expect(undone.steps[0]).toEqual({
      file: 'prosody',
      action: 'VirtualHost "meet.local": anonymous authentication again; VirtualHost "guest.meet.local" kept',
      status: 'applied',
    });
    expect(undone.warnings).toContain(
      'VirtualHost "guest.meet.local" was kept: it holds allow_anonymous_s2s (line 76), modules_enabled (line 79) and main_muc (line 82), which enabling does not write. ' +
        'Remove it by hand if it should go, or undo with the option to remove the guest host (removeGuestHost, --remove-guest)',
    );
    const removed = secureDomain(enabled, { host: set.host, enable: false, partial: true, removeGuestHost: true });
    expect(removed.files.prosody).not.toContain('VirtualHost "guest.meet.local"');
    expect(removed.warnings).toContain(
      'VirtualHost "guest.meet.local" was removed although it holds allow_anonymous_s2s (line 76), modules_enabled (line 79) and main_muc (line 82), which enabling does not write',
    );
  });

  it('refuses a set whose config.js does not parse, and returns nothing half-applied', () => {
    const set = dockerShcare();
    const error = catchError(() => secureDomain(set.files, { host: set.host, authentication: 'internal_hashed' }));
    expect(error).toBeInstanceOf(ConfigSyntaxError);
    expect((error as ConfigSyntaxError).line).toBe(10);
  });

  it('refuses a jicofo.conf whose authentication values are ${ENV} substitutions', () => {
    const files = { ...dockerBroadcast().files, jicofoConf: dockerTob123().files.jicofoConf };
    const error = catchError(() => secureDomain(files, { host: 'meet.jitsi', partial: true }));
    expect(error).toBeInstanceOf(UnsupportedEditError);
  });

  it('undo leaves a jicofo.conf whose authentication type is a ${ENV} substitution, and says so', () => {
    const result = secureDomain({ jicofoConf: dockerTob123().files.jicofoConf! }, { host: 'meet.jitsi', enable: false, partial: true });
    expect(result.changed).toBe(false);
    expect(result.steps[2]).toEqual({
      file: 'jicofoConf',
      action: 'remove jicofo.authentication { enabled = true, type = XMPP, login-url = "meet.jitsi" }',
      status: 'skipped',
      reason: "jicofo.authentication.type is ${JICOFO_AUTH_TYPE}, not XMPP: not the secure domain's, left as it is",
    });
  });

  it('the sets of each era are there (2020 properties only, 2022 and 2025 with jicofo.conf)', () => {
    expect(debian2020().files.jicofoConf).toBeUndefined();
    expect(debian2022().files.jicofoConf).toContain('jicofo {');
    expect(debian2025().files.jicofoConf).toContain('jicofo {');
    expect([dockerGiovannitorsello(), dockerQkit(), dockerOnesol()].every((s) => s.files.prosody !== undefined)).toBe(true);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe.skipIf(!available)('secureDomain on every upstream release that has both a Prosody template and a config.js', () => {
  const prosodyFiles = available ? corpusFiles('prosody', ['.cfg.lua']).filter((f) => f.startsWith('prosody/jitsi-meet-jvb-example-')) : [];
  const pairs = prosodyFiles
    .map((p) => {
      const release = p.replace('prosody/jitsi-meet-jvb-example-', '').replace('.cfg.lua', '');
      return { release, prosody: p, config: `config/jitsi-meet-${release}.js` };
    })
    .filter((pair) => corpusFiles('config', ['.js']).includes(pair.config));

  it('pairs at least the stable releases of 2018 to 2026', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(12);
  });

  it.each(pairs.map((p) => [p.release, p] as const))('%s: applied, idempotent, nothing found, undone byte for byte', (_release, pair) => {
    const host = 'meet.example.com';
    const files = {
      prosody: readCorpusLatin1(pair.prosody).replaceAll('jitmeet.example.com', host),
      meetConfig: readCorpus(pair.config).replaceAll('jitsi-meet.example.com', host),
    };
    // The templates have no Jicofo file: partial.
    const result = secureDomain(files, { host, partial: true });
    expect(result.steps.map((s) => s.status)).toEqual(['applied', 'applied', 'skipped', 'skipped']);
    expect(secureDomain(result.files, { host, partial: true }).changed).toBe(false);
    // Config.js of 2020-11 and before sets enableUserRolesBasedOnToken (dead since): a note, nothing else.
    const dead = files.meetConfig.includes('enableUserRolesBasedOnToken') ? ['info user-roles-based-on-token'] : [];
    expect(checkDeployment(result.files, { partial: true }).map((f) => `${f.severity} ${f.code}`)).toEqual(dead);
    expect(checkDeployment(files, { partial: true }).map((f) => `${f.severity} ${f.code}`)).toEqual(dead);
    expect(secureDomain(result.files, { host, enable: false, partial: true }).files).toEqual(files);
  });
});
