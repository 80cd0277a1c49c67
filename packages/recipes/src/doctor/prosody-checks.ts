/**
 * The doctor's checks of Prosody's config files as a whole: modules Prosody cannot find (the Jitsi
 * modules upstream removed named as such), the Include line that loads the Jitsi host, options
 * prosodyctl check config reports as deprecated, and what Prosody 13 changed (only when the server
 * runs Prosody 13), or Prosody 13's syntax where the server runs 0.12.
 */
import { posix } from 'node:path';
import { printable } from '@jitsi-confkit/core';
import type { ConfigValue, Scope } from '@jitsi-confkit/prosody-config';
import { DEBIAN_DIRS } from '../deployment.js';
import { findModule, JITSI_PLUGINS, LOCAL_MODULES, PROSODY_DATA, PROSODY_MODULES, REMOVED_MODULES } from './modules.js';
import { globalOption, globalValue, sectionsOf, type Tree, type TreeFile } from './tree.js';
import type { DoctorEnvironment, DoctorFinding } from './types.js';
import type { Fix } from './workbench.js';

/** A finding and the fix that makes it go away (none where a person must choose). */
export interface Found {
  finding: Omit<DoctorFinding, 'edits'>;
  fix?: Fix;
}

/** The installed Prosody, as far as the caller said. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

function scopeLabel(scope: Scope): string {
  if (scope === 'global') return 'the global section';
  return 'host' in scope ? `VirtualHost "${scope.host}"` : `Component "${scope.component}"`;
}

/** Every scope of a file: global, its VirtualHosts and its Components (each once). */
function scopesOf(file: TreeFile): Scope[] {
  return ['global', ...file.cfg.hosts().map((host) => ({ host })), ...file.cfg.components().map((component) => ({ component }))];
}

/** The files Prosody reads, with the host file even when it is not included yet (the Include finding fixes that). */
function considered(tree: Tree): TreeFile[] {
  return tree.files.filter((f) => f.loaded || f === tree.host);
}

