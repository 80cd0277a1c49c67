/**
 * Moderation: the lobby, waiting for a host, a participant limit and Jicofo's automatic owner.
 * Each option is a state the files are brought to (an option not given is left as it is); the
 * opposite value undoes it. Every setting goes where the module that reads it looks for it:
 *
 * | setting | read by | on |
 * |---|---|---|
 * | `muc_lobby_rooms`, `lobby_muc`, `main_muc` | mod_muc_lobby_rooms | the main VirtualHost |
 * | `persistent_lobby` | mod_persistent_lobby (reads main_muc, lobby_muc) | the main VirtualHost |
 * | `muc_wait_for_host`, `wait_for_host_disable_auto_owners`, `muc_mapper_domain_base` | mod_muc_wait_for_host | the conference component (global inherited) |
 * | `muc_max_occupants` (module and number), `muc_access_whitelist` | mod_muc_max_occupants | the conference component |
 * | `jicofo.conference.enable-auto-owner` | Jicofo's ConferenceConfig (legacy `org.jitsi.jicofo.DISABLE_AUTO_OWNER` first) | jicofo.conf |
 */
import { aboutFile, printable, validateHostname, ValidationError } from '@jitsi-confkit/core';
import { HoconSubstitution, parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import type { LuaValue } from '@jitsi-confkit/prosody-config';
import { copyFiles, FILE_NOT_GIVEN, FILE_ORDER, MissingFilesError } from './files.js';
import { conferenceOf, literalOf, parseProsody, requireHost, type ProsodyConfig } from './prosody.js';
import { maskFiles, withoutSecrets } from './secrets.js';
import type { DeploymentFile, DeploymentFiles, RecipeResult, RecipeStep } from './types.js';

export interface ModerationOptions {
  /** The main XMPP host. */
  host: string;
  /**
   * The lobby (a moderator admits who waits): mod_muc_lobby_rooms on the main host with
   * `lobby_muc` and `main_muc`, and `Component "lobby.<host>" "muc"`. Default `true`: moderation
   * turns the lobby on unless told `false` (which removes what it would write).
   */
  lobby?: boolean;
  /** Wait for host: guests wait in the lobby until an authenticated user opens the room. */
  waitForHost?: boolean;
  /**
   * With wait for host: whether authenticated users become moderators when they join (the
   * module's default, true); `false` writes `wait_for_host_disable_auto_owners = true`.
   */
  authenticatedModerators?: boolean;
  /** The most participants a room takes (Jicofo not counted), or `null` for no limit. */
  maxParticipants?: number | null;
  /** Jicofo makes the first participant a moderator (its default, true), or not. */
  autoOwner?: boolean;
  /** Apply the steps of the files given only. */
  partial?: boolean;
}

/** The most participants `maxParticipants` takes: far above what one Jitsi room holds. */
export const MAX_PARTICIPANTS_LIMIT = 100_000;

/** Jitsi's modules on the main host that read main_muc, besides the lobby's. */
const MAIN_MUC_READERS = ['persistent_lobby', 'muc_breakout_rooms', 'room_metadata', 'av_moderation', 'breakout_rooms'];

const LEGACY_AUTO_OWNER_KEY = 'org.jitsi.jicofo.DISABLE_AUTO_OWNER';
const AUTO_OWNER = 'jicofo.conference.enable-auto-owner';

interface Settings {
  host: string;
  lobby: boolean;
  waitForHost: boolean | undefined;
  authenticatedModerators: boolean | undefined;
  maxParticipants: number | null | undefined;
  autoOwner: boolean | undefined;
  partial: boolean;
}

/**
 * Brings the lobby, wait for host, the participant limit and Jicofo's automatic owner to the
 * states given. Pure and all or nothing (see jwt). Needs the Prosody host file, and Jicofo's file
 * when `autoOwner` is given (MissingFilesError otherwise, unless `partial`).
 */
export function moderation(files: DeploymentFiles, options: ModerationOptions): RecipeResult {
  const s = settingsOf(options);
  const input = copyFiles(files);
  return withoutSecrets(input, () => {
    const missing: DeploymentFile[] = [];
    if (input.prosody === undefined) missing.push('prosody');
    if (s.autoOwner !== undefined && input.jicofoConf === undefined && input.sipCommunicator === undefined) missing.push('jicofoConf');
    if (missing.length > 0 && !s.partial) throw new MissingFilesError('Moderation', missing);
    const output: DeploymentFiles = { ...input };
    const steps: RecipeStep[] = [];
    const warnings: string[] = [];
    if (input.prosody !== undefined) {
      const text = input.prosody;
      const out = aboutFile('prosody', () => {
        const cfg = parseProsody(text);
        requireHost(cfg, s.host);
        prosodySteps(cfg, s, steps, warnings);
        return cfg.toString();
      });
      if (out !== text) output.prosody = out;
    } else {
      steps.push({ file: 'prosody', action: 'lobby, wait for host and the participant limit', status: 'skipped', reason: FILE_NOT_GIVEN });
    }
    if (s.autoOwner !== undefined) {
      for (const file of ['jicofoConf', 'sipCommunicator'] as const) {
        const result = aboutFile(file, () => autoOwnerStep(file, input, s.autoOwner!));
        if (result.step !== undefined) steps.push(result.step);
        if (result.text !== undefined) output[file] = result.text;
      }
    }
    const changed = FILE_ORDER.some((k) => output[k] !== input[k]);
    const todo = changed ? [`Restart the services: systemctl restart prosody${s.autoOwner !== undefined ? ' jicofo' : ''}`] : [];
    return { files: output, steps, todo, warnings, changed, masked: maskFiles(input, output) };
  });
}

function settingsOf(options: ModerationOptions): Settings {
  if (options === null || typeof options !== 'object') throw new ValidationError('moderation needs options: { host }');
  if (options.host === undefined) throw new ValidationError('moderation needs options.host (the main XMPP host, e.g. meet.example.com)');
  const host = validateHostname(options.host, 'host');
  for (const flag of ['lobby', 'waitForHost', 'authenticatedModerators', 'autoOwner', 'partial'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new ValidationError(`options.${flag} must be a boolean`);
  }
  const max = options.maxParticipants;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_PARTICIPANTS_LIMIT)) {
    throw new ValidationError(`options.maxParticipants must be a whole number from 1 to ${MAX_PARTICIPANTS_LIMIT}, or null for no limit (got ${printable(String(max))})`);
  }
  const lobby = options.lobby ?? true;
  if (options.waitForHost === true && !lobby) throw new ValidationError('Wait for host keeps guests in the lobby: it cannot go with lobby false');
  if (options.authenticatedModerators !== undefined && options.waitForHost !== true) {
    throw new ValidationError('authenticatedModerators is an option of wait for host: give waitForHost true with it');
  }
  return {
    host,
    lobby,
    waitForHost: options.waitForHost,
    authenticatedModerators: options.authenticatedModerators,
    maxParticipants: max,
    autoOwner: options.autoOwner,
    partial: options.partial ?? false,
  };
}

