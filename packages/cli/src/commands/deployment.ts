/** The commands over a whole deployment: `secure-domain enable|disable` and `check`. */
import type { RecipeStep, SecureDomainOptions } from '@jitsi-confkit/recipes';
import type { Context } from '../context.js';
import { brokenLinkMessage, brokenLinks, chooseHost, displayPath, hostsUnder, layoutOf, locate } from '../discover.js';
import type { BrokenLink, Layout, Located, Search } from '../discover.js';
import { FileError, UsageError } from '../errors.js';
import type { MissingFile } from '../errors.js';
import { DEFAULT_MAX_FILE_SIZE, readSource } from '../files.js';
import type { SourceFile } from '../files.js';
import { commit, commitOptions, withFile, withFiles, withLock } from '../commit.js';
import type { WriterLock } from '../lock.js';
import type { Root } from '../root.js';
import type { FileKind } from '../kinds.js';
import { loadProsodyConfig, loadRecipes } from '../libraries.js';
import { printOutcome } from '../report.js';
import { assertHolds, deploymentFiles, layoutHostOf, notInLayout, readStateFile, rootOf, saveIntent, stateWarnings, withSaving } from '../state.js';
import type { SaveRequest, Saving } from '../state.js';
import type { SecureDomainIntent } from '@jitsi-confkit/state';
import type { Finding, Outcome, StepReport } from '../report.js';

const DEPLOYMENT_KINDS: readonly FileKind[] = ['prosody', 'meetConfig', 'jicofoConf', 'sipCommunicator'];

/** `secure-domain enable` and `secure-domain disable` */
export function secureDomain(enable: boolean) {
  return async (ctx: Context): Promise<number> => {
    const found = await deployment(ctx);
    if (ctx.options.save) checkSavable(ctx, found);
    return withSaving(ctx, (saving) =>
      withLock(ctx, [...found.files, ...(saving === undefined ? [] : [saving.lock])], (lock) => secureDomainLocked(ctx, lock, enable, readDeployment(ctx, found), saving)),
    );
  };
}

/**
 * --save records the secure domain of the files `apply` finds, applied whole: not with --partial,
 * and not with a file named elsewhere.
 */
function checkSavable(ctx: Context, found: Deployment): void {
  if (ctx.options.partial) {
    throw new UsageError(
      '--save cannot go with --partial: "jitsi-confkit apply" applies the secure domain to all of its files or to none, and would refuse it on the files found here every time',
      ctx.command,
    );
  }
  const root = rootOf(ctx);
  for (const file of found.files) {
    const host = layoutHostOf(root, file.kind, file.path);
    if (host === undefined || (host !== '' && host !== found.host)) throw notInLayout(ctx, file.display, file.kind);
  }
}

/** `secure-domain enable|disable`, with the writer lock of every file (and of the state file, with --save) held (none under --dry-run). */
async function secureDomainLocked(ctx: Context, lock: WriterLock | undefined, enable: boolean, found: ReadDeployment, saving: Saving | undefined): Promise<number> {
  const { host, sources, missing, broken } = found;
  const recipes = await loadRecipes();
  const { secureDomain: recipe, FILE_NOT_GIVEN, PROPERTIES_NOT_GIVEN_WARNING } = recipes;
  // All or nothing across the files: a missing one stops the command before anything is written.
  const absent = absentFiles(found, recipes.missingFiles);
  if (absent.length > 0 && !ctx.options.partial) throw missingFilesError(ctx, found, absent, recipes.closeMatches);
  const options: SecureDomainOptions = { host, enable, partial: ctx.options.partial };
  if (ctx.options.guest !== undefined) options.guestHost = ctx.options.guest;
  if (ctx.options.auth !== undefined) options.authentication = ctx.options.auth;
  if (ctx.options.removeGuest) options.removeGuestHost = true;
  const result = await withFiles(sources, () => recipe(textsOf(sources), options));
  const edited = sources.map((source) => ({ source, after: result.files[source.kind] ?? source.text }));
  const intent: SecureDomainIntent = { kind: 'secure-domain', host };
  if (ctx.options.guest !== undefined) intent.guest = ctx.options.guest;
  if (ctx.options.auth !== undefined) intent.authentication = ctx.options.auth as SecureDomainIntent['authentication'];
  // disable is the undo of enable: it removes the recorded secure domain.
  const request: SaveRequest = enable ? { record: intent, host } : { remove: { kind: 'secure-domain' }, what: 'the secure domain', host };
  const saved = saving === undefined ? undefined : await saveIntent(ctx, readStateFile(ctx, saving.place), request);
  if (saved !== undefined) await assertHolds(request, deploymentFiles(edited));
  const committed = await commit(edited, lock, commitOptions(ctx), saved?.own ?? []);
  const steps: StepReport[] = [...result.steps.map((step) => withPath(step, sources, missing, FILE_NOT_GIVEN)), ...(saved === undefined ? [] : [saved.step])];
  const outcome: Outcome = {
    changed: committed.changed,
    dryRun: ctx.options.dryRun,
    files: committed.files,
    steps,
    diffs: committed.diffs,
    todo: result.todo,
    // The recipe's warning that a sip-communicator.properties it was not given might override
    // jicofo.conf is moot when the CLI looked for that file where Jicofo reads it and found none.
    warnings: [
      ...(await stateWarnings(ctx, edited, saved)),
      ...broken.map(brokenLinkMessage),
      ...result.warnings.filter((w) => !(missing.sipCommunicator !== undefined && w.startsWith(PROPERTIES_NOT_GIVEN_WARNING))),
    ],
  };
  printOutcome(ctx.io, outcome, ctx.options.json);
  return 0;
}

