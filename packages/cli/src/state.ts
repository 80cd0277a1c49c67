/**
 * The desired-state file on disk (@jitsi-confkit/state is the pure half): where it is (--state,
 * else /etc/jitsi-confkit/state.yaml under --root), reading it, and `--save`: the intent of an
 * editing command recorded (or, for an undo, removed) as one more file of the same locked,
 * all-or-nothing commit.
 */
import { lstatSync, mkdirSync, realpathSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EditConflictError, ValidationError } from '@jitsi-confkit/core';
import type { DeploymentFiles } from '@jitsi-confkit/recipes';
import type { Intent, StateDocument } from '@jitsi-confkit/state';
import type { OwnFile, ToLock } from './commit.js';
import { withFile } from './commit.js';
import type { Context } from './context.js';
import { displayPath, hostsUnder, layoutPaths, placeOf } from './discover.js';
import { FileError, InFileError, UsageError } from './errors.js';
import { DEFAULT_MAX_FILE_SIZE, describe, existsOrLink, readRegular } from './files.js';
import type { SourceFile } from './files.js';
import type { FileKind } from './kinds.js';
import { loadState } from './libraries.js';
import type { StepReport } from './report.js';
import { Root } from './root.js';

/** The state file in the Debian layout, relative to the root (@jitsi-confkit/state's DEFAULT_STATE_PATH). */
export const STATE_FILE = 'etc/jitsi-confkit/state.yaml';

/**
 * A new state file's mode: it may hold copies of secrets (a `set --save` of a password in
 * jicofo.conf, whose own mode is 0600), so only its owner reads it. Its directory is 0755.
 */
export const STATE_MODE = 0o600;

/** The state file: where it is, and its bytes when it exists. */
export interface StateFile {
  path: string;
  display: string;
  /** Named with --state (a missing one is then an error for apply and status). */
  named: boolean;
  /** Undefined when there is no state file. */
  bytes: Buffer | undefined;
  text: string;
}

/** The root of the command: --root DIR, else the machine's own. */
export function rootOf(ctx: Context): Root {
  return ctx.options.root === undefined ? Root.system : Root.at(ctx.options.root, ctx.io.cwd, ctx.command);
}

/** Where the state file is: --state PATH (inside --root), else the Debian default under the root. */
export function statePlace(ctx: Context): { path: string; display: string; named: boolean } {
  const root = rootOf(ctx);
  if (ctx.options.state !== undefined) {
    const place = placeOf(ctx.options.state, root, ctx.io.cwd, ctx.command, true);
    return { path: place.path, display: place.display, named: true };
  }
  const display = root.confined ? displayPath(root.lexical(STATE_FILE), ctx.io.cwd) : root.lexical(STATE_FILE);
  return { path: root.layout(STATE_FILE), display, named: false };
}

