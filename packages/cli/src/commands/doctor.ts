/**
 * `doctor [--fix]`: the recipes' doctor over the deployment as it is on disk. The CLI gathers what
 * the pure library cannot see: Prosody's main config and every file of conf.avail and conf.d (with
 * the conf.d links), the module files in the directories the library names, and the installed
 * Prosody's version, all under --root. --fix writes every fixed file through the one locked,
 * all-or-nothing write path (commit.ts), or nothing.
 */
import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { DoctorEnvironment, DoctorFile, DoctorFiles, DoctorFinding, DoctorOptions } from '@jitsi-confkit/recipes';
import { DEBIAN_DIRS, PROSODY_MAIN_CONFIG } from '@jitsi-confkit/recipes/deployment';
import type { Context } from '../context.js';
import { displayPath, list } from '../discover.js';
import type { Located } from '../discover.js';
import { DEFAULT_MAX_FILE_SIZE, exists, readSource } from '../files.js';
import type { SourceFile } from '../files.js';
import { commit, commitOptions, withFiles, withLock } from '../commit.js';
import { loadRecipes } from '../libraries.js';
import { paintFor } from '../io.js';
import { colourDiff } from '../report.js';
import type { FileReport, Finding } from '../report.js';
import type { Root } from '../root.js';
import { brokenLinkFindings, deployment, installedProsodyVersion, missingFileFindings, readAll } from './deployment.js';
import type { Deployment, ReadDeployment } from './deployment.js';

const MAIN = PROSODY_MAIN_CONFIG;
const PROSODY_DIRS = [DEBIAN_DIRS.prosodyAvailable, DEBIAN_DIRS.prosodyEnabled];

/** A finding as the CLI reports it: the file's path as shown, and whether --fix applies it. */
export interface DoctorReportFinding extends Omit<DoctorFinding, 'edits' | 'file'> {
  file: string;
  path?: string;
  fixable: boolean;
}

/** The --json object of `doctor`. */
export interface DoctorOutcome {
  changed: boolean;
  dryRun: boolean;
  files: FileReport[];
  diffs: { path: string; diff: string }[];
  /** What is wrong now: before the fixes, or (with --fix) what is left after them. */
  findings: DoctorReportFinding[];
  /** With --fix: the findings whose fixes were applied (or, with --dry-run, would be). */
  fixed: DoctorReportFinding[];
  notes: string[];
  prosodyVersion: string | null;
}

/** The Prosody files of the deployment besides the host file: the main config and conf.avail/conf.d, as Prosody sees their paths. */
interface ProsodyTree {
  /** In-root path → where it is read on this machine. */
  files: Map<string, Located>;
  /** conf.d links: in-root path → in-root path of the file it leads to. */
  links: Record<string, string>;
}

/** The Prosody files under the root (none without one). */
function prosodyTree(root: Root | undefined, cwd: string): ProsodyTree {
  const files = new Map<string, Located>();
  const links: Record<string, string> = {};
  if (root === undefined) return { files, links };
  const place = (inRoot: string): Located => {
    const rel = inRoot.slice(1);
    return { kind: 'prosody', path: root.layout(rel), given: root.lexical(rel), display: root.confined ? displayPath(root.lexical(rel), cwd) : inRoot };
  };
  if (exists(root.layout(MAIN.slice(1)))) files.set(MAIN, place(MAIN));
  for (const dir of PROSODY_DIRS) {
    for (const name of list(root.layout(dir.slice(1))).sort()) {
      if (!name.endsWith('.cfg.lua') || name.startsWith('.')) continue;
      const inRoot = `${dir}/${name}`;
      if (!exists(root.layout(inRoot.slice(1)))) continue; // a broken link: reported as such
      let target: string | undefined;
      try {
        if (lstatSync(posix.join(root.layout(dir.slice(1)), name)).isSymbolicLink()) target = readlinkSync(posix.join(root.layout(dir.slice(1)), name));
      } catch {
        target = undefined;
      }
      if (target === undefined) {
        files.set(inRoot, place(inRoot));
        continue;
      }
      const to = posix.resolve(dir, target);
      links[inRoot] = to;
      if (!files.has(to) && exists(root.layout(to.slice(1)))) files.set(to, place(to));
    }
  }
  return { files, links };
}

/** The in-root path of a file found in the Debian layout (undefined for one named outside a root). */
function inRootPath(root: Root | undefined, file: Located): string | undefined {
  if (root === undefined) return undefined;
  const rel = posix.relative(root.given, file.given);
  return rel.startsWith('..') ? undefined : `/${rel}`;
}

