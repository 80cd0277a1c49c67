/**
 * The outcome of a command and how it is printed: one line per step, the diffs of a dry run,
 * what was written, then what is left to do; or, with --json, one object.
 */
import type { Finding as RecipeFinding, RecipeStep } from '@jitsi-confkit/recipes';
import { FILE_LABELS } from '@jitsi-confkit/recipes/deployment';
import type { Io, Paint } from './io.js';
import { paintFor } from './io.js';
import type { FileKind } from './kinds.js';

/** The files a command writes: the configuration files, the state file, an apt hook, the files a recipe adds (a credential, a systemd drop-in). */
export type ReportKind = FileKind | 'state' | 'hook' | 'credential' | 'systemd-drop-in';

/** A recipe's step, with the path of its file when the file was found; or a step on the state file or an apt hook. */
export interface StepReport extends Omit<RecipeStep, 'file'> {
  file: RecipeStep['file'] | 'state' | 'hook';
  path?: string;
}

export interface FileReport {
  /** The deployment file's kind, the state file or an apt hook, or a file a recipe adds beside them (`credential`, `systemd-drop-in`). */
  kind: ReportKind;
  path: string;
  changed: boolean;
  /** The file did not exist: this run created it (or, under --dry-run, would). */
  created?: boolean;
  /** This run removed the file (or, under --dry-run, would). */
  removed?: boolean;
  /** Where the backup copy is, when --backup kept one. */
  backup?: string;
}

/**
 * A finding of checkDeployment, with the path of its file; or one of the CLI's own about the file
 * system (`broken-symlink`: a conf.d link to a missing file, which keeps Prosody from starting).
 */
export interface Finding extends Omit<RecipeFinding, 'code'> {
  code: RecipeFinding['code'] | 'broken-symlink';
  path?: string;
}

/** The --json object. `findings` only for check. */
export interface Outcome {
  changed: boolean;
  dryRun: boolean;
  files: FileReport[];
  steps: StepReport[];
  diffs: { path: string; diff: string }[];
  todo: string[];
  warnings: string[];
  findings?: Finding[];
}

const LABELS: Record<StepReport['file'], string> = { ...FILE_LABELS, state: 'state file', hook: 'apt hook' };

export function printOutcome(io: Io, outcome: Outcome, json: boolean): void {
  if (json) {
    io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
    return;
  }
  const paint = paintFor(io);
  for (const warning of outcome.warnings) io.stderr(`${paint.yellow('warning:')} ${warning}\n`);
  const out: string[] = [];
  for (const step of outcome.steps) out.push(stepLine(step, paint));
  if (outcome.dryRun) {
    for (const { diff } of outcome.diffs) out.push('', colourDiff(diff.replace(/\n$/, ''), paint));
    if (outcome.steps.length > 0 || outcome.diffs.length > 0) out.push('');
    out.push(outcome.changed ? 'Dry run: nothing written.' : 'Nothing to change.');
  } else if (outcome.findings === undefined) {
    const written = outcome.files.filter((f) => f.changed);
    for (const file of written) {
      const verb = file.created === true ? 'created' : file.removed === true ? 'removed' : 'wrote';
      out.push(`${verb} ${file.path}${file.backup === undefined ? '' : ` (backup: ${file.backup})`}`);
    }
    if (written.length === 0) out.push('Nothing to change.');
  }
  if (outcome.todo.length > 0) {
    out.push('', 'Left to do:');
    for (const item of outcome.todo) out.push(`  - ${item}`);
  }
  io.stdout(`${out.join('\n')}\n`);
}

function stepLine(step: StepReport, paint: Paint): string {
  const colour = step.status === 'applied' ? paint.green : step.status === 'already' ? paint.dim : paint.yellow;
  const where = step.path ?? LABELS[step.file];
  const reason = step.reason === undefined ? '' : ` (${step.reason})`;
  return `${colour(step.status.padEnd(7))}  ${where}: ${step.action}${reason}`;
}

/** A unified diff with removed lines red, added lines green and hunk headers cyan. */
export function colourDiff(diff: string, paint: Paint): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('---') || line.startsWith('+++')) return paint.bold(line);
      if (line.startsWith('@@')) return paint.cyan(line);
      if (line.startsWith('-')) return paint.red(line);
      if (line.startsWith('+')) return paint.green(line);
      return line;
    })
    .join('\n');
}
