/**
 * Under --json every run prints exactly one JSON object on stdout, errors included (so that
 * Ansible's failed_when / changed_when can always parse it), with the same exit statuses and the
 * human message still on stderr. In-process with a recording Io (sources, not the bundle).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, VERSION } from './index.js';
import { helpText } from './help.js';
import { recorder as record } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-json-errors-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const recorder = () => record({ cwd: dir });

async function runJson(argv: string[]): Promise<{ status: number; stdout: unknown; stderr: string }> {
  const io = recorder();
  const status = await run(argv, io);
  return { status, stdout: JSON.parse(io.out) as unknown, stderr: io.err };
}

const INTERFACE = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";

describe('--json errors: one object on stdout, the message on stderr, the same exit status', () => {
  it('a usage error from the argument parser (before the command is known)', async () => {
    expect(await runJson(['--json', 'frobnicate'])).toEqual({
      status: 2,
      stdout: { error: { code: 'E_USAGE', class: 'UsageError', message: 'unknown command "frobnicate"', status: 2 } },
      stderr: 'jitsi-confkit: unknown command "frobnicate"\nRun "jitsi-confkit --help" for usage.\n',
    });
  });

  it('a usage error of a known command', async () => {
    expect(await runJson(['browsers', 'move', 'firefox', '--json'])).toEqual({
      status: 2,
      stdout: { error: { code: 'E_USAGE', class: 'UsageError', message: 'option --to is required', status: 2 } },
      stderr: 'jitsi-confkit: option --to is required\nRun "jitsi-confkit browsers move --help" for usage.\n',
    });
  });

  it('--json after -- is an argument, not the option', async () => {
    const io = recorder();
    expect(await run(['frobnicate', '--', '--json'], io)).toBe(2);
    expect(io.out).toBe('');
  });

  it('a syntax error: file, line and column as fields, the code frame on stderr only', async () => {
    writeFileSync(join(dir, 'broken-config.js'), 'var config = {\n    hosts: {\n        domain: ,\n    },\n};\n');
    const result = await runJson(['get', 'broken-config.js', 'hosts.domain', '--json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual({
      error: { code: 'E_SYNTAX', class: 'ConfigSyntaxError', message: 'Syntax error: Unexpected token', status: 1, file: 'broken-config.js', line: 3, column: 17 },
    });
    expect(result.stderr).toBe(
      'jitsi-confkit: broken-config.js:3:17: Syntax error: Unexpected token\n' +
        '  1 | var config = {\n  2 |     hosts: {\n> 3 |         domain: ,\n    |                 ^\n  4 |     },\n  5 | };\n',
    );
  });

  it('a value not set (get): E_NOT_FOUND, exit 1', async () => {
    writeFileSync(join(dir, 'interface_config.js'), INTERFACE);
    expect(await runJson(['get', 'interface_config.js', 'NOPE', '--json'])).toEqual({
      status: 1,
      stdout: { error: { code: 'E_NOT_FOUND', class: 'ConfkitError', message: 'NOPE is not set in interface_config.js', status: 1 } },
      stderr: 'jitsi-confkit: NOPE is not set in interface_config.js\n',
    });
  });

  it('a refused value: E_VALIDATION, exit 1', async () => {
    writeFileSync(join(dir, 'interface_config.js'), INTERFACE);
    const result = await runJson(['browsers', 'move', 'firefx', '--to', 'unsupported', '--file', 'interface_config.js', '--json']);
    expect(result).toEqual({
      status: 1,
      stdout: {
        error: {
          code: 'E_VALIDATION',
          class: 'ValidationError',
          message: 'Unknown browser "firefx": use one of chrome, chromium, edge, electron, firefox, nwjs, opera, safari, webkit',
          status: 1,
        },
      },
      stderr: 'jitsi-confkit: Unknown browser "firefx": use one of chrome, chromium, edge, electron, firefox, nwjs, opera, safari, webkit\n',
    });
  });

  it('a missing file: E_FILE with the file and the system error code', async () => {
    expect(await runJson(['browsers', 'list', '--file', 'nope-interface_config.js', '--json'])).toEqual({
      status: 1,
      stdout: {
        error: { code: 'E_FILE', class: 'FileError', message: 'cannot read nope-interface_config.js: no such file', status: 1, file: 'nope-interface_config.js', errno: 'ENOENT' },
      },
      stderr: 'jitsi-confkit: cannot read nope-interface_config.js: no such file\n',
    });
  });

  it('a usage error found by the command (no host): exit 2', async () => {
    mkdirSync(join(dir, 'etc'));
    expect(await runJson(['check', '--root', '.', '--json'])).toEqual({
      status: 2,
      stdout: {
        error: {
          code: 'E_USAGE',
          class: 'UsageError',
          message: 'no Jitsi host found under .: no etc/jitsi/meet/<host>-config.js, no etc/prosody/conf.avail/<host>.cfg.lua (is --root right?); give --host HOST',
          status: 2,
          hosts: [],
        },
      },
      stderr:
        'jitsi-confkit: no Jitsi host found under .: no etc/jitsi/meet/<host>-config.js, no etc/prosody/conf.avail/<host>.cfg.lua (is --root right?); give --host HOST\nRun "jitsi-confkit check --help" for usage.\n',
    });
  });

  it('without --json, nothing on stdout', async () => {
    const io = recorder();
    expect(await run(['get', 'nope-config.js', 'x'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe('jitsi-confkit: cannot read nope-config.js: no such file\n');
  });
});

describe('--json with --help or --version: still one JSON object', () => {
  it.each([
    [['--json'], { help: helpText('', VERSION) }],
    [['browsers', '--help', '--json'], { help: helpText('browsers', VERSION) }],
    [['set', '--help', '--json'], { help: helpText('set', VERSION) }],
    [['--version', '--json'], { version: VERSION }],
  ])('%j', async (argv, expected) => {
    expect(await runJson(argv)).toEqual({ status: 0, stdout: expected, stderr: '' });
  });

  it('without --json, the plain text', async () => {
    const io = recorder();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out).toBe(`${VERSION}\n`);
  });
});