function change(cfg: ProsodyConfig, action: string, fn: () => void): RecipeStep {
  const before = cfg.toString();
  fn();
  return { file: 'prosody', action, status: cfg.toString() === before ? 'already' : 'applied' };
}

function ownList(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): string[] {
  const v = literalOf(cfg, scope, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Sets `key` in the scope unless its effective value is `value` already. */
function ensure(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string, value: LuaValue): void {
  if (JSON.stringify(literalOf(cfg, scope, key)) === JSON.stringify(value) && cfg.lookup(scope, key) !== undefined) return;
  cfg.set(scope, key, value);
}

/** Removes `key` from the main VirtualHost's own section, where the modules that read it never look: says so. */
function dropMisplaced(cfg: ProsodyConfig, host: string, key: string, warnings: string[], where: string): void {
  const own = cfg.contents({ host }).find((c) => c.kind === 'setting' && c.key === key);
  if (own === undefined) return;
  cfg.delete({ host }, key);
  warnings.push(`${key} was in VirtualHost "${host}" (line ${own.line}), where nothing reads it: it goes in ${where}`);
}

function prosodySteps(cfg: ProsodyConfig, s: Settings, steps: RecipeStep[], warnings: string[]): void {
  const host = s.host;
  const main = { host };
  const conference = conferenceOf(cfg, host);
  const lobbyHost = `lobby.${host}`;
  const hasConference = cfg.has({ component: conference });
  if (!hasConference && (s.waitForHost !== undefined || s.maxParticipants !== undefined)) {
    throw new ValidationError(`The Prosody file has no Component "${conference}" (the conference component): wait for host and the participant limit are configured there`);
  }

  // The lobby.
  if (s.lobby) {
    steps.push(
      change(cfg, `VirtualHost "${host}": "muc_lobby_rooms" in modules_enabled, lobby_muc = "${lobbyHost}", main_muc = "${conference}"; Component "${lobbyHost}" "muc"`, () => {
        cfg.addToList(main, 'modules_enabled', 'muc_lobby_rooms');
        const lobbyMuc = literalOf(cfg, main, 'lobby_muc');
        if (typeof lobbyMuc !== 'string') cfg.set(main, 'lobby_muc', lobbyHost);
        if (typeof literalOf(cfg, main, 'main_muc') !== 'string') cfg.set(main, 'main_muc', conference);
        const component = typeof lobbyMuc === 'string' ? lobbyMuc : lobbyHost;
        if (!cfg.has({ component })) {
          cfg.addComponent(component, 'muc', { storage: 'memory', restrict_room_creation: true, muc_room_locking: false, muc_room_default_public_jids: true });
        }
      }),
    );
  } else {
    steps.push(
      change(cfg, `VirtualHost "${host}": no "muc_lobby_rooms", lobby_muc; no Component "${lobbyHost}"`, () => {
        cfg.removeFromList(main, 'modules_enabled', 'muc_lobby_rooms');
        const lobbyMuc = literalOf(cfg, main, 'lobby_muc');
        cfg.delete(main, 'lobby_muc');
        // main_muc goes with the lobby when nothing else on the main host reads it.
        const modules = ownList(cfg, main, 'modules_enabled');
        if (literalOf(cfg, main, 'main_muc') === conference && !MAIN_MUC_READERS.some((m) => modules.includes(m))) cfg.delete(main, 'main_muc');
        cfg.removeSection({ component: typeof lobbyMuc === 'string' ? lobbyMuc : lobbyHost });
      }),
    );
  }

  // Wait for host.
  if (s.waitForHost === true) {
    steps.push(
      change(cfg, `VirtualHost "${host}": "persistent_lobby" in modules_enabled; Component "${conference}": "muc_wait_for_host" in modules_enabled`, () => {
        cfg.addToList(main, 'modules_enabled', 'persistent_lobby');
        cfg.addToList({ component: conference }, 'modules_enabled', 'muc_wait_for_host');
        // mod_muc_wait_for_host stops at load without it ("No 'muc_mapper_domain_base' option set").
        if (typeof literalOf(cfg, { component: conference }, 'muc_mapper_domain_base') !== 'string') cfg.set('global', 'muc_mapper_domain_base', host);
      }),
    );
    if (s.authenticatedModerators !== undefined) {
      const disable = !s.authenticatedModerators;
      steps.push(
        change(cfg, `Component "${conference}": wait_for_host_disable_auto_owners = ${disable}`, () => {
          dropMisplaced(cfg, host, 'wait_for_host_disable_auto_owners', warnings, `Component "${conference}"`);
          if (disable) ensure(cfg, { component: conference }, 'wait_for_host_disable_auto_owners', true);
          else cfg.delete({ component: conference }, 'wait_for_host_disable_auto_owners');
        }),
      );
    }
  } else if (s.waitForHost === false) {
    steps.push(
      change(cfg, `VirtualHost "${host}": no "persistent_lobby"; Component "${conference}": no "muc_wait_for_host", no wait_for_host_disable_auto_owners`, () => {
        cfg.removeFromList(main, 'modules_enabled', 'persistent_lobby');
        cfg.removeFromList({ component: conference }, 'modules_enabled', 'muc_wait_for_host');
        cfg.delete({ component: conference }, 'wait_for_host_disable_auto_owners');
      }),
    );
  }

  // The participant limit.
  if (s.maxParticipants !== undefined) {
    const scope = { component: conference };
    const whitelist = focusJids(cfg, conference, host);
    if (s.maxParticipants !== null) {
      const n = s.maxParticipants;
      steps.push(
        change(
          cfg,
          `Component "${conference}": "muc_max_occupants" in modules_enabled, muc_max_occupants = ${n}, muc_access_whitelist holds ${whitelist.join(', ')} (Jicofo is not counted)`,
          () => {
            dropMisplaced(cfg, host, 'muc_max_occupants', warnings, `Component "${conference}"`);
            dropMisplaced(cfg, host, 'muc_access_whitelist', warnings, `Component "${conference}"`);
            cfg.addToList(scope, 'modules_enabled', 'muc_max_occupants');
            ensure(cfg, scope, 'muc_max_occupants', n);
            for (const jid of whitelist) cfg.addToList(scope, 'muc_access_whitelist', jid);
          },
        ),
      );
    } else {
      steps.push(
        change(cfg, `Component "${conference}": no "muc_max_occupants" module, no muc_max_occupants`, () => {
          cfg.removeFromList(scope, 'modules_enabled', 'muc_max_occupants');
          cfg.delete(scope, 'muc_max_occupants');
          // The whitelist goes when it is the one this recipe writes (other modules do not read it).
          if (JSON.stringify(ownList(cfg, scope, 'muc_access_whitelist')) === JSON.stringify(whitelist)) cfg.delete(scope, 'muc_access_whitelist');
        }),
      );
    }
  }
}

/** Jicofo's JIDs, which the limit must not count: the conference component's admins, else focus@auth.<host>. */
function focusJids(cfg: ProsodyConfig, conference: string, host: string): string[] {
  const admins = ownList(cfg, { component: conference }, 'admins').filter((j) => /^focus[^@]*@/.test(j));
  return admins.length > 0 ? admins : [`focus@auth.${host}`];
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'on']);

/** Jicofo's automatic owner: jicofo.conf, and the legacy property that Jicofo reads first. */
function autoOwnerStep(file: 'jicofoConf' | 'sipCommunicator', files: DeploymentFiles, on: boolean): { step?: RecipeStep; text?: string } {
  const text = files[file];
  if (file === 'jicofoConf') {
    const action = on ? `${AUTO_OWNER} = true (Jicofo's default)` : `${AUTO_OWNER} = false`;
    if (text === undefined) {
      const reason = files.sipCommunicator === undefined ? FILE_NOT_GIVEN : `${FILE_NOT_GIVEN} (Jicofo of 2020 and before: sip-communicator.properties carries it)`;
      return { step: { file, action, status: 'skipped', reason } };
    }
    const doc = parseJicofoConf(text);
    const now = doc.get(AUTO_OWNER);
    if (now instanceof HoconSubstitution) throw new ValidationError(`${AUTO_OWNER} is ${now.source}: set it by hand`);
    if (on && now !== undefined && now !== true && now !== 'true') {
      doc.delete(AUTO_OWNER);
      // An object left empty has no effect: it goes too (the one enabling wrote, in a file without one).
      const left = doc.get('jicofo.conference');
      if (left !== null && typeof left === 'object' && !Array.isArray(left) && !(left instanceof HoconSubstitution) && Object.keys(left).length === 0)
        doc.delete('jicofo.conference');
    }
    if (!on && now !== false && now !== 'false') doc.set(AUTO_OWNER, false);
    return { step: { file, action, status: doc.changed ? 'applied' : 'already' }, ...(doc.changed ? { text: doc.toString() } : {}) };
  }
  const action = on
    ? `no ${LEGACY_AUTO_OWNER_KEY}=true (Jicofo reads it before jicofo.conf)`
    : files.jicofoConf === undefined
      ? `${LEGACY_AUTO_OWNER_KEY}=true`
      : `no ${LEGACY_AUTO_OWNER_KEY}=false (Jicofo reads it before jicofo.conf)`;
  if (text === undefined) return files.jicofoConf === undefined ? { step: { file, action, status: 'skipped', reason: FILE_NOT_GIVEN } } : {};
  const doc = parseProperties(text);
  const now = doc.get(LEGACY_AUTO_OWNER_KEY);
  const disabled = now !== undefined && TRUE_WORDS.has(now.trim().toLowerCase());
  if (files.jicofoConf === undefined && !on) {
    if (!disabled) doc.set(LEGACY_AUTO_OWNER_KEY, 'true');
  } else if (now !== undefined && disabled === on) {
    doc.delete(LEGACY_AUTO_OWNER_KEY);
  }
  if (!doc.changed && now === undefined && files.jicofoConf !== undefined) return {};
  return { step: { file, action, status: doc.changed ? 'applied' : 'already' }, ...(doc.changed ? { text: doc.toString() } : {}) };
}
