import { COMMANDS, DEBIAN_FILES, EXIT_STATUSES, GROUPS, JSON_CONTRACT, OPTIONS, OWN_FILES, SUMMARY, findCommand, optionDescription } from './spec.js';
import type { CommandSpec, OptionSpec } from './spec.js';

const BIN = 'jitsi-confkit';

/** The help text of a topic: '' (everything), a group ('browsers') or a command ('browsers move'). */
export function helpText(topic: string, version: string): string {
  const command = findCommand(topic);
  if (command !== undefined) return commandHelp(command);
  if (topic in GROUPS) return groupHelp(topic);
  return topHelp(version);
}

function topHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => usageOf(c).length));
  return [
    `${BIN} ${version}: ${SUMMARY}`,
    '',
    'Usage:',
    ...COMMANDS.map((c) => `  ${BIN} ${usageOf(c).padEnd(width)}  ${c.summary}`),
    '',
    'Files are found in the Debian layout (under --root DIR, default /):',
    ...pairs(DEBIAN_FILES).map((pair, i, all) => `  ${pair.join(', ')}${i < all.length - 1 ? ',' : ''}`),
    '',
    'Its own files (under --root DIR, default /):',
    ...OWN_FILES.map((f) => `  ${f.path}`),
    '',
    'Exit status:',
    ...EXIT_STATUSES.flatMap((e) => wrap(e.meaning, 84).map((line, i) => `  ${i === 0 ? String(e.status) : ' '}  ${line}`)),
    '',
    ...wrap(JSON_CONTRACT, 90),
    '',
    `Run "${BIN} <command> --help" for the options and examples of a command.`,
    `  --version  print the version      --help  show this help`,
    '',
  ].join('\n');
}

function groupHelp(group: string): string {
  const members = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  const width = Math.max(...members.map((c) => usageOf(c).length));
  return [
    `${BIN} ${group}: ${GROUPS[group] ?? ''}`,
    '',
    'Usage:',
    ...members.map((c) => `  ${BIN} ${usageOf(c).padEnd(width)}  ${c.summary}`),
    '',
    `Run "${BIN} ${group} <command> --help" for the options and examples.`,
    '',
  ].join('\n');
}

function commandHelp(command: CommandSpec): string {
  const options = command.options.map((name) => OPTIONS[name]);
  const labels = options.map(optionLabel);
  const width = Math.max(...labels.map((l) => l.length));
  const lines = [`Usage: ${BIN} ${usageOf(command)} [options]`, '', `${capitalise(command.summary)}.`];
  if (command.details !== undefined) lines.push('', command.details);
  lines.push('', 'Options:');
  options.forEach((spec, i) => {
    const required = command.required?.includes(spec.name) ? ' (required)' : '';
    lines.push(`  ${(labels[i] as string).padEnd(width)}  ${optionDescription(command, spec.name)}${required}`);
  });
  lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

/** A command with its arguments, and `--to …` when the command requires it (usage lines). */
export function usageOf(command: CommandSpec): string {
  const to = command.required?.includes('to') ? ' --to unsupported|optimal' : '';
  return [command.name, ...command.args].join(' ') + to;
}

function optionLabel(spec: OptionSpec): string {
  const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
  return `${short}--${spec.flag}${spec.value === undefined ? '' : ` ${spec.value}`}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pairs<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2));
  return out;
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
