/**
 * The re-apply after upgrades, without the Debian package: `hook install` writes an apt hook
 * (DPkg::Post-Invoke) that runs `jitsi-confkit hook run` after every dpkg run apt makes, and `hook
 * remove` removes it. `hook run` is what that hook and the Debian package's dpkg trigger run:
 * `apply --keep-going`, logged to syslog, never failing.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Context } from '../context.js';
import { commit, commitOptions, withLock } from '../commit.js';
import type { OwnFile } from '../commit.js';
import { displayPath } from '../discover.js';
import { FileError, UsageError } from '../errors.js';
import { DEFAULT_MAX_FILE_SIZE, existsOrLink, readRegular } from '../files.js';
import type { Io } from '../io.js';
import { printOutcome } from '../report.js';
import type { Outcome, StepReport } from '../report.js';
import { APT_HOOK_FILE, readStateFile, rootOf, statePlace } from '../state.js';

/** The first line of every hook this command writes: how a file of ours is told from another. */
export const HOOK_MARK = '// jitsi-confkit apt hook: written by "jitsi-confkit hook install", removed by "jitsi-confkit hook remove".';

/** Characters a path may have to go into the hook unquoted (an apt.conf string, run by sh). */
const SAFE_PATH = /^\/[A-Za-z0-9_./@+-]+$/;

/** The apt hook that runs `script` with `node` (paths as the machine under the root sees them). */
export function hookText(node: string, script: string): string {
  return [
    HOOK_MARK,
    '// After every dpkg run apt makes (install, upgrade, remove), apply the desired state',
    '// (/etc/jitsi-confkit/state.yaml) again, logged to syslog with the tag jitsi-confkit.',
    '// It never fails apt: when jitsi-confkit is gone, or apply cannot apply an intent, apt goes on',
    '// ("jitsi-confkit status" tells what is left).',
    `DPkg::Post-Invoke { "if [ -x ${node} ] && [ -f ${script} ]; then ${node} ${script} hook run || true; fi"; };`,
    '',
  ].join('\n');
}

/** The hook file: where it is, and its bytes when it exists. */
function hookFile(ctx: Context): { path: string; display: string; bytes: Buffer | undefined } {
  const root = rootOf(ctx);
  const path = root.layout(APT_HOOK_FILE);
  const display = root.confined ? displayPath(root.lexical(APT_HOOK_FILE), ctx.io.cwd) : root.lexical(APT_HOOK_FILE);
  const bytes = existsOrLink(path) ? readRegular(path, display, ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) : undefined;
  try {
    if (!lstatSync(dirname(path)).isDirectory()) throw new Error('not a directory');
  } catch {
    const dir = root.confined ? displayPath(root.lexical(dirname(APT_HOOK_FILE)), ctx.io.cwd) : `/${dirname(APT_HOOK_FILE)}`;
    throw new FileError(dir, `no directory ${dir}: this is not a system with apt${ctx.options.root === undefined ? '' : ' (is --root right?)'}; nothing was written`);
  }
  return { path, display, bytes };
}

/** A hook file that is there but was not written by this command: never replaced or removed. */
function notOurs(display: string): FileError {
  return new FileError(display, `${display} exists and was not written by "jitsi-confkit hook install": it is left as it is; nothing was written`);
}

/**
 * The node and the script of this jitsi-confkit, as the machine under the root sees them: a
 * command installed there. npx's copy is refused: npm may remove it at any time, and dpkg runs
 * without the network.
 */
function installed(ctx: Context): { node: string; script: string } {
  const program = ctx.io.executable?.();
  if (program === undefined) throw new UsageError('cannot tell which program runs jitsi-confkit: run the installed jitsi-confkit command itself', ctx.command);
  if (/\/_npx\//.test(program.script)) {
    throw new UsageError(
      `this jitsi-confkit runs from npx's cache (${program.script}), which npm may clear at any time, while dpkg runs without the network: install it (npm install -g jitsi-confkit, or the Debian package), then run "jitsi-confkit hook install" with it`,
      ctx.command,
    );
  }
  const root = rootOf(ctx);
  const inside = (path: string): string => {
    if (!root.confined) return path;
    const rel = relative(root.dir, path);
    if (rel.startsWith('..') || rel === '' || rel.startsWith('/')) {
      throw new UsageError(
        `${path} is not inside --root ${ctx.options.root}: the hook must call a jitsi-confkit installed in that system; run the one installed there (chroot DIR jitsi-confkit hook install)`,
        ctx.command,
      );
    }
    return `/${rel}`;
  };
  const node = inside(program.node);
  const script = inside(program.script);
  for (const path of [node, script]) {
    if (!SAFE_PATH.test(path))
      throw new UsageError(`cannot write ${path} into the apt hook: it has characters that would need quoting (only letters, digits and _ . / @ + - go in)`, ctx.command);
  }
  return { node, script };
}

