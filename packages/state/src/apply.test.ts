/**
 * applyState and checkState on the example Debian tree (examples/debian-tree) and on small texts:
 * the same bytes as the recipes called directly, idempotence, skips, all or nothing (an IntentError
 * naming the intent and its line), partial apply, and drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { blockBrowser, BROWSER_LIST_TODO, secureDomain } from '@jitsi-confkit/recipes';
import type { DeploymentFiles } from '@jitsi-confkit/recipes';
import { parseInterfaceConfig, parseMeetConfig } from '@jitsi-confkit/web-config';
import { repoRoot } from '../../../test/support/corpus.js';
import { thrown } from '../../../test/support/errors.js';
import { applyState, checkState, IntentError, parseState } from './index.js';

const tree = (rel: string, encoding: BufferEncoding = 'utf8') => readFileSync(join(repoRoot, 'examples', 'debian-tree', rel), encoding);

const FILES: DeploymentFiles = Object.freeze({
  interfaceConfig: tree('usr/share/jitsi-meet/interface_config.js'),
  meetConfig: tree('etc/jitsi/meet/meet.example.com-config.js'),
  prosody: tree('etc/prosody/conf.avail/meet.example.com.cfg.lua', 'latin1'),
  jicofoConf: tree('etc/jitsi/jicofo/jicofo.conf'),
  sipCommunicator: tree('etc/jitsi/jicofo/sip-communicator.properties'),
});

const STATE = `version: 1
host: meet.example.com
intents:
  - kind: browser
    browser: firefox
    list: unsupported
  - kind: secure-domain
    host: meet.example.com
  - kind: set
    file: config.js
    path: p2p.enabled
    value: false
  - kind: set
    file: prosody
    scope: {component: conference.meet.example.com}
    key: name
    value: Salle de réunion
  - kind: set
    file: jicofo.conf
    path: jicofo.conference.enable-auto-owner
    value: false
  - kind: delete
    file: sip-communicator.properties
    path: org.jitsi.jicofo.BRIDGE_MUC
  - kind: delete
    file: interface_config.js
    path: SHOW_JITSI_WATERMARK
`;

/** The same changes, made by calling the recipes and the libraries directly. */
function direct(files: DeploymentFiles): DeploymentFiles {
  let out = blockBrowser(files, 'firefox').files;
  out = secureDomain(out, { host: 'meet.example.com' }).files;
  out = { ...out, meetConfig: parseMeetConfig(out.meetConfig!).set('p2p.enabled', false).toString() };
  out = { ...out, prosody: parseProsodyConfig(out.prosody!, { encoding: 'latin1' }).set({ component: 'conference.meet.example.com' }, 'name', 'Salle de réunion').toString() };
  out = { ...out, jicofoConf: parseJicofoConf(out.jicofoConf!).set('jicofo.conference.enable-auto-owner', false).toString() };
  out = { ...out, sipCommunicator: parseProperties(out.sipCommunicator!).delete('org.jitsi.jicofo.BRIDGE_MUC').toString() };
  out = { ...out, interfaceConfig: parseInterfaceConfig(out.interfaceConfig!).delete('SHOW_JITSI_WATERMARK').toString() };
  return out;
}

