import { COMMANDS, GROUPS, OPTIONS, findCommand, optionDescription } from './spec.js';
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
    `${BIN} ${version}: safe, minimal edits of a self-hosted Jitsi Meet server's configuration`,
    '',
    'Usage:',
    ...COMMANDS.map((c) => `  ${BIN} ${usageOf(c).padEnd(width)}  ${c.summary}`),
    '',
    'Files are found in the Debian layout (under --root DIR, default /):',
    '  /usr/share/jitsi-meet/interface_config.js, /etc/jitsi/meet/<host>-config.js,',
    '  /etc/prosody/conf.avail/<host>.cfg.lua, /etc/jitsi/jicofo/jicofo.conf,',
    '  /etc/jitsi/jicofo/sip-communicator.properties',
    '',
    'Exit status: 0 done (changed or not), 1 a file or a value was refused (or check found',
    'errors), 2 usage error. With --json, stdout is one JSON object whatever happens (an error',
    'is {"error": {code, class, message, status, …}}), for automation.',
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

function usageOf(command: CommandSpec): string {
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
