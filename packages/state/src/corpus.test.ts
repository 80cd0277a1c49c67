/**
 * The state on deployments of several eras, assembled from the real corpus (recipes' test-support
 * sets): a state file recorded intent by intent (golden, byte for byte) that applyState turns into
 * exactly the files the recipes and libraries give when called directly (golden diffs); applied
 * again, a no-op; and drift after a simulated upgrade, gone after apply.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '@jitsi-confkit/core';
import { parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { blockBrowser, missingFiles, secureDomain } from '@jitsi-confkit/recipes';
import type { DeploymentFile, DeploymentFiles } from '@jitsi-confkit/recipes';
import { parseInterfaceConfig, parseMeetConfig } from '@jitsi-confkit/web-config';
import { corpusAvailable, readCorpus, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { asWritten } from '../../recipes/src/test-support/cases.js';
import { applicableSets, debian2020, debian2025 } from '../../recipes/src/test-support/sets.js';
import type { CorpusSet } from '../../recipes/src/test-support/sets.js';
import { applyState, checkState, parseState } from './index.js';
import type { Intent } from './index.js';

const available = corpusAvailable();

const MEMBERS: DeploymentFile[] = ['prosody', 'meetConfig', 'jicofoConf', 'sipCommunicator', 'interfaceConfig'];

/** What an admin runs, as an intent to record and as the direct call it stands for (a no-op where the file is not given). */
interface Command {
  intent: Intent;
  direct(files: DeploymentFiles): DeploymentFiles;
}

function edit(member: DeploymentFile, fn: (text: string) => string): (files: DeploymentFiles) => DeploymentFiles {
  return (files) => (files[member] === undefined ? files : { ...files, [member]: fn(files[member]) });
}

function commands(host: string): Command[] {
  return [
    { intent: { kind: 'browser', browser: 'firefox', list: 'unsupported' }, direct: (f) => blockBrowser(f, 'firefox').files },
    // The state applies the secure domain whole or not at all: a set without one of its files (the
    // docker sets have no config.js) is left as it is.
    { intent: { kind: 'secure-domain', host }, direct: (f) => (missingFiles(f).length === 0 ? secureDomain(f, { host }).files : f) },
    { intent: { kind: 'set', file: 'config.js', path: 'p2p.enabled', value: false }, direct: edit('meetConfig', (t) => parseMeetConfig(t).set('p2p.enabled', false).toString()) },
    {
      intent: { kind: 'set', file: 'prosody', scope: { host }, key: 'c2s_require_encryption', value: true },
      direct: edit('prosody', (t) => parseProsodyConfig(t, { encoding: 'latin1' }).set({ host }, 'c2s_require_encryption', true).toString()),
    },
    {
      intent: { kind: 'set', file: 'jicofo.conf', path: 'jicofo.conference.enable-auto-owner', value: false },
      direct: edit('jicofoConf', (t) => parseJicofoConf(t).set('jicofo.conference.enable-auto-owner', false).toString()),
    },
    {
      intent: { kind: 'set', file: 'sip-communicator.properties', path: 'org.jitsi.jicofo.ENABLE_AUTO_OWNER', value: 'false' },
      direct: edit('sipCommunicator', (t) => parseProperties(t).set('org.jitsi.jicofo.ENABLE_AUTO_OWNER', 'false').toString()),
    },
    {
      intent: { kind: 'delete', file: 'interface_config.js', path: 'SHOW_JITSI_WATERMARK' },
      direct: edit('interfaceConfig', (t) => parseInterfaceConfig(t).delete('SHOW_JITSI_WATERMARK').toString()),
    },
  ];
}

/** The state file the commands record, one after another, starting from no file. */
function recorded(host: string): string {
  const doc = parseState('');
  doc.setHost(host);
  for (const c of commands(host)) doc.record(c.intent);
  return doc.toString();
}

function directly(set: CorpusSet): DeploymentFiles {
  return commands(set.host).reduce((files, c) => c.direct(files), set.files);
}

describe.skipIf(!available)('the state on deployments of several eras', () => {
  const sets = available ? applicableSets() : [];
  for (const set of sets) {
    describe(set.name, () => {
      const text = recorded(set.host);
      const state = parseState(text);
      const result = applyState(state, set.files);

      it('the recorded state file, byte for byte', () => {
        expectGoldenFile(join('golden', 'state', set.name, 'state.yaml'), text);
      });

      it('applyState gives exactly the files of the direct calls (golden diffs)', () => {
        const expected = directly(set);
        for (const member of MEMBERS) {
          expect(result.files[member] === undefined ? undefined : JSON.stringify(result.files[member]), member).toBe(
            expected[member] === undefined ? undefined : JSON.stringify(expected[member]),
          );
          const before = set.files[member];
          if (before === undefined) continue;
          const diff = asWritten(member, unifiedDiff(before, result.files[member]!, { path: set.sources[member]!, context: 0 }));
          expectGoldenFile(join('golden', 'state', set.name, `${member}.diff`), diff);
        }
      });

      it('applied again: no change, nothing but already and skipped; every intent holds or cannot apply', () => {
        const again = applyState(state, result.files);
        expect(again.changed).toBe(false);
        expect(again.files).toEqual(result.files);
        expect(again.steps.map((s) => s.status)).toEqual(result.steps.map((s) => (s.status === 'skipped' ? 'skipped' : 'already')));
        const checks = checkState(state, result.files);
        expect(checks.map((c) => c.status)).toEqual(result.steps.map((s) => (s.status === 'skipped' ? 'cannot-apply' : 'holds')));
      });
    });
  }
});

