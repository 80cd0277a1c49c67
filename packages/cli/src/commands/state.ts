/**
 * `apply` and `status`: the intents of the state file, replayed on the files found (all or
 * nothing, locked), or checked for drift (read only, no lock).
 */
import { statSync } from 'node:fs';
import type { DeploymentFile, DeploymentFiles, RecipeStep } from '@jitsi-confkit/recipes';
import type { ApplyResult, IntentCheck, IntentError, StateDocument, StateIntent } from '@jitsi-confkit/state';
import { commit, commitOptions, withFile, withLock } from '../commit.js';
import type { Edited } from '../commit.js';
import type { Context } from '../context.js';
import { describeMissingFiles, DEPLOYMENT_FILES, FILE_LABELS } from '@jitsi-confkit/recipes/deployment';
import { chooseHost, displayPath, hostsUnder, layoutOf, locate, neededFlags } from '../discover.js';
import type { Located, Search } from '../discover.js';
import { EXIT, FileError, IntentFailure, UsageError } from '../errors.js';
import type { IntentProblem, MissingFile } from '../errors.js';
import { DEFAULT_MAX_FILE_SIZE, readSource } from '../files.js';
import type { SourceFile } from '../files.js';
import type { FileKind } from '../kinds.js';
import { loadRecipes, loadState } from '../libraries.js';
import type { WriterLock } from '../lock.js';
import { colourDiff, printOutcome } from '../report.js';
import { lookedForKind, withPath } from './deployment.js';
import type { Outcome, StepReport } from '../report.js';
import { paintFor } from '../io.js';
import { ensureDirectory, parseStateFile, readStateFile, stateLock, statePlace } from '../state.js';
import type { StateFile } from '../state.js';
import { heldAt, readRecord, recordPlace, writeRecord } from '../record.js';

/** The intents and the files they are about, found (not read yet). */
interface Intents {
  file: StateFile;
  state: StateDocument;
  host: string | undefined;
  /** The files the intents are about that were found. */
  files: Located[];
  /** The paths looked at for the kinds not found. */
  missing: Search['missing'];
}

/**
 * Reads the state file and finds the files its intents are about: the Debian layout under the
 * root for the state's `host` (or --host, or the only host found, when an intent needs a per-host
 * file), each replaced by a file named on the command line. Undefined when there is no state file
 * (at the default place: one named with --state must exist).
 */
async function findIntents(ctx: Context): Promise<Intents | undefined> {
  const place = statePlace(ctx);
  const file = readStateFile(ctx, place);
  if (file.bytes === undefined) {
    if (place.named) throw new FileError(place.display, `no state file at ${place.display}`, { cause: Object.assign(new Error('ENOENT'), { code: 'ENOENT' }) });
    return undefined;
  }
  if (ctx.command === 'apply') trustedByRoot(file);
  const state = await parseStateFile(file);
  const kinds = new Set<FileKind>();
  for (const ref of state.intents) {
    const kind = state.kinds.find((k) => k.kind === ref.intent.kind);
    for (const touch of kind?.touches(ref.intent) ?? []) kinds.add(touch.file);
  }
  // The secure domain needs jicofo.conf or, for Jicofo of 2020, sip-communicator.properties: both are looked for.
  if (kinds.has('jicofoConf') || kinds.has('sipCommunicator')) {
    kinds.add('jicofoConf');
    kinds.add('sipCommunicator');
  }
  const wanted = DEPLOYMENT_FILES.filter((k) => kinds.has(k));
  const layout = layoutOf(ctx.options, ctx.io.cwd, ctx.command, DEPLOYMENT_FILES);
  const needsHost = wanted.some((k) => (k === 'meetConfig' || k === 'prosody') && layout.explicit[k] === undefined);
  let host = state.host;
  if (ctx.options.host !== undefined && state.host !== undefined && ctx.options.host !== state.host) {
    throw new UsageError(`--host ${ctx.options.host} is not the host of the state file ${file.display} (${state.host})`, ctx.command);
  }
  if (host === undefined && (needsHost || ctx.options.host !== undefined)) {
    const root = layout.root;
    host = chooseHost(
      ctx.options.host,
      root === undefined ? [] : hostsUnder(root),
      ctx.command,
      root === undefined ? undefined : root.confined ? displayPath(root.given, ctx.io.cwd) : '/',
    );
  }
  const { found, missing } = locate(layout, wanted, host, ctx.io.cwd);
  return { file, state, host, files: wanted.map((k) => found[k]).filter((f): f is Located => f !== undefined), missing };
}

