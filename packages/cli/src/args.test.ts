import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import type { Options } from './args.js';
import { UsageError } from './errors.js';
import { COMMANDS } from './spec.js';

const defaults: Options = {
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

interface RunCase {
  argv: string[];
  command: string;
  args: string[];
  options?: Partial<Options>;
}

const runs: RunCase[] = [
  { argv: ['browsers', 'move', 'firefox', '--to', 'unsupported'], command: 'browsers move', args: ['firefox'], options: { to: 'unsupported' } },
  { argv: ['browsers', 'move', 'firefox', '--to=optimal', '-n'], command: 'browsers move', args: ['firefox'], options: { to: 'optimal', dryRun: true } },
  { argv: ['--dry-run', 'browsers', 'move', '--to', 'unsupported', 'safari'], command: 'browsers move', args: ['safari'], options: { to: 'unsupported', dryRun: true } },
  {
    argv: ['browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'x.js', '--backup', '--create-keys'],
    command: 'browsers move',
    args: ['firefox'],
    options: { to: 'unsupported', file: ['x.js'], backup: true, createKeys: true },
  },
  { argv: ['browsers', 'list', '--root', '/srv/img', '--json'], command: 'browsers list', args: [], options: { root: '/srv/img', json: true } },
  { argv: ['secure-domain', 'enable'], command: 'secure-domain enable', args: [] },
  {
    argv: ['secure-domain', 'enable', '--host', 'meet.example.com', '--guest', 'anon.example.com', '--auth', 'ldap2', '--debug'],
    command: 'secure-domain enable',
    args: [],
    options: { host: 'meet.example.com', guest: 'anon.example.com', auth: 'ldap2', debug: true },
  },
  {
    argv: ['secure-domain', 'disable', '--prosody', 'p.cfg.lua', '--meet-config', 'c.js', '--jicofo-conf', 'j.conf', '--sip-communicator', 's.properties'],
    command: 'secure-domain disable',
    args: [],
    options: { prosody: 'p.cfg.lua', meetConfig: 'c.js', jicofoConf: 'j.conf', sipCommunicator: 's.properties' },
  },
  { argv: ['check', '--file', 'a.cfg.lua', '--file', 'b-config.js'], command: 'check', args: [], options: { file: ['a.cfg.lua', 'b-config.js'] } },
  { argv: ['check', '--partial'], command: 'check', args: [], options: { partial: true } },
  { argv: ['secure-domain', 'enable', '--partial'], command: 'secure-domain enable', args: [], options: { partial: true } },
  { argv: ['secure-domain', 'disable', '--remove-guest', '--partial'], command: 'secure-domain disable', args: [], options: { removeGuest: true, partial: true } },
  { argv: ['browsers', 'list', '--interface-config', 'i.js'], command: 'browsers list', args: [], options: { interfaceConfig: 'i.js' } },
  { argv: ['get', 'jicofo.conf', 'jicofo.authentication.enabled'], command: 'get', args: ['jicofo.conf', 'jicofo.authentication.enabled'] },
  { argv: ['set', 'x-config.js', 'startAudioMuted', '-1'], command: 'set', args: ['x-config.js', 'startAudioMuted', '-1'] },
  {
    argv: ['set', 'a.cfg.lua', 'host:meet.example.com/app_id', '1234', '--string'],
    command: 'set',
    args: ['a.cfg.lua', 'host:meet.example.com/app_id', '1234'],
    options: { string: true },
  },
  { argv: ['set', 'x-config.js', '--', 'p2p.enabled', '--weird'], command: 'set', args: ['x-config.js', 'p2p.enabled', '--weird'] },
  {
    argv: ['set', 'a.cfg.lua', 'host:meet.example.com/authentication', 'internal_hashed', '--dry-run'],
    command: 'set',
    args: ['a.cfg.lua', 'host:meet.example.com/authentication', 'internal_hashed'],
    options: { dryRun: true },
  },
  { argv: ['secure-domain', 'enable', '--lock-timeout', '30'], command: 'secure-domain enable', args: [], options: { lockTimeout: 30 } },
  { argv: ['set', 'j.conf', 'a', '1', '--lock-timeout=0.5'], command: 'set', args: ['j.conf', 'a', '1'], options: { lockTimeout: 0.5 } },
  { argv: ['browsers', 'move', 'firefox', '--to', 'optimal', '--lock-timeout', '0'], command: 'browsers move', args: ['firefox'], options: { to: 'optimal', lockTimeout: 0 } },
  { argv: ['get', 'big-config.js', 'hosts', '--max-file-size', '64M'], command: 'get', args: ['big-config.js', 'hosts'], options: { maxFileSize: 64 * 1024 * 1024 } },
  { argv: ['check', '--max-file-size=512K'], command: 'check', args: [], options: { maxFileSize: 512 * 1024 } },
  { argv: ['browsers', 'move', 'firefox', '--to', 'unsupported', '--save'], command: 'browsers move', args: ['firefox'], options: { to: 'unsupported', save: true } },
  {
    argv: ['set', 'x-config.js', 'p2p.enabled', 'false', '--save', '--state', 's.yaml'],
    command: 'set',
    args: ['x-config.js', 'p2p.enabled', 'false'],
    options: { save: true, state: 's.yaml' },
  },
  { argv: ['delete', 'x-config.js', 'p2p.stunServers', '--save'], command: 'delete', args: ['x-config.js', 'p2p.stunServers'], options: { save: true } },
  { argv: ['secure-domain', 'disable', '--save'], command: 'secure-domain disable', args: [], options: { save: true } },
  { argv: ['apply', '--keep-going', '--dry-run', '--json'], command: 'apply', args: [], options: { keepGoing: true, dryRun: true, json: true } },
  { argv: ['apply', '--state=/srv/state.yaml', '--interface-config', 'i.js'], command: 'apply', args: [], options: { state: '/srv/state.yaml', interfaceConfig: 'i.js' } },
  { argv: ['status', '--root', '/srv/img', '--host', 'meet.example.com'], command: 'status', args: [], options: { root: '/srv/img', host: 'meet.example.com' } },
  { argv: ['hook', 'install', '--dry-run'], command: 'hook install', args: [], options: { dryRun: true } },
  { argv: ['hook', 'remove'], command: 'hook remove', args: [], options: {} },
  { argv: ['hook', 'run', '--lock-timeout', '60'], command: 'hook run', args: [], options: { lockTimeout: 60 } },
];

describe('parseArgs: command lines it accepts', () => {
  it.each(runs.map((c) => ({ ...c, line: c.argv.join(' ') })))('$line', ({ argv, command, args, options }) => {
    const invocation = parseArgs(argv);
    expect(invocation.kind).toBe('run');
    if (invocation.kind !== 'run') return;
    expect(invocation.command.name).toBe(command);
    expect(invocation.args).toEqual(args);
    expect(invocation.options).toEqual({ ...defaults, ...options });
  });
});

const helps: { argv: string[]; topic: string }[] = [
  { argv: [], topic: '' },
  { argv: ['--help'], topic: '' },
  { argv: ['-h'], topic: '' },
  { argv: ['help'], topic: '' },
  { argv: ['help', 'browsers'], topic: 'browsers' },
  { argv: ['help', 'browsers', 'move'], topic: 'browsers move' },
  { argv: ['browsers', '--help'], topic: 'browsers' },
  { argv: ['browsers', 'move', '--help'], topic: 'browsers move' },
  { argv: ['secure-domain', 'enable', '-h'], topic: 'secure-domain enable' },
  { argv: ['get', '--help'], topic: 'get' },
  // --help wins over what is missing or wrong for the command itself.
  { argv: ['set', '--help', '--dry-run'], topic: 'set' },
  { argv: ['check', '--help', '--to', 'optimal'], topic: 'check' },
];

describe('parseArgs: help', () => {
  it.each(helps.map((c) => ({ ...c, line: c.argv.join(' ') })))('"$line" is the help of "$topic"', ({ argv, topic }) => {
    expect(parseArgs(argv)).toMatchObject({ kind: 'help', topic });
  });

  it('--version and -V', () => {
    expect(parseArgs(['--version']).kind).toBe('version');
    expect(parseArgs(['-V']).kind).toBe('version');
  });
});

const refusals: { argv: string[]; message: string; command?: string }[] = [
  { argv: ['frobnicate'], message: 'unknown command "frobnicate"' },
  { argv: ['help', 'frobnicate'], message: 'unknown command "frobnicate"' },
  { argv: ['browsers', 'shuffle'], message: 'unknown command "browsers shuffle"', command: 'browsers' },
  { argv: ['secure-domain'], message: '"secure-domain" needs a subcommand', command: 'secure-domain' },
  { argv: ['browsers', 'move', 'firefox'], message: 'option --to is required', command: 'browsers move' },
  { argv: ['browsers', 'move', '--to', 'unsupported'], message: 'missing <browser>', command: 'browsers move' },
  { argv: ['browsers', 'move', 'a', 'b', '--to', 'optimal'], message: 'unexpected argument "b"', command: 'browsers move' },
  { argv: ['browsers', 'move', 'firefox', '--to', 'sideways'], message: 'option --to must be one of unsupported, optimal (got "sideways")' },
  { argv: ['browsers', 'move', 'firefox', '--to'], message: 'option --to needs a value (LIST)' },
  { argv: ['browsers', 'move', 'firefox', '--to='], message: 'option --to needs a value (LIST)' },
  { argv: ['check', '--dry-run'], message: 'option --dry-run does not apply to "check"', command: 'check' },
  { argv: ['secure-domain', 'enable', '--remove-guest'], message: 'option --remove-guest does not apply to "secure-domain enable"', command: 'secure-domain enable' },
  { argv: ['browsers', 'move', 'firefox', '--to', 'optimal', '--partial'], message: 'option --partial does not apply to "browsers move"', command: 'browsers move' },
  { argv: ['get', 'a.js', 'X', '--backup'], message: 'option --backup does not apply to "get"', command: 'get' },
  { argv: ['get', 'a.js', 'X', '--string'], message: 'option --string does not apply to "get"', command: 'get' },
  { argv: ['browsers', 'list', '--host', 'meet.example.com'], message: 'option --host does not apply to "browsers list"', command: 'browsers list' },
  // secure-domain and check do not read interface_config.js: naming it is refused, not ignored.
  { argv: ['check', '--interface-config', 'i.js'], message: 'option --interface-config does not apply to "check"', command: 'check' },
  {
    argv: ['secure-domain', 'enable', '--interface-config', 'i.js'],
    message: 'option --interface-config does not apply to "secure-domain enable"',
    command: 'secure-domain enable',
  },
  { argv: ['check', '--frobnicate'], message: 'unknown option --frobnicate' },
  { argv: ['check', '-x'], message: 'unknown option -x' },
  { argv: ['check', '--json=yes'], message: 'option --json takes no value' },
  { argv: ['check', '--host', 'a.example', '--host', 'b.example'], message: 'option --host is given twice' },
  { argv: ['get', 'only-a-file.js'], message: 'missing <path>', command: 'get' },
  { argv: ['set', 'f.js', 'k'], message: 'missing <value>', command: 'set' },
  { argv: ['browsers', 'list', '--version'], message: 'option --version does not apply to "browsers list"', command: 'browsers list' },
  // "did you mean": a typo, a swap, a missing hyphen or a prefix of one name; nothing when nothing is close.
  { argv: ['brwosers', 'list'], message: 'unknown command "brwosers" (did you mean browsers?)' },
  { argv: ['secure-domian', 'enable'], message: 'unknown command "secure-domian" (did you mean secure-domain?)' },
  { argv: ['securedomain', 'enable'], message: 'unknown command "securedomain" (did you mean secure-domain?)' },
  { argv: ['chek'], message: 'unknown command "chek" (did you mean check?)' },
  { argv: ['help', 'chekc'], message: 'unknown command "chekc" (did you mean check?)' },
  { argv: ['secure-domain', 'enabel'], message: 'unknown command "secure-domain enabel" (did you mean secure-domain enable?)', command: 'secure-domain' },
  { argv: ['browsers', 'lst'], message: 'unknown command "browsers lst" (did you mean browsers list?)', command: 'browsers' },
  { argv: ['check', '--dryrun'], message: 'unknown option --dryrun (did you mean --dry-run?)' },
  { argv: ['check', '--jsno'], message: 'unknown option --jsno (did you mean --json?)' },
  { argv: ['check', '--hots', 'meet.example.com'], message: 'unknown option --hots (did you mean --host?)' },
  { argv: ['browsers', 'move', 'firefox', '--to', 'optimal', '--create-key'], message: 'unknown option --create-key (did you mean --create-keys?)' },
  { argv: ['set', 'f.js', 'k', 'v', '--back'], message: 'unknown option --back (did you mean --backup?)' },
  { argv: ['enable'], message: 'unknown command "enable" (did you mean secure-domain enable or jwt enable?)' },
  { argv: ['move', 'firefox', '--to', 'unsupported'], message: 'unknown command "move" (did you mean browsers move?)' },
  { argv: ['set', 'f.js', 'k', 'v', '--lock-timeout', 'soon'], message: 'option --lock-timeout takes a number of seconds (got "soon")' },
  { argv: ['set', 'f.js', 'k', 'v', '--lock-timeout', '-1'], message: 'option --lock-timeout takes a number of seconds (got "-1")' },
  { argv: ['check', '--max-file-size', '16 MB'], message: 'option --max-file-size takes a size such as 64M, 512K or 1048576 (got "16 MB")' },
  { argv: ['check', '--max-file-size', '0'], message: 'option --max-file-size takes a size such as 64M, 512K or 1048576 (got "0")' },
  // Reading commands take no lock: the option is refused, not ignored.
  { argv: ['get', 'f.js', 'k', '--lock-timeout', '5'], message: 'option --lock-timeout does not apply to "get"', command: 'get' },
  { argv: ['check', '--lock-timeout', '5'], message: 'option --lock-timeout does not apply to "check"', command: 'check' },
  { argv: ['status', '--lock-timeout', '5'], message: 'option --lock-timeout does not apply to "status"', command: 'status' },
  { argv: ['status', '--dry-run'], message: 'option --dry-run does not apply to "status"', command: 'status' },
  // --save is for the commands that edit; apply and status read the state file, they do not record into it.
  { argv: ['get', 'f.js', 'k', '--save'], message: 'option --save does not apply to "get"', command: 'get' },
  { argv: ['apply', '--save'], message: 'option --save does not apply to "apply"', command: 'apply' },
  { argv: ['check', '--state', 's.yaml'], message: 'option --state does not apply to "check"', command: 'check' },
  { argv: ['set', 'f.js', 'k', 'v', '--keep-going'], message: 'option --keep-going does not apply to "set"', command: 'set' },
  { argv: ['hook'], message: '"hook" needs a subcommand', command: 'hook' },
  { argv: ['hook', 'instal'], message: 'unknown command "hook instal" (did you mean hook install?)', command: 'hook' },
  { argv: ['hook', 'install', '--state', 's.yaml'], message: 'option --state does not apply to "hook install"', command: 'hook install' },
  { argv: ['delete', 'f.js'], message: 'missing <path>', command: 'delete' },
];

describe('parseArgs: usage errors', () => {
  it.each(refusals.map((c) => ({ ...c, line: c.argv.join(' ') })))('"$line": $message', ({ argv, message, command }) => {
    let caught: unknown;
    try {
      parseArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toBe(message);
    expect((caught as UsageError).command).toBe(command);
  });
});

describe('every example in the help parses', () => {
  const examples = COMMANDS.flatMap((c) => c.examples.map((e) => ({ command: c.name, example: e })));
  it.each(examples)('$example', ({ command, example }) => {
    const argv = shellWords(example).slice(1);
    const invocation = parseArgs(argv);
    expect(invocation.kind === 'run' ? invocation.command.name : undefined).toBe(command);
  });
});

/** Splits an example command line the way a POSIX shell would, for the quoting the examples use. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}