function isEnabled(file: TreeFile, scope: Scope): boolean {
  if (scope === 'global') return true;
  try {
    return file.cfg.get(scope, 'enabled') !== false;
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------- modules

interface ModuleUse {
  file: TreeFile;
  scope: Scope;
  name: string;
  line: number;
  /** `list`: an item of modules_enabled; `component`: a Component's module; `auth`: an authentication provider. */
  as: 'list' | 'component' | 'auth';
}

/** Every module the files load: modules_enabled items, components' modules and authentication providers. */
function moduleUses(tree: Tree): ModuleUse[] {
  const uses: ModuleUse[] = [];
  for (const file of considered(tree)) {
    for (const scope of scopesOf(file)) {
      if (!isEnabled(file, scope)) continue;
      let entries: ReturnType<TreeFile['cfg']['entries']>;
      try {
        entries = file.cfg.entries(scope, 'modules_enabled');
      } catch {
        entries = undefined;
      }
      for (const e of entries ?? []) if (typeof e.value === 'string') uses.push({ file, scope, name: e.value, line: e.line, as: 'list' });
    }
  }
  for (const s of sectionsOf(tree)) {
    if (!considered(tree).includes(s.file)) continue;
    if (s.kind === 'Component' && s.type !== undefined) uses.push({ file: s.file, scope: { component: s.name }, name: s.type, line: s.line, as: 'component' });
    if (s.kind === 'VirtualHost') {
      let auth: ConfigValue | undefined;
      let line = s.line;
      let file = s.file;
      try {
        const own = s.file.cfg.lookup({ host: s.name }, 'authentication');
        if (own?.from === 'section') {
          auth = own.value;
          line = own.line;
        } else {
          const global = globalOption(tree, 'authentication');
          auth = global?.lookup.value;
          if (global !== undefined)
            ({
              file,
              lookup: { line },
            } = global);
        }
      } catch {
        auth = undefined;
      }
      // Prosody's default provider, internal_hashed, is one of its own modules.
      if (typeof auth === 'string') uses.push({ file, scope: { host: s.name }, name: `auth_${auth}`, line, as: 'auth' });
    }
  }
  return uses;
}

/** The directories Prosody searches for modules, in its order, as the files set them. */
export function searchedDirectories(tree: Tree): string[] {
  const resolve = (p: string): string => posix.normalize(p.startsWith('/') ? p : `${PROSODY_DATA}/${p}`).replace(/\/$/, '');
  const installer = globalValue(tree, 'installer_plugin_path');
  const dirs = [resolve(typeof installer === 'string' ? installer : 'custom_plugins')];
  const paths = globalValue(tree, 'plugin_paths');
  if (Array.isArray(paths)) for (const p of paths) if (typeof p === 'string') dirs.push(resolve(p));
  dirs.push(PROSODY_MODULES);
  return [...new Set(dirs)];
}

/**
 * The directories the CLI should list for the module checks: those Prosody searches, and those
 * where Jitsi's and an admin's own modules are usually installed (to say when plugin_paths misses one).
 */
export function directoriesToList(tree: Tree): string[] {
  return [...new Set([...searchedDirectories(tree), JITSI_PLUGINS, LOCAL_MODULES])];
}

function removeModule(use: ModuleUse): Fix {
  return (bench) => {
    const cfg = bench.prosody(use.file.key);
    if (use.as === 'list') {
      cfg.removeFromList(use.scope, 'modules_enabled', use.name);
      return;
    }
    // A component whose module is gone: the section, and the options that name the component.
    const name = (use.scope as { component: string }).component;
    cfg.removeSection(use.scope);
    for (const scope of scopesOf(use.file)) {
      for (const c of cfg.has(scope) ? cfg.contents(scope) : []) {
        if (c.kind !== 'setting' || c.key === undefined) continue;
        let v: unknown;
        try {
          v = cfg.lookup(scope, c.key);
        } catch {
          continue;
        }
        if ((v as { value?: unknown; from?: string } | undefined)?.from === 'section' && (v as { value: unknown }).value === name) cfg.delete(scope, c.key);
      }
    }
  };
}

function moduleChecks(tree: Tree, env: DoctorEnvironment, notes: string[]): Found[] {
  const listed = env.modules;
  if (listed === undefined) {
    notes.push('The module checks were left out: the module directories were not listed');
    return [];
  }
  const exists = new Set(listed.directories.filter((d) => d.exists).map((d) => d.path.replace(/\/$/, '')));
  if (!exists.has(PROSODY_MODULES)) {
    notes.push(`The module checks were left out: ${PROSODY_MODULES} was not found (is Prosody installed there?)`);
    return [];
  }
  const files = new Set(listed.files);
  const searched = searchedDirectories(tree);
  const out: Found[] = [];
  const elsewhere = new Map<string, ModuleUse[]>();
  for (const use of moduleUses(tree)) {
    const where = `${scopeLabel(use.scope)}${use.as === 'list' ? "'s modules_enabled" : ''}`;
    if (use.as === 'list' && use.name.startsWith('mod_')) {
      const bare = use.name.slice(4);
      out.push({
        finding: {
          severity: 'warning',
          code: 'module-prefix',
          file: use.file.key,
          line: use.line,
          message: `"${printable(use.name)}" in ${where}: modules are named without the mod_ prefix`,
          why: `Prosody looks for mod_${printable(use.name)}.lua, which does not exist; prosodyctl check config says to change it to "${printable(bare)}"`,
          fix: `Write "${printable(bare)}" instead of "${printable(use.name)}"`,
        },
        fix: (bench) => {
          const cfg = bench.prosody(use.file.key);
          const own = cfg.lookup(use.scope, 'modules_enabled');
          const list = own?.from === 'section' && own.appends === undefined && Array.isArray(own.value) ? own.value : undefined;
          // In place where the list is one literal (its comments stay); else out and back in.
          if (list !== undefined && !list.includes(bare))
            cfg.set(
              use.scope,
              'modules_enabled',
              list.map((m) => (m === use.name ? bare : m)),
            );
          else cfg.removeFromList(use.scope, 'modules_enabled', use.name).addToList(use.scope, 'modules_enabled', bare);
        },
      });
      continue;
    }
    if (use.as === 'list' && use.name.startsWith('auth_')) {
      out.push({
        finding: {
          severity: 'warning',
          code: 'auth-module-enabled',
          file: use.file.key,
          line: use.line,
          message: `"${printable(use.name)}" in ${where}: an authentication provider is chosen with authentication = "${printable(use.name.slice(5))}", not loaded as a module`,
          why: 'Loaded as a module it authenticates nobody (only the host’s authentication setting chooses the provider); prosodyctl check config reports it',
          fix: `Remove "${printable(use.name)}" from modules_enabled (set authentication = "${printable(use.name.slice(5))}" where that provider is meant)`,
        },
        fix: removeModule(use),
      });
      continue;
    }
    const found = findModule(use.name, searched, files);
    const removed = REMOVED_MODULES[use.name];
    if (removed !== undefined && (found === undefined || removed.deleted) && use.as !== 'auth') {
      const what = use.as === 'component' ? `the Component "${(use.scope as { component: string }).component}" runs mod_${use.name}` : `${where} enables "${use.name}"`;
      out.push({
        finding: {
          severity: found === undefined ? 'error' : 'warning',
          code: found === undefined ? 'module-removed' : 'module-deprecated',
          file: use.file.key,
          line: use.line,
          message:
            found === undefined
              ? `${what}, which Jitsi removed: it is in no plugin path here`
              : `${what}, which Jitsi removed upstream: this server still has it (${found}), the next jitsi-meet-prosody upgrade deletes it`,
          why: `mod_${use.name} is ${removed.history}; Prosody cannot load a module that is gone, and upgraded servers with it still enabled logged critical errors (systemli's role dropped these modules for that reason)`,
          fix:
            use.as === 'component'
              ? `Remove the Component "${(use.scope as { component: string }).component}" section and the options that name it`
              : `Remove "${use.name}" from modules_enabled`,
        },
        fix: removeModule(use),
      });
      continue;
    }
    if (found !== undefined) continue;
    const unsearched = [JITSI_PLUGINS, LOCAL_MODULES].find((d) => exists.has(d) && !searched.includes(d) && findModule(use.name, [d], files) !== undefined);
    if (unsearched !== undefined) {
      elsewhere.set(unsearched, [...(elsewhere.get(unsearched) ?? []), use]);
      continue;
    }
    const paths = searched.filter((d) => exists.has(d));
    const finding: Omit<DoctorFinding, 'edits'> = {
      severity: 'error',
      code: 'module-not-found',
      file: use.file.key,
      line: use.line,
      message:
        use.as === 'auth'
          ? `VirtualHost "${(use.scope as { host: string }).host}" authenticates with "${printable(use.name.slice(5))}", but mod_${printable(use.name)} is in no plugin path`
          : use.as === 'component'
            ? `The Component "${(use.scope as { component: string }).component}" runs mod_${printable(use.name)}, which is in no plugin path`
            : `${where} enables "${printable(use.name)}", which is in no plugin path`,
      why: `Prosody cannot load it (it searches ${paths.join(', ')}): it logs an error at every start, and what the module does is missing${use.as === 'auth' ? ' (no client can log in to that host)' : ''}`,
      fix:
        use.as === 'list'
          ? `Remove "${printable(use.name)}" from modules_enabled; if it is wanted, install mod_${printable(use.name)} into a plugin path and add it back`
          : `Install mod_${printable(use.name)} into a plugin path (${paths.join(', ')})${use.as === 'component' ? ', or remove the Component' : ''}`,
    };
    out.push(use.as === 'list' ? { finding, fix: removeModule(use) } : { finding });
  }
  for (const [dir, uses] of elsewhere) {
    const owner = globalOption(tree, 'plugin_paths')?.file ?? tree.host ?? tree.main!;
    const names = [...new Set(uses.map((u) => u.name))];
    out.push({
      finding: {
        severity: 'error',
        code: 'plugin-path-missing',
        file: owner.key,
        line: globalOption(tree, 'plugin_paths')?.lookup.line,
        message: `${names.map((n) => `mod_${printable(n)}`).join(', ')} ${names.length === 1 ? 'is' : 'are'} in ${dir}, which plugin_paths does not list`,
        why: 'Prosody only loads modules from the plugin paths (and its own directory): it logs an error for each of these at every start, and they are missing',
        fix: `Add "${dir}/" to plugin_paths in the global section`,
      },
      fix: (bench) => bench.prosody(owner.key).addToList('global', 'plugin_paths', `${dir}/`),
    });
  }
  return out;
}

// ---------------------------------------------------------------- the Include line

function includeChecks(tree: Tree, host: string | undefined, notes: string[]): Found[] {
  const main = tree.main;
  const hostFile = tree.host;
  if (hostFile === undefined) return [];
  if (main === undefined) {
    notes.push('The Include check was left out: Prosody’s main config (prosody.cfg.lua) was not given');
    return [];
  }
  if (hostFile.loaded) return [];
  if (host !== undefined && main.cfg.hosts().includes(host)) return [];
  const mainDir = posix.dirname(main.path);
  const link = Object.entries(tree.links).find(([, target]) => target === hostFile.path)?.[0];
  const pattern = link === undefined ? undefined : `${posix.relative(mainDir, posix.dirname(link))}/*.cfg.lua`;
  const finding: Omit<DoctorFinding, 'edits'> = {
    severity: 'error',
    code: 'include-missing',
    file: 'prosodyMain',
    message:
      pattern === undefined
        ? `Prosody's main config does not load ${hostFile.path}: no Include names it and no link to it is in a folder an Include names`
        : `Prosody's main config has no Include "${pattern}": ${link} (the Jitsi host's file) is never loaded`,
    why: "Without it Prosody does not serve the Jitsi host at all. Upgrading Prosody from prosody.im's repository replaces prosody.cfg.lua and drops the line (jitsi-meet #8388, #6761; the jitsi-meet-prosody postinst adds it back only when that package is configured again)",
    fix:
      pattern === undefined
        ? `Link the host file into conf.d (ln -s ../${posix.basename(DEBIAN_DIRS.prosodyAvailable)}/${posix.basename(hostFile.path)} ${mainDir}/conf.d/) and add Include "conf.d/*.cfg.lua" to ${main.path}`
        : `Add Include "${pattern}" at the end of ${main.path}`,
  };
  return pattern === undefined ? [{ finding }] : [{ finding, fix: (bench) => bench.prosody('prosodyMain').addInclude(pattern) }];
}

// ---------------------------------------------------------------- deprecated options

type OptionFix = (cfg: ReturnType<Parameters<Fix>[0]['prosody']>, value: ConfigValue | undefined) => void;

const DELETE: OptionFix = () => undefined;

/** `set new = value` where nothing sets `new` yet (the deleted option's value carried over). */
function rename(to: string, wrap = false): OptionFix {
  return (cfg, value) => {
    if (value === undefined || typeof value === 'object' || cfg.get('global', to) !== undefined) return;
    cfg.set('global', to, wrap ? [value] : value);
  };
}

interface Deprecation {
  /** prosodyctl check config's words. */
  instead: string;
  /** What the fix does besides deleting the option. */
  carry: OptionFix;
  /** The fix in words. */
  fix: string;
  /** False where the fix needs a person (a community module to install). */
  automatic?: false;
}

/**
 * The global options prosodyctl check config reports as obsolete or deprecated (Prosody 0.12 and 13
 * list the same ones; 13 moved cross_domain_* from obsolete to deprecated), with the fix.
 */
const DEPRECATED: Readonly<Record<string, Deprecation>> = {
  cross_domain_bosh: {
    instead: "instead, use 'http_cors_override'",
    carry: DELETE,
    fix: 'Remove it: Prosody ignores it (mod_http answers CORS requests itself; http_cors_override changes that)',
  },
  cross_domain_websocket: {
    instead: "instead, use 'http_cors_override'",
    carry: DELETE,
    fix: 'Remove it: Prosody ignores it (mod_http answers CORS requests itself; http_cors_override changes that)',
  },
  daemonize: { instead: 'instead, use the --daemonize/-D or --foreground/-F command line flags', carry: DELETE, fix: 'Remove it: the service starts Prosody in the foreground' },
  no_daemonize: { instead: 'instead, use the --daemonize/-D or --foreground/-F command line flags', carry: DELETE, fix: 'Remove it: the service starts Prosody in the foreground' },
  use_libevent: {
    instead: 'instead, use \'network_backend = "event"\'',
    carry: (cfg, v) => (v === true ? rename('network_backend')(cfg, 'event') : undefined),
    fix: 'Replace it with network_backend = "event" (when it was true)',
  },
  require_encryption: {
    instead: "instead, use 'c2s_require_encryption' and 's2s_require_encryption'",
    carry: (cfg, v) => {
      rename('c2s_require_encryption')(cfg, v);
      rename('s2s_require_encryption')(cfg, v);
    },
    fix: 'Replace it with c2s_require_encryption and s2s_require_encryption of the same value',
  },
  anonymous_login: {
    instead: 'instead, use \'authentication = "anonymous"\'',
    carry: (cfg, v) => (v === true ? rename('authentication')(cfg, 'anonymous') : undefined),
    fix: 'Replace it with authentication = "anonymous" (when it was true)',
  },
  disallow_s2s: {
    instead: 'instead, add "s2s" to \'modules_disabled\'',
    carry: (cfg, v) => (v === true ? void cfg.addToList('global', 'modules_disabled', 's2s') : undefined),
    fix: 'Replace it with "s2s" in modules_disabled (when it was true)',
  },
  whitelist_registration_only: {
    instead: "instead, use 'allowlist_registration_only'",
    carry: rename('allowlist_registration_only'),
    fix: 'Rename it allowlist_registration_only',
  },
  registration_whitelist: { instead: "instead, use 'registration_allowlist'", carry: rename('registration_allowlist'), fix: 'Rename it registration_allowlist' },
  registration_blacklist: { instead: "instead, use 'registration_blocklist'", carry: rename('registration_blocklist'), fix: 'Rename it registration_blocklist' },
  blacklist_on_registration_throttle_overload: {
    instead: "instead, use 'blocklist_on_registration_throttle_overload'",
    carry: rename('blocklist_on_registration_throttle_overload'),
    fix: 'Rename it blocklist_on_registration_throttle_overload',
  },
  vcard_compatibility: {
    instead: 'instead, add "mod_compat_vcard" from prosody-modules',
    carry: DELETE,
    fix: 'Install mod_compat_vcard from prosody-modules, enable it and remove the option',
    automatic: false,
  },
  archive_cleanup_interval: { instead: 'obsolete: you can remove it', carry: DELETE, fix: 'Remove it' },
  dns_timeout: { instead: 'obsolete: you can remove it', carry: DELETE, fix: 'Remove it' },
  muc_log_cleanup_interval: { instead: 'obsolete: you can remove it', carry: DELETE, fix: 'Remove it' },
  s2s_dns_resolvers: { instead: 'obsolete: you can remove it', carry: DELETE, fix: 'Remove it' },
  setgid: { instead: 'obsolete: you can remove it', carry: DELETE, fix: 'Remove it' },
  setuid: { instead: 'obsolete: you can remove it', carry: DELETE, fix: 'Remove it' },
};
for (const [port, replacement] of [
  ['bosh', 'http'],
  ['legacy_ssl', 'c2s_direct_tls'],
] as const) {
  for (const suffix of ['port', 'ports', 'interface', 'interfaces', 'ssl']) {
    const to = `${replacement}_${suffix === 'port' || suffix === 'interface' ? `${suffix}s` : suffix}`;
    (DEPRECATED as Record<string, Deprecation>)[`${port}_${suffix}`] = {
      instead: `instead, use '${to}'`,
      carry: rename(to, suffix === 'port' || suffix === 'interface'),
      fix: `Rename it ${to}`,
    };
  }
}

function deprecatedChecks(tree: Tree): Found[] {
  const out: Found[] = [];
  for (const file of considered(tree)) {
    for (const content of file.cfg.contents('global')) {
      if (content.kind !== 'setting' || content.key === undefined) continue;
      const key = content.key;
      const d = DEPRECATED[key];
      if (d === undefined || !Object.hasOwn(DEPRECATED, key)) continue;
      if (out.some((f) => f.finding.file === file.key && f.finding.message.startsWith(`${key} `))) continue;
      out.push({
        finding: {
          severity: 'warning',
          code: 'deprecated-option',
          file: file.key,
          line: content.line,
          message: `${key} in the global section: ${d.instead}`,
          why: 'prosodyctl check config reports it as deprecated or obsolete (and fails with status 2); Prosody ignores it or reads it under its new name',
          fix: d.fix,
        },
        ...(d.automatic === false
          ? {}
          : {
              fix: (bench: Parameters<Fix>[0]) => {
                const cfg = bench.prosody(file.key);
                let value: ConfigValue | undefined;
                try {
                  value = cfg.get('global', key);
                } catch {
                  value = undefined;
                }
                d.carry(cfg, value);
                cfg.delete('global', key);
              },
            }),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- Prosody 13

function posixChecks(tree: Tree): Found[] {
  const out: Found[] = [];
  for (const use of moduleUses(tree)) {
    if (use.as !== 'list' || use.name !== 'posix') continue;
    out.push({
      finding: {
        severity: 'warning',
        code: 'mod-posix-deprecated',
        file: use.file.key,
        line: use.line,
        message: `${scopeLabel(use.scope)}'s modules_enabled loads "posix"`,
        why: 'Prosody 13 does what mod_posix did itself: prosodyctl check config says it "has been deprecated. You can safely remove it." (Debian 13’s own prosody.cfg.lua still lists it)',
        fix: 'Remove "posix" from modules_enabled',
      },
      fix: removeModule(use),
    });
  }
  return out;
}

function ownersCheck(tree: Tree): Found[] {
  const owner = globalOption(tree, 'component_admins_as_room_owners');
  if (owner?.lookup.value === true || tree.host === undefined) return [];
  const file = owner?.file ?? tree.host;
  return [
    {
      finding: {
        severity: 'error',
        code: 'component-admins-not-owners',
        file: file.key,
        ...(owner === undefined ? {} : { line: owner.lookup.line }),
        message:
          owner === undefined
            ? 'component_admins_as_room_owners is not set: on Prosody 13 Jicofo no longer owns the rooms it creates'
            : `component_admins_as_room_owners is ${printable(JSON.stringify(owner.lookup.value))}: Jicofo does not own the rooms it creates`,
        why: 'Prosody 13 stopped making component admins (Jicofo) room owners; without it meetings do not start (jitsi-meet #15815). Jitsi’s template and postinst add component_admins_as_room_owners = true since 2025-03',
        fix: 'Set component_admins_as_room_owners = true in the global section',
      },
      fix: (bench) => bench.prosody(file.key).set('global', 'component_admins_as_room_owners', true),
    },
  ];
}

function oauthbearerChecks(tree: Tree): Found[] {
  const file = tree.host;
  if (file === undefined) return [];
  const out: Found[] = [];
  for (const host of file.cfg.hosts()) {
    const scope = { host };
    if (!isEnabled(file, scope)) continue;
    let auth: ConfigValue | undefined;
    let own: ConfigValue | undefined;
    let ownLine: number | undefined;
    try {
      const a = file.cfg.lookup(scope, 'authentication');
      auth = a?.from === 'section' ? a.value : (globalValue(tree, 'authentication') ?? 'internal_hashed');
      const d = file.cfg.lookup(scope, 'disable_sasl_mechanisms');
      if (d?.from === 'section') ({ value: own, line: ownLine } = d);
    } catch {
      continue;
    }
    if (auth !== 'internal_hashed') continue;
    let effective: ConfigValue | undefined = own ?? globalValue(tree, 'disable_sasl_mechanisms');
    if (effective === undefined) effective = ['DIGEST-MD5'];
    if (!Array.isArray(effective) || effective.includes('OAUTHBEARER')) continue;
    const inherited = effective;
    out.push({
      finding: {
        severity: 'warning',
        code: 'sasl-oauthbearer',
        file: file.key,
        line: ownLine ?? file.cfg.sections().find((s) => s.kind === 'VirtualHost' && s.name === host)?.line,
        message: `VirtualHost "${host}" authenticates with internal_hashed, which offers OAUTHBEARER on Prosody 13`,
        why: 'Prosody 13’s internal_hashed provider adds the OAUTHBEARER mechanism (mod_tokenauth); docker-jitsi-meet disables it with DIGEST-MD5 for internal authentication since Prosody 13 ("Fixes auth type internal with prosody 13", 6668c1ba)',
        fix: `Add "OAUTHBEARER" to disable_sasl_mechanisms of VirtualHost "${host}"${own === undefined ? ` (${JSON.stringify([...inherited, 'OAUTHBEARER'])})` : ''}`,
      },
      fix: (bench) => {
        const cfg = bench.prosody(file.key);
        if (own !== undefined) cfg.addToList(scope, 'disable_sasl_mechanisms', 'OAUTHBEARER');
        else cfg.set(scope, 'disable_sasl_mechanisms', [...(inherited as string[]), 'OAUTHBEARER']);
      },
    });
  }
  return out;
}

function underscoreChecks(tree: Tree): Found[] {
  return sectionsOf(tree)
    .filter((s) => considered(tree).includes(s.file) && s.name.includes('_'))
    .map((s) => ({
      finding: {
        severity: 'error',
        code: 'host-underscore',
        file: s.file.key,
        line: s.line,
        message: `${s.kind} "${s.name}" has "_" in its name`,
        why: 'Prosody 13.0.3 and later refuse domains with "_" (util/jid.lua), so this host stops working after the upgrade (docker-jitsi-meet 35877997 patches Prosody for tenants with "_")',
        fix: `Rename ${s.kind} "${s.name}" without "_" (and every file that names it: config.js, jicofo.conf, the certificates)`,
      },
    }));
}

// ---------------------------------------------------------------- Prosody 13 syntax on 0.12

/** The scope whose section holds a line of the file. */
function scopeAtLine(file: TreeFile, line: number): Scope {
  let scope: Scope = 'global';
  for (const s of file.cfg.sections()) {
    if (s.kind === 'global' || s.name === undefined || s.line > line) continue;
    scope = s.kind === 'VirtualHost' ? { host: s.name } : { component: s.name };
  }
  return scope;
}

function syntax13Checks(tree: Tree): Found[] {
  const out: Found[] = [];
  for (const file of considered(tree)) {
    for (const use of file.cfg.syntax13()) {
      const words: Record<typeof use.feature, string> = {
        append: `${use.name ?? ''}:append { … } (an append to a list)`,
        reference: `a bare reference to the option ${use.name ?? ''}`,
        Credential: `Credential(${JSON.stringify(use.name ?? '')})`,
        FileContents: `FileContents(${JSON.stringify(use.name ?? '')})`,
        FileLine: `FileLine(${JSON.stringify(use.name ?? '')})`,
        FileLines: `FileLines(${JSON.stringify(use.name ?? '')})`,
        Lua: `Lua.${use.name ?? ''}`,
      };
      let fix: Fix | undefined;
      if (use.feature === 'append' && use.name !== undefined) {
        // The list and its appends written as one literal list: what both versions read.
        const scope = scopeAtLine(file, use.line);
        const key = use.name;
        try {
          if (file.cfg.lookup(scope, key)?.from === 'section') fix = (bench) => void bench.prosody(file.key).mergeAppends(scope, key);
        } catch {
          fix = undefined;
        }
      }
      out.push({
        finding: {
          severity: 'error',
          code: 'prosody13-syntax',
          file: file.key,
          line: use.line,
          message: `${words[use.feature]} is Prosody 13 syntax, and this server runs Prosody 0.12`,
          why:
            use.feature === 'reference'
              ? 'Prosody 0.12 reads a bare name as nil: the setting is unset, or loading stops ("attempt to concatenate a nil value")'
              : 'Prosody 0.12 stops loading the config there ("attempt to call a nil value"), so it does not start',
          fix:
            fix === undefined ? 'Write the value itself (a literal) instead, or upgrade Prosody to 13' : `Write ${use.name} as one list (the appends merged into its assignment)`,
        },
        ...(fix === undefined ? {} : { fix }),
      });
    }
  }
  return out;
}

/** Every check of the Prosody files, for the version the server runs. */
export function prosodyChecks(tree: Tree, host: string | undefined, version: Version | undefined, env: DoctorEnvironment, notes: string[]): Found[] {
  const out: Found[] = [...includeChecks(tree, host, notes), ...moduleChecks(tree, env, notes), ...deprecatedChecks(tree)];
  if (version === undefined) {
    notes.push('The checks of one Prosody version were left out (Prosody 13’s changes, Prosody 13 syntax under 0.12): the installed Prosody’s version is not known');
    return out;
  }
  if (version.major >= 13) {
    out.push(...posixChecks(tree), ...ownersCheck(tree), ...oauthbearerChecks(tree));
    if (version.major > 13 || version.minor > 0 || version.patch >= 3) out.push(...underscoreChecks(tree));
  } else {
    out.push(...syntax13Checks(tree));
  }
  return out;
}
