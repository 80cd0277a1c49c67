/**
 * The command-line surface as data: every option and every command, with the texts that `--help`
 * prints. The argument parser (args.ts) and the help printer (help.ts) both read these tables, so
 * the two cannot drift apart.
 */

/** What the tool does, in one line: the first line of --help and the man page's NAME. */
export const SUMMARY = "safe, minimal edits of a self-hosted Jitsi Meet server's configuration";

/** What the tool does, in a paragraph: the man page's DESCRIPTION and the Debian package's description. */
export const DESCRIPTION =
  'jitsi-confkit makes the common changes to the configuration of a self-hosted Jitsi Meet server: ' +
  'keeping a browser out, and the secure domain (only authenticated users open rooms, guests join ' +
  'anonymously) across Prosody, config.js and Jicofo; it also reads and sets single values. It finds ' +
  'the files in the Debian layout, changes only the bytes that need to change (comments and layout ' +
  'are kept), shows every change as a unified diff with --dry-run, and refuses a file it cannot ' +
  'parse, or a value it cannot write safely, with the line and column, writing nothing.';

/** Where the commands look for the files (under --root DIR, default /): the Debian layout. */
export const DEBIAN_FILES: readonly string[] = [
  '/usr/share/jitsi-meet/interface_config.js',
  '/etc/jitsi/meet/<host>-config.js',
  '/etc/prosody/conf.avail/<host>.cfg.lua',
  '/etc/jitsi/jicofo/jicofo.conf',
  '/etc/jitsi/jicofo/sip-communicator.properties',
];

/** The exit statuses (src/index.ts maps the errors to them). */
export const EXIT_STATUSES: readonly { status: number; meaning: string }[] = [
  { status: 0, meaning: 'done (changed or not)' },
  { status: 1, meaning: 'a file or a value was refused (or check found errors)' },
  { status: 2, meaning: 'usage error' },
];

/** What --json guarantees, whatever the command and whatever happens. */
export const JSON_CONTRACT = 'With --json, stdout is one JSON object whatever happens (an error is {"error": {code, class, message, status, …}}), for automation.';

export type OptionName =
  | 'root'
  | 'file'
  | 'interfaceConfig'
  | 'meetConfig'
  | 'prosody'
  | 'jicofoConf'
  | 'sipCommunicator'
  | 'host'
  | 'guest'
  | 'auth'
  | 'to'
  | 'createKeys'
  | 'overlay'
  | 'partial'
  | 'removeGuest'
  | 'string'
  | 'dryRun'
  | 'backup'
  | 'lockTimeout'
  | 'maxFileSize'
  | 'json'
  | 'debug'
  | 'help'
  | 'version';

export interface OptionSpec {
  name: OptionName;
  /** As typed on the command line, without the leading dashes. */
  flag: string;
  short?: string;
  /** Placeholder of the value; options without one are switches. */
  value?: string;
  /** May be given more than once (values are collected in order). */
  repeatable?: boolean;
  /** The accepted values, when there is a fixed set. */
  choices?: readonly string[];
  description: string;
}