/** `check`: exit status 1 when a finding is an error. */
export async function check(ctx: Context): Promise<number> {
  const located = readDeployment(ctx, await deployment(ctx));
  const { host, sources, missing, broken } = located;
  const recipes = await loadRecipes();
  const found = await withFiles(sources, () => recipes.checkDeployment(textsOf(sources), { host, partial: true }));
  const findings: Finding[] = found.map((f) => {
    const path = sources.find((s) => s.kind === f.file)?.display;
    return path === undefined ? { ...f } : { ...f, path };
  });
  // A file it needs and did not find is an error, with where it looked (unless --partial).
  if (!ctx.options.partial) {
    const hint = hostHint(ctx, located, recipes.closeMatches);
    const absentFindings: Finding[] = [];
    for (const absent of absentFiles(located, recipes.missingFiles)) {
      const where = absent.lookedFor.length > 0 ? `not found at ${absent.lookedFor.join(' or ')}` : `not given (${absent.flags})`;
      const finding: Finding = {
        severity: 'error',
        file: absent.kind,
        code: 'file-missing',
        message: `${absent.label}: ${where}; the secure domain cannot be checked without it`,
        fix: `${hint === '' ? '' : `${hint} `}Name the file with ${absent.flags}, or check the files found only with --partial`,
      };
      if (absent.lookedFor[0] !== undefined) finding.path = absent.lookedFor[0];
      absentFindings.push(finding);
    }
    findings.unshift(...absentFindings);
  }
  // Prosody does not start with a broken link in conf.d: an error like the recipe's own.
  for (const link of broken) findings.push({ severity: 'error', file: 'prosody', code: 'broken-symlink', message: brokenLinkMessage(link), path: link.path });
  if (ctx.options.json) {
    const outcome: Outcome = {
      changed: false,
      dryRun: false,
      files: sources.map((s) => ({ kind: s.kind, path: s.display, changed: false })),
      steps: [],
      diffs: [],
      todo: [],
      warnings: [],
      findings,
    };
    printOutcome(ctx.io, outcome, true);
  } else {
    const lines = sources.map((s) => `checked ${s.display}`);
    // Files not found that no finding reports (sip-communicator.properties next to jicofo.conf, say).
    const reported = new Set(findings.filter((f) => f.code === 'file-missing').flatMap((f) => (f.file === 'jicofoConf' ? ['jicofoConf', 'sipCommunicator'] : [f.file])));
    for (const [kind, looked] of Object.entries(missing)) if (!reported.has(kind as FileKind)) lines.push(`not found ${looked.join(' or ')}`);
    for (const f of findings) {
      const at = `${f.path ?? f.file}${f.line === undefined ? '' : `:${f.line}`}`;
      lines.push(`${at}: ${f.severity} ${f.code}: ${f.message}`);
      if (f.fix !== undefined) lines.push(`  fix: ${f.fix}`);
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const problems = errors + warnings === 0 ? `No problems found for ${host}.` : `${errors} error(s), ${warnings} warning(s) for ${host}.`;
    const infos = findings.length - errors - warnings;
    lines.push(infos === 0 ? problems : `${problems.slice(0, -1)} (and ${infos} note(s)).`);
    ctx.io.stdout(`${lines.join('\n')}\n`);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

interface Deployment {
  host: string;
  /** The root searched (as shown), or undefined when only files named on the command line are used. */
  root: string | undefined;
  /** The Jitsi host names found under the root (for a mistyped --host). */
  hosts: string[];
  /** The files found, not read yet: a command that writes locks them first. */
  files: Located[];
  /** The paths looked at for the kinds not found in the Debian layout. */
  missing: Search['missing'];
  /** Broken symlinks in Prosody's conf.d (Prosody will not start). */
  broken: BrokenLink[];
}

/** A deployment with its files read. */
interface ReadDeployment extends Deployment {
  sources: SourceFile[];
}

/** The root as shown: `.` for the working directory, else as displayPath shows it. */
function rootShown(root: Root, cwd: string): string {
  if (!root.confined) return '/';
  const shown = displayPath(root.given, cwd);
  return shown === root.given && root.given === cwd ? '.' : shown;
}

/** The host and the deployment's files (found, not read). */
async function deployment(ctx: Context): Promise<Deployment> {
  const layout = layoutOf(ctx.options, ctx.io.cwd, ctx.command, DEPLOYMENT_KINDS);
  const root = layout.root === undefined ? undefined : rootShown(layout.root, ctx.io.cwd);
  // The host names found: to choose from without --host, for hints with a mistyped one.
  const hosts = ctx.options.host === undefined ? await candidates(layout, ctx) : layout.root === undefined ? [] : hostsUnder(layout.root);
  const host = chooseHost(ctx.options.host, ctx.options.host === undefined ? hosts : [], ctx.command, root);
  const { found, missing } = locate(layout, DEPLOYMENT_KINDS, host, ctx.io.cwd);
  const files = DEPLOYMENT_KINDS.map((kind) => found[kind]).filter((f): f is Located => f !== undefined);
  if (files.length === 0) {
    const where = root ?? 'the files given';
    const looked = Object.values(missing).flat();
    const detail = looked.length === 0 ? '' : ` (looked for ${looked.join(', ')}; is --root right?)`;
    throw new FileError(where, `no Prosody, config.js or Jicofo file for ${host} found under ${where}${detail}`);
  }
  const broken = layout.root === undefined ? [] : brokenLinks(layout.root, ctx.io.cwd);
  return { host, root, hosts, files, missing, broken };
}

/** The deployment with its files read (regular files only, within the size limit). */
function readDeployment(ctx: Context, found: Deployment): ReadDeployment {
  return { ...found, sources: readAll(ctx, found.files) };
}

function readAll(ctx: Context, files: readonly Located[]): SourceFile[] {
  const limit = ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return files.map((f) => readSource(f.kind, f.path, f.display, limit));
}

/** A file the command needs and did not find. */
interface AbsentFile extends MissingFile {
  kind: RecipeStep['file'];
  label: string;
  /** The options that name such a file. */
  flags: string;
}

const ABSENT_LABEL: Partial<Record<FileKind, [string, string]>> = {
  prosody: ['the Prosody host config', '--prosody'],
  meetConfig: ['config.js', '--meet-config'],
  jicofoConf: ["Jicofo's config (jicofo.conf, or sip-communicator.properties for Jicofo of 2020)", '--jicofo-conf or --sip-communicator'],
};

/** The files the secure domain needs that were not found, with the paths looked at. */
function absentFiles(found: ReadDeployment, missingFiles: (files: Partial<Record<FileKind, string>>) => FileKind[]): AbsentFile[] {
  return missingFiles(textsOf(found.sources)).map((kind) => {
    const [label, flags] = ABSENT_LABEL[kind] ?? [kind, `--file`];
    const lookedFor = kind === 'jicofoConf' ? [...(found.missing.jicofoConf ?? []), ...(found.missing.sipCommunicator ?? [])] : [...(found.missing[kind] ?? [])];
    return { kind, label, flags, lookedFor };
  });
}

/**
 * When --host names no host found under the root: "Did you mean --host X?" for the close ones,
 * else the hosts found. '' when the host is one of them or nothing was searched.
 */
function hostHint(ctx: Context, found: Deployment, closeMatches: (name: string, candidates: readonly string[]) => string[]): string {
  if (ctx.options.host === undefined || found.hosts.length === 0 || found.hosts.includes(found.host)) return '';
  const close = closeMatches(found.host, found.hosts);
  const list = `the Jitsi hosts found${found.root === undefined ? '' : ` under ${found.root}`} are ${found.hosts.join(', ')}`;
  return close.length > 0 ? `Did you mean --host ${close.join(' or --host ')}? (${list})` : `Is --host right? ${list.charAt(0).toUpperCase()}${list.slice(1)}.`;
}

/** Exit 1, nothing written: which files are missing, where the CLI looked, and the hosts found. */
function missingFilesError(ctx: Context, found: ReadDeployment, absent: readonly AbsentFile[], closeMatches: (name: string, candidates: readonly string[]) => string[]): FileError {
  const lines = [`${ctx.command} needs these files for ${found.host}, and did not find them; nothing was written:`];
  for (const a of absent) lines.push(`  ${a.label}: ${a.lookedFor.length > 0 ? `not found at ${a.lookedFor.join(' or ')}` : `not given (name it with ${a.flags})`}`);
  const hint = hostHint(ctx, found, closeMatches);
  if (hint !== '') lines.push(hint);
  for (const link of found.broken) lines.push(brokenLinkMessage(link));
  lines.push('Where a file lives elsewhere, name it (--prosody, --meet-config, --jicofo-conf), or add --partial to work on the files found.');
  const close = closeMatches(found.host, found.hosts);
  const hosts = found.hosts.includes(found.host) ? [] : [...close, ...found.hosts.filter((h) => !close.includes(h))];
  return new FileError(found.root ?? found.sources[0]?.display ?? '.', lines.join('\n'), {
    missing: absent.map((a) => ({ kind: a.kind, lookedFor: a.lookedFor })),
    ...(hosts.length > 0 ? { hosts } : {}),
  });
}

/**
 * Host candidates: the per-host file names of the Debian layout; for files named on the command
 * line, the `<host>-config.js` name and the Prosody VirtualHosts that have components under them.
 */
async function candidates(layout: Layout, ctx: Context): Promise<string[]> {
  const found = new Set<string>(layout.root === undefined ? [] : hostsUnder(layout.root));
  const meet = layout.explicit.meetConfig;
  const named = meet === undefined ? undefined : /([^/]+)-config\.js$/.exec(meet.given)?.[1];
  if (named !== undefined) found.add(named);
  const prosody = layout.explicit.prosody;
  if (prosody !== undefined) {
    const [source] = readAll(ctx, [prosody]) as [SourceFile];
    const { parseProsodyConfig } = await loadProsodyConfig();
    const cfg = await withFile(source.display, () => parseProsodyConfig(source.text, { encoding: 'latin1' }));
    const components = cfg.components();
    for (const host of cfg.hosts()) {
      const sub = /^(auth|guest|recorder|focus|hidden|jibri|jigasi)\./.test(host) || host === 'localhost';
      if (!sub && components.some((c) => c.endsWith(`.${host}`))) found.add(host);
    }
  }
  return [...found].sort();
}

function textsOf(sources: readonly SourceFile[]): Partial<Record<FileKind, string>> {
  return Object.fromEntries(sources.map((s) => [s.kind, s.text]));
}

/**
 * The step with the path of its file; for a step skipped because the file was not found in the
 * Debian layout, the reason says where the CLI looked (the recipe only knows it was not given).
 */
export function withPath(step: RecipeStep, sources: readonly SourceFile[], missing: Search['missing'], notGiven: string): StepReport {
  const path = sources.find((s) => s.kind === step.file)?.display;
  const report: StepReport = { file: step.file, action: step.action, status: step.status };
  if (path !== undefined) report.path = path;
  const looked = missing[step.file];
  if (step.status === 'skipped' && path === undefined && looked !== undefined) report.reason = notFound(looked, step.reason, notGiven);
  else if (step.reason !== undefined) report.reason = step.reason;
  return report;
}

/** "not found: PATH[ or PATH]", keeping what the recipe adds after its own `notGiven` reason. */
function notFound(looked: readonly string[], reason: string | undefined, notGiven: string): string {
  let rest = reason ?? '';
  if (rest.startsWith(notGiven)) rest = rest.slice(notGiven.length).trim().replace(/^\((.*)\)$/s, '$1');
  return `not found: ${looked.join(' or ')}${rest === '' ? '' : `; ${rest}`}`;
}
