import { UsageError } from './errors.js';
import { parseSize } from './files.js';
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
  /** set, browsers move: the file is an overlay (docker's custom-*.js); without it, told from the file. */
  overlay: boolean;
  /** secure-domain, check: work on the files found even when a needed one is missing. */
  partial: boolean;
  /** secure-domain disable: remove the guest host even when it holds more than enable writes. */
  removeGuest: boolean;
  /** doctor: apply the fixes. */
  fix: boolean;
  /** doctor: the Prosody the server runs. */
  prosodyVersion?: string;
  /** set: the value is text as given, never JSON. */
  string: boolean;
  /** Editing commands: record the intent in the state file (or remove it, for an undo). */
  save: boolean;
  /** --state PATH: the state file. */
  state?: string;
  /** apply: write the intents that can be applied when another cannot. */
  keepGoing: boolean;
  dryRun: boolean;
  backup: boolean;
  /** --lock-timeout, in seconds. */
  lockTimeout?: number;
  /** --max-file-size, in bytes. */
  maxFileSize?: number;
  json: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
  /** jwt enable: where the shared secret is read from (never the command line, which ps shows). */
  secretFile?: string;
  secretStdin: boolean;
  appId?: string;
  secretStorage?: 'inline' | 'credential';
  credential?: string;
  issuer?: string;
  audience: string[];
  jwksUrl?: string;
  keyServer?: string;
  clientId?: string;
  requireRoomClaim: boolean;
  noWebLogin: boolean;
  tokenAuthUrl?: string;
  guests: boolean;
  allowEmptyToken: boolean;
  /** moderation set: each feature on or off (undefined: left as it is). */
  lobby?: boolean;
  waitForHost?: boolean;
  authenticatedModerators?: boolean;
  /** A number, or null for --max-participants none. */
  maxParticipants?: number | null;
  autoOwner?: boolean;
}

/**
 * What the command line asks for. `help` names the command or group whose help to print
 * ('' for the top level); `version` asks for the version.
 */
export type Invocation =
  { kind: 'run'; command: CommandSpec; args: string[]; options: Options } | { kind: 'help'; topic: string; options: Options } | { kind: 'version'; options: Options };

const BY_FLAG = new Map<string, OptionSpec>();
for (const spec of Object.values(OPTIONS)) {
  BY_FLAG.set(`--${spec.flag}`, spec);
  if (spec.short !== undefined) BY_FLAG.set(`-${spec.short}`, spec);
}

/** Parses argv (without node and the script). Throws UsageError on anything it does not accept. */
export function parseArgs(argv: readonly string[]): Invocation {
  const options: Options = {
    file: [],
    createKeys: false,
    overlay: false,
    partial: false,
    removeGuest: false,
    fix: false,
    string: false,
    save: false,
    keepGoing: false,
    dryRun: false,
    backup: false,
    json: false,
    debug: false,
    help: false,
    version: false,
    secretStdin: false,
    audience: [],
    requireRoomClaim: false,
    noWebLogin: false,
    guests: false,
    allowEmptyToken: false,
  };
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
    if (spec === undefined)
      throw new UsageError(
        `unknown option ${flag}${didYouMean(
          flag,
          [...BY_FLAG.keys()].filter((f) => f.startsWith('--')),
        )}`,
      );
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
    if (resolved === undefined) {
      const word = words[0] as string;
      const whole = COMMANDS.filter((c) => c.name.endsWith(` ${word}`)).map((c) => c.name);
      const hint = whole.length >= 1 ? ` (did you mean ${whole.join(' or ')}?)` : didYouMean(word, topWords());
      throw new UsageError(`unknown command "${word}"${hint}`);
    }
    if (options.help) return { kind: 'help', topic, options };
    const sub = words[1];
    if (sub === undefined) throw new UsageError(`"${resolved.group}" needs a subcommand`, resolved.group);
    const members = COMMANDS.filter((c) => c.name.startsWith(`${resolved.group} `)).map((c) => c.name.slice(resolved.group.length + 1));
    const near = closest(sub, members);
    const hint = near === undefined ? '' : ` (did you mean ${resolved.group} ${near}?)`;
    throw new UsageError(`unknown command "${resolved.group} ${sub}"${hint}`, resolved.group);
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
    if (inner === undefined) throw new UsageError(`unknown command "${rest.join(' ')}"${didYouMean(rest[0] as string, topWords())}`);
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
    case 'overlay':
    case 'partial':
    case 'removeGuest':
    case 'fix':
    case 'string':
    case 'save':
    case 'keepGoing':
    case 'dryRun':
    case 'backup':
    case 'json':
    case 'debug':
    case 'help':
    case 'version':
    case 'secretStdin':
    case 'requireRoomClaim':
    case 'noWebLogin':
    case 'guests':
    case 'allowEmptyToken':
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
    case 'lockTimeout': {
      const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(seconds)) throw new UsageError(`option --lock-timeout takes a number of seconds (got "${value}")`);
      options.lockTimeout = seconds;
      return;
    }
    case 'maxFileSize': {
      const bytes = parseSize(value);
      if (bytes === undefined) throw new UsageError(`option --max-file-size takes a size such as 64M, 512K or 1048576 (got "${value}")`);
      options.maxFileSize = bytes;
      return;
    }
    case 'root':
    case 'interfaceConfig':
    case 'meetConfig':
    case 'prosody':
    case 'jicofoConf':
    case 'sipCommunicator':
    case 'host':
    case 'guest':
    case 'auth':
    case 'state':
    case 'secretFile':
    case 'appId':
    case 'credential':
    case 'issuer':
    case 'jwksUrl':
    case 'keyServer':
    case 'clientId':
    case 'tokenAuthUrl':
    case 'prosodyVersion':
      options[name] = value;
      return;
    case 'secretStorage':
      options.secretStorage = value as Options['secretStorage'];
      return;
    case 'audience':
      options.audience.push(value);
      return;
    case 'lobby':
    case 'waitForHost':
    case 'authenticatedModerators':
    case 'autoOwner':
      options[name] = value === 'on';
      return;
    case 'maxParticipants': {
      if (value === 'none') {
        options.maxParticipants = null;
        return;
      }
      const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`option --max-participants takes a number of participants, or none (got "${value}")`);
      options.maxParticipants = n;
      return;
    }
    default:
      throw new Error(`option ${name} takes no value`);
  }
}

/** The first words a command line may start with: the commands, the groups and `help`. */
function topWords(): string[] {
  return [...new Set([...COMMANDS.map((c) => c.name.split(' ')[0] as string), 'help'])];
}

/** ` (did you mean X?)` when a known word is close to what was typed, else ''. */
function didYouMean(typed: string, known: readonly string[]): string {
  const near = closest(typed, known);
  return near === undefined ? '' : ` (did you mean ${near}?)`;
}

/**
 * The known word closest to what was typed (a typo, a missing hyphen, a prefix), if one is close
 * enough: at most a third of the word's letters to change, or the typed word is a prefix of only
 * one known word.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const prefixed = known.filter((k) => typed.replace(/^-+/, '').length >= 3 && k.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(typed, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(typed.replace(/^-+/, '').length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}
