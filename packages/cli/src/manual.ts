/**
 * The manual page, jitsi-confkit(1), made from the same tables as --help (spec.ts), in the man(7)
 * macros. build.mjs writes it to dist/jitsi-confkit.1; the npm package (`man`) and the Debian
 * package install it.
 */
import { usageOf } from './help.js';
import { COMMANDS, DEBIAN_FILES, DESCRIPTION, EXIT_STATUSES, GROUPS, JSON_CONTRACT, OPTIONS, OWN_FILES, SUMMARY, optionDescription } from './spec.js';
import type { CommandSpec, OptionSpec } from './spec.js';

const BIN = 'jitsi-confkit';

const ENVIRONMENT = ['Colour is used only when standard output is a terminal. NO_COLOR set to any non-empty value', 'turns it off (https://no-color.org).'];

/** The man page of the CLI at `version`. */
export function manPage(version: string): string {
  const out: string[] = [
    `.\\" ${BIN}(1): generated from the CLI's command spec (src/spec.ts) by src/manual.ts; do not edit.`,
    `.TH ${escape(BIN.toUpperCase())} 1 "" "${escape(`${BIN} ${version}`)}" "User Commands"`,
    '.SH NAME',
    `${escape(BIN)} \\- ${escape(SUMMARY)}`,
    '.SH SYNOPSIS',
    '.nf',
    ...COMMANDS.map((c) => `${usageLine(c)} [\\fIoptions\\fR]`),
    `\\fB${escape(BIN)}\\fR \\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR`,
    '.fi',
    '.SH DESCRIPTION',
    escape(DESCRIPTION),
    '.PP',
    `Run \\fB${escape(BIN)} \\fIcommand\\fB \\-\\-help\\fR for the options and examples of one command.`,
    '.SH COMMANDS',
  ];
  for (const group of Object.keys(GROUPS)) {
    out.push(`Commands starting with \\fB${escape(group)}\\fR: ${escape(GROUPS[group] ?? '')}.`, '.PP');
  }
  for (const command of COMMANDS) out.push(...commandSection(command));
  out.push(
    '.SH FILES',
    'The commands look for these files in the Debian layout, under \\fB\\-\\-root\\fR \\fIDIR\\fR (default /):',
    '.PP',
    '.RS',
    '.nf',
    ...DEBIAN_FILES.map(escape),
    '.fi',
    '.RE',
    '.PP',
    'and these of its own:',
    ...OWN_FILES.flatMap((f) => ['.TP', `.I ${escape(f.path)}`, `${escape(capitalise(f.what))}.`]),
    '.SH "EXIT STATUS"',
  );
  for (const { status, meaning } of EXIT_STATUSES) out.push('.TP', `.B ${status}`, `${escape(capitalise(meaning))}.`);
  out.push('.PP', escape(JSON_CONTRACT), '.SH ENVIRONMENT', '.TP', '.B NO_COLOR', ...text(ENVIRONMENT), '.SH "SEE ALSO"', '.BR prosodyctl (1)', '');
  return out.join('\n');
}

function commandSection(command: CommandSpec): string[] {
  const out = [`.SS "${escape([command.name, ...command.args].join(' '))}"`, usageLine(command) + ' [\\fIoptions\\fR]', '.PP', `${escape(capitalise(command.summary))}.`];
  if (command.details !== undefined) out.push('.PP', ...text(command.details.split('\n')));
  for (const name of command.options) {
    const spec = OPTIONS[name];
    const required = command.required?.includes(name) ? ' (required)' : '';
    out.push('.TP', optionLabel(spec), escape(optionDescription(command, name) + required));
  }
  out.push('.PP', 'Examples:', '.PP', '.RS', '.EX', ...command.examples.map(escape), '.EE', '.RE');
  return out;
}

/** The usage of a command: words in bold, <arguments> in italics. */
function usageLine(command: CommandSpec): string {
  const words = `${BIN} ${usageOf(command)}`.split(' ');
  return words.map((w) => (w.startsWith('<') ? `\\fI${escape(w)}\\fR` : w.includes('|') ? escape(w) : `\\fB${escape(w)}\\fR`)).join(' ');
}

function optionLabel(spec: OptionSpec): string {
  const short = spec.short === undefined ? '' : `\\fB\\-${escape(spec.short)}\\fR, `;
  const value = spec.value === undefined ? '' : ` \\fI${escape(spec.value)}\\fR`;
  return `${short}\\fB\\-\\-${escape(spec.flag)}\\fR${value}`;
}

/**
 * Lines of text, filled by the formatter; a run of lines indented with spaces (a table of the
 * --help text) is kept as it is, in no-fill mode.
 */
function text(lines: readonly string[]): string[] {
  const out: string[] = [];
  let verbatim = false;
  for (const line of lines) {
    const indented = line.startsWith(' ');
    if (indented !== verbatim) {
      out.push(indented ? '.nf' : '.fi');
      verbatim = indented;
    }
    out.push(escape(line));
  }
  if (verbatim) out.push('.fi');
  return out;
}

/**
 * Text for a line of roff: backslashes and hyphens (so that options render as the ASCII
 * hyphen-minus they are typed with) escaped, characters beyond ASCII as \[uXXXX], and a line
 * that would start with a control character ('.' or "'") guarded with \&.
 */
export function escape(s: string): string {
  const escaped = [...s]
    .map((ch) => {
      if (ch === '\\') return '\\e';
      if (ch === '-') return '\\-';
      const code = ch.codePointAt(0) as number;
      return code > 0x7e ? `\\[u${code.toString(16).toUpperCase().padStart(4, '0')}]` : ch;
    })
    .join('');
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