/** `hook install`: the apt hook, written or brought up to date; idempotent. */
export async function hookInstall(ctx: Context): Promise<number> {
  const program = installed(ctx);
  const place = hookFile(ctx);
  return withLock(ctx, [{ path: place.path, display: place.display, create: true }], async (lock) => {
    const file = hookFile(ctx);
    const before = file.bytes?.toString('utf8');
    if (before !== undefined && !before.startsWith(HOOK_MARK)) throw notOurs(file.display);
    const after = hookText(program.node, program.script);
    const own: OwnFile = { kind: 'hook', path: file.path, display: file.display, bytes: file.bytes, after, mode: 0o644 };
    const step: StepReport = {
      file: 'hook',
      path: file.display,
      action: `after every dpkg run, run ${program.node} ${program.script} hook run`,
      status: before === after ? 'already' : 'applied',
    };
    return finish(ctx, await commit([], lock, commitOptions(ctx), [own]), step);
  });
}

/** `hook remove`: removes the hook `hook install` wrote; none is nothing to do. */
export async function hookRemove(ctx: Context): Promise<number> {
  const place = hookFile(ctx);
  return withLock(ctx, [place], async (lock) => {
    const file = hookFile(ctx);
    const before = file.bytes?.toString('utf8');
    if (before !== undefined && !before.startsWith(HOOK_MARK)) throw notOurs(file.display);
    const own: OwnFile = { kind: 'hook', path: file.path, display: file.display, bytes: file.bytes, after: undefined, mode: 0o644 };
    const step: StepReport = {
      file: 'hook',
      path: file.display,
      action: before === undefined ? 'no apt hook to remove' : 'remove the apt hook',
      status: before === undefined ? 'already' : 'applied',
    };
    return finish(ctx, await commit([], lock, commitOptions(ctx), before === undefined ? [] : [own]), step);
  });
}

function finish(ctx: Context, committed: Awaited<ReturnType<typeof commit>>, step: StepReport): number {
  const outcome: Outcome = { changed: committed.changed, dryRun: ctx.options.dryRun, files: committed.files, steps: [step], diffs: committed.diffs, todo: [], warnings: [] };
  printOutcome(ctx.io, outcome, ctx.options.json);
  return 0;
}

/** The syslog priority of a line of apply's output. */
type Priority = 'err' | 'warning' | 'notice' | 'info';

/**
 * `hook run`: without a state file, nothing (quietly). Else `apply --keep-going`, its output
 * passed on and sent to syslog with `logger -t jitsi-confkit`; the exit status is always 0, so
 * that an upgrade never fails because of it.
 */
export async function hookRun(ctx: Context, run: (argv: readonly string[], io: Io) => Promise<number>): Promise<number> {
  try {
    if (readStateFile(ctx, statePlace(ctx)).bytes === undefined) return 0;
  } catch {
    // unreadable: apply says why, below
  }
  const argv = ['apply', '--keep-going'];
  if (ctx.options.root !== undefined) argv.push('--root', ctx.options.root);
  if (ctx.options.lockTimeout !== undefined) argv.push('--lock-timeout', String(ctx.options.lockTimeout));
  if (ctx.options.debug) argv.push('--debug');
  const lines: { priority: Priority; text: string }[] = [];
  const capture: Io = {
    stdout: (text) => {
      ctx.io.stdout(text);
      for (const line of splitLines(text)) lines.push({ priority: /^failed /.test(line) ? 'err' : 'info', text: line });
    },
    stderr: (text) => {
      ctx.io.stderr(text);
      for (const line of splitLines(text)) lines.push({ priority: /^warning: /.test(line) ? 'warning' : 'err', text: line });
    },
    env: { ...ctx.io.env, NO_COLOR: '1' },
    cwd: ctx.io.cwd,
    isTTY: false,
    now: () => ctx.io.now(),
  };
  if (ctx.io.hold !== undefined) capture.hold = ctx.io.hold.bind(ctx.io);
  const status = await run(argv, capture);
  // What was written is news; a run where every intent held is only a trace.
  const wrote = lines.some((l) => /^wrote /.test(l.text));
  for (const line of lines) if (line.priority === 'info' && (wrote || status !== 0)) line.priority = 'notice';
  sendToSyslog(ctx, lines);
  return 0;
}

function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Sends the lines to syslog (the journal) with logger(1), in order, each run of lines of one priority at once. */
function sendToSyslog(ctx: Context, lines: readonly { priority: Priority; text: string }[]): void {
  const env = { PATH: ctx.io.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
  for (let i = 0; i < lines.length;) {
    const { priority } = lines[i] as { priority: Priority };
    let j = i;
    while (j < lines.length && (lines[j] as { priority: Priority }).priority === priority) j++;
    const input = `${lines
      .slice(i, j)
      .map((l) => l.text)
      .join('\n')}\n`;
    const result = spawnSync('logger', ['-t', 'jitsi-confkit', '-p', `user.${priority}`], { input, env, encoding: 'utf8' });
    if (result.error !== undefined || result.status !== 0) {
      const why = result.error?.message ?? (result.stderr.trim() || `exit status ${result.status}`);
      ctx.io.stderr(`jitsi-confkit: could not send this to syslog with logger: ${why}\n`);
      return;
    }
    i = j;
  }
}