export const OPTIONS: Record<OptionName, OptionSpec> = {
  root: { name: 'root', flag: 'root', value: 'DIR', description: 'look for the Debian layout under DIR instead of / (default /); no path leaves DIR, as after chroot DIR' },
  file: { name: 'file', flag: 'file', value: 'PATH', repeatable: true, description: 'use this file; its kind is detected from its name and content (repeatable)' },
  interfaceConfig: { name: 'interfaceConfig', flag: 'interface-config', value: 'PATH', description: 'interface_config.js (default /usr/share/jitsi-meet/interface_config.js)' },
  meetConfig: { name: 'meetConfig', flag: 'meet-config', value: 'PATH', description: 'config.js (default /etc/jitsi/meet/<host>-config.js)' },
  prosody: { name: 'prosody', flag: 'prosody', value: 'PATH', description: 'Prosody host config (default /etc/prosody/conf.avail/<host>.cfg.lua)' },
  jicofoConf: { name: 'jicofoConf', flag: 'jicofo-conf', value: 'PATH', description: 'jicofo.conf (default /etc/jitsi/jicofo/jicofo.conf)' },
  sipCommunicator: { name: 'sipCommunicator', flag: 'sip-communicator', value: 'PATH', description: 'sip-communicator.properties (default /etc/jitsi/jicofo/sip-communicator.properties)' },
  host: { name: 'host', flag: 'host', value: 'HOST', description: 'the Jitsi host name; found from the files when there is exactly one' },
  guest: { name: 'guest', flag: 'guest', value: 'HOST', description: 'the anonymous guest host (default guest.<host>)' },
  auth: { name: 'auth', flag: 'auth', value: 'PROVIDER', description: 'Prosody authentication provider for the main host (default internal_hashed)' },
  to: { name: 'to', flag: 'to', value: 'LIST', choices: ['unsupported', 'optimal'], description: 'the list to move the browser to: unsupported or optimal' },
  createKeys: { name: 'createKeys', flag: 'create-keys', description: 'add OPTIMAL_BROWSERS/UNSUPPORTED_BROWSERS when missing (files older than 2019-08, whose Jitsi Meet ignores them)' },
  overlay: {
    name: 'overlay',
    flag: 'overlay',
    description:
      "the file is an overlay appended to another one (docker's custom-config.js, custom-interface_config.js): what it does not set comes from that file, so a new nested key is one assignment (config.hosts.anonymousdomain = …) and never replaces an object; detected when the file writes into config/interfaceConfig without declaring it",
  },
  partial: {
    name: 'partial',
    flag: 'partial',
    description: 'work on the files found even when the Prosody host file, config.js or Jicofo\'s file is not (for a layout where one lives elsewhere); without it a missing file stops the command',
  },
  removeGuest: { name: 'removeGuest', flag: 'remove-guest', description: 'remove the guest VirtualHost even when it holds more than enable writes (modules, main_muc, comments); without it such a guest host is kept' },
  string: { name: 'string', flag: 'string', description: 'take <value> as text as given, never as JSON (for the text "true", "null" or "1234")' },
  dryRun: { name: 'dryRun', flag: 'dry-run', short: 'n', description: 'print the unified diff of every file and write nothing' },
  backup: { name: 'backup', flag: 'backup', description: 'keep each file as it was beside it (<file>.<time>.bak: same bytes, mode and owner) before writing' },
  lockTimeout: {
    name: 'lockTimeout',
    flag: 'lock-timeout',
    value: 'SECONDS',
    description: 'wait at most SECONDS for another jitsi-confkit run that is writing the same files (default 10; 0: do not wait)',
  },
  maxFileSize: { name: 'maxFileSize', flag: 'max-file-size', value: 'SIZE', description: 'refuse to read a file larger than SIZE: bytes, or a number with K, M or G (default 16M)' },
  json: { name: 'json', flag: 'json', description: 'print one JSON object {changed, files, steps, diffs, todo, warnings, findings?}; on failure {error: {code, class, message, status, file?, line?, column?}}' },
  debug: { name: 'debug', flag: 'debug', description: 'print the stack trace of an error' },
  help: { name: 'help', flag: 'help', short: 'h', description: 'show this help' },
  version: { name: 'version', flag: 'version', short: 'V', description: 'print the version' },
};

export type CommandName =
  | 'browsers move'
  | 'browsers list'
  | 'secure-domain enable'
  | 'secure-domain disable'
  | 'get'
  | 'set'
  | 'check';

export interface CommandSpec {
  name: CommandName;
  /** Positional arguments after the command words, e.g. ['<browser>']. */
  args: readonly string[];
  summary: string;
  /** Longer explanation printed by --help under the usage line. */
  details?: string;
  options: readonly OptionName[];
  /** Options that must be given. */
  required?: readonly OptionName[];
  /** What an option does for this command, where it differs from the option's own description. */
  optionHelp?: Partial<Record<OptionName, string>>;
  examples: readonly string[];
}

