/**
 * The command-line surface as data: every option and every command, with the texts that `--help`
 * prints. The argument parser (args.ts) and the help printer (help.ts) both read these tables, so
 * the two cannot drift apart.
 */
import { DEBIAN_DIRS, DEBIAN_PATHS, debianPath, DEPLOYMENT_FILES, HOST_PLACEHOLDER, INTERFACE_CONFIG_OVERLAY } from '@jitsi-confkit/recipes/deployment';

/** What the tool does, in one line: the first line of --help and the man page's NAME. */
export const SUMMARY = "safe, minimal edits of a self-hosted Jitsi Meet server's configuration";

/** What the tool does, in a paragraph: the man page's DESCRIPTION and the Debian package's description. */
export const DESCRIPTION =
  'jitsi-confkit makes the common changes to the configuration of a self-hosted Jitsi Meet server: ' +
  'keeping a browser out, the secure domain (only authenticated users open rooms, guests join ' +
  'anonymously) and token (JWT) authentication across Prosody, config.js and Jicofo, and moderation ' +
  '(lobby, wait for host, participant limits); it also reads, sets and deletes single values. It finds ' +
  'the files in the Debian layout, changes only the bytes that need to change (comments and layout ' +
  'are kept), shows every change as a unified diff with --dry-run, and refuses a file it cannot ' +
  'parse, or a value it cannot write safely, with the line and column, writing nothing. With --save ' +
  'a change is recorded in a desired-state file, which apply makes true again after package upgrades ' +
  'replace or patch the files (the Debian package runs it from a dpkg trigger), and status reports ' +
  'drift for monitoring.';

/** Where the commands look for the files (under --root DIR, default /): the Debian layout. */
export const DEBIAN_FILES: readonly string[] = DEPLOYMENT_FILES.map((file) => DEBIAN_PATHS[file]);

/** The files of the examples: the Debian layout of meet.example.com. */
const EXAMPLE = {
  interfaceConfig: debianPath('interfaceConfig'),
  meetConfig: debianPath('meetConfig', 'meet.example.com'),
  prosody: debianPath('prosody', 'meet.example.com'),
  jicofoConf: debianPath('jicofoConf'),
  overlay: INTERFACE_CONFIG_OVERLAY.replace(HOST_PLACEHOLDER, 'meet.example.com'),
  /** A place an admin keeps a secret file: beside the host's config.js. */
  jwtSecret: `${DEBIAN_DIRS.meet}/jwt-secret`,
};

/** The files of the tool's own (under --root DIR, default /). */
export const OWN_FILES: readonly { path: string; what: string }[] = [
  { path: '/etc/jitsi-confkit/state.yaml', what: 'the desired state: the intents --save records and apply makes true (--state PATH names another)' },
  { path: '/var/lib/jitsi-confkit/last-apply.json', what: 'when apply last made each intent hold, for the "since when" of status' },
  { path: '/etc/apt/apt.conf.d/80jitsi-confkit', what: 'the apt hook that hook install writes' },
];