/**
 * Run as root (by the dpkg trigger, the apt hook, or an admin), apply writes what the state file
 * says into files that run as code: a state file another user may write would let that user
 * decide. As sshd's StrictModes does, root refuses one owned by another user or writable by
 * everyone (group-writable is the admin's choice, for an admin group).
 */
function trustedByRoot(file: StateFile): void {
  if (process.getuid?.() !== 0) return;
  const stat = statSync(file.path);
  const why = stat.uid !== 0 ? `it belongs to uid ${stat.uid}` : (stat.mode & 0o002) !== 0 ? 'everyone may write it' : undefined;
  if (why === undefined) return;
  throw new FileError(
    file.display,
    `refusing to apply ${file.display} as root: ${why}, and whoever writes it decides what apply writes into the configuration (chown root ${file.display}; chmod o-w ${file.display}); nothing was written`,
    { cause: Object.assign(new Error('EPERM'), { code: 'EPERM' }) },
  );
}

function readAll(ctx: Context, files: readonly Located[]): SourceFile[] {
  const limit = ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return files.map((f) => readSource(f.kind, f.path, f.display, limit));
}

function textsOf(sources: readonly SourceFile[]): DeploymentFiles {
  const files: DeploymentFiles = {};
  for (const source of sources) files[source.kind] = source.text;
  return files;
}

/** One intent as `apply --json` reports it. */
export interface IntentReport {
  line: number;
  summary: string;
  intent: StateIntent['intent'];
  /** `failed`: it cannot be applied (a file missing, or refused); its changes were left out. */
  status: 'applied' | 'already' | 'failed';
  reason?: string;
  steps: StepReport[];
}

/** `apply`: every intent of the state file, all or nothing (or each whole with --keep-going). */
export async function apply(ctx: Context): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const found = await findIntents(ctx);
    if (found === undefined) return noState(ctx);
    const record = recordPlace(ctx);
    let cleanup = (): void => {};
    if (!ctx.options.dryRun) {
      try {
        cleanup = ensureDirectory(record.path);
      } catch {
        // Only the record of the last apply goes there: without it, status cannot say since when.
      }
    }
    try {
      const locks = [stateLock(found.file), ...found.files, { path: record.path, display: record.display, create: true }];
      const status = await withLock(ctx, locks, async (lock) => {
        // The state file as it is now that no other jitsi-confkit run can change it (an editor
        // may have, between the first read and the lock): else its files may be others.
        const now = readStateFile(ctx, found.file);
        if (!(now.bytes ?? Buffer.alloc(0)).equals(found.file.bytes ?? Buffer.alloc(0))) return undefined;
        return applyLocked(ctx, lock, found, readAll(ctx, found.files));
      });
      if (status !== undefined) return status;
    } finally {
      cleanup();
    }
    if (attempt === 3) throw new FileError(found.file.display, `${found.file.display} keeps changing while apply reads it; nothing was written, run apply again`);
  }
}

/** No state file at the default place: nothing to apply, nothing to check. */
function noState(ctx: Context): number {
  const place = statePlace(ctx);
  if (ctx.options.json) {
    ctx.io.stdout(
      `${JSON.stringify({ changed: false, dryRun: ctx.options.dryRun, state: place.display, files: [], steps: [], diffs: [], todo: [], warnings: [], intents: [] }, null, 2)}\n`,
    );
  } else {
    ctx.io.stdout(`No state file at ${place.display}: no intent is recorded (record one with --save on an editing command).\n`);
  }
  return EXIT.ok;
}

