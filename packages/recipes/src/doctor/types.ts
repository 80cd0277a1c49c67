/** The doctor's contract: the files and facts in, findings with their fixes out. */
import type { TextEdit } from '@jitsi-confkit/core';
import type { DeploymentFile, DeploymentFiles, FindingCode } from '../types.js';

/**
 * The files the doctor reads: those of checkDeployment (`prosody` is the Jitsi host's Prosody file)
 * and Prosody's other config files, all Prosody texts decoded as latin1.
 */
export interface DoctorFiles extends DeploymentFiles {
  /** Prosody's main config, `/etc/prosody/prosody.cfg.lua`. */
  prosodyMain?: string;
  /**
   * Prosody's other config files by their absolute path: every `conf.d/*.cfg.lua` and
   * `conf.avail/*.cfg.lua` besides the host file (other hosts, Debian's `localhost.cfg.lua`).
   */
  prosodyFiles?: Record<string, string>;
}

/**
 * How findings and fixes name a file: a DeploymentFiles member (`prosody` is the host file),
 * `prosodyMain`, or the path of one of `prosodyFiles`.
 */
export type DoctorFile = DeploymentFile | 'prosodyMain' | `/${string}`;

/** Where the Prosody files are on the server, for the Include lines that name them. */
export interface DoctorPaths {
  /** The host file (`files.prosody`), e.g. `/etc/prosody/conf.avail/meet.example.com.cfg.lua`. */
  prosody?: string;
  /** The main config; default `/etc/prosody/prosody.cfg.lua`. */
  prosodyMain?: string;
  /** Symbolic links among the Prosody files: `/etc/prosody/conf.d/x.cfg.lua` → the absolute path it leads to. */
  links?: Record<string, string>;
}

/** What the server has, besides the files. */
export interface DoctorEnvironment {
  /**
   * The installed Prosody's version (`0.12.3`, `13.0.1`, or just `13`). Without it, the checks of
   * one version (Prosody 13's changes, Prosody 13 syntax under 0.12) are left out, with a note.
   */
  prosodyVersion?: string;
  /**
   * The module files found: the directories listed (those moduleDirectories() names, whether they
   * exist) and the path of every file under them. Without it, or when Prosody's own module
   * directory is not among those that exist, the module checks are left out, with a note.
   */
  modules?: { directories: readonly { path: string; exists: boolean }[]; files: readonly string[] };
}

/** The stable codes of the doctor's own findings (the README's table). */
export type DoctorOwnCode =
  | 'module-removed'
  | 'module-deprecated'
  | 'module-not-found'
  | 'module-prefix'
  | 'auth-module-enabled'
  | 'plugin-path-missing'
  | 'include-missing'
  | 'deprecated-option'
  | 'mod-posix-deprecated'
  | 'component-admins-not-owners'
  | 'sasl-oauthbearer'
  | 'host-underscore'
  | 'prosody13-syntax';

/** Every code the doctor reports: checkDeployment's and its own. */
export type DoctorCode = FindingCode | DoctorOwnCode;

/** The edits of a fix in one file, against the text given. */
export interface FileEdits {
  file: DoctorFile;
  edits: TextEdit[];
}

/** One thing the doctor found. */
export interface DoctorFinding {
  severity: 'error' | 'warning' | 'info';
  code: DoctorCode;
  /** The file to change. */
  file: DoctorFile;
  /** 1-based line there, where there is one to point at. */
  line?: number;
  /** What is wrong. */
  message: string;
  /** Why it matters: what breaks, and since when. */
  why: string;
  /** The fix, in words (what `edits` do, or what a person must do where there are none). */
  fix: string;
  /**
   * The fix as edits against the texts given (applied alone); absent where no fix can be made
   * without a person's choice (a missing file, a host to rename, a module to install).
   */
  edits?: FileEdits[];
}

export interface DoctorOptions {
  /** The main XMPP host (see checkDeployment). */
  host?: string;
  /** Check only the files given (see checkDeployment). */
  partial?: boolean;
  paths?: DoctorPaths;
  environment?: DoctorEnvironment;
}

export interface DoctorReport {
  findings: DoctorFinding[];
  /** What could not be checked, and why (no Prosody version, no module directories, a file not given). */
  notes: string[];
}

export interface FixResult {
  /** Every file given, with the fixes applied. */
  files: DoctorFiles;
  /** The findings whose fixes were applied. */
  fixed: DoctorFinding[];
  /** What the doctor finds in the fixed files: what is left for a person. */
  remaining: DoctorFinding[];
  notes: string[];
  /** True when a file's text differs from the one given. */
  changed: boolean;
}
