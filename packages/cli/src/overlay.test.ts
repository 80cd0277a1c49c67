/** docker's custom-config.js and custom-interface_config.js: overlays, told from the file or named by --overlay. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './index.js';
import { recorder as record } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-overlay-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = record({ cwd: dir });
  const status = await run(argv, io);
  return { status, out: io.out, err: io.err };
}

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

describe('set in custom-config.js', () => {
  it('a nested key is one assignment, never a new config.hosts that drops the generated one', async () => {
    const overlay = "config.toolbarButtons = ['camera', 'chat'];\n";
    writeFileSync(join(dir, 'custom-config.js'), overlay);
    const result = await cli('set', 'custom-config.js', 'hosts.anonymousdomain', 'guest.meet.jitsi');
    expect(result.status).toBe(0);
    expect(read('custom-config.js')).toBe(`${overlay}config.hosts.anonymousdomain = 'guest.meet.jitsi';\n`);
  });

  it('an empty overlay: refused as a file that defines no config, written with --overlay', async () => {
    writeFileSync(join(dir, 'custom-config.js'), '');
    const refused = await cli('set', 'custom-config.js', 'hosts.anonymousdomain', 'guest.meet.jitsi');
    expect(refused).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: custom-config.js: Cannot set hosts.anonymousdomain: the file does not define config (no `var config = {…}`)\n',
    });
    expect(read('custom-config.js')).toBe('');
    const written = await cli('set', 'custom-config.js', 'hosts.anonymousdomain', 'guest.meet.jitsi', '--overlay');
    expect(written.status).toBe(0);
    expect(read('custom-config.js')).toBe("config.hosts.anonymousdomain = 'guest.meet.jitsi';\n");
  });

  it('--overlay is accepted by set and browsers only', async () => {
    writeFileSync(join(dir, 'custom-config.js'), 'config.a = 1;\n');
    const result = await cli('get', 'custom-config.js', 'a', '--overlay');
    expect(result.status).toBe(2);
    expect(result.err).toContain('--overlay');
  });
});

describe('browsers in custom-interface_config.js', () => {
  const OVERLAY = "interfaceConfig = interfaceConfig || {};\ninterfaceConfig.APP_NAME = 'Our Meet';\n";

  it('without the lists: says it is an overlay that does not set them, and to pass --create-keys; nothing written', async () => {
    writeFileSync(join(dir, 'custom-interface_config.js'), OVERLAY);
    const result = await cli('browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'custom-interface_config.js');
    expect(result.status).toBe(1);
    expect(result.err.split('\n')[0]).toBe(
      'jitsi-confkit: custom-interface_config.js:1:38: This overlay sets neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS, so the stock lists of the ' +
        'interface_config.js it is appended to apply (OPTIMAL_BROWSERS chrome, chromium, firefox, electron, safari, webkit; UNSUPPORTED_BROWSERS empty); ' +
        'moving firefox to UNSUPPORTED_BROWSERS needs the overlay to set OPTIMAL_BROWSERS and UNSUPPORTED_BROWSERS: run the command again with --create-keys ' +
        'to write them, starting from the stock lists',
    );
    expect(result.err).not.toContain('3936');
    expect(result.err).not.toContain('createKeys');
    expect(read('custom-interface_config.js')).toBe(OVERLAY);
  });

  it('with --create-keys both lists are written, so the browser moves as served; browsers list says so', async () => {
    writeFileSync(join(dir, 'custom-interface_config.js'), OVERLAY);
    const listed = await cli('browsers', 'list', '--file', 'custom-interface_config.js');
    expect(listed.out.split('\n').slice(1, 3)).toEqual([
      '  OPTIMAL_BROWSERS      (not set by this overlay; the stock list applies: chrome, chromium, firefox, electron, safari, webkit)',
      '  UNSUPPORTED_BROWSERS  (not set by this overlay; the stock list applies: (empty))',
    ]);
    expect(listed.out).toContain('  firefox   optimal\n');
    expect((await cli('browsers', 'move', 'firefox', '--to', 'unsupported', '--create-keys', '--file', 'custom-interface_config.js')).status).toBe(0);
    expect(read('custom-interface_config.js')).toBe(
      `${OVERLAY}interfaceConfig.OPTIMAL_BROWSERS = [ 'chrome', 'chromium', 'electron', 'safari', 'webkit' ];\ninterfaceConfig.UNSUPPORTED_BROWSERS = [ 'firefox' ];\n`,
    );
    expect((await cli('browsers', 'list', '--file', 'custom-interface_config.js')).out).toContain('  firefox   unsupported\n');
  });

  it('an empty file named by --overlay', async () => {
    writeFileSync(join(dir, 'custom-interface_config.js'), '');
    const result = await cli('browsers', 'move', 'firefox', '--to', 'unsupported', '--create-keys', '--overlay', '--file', 'custom-interface_config.js');
    expect(result.status).toBe(0);
    expect(read('custom-interface_config.js')).toBe(
      "interfaceConfig.OPTIMAL_BROWSERS = [ 'chrome', 'chromium', 'electron', 'safari', 'webkit' ];\ninterfaceConfig.UNSUPPORTED_BROWSERS = [ 'firefox' ];\n",
    );
  });
});