/** The file options of the commands over a deployment (interface_config.js is not one of their files). */
const LOCATE: readonly OptionName[] = ['root', 'file', 'meetConfig', 'prosody', 'jicofoConf', 'sipCommunicator'];
const WRITE: readonly OptionName[] = ['dryRun', 'backup', 'lockTimeout'];
const OUTPUT: readonly OptionName[] = ['maxFileSize', 'json', 'debug', 'help'];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'browsers move',
    args: ['<browser>'],
    summary: 'move a browser to the unsupported or the optimal list of interface_config.js',
    details:
      'A browser in UNSUPPORTED_BROWSERS gets the "unsupported browser" page on desktop; one in\n' +
      'OPTIMAL_BROWSERS gets no warning; one in neither gets the "suboptimal browser" warning.\n' +
      'The lists act in the visitor\'s browser only. /usr/share/jitsi-meet/interface_config.js is\n' +
      'replaced by every jitsi-meet-web upgrade: run the same command again after upgrading.',
    options: ['to', 'createKeys', 'overlay', 'root', 'file', 'interfaceConfig', ...WRITE, ...OUTPUT],
    required: ['to'],
    examples: [
      'jitsi-confkit browsers move firefox --to unsupported',
      'jitsi-confkit browsers move firefox --to optimal --dry-run',
      'jitsi-confkit browsers move safari --to unsupported --file /etc/jitsi/meet/meet.example.com-interface_config.js',
      'jitsi-confkit browsers move firefox --to unsupported --create-keys --file ~/.jitsi-meet-cfg/web/custom-interface_config.js',
    ],
  },
  {
    name: 'browsers list',
    args: [],
    summary: 'show which browsers interface_config.js lists as optimal and unsupported',
    options: ['overlay', 'root', 'file', 'interfaceConfig', ...OUTPUT],
    optionHelp: {
      json: 'print one JSON object {file, optimal, unsupported, browsers}; on failure {error: {code, class, message, status, file?, line?, column?}}',
    },
    examples: ['jitsi-confkit browsers list', 'jitsi-confkit browsers list --json'],
  },
  {
    name: 'secure-domain enable',
    args: [],
    summary: 'only authenticated users open rooms, guests join anonymously (Prosody, config.js, Jicofo)',
    details:
      'Applies every step to every file (Prosody host config, config.js, jicofo.conf or\n' +
      'sip-communicator.properties); nothing is written unless every step succeeds, and a missing\n' +
      'file stops it (exit 1, with where it looked and the host names found; --partial works on\n' +
      'the files found). Steps already in place are reported as "already". Then prints what is\n' +
      'left to do by hand.',
    options: ['host', 'guest', 'auth', 'partial', ...LOCATE, ...WRITE, ...OUTPUT],
    examples: [
      'jitsi-confkit secure-domain enable',
      'jitsi-confkit secure-domain enable --host meet.example.com --dry-run',
      'jitsi-confkit secure-domain enable --host meet.example.com --guest guest.meet.example.com --auth ldap2',
      'jitsi-confkit secure-domain enable --root ./image-root --json',
    ],
  },
  {
    name: 'secure-domain disable',
    args: [],
    summary: 'undo secure-domain enable: anyone may open rooms again',
    details:
      'Removes what enable writes. A guest VirtualHost that holds more than enable writes (lobby\n' +
      'modules, main_muc, comments) is kept, and the step says so; --remove-guest removes it too.',
    options: ['host', 'guest', 'removeGuest', 'partial', ...LOCATE, ...WRITE, ...OUTPUT],
    examples: [
      'jitsi-confkit secure-domain disable --dry-run',
      'jitsi-confkit secure-domain disable --host meet.example.com',
      'jitsi-confkit secure-domain disable --host meet.example.com --remove-guest',
    ],
  },
  {
    name: 'get',
    args: ['<file>', '<path>'],
    summary: 'print one value of a config file as JSON',
    details: `${pathSyntaxHelp()}\nExit status 1 when the value is not set. --json prints {file, kind, path, value, line, column}.`,
    options: ['root', ...OUTPUT],
    optionHelp: {
      root: 'the server\'s root: an absolute <file> is taken inside DIR, and no path leaves DIR, as after chroot DIR (default /)',
      json: 'print one JSON object {file, kind, path, value, line, column}; on failure {error: {code, class, message, status, file?, line?, column?}}',
    },
    examples: [
      'jitsi-confkit get /usr/share/jitsi-meet/interface_config.js OPTIMAL_BROWSERS',
      'jitsi-confkit get /etc/jitsi/meet/meet.example.com-config.js hosts.anonymousdomain',
      'jitsi-confkit get /etc/prosody/conf.avail/meet.example.com.cfg.lua host:meet.example.com/authentication',
      'jitsi-confkit get /etc/jitsi/jicofo/jicofo.conf jicofo.authentication.enabled',
    ],
  },
  {
    name: 'set',
    args: ['<file>', '<path>', '<value>'],
    summary: 'set one value of a config file (the value is read as JSON where it parses, else as a string)',
    details:
      `${pathSyntaxHelp()}\n` +
      '<value> is JSON where it parses as JSON (true, 3, null, ["a","b"], {"a":1}, "quoted"), else the text\n' +
      'as given; with --string it is always the text as given. A *.properties value is always text.',
    options: ['string', 'overlay', 'root', ...WRITE, ...OUTPUT],
    optionHelp: { root: 'the server\'s root: an absolute <file> is taken inside DIR, and no path leaves DIR, as after chroot DIR (default /)' },
    examples: [
      "jitsi-confkit set /usr/share/jitsi-meet/interface_config.js SHOW_JITSI_WATERMARK false",
      'jitsi-confkit set /etc/jitsi/meet/meet.example.com-config.js hosts.anonymousdomain guest.meet.example.com',
      'jitsi-confkit set /etc/prosody/conf.avail/meet.example.com.cfg.lua host:meet.example.com/authentication internal_hashed',
      `jitsi-confkit set /etc/jitsi/meet/meet.example.com-config.js toolbarButtons '["microphone","camera"]'`,
      'jitsi-confkit set /etc/prosody/conf.avail/meet.example.com.cfg.lua host:meet.example.com/app_id 1234 --string',
      'jitsi-confkit set ~/.jitsi-meet-cfg/web/custom-config.js hosts.anonymousdomain guest.meet.jitsi --overlay',
    ],
  },
  {
    name: 'check',
    args: [],
    summary: 'look for a half-configured secure domain and other disagreements between the files',
    details:
      'A file it needs and did not find (Prosody host config, config.js, Jicofo\'s) is an error\n' +
      '(file-missing), unless --partial. Exit status 1 when a finding has severity "error", else 0.',
    options: ['host', 'partial', ...LOCATE, ...OUTPUT],
    examples: ['jitsi-confkit check', 'jitsi-confkit check --host meet.example.com --json'],
  },
];