describe('applyState on the example Debian tree', () => {
  const state = parseState(STATE);
  const result = applyState(state, FILES);

  it('gives the same bytes as the recipes and libraries called directly', () => {
    expect(result.files).toEqual(direct(FILES));
    expect(result.changed).toBe(true);
  });

  it('writes Prosody text as its UTF-8 bytes (the Prosody text is those bytes as latin1)', () => {
    const bytes = Buffer.from(result.files.prosody!, 'latin1');
    expect(bytes.toString('utf8')).toContain('\n    name = "Salle de réunion"\n');
    expect(bytes.includes(Buffer.from('r\xc3\xa9union', 'latin1'))).toBe(true);
  });

  it('reports each intent with its recipe steps', () => {
    expect(result.steps.map((s) => [s.intent.line, s.intent.summary, s.status, s.steps.map((r) => `${r.file}:${r.status}`).join(' ')])).toEqual([
      [4, 'browser firefox: unsupported', 'applied', 'interfaceConfig:applied'],
      [7, 'secure-domain meet.example.com', 'applied', 'prosody:applied meetConfig:applied jicofoConf:applied sipCommunicator:skipped'],
      [9, 'set config.js p2p.enabled = false', 'applied', 'meetConfig:applied'],
      [13, 'set prosody component:conference.meet.example.com/name = "Salle de réunion"', 'applied', 'prosody:applied'],
      [18, 'set jicofo.conf jicofo.conference.enable-auto-owner = false', 'applied', 'jicofoConf:applied'],
      [22, 'delete sip-communicator.properties org.jitsi.jicofo.BRIDGE_MUC', 'applied', 'sipCommunicator:applied'],
      [25, 'delete interface_config.js SHOW_JITSI_WATERMARK', 'applied', 'interfaceConfig:applied'],
    ]);
  });

  it('todo and warnings: each line once, the browser list re-apply note left out (the state file is that)', () => {
    expect(result.todo).toEqual([
      'Register each user who may open rooms: sudo prosodyctl register <user> meet.example.com <password>',
      'Restart the services: systemctl restart prosody jicofo jitsi-videobridge2',
    ]);
    expect(result.todo.some((l) => BROWSER_LIST_TODO.includes(l))).toBe(false);
    expect(result.warnings[0]).toMatch(/^The browser lists act in the visitor's browser only/);
  });

  it('applied to its own output it changes nothing, every intent already', () => {
    const again = applyState(state, result.files);
    expect(again.changed).toBe(false);
    expect(again.files).toEqual(result.files);
    expect(again.steps.map((s) => s.status)).toEqual(Array(7).fill('already'));
    expect([again.todo, again.warnings]).toEqual([[], []]);
  });

  it('checkState: every intent drifted before, holds after', () => {
    expect(checkState(state, FILES).map((c) => c.status)).toEqual(Array(7).fill('drifted'));
    expect(checkState(state, result.files).map((c) => c.status)).toEqual(Array(7).fill('holds'));
  });
});

describe('what checkState says', () => {
  const state = parseState(STATE);

  it('a drifted intent: the file, the action, the lines that would change (Prosody shown as UTF-8)', () => {
    const applied = applyState(state, FILES).files;
    const reverted = { ...applied, prosody: applied.prosody!.replace('name = "Salle de rÃ©union"', 'name = "Conference"'), interfaceConfig: FILES.interfaceConfig };
    const checks = checkState(state, reverted);
    expect(checks.map((c) => c.status)).toEqual(['drifted', 'holds', 'holds', 'drifted', 'holds', 'holds', 'drifted']);
    expect(checks[0]!.differences).toEqual([
      {
        file: 'interfaceConfig',
        action: "move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
        diff:
          '--- a/interface_config.js\n+++ b/interface_config.js\n@@ -100 +100 @@\n' +
          "-    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'firefox', 'electron', 'safari', 'webkit' ],\n" +
          "+    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'electron', 'safari', 'webkit' ],\n" +
          '@@ -142 +142 @@\n-    UNSUPPORTED_BROWSERS: [],\n' +
          "+    UNSUPPORTED_BROWSERS: [ 'firefox' ],\n",
      },
    ]);
    expect(checks[3]!.differences!.map((d) => [d.file, d.action, d.diff.split('\n').slice(3).join('\n')])).toEqual([
      ['prosody', 'component:conference.meet.example.com/name = "Salle de réunion"', '-    name = "Conference"\n+    name = "Salle de réunion"\n'],
    ]);
  });

  it('cannot-apply: a file not given (for the secure domain, any of its files: it is applied whole), a file too old for the browser lists, a file refused', () => {
    const old = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n};\n";
    const checks = checkState(parseState(STATE), { interfaceConfig: old, meetConfig: 'var config = {\n    p2p: { enabled: false,\n};\n' });
    expect(checks.map((c) => [c.status, c.reason])).toEqual([
      [
        'cannot-apply',
        'This interface_config.js has neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS: Jitsi Meet before stable 3936 (2019-08) ignores these keys, so adding them changes nothing for that version; pass { createKeys: true } to add them anyway',
      ],
      [
        'cannot-apply',
        'The secure domain cannot be applied without the Prosody host file (not given; on Debian: /etc/prosody/conf.avail/<host>.cfg.lua or /etc/prosody/conf.d/<host>.cfg.lua) and jicofo.conf or, for Jicofo of 2020 and before, sip-communicator.properties (not given; on Debian: /etc/jitsi/jicofo/jicofo.conf or /etc/jitsi/jicofo/sip-communicator.properties): it is applied to all of its files or to none',
      ],
      ['cannot-apply', 'The intent on line 9 of the state file (set config.js p2p.enabled = false) cannot be applied: Syntax error: Unexpected token, expected ","'],
      ['cannot-apply', 'prosody: file not given'],
      ['cannot-apply', 'jicofo.conf: file not given'],
      ['cannot-apply', 'sip-communicator.properties: file not given'],
      ['holds', undefined],
    ]);
    expect(checks[2]!.error).toBeInstanceOf(IntentError);
    expect(checks[2]!.error!.cause).toBeInstanceOf(ConfigSyntaxError);
    // Without an error, the recipe's steps say which files were not given.
    expect(checks[1]!.steps!.map((s) => [s.file, s.status])).toEqual([
      ['prosody', 'skipped'],
      ['jicofoConf', 'skipped'],
    ]);
    expect(checks[3]!.steps!.map((s) => [s.file, s.status, s.reason])).toEqual([['prosody', 'skipped', 'file not given']]);
  });
});

