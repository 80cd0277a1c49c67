import { UsageError } from './errors.js';
import { COMMANDS, GROUPS, OPTIONS, findCommand } from './spec.js';
import type { CommandSpec, OptionName, OptionSpec } from './spec.js';

/** The options of one command line, typed. Switches default to false; repeatable ones to []. */
export interface Options {
  root?: string;
  file: string[];
  interfaceConfig?: string;
  meetConfig?: string;
  prosody?: string;
  jicofoConf?: string;
  sipCommunicator?: string;
  host?: string;
  guest?: string;
  auth?: string;
  to?: 'unsupported' | 'optimal';
  createKeys: boolean;
  dryRun: boolean;
  backup: boolean;
  json: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

/**
 * What the command line asks for. `help` names the command or group whose help to print
 * ('' for the top level); `version` asks for the version.
 */
export type Invocation =
  | { kind: 'run'; command: CommandSpec; args: string[]; options: Options }
  | { kind: 'help'; topic: string; options: Options }
  | { kind: 'version'; options: Options };

const BY_FLAG = new Map<string, OptionSpec>();
for (const spec of Object.values(OPTIONS)) {
  BY_FLAG.set(`--${spec.flag}`, spec);
  if (spec.short !== undefined) BY_FLAG.set(`-${spec.short}`, spec);
}

/** Parses argv (without node and the script). Throws UsageError on anything it does not accept. */
export function parseArgs(argv: readonly string[]): Invocation {
  const options: Options = { file: [], createKeys: false, dryRun: false, backup: false, json: false, debug: false, help: false, version: false };
  const seen: OptionName[] = [];
  const words: string[] = [];
  let onlyWords = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (onlyWords || !token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      words.push(token);
      continue;
    }
    if (token === '--') {
      onlyWords = true;
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq === -1 ? token : token.slice(0, eq);
    const spec = BY_FLAG.get(flag);
    if (spec === undefined) throw new UsageError(`unknown option ${flag}`);
    if (spec.value === undefined) {
      if (eq !== -1) throw new UsageError(`option --${spec.flag} takes no value`);
      setSwitch(options, spec.name);
    } else {
      let value: string | undefined;
      if (eq !== -1) value = token.slice(eq + 1);
      else {
        value = argv[i + 1];
        i++;
      }
      if (value === undefined || value === '') throw new UsageError(`option --${spec.flag} needs a value (${spec.value})`);
      if (spec.choices !== undefined && !spec.choices.includes(value)) {
        throw new UsageError(`option --${spec.flag} must be one of ${spec.choices.join(', ')} (got "${value}")`);
      }
      if (!spec.repeatable && seen.includes(spec.name)) throw new UsageError(`option --${spec.flag} is given twice`);
      setValue(options, spec.name, value);
    }
    seen.push(spec.name);
  }

  const resolved = resolveCommand(words);
  if (options.version && words.length === 0) return { kind: 'version', options };
  if (resolved === undefined || 'group' in resolved) {
    const topic = resolved === undefined ? '' : resolved.group;
    if (words.length === 0 || words[0] === 'help') return { kind: 'help', topic, options };
    if (resolved === undefined) throw new UsageError(`unknown command "${words[0]}"`);
    if (options.help) return { kind: 'help', topic, options };
    const sub = words[1];
    throw new UsageError(sub === undefined ? `"${resolved.group}" needs a subcommand` : `unknown command "${resolved.group} ${sub}"`, resolved.group);
  }

  const { command, args } = resolved;
  if (options.help) return { kind: 'help', topic: command.name, options };
  for (const name of new Set(seen)) {
    if (!command.options.includes(name)) {
      throw new UsageError(`option --${OPTIONS[name].flag} does not apply to "${command.name}"`, command.name);
    }
  }
  for (const name of command.required ?? []) {
    if (!seen.includes(name)) throw new UsageError(`option --${OPTIONS[name].flag} is required`, command.name);
  }
  if (args.length < command.args.length) {
    throw new UsageError(`missing ${command.args.slice(args.length).join(' ')}`, command.name);
  }
  if (args.length > command.args.length) {
    throw new UsageError(`unexpected argument "${args[command.args.length]}"`, command.name);
  }
  return { kind: 'run', command, args, options };
}

type Resolved = { command: CommandSpec; args: string[] } | { group: string };

/** Matches the leading words against the command names ('help X' is the help of X). */
function resolveCommand(words: string[]): Resolved | undefined {
  const [first, second] = words;
  if (first === undefined) return undefined;
  if (first === 'help') {
    const rest = words.slice(1);
    if (rest.length === 0) return undefined;
    const inner = resolveCommand(rest);
    if (inner === undefined) throw new UsageError(`unknown command "${rest.join(' ')}"`);
    return 'group' in inner ? inner : { group: inner.command.name };
  }
  if (first in GROUPS) {
    const command = second === undefined ? undefined : findCommand(`${first} ${second}`);
    return command === undefined ? { group: first } : { command, args: words.slice(2) };
  }
  const command = findCommand(first);
  if (command === undefined) {
    if (COMMANDS.some((c) => c.name.startsWith(`${first} `))) return { group: first };
    return undefined;
  }
  return { command, args: words.slice(1) };
}

function setSwitch(options: Options, name: OptionName): void {
  switch (name) {
    case 'createKeys':
    case 'dryRun':
    case 'backup':
    case 'json':
    case 'debug':
    case 'help':
    case 'version':
      options[name] = true;
      return;
    default:
      throw new Error(`option ${name} is not a switch`);
  }
}

function setValue(options: Options, name: OptionName, value: string): void {
  switch (name) {
    case 'file':
      options.file.push(value);
      return;
    case 'to':
      options.to = value as Options['to'];
      return;
    case 'root':
    case 'interfaceConfig':
    case 'meetConfig':
    case 'prosody':
    case 'jicofoConf':
    case 'sipCommunicator':
    case 'host':
    case 'guest':
    case 'auth':
      options[name] = value;
      return;
    default:
      throw new Error(`option ${name} takes no value`);
  }
}