describe.skipIf(!available)('drift after an upgrade', () => {
  it('jitsi-meet-web replaces the 2020 interface_config.js with the 2025 one: the browser intent drifts, apply puts it back', () => {
    const set = debian2020();
    const state = parseState(recorded(set.host));
    const applied = applyState(state, set.files).files;
    const upgraded = { ...applied, interfaceConfig: readCorpus('interface_config/jitsi-meet-2025-01-stable-10008.js') };
    const checks = checkState(state, upgraded);
    expect(checks.map((c) => [c.intent.summary, c.status])).toEqual([
      ['browser firefox: unsupported', 'drifted'],
      ['secure-domain meet.example.com', 'holds'],
      ['set config.js p2p.enabled = false', 'holds'],
      ['set prosody host:meet.example.com/c2s_require_encryption = true', 'holds'],
      ['set jicofo.conf jicofo.conference.enable-auto-owner = false', 'cannot-apply'],
      ['set sip-communicator.properties org.jitsi.jicofo.ENABLE_AUTO_OWNER = "false"', 'holds'],
      ['delete interface_config.js SHOW_JITSI_WATERMARK', 'drifted'],
    ]);
    expect(checks[0]!.differences!.map((d) => d.file)).toEqual(['interfaceConfig']);
    expectGoldenFile(join('golden', 'state', 'upgrade-2020-to-2025', 'drift.interfaceConfig.diff'), checks[0]!.differences![0]!.diff + checks[6]!.differences![0]!.diff);

    const reapplied = applyState(state, upgraded);
    expect(reapplied.steps.map((s) => s.status)).toEqual(['applied', 'already', 'already', 'already', 'skipped', 'already', 'applied']);
    expect(reapplied.files.interfaceConfig).toBe(
      parseInterfaceConfig(blockBrowser({ interfaceConfig: upgraded.interfaceConfig }, 'firefox').files.interfaceConfig!)
        .delete('SHOW_JITSI_WATERMARK')
        .toString(),
    );
    expect(checkState(state, reapplied.files).filter((c) => c.status === 'drifted')).toEqual([]);
  });

  it("jitsi-meet-prosody's postinst puts the host file back to anonymous: the secure domain drifts, apply puts it back", () => {
    const set = debian2025();
    const state = parseState(recorded(set.host));
    const applied = applyState(state, set.files).files;
    // The upgrade's template, as its postinst writes it (the secure domain's edits gone).
    const upgraded = { ...applied, prosody: set.files.prosody! };
    const checks = checkState(state, upgraded);
    expect(checks.filter((c) => c.status === 'drifted').map((c) => [c.intent.summary, c.differences!.map((d) => d.file)])).toEqual([
      ['secure-domain meet.example.com', ['prosody']],
      ['set prosody host:meet.example.com/c2s_require_encryption = true', ['prosody']],
    ]);
    const reapplied = applyState(state, upgraded);
    expect(reapplied.files).toEqual(applied);
    expect(checkState(state, reapplied.files).every((c) => c.status !== 'drifted')).toBe(true);
  });

  it('a Prosody upgrade that cannot take an intent any more: IntentError, nothing applied; partial applies the rest', () => {
    const set = debian2025();
    const state = parseState(recorded(set.host));
    const applied = applyState(state, set.files).files;
    // An upgrade that renamed the host's section: the intents on it cannot apply.
    const renamed = {
      ...applied,
      prosody: readCorpusLatin1('prosody/jitsi-meet-jvb-example-2025-01-stable-10008.cfg.lua'),
      interfaceConfig: readCorpus('interface_config/jitsi-meet-2025-01-stable-10008.js'),
    };
    expect(() => applyState(state, renamed)).toThrow(
      /The intent on line 9 of the state file \(secure-domain meet\.example\.com\) cannot be applied: The Prosody file has no VirtualHost "meet\.example\.com"/,
    );
    const partial = applyState(state, renamed, { partial: true });
    expect(partial.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'already', 'failed', 'already', 'skipped', 'applied']);
  });
});
