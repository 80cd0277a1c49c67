/**
 * The manual page: made from the command spec (every command, option and example of --help is
 * in it), valid for groff (no warnings), and rendered back to the same text as --help prints:
 * options with the ASCII hyphen-minus they are typed with.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { programAvailable } from '../../../test/support/programs.js';
import { usageOf } from './help.js';
import { escape, manPage } from './manual.js';
import { COMMANDS, DEBIAN_FILES, EXIT_STATUSES, OPTIONS, OWN_FILES, SUMMARY, optionDescription } from './spec.js';

const page = manPage('0.1.0');
const lines = page.split('\n');

describe('escape', () => {
  it.each([
    ['plain text', 'plain text'],
    ['--dry-run', '\\-\\-dry\\-run'],
    ['a\\b', 'a\\eb'],
    ['.starts with a dot', '\\&.starts with a dot'],
    ["'starts with a quote", "\\&'starts with a quote"],
    ["mid.line and it's", "mid.line and it's"],
    ['status, …}', 'status, \\[u2026]}'],
    ['Schöldström', 'Sch\\[u00F6]ldstr\\[u00F6]m'],
  ])('%j -> %j', (input, expected) => {
    expect(escape(input)).toBe(expected);
  });
});

/** The lines of the section of `command`, from its .SS line to the next section. */
function section(name: string): string[] {
  const command = COMMANDS.find((c) => c.name === name)!;
  const start = lines.indexOf(`.SS "${escape([command.name, ...command.args].join(' '))}"`);
  expect(start).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > start && /^\.S[HS] /.test(l));
  return lines.slice(start, end);
}

describe('made from the command spec', () => {
  it('starts with the title and the NAME line that apropos reads', () => {
    expect(lines.slice(1, 5)).toEqual(['.TH JITSI\\-CONFKIT 1 "" "jitsi\\-confkit 0.1.0" "User Commands"', '.SH NAME', `jitsi\\-confkit \\- ${escape(SUMMARY)}`, '.SH SYNOPSIS']);
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: every option with its description, then the examples', (name, command) => {
    const lines = section(name);
    const options = command.options.flatMap((option) => {
      const spec = OPTIONS[option];
      const short = spec.short === undefined ? '' : `\\fB\\-${spec.short}\\fR, `;
      const value = spec.value === undefined ? '' : ` \\fI${spec.value}\\fR`;
      const required = command.required?.includes(option) ? ' (required)' : '';
      return ['.TP', `${short}\\fB${escape(`--${spec.flag}`)}\\fR${value}`, escape(optionDescription(command, option) + required)];
    });
    const first = lines.indexOf('.TP');
    expect(lines.slice(first, first + options.length)).toEqual(options);
    expect(lines.slice(first + options.length)).toEqual(['.PP', 'Examples:', '.PP', '.RS', '.EX', ...command.examples.map(escape), '.EE', '.RE']);
  });

  it('lists the Debian files and every exit status', () => {
    const files = lines.indexOf('.SH FILES');
    expect(lines.slice(files + 3, files + 5 + DEBIAN_FILES.length)).toEqual(['.RS', '.nf', ...DEBIAN_FILES.map(escape)]);
    const own = lines.indexOf('and these of its own:');
    expect(lines.slice(own + 1, own + 1 + 3 * OWN_FILES.length)).toEqual(
      OWN_FILES.flatMap((f) => ['.TP', `.I ${escape(f.path)}`, escape(`${f.what.charAt(0).toUpperCase()}${f.what.slice(1)}.`)]),
    );
    const exit = lines.indexOf('.SH "EXIT STATUS"');
    expect(lines.slice(exit + 1, exit + 1 + 3 * EXIT_STATUSES.length)).toEqual(
      EXIT_STATUSES.flatMap((e) => ['.TP', `.B ${e.status}`, escape(`${e.meaning.charAt(0).toUpperCase()}${e.meaning.slice(1)}.`)]),
    );
  });
});

describe.skipIf(!programAvailable('groff', 'groff-base', 'the manual page checks'))('rendered by groff (as man does)', () => {
  const render = () => {
    const result = spawnSync('groff', ['-mandoc', '-Tutf8', '-ww', '-rLL=200n', '-P-cbou'], { input: page, encoding: 'utf8' });
    expect(result.status).toBe(0);
    return result;
  };

  it('without a warning', () => {
    expect(render().stderr).toBe('');
  });

  it('gives back the usage lines and examples of --help, character for character', () => {
    const text = render()
      .stdout.split('\n')
      .map((l) => l.trim());
    const synopsis = text.indexOf('SYNOPSIS');
    expect(text.slice(synopsis + 1, synopsis + 1 + COMMANDS.length)).toEqual(COMMANDS.map((c) => `jitsi-confkit ${usageOf(c)} [options]`));
    for (const c of COMMANDS) for (const example of c.examples) expect(text).toContain(example);
    expect(text).toContain(`jitsi-confkit - ${SUMMARY}`);
  });

  it("gives back each option's label and description (filled into lines of its own width)", () => {
    const text = render().stdout.replace(/\s+/g, ' ');
    for (const c of COMMANDS) {
      for (const option of c.options) {
        const spec = OPTIONS[option];
        const label = `${spec.short === undefined ? '' : `-${spec.short}, `}--${spec.flag}${spec.value === undefined ? '' : ` ${spec.value}`}`;
        const required = c.required?.includes(option) ? ' (required)' : '';
        expect(text).toContain(`${label} ${optionDescription(c, option)}${required}`);
      }
    }
  });
});
