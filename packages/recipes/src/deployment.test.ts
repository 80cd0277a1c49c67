/**
 * The deployment's one description: the Debian paths, the missing-file wording and the secondary
 * host labels, the last checked against the real Prosody files of the corpus.
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import {
  DEBIAN_PATHS,
  debianPath,
  debianPaths,
  DEPLOYMENT_FILES,
  describeMissing,
  describeMissingFiles,
  isSecondaryHost,
  SECONDARY_HOST_LABELS,
  type DeploymentFile,
} from './deployment.js';
import { enabledHosts, mainHostOf, parseProsody } from './prosody.js';
import type { DeploymentFiles } from './types.js';

describe('Debian paths', () => {
  it('put the host into the per-host files, and look for the Prosody host file in conf.avail, then conf.d', () => {
    expect(DEPLOYMENT_FILES.map((file) => debianPaths(file, 'meet.example.com'))).toEqual([
      ['/usr/share/jitsi-meet/interface_config.js'],
      ['/etc/jitsi/meet/meet.example.com-config.js'],
      ['/etc/prosody/conf.avail/meet.example.com.cfg.lua', '/etc/prosody/conf.d/meet.example.com.cfg.lua'],
      ['/etc/jitsi/jicofo/jicofo.conf'],
      ['/etc/jitsi/jicofo/sip-communicator.properties'],
    ]);
    expect(debianPath('meetConfig')).toBe('/etc/jitsi/meet/<host>-config.js');
    expect(DEPLOYMENT_FILES.map((file) => debianPath(file))).toEqual(DEPLOYMENT_FILES.map((file) => DEBIAN_PATHS[file]));
  });

  it('cover every member of DeploymentFiles, once', () => {
    const files: Required<DeploymentFiles> = { interfaceConfig: '', meetConfig: '', prosody: '', jicofoConf: '', sipCommunicator: '' };
    expect([...DEPLOYMENT_FILES].sort()).toEqual(Object.keys(files).sort());
  });

  it.each(['', 'a/b', '../x', 'x\0y'])('refuse %j as a host: it would name another file', (host) => {
    expect(() => debianPath('prosody', host)).toThrow(TypeError);
  });
});

describe('a missing file, in one wording', () => {
  it.each<[DeploymentFile, Parameters<typeof describeMissing>[1], string]>([
    ['meetConfig', undefined, 'config.js (not given; on Debian: /etc/jitsi/meet/<host>-config.js)'],
    ['prosody', {}, 'the Prosody host file (not given; on Debian: /etc/prosody/conf.avail/<host>.cfg.lua or /etc/prosody/conf.d/<host>.cfg.lua)'],
    [
      'jicofoConf',
      undefined,
      'jicofo.conf or, for Jicofo of 2020 and before, sip-communicator.properties (not given; on Debian: /etc/jitsi/jicofo/jicofo.conf or /etc/jitsi/jicofo/sip-communicator.properties)',
    ],
    ['meetConfig', { lookedFor: ['etc/jitsi/meet/a-config.js'], flags: '--meet-config' }, 'config.js (not found at etc/jitsi/meet/a-config.js)'],
    ['prosody', { lookedFor: ['a.cfg.lua', 'b.cfg.lua'] }, 'the Prosody host file (not found at a.cfg.lua or b.cfg.lua)'],
    ['prosody', { lookedFor: [], flags: '--prosody' }, 'the Prosody host file (not given; name it with --prosody)'],
  ])('%s %j', (file, where, expected) => {
    expect(describeMissing(file, where)).toBe(expected);
  });

  it('joins several for a sentence', () => {
    const where = { flags: '--x' };
    expect(describeMissingFiles([])).toBe('');
    expect(describeMissingFiles([{ file: 'meetConfig', where }])).toBe('config.js (not given; name it with --x)');
    expect(describeMissingFiles(['prosody', 'meetConfig', 'interfaceConfig'].map((file) => ({ file: file as DeploymentFile, where })))).toBe(
      'the Prosody host file (not given; name it with --x), config.js (not given; name it with --x) and interface_config.js (not given; name it with --x)',
    );
  });
});

describe('secondary hosts', () => {
  it.each([
    ['auth.meet.example.com', true],
    ['guest.meet.example.com', true],
    ['recorder.meet.jitsi', true],
    ['hidden.meet.jitsi', true],
    ['jigasi.meet.jitsi', true],
    ['focus.meet.example.com', true],
    ['visitors.meet.example.com', true],
    ['meet.example.com', false],
    ['auth', false],
    ['authority.example.com', false],
    ['constructor.example.com', false],
    ['meet.auth.example.com', false],
  ])('%s: %s', (name, secondary) => {
    expect(isSecondaryHost(name)).toBe(secondary);
  });

  // The oracle: Jitsi names its MUC component conference.<main host>. In every real Prosody file
  // with such a component and its VirtualHost enabled, the main host found is that one, whatever
  // secondary hosts come before it.
  it.skipIf(!corpusAvailable())('agree with the real Prosody files: the main host is the one of Component "conference.<host>"', () => {
    let checked = 0;
    let secondary = 0;
    for (const rel of corpusFiles('prosody', ['.lua'])) {
      let cfg;
      try {
        cfg = parseProsody(readCorpusLatin1(rel));
      } catch {
        continue; // the corpus's invalid files have tests of their own
      }
      const hosts = enabledHosts(cfg).map((h) => h.name);
      const mains = cfg
        .components()
        .filter((c) => c.startsWith('conference.'))
        .map((c) => c.slice('conference.'.length))
        .filter((h) => hosts.includes(h));
      if (mains.length !== 1) continue;
      const main = mains[0]!;
      expect([rel, mainHostOf(cfg)]).toEqual([rel, main]);
      secondary += hosts.filter((h) => h !== main && isSecondaryHost(h)).length;
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(secondary).toBeGreaterThanOrEqual(checked);
  });

  it('say where each label comes from', () => {
    for (const [label, why] of Object.entries(SECONDARY_HOST_LABELS)) expect(why).toMatch(new RegExp(`^(VirtualHost|Component) ${label}\\.<host>: `));
  });
});
