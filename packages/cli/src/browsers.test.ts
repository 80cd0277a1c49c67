/** `browsers move` on files that lack the browser keys: the CLI's words (--create-keys), not the library's API option. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './index.js';
import { recorder as record } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-browsers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const recorder = () => record({ cwd: dir });

/** As Jitsi Meet shipped it before stable 3936 (2019-08): neither browser key. */
const OLD = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    SHOW_JITSI_WATERMARK: true\n};\n";
/** Only OPTIMAL_BROWSERS (a hand-edited file). */
const HALF = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ]\n};\n";

describe('browsers move on a file without the target key', () => {
  it('neither key (before 2019-08): says why, and to pass --create-keys; exit 1, file untouched', async () => {
    writeFileSync(join(dir, 'interface_config.js'), OLD);
    const io = recorder();
    expect(await run(['browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'interface_config.js'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe(
      'jitsi-confkit: interface_config.js:1:23: This interface_config.js has neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS: ' +
        'Jitsi Meet before stable 3936 (2019-08) ignores these keys, so adding them changes nothing for that version; ' +
        'run the command again with --create-keys to add them anyway\n' +
        "> 1 | var interfaceConfig = {\n    |                       ^\n  2 |     APP_NAME: 'Jitsi Meet',\n  3 |     SHOW_JITSI_WATERMARK: true\n",
    );
    expect(io.err).not.toContain('createKeys');
    expect(readFileSync(join(dir, 'interface_config.js'), 'utf8')).toBe(OLD);
  });

  it('one key missing: run again with --create-keys', async () => {
    writeFileSync(join(dir, 'interface_config.js'), HALF);
    const io = recorder();
    expect(await run(['browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'interface_config.js', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out)).toEqual({
      error: {
        code: 'E_UNSUPPORTED_EDIT',
        class: 'UnsupportedEditError',
        message: 'This interface_config.js has no UNSUPPORTED_BROWSERS key; run the command again with --create-keys to add it',
        status: 1,
        file: 'interface_config.js',
        line: 1,
        column: 23,
      },
    });
    expect(io.err.split('\n')[0]).toBe(
      'jitsi-confkit: interface_config.js:1:23: This interface_config.js has no UNSUPPORTED_BROWSERS key; run the command again with --create-keys to add it',
    );
    expect(readFileSync(join(dir, 'interface_config.js'), 'utf8')).toBe(HALF);
  });

  it('with --create-keys the keys are added', async () => {
    writeFileSync(join(dir, 'interface_config.js'), OLD);
    const io = recorder();
    expect(await run(['browsers', 'move', 'firefox', '--to', 'unsupported', '--create-keys', '--file', 'interface_config.js'], io)).toBe(0);
    expect(io.out).toBe("applied  interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)\nwrote interface_config.js\n");
    const io2 = recorder();
    expect(await run(['get', 'interface_config.js', 'UNSUPPORTED_BROWSERS'], io2)).toBe(0);
    expect(io2.out).toBe('["firefox"]\n');
  });
});

describe('browsers with an overlay /etc/jitsi/meet/<host>-interface_config.js beside the packaged file', () => {
  const PACKAGED = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";

  beforeEach(() => {
    mkdirSync(join(dir, 'usr/share/jitsi-meet'), { recursive: true });
    mkdirSync(join(dir, 'etc/jitsi/meet'), { recursive: true });
    writeFileSync(join(dir, 'usr/share/jitsi-meet/interface_config.js'), PACKAGED);
    writeFileSync(join(dir, 'etc/jitsi/meet/meet.example.com-interface_config.js'), PACKAGED);
  });

  it('asks which one (exit 2) rather than editing one nginx may not serve; nothing written', async () => {
    const io = recorder();
    expect(await run(['browsers', 'move', 'firefox', '--to', 'unsupported', '--root', '.'], io)).toBe(2);
    expect(io.err).toBe(
      'jitsi-confkit: interface_config.js is in more than one place: usr/share/jitsi-meet/interface_config.js (replaced by every jitsi-meet-web upgrade) ' +
        'and etc/jitsi/meet/meet.example.com-interface_config.js (an overlay, served instead when nginx has "location = /interface_config.js { alias … }"); ' +
        'choose one with --file PATH\nRun "jitsi-confkit browsers move --help" for usage.\n',
    );
    expect(readFileSync(join(dir, 'usr/share/jitsi-meet/interface_config.js'), 'utf8')).toBe(PACKAGED);
    expect(readFileSync(join(dir, 'etc/jitsi/meet/meet.example.com-interface_config.js'), 'utf8')).toBe(PACKAGED);
  });

  it('--file names the overlay: it is edited, without the upgrade warning', async () => {
    const io = recorder();
    const overlay = 'etc/jitsi/meet/meet.example.com-interface_config.js';
    expect(await run(['browsers', 'move', 'firefox', '--to', 'unsupported', '--root', '.', '--file', overlay], io)).toBe(0);
    expect(io.out).toBe(`applied  ${overlay}: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)\nwrote ${overlay}\n`);
    expect(io.err).not.toContain('upgrade');
    expect(readFileSync(join(dir, 'usr/share/jitsi-meet/interface_config.js'), 'utf8')).toBe(PACKAGED);
  });
});
