/**
 * The recipes' contract: the texts of a deployment's files in, the texts out, with a status for
 * every step and what a person must still do. These names are fixed so that other tooling can
 * rely on them.
 */
import type { DeploymentFile } from './deployment.js';

/**
 * The texts of the files a caller has. Every member is optional in the type; the secure domain
 * and its check need the Prosody host file, config.js and Jicofo's file (jicofo.conf or
 * sip-communicator.properties), and refuse without them unless told `partial: true`.
 *
 * Encodings (each member is in the form its library parses, so every byte survives an edit):
 * - `interfaceConfig`, `meetConfig`, `jicofoConf`, `sipCommunicator`: the file decoded as UTF-8.
 * - `prosody`: the file decoded as **latin1** (one character per byte, e.g.
 *   `readFileSync(path, 'latin1')`), and written back the same way. A Prosody text holding a
 *   character above U+00FF cannot be a latin1 decoding, so recipes refuse it with a
 *   ValidationError instead of guessing.
 */
export interface DeploymentFiles {
  /** `/usr/share/jitsi-meet/interface_config.js` (docker: `custom-interface_config.js`). */
  interfaceConfig?: string;
  /** `/etc/jitsi/meet/<host>-config.js` (docker: `config.js` / `custom-config.js`). */
  meetConfig?: string;
  /** `/etc/prosody/conf.avail/<host>.cfg.lua`, decoded as latin1. */
  prosody?: string;
  /** `/etc/jitsi/jicofo/jicofo.conf`. */
  jicofoConf?: string;
  /** `/etc/jitsi/jicofo/sip-communicator.properties`. */
  sipCommunicator?: string;
}

/** One of the files of a deployment (deployment.ts: where each lives, how it is named). */
export type { DeploymentFile };

// DeploymentFiles has a member for each DeploymentFile, and no other (a type error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _FilesMatch = Holds<Same<keyof DeploymentFiles, DeploymentFile>>;

/** What a recipe did to one file. */
export interface RecipeStep {
  file: DeploymentFile;
  /** The change, in the words of the file's own syntax (e.g. `hosts.anonymousdomain = 'guest.meet.example.com'`). */
  action: string;
  /** `applied`: the file changed; `already`: it was already so; `skipped`: not done, see `reason`. */
  status: 'applied' | 'already' | 'skipped';
  reason?: string;
}

/** The outcome of a recipe. */
export interface RecipeResult {
  /** Every file given, changed or not; files not given stay absent. */
  files: DeploymentFiles;
  /** One step per change the recipe makes, in order. */
  steps: RecipeStep[];
  /** What a person must still do (commands to run, services to restart, edits to repeat). */
  todo: string[];
  /** What the person should know about the result (limits of the change, choices made). */
  warnings: string[];
  /** True when at least one file's text differs from the text given. */
  changed: boolean;
  /**
   * The files as they may be shown, where a file holds a secret (before or after): each secret
   * value replaced by `<secret N hidden>`, the same label for the same value. Show diffs, steps and
   * errors from these texts, never from `files`. Absent when the recipe touches no file that can
   * hold one.
   */
  masked?: MaskedFiles;
  /**
   * Files outside DeploymentFiles that the result needs written (or removed: `content: null`),
   * such as the systemd credential and the prosody.service drop-in of a secret stored with
   * Prosody 13's Credential(). The recipe cannot see them: the caller compares with what is
   * there and writes through its own path.
   */
  extraFiles?: ExtraFile[];
}

/** Masked copies of the files before and after a recipe (see RecipeResult.masked). */
export interface MaskedFiles {
  before: DeploymentFiles;
  after: DeploymentFiles;
}

/** A file outside DeploymentFiles that a recipe wants to exist with this content (or not to exist). */
export interface ExtraFile {
  /** Its Debian path, e.g. `/etc/credstore/jitsi-app-secret`. */
  path: string;
  /** What it is, for messages: `credential`, `systemd drop-in`. */
  kind: 'credential' | 'systemd-drop-in';
  /** The bytes it must hold (as a latin1 string, one character per byte), or null: it must not exist. */
  content: string | null;
  /** Mode of a new file (an existing one keeps its own when it is not wider). */
  mode: number;
  /** Owner and group of a new file. */
  owner: 'root';
  group: 'root' | 'prosody';
  /** True when the content is a secret: never shown, only described. */
  secret: boolean;
  /** What writing it does, as a step action (never the secret). */
  action: string;
  /** The directory to create when it is missing, with its mode. */
  directoryMode: number;
}

/** The stable codes of checkDeployment's findings (see the README for the table). */
export type FindingCode =
  | 'main-host-missing'
  | 'guest-host-missing'
  | 'guest-host-name'
  | 'guest-host-before-main'
  | 'guest-requires-encryption'
  | 'main-host-anonymous'
  | 'anonymousdomain-missing'
  | 'anonymousdomain-mismatch'
  | 'jicofo-auth-disabled'
  | 'jicofo-auth-type'
  | 'jicofo-login-url-mismatch'
  | 'jicofo-xmpp-auth-with-token'
  | 'legacy-auth-url-mismatch'
  | 'legacy-auth-url-only'
  | 'token-app-id-missing'
  | 'token-key-missing'
  | 'wait-for-host-incomplete'
  | 'wait-for-host-without-authentication'
  | 'option-no-effect'
  | 'user-roles-based-on-token'
  | 'file-missing';

/** One way a secure domain half-works, found by checkDeployment (`info`: it works, and could be better). */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  /** The file to change to fix it. */
  file: DeploymentFile;
  /** 1-based line in that file, where there is one to point at. */
  line?: number;
  code: FindingCode;
  message: string;
  /** How to fix it. */
  fix?: string;
}
