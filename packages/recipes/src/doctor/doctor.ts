/**
 * The doctor: every check of the deployment (checkDeployment's, and those of Prosody's files as a
 * whole) with, for each finding, why it matters and the edits that fix it; fixDeployment applies
 * them. Pure: texts and facts about the server in, findings and texts out.
 */
import { printable, ValidationError } from '@jitsi-confkit/core';
import { checkWithContext } from '../check.js';
import { copyFiles } from '../files.js';
import type { Finding } from '../types.js';
import { CHECK_FINDINGS, type CheckContext } from './check-fixes.js';
import { findModule, JITSI_PLUGINS } from './modules.js';
import { directoriesToList, prosodyChecks, searchedDirectories, type Found, type Version } from './prosody-checks.js';
import { readTree } from './tree.js';
import type { DoctorEnvironment, DoctorFinding, DoctorFiles, DoctorOptions, DoctorReport, FixResult } from './types.js';
import { textOf, Workbench } from './workbench.js';

/** `13.0.1`, `0.12.3`, `13`: the version's numbers; ValidationError for anything else. */
export function parseProsodyVersion(version: string): Version {
  const m = typeof version === 'string' ? /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+~.].*)?$/.exec(version.trim()) : null;
  if (m === null) throw new ValidationError(`Invalid Prosody version ${printable(JSON.stringify(version) ?? String(version))}: use e.g. 13, 13.0.1 or 0.12.3`);
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

function copyDoctorFiles(files: DoctorFiles): DoctorFiles {
  const out: DoctorFiles = copyFiles(files);
  if (files.prosodyMain !== undefined) {
    if (typeof files.prosodyMain !== 'string') throw new ValidationError('DoctorFiles.prosodyMain must be a string (the file’s text)');
    out.prosodyMain = files.prosodyMain;
  }
  if (files.prosodyFiles !== undefined) out.prosodyFiles = { ...files.prosodyFiles };
  return out;
}

/** Everything the doctor finds, each with the fix that makes it go away (where one can be made). */
function examine(files: DoctorFiles, options: DoctorOptions): { found: Found[]; notes: string[]; prosody13: boolean } {
  const env: DoctorEnvironment = options.environment ?? {};
  const version = env.prosodyVersion === undefined ? undefined : parseProsodyVersion(env.prosodyVersion);
  const notes: string[] = [];
  const tree = readTree(files, options.paths ?? {});
  const checked = checkWithContext(files, {
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.partial === undefined ? {} : { partial: options.partial }),
  });
  const moduleFiles = new Set(env.modules?.files ?? []);
  const context: CheckContext = {
    host: checked.host,
    guestHost: checked.guestHost,
    guestAuthentication: findModule('auth_jitsi-anonymous', [...searchedDirectories(tree), JITSI_PLUGINS], moduleFiles) === undefined ? 'anonymous' : 'jitsi-anonymous',
  };
  const found: Found[] = checked.findings.map((f) => fromCheck(f, context));
  found.push(...prosodyChecks(tree, tree.host === undefined ? undefined : checked.host, version, env, notes));
  for (const u of tree.unread) notes.push(`${u.file.path}:${u.line}: Include "${u.path}" names a file that was not given: it was not checked`);
  return { found, notes, prosody13: version !== undefined && version.major >= 13 };
}

function fromCheck(f: Finding, c: CheckContext): Found {
  const known = CHECK_FINDINGS[f.code];
  const finding: Omit<DoctorFinding, 'edits'> = {
    severity: f.severity,
    code: f.code,
    file: f.file,
    ...(f.line === undefined ? {} : { line: f.line }),
    message: f.message,
    why: known?.why ?? f.message,
    fix: f.fix ?? 'See the message',
  };
  const fix = known?.fix?.(f, c);
  return fix === undefined ? { finding } : { finding, fix };
}

/** The order findings are reported in: errors first, then by file and line. */
function bySeverity(a: DoctorFinding, b: DoctorFinding): number {
  const rank = { error: 0, warning: 1, info: 2 };
  return rank[a.severity] - rank[b.severity];
}

/**
 * Reads the deployment's files together, Prosody's main config and other files included, and
 * returns a finding for everything checkDeployment finds and everything that keeps Prosody from
 * loading what the deployment needs: modules in no plugin path (Jitsi's removed modules named as
 * such), the missing `Include`, deprecated options, what Prosody 13 changed (when the server runs
 * it) and Prosody 13's syntax on a server that runs 0.12. Each finding has a stable code, severity,
 * file and line, why it matters, the fix in words and, where the files say what it should be, the
 * fix as edits. Throws ConfigSyntaxError for a file that does not parse (its `file` says which).
 */
export function doctor(files: DoctorFiles, options: DoctorOptions = {}): DoctorReport {
  const input = copyDoctorFiles(files);
  const { found, notes, prosody13 } = examine(input, options);
  const findings = found.map(({ finding, fix }): DoctorFinding => {
    if (fix === undefined) return finding;
    const bench = new Workbench(input, prosody13);
    try {
      fix(bench);
    } catch (e) {
      return { ...finding, fix: `${finding.fix} (by hand: the automatic fix was refused: ${(e as Error).message})` };
    }
    const edits = bench.edits();
    return edits.length === 0 ? finding : { ...finding, edits };
  });
  return { findings: findings.sort(bySeverity), notes };
}

/**
 * Applies the fix of every finding that has one, in the order doctor() reports them, each all or
 * nothing (a fix the files refuse is left out and its finding remains), then examines the result
 * again, and fixes what a fix revealed (a module renamed from mod_x to x that is not installed
 * either), a few rounds at most: `remaining` is what is left for a person. Applying it to its own
 * output changes nothing.
 */
export function fixDeployment(files: DoctorFiles, options: DoctorOptions = {}): FixResult {
  const input = copyDoctorFiles(files);
  let current = input;
  const fixed: DoctorFinding[] = [];
  for (let round = 0; round < 4; round++) {
    const { found, prosody13 } = examine(current, options);
    found.sort((a, b) => bySeverity(a.finding, b.finding));
    let applied = 0;
    for (const { finding, fix } of found) {
      if (fix === undefined) continue;
      const bench = new Workbench(current, prosody13);
      try {
        fix(bench);
      } catch {
        continue;
      }
      const edits = bench.edits();
      if (edits.length === 0) continue;
      current = bench.files();
      fixed.push({ ...finding, edits });
      applied++;
    }
    if (applied === 0) break;
  }
  const after = doctor(current, options);
  const changed = [...keysOf(input)].some((k) => textOf(input, k) !== textOf(current, k));
  return { files: current, fixed, remaining: after.findings, notes: after.notes, changed };
}

function* keysOf(files: DoctorFiles): Iterable<Parameters<typeof textOf>[1]> {
  yield* ['prosody', 'prosodyMain', 'meetConfig', 'jicofoConf', 'sipCommunicator', 'interfaceConfig'] as const;
  for (const path of Object.keys(files.prosodyFiles ?? {})) yield path as `/${string}`;
}

/**
 * The directories a caller should list for the doctor's module checks (environment.modules):
 * those Prosody searches as these files set them up (its installer's, plugin_paths, its own), and
 * those Jitsi's and an admin's own modules are usually installed in.
 */
export function moduleDirectories(files: DoctorFiles, options: Pick<DoctorOptions, 'paths'> = {}): string[] {
  return directoriesToList(readTree(copyDoctorFiles(files), options.paths ?? {}));
}
