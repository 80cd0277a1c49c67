/**
 * What a Jitsi deployment is made of, in one place for the recipes, the checks and the CLI: the
 * files and where Debian's packages put them, how each is named in messages, and the host names
 * a Jitsi install adds next to the main host. Pure data and functions: it imports nothing, so the
 * CLI loads it (`@jitsi-confkit/recipes/deployment`) without loading a parser.
 */

/** One of the files of a deployment, named as in DeploymentFiles. */
export type DeploymentFile = 'interfaceConfig' | 'meetConfig' | 'prosody' | 'jicofoConf' | 'sipCommunicator';

/** Every file of a deployment, in the order they are listed to people. */
export const DEPLOYMENT_FILES: readonly DeploymentFile[] = ['interfaceConfig', 'meetConfig', 'prosody', 'jicofoConf', 'sipCommunicator'];

/** The directories of Debian's packages (jitsi-meet-web, jitsi-meet-web-config, jitsi-meet-prosody, prosody, jicofo). */
export const DEBIAN_DIRS = {
  /** jitsi-meet-web: the web app, replaced on every upgrade. */
  web: '/usr/share/jitsi-meet',
  /** jitsi-meet-prosody: Jitsi's Prosody modules; the per-host template's plugin_paths names it. */
  jitsiPlugins: '/usr/share/jitsi-meet/prosody-plugins',
  /** jitsi-meet-web-config: `<host>-config.js`, and the community's `<host>-interface_config.js` overlays. */
  meet: '/etc/jitsi/meet',
  /** Prosody's configuration: prosody.cfg.lua… */
  prosody: '/etc/prosody',
  /** …the per-host files… */
  prosodyAvailable: '/etc/prosody/conf.avail',
  /** …and the symlinks to them that `Include "conf.d/*.cfg.lua"` loads. */
  prosodyEnabled: '/etc/prosody/conf.d',
  /** Prosody's own modules (CFG_PLUGINDIR), searched last. */
  prosodyModules: '/usr/lib/prosody/modules',
  /** Prosody's data (CFG_DATADIR): relative plugin paths and the installer's directory are taken from it. */
  prosodyData: '/var/lib/prosody',
  /** Where Debian 13's prosody.cfg.lua points plugin_paths for an admin's own modules. */
  localProsodyModules: '/usr/local/lib/prosody/modules',
  jicofo: '/etc/jitsi/jicofo',
} as const;

/** Prosody's main config, which includes the per-host files. */
export const PROSODY_MAIN_CONFIG = `${DEBIAN_DIRS.prosody}/prosody.cfg.lua`;

/** `<host>` in a path stands for the main host's name. */
export const HOST_PLACEHOLDER = '<host>';

/** Where each file lives on a Debian server (`<host>`: the main host). */
export const DEBIAN_PATHS: Readonly<Record<DeploymentFile, string>> = {
  interfaceConfig: `${DEBIAN_DIRS.web}/interface_config.js`,
  meetConfig: `${DEBIAN_DIRS.meet}/${HOST_PLACEHOLDER}-config.js`,
  prosody: `${DEBIAN_DIRS.prosodyAvailable}/${HOST_PLACEHOLDER}.cfg.lua`,
  jicofoConf: `${DEBIAN_DIRS.jicofo}/jicofo.conf`,
  sipCommunicator: `${DEBIAN_DIRS.jicofo}/sip-communicator.properties`,
};

/** The community overlay of interface_config.js that nginx may serve instead (`<host>`: the main host). */
export const INTERFACE_CONFIG_OVERLAY = `${DEBIAN_DIRS.meet}/${HOST_PLACEHOLDER}-interface_config.js`;

/** Jitsi's Prosody plugins, where mod_auth_token and mod_token_verification are (jitsi-meet-prosody). */
export const JITSI_PLUGIN_PATH = `${DEBIAN_DIRS.jitsiPlugins}/`;

/**
 * The Debian path of `file`, with `host` put in for `<host>` (left as `<host>` when not given).
 * Throws a TypeError for a host that is no file name (empty, or with `/` or NUL): callers pass a
 * validated host name, or one read from a file name.
 */
export function debianPath(file: DeploymentFile, host: string = HOST_PLACEHOLDER): string {
  if (host === '' || /[/\0]/.test(host)) {
    throw new TypeError(`debianPath: ${JSON.stringify(host)} is not a host name`);
  }
  return DEBIAN_PATHS[file].replace(HOST_PLACEHOLDER, host);
}

/**
 * Every place `file` is looked for on a Debian server, first the one written to: the Prosody
 * host file is in conf.avail, or only in conf.d where an admin put it there.
 */
