/**
 * Intents over a deployment's file texts: applyState replays them in order (all or nothing, or
 * intent by intent with `partial`), checkState tells which no longer hold. Both call the same
 * recipe per intent, so they cannot disagree: an intent holds exactly when applying it changes
 * nothing.
 */
import { ConfkitError, unifiedDiff, UnsupportedEditError } from '@jitsi-confkit/core';
import type { DeploymentFile, DeploymentFiles } from '@jitsi-confkit/recipes';
import type { StateDocument } from './document.js';
import { IntentError } from './errors.js';
import { FILE_NAME_OF } from './files.js';
import type { IntentKind, IntentLike, KindOutcome } from './kind.js';
import type { IntentKinds } from './kinds/index.js';
import type { ApplyResult, Difference, IntentCheck, IntentStep, StateIntent } from './types.js';

export interface ApplyOptions {
  /**
   * Apply what can be applied: an intent that cannot be applied is reported as `failed` (with its
   * error) and its changes are left out, instead of the whole call throwing. Default false: all or
   * nothing.
   */
  partial?: boolean;
}

const MEMBERS: readonly DeploymentFile[] = ['prosody', 'meetConfig', 'jicofoConf', 'sipCommunicator', 'interfaceConfig'];

/** The file names as the state file writes them, by DeploymentFiles member. */
const NAMES: Readonly<Record<DeploymentFile, string>> = FILE_NAME_OF;

/**
 * Applies every intent of the state, in order, to the files' texts (recipes' DeploymentFiles).
 * All or nothing: when an intent cannot be applied (a file that does not parse, a value that is
 * not a literal, a file that does not fit), it throws an IntentError naming the intent and its
 * line in the state file, and nothing is returned. Applied to its own output it changes nothing
 * (every step `already`). The input object is never modified.
 */
export function applyState(state: StateDocument, files: DeploymentFiles, options: ApplyOptions = {}): ApplyResult {
  const { kinds } = state;
  const input = copyFiles(files);
  let current: DeploymentFiles = { ...input };
  const steps: IntentStep[] = [];
  const todo: string[] = [];
  const warnings: string[] = [];
  for (const ref of state.intents) {
    const attempt = attemptIntent(ref, kindOf(kinds, ref.intent), current);
    if ('failure' in attempt) {
      if (options.partial !== true) throw attempt.failure;
      steps.push({ intent: ref, status: 'failed', reason: attempt.failure.message, error: attempt.failure, steps: [] });
      continue;
    }
    const { outcome } = attempt;
    const changed = MEMBERS.some((m) => outcome.files[m] !== current[m]);
    current = outcome.files;
    steps.push({
      intent: ref,
      status: outcome.skipped !== undefined ? 'skipped' : changed ? 'applied' : 'already',
      ...(outcome.skipped === undefined ? {} : { reason: outcome.skipped }),
      steps: outcome.steps,
    });
    if (changed) {
      for (const line of outcome.todo) if (!todo.includes(line)) todo.push(line);
      for (const line of outcome.warnings) if (!warnings.includes(line)) warnings.push(line);
    }
  }
  assertHolds(state, current, kinds, steps);
  return { files: current, steps, todo, warnings, changed: MEMBERS.some((m) => current[m] !== input[m]) };
}

/**
 * Whether each intent holds in the files, without changing anything: `holds` when applying it
 * alone would change nothing, `drifted` with the files and the lines that would change, or
 * `cannot-apply` with the reason (a file not given or too old for it, a file or value refused).
 */
export function checkState(state: StateDocument, files: DeploymentFiles): IntentCheck[] {
  const { kinds } = state;
  const input = copyFiles(files);
  return state.intents.map((ref) => checkIntent(ref, kindOf(kinds, ref.intent), input));
}

/** Applies one intent: the kind's outcome, or the IntentError for the library error it threw. */
function attemptIntent(ref: StateIntent, kind: IntentKind<IntentLike>, files: DeploymentFiles): { outcome: KindOutcome } | { failure: IntentError } {
  try {
    return { outcome: kind.apply(ref.intent, files) };
  } catch (error) {
    if (!(error instanceof ConfkitError)) throw error;
    return { failure: new IntentError(ref, error) };
  }
}

function checkIntent(ref: StateIntent, kind: IntentKind<IntentLike>, files: DeploymentFiles): IntentCheck {
  const attempt = attemptIntent(ref, kind, files);
  if ('failure' in attempt) return { intent: ref, status: 'cannot-apply', reason: attempt.failure.message, error: attempt.failure };
  const { outcome } = attempt;
  if (outcome.skipped !== undefined) return { intent: ref, status: 'cannot-apply', reason: outcome.skipped, steps: outcome.steps };
  const differences: Difference[] = [];
  for (const member of MEMBERS) {
    const before = files[member];
    const after = outcome.files[member];
    if (before === undefined || after === undefined || before === after) continue;
    const action = outcome.steps
      .filter((s) => s.file === member && s.status === 'applied')
      .map((s) => s.action)
      .join('; ');
    differences.push({ file: member, action, diff: unifiedDiff(readable(member, before), readable(member, after), { path: NAMES[member], context: 0 }) });
  }
  return differences.length === 0 ? { intent: ref, status: 'holds' } : { intent: ref, status: 'drifted', differences };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The Prosody text is bytes as latin1: shown as the UTF-8 it holds, where it is valid UTF-8. */
function readable(member: DeploymentFile, text: string): string {
  if (member !== 'prosody') return text;
  try {
    return utf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/**
 * After applying, every intent applied must still hold: a later intent must not have undone an
 * earlier one (the state file's contradiction checks keep them apart; this makes it a guarantee).
 */
function assertHolds(state: StateDocument, files: DeploymentFiles, kinds: IntentKinds, steps: readonly IntentStep[]): void {
  for (const ref of state.intents) {
    if (steps.find((s) => s.intent.index === ref.index)?.status === 'failed') continue;
    const check = checkIntent(ref, kindOf(kinds, ref.intent), files);
    if (check.status === 'drifted') {
      throw new IntentError(ref, new UnsupportedEditError(`a later intent undid it (${check.differences!.map((d) => d.file).join(', ')}); nothing was applied`));
    }
  }
}

function kindOf(kinds: IntentKinds, intent: IntentLike): IntentKind<IntentLike> {
  const kind = kinds.find((k) => k.kind === intent.kind);
  if (kind === undefined) throw new UnsupportedEditError(`No intent kind "${intent.kind}" among the kinds given`);
  return kind;
}

function copyFiles(files: DeploymentFiles): DeploymentFiles {
  const out: DeploymentFiles = {};
  for (const member of MEMBERS) {
    const text = files[member];
    if (text !== undefined) out[member] = text;
  }
  return out;
}