/** The module files under `dir` (in-root), as in-root paths: what util/pluginloader.lua can find (4 levels deep). */
function moduleFiles(root: Root, dir: string): { exists: boolean; files: string[] } {
  const machine = root.layout(dir.replace(/^\/+/, ''));
  let isDir: boolean;
  try {
    isDir = statSync(machine).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) return { exists: false, files: [] };
  const files: string[] = [];
  const walk = (at: string, shown: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return;
    }
    for (const name of names) {
      const path = posix.join(at, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory() && depth < 4) walk(path, `${shown}/${name}`, depth + 1);
      else if (stat.isFile() && name.endsWith('.lua')) files.push(`${shown}/${name}`);
    }
  };
  walk(machine, dir.replace(/\/+$/, ''), 1);
  return { exists: true, files };
}

/** The installed Prosody's version: --prosody-version, else what is installed under the root. */
function prosodyVersion(ctx: Context, root: Root | undefined): string | undefined {
  if (ctx.options.prosodyVersion !== undefined) return ctx.options.prosodyVersion;
  return root === undefined ? undefined : installedProsodyVersion(root);
}

/** `doctor`: exit status 1 when a finding (with --fix: one left after the fixes) is an error. */
export async function doctor(ctx: Context): Promise<number> {
  const found = await deployment(ctx);
  const root = found.rootDir;
  const tree = prosodyTree(root, ctx.io.cwd);
  const host = found.files.find((f) => f.kind === 'prosody');
  const hostPath = host === undefined ? undefined : (inRootPath(root, host) ?? host.given);
  const others = [...tree.files].filter(([path]) => path !== hostPath);
  const toLock = [...found.files, ...others.map(([, located]) => located)];
  const work = async (lock: Parameters<Parameters<typeof withLock>[2]>[0]): Promise<number> => {
    const read: ReadDeployment = { ...found, sources: readAll(ctx, found.files) };
    const limit = ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const extra = new Map(others.map(([path, located]) => [path, readSource('prosody', located.path, located.display, limit)]));
    return examine(ctx, read, root, tree, hostPath, extra, lock);
  };
  return ctx.options.fix ? withLock(ctx, toLock, work) : work(undefined);
}