/** The exit statuses (src/index.ts maps the errors to them; status returns 3 and 4 itself). */
export const EXIT_STATUSES: readonly { status: number; meaning: string }[] = [
  { status: 0, meaning: 'done (changed or not); for status, every intent holds' },
  {
    status: 1,
    meaning:
      'a file or a value was refused and nothing was written; or check or doctor found errors; or apply could not apply an intent (with --keep-going, the others were written)',
  },
  { status: 2, meaning: 'usage error' },
  { status: 3, meaning: 'status only: drift, an intent no longer holds and apply would make it hold again' },
  { status: 4, meaning: 'status only: an intent cannot be applied (a file missing, or changed so that its edit is refused): a person must look' },
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
  | 'fix'
  | 'prosodyVersion'
  | 'string'
  | 'save'
  | 'state'
  | 'keepGoing'
  | 'dryRun'
  | 'backup'
  | 'lockTimeout'
  | 'maxFileSize'
  | 'json'
  | 'debug'
  | 'help'
  | 'version'
  | 'secretFile'
  | 'secretStdin'
  | 'appId'
  | 'secretStorage'
  | 'credential'
  | 'issuer'
  | 'audience'
  | 'jwksUrl'
  | 'keyServer'
  | 'clientId'
  | 'requireRoomClaim'
  | 'noWebLogin'
  | 'tokenAuthUrl'
  | 'guests'
  | 'allowEmptyToken'
  | 'lobby'
  | 'waitForHost'
  | 'authenticatedModerators'
  | 'maxParticipants'
  | 'autoOwner';

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
  interfaceConfig: { name: 'interfaceConfig', flag: 'interface-config', value: 'PATH', description: `interface_config.js (default ${DEBIAN_PATHS.interfaceConfig})` },
  meetConfig: { name: 'meetConfig', flag: 'meet-config', value: 'PATH', description: `config.js (default ${DEBIAN_PATHS.meetConfig})` },
  prosody: { name: 'prosody', flag: 'prosody', value: 'PATH', description: `Prosody host config (default ${DEBIAN_PATHS.prosody})` },
  jicofoConf: { name: 'jicofoConf', flag: 'jicofo-conf', value: 'PATH', description: `jicofo.conf (default ${DEBIAN_PATHS.jicofoConf})` },
  sipCommunicator: { name: 'sipCommunicator', flag: 'sip-communicator', value: 'PATH', description: `sip-communicator.properties (default ${DEBIAN_PATHS.sipCommunicator})` },
  host: { name: 'host', flag: 'host', value: 'HOST', description: 'the Jitsi host name; found from the files when there is exactly one' },
  guest: { name: 'guest', flag: 'guest', value: 'HOST', description: 'the anonymous guest host (default guest.<host>)' },
  auth: { name: 'auth', flag: 'auth', value: 'PROVIDER', description: 'Prosody authentication provider for the main host (default internal_hashed)' },
  to: { name: 'to', flag: 'to', value: 'LIST', choices: ['unsupported', 'optimal'], description: 'the list to move the browser to: unsupported or optimal' },
  createKeys: {
    name: 'createKeys',
    flag: 'create-keys',
    description: 'add OPTIMAL_BROWSERS/UNSUPPORTED_BROWSERS when missing (files older than 2019-08, whose Jitsi Meet ignores them)',
  },
  overlay: {
    name: 'overlay',
    flag: 'overlay',
    description:
      "the file is an overlay appended to another one (docker's custom-config.js, custom-interface_config.js): what it does not set comes from that file, so a new nested key is one assignment (config.hosts.anonymousdomain = …) and never replaces an object; detected when the file writes into config/interfaceConfig without declaring it",
  },
  partial: {
    name: 'partial',
    flag: 'partial',
    description:
      "work on the files found even when the Prosody host file, config.js or Jicofo's file is not (for a layout where one lives elsewhere); without it a missing file stops the command",
  },
  removeGuest: {
    name: 'removeGuest',
    flag: 'remove-guest',
    description: 'remove the guest VirtualHost even when it holds more than enable writes (modules, main_muc, comments); without it such a guest host is kept',
  },
  fix: { name: 'fix', flag: 'fix', description: 'apply the fix of every finding that has one, all files or none (with --dry-run: show the diffs, write nothing)' },
  prosodyVersion: {
    name: 'prosodyVersion',
    flag: 'prosody-version',
    value: 'VERSION',
    description: "the Prosody the server runs (13, 13.0.1, 0.12.3); default: read under the root (usr/lib/prosody/prosody.version, else dpkg's status)",
  },
  string: { name: 'string', flag: 'string', description: 'take <value> as text as given, never as JSON (for the text "true", "null" or "1234")' },
  save: {
    name: 'save',
    flag: 'save',
    description:
      'record the change in the state file in the same write (created when missing), so that "jitsi-confkit apply" makes it again after upgrades; the undo (--to optimal, secure-domain disable) removes the intent instead',
  },
  state: { name: 'state', flag: 'state', value: 'PATH', description: 'the state file (default /etc/jitsi-confkit/state.yaml, under --root)' },
  keepGoing: {
    name: 'keepGoing',
    flag: 'keep-going',
    description: 'apply every intent that can be applied, each one whole, and report the others (exit status 1), instead of writing nothing when one cannot be applied',
  },
  dryRun: { name: 'dryRun', flag: 'dry-run', short: 'n', description: 'print the unified diff of every file and write nothing' },
  backup: { name: 'backup', flag: 'backup', description: 'keep each file as it was beside it (<file>.<time>.bak: same bytes, mode and owner) before writing' },
  lockTimeout: {
    name: 'lockTimeout',
    flag: 'lock-timeout',
    value: 'SECONDS',
    description: 'wait at most SECONDS for another jitsi-confkit run that is writing the same files (default 10; 0: do not wait)',
  },
  maxFileSize: {
    name: 'maxFileSize',
    flag: 'max-file-size',
    value: 'SIZE',
    description: 'refuse to read a file larger than SIZE: bytes, or a number with K, M or G (default 16M)',
  },
  json: {
    name: 'json',
    flag: 'json',
    description: 'print one JSON object {changed, files, steps, diffs, todo, warnings, findings?}; on failure {error: {code, class, message, status, file?, line?, column?}}',
  },
  debug: { name: 'debug', flag: 'debug', description: 'print the stack trace of an error' },
  help: { name: 'help', flag: 'help', short: 'h', description: 'show this help' },
  version: { name: 'version', flag: 'version', short: 'V', description: 'print the version' },
  secretFile: {
    name: 'secretFile',
    flag: 'secret-file',
    value: 'PATH',
    description: 'read the JWT shared secret from PATH (one final newline is dropped); never give a secret on the command line, where ps shows it',
  },
  secretStdin: { name: 'secretStdin', flag: 'secret-stdin', description: 'read the JWT shared secret from standard input (one final newline is dropped)' },
  appId: { name: 'appId', flag: 'app-id', value: 'ID', description: 'app_id: the issuer (iss) of the shared-secret tokens (default for an OIDC issuer: jitsi)' },
  secretStorage: {
    name: 'secretStorage',
    flag: 'secret-storage',
    value: 'WHERE',
    choices: ['inline', 'credential'],
    description:
      "inline: app_secret in the Prosody host file (default); credential: a systemd credential read with Prosody 13's Credential() (files /etc/credstore/NAME and a prosody.service drop-in)",
  },
  credential: { name: 'credential', flag: 'credential', value: 'NAME', description: 'the systemd credential that holds the secret (default jitsi-app-secret)' },
  issuer: {
    name: 'issuer',
    flag: 'issuer',
    value: 'URL',
    description: 'an OIDC issuer (https://meet.example.com/realms/jitsi-realm): its keys verify the tokens instead of a shared secret',
  },
  audience: { name: 'audience', flag: 'audience', value: 'AUD', repeatable: true, description: 'an accepted audience of the OIDC tokens (repeatable; default account)' },
  jwksUrl: { name: 'jwksUrl', flag: 'jwks-url', value: 'URL', description: "the issuer's JWKS (cache_keys_url; default <issuer>/protocol/openid-connect/certs, Keycloak's)" },
  keyServer: { name: 'keyServer', flag: 'key-server', value: 'URL', description: 'asap_key_server instead of --jwks-url: a base URL serving the public keys as <sha256(kid)>.pem' },
  clientId: { name: 'clientId', flag: 'client-id', value: 'ID', description: 'the OIDC client of the web login (default jitsi)' },
  requireRoomClaim: { name: 'requireRoomClaim', flag: 'require-room-claim', description: 'tokens must name their room (asap_require_room_claim = true; OIDC default false)' },
  noWebLogin: { name: 'noWebLogin', flag: 'no-web-login', description: 'leave config.js alone: no tokenAuthUrl, tokenLogoutUrl, tokenAuthInline, sso' },
  tokenAuthUrl: { name: 'tokenAuthUrl', flag: 'token-auth-url', value: 'URL', description: 'config.js tokenAuthUrl: the page that gives users a token (shared secret)' },
  guests: { name: 'guests', flag: 'guests', description: 'a guest VirtualHost for anonymous participants (guest.<host>) and config.js hosts.anonymousdomain' },
  allowEmptyToken: { name: 'allowEmptyToken', flag: 'allow-empty-token', description: 'allow_empty_token = true: users without a token may connect to the main host' },
  lobby: { name: 'lobby', flag: 'lobby', value: 'on|off', choices: ['on', 'off'], description: 'the lobby (on unless told off)' },
  waitForHost: {
    name: 'waitForHost',
    flag: 'wait-for-host',
    value: 'on|off',
    choices: ['on', 'off'],
    description: 'guests wait in the lobby until an authenticated user opens the room',
  },
  authenticatedModerators: {
    name: 'authenticatedModerators',
    flag: 'authenticated-moderators',
    value: 'on|off',
    choices: ['on', 'off'],
    description: 'with wait for host: authenticated users become moderators (on, the default) or not (wait_for_host_disable_auto_owners)',
  },
  maxParticipants: { name: 'maxParticipants', flag: 'max-participants', value: 'N|none', description: 'the most participants a room takes (Jicofo not counted), or none' },
  autoOwner: {
    name: 'autoOwner',
    flag: 'auto-owner',
    value: 'on|off',
    choices: ['on', 'off'],
    description: "Jicofo makes the first participant a moderator (on, Jicofo's default) or not",
  },
};

