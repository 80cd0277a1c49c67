/** The top-level handler and the output, run in-process with a recording Io (sources, not the bundle). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, VERSION } from './index.js';
import { recorder as record } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const recorder = (options: { isTTY?: boolean; env?: Record<string, string> } = {}) => record({ cwd: dir, ...options });

const INTERFACE = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";

describe('exit statuses and the error handler', () => {
  it('a syntax error: file:line:column, the code frame, no stack, exit 1', async () => {
    writeFileSync(join(dir, 'broken-config.js'), 'var config = {\n    hosts: {\n        domain: ,\n    },\n};\n');
    const io = recorder();
    expect(await run(['get', 'broken-config.js', 'hosts.domain'], io)).toBe(1);
    expect(io.out).toBe('');
    const [head, ...frame] = io.err.split('\n');
    expect(head).toMatch(/^jitsi-confkit: broken-config\.js:3:17: /);
    expect(frame.join('\n')).toContain('> 3 |         domain: ,\n    |                 ^');
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('--debug adds the stack trace', async () => {
    writeFileSync(join(dir, 'broken-config.js'), 'var config = {\n');
    const io = recorder();
    expect(await run(['get', 'broken-config.js', 'hosts', '--debug'], io)).toBe(1);
    expect(io.err).toMatch(/\n\s+at /);
  });

  it('a usage error: exit 2 and where to find help', async () => {
    const io = recorder();
    expect(await run(['browsers', 'move', 'firefox', '--to', 'sideways'], io)).toBe(2);
    expect(io.err).toBe('jitsi-confkit: option --to must be one of unsupported, optimal (got "sideways")\nRun "jitsi-confkit --help" for usage.\n');
  });

  it('a file of unknown kind is a usage error', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const io = recorder();
    expect(await run(['get', 'notes.txt', 'x'], io)).toBe(2);
    expect(io.err.split('\n')[0]).toBe(
      'jitsi-confkit: cannot tell what kind of file notes.txt is: its name does not end in interface_config.js, config.js, .lua, .conf or .properties, and its content does not say',
    );
  });

  it('a missing file: exit 1', async () => {
    const io = recorder();
    expect(await run(['browsers', 'list', '--file', 'nope-interface_config.js'], io)).toBe(1);
    expect(io.err).toBe('jitsi-confkit: cannot read nope-interface_config.js: no such file\n');
  });

  it('no host to be found: exit 2', async () => {
    const io = recorder();
    expect(await run(['check', '--root', '.'], io)).toBe(2);
    expect(io.err).toBe(
      'jitsi-confkit: no Jitsi host found under .: no etc/jitsi/meet/<host>-config.js, no etc/prosody/conf.avail/<host>.cfg.lua (is --root right?); give --host HOST\nRun "jitsi-confkit check --help" for usage.\n',
    );
  });

  it('--version and --help exit 0', async () => {
    const io = recorder();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out).toBe(`${VERSION}\n`);
    const help = recorder();
    expect(await run(['set', '--help'], help)).toBe(0);
    expect(help.out.startsWith('Usage: jitsi-confkit set <file> <path> <value> [options]\n')).toBe(true);
  });

  it('VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});

describe('colour', () => {
  const move = ['browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'interface_config.js', '--dry-run'];

  it('on a terminal: coloured step status and diff', async () => {
    writeFileSync(join(dir, 'interface_config.js'), INTERFACE);
    const io = recorder({ isTTY: true });
    expect(await run(move, io)).toBe(0);
    expect(io.out).toContain('\u001b[32mapplied\u001b[39m');
    expect(io.out).toContain("\u001b[31m-    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\u001b[39m");
    expect(io.out).toContain("\u001b[32m+    UNSUPPORTED_BROWSERS: [ 'firefox' ],\u001b[39m");
  });

  it.each([
    ['not a terminal', { isTTY: false }],
    ['NO_COLOR set', { isTTY: true, env: { NO_COLOR: '1' } }],
  ])('%s: no escape sequences at all', async (_name, options) => {
    writeFileSync(join(dir, 'interface_config.js'), INTERFACE);
    const io = recorder(options);
    expect(await run(move, io)).toBe(0);
    expect(io.out + io.err).not.toContain('\u001b');
    expect(io.out).toBe(
      [
        "applied  interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
        '',
        '--- a/interface_config.js',
        '+++ b/interface_config.js',
        '@@ -1,4 +1,4 @@',
        ' var interfaceConfig = {',
        "-    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],",
        '-    UNSUPPORTED_BROWSERS: [],',
        "+    OPTIMAL_BROWSERS: [ 'chrome' ],",
        "+    UNSUPPORTED_BROWSERS: [ 'firefox' ],",
        ' };',
        '',
        'Dry run: nothing written.',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'interface_config.js'), 'utf8')).toBe(INTERFACE);
  });
});