async function examine(
  ctx: Context,
  found: ReadDeployment,
  root: Root | undefined,
  tree: ProsodyTree,
  hostPath: string | undefined,
  extra: Map<string, SourceFile>,
  lock: Parameters<Parameters<typeof withLock>[2]>[0],
): Promise<number> {
  const recipes = await loadRecipes();
  const bySource = new Map<DoctorFile, SourceFile>();
  const files: DoctorFiles = {};
  for (const s of found.sources) {
    files[s.kind] = s.text;
    bySource.set(s.kind, s);
  }
  const prosodyFiles: Record<string, string> = {};
  for (const [path, source] of extra) {
    if (path === MAIN) {
      files.prosodyMain = source.text;
      bySource.set('prosodyMain', source);
    } else {
      prosodyFiles[path] = source.text;
      bySource.set(path as DoctorFile, source);
    }
  }
  if (Object.keys(prosodyFiles).length > 0) files.prosodyFiles = prosodyFiles;
  const options: DoctorOptions = { host: found.host, partial: true, paths: { prosodyMain: MAIN, links: tree.links } };
  if (hostPath !== undefined) options.paths!.prosody = hostPath;
  const sources = [...bySource.values()];
  // The doctor names a Prosody file by its key: prosody, prosodyMain or its path.
  const owner = (file: string): SourceFile | undefined => bySource.get(file as DoctorFile);
  const environment: DoctorEnvironment = {};
  const version = prosodyVersion(ctx, root);
  if (version !== undefined) environment.prosodyVersion = version;
  if (root !== undefined) {
    const dirs = await withFiles(sources, () => recipes.moduleDirectories(files, { paths: options.paths! }), owner);
    const listed = dirs.map((path) => ({ path, ...moduleFiles(root, path) }));
    environment.modules = { directories: listed.map(({ path, exists }) => ({ path, exists })), files: listed.flatMap((d) => d.files) };
  }
  options.environment = environment;
  const shown = (f: DoctorFinding): DoctorReportFinding => {
    const { edits, file, ...rest } = f;
    const source = bySource.get(file);
    return { ...rest, file: file.startsWith('/') ? 'prosody' : file, ...(source === undefined ? {} : { path: source.display }), fixable: edits !== undefined };
  };
  const own = [...missingFileFindings(ctx, found, recipes), ...brokenLinkFindings(found.broken)].map(fromCli);
  const notes =
    root === undefined ? ["Prosody's main config, the module directories and Prosody's version were not read: no --root, only the files named (give --root / on the server)"] : [];
  let outcome: DoctorOutcome;
  if (!ctx.options.fix) {
    const report = await withFiles(sources, () => recipes.doctor(files, options), owner);
    outcome = {
      changed: false,
      dryRun: false,
      files: sources.map((s) => ({ kind: s.kind, path: s.display, changed: false })),
      diffs: [],
      findings: [...own, ...report.findings.map(shown)],
      fixed: [],
      notes: [...notes, ...report.notes],
      prosodyVersion: version ?? null,
    };
  } else {
    const result = await withFiles(sources, () => recipes.fixDeployment(files, options), owner);
    const edited = sources.map((source) => {
      const key = [...bySource].find(([, s]) => s === source)![0];
      const after = key.startsWith('/') ? result.files.prosodyFiles?.[key] : result.files[key as Exclude<DoctorFile, `/${string}`>];
      return { source, after: after ?? source.text };
    });
    const committed = await commit(edited, lock, commitOptions(ctx));
    outcome = {
      changed: committed.changed,
      dryRun: ctx.options.dryRun,
      files: committed.files,
      diffs: committed.diffs,
      findings: [...own, ...result.remaining.map(shown)],
      fixed: result.fixed.map(shown),
      notes: [...notes, ...result.notes],
      prosodyVersion: version ?? null,
    };
  }
  print(ctx, found, outcome);
  return outcome.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The CLI's own findings (a file not found, a broken conf.d link) as doctor findings: none has an automatic fix. */
function fromCli(f: Finding): DoctorReportFinding {
  return { ...f, why: f.message, fix: f.fix ?? 'See the message', fixable: false } as DoctorReportFinding;
}

function print(ctx: Context, found: Deployment, outcome: DoctorOutcome): void {
  if (ctx.options.json) {
    ctx.io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
    return;
  }
  const paint = paintFor(ctx.io);
  const lines: string[] = [];
  const line = (f: DoctorReportFinding, fixed: boolean): void => {
    const at = `${f.path ?? f.file}${f.line === undefined ? '' : `:${f.line}`}`;
    const colour = fixed ? paint.green : f.severity === 'error' ? paint.red : f.severity === 'warning' ? paint.yellow : paint.dim;
    lines.push(`${at}: ${colour(fixed ? 'fixed' : f.severity)} ${f.code}: ${f.message}`);
    if (!fixed) {
      lines.push(`  why: ${f.why}`);
      lines.push(`  fix: ${f.fix}${f.fixable ? ' [--fix]' : ''}`);
    }
  };
  for (const f of outcome.fixed) line(f, true);
  if (outcome.dryRun) for (const { diff } of outcome.diffs) lines.push('', colourDiff(diff.replace(/\n$/, ''), paint), '');
  if (ctx.options.fix && !outcome.dryRun)
    for (const file of outcome.files.filter((f) => f.changed)) lines.push(`wrote ${file.path}${file.backup === undefined ? '' : ` (backup: ${file.backup})`}`);
  for (const f of outcome.findings) line(f, false);
  for (const note of outcome.notes) lines.push(`note: ${note}`);
  const errors = outcome.findings.filter((f) => f.severity === 'error').length;
  const warnings = outcome.findings.filter((f) => f.severity === 'warning').length;
  const fixable = outcome.findings.filter((f) => f.fixable).length;
  const version = outcome.prosodyVersion === null ? 'Prosody version unknown' : `Prosody ${outcome.prosodyVersion}`;
  const summary =
    errors + warnings === 0
      ? `No problems found for ${found.host} (${version}).`
      : `${errors} error(s), ${warnings} warning(s) for ${found.host} (${version})${fixable > 0 ? `; ${fixable} fixable with --fix` : ''}${ctx.options.fix ? ' left' : ''}.`;
  if (outcome.dryRun) lines.push(outcome.changed ? 'Dry run: nothing written.' : 'Nothing to change.');
  else if (ctx.options.fix && !outcome.changed) lines.push('Nothing to change.');
  lines.push(summary);
  ctx.io.stdout(`${lines.join('\n')}\n`);
}
