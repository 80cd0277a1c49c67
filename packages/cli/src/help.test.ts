import { describe, expect, it } from 'vitest';
import { helpText } from './help.js';
import { COMMANDS, GROUPS, OPTIONS, optionDescription } from './spec.js';

describe('help of each command', () => {
  it.each(COMMANDS.map((c) => ({ name: c.name, command: c })))('$name --help: usage, every option, examples', ({ command }) => {
    const text = helpText(command.name, '0.1.0');
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Usage: jitsi-confkit ${[command.name, ...command.args].join(' ')}${command.required?.includes('to') ? ' --to unsupported|optimal' : ''} [options]`);
    for (const name of command.options) {
      const spec = OPTIONS[name];
      const label = `--${spec.flag}${spec.value === undefined ? '' : ` ${spec.value}`}`;
      expect(lines.some((l) => l.includes(label) && l.endsWith(optionDescription(command, name) + (command.required?.includes(name) ? ' (required)' : '')))).toBe(true);
    }
    const examples = lines.slice(lines.indexOf('Examples:') + 1).filter((l) => l !== '');
    expect(examples).toEqual(command.examples.map((e) => `  ${e}`));
    expect(command.examples.length).toBeGreaterThanOrEqual(1);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('top-level and group help', () => {
  it('lists every command and the exit statuses', () => {
    const text = helpText('', '0.1.0');
    expect(text.startsWith("jitsi-confkit 0.1.0: safe, minimal edits of a self-hosted Jitsi Meet server's configuration\n")).toBe(true);
    for (const c of COMMANDS) expect(text).toContain(`  jitsi-confkit ${[c.name, ...c.args].join(' ')}`);
    expect(text).toContain(
      [
        'Exit status:',
        '  0  done (changed or not); for status, every intent holds',
        '  1  a file or a value was refused and nothing was written; or check or doctor found',
        '     errors; or apply could not apply an intent (with --keep-going, the others were',
        '     written)',
        '  2  usage error',
        '  3  status only: drift, an intent no longer holds and apply would make it hold again',
        '  4  status only: an intent cannot be applied (a file missing, or changed so that its',
        '     edit is refused): a person must look',
        '',
      ].join('\n'),
    );
    expect(text).toContain(
      'Its own files (under --root DIR, default /):\n  /etc/jitsi-confkit/state.yaml\n  /var/lib/jitsi-confkit/last-apply.json\n  /etc/apt/apt.conf.d/80jitsi-confkit\n',
    );
    expect(text).toContain('With --json, stdout is one JSON object whatever happens (an error is {"error": {code,\nclass, message, status, …}}), for automation.');
  });

  it.each(Object.keys(GROUPS).map((group) => ({ group })))('$group: its commands only', ({ group }) => {
    const text = helpText(group, '0.1.0');
    for (const c of COMMANDS) {
      expect(text.includes(`jitsi-confkit ${c.name}`)).toBe(c.name.startsWith(`${group} `));
    }
  });

  it('documents the Prosody path syntax in get and set', () => {
    for (const name of ['get', 'set']) {
      expect(helpText(name, '0.1.0')).toContain('SCOPE/KEY, where SCOPE is global, host:NAME (a VirtualHost)');
    }
  });
});

describe('option help that differs by command', () => {
  it('--json says what each command prints', () => {
    expect(helpText('get', '0.1.0')).toMatch(/\n {6}--json +print one JSON object \{file, kind, path, value, line, column\}; on failure \{error:/);
    expect(helpText('browsers list', '0.1.0')).toContain('print one JSON object {file, optimal, unsupported, browsers}; on failure {error:');
    expect(helpText('secure-domain enable', '0.1.0')).toContain('print one JSON object {changed, files, steps, diffs, todo, warnings, findings?}; on failure {error:');
  });

  it('--root of get and set is where an absolute <file> is taken, not a layout search', () => {
    for (const name of ['get', 'set']) {
      expect(helpText(name, '0.1.0')).toMatch(
        /\n {6}--root DIR +the server's root: an absolute <file> is taken inside DIR, and no path leaves DIR, as after chroot DIR \(default \/\)\n/,
      );
    }
  });
});