async function applyLocked(ctx: Context, lock: WriterLock | undefined, found: Intents, sources: SourceFile[]): Promise<number> {
  const { applyState, IntentError } = await loadState();
  const { FILE_NOT_GIVEN } = await loadRecipes();
  let result: ApplyResult;
  try {
    // Intent by intent, so that every one that cannot be applied is reported; without
    // --keep-going nothing is written when one could not be.
    result = applyState(found.state, textsOf(sources), { partial: true });
  } catch (error) {
    // A later intent undid an earlier one: the state's own checks prevent it; nothing is written.
    if (error instanceof IntentError) {
      const problem = problemOf(found, sources, error.intent, error);
      throw new IntentFailure(found.file.display, [problem], failureMessage(found, [problem], false));
    }
    throw error;
  }
  const problems: IntentProblem[] = [];
  for (const step of result.steps) {
    if (step.status === 'failed') problems.push(problemOf(found, sources, step.intent, step.error as IntentError));
    else if (step.status === 'skipped') problems.push(skippedProblem(found, step.intent, step.reason ?? 'skipped', step.steps));
  }
  if (problems.length > 0 && !ctx.options.keepGoing) throw new IntentFailure(found.file.display, problems, failureMessage(found, problems, false));
  const edited: Edited[] = sources.map((source) => ({ source, after: result.files[source.kind] ?? source.text }));
  const committed = await commit(edited, lock, commitOptions(ctx));
  const reports = result.steps.map((step): IntentReport => {
    const problem = problems.find((p) => p.line === step.intent.line);
    const report: IntentReport = {
      line: step.intent.line,
      summary: step.intent.summary,
      intent: step.intent.intent,
      status: problem !== undefined ? 'failed' : step.status === 'applied' ? 'applied' : 'already',
      steps: step.steps.map((s) => withPath(s, sources, found.missing, FILE_NOT_GIVEN)),
    };
    if (problem !== undefined) report.reason = problem.message;
    return report;
  });
  // The browser recipe's caveat was given when the intent was recorded; repeated on every re-apply (and logged by every trigger) it is noise.
  // The secure domain's warning that a sip-communicator.properties it was not given might override
  // jicofo.conf is moot when that file was looked for where Jicofo reads it and is not there.
  const { BROWSER_LIST_WARNINGS, PROPERTIES_NOT_GIVEN_WARNING } = await loadRecipes();
  const warnings = result.warnings.filter(
    (w) => !BROWSER_LIST_WARNINGS.includes(w) && !(found.missing.sipCommunicator !== undefined && w.startsWith(PROPERTIES_NOT_GIVEN_WARNING)),
  );
  if (!ctx.options.dryRun) {
    const held = result.steps.filter((s) => s.status === 'applied' || s.status === 'already').map((s) => s.intent);
    const trouble = writeRecord(ctx, lock, found.state, held);
    if (trouble !== undefined) warnings.push(trouble);
  }
  const outcome: Outcome & { state: string; intents: IntentReport[] } = {
    changed: committed.changed,
    dryRun: ctx.options.dryRun,
    state: found.file.display,
    files: committed.files,
    steps: reports.flatMap((r) => r.steps),
    diffs: committed.diffs,
    todo: result.todo,
    warnings,
    intents: reports,
  };
  if (ctx.options.json) printOutcome(ctx.io, outcome, true);
  else printApply(ctx, outcome);
  if (problems.length > 0) {
    ctx.io.stderr(`${paintFor(ctx.io).bold('jitsi-confkit:')} ${failureMessage(found, problems, true)}\n`);
    return EXIT.refused;
  }
  return EXIT.ok;
}

/** The text output of apply: one line per intent, its steps that did something under it, what was written. */
function printApply(ctx: Context, outcome: Outcome & { state: string; intents: IntentReport[] }): void {
  const paint = paintFor(ctx.io);
  for (const warning of outcome.warnings) ctx.io.stderr(`${paint.yellow('warning:')} ${warning}\n`);
  const out: string[] = [`${outcome.state}: ${outcome.intents.length} intent(s)`];
  for (const intent of outcome.intents) {
    const colour = intent.status === 'applied' ? paint.green : intent.status === 'already' ? paint.dim : paint.red;
    out.push(`${colour(intent.status.padEnd(7))}  line ${intent.line}: ${intent.summary}${intent.reason === undefined ? '' : `: ${intent.reason}`}`);
    if (intent.status !== 'applied') continue;
    for (const step of intent.steps) {
      if (step.status === 'already') continue;
      out.push(`  ${step.status.padEnd(7)}  ${step.path ?? FILE_LABELS[step.file as FileKind]}: ${step.action}${step.reason === undefined ? '' : ` (${step.reason})`}`);
    }
  }
  if (outcome.dryRun) {
    for (const { diff } of outcome.diffs) out.push('', colourDiff(diff.replace(/\n$/, ''), paint));
    out.push('', outcome.changed ? 'Dry run: nothing written.' : 'Nothing to change.');
  } else {
    const written = outcome.files.filter((f) => f.changed);
    for (const file of written) out.push(`wrote ${file.path}${file.backup === undefined ? '' : ` (backup: ${file.backup})`}`);
    if (written.length === 0) out.push('Nothing to change.');
  }
  if (outcome.todo.length > 0) {
    out.push('', 'Left to do:');
    for (const item of outcome.todo) out.push(`  - ${item}`);
  }
  ctx.io.stdout(`${out.join('\n')}\n`);
}