export function debianPaths(file: DeploymentFile, host: string = HOST_PLACEHOLDER): string[] {
  const first = debianPath(file, host);
  return file === 'prosody' ? [first, `${DEBIAN_DIRS.prosodyEnabled}/${first.slice(DEBIAN_DIRS.prosodyAvailable.length + 1)}`] : [first];
}

/** How each file is named in messages. */
export const FILE_LABELS: Readonly<Record<DeploymentFile, string>> = {
  interfaceConfig: 'interface_config.js',
  meetConfig: 'config.js',
  prosody: 'the Prosody host file',
  jicofoConf: 'jicofo.conf',
  sipCommunicator: 'sip-communicator.properties',
};

/**
 * A file a recipe needs, as named when it is missing. `jicofoConf` stands for Jicofo's file,
 * either one (Jicofo of 2020 and before has no jicofo.conf).
 */
function neededLabel(file: DeploymentFile): string {
  return file === 'jicofoConf' ? `${FILE_LABELS.jicofoConf} or, for Jicofo of 2020 and before, ${FILE_LABELS.sipCommunicator}` : FILE_LABELS[file];
}

/** Where a missing file was looked for, as far as the caller knows. */
export interface MissingWhere {
  /** The paths looked at (as shown to the user); none when nothing was searched. */
  lookedFor?: readonly string[];
  /** The options that name such a file, where the caller has options (`--meet-config`). */
  flags?: string;
}

/**
 * A file that is needed and missing, in the one wording every message uses:
 * `config.js (not found at etc/jitsi/meet/meet.example.com-config.js)`, or for a caller that
 * searched nothing, `config.js (not given; name it with --meet-config)`, or by default
 * `config.js (not given; on Debian: /etc/jitsi/meet/<host>-config.js)`. `jicofoConf` stands for
 * jicofo.conf or sip-communicator.properties.
 */
export function describeMissing(file: DeploymentFile, where: MissingWhere = {}): string {
  const looked = where.lookedFor ?? [];
  let status: string;
  if (looked.length > 0) status = `not found at ${looked.join(' or ')}`;
  else if (where.flags !== undefined) status = `not given; name it with ${where.flags}`;
  else {
    const paths = file === 'jicofoConf' ? [DEBIAN_PATHS.jicofoConf, DEBIAN_PATHS.sipCommunicator] : debianPaths(file);
    status = `not given; on Debian: ${paths.join(' or ')}`;
  }
  return `${neededLabel(file)} (${status})`;
}

/** Several missing files, each as describeMissing words it, joined for a sentence ("a, b and c"). */
export function describeMissingFiles(missing: readonly { file: DeploymentFile; where?: MissingWhere }[]): string {
  const each = missing.map((m) => describeMissing(m.file, m.where));
  return each.length <= 1 ? (each[0] ?? '') : `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}`;
}

/**
 * First labels of the names a Jitsi install gives next to the main host, each with where it comes
 * from; a VirtualHost named `<label>.<anything>` is never the main host. Taken from Debian's
 * jitsi-meet-prosody, docker-jitsi-meet and the handbook (see the real corpus).
 */
export const SECONDARY_HOST_LABELS: Readonly<Record<string, string>> = {
  auth: 'VirtualHost auth.<host>: the accounts of Jicofo and the bridge (its Component internal.auth.<host> is their MUC)',
  guest: 'VirtualHost guest.<host>: the anonymous guests of a secure domain',
  recorder: "VirtualHost recorder.<host>: Jibri's recorder and transcriber accounts",
  hidden: "VirtualHost hidden.<host>: docker-jitsi-meet's XMPP_HIDDEN_DOMAIN, an older name for the recorder's host",
  jigasi: "VirtualHost jigasi.<host>: Jigasi's accounts (docker-jitsi-meet)",
  focus: "Component focus.<host>: Jicofo's (client_proxy since 2021)",
  visitors: "Component visitors.<host>: the visitors' component, and the name docker-jitsi-meet's visitor nodes are reached by",
};

/** True when `name` is one of the hosts a Jitsi install adds next to the main host (auth., guest., recorder., …). */
export function isSecondaryHost(name: string): boolean {
  const label = name.split('.')[0] ?? '';
  return name.includes('.') && Object.hasOwn(SECONDARY_HOST_LABELS, label);
}

/** The example hosts Debian's prosody package ships in conf.avail: never a Jitsi host. */
export const PROSODY_EXAMPLE_HOSTS: readonly string[] = ['localhost', 'example.com'];
