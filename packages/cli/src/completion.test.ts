/**
 * The bash completion, run by bash itself: the completion function is called the way bash's
 * programmable completion calls it (COMP_WORDS, COMP_CWORD) and COMPREPLY is compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH_PROVIDERS } from '@jitsi-confkit/prosody-config';
import { BROWSERS } from '@jitsi-confkit/web-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bashCompletion } from './completion.js';
import { COMMANDS, OPTIONS } from './spec.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-completion-'));
  writeFileSync(join(dir, 'completion.bash'), bashCompletion());
  mkdirSync(join(dir, 'tree'));
  writeFileSync(join(dir, 'interface_config.js'), '');
  writeFileSync(join(dir, 'jicofo.conf'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** COMPREPLY, sorted, after completing the last of `words` (the word under the cursor). */
function complete(...words: string[]): string[] {
  const script = [
    'source ./completion.bash',
    'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()',
    '_jitsi_confkit',
    '((${#COMPREPLY[@]} == 0)) || printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', 'jitsi-confkit', ...words], { cwd: dir, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

const sorted = (words: readonly string[]) => [...words].sort();
const flagsOf = (name: string) => COMMANDS.find((c) => c.name === name)!.options.flatMap((o) => [`--${OPTIONS[o].flag}`, ...(OPTIONS[o].short ? [`-${OPTIONS[o].short}`] : [])]);

describe('commands', () => {
  it.each([
    [[''], ['apply', 'browsers', 'check', 'delete', 'doctor', 'get', 'help', 'hook', 'jwt', 'moderation', 'secure-domain', 'set', 'status']],
    [['s'], ['secure-domain', 'set', 'status']],
    [
      ['hook', ''],
      ['install', 'remove', 'run'],
    ],
    [['apply', '--k'], ['--keep-going']],
    [['set', 'x-config.js', 'p2p.enabled', 'false', '--sa'], ['--save']],
    [
      ['browsers', ''],
      ['list', 'move'],
    ],
    [['secure-domain', 'e'], ['enable']],
    [['help', 'sec'], ['secure-domain']],
    [['help', 'browsers', 'm'], ['move']],
    [
      ['--root', '/srv', 'browsers', ''],
      ['list', 'move'],
    ],
    [['--root', '=', '/srv', 'b'], ['browsers']],
    [['--root=/srv', 'b'], ['browsers']],
    [['-'], ['--help', '--version', '-V', '-h']],
  ])('%j -> %j', (words, expected) => {
    expect(complete(...words)).toEqual(sorted(expected));
  });
});

describe('arguments and option values', () => {
  it('a browser name, from the names the library accepts', () => {
    expect(complete('browsers', 'move', '')).toEqual(sorted(BROWSERS));
    expect(complete('browsers', 'move', 'fi')).toEqual(['firefox']);
    expect(complete('browsers', 'move', '--dry-run', 'ch')).toEqual(['chrome', 'chromium']);
    expect(complete('browsers', 'move', 'firefox', '')).toEqual([]);
  });

  it('--to: its two choices, also as --to=…', () => {
    expect(complete('browsers', 'move', 'firefox', '--to', '')).toEqual(['optimal', 'unsupported']);
    expect(complete('browsers', 'move', 'firefox', '--to', '=', 'u')).toEqual(['unsupported']);
    expect(complete('browsers', 'move', 'firefox', '--to', '=')).toEqual(['optimal', 'unsupported']);
  });

  it('--auth: the providers a secure domain accepts', () => {
    expect(complete('secure-domain', 'enable', '--auth', '')).toEqual(sorted(AUTH_PROVIDERS));
  });

  it('files and directories where the value is a path', () => {
    expect(complete('browsers', 'move', 'firefox', '--file', 'in')).toEqual(['interface_config.js']);
    expect(complete('secure-domain', 'enable', '--jicofo-conf', 'j')).toEqual(['jicofo.conf']);
    expect(complete('check', '--root', '')).toEqual(['tree']);
    expect(complete('get', 'j')).toEqual(['jicofo.conf']);
  });

  it('nothing for a host name, a value path or a value', () => {
    expect(complete('secure-domain', 'enable', '--host', '')).toEqual([]);
    expect(complete('get', 'jicofo.conf', '')).toEqual([]);
    expect(complete('set', 'jicofo.conf', 'a.b', '')).toEqual([]);
  });
});

describe('options', () => {
  it.each(COMMANDS.map((c) => [c.name]))('%s: exactly the options of its --help', (name) => {
    expect(complete(...name.split(' '), '-')).toEqual(sorted(flagsOf(name)));
  });

  it('after the value of an option, the options again', () => {
    expect(complete('secure-domain', 'enable', '--host', 'meet.example.com', '--g')).toEqual(['--guest']);
  });
});