/** The message of an apply that could not apply every intent. */
function failureMessage(found: Intents, problems: readonly IntentProblem[], wroteOthers: boolean): string {
  const lines = problems.map((p) => `the intent on line ${p.line} of ${found.file.display} (${p.summary}) cannot be applied: ${p.message}`);
  const tail = wroteOthers ? 'the other intents were applied; run "jitsi-confkit status" to see what holds' : 'nothing was written (--keep-going applies the other intents)';
  return `${lines.join('\n')}\n${tail}`;
}

/** An intent the library refused: the file at fault (as shown) and the position in it. */
function problemOf(found: Intents, sources: readonly SourceFile[], ref: StateIntent, error: IntentError): IntentProblem {
  // A library error names its file; one that does not is about the intent's only file, when it has one.
  const members = [
    ...new Set(
      found.state.kinds
        .find((k) => k.kind === ref.intent.kind)
        ?.touches(ref.intent)
        .map((t) => t.file) ?? [],
    ),
  ];
  const member = error.file ?? (members.length === 1 ? members[0] : undefined);
  const source = member === undefined ? undefined : sources.find((s) => s.kind === member);
  const cause = error.cause;
  const text = cause.reason;
  const problem: IntentProblem = { line: ref.line, summary: ref.summary, code: cause.code, message: text };
  if (source !== undefined) {
    problem.file = source.display;
    problem.message = cause.position === undefined ? `${source.display}: ${text}` : `${source.display}:${cause.position.line}:${cause.position.column}: ${text}`;
    if (cause.position !== undefined) problem.position = { line: cause.position.line, column: cause.position.column };
    if (cause.frame !== undefined) problem.frame = cause.frame;
  }
  return problem;
}

/**
 * An intent that could do nothing with the files found: for the files it needs and that were not
 * found, where they were looked for; else the kind's reason (a file too old for it).
 */
function skippedProblem(found: Intents, ref: StateIntent, reason: string, steps: readonly RecipeStep[]): IntentProblem {
  const notGiven = steps.filter((s) => s.status === 'skipped' && s.reason === 'file not given').map((s) => s.file);
  if (notGiven.length === 0) return { line: ref.line, summary: ref.summary, code: 'E_UNSUPPORTED_EDIT', message: reason };
  const kinds = [...new Set(notGiven)];
  const missing: MissingFile[] = kinds.map((kind) => ({ kind, lookedFor: lookedForKind(found.missing, kind) }));
  const list = describeMissingFiles(kinds.map((file, i) => ({ file, where: { lookedFor: missing[i]!.lookedFor, flags: neededFlags(file) } })));
  const whole = ref.intent.kind === 'secure-domain' ? '; the secure domain is applied to all of its files or to none' : '';
  return { line: ref.line, summary: ref.summary, code: 'E_FILE', message: `it needs ${list}${whole}`, missing };
}

/** One file where an intent no longer holds, as `status` reports it. */
export interface DriftFile {
  kind: DeploymentFile;
  path: string;
  /** When the file last changed (its inode change time): for a file an upgrade replaced, the upgrade. */
  changedAt: string | null;
  /** What apply would do there. */
  action: string;
  /** What apply would change: a unified diff without context. */
  diff: string;
}

/** One intent as `status --json` reports it. */
export interface StatusReport {
  line: number;
  summary: string;
  intent: StateIntent['intent'];
  status: 'holds' | 'drifted' | 'cannot-apply';
  /** When apply last found or made it hold (the last apply that did), when known. */
  heldAt: string | null;
  files: DriftFile[];
  reason?: string;
  /** Why it cannot be applied: the code, and the file at fault with the position in it and when it last changed. */
  error?: { code: string; message: string; file?: string; line?: number; column?: number; changedAt?: string | null };
}