function pathSyntaxHelp(): string {
  return (
    'The kind of <file> is found from its name, else from its content. <path> by kind:\n' +
    '  interface_config.js, config.js   KEY or a.b.c          (OPTIMAL_BROWSERS, hosts.anonymousdomain)\n' +
    '  jicofo.conf (HOCON)              a.b.c                 (jicofo.authentication.type)\n' +
    '  *.properties                     the key as written    (org.jitsi.jicofo.auth.URL)\n' +
    '  Prosody *.cfg.lua                SCOPE/KEY, where SCOPE is global, host:NAME (a VirtualHost)\n' +
    '                                   or component:NAME; a KEY alone is global\n' +
    '                                   (host:meet.example.com/authentication)\n' +
    'Under --root DIR, an absolute <file> is taken inside DIR, a relative one must lead inside DIR,\n' +
    'and symlinks are followed as if DIR were / (chroot).'
  );
}

/** Command groups: the first word of a two-word command. */
export const GROUPS: Record<string, string> = {
  browsers: 'the browser lists of interface_config.js',
  'secure-domain': 'authenticated hosts and anonymous guests',
};

/** What `option` does for `command`, as its --help says. */
export function optionDescription(command: CommandSpec, option: OptionName): string {
  return command.optionHelp?.[option] ?? OPTIONS[option].description;
}

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