export type CommandName =
  | 'browsers move'
  | 'browsers list'
  | 'secure-domain enable'
  | 'secure-domain disable'
  | 'jwt enable'
  | 'jwt disable'
  | 'moderation set'
  | 'get'
  | 'set'
  | 'delete'
  | 'check'
  | 'apply'
  | 'status'
  | 'hook install'
  | 'hook remove'
  | 'hook run'
  | 'doctor';

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

/** --root for the commands that take a <file>. */
const ROOT_OF_FILE = "the server's root: an absolute <file> is taken inside DIR, and no path leaves DIR, as after chroot DIR (default /)";

/** The file options of the commands over a deployment (interface_config.js is not one of their files). */
const LOCATE: readonly OptionName[] = ['root', 'file', 'meetConfig', 'prosody', 'jicofoConf', 'sipCommunicator'];
/** The file options of apply and status: every kind, since the intents may name any file. */
const LOCATE_ALL: readonly OptionName[] = ['root', 'file', 'interfaceConfig', 'meetConfig', 'prosody', 'jicofoConf', 'sipCommunicator'];
const WRITE: readonly OptionName[] = ['dryRun', 'backup', 'lockTimeout'];
/** --save, on every command that edits. */
const SAVE: readonly OptionName[] = ['save', 'state'];
const OUTPUT: readonly OptionName[] = ['maxFileSize', 'json', 'debug', 'help'];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'browsers move',
    args: ['<browser>'],
    summary: 'move a browser to the unsupported or the optimal list of interface_config.js',
    details:
      'A browser in UNSUPPORTED_BROWSERS gets the "unsupported browser" page on desktop; one in\n' +
      'OPTIMAL_BROWSERS gets no warning; one in neither gets the "suboptimal browser" warning.\n' +
      `The lists act in the visitor's browser only. ${DEBIAN_PATHS.interfaceConfig} is\n` +
      'replaced by every jitsi-meet-web upgrade: with --save the move is recorded in the state file\n' +
      'and "jitsi-confkit apply" makes it again (the Debian package runs it after upgrades); --to\n' +
      'optimal --save removes the recorded move.',
    options: ['to', 'createKeys', 'overlay', 'root', 'file', 'interfaceConfig', ...SAVE, ...WRITE, ...OUTPUT],
    required: ['to'],
    examples: [
      'jitsi-confkit browsers move firefox --to unsupported --save',
      'jitsi-confkit browsers move firefox --to unsupported',
      'jitsi-confkit browsers move firefox --to optimal --dry-run',
      `jitsi-confkit browsers move safari --to unsupported --file ${EXAMPLE.overlay}`,
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
      'left to do by hand. --save records it in the state file, for "jitsi-confkit apply".',
    options: ['host', 'guest', 'auth', 'partial', ...LOCATE, ...SAVE, ...WRITE, ...OUTPUT],
    examples: [
      'jitsi-confkit secure-domain enable --save',
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
      'modules, main_muc, comments) is kept, and the step says so; --remove-guest removes it too.\n' +
      '--save removes the secure-domain intent from the state file.',
    options: ['host', 'guest', 'removeGuest', 'partial', ...LOCATE, ...SAVE, ...WRITE, ...OUTPUT],
    examples: [
      'jitsi-confkit secure-domain disable --save',
      'jitsi-confkit secure-domain disable --dry-run',
      'jitsi-confkit secure-domain disable --host meet.example.com',
      'jitsi-confkit secure-domain disable --host meet.example.com --remove-guest',
    ],
  },
  {
    name: 'jwt enable',
    args: [],
    summary: 'token (JWT) authentication: a shared secret, or an OIDC issuer (Prosody, config.js, Jicofo)',
    details:
      'With a shared secret (read from --secret-file or --secret-stdin, never from the command line)\n' +
      'or an --issuer. The main host authenticates with "token", Jicofo\'s authentication goes off,\n' +
      'and with --guests anonymous participants join on guest.<host>. The secret is never printed:\n' +
      'diffs, steps, errors and --json show <secret N hidden>. All files or none are written.',
    options: [
      'host',
      'appId',
      'secretFile',
      'secretStdin',
      'secretStorage',
      'credential',
      'issuer',
      'audience',
      'jwksUrl',
      'keyServer',
      'clientId',
      'requireRoomClaim',
      'noWebLogin',
      'tokenAuthUrl',
      'guests',
      'guest',
      'allowEmptyToken',
      'partial',
      ...LOCATE,
      ...SAVE,
      ...WRITE,
      ...OUTPUT,
    ],
    examples: [
      `jitsi-confkit jwt enable --app-id myapp --secret-file ${EXAMPLE.jwtSecret} --guests --save`,
      `jitsi-confkit jwt enable --app-id myapp --secret-file ${EXAMPLE.jwtSecret} --guests`,
      'jitsi-confkit jwt enable --app-id myapp --secret-stdin --secret-storage credential',
      'jitsi-confkit jwt enable --issuer https://meet.example.com/realms/jitsi-realm --guests --dry-run',
    ],
  },
  {
    name: 'jwt disable',
    args: [],
    summary: 'undo jwt enable: the main host anonymous again, the token settings and the secret removed',
    details:
      'A guest VirtualHost that holds more than enable writes is kept, and the step says so; --remove-guest removes it too.\n' +
      '--save removes the jwt intent from the state file.',
    options: ['host', 'guest', 'removeGuest', 'partial', ...LOCATE, ...SAVE, ...WRITE, ...OUTPUT],
    examples: ['jitsi-confkit jwt disable --save', 'jitsi-confkit jwt disable --dry-run', 'jitsi-confkit jwt disable --host meet.example.com --remove-guest'],
  },
  {
    name: 'moderation set',
    args: [],
    summary: "the lobby (on by default), wait for host, a participant limit, Jicofo's automatic owner",
    details:
      'Each option brings its feature to the state given (off undoes on); one not given is left as it\n' +
      'is, but the lobby, which is turned on unless --lobby off. Every setting goes in the section\n' +
      'whose module reads it (the conference component for wait_for_host_disable_auto_owners and\n' +
      'muc_max_occupants). --save records the options given in the state file, over those recorded\n' +
      'before, for "jitsi-confkit apply".',
    options: ['host', 'lobby', 'waitForHost', 'authenticatedModerators', 'maxParticipants', 'autoOwner', 'partial', ...LOCATE, ...SAVE, ...WRITE, ...OUTPUT],
    examples: [
      'jitsi-confkit moderation set --wait-for-host on --max-participants 50 --save',
      'jitsi-confkit moderation set --wait-for-host on --authenticated-moderators off',
      'jitsi-confkit moderation set --max-participants 20 --auto-owner off --dry-run',
      'jitsi-confkit moderation set --wait-for-host off --max-participants none',
    ],
  },
  {
    name: 'get',
    args: ['<file>', '<path>'],
    summary: 'print one value of a config file as JSON',
    details: `${pathSyntaxHelp()}\nExit status 1 when the value is not set. --json prints {file, kind, path, value, line, column}.`,
    options: ['root', ...OUTPUT],
    optionHelp: {
      root: ROOT_OF_FILE,
      json: 'print one JSON object {file, kind, path, value, line, column}; on failure {error: {code, class, message, status, file?, line?, column?}}',
    },
    examples: [
      `jitsi-confkit get ${EXAMPLE.interfaceConfig} OPTIMAL_BROWSERS`,
      `jitsi-confkit get ${EXAMPLE.meetConfig} hosts.anonymousdomain`,
      `jitsi-confkit get ${EXAMPLE.prosody} host:meet.example.com/authentication`,
      `jitsi-confkit get ${EXAMPLE.jicofoConf} jicofo.authentication.enabled`,
    ],
  },
  {
    name: 'set',
    args: ['<file>', '<path>', '<value>'],
    summary: 'set one value of a config file (the value is read as JSON where it parses, else as a string)',
    details:
      `${pathSyntaxHelp()}\n` +
      '<value> is JSON where it parses as JSON (true, 3, null, ["a","b"], {"a":1}, "quoted"), else the text\n' +
      'as given; with --string it is always the text as given. A *.properties value is always text.\n' +
      'With --save, <file> must be the Debian-layout file "jitsi-confkit apply" finds.',
    options: ['string', 'overlay', 'root', ...SAVE, ...WRITE, ...OUTPUT],
    optionHelp: { root: ROOT_OF_FILE },
    examples: [
      `jitsi-confkit set ${EXAMPLE.meetConfig} p2p.enabled false --save`,
      `jitsi-confkit set ${EXAMPLE.interfaceConfig} SHOW_JITSI_WATERMARK false`,
      `jitsi-confkit set ${EXAMPLE.meetConfig} hosts.anonymousdomain guest.meet.example.com`,
      `jitsi-confkit set ${EXAMPLE.prosody} host:meet.example.com/authentication internal_hashed`,
      `jitsi-confkit set ${EXAMPLE.meetConfig} toolbarButtons '["microphone","camera"]'`,
      `jitsi-confkit set ${EXAMPLE.prosody} host:meet.example.com/app_id 1234 --string`,
      'jitsi-confkit set ~/.jitsi-meet-cfg/web/custom-config.js hosts.anonymousdomain guest.meet.jitsi --overlay',
    ],
  },
  {
    name: 'delete',
    args: ['<file>', '<path>'],
    summary: 'delete one value of a config file (a key and its value, or an assignment)',
    details: `${pathSyntaxHelp()}\nA value that is not set is reported as "already". With --save, <file> must be the Debian-layout\nfile "jitsi-confkit apply" finds, and the value stays deleted.`,
    options: ['overlay', 'root', ...SAVE, ...WRITE, ...OUTPUT],
    optionHelp: { root: ROOT_OF_FILE },
    examples: [
      `jitsi-confkit delete ${EXAMPLE.interfaceConfig} SHOW_JITSI_WATERMARK --save`,
      `jitsi-confkit delete ${EXAMPLE.meetConfig} p2p.stunServers --dry-run`,
      `jitsi-confkit delete ${EXAMPLE.prosody} host:meet.example.com/c2s_require_encryption`,
    ],
  },
  {
    name: 'check',
    args: [],
    summary: 'look for a half-configured secure domain and other disagreements between the files',
    details:
      "A file it needs and did not find (Prosody host config, config.js, Jicofo's) is an error\n" +
      '(file-missing), unless --partial. Exit status 1 when a finding has severity "error", else 0.',
    options: ['host', 'partial', ...LOCATE, ...OUTPUT],
    examples: ['jitsi-confkit check', 'jitsi-confkit check --host meet.example.com --json'],
  },
  {
    name: 'apply',
    args: [],
    summary: 'make every intent of the state file hold again (after an upgrade): all or nothing',
    details:
      'Applies the intents of the state file in order to the files found, as the commands that\n' +
      'recorded them would, and writes every changed file at once, locked. Idempotent: intents that\n' +
      'hold are "already". When an intent cannot be applied (a file missing, or changed so that its\n' +
      'edit is refused), nothing is written and the exit status is 1, naming the intent and the file;\n' +
      '--keep-going writes the intents that can be applied instead. No state file: nothing to do.\n' +
      'Records when each intent last held in /var/lib/jitsi-confkit/last-apply.json (for status).',
    options: ['host', 'keepGoing', 'state', ...LOCATE_ALL, ...WRITE, ...OUTPUT],
    optionHelp: {
      json: 'print one JSON object {changed, files, steps, diffs, todo, warnings, intents}; on failure {error: {code, class, message, status, file?, line?, column?, intent?}}',
    },
    examples: ['jitsi-confkit apply --dry-run', 'jitsi-confkit apply', 'jitsi-confkit apply --keep-going --json'],
  },
  {
    name: 'status',
    args: [],
    summary: 'report which intents of the state file no longer hold (drift), writing nothing',
    details:
      'For each intent: holds, drifted (the diff apply would make, the files that differ and when\n' +
      'they last changed, and when apply last found it holding), or cannot-apply (why). Takes no lock:\n' +
      'it reads only. Exit status 0 when every intent holds, 3 on drift, 4 when an intent cannot be\n' +
      'applied; 1 and 2 are errors (an unreadable or invalid state file, a usage error).',
    options: ['host', 'state', ...LOCATE_ALL, ...OUTPUT],
    optionHelp: {
      json: 'print one JSON object {state, host, lastApply, holds, drifted, cannotApply, intents}; on failure {error: {…}}',
    },
    examples: ['jitsi-confkit status', 'jitsi-confkit status --json', 'jitsi-confkit status --root ./image-root --host meet.example.com'],
  },
  {
    name: 'hook install',
    args: [],
    summary: 'write the apt hook that runs "jitsi-confkit hook run" after every dpkg run (without the Debian package)',
    details:
      'Writes /etc/apt/apt.conf.d/80jitsi-confkit (DPkg::Post-Invoke) calling this jitsi-confkit by\n' +
      'its absolute path with its node: a command installed on the machine (npm install -g, or the\n' +
      'Debian package), never npx, since dpkg runs offline. It never fails apt. Idempotent; it replaces\n' +
      'a hook of an older install, and refuses a file of that name it did not write.',
    options: ['root', 'dryRun', 'lockTimeout', 'json', 'debug', 'help'],
    examples: ['jitsi-confkit hook install', 'jitsi-confkit hook install --dry-run'],
  },
  {
    name: 'hook remove',
    args: [],
    summary: 'remove the apt hook that hook install wrote',
    details: 'Removes /etc/apt/apt.conf.d/80jitsi-confkit if jitsi-confkit wrote it; without one, there is nothing to do.',
    options: ['root', 'dryRun', 'lockTimeout', 'json', 'debug', 'help'],
    examples: ['jitsi-confkit hook remove'],
  },
  {
    name: 'hook run',
    args: [],
    summary: 'what the dpkg trigger and the apt hook run: apply --keep-going, logged to syslog, never failing',
    details:
      'Without a state file it does nothing and prints nothing. Else it runs "apply --keep-going" and\n' +
      'sends what it printed to syslog (the journal) with logger -t jitsi-confkit: notice when it\n' +
      'wrote, info when every intent held, err when an intent could not be applied. Its exit status\n' +
      'is always 0, so that a package upgrade never fails because of it; "jitsi-confkit status" tells\n' +
      'what is left.',
    options: ['root', 'lockTimeout', 'debug', 'help'],
    examples: ['jitsi-confkit hook run'],
  },
  {
    name: 'doctor',
    args: [],
    summary: 'everything check finds, and what keeps Prosody from loading what Jitsi needs (upgrades to Debian 13 / Prosody 13), with fixes',
    details:
      "Reads Prosody's main config and every file it includes, config.js and Jicofo's files, the\n" +
      "module directories and the installed Prosody's version under the root. Each finding has a\n" +
      'code, severity, file:line, why it matters and its fix; "[--fix]" marks those --fix applies.\n' +
      'With --fix every fix is applied to every file, or nothing is written (--dry-run shows the\n' +
      'diffs). Exit status 1 when a finding has severity "error" (with --fix: one that remains).',
    options: ['host', 'partial', 'fix', 'prosodyVersion', ...LOCATE, ...WRITE, ...OUTPUT],
    optionHelp: {
      json: 'print one JSON object {changed, dryRun, files, diffs, findings, fixed, notes, prosodyVersion}; on failure {error: {code, class, message, status, file?, line?, column?}}',
    },
    examples: [
      'jitsi-confkit doctor',
      'jitsi-confkit doctor --fix --dry-run',
      'jitsi-confkit doctor --fix --backup',
      'jitsi-confkit doctor --root ./image-root --prosody-version 13 --json',
    ],
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
  hook: 'the apt hook that re-applies the state file after every dpkg run',
  jwt: 'token (JWT) authentication',
  moderation: 'the lobby, wait for host, participant limits',
};

/** What `option` does for `command`, as its --help says. */
export function optionDescription(command: CommandSpec, option: OptionName): string {
  return command.optionHelp?.[option] ?? OPTIONS[option].description;
}

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