describe('applyState is all or nothing', () => {
  const failing = `version: 1
intents:
  - kind: browser
    browser: firefox
    list: unsupported
  - kind: set
    file: prosody
    scope: {host: guest.meet.example.com}
    key: c2s_require_encryption
    value: false
`;

  it('an intent that cannot apply: IntentError with the intent, its line, the file and the library error', () => {
    const error = thrown(IntentError, () => applyState(parseState(failing), FILES));
    expect([error.code, error.file, error.intent.line, error.intent.index, error.intent.summary]).toEqual([
      'E_VALIDATION',
      'prosody',
      6,
      1,
      'set prosody host:guest.meet.example.com/c2s_require_encryption = false',
    ]);
    expect(error.cause).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'The intent on line 6 of the state file (set prosody host:guest.meet.example.com/c2s_require_encryption = false) cannot be applied: ' +
        'VirtualHost "guest.meet.example.com" is not in this file; its VirtualHosts are: meet.example.com, auth.meet.example.com, recorder.meet.example.com',
    );
  });

  it('order matters: a setting of the guest host applies after the secure domain that makes it, not before', () => {
    const guestModules = '  - kind: set\n    file: prosody\n    scope: {host: guest.meet.example.com}\n    key: modules_enabled\n    value: [muc_lobby_rooms]\n';
    const secure = '  - kind: secure-domain\n    host: meet.example.com\n';
    const after = applyState(parseState(`version: 1\nintents:\n${secure}${guestModules}`), FILES);
    expect(after.steps.map((s) => s.status)).toEqual(['applied', 'applied']);
    const before = thrown(IntentError, () => applyState(parseState(`version: 1\nintents:\n${guestModules}${secure}`), FILES));
    expect([before.intent.line, before.code]).toEqual([3, 'E_VALIDATION']);
  });

  it('a value that is not a literal: IntentError carrying the UnsupportedEditError and its position in config.js', () => {
    const state = parseState('version: 1\nintents:\n  - kind: set\n    file: config.js\n    path: p2p.enabled\n    value: false\n');
    const error = thrown(IntentError, () => applyState(state, { meetConfig: 'var config = {\n    p2p: { enabled: enableP2P },\n};\n' }));
    expect([error.code, error.file, error.position?.line, error.cause instanceof UnsupportedEditError]).toEqual(['E_UNSUPPORTED_EDIT', 'meetConfig', 2, true]);
  });

  it('with partial: the failing intent is reported and left out, the others applied', () => {
    const result = applyState(parseState(failing), FILES, { partial: true });
    expect(result.steps.map((s) => s.status)).toEqual(['applied', 'failed']);
    expect(result.steps[1]!.error).toBeInstanceOf(IntentError);
    expect(result.files).toEqual({ ...FILES, interfaceConfig: blockBrowser(FILES, 'firefox').files.interfaceConfig });
  });

  it('the files given are never modified', () => {
    const files = { ...FILES };
    applyState(parseState(STATE), files);
    expect(files).toEqual(FILES);
  });
});

describe('intents whose files are not given', () => {
  it('are skipped, with the reason; an empty state changes nothing', () => {
    const result = applyState(parseState(STATE), {});
    expect(result.steps.map((s) => [s.status, s.reason])).toEqual([
      ['skipped', 'file not given'],
      [
        'skipped',
        'The secure domain cannot be applied without the Prosody host file (not given; on Debian: /etc/prosody/conf.avail/<host>.cfg.lua or /etc/prosody/conf.d/<host>.cfg.lua), config.js (not given; on Debian: /etc/jitsi/meet/<host>-config.js) and jicofo.conf or, for Jicofo of 2020 and before, sip-communicator.properties (not given; on Debian: /etc/jitsi/jicofo/jicofo.conf or /etc/jitsi/jicofo/sip-communicator.properties): it is applied to all of its files or to none',
      ],
      ['skipped', 'config.js: file not given'],
      ['skipped', 'prosody: file not given'],
      ['skipped', 'jicofo.conf: file not given'],
      ['skipped', 'sip-communicator.properties: file not given'],
      ['skipped', 'interface_config.js: file not given'],
    ]);
    expect(result.changed).toBe(false);
    expect(applyState(parseState(''), FILES)).toEqual({ files: FILES, steps: [], todo: [], warnings: [], changed: false });
  });
});

describe('edits of the state file and of the deployment go together', () => {
  it('a state built by recording intents applies as the recipes called directly', () => {
    const doc = parseState('');
    doc.record({ kind: 'browser', browser: 'firefox', list: 'unsupported' });
    doc.record({ kind: 'secure-domain', host: 'meet.example.com' });
    const { files } = applyState(parseState(doc.toString()), FILES);
    expect(files).toEqual(secureDomain(blockBrowser(FILES, 'firefox').files, { host: 'meet.example.com' }).files);
    expect(applyEdits('', doc.edits)).toBe(doc.toString());
  });
});
