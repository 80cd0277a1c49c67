/**
 * Where Prosody finds a module, and the Jitsi modules that upstream removed. Pure: the caller lists
 * the module directories (moduleDirectories() says which) and gives the paths of the files found.
 */
import { posix } from 'node:path';
import { DEBIAN_DIRS } from '../deployment.js';

// The module directories of Debian's packages (deployment.ts: DEBIAN_DIRS), by the names the checks use.
export const PROSODY_MODULES = DEBIAN_DIRS.prosodyModules;
export const PROSODY_DATA = DEBIAN_DIRS.prosodyData;
export const JITSI_PLUGINS = DEBIAN_DIRS.jitsiPlugins;
export const LOCAL_MODULES = DEBIAN_DIRS.localProsodyModules;

/**
 * The files util/pluginloader.lua tries for module `name`, in each plugin directory: the layouts of
 * modules installed by hand, by packages and by `prosodyctl install` (luarocks, under share/lua/5.4).
 */
export function moduleFileNames(name: string): string[] {
  return [
    `mod_${name}/${name}/mod_${name}.lua`,
    `mod_${name}/mod_${name}.lua`,
    `${name}/mod_${name}.lua`,
    `mod_${name}.lua`,
    `share/lua/5.4/mod_${name}.lua`,
    `share/lua/5.4/mod_${name}/mod_${name}.lua`,
  ];
}

/** The directory that holds module `name` among `dirs` (in order), given the files found; undefined when none does. */
export function findModule(name: string, dirs: readonly string[], files: ReadonlySet<string>): string | undefined {
  for (const dir of dirs) {
    for (const file of moduleFileNames(name)) {
      if (files.has(posix.join(dir, file))) return dir;
    }
  }
  return undefined;
}

/** A Jitsi module that jitsi-meet no longer ships or no longer uses (enabled in a list, or as a component's module). */
export interface RemovedModule {
  /** Whether jitsi-meet deleted the file (so an upgrade leaves it missing) or only dropped it from its template. */
  deleted: boolean;
  /** What happened, with the upstream reference. */
  history: string;
}

/**
 * Jitsi's Prosody modules that upstream removed (jitsi-meet 20021d1a, 2026-06-03, #17453, deleted the
 * deprecated stubs; the Debian postinst has no migration for them) or dropped from its per-host
 * template (2024-2025). Source: the research notes on Jitsi in 2026, §1.5 and §1.6.
 */
export const REMOVED_MODULES: Readonly<Record<string, RemovedModule>> = {
  speakerstats: { deleted: true, history: 'a deprecated stub since 2025, deleted by jitsi-meet in 2026-06 (20021d1a, #17453); speaker stats work without it' },
  av_moderation: { deleted: true, history: 'a deprecated stub since 2025, deleted by jitsi-meet in 2026-06 (20021d1a, #17453); A/V moderation works without it' },
  room_metadata: { deleted: true, history: 'a deprecated stub since 2025, deleted by jitsi-meet in 2026-06 (20021d1a, #17453)' },
  muc_poltergeist: { deleted: true, history: 'deleted by jitsi-meet in 2026-06 (20021d1a, #17453)' },
  conference_duration_component: {
    deleted: true,
    history: 'deleted by jitsi-meet in 2026-06 (20021d1a, #17453); the per-host template dropped its Component "conferenceduration.<host>" in 2024',
  },
  poltergeist_component: { deleted: true, history: 'deleted by jitsi-meet in 2026-06 (20021d1a, #17453)' },
  end_conference: { deleted: false, history: 'dropped from the per-host template (with its Component "endconference.<host>") in 2024' },
};