/** Reads the state file; `bytes` undefined when there is none. A file that is there but cannot be read is an error. */
export function readStateFile(ctx: Context, place: { path: string; display: string; named: boolean } = statePlace(ctx)): StateFile {
  try {
    lstatSync(place.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ...place, bytes: undefined, text: '' };
    throw new FileError(place.display, `cannot read ${place.display}: ${describe(error)}`, { cause: error });
  }
  const bytes = readRegular(place.path, place.display, ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  const text = bytes.toString('utf8');
  // Rewritten from its text, a file that is not UTF-8 would change beyond the edit.
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new InFileError(place.display, new ValidationError(`${place.display} is not valid UTF-8; a state file is UTF-8 text`));
  return { ...place, bytes, text };
}

/** The state file parsed, every problem attributed to it (line and column in the state file). */
export async function parseStateFile(file: StateFile): Promise<StateDocument> {
  const { parseState } = await loadState();
  return withFile(file.display, () => parseState(file.text));
}

/** The state file as a file the write path locks (it may be created). */
export function stateLock(file: { path: string; display: string }): ToLock {
  return { path: file.path, display: file.display, create: true };
}

/** The --save part of an editing command, set up before it takes its locks. */
export interface Saving {
  place: { path: string; display: string; named: boolean };
  /** The state file's lock (it may be created). */
  lock: ToLock;
  /** Removes the directories made for the state file if it was not written after all. */
  cleanup(): void;
}

/**
 * With --save: where the state file is, and its directory made when missing (0755; not under
 * --dry-run), so that its lock can be taken there with the others. Undefined without --save.
 */
export function startSaving(ctx: Context): Saving | undefined {
  if (!ctx.options.save) return undefined;
  const place = statePlace(ctx);
  let cleanup = (): void => {};
  if (!ctx.options.dryRun) {
    try {
      cleanup = ensureDirectory(place.path);
    } catch (error) {
      throw new FileError(place.display, `cannot create the directory of ${place.display}: ${describe(error)}; nothing was written`, { cause: error });
    }
  }
  return { place, lock: stateLock(place), cleanup };
}

/** Runs `work` with --save set up (or without it), removing a state directory made for nothing. */
export async function withSaving<T>(ctx: Context, work: (saving: Saving | undefined) => Promise<T>): Promise<T> {
  const saving = startSaving(ctx);
  try {
    return await work(saving);
  } finally {
    saving?.cleanup();
  }
}

/**
 * Creates the state file's directory when it is missing (0755), before its lock is taken there;
 * returns a function that removes what it created, for a run that ends without writing.
 */
export function ensureDirectory(path: string): () => void {
  const made: string[] = [];
  let dir = dirname(path);
  const missing: string[] = [];
  while (!existsOrLink(dir)) {
    missing.unshift(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of missing) {
    mkdirSync(d, { mode: 0o755 });
    made.unshift(d);
  }
  return () => {
    for (const d of made) {
      try {
        rmdirSync(d);
      } catch {
        // not empty (someone else's file, or the state file written after all): kept
      }
    }
  };
}

/** What an editing command asks `--save` to do with the state file. */
export type SaveRequest = { record: Intent; host?: string } | { remove: Record<string, unknown> & { kind: Intent['kind'] }; what: string; host?: string };

/** What `--save` did to the state text: the files for the commit (none when the state does not change) and the step to print. */
export interface Saved {
  own: OwnFile[];
  step: StepReport;
  state: StateDocument;
}

/**
 * Records the intent (or removes the ones an undo names) in the state file's text. The state's
 * `host` must be the command's host (a state file describes one deployment); a new state file,
 * or one without `host`, gets the command's host when the intent needs one.
 */
export async function saveIntent(ctx: Context, file: StateFile, request: SaveRequest): Promise<Saved> {
  const state = await parseStateFile(file);
  if (request.host !== undefined) {
    if (state.host !== undefined && state.host !== request.host) {
      throw new UsageError(
        `the state file ${file.display} is for ${state.host}, and this command is for ${request.host}: a state file describes one deployment (name another with --state PATH)`,
        ctx.command,
      );
    }
    // Only an intent recorded needs the host: an undo that finds nothing to remove changes nothing.
    if (state.host === undefined && 'record' in request) await withFile(file.display, () => state.setHost(request.host as string));
  }
  const where = file.display;
  let step: StepReport;
  if ('record' in request) {
    const result = await withFile(file.display, () => state.record(request.record));
    const line = `line ${result.intent.line}`;
    const replaced = result.replaced.map((r) => `"${r.summary}" (line ${r.line})`).join(', ');
    step = result.changed
      ? { file: 'state', path: where, action: `record "${result.intent.summary}" (${line})${replaced === '' ? '' : `, replacing ${replaced}`}`, status: 'applied' }
      : { file: 'state', path: where, action: `"${result.intent.summary}" is recorded (${line})`, status: 'already' };
  } else {
    const removed = await withFile(file.display, () => state.remove(request.remove));
    step =
      removed.length === 0
        ? { file: 'state', path: where, action: `no intent to remove for ${request.what}`, status: 'already' }
        : { file: 'state', path: where, action: `remove ${removed.map((r) => `"${r.summary}" (line ${r.line})`).join(', ')}`, status: 'applied' };
  }
  const own: OwnFile[] = state.changed ? [{ kind: 'state', path: file.path, display: file.display, bytes: file.bytes, after: state.toString(), mode: STATE_MODE }] : [];
  return { own, step, state };
}

/**
 * After the command's edit, the intent it records must hold in the files it wrote: applying it
 * would change nothing. `apply` then turns the state file into exactly these files. A difference
 * is a bug (the command and the intent kind disagree), reported as an edit conflict; nothing is
 * written.
 */
export async function assertHolds(request: SaveRequest, files: DeploymentFiles): Promise<void> {
  if (!('record' in request)) return;
  const { checkState, parseState } = await loadState();
  const single = parseState('');
  single.record(request.record);
  const [check] = checkState(single, files);
  if (check?.status === 'drifted') {
    const detail = (check.differences ?? []).map((d) => d.diff).join('');
    throw new EditConflictError(`the intent "${check.intent.summary}" would change the files this command wrote again:\n${detail}`);
  }
}

/** The files of a command as recipes' DeploymentFiles (the kinds are their members). */
export function deploymentFiles(edited: readonly { source: SourceFile; after: string }[]): DeploymentFiles {
  const files: DeploymentFiles = {};
  for (const { source, after } of edited) files[source.kind] = after;
  return files;
}

/**
 * The host a Debian-layout file belongs to, when `path` is the file of `kind` that `apply` finds
 * under the root: '' for the files that are not per host, the host for config.js and the Prosody
 * host file, undefined when it is not such a file (another place, a docker overlay, a copy).
 */
export function layoutHostOf(root: Root, kind: FileKind, path: string): string | undefined {
  const real = realOf(path);
  if (real === undefined) return undefined;
  const perHost = kind === 'meetConfig' || kind === 'prosody';
  if (!perHost) return layoutPaths(kind, undefined).some((rel) => realOf(root.layout(rel)) === real) ? '' : undefined;
  for (const host of hostsUnder(root)) {
    if (layoutPaths(kind, host).some((rel) => realOf(root.layout(rel)) === real)) return host;
  }
  return undefined;
}

function realOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The usage error of --save on a file that is not the one `apply` finds. */
export function notInLayout(ctx: Context, display: string, kind: FileKind): UsageError {
  const where = layoutPaths(kind, undefined)[0] as string;
  return new UsageError(
    `--save records intents about the files "jitsi-confkit apply" finds in the Debian layout (here /${where}${ctx.options.root === undefined ? '' : ` under --root ${ctx.options.root}`}); ${display} is not that file`,
    ctx.command,
  );
}

/** The apt hook `hook install` writes, relative to the root. */
export const APT_HOOK_FILE = 'etc/apt/apt.conf.d/80jitsi-confkit';

/** The Debian package's triggers file as dpkg keeps it once the package is installed, relative to the root. */
export const PACKAGE_TRIGGERS = 'var/lib/dpkg/info/jitsi-confkit.triggers';

/**
 * What an editing command should say about the state file:
 * - with --save, when the state holds intents and nothing on this machine (under the root) runs
 *   `apply` after upgrades (neither the Debian package's trigger nor the apt hook);
 * - without --save, each intent of the state file that held before the edit and no longer does:
 *   the next `apply` (run after the next upgrade) would undo this edit.
 */
export async function stateWarnings(ctx: Context, edited: readonly { source: SourceFile; after: string }[], saved: Saved | undefined): Promise<string[]> {
  if (saved !== undefined) {
    if (saved.state.intents.length === 0) return [];
    const root = rootOf(ctx);
    if ([PACKAGE_TRIGGERS, APT_HOOK_FILE].some((rel) => existsOrLink(root.layout(rel)))) return [];
    return [
      `nothing on this machine runs "jitsi-confkit apply" after package upgrades yet: install the Debian package (its dpkg trigger runs it), or run "jitsi-confkit hook install${ctx.options.root === undefined ? '' : ` --root ${ctx.options.root}`}" (an apt hook)`,
    ];
  }
  if (!edited.some(({ source, after }) => after !== source.text)) return [];
  let file: StateFile;
  let state: StateDocument;
  try {
    file = readStateFile(ctx);
    if (file.bytes === undefined) return [];
    state = await parseStateFile(file);
  } catch (error) {
    return [`the state file cannot be read (${error instanceof Error ? error.message : String(error)}): "jitsi-confkit apply" and "status" will refuse it until it is fixed`];
  }
  const { checkState } = await loadState();
  const before = checkState(state, deploymentFiles(edited.map(({ source }) => ({ source, after: source.text }))));
  const after = checkState(state, deploymentFiles(edited));
  const undone = after.filter((check, i) => check.status === 'drifted' && before[i]?.status === 'holds');
  return undone.map(
    (check) =>
      `this goes against the intent on line ${check.intent.line} of ${file.display} (${check.intent.summary}): the next "jitsi-confkit apply" (run after package upgrades) puts it back; add --save to record the change instead, or edit the state file`,
  );
}