/** `status`: which intents no longer hold; writes nothing, takes no lock. */
export async function status(ctx: Context): Promise<number> {
  const found = await findIntents(ctx);
  if (found === undefined) {
    const place = statePlace(ctx);
    if (ctx.options.json) ctx.io.stdout(`${JSON.stringify({ state: place.display, host: null, lastApply: null, holds: 0, drifted: 0, cannotApply: 0, intents: [] }, null, 2)}\n`);
    else ctx.io.stdout(`No state file at ${place.display}: no intent is recorded, nothing can drift.\n`);
    return EXIT.ok;
  }
  const sources = readAll(ctx, found.files);
  const { checkState } = await loadState();
  const checks = await withFile(found.file.display, () => checkState(found.state, textsOf(sources)));
  const record = readRecord(ctx);
  const reports = checks.map((check) => statusOf(found, sources, check, heldAt(record, check.intent.intent)));
  const count = (s: StatusReport['status']): number => reports.filter((r) => r.status === s).length;
  const summary = { holds: count('holds'), drifted: count('drifted'), cannotApply: count('cannot-apply') };
  const exit = summary.cannotApply > 0 ? EXIT.cannotApply : summary.drifted > 0 ? EXIT.drift : EXIT.ok;
  if (ctx.options.json) {
    const report = { state: found.file.display, host: found.host ?? null, lastApply: record?.time ?? null, ...summary, intents: reports };
    ctx.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return exit;
  }
  const paint = paintFor(ctx.io);
  const out: string[] = [`${found.file.display}: ${reports.length} intent(s)${record === undefined ? '; never applied by "jitsi-confkit apply"' : `; last apply ${record.time}`}`];
  for (const report of reports) {
    const colour = report.status === 'holds' ? paint.green : report.status === 'drifted' ? paint.yellow : paint.red;
    out.push(`${colour(report.status.padEnd(12))}  line ${report.line}: ${report.summary}`);
    if (report.status === 'holds') continue;
    const since = report.heldAt === null ? [] : [`it held at the apply of ${report.heldAt}`];
    for (const file of report.files) since.push(`${file.path} last changed ${file.changedAt ?? '(unknown)'}`);
    if (report.error?.file !== undefined && report.error.changedAt !== undefined) since.push(`${report.error.file} last changed ${report.error.changedAt ?? '(unknown)'}`);
    if (since.length > 0) out.push(`              ${since.join('; ')}`);
    if (report.reason !== undefined) out.push(`              ${report.reason}`);
    for (const file of report.files) {
      out.push(`              apply would: ${file.action}`);
      out.push(colourDiff(file.diff.replace(/\n$/, ''), paint).replace(/^/gm, '              '));
    }
  }
  const verdict =
    exit === EXIT.ok
      ? 'Every intent holds.'
      : exit === EXIT.drift
        ? `${summary.drifted} intent(s) no longer hold: "jitsi-confkit apply" makes them hold again.`
        : `${summary.cannotApply} intent(s) cannot be applied as the files are: fix the files or the state file, then run "jitsi-confkit apply".${summary.drifted > 0 ? ` ${summary.drifted} other(s) drifted.` : ''}`;
  out.push(`${summary.holds} hold(s), ${summary.drifted} drifted, ${summary.cannotApply} cannot be applied. ${verdict}`);
  ctx.io.stdout(`${out.join('\n')}\n`);
  return exit;
}

function statusOf(found: Intents, sources: readonly SourceFile[], check: IntentCheck, held: string | undefined): StatusReport {
  const ref = check.intent;
  const report: StatusReport = { line: ref.line, summary: ref.summary, intent: ref.intent, status: check.status, heldAt: held ?? null, files: [] };
  for (const difference of check.differences ?? []) {
    const source = sources.find((s) => s.kind === difference.file);
    if (source === undefined) continue;
    report.files.push({
      kind: difference.file,
      path: source.display,
      changedAt: changedAt(source.path),
      action: difference.action,
      diff: withHeaders(difference.diff, source.display),
    });
  }
  if (check.status === 'cannot-apply') {
    if (check.error !== undefined) {
      const problem = problemOf(found, sources, ref, check.error as IntentError);
      report.reason = problem.message;
      report.error = { code: problem.code, message: problem.message };
      if (problem.file !== undefined) {
        report.error.file = problem.file;
        if (problem.position !== undefined) Object.assign(report.error, problem.position);
        const source = sources.find((s) => s.display === problem.file);
        if (source !== undefined) report.error.changedAt = changedAt(source.path);
      }
    } else {
      const problem = skippedProblem(found, ref, check.reason ?? 'skipped', check.steps ?? []);
      report.reason = problem.message;
      report.error = { code: problem.code, message: problem.message };
    }
  }
  return report;
}

/** The diff's `--- a/<name>` / `+++ b/<name>` headers with the file's path as shown. */
function withHeaders(diff: string, display: string): string {
  return diff.replace(/^--- a\/[^\n]*\n\+\+\+ b\/[^\n]*\n/, `--- a/${display.replace(/^\//, '')}\n+++ b/${display.replace(/^\//, '')}\n`);
}

/** The inode change time of a file (not its mtime, which dpkg sets from the package), as ISO 8601 in UTC; null when it cannot be read. */
function changedAt(path: string): string | null {
  try {
    return statSync(path)
      .ctime.toISOString()
      .replace(/\.\d+Z$/, 'Z');
  } catch {
    return null;
  }
}
