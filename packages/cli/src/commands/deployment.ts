/** The commands over a whole deployment: `secure-domain enable|disable` and `check`. */
import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { unifiedDiff } from '@jitsi-confkit/core';
import type { ExtraFile, JwtOptions, ModerationOptions, RecipeResult, RecipeStep, SecureDomainOptions } from '@jitsi-confkit/recipes';
import type { Context } from '../context.js';
import { describeMissing, isSecondaryHost, PROSODY_EXAMPLE_HOSTS } from '@jitsi-confkit/recipes/deployment';
import { brokenLinkMessage, brokenLinks, chooseHost, displayPath, hostsUnder, layoutOf, locate, neededFlags } from '../discover.js';
import type { BrokenLink, Layout, Located, Search } from '../discover.js';
import { FileError, UsageError } from '../errors.js';
import type { MissingFile } from '../errors.js';
import { DEFAULT_MAX_FILE_SIZE, readRegular, readSource } from '../files.js';
import type { SourceFile } from '../files.js';
import { commit, commitOptions, lockOptions, withFile, withFiles, withLock } from '../commit.js';
import type { ExtraChange } from '../commit.js';
import { paintFor } from '../io.js';
import { lockFiles, newFileTarget, realTarget } from '../lock.js';
import type { WriterLock } from '../lock.js';
import { Root } from '../root.js';
import type { FileKind } from '../kinds.js';
import { loadProsodyConfig, loadRecipes } from '../libraries.js';
import { printOutcome } from '../report.js';
import { assertHolds, deploymentFiles, layoutHostOf, notInLayout, parseStateFile, readStateFile, rootOf, saveIntent, stateWarnings, withSaving } from '../state.js';
import type { SaveRequest, Saving } from '../state.js';
import type { Intent, JwtIntent, ModerationIntent, SecureDomainIntent } from '@jitsi-confkit/state';
import type { Finding, Outcome, StepReport } from '../report.js';

const DEPLOYMENT_KINDS: readonly FileKind[] = ['prosody', 'meetConfig', 'jicofoConf', 'sipCommunicator'];

type Recipes = Awaited<ReturnType<typeof loadRecipes>>;
type Texts = Partial<Record<FileKind, string>>;

/** What a deployment command runs once the files are read and locked: a recipe call. */
type RecipeCall = (recipes: Recipes, texts: Texts, host: string, ctx: Context, found: ReadDeployment) => RecipeResult;

/** `secure-domain enable` and `secure-domain disable` */
export function secureDomain(enable: boolean) {
  return deploymentRecipe(
    (recipes, texts, host, ctx) => {
      const options: SecureDomainOptions = { host, enable, partial: ctx.options.partial };
      if (ctx.options.guest !== undefined) options.guestHost = ctx.options.guest;
      if (ctx.options.auth !== undefined) options.authentication = ctx.options.auth;
      if (ctx.options.removeGuest) options.removeGuestHost = true;
      return recipes.secureDomain(texts, options);
    },
    'The secure domain',
    {
      request: (c, host) => {
        const intent: SecureDomainIntent = { kind: 'secure-domain', host };
        if (c.options.guest !== undefined) intent.guest = c.options.guest;
        if (c.options.auth !== undefined) intent.authentication = c.options.auth as SecureDomainIntent['authentication'];
        // disable is the undo of enable: it removes the recorded secure domain.
        return enable ? { record: intent, host } : { remove: { kind: 'secure-domain' }, what: 'the secure domain', host };
      },
      whole: 'the secure domain',
    },
  );
}

/** `jwt enable` and `jwt disable`. The secret is read before anything is locked (stdin may be slow). */
export function jwtCommand(enable: boolean) {
  return async (ctx: Context): Promise<number> => {
    const secret = enable ? readSecret(ctx) : undefined;
    return deploymentRecipe(
      (recipes, texts, host, c, found) => {
        const o = c.options;
        const options: JwtOptions = { host, enable, partial: o.partial };
        if (o.guest !== undefined) options.guestHost = o.guest;
        if (!enable) {
          if (o.removeGuest) options.removeGuestHost = true;
          return recipes.jwt(texts, options);
        }
        if (secret !== undefined) options.secret = secret;
        if (o.appId !== undefined) options.appId = o.appId;
        if (o.secretStorage !== undefined) options.secretStorage = o.secretStorage;
        if (o.credential !== undefined) options.credentialName = o.credential;
        const version = prosodyVersion(found);
        if (version !== undefined) options.prosodyVersion = version;
        if (o.issuer !== undefined) options.issuer = o.issuer;
        if (o.audience.length > 0) options.audiences = [...o.audience];
        if (o.jwksUrl !== undefined) options.jwksUrl = o.jwksUrl;
        if (o.keyServer !== undefined) options.keyServer = o.keyServer;
        if (o.clientId !== undefined) options.clientId = o.clientId;
        if (o.requireRoomClaim) options.requireRoomClaim = true;
        if (o.noWebLogin) options.webLogin = false;
        if (o.tokenAuthUrl !== undefined) options.tokenAuthUrl = o.tokenAuthUrl;
        if (o.guests) options.guests = true;
        if (o.allowEmptyToken) options.allowEmptyToken = true;
        return recipes.jwt(texts, options);
      },
      'Token authentication',
      {
        // The secret is never recorded: apply keeps the one the host has. disable removes the intent.
        request: (c, host) => (enable ? { record: jwtIntent(c, host), host } : { remove: { kind: 'jwt' }, what: 'token authentication', host }),
      },
    )(ctx);
  };
}

/** What `jwt enable` records with --save: every option it was given but the secret. */
function jwtIntent(ctx: Context, host: string): JwtIntent {
  const o = ctx.options;
  const intent: JwtIntent = { kind: 'jwt', host };
  if (o.appId !== undefined) intent.appId = o.appId;
  if (o.issuer !== undefined) intent.issuer = o.issuer;
  if (o.audience.length > 0) intent.audiences = [...o.audience];
  if (o.jwksUrl !== undefined) intent.jwksUrl = o.jwksUrl;
  if (o.keyServer !== undefined) intent.keyServer = o.keyServer;
  if (o.clientId !== undefined) intent.clientId = o.clientId;
  if (o.requireRoomClaim) intent.requireRoomClaim = true;
  if (o.noWebLogin) intent.webLogin = false;
  if (o.tokenAuthUrl !== undefined) intent.tokenAuthUrl = o.tokenAuthUrl;
  if (o.guests) intent.guests = true;
  if (o.guest !== undefined) intent.guest = o.guest;
  if (o.allowEmptyToken) intent.allowEmptyToken = true;
  if (o.secretStorage !== undefined) intent.secretStorage = o.secretStorage;
  if (o.credential !== undefined) intent.credential = o.credential;
  return intent;
}

/** `moderation set` */
export const moderationSet = deploymentRecipe(
  (recipes, texts, host, ctx) => {
    const o = ctx.options;
    const options: ModerationOptions = { host, partial: o.partial };
    if (o.lobby !== undefined) options.lobby = o.lobby;
    if (o.waitForHost !== undefined) options.waitForHost = o.waitForHost;
    if (o.authenticatedModerators !== undefined) options.authenticatedModerators = o.authenticatedModerators;
    if (o.maxParticipants !== undefined) options.maxParticipants = o.maxParticipants;
    if (o.autoOwner !== undefined) options.autoOwner = o.autoOwner;
    return recipes.moderation(texts, options);
  },
  'Moderation',
  {
    // The options given, over those recorded before: each option is a state of its own.
    request: (ctx, host, recorded) => {
      const before = recorded.find((i): i is ModerationIntent => i.kind === 'moderation' && i.host === host);
      const o = ctx.options;
      const intent: ModerationIntent = { ...before, kind: 'moderation', host };
      if (o.lobby !== undefined) intent.lobby = o.lobby;
      if (o.waitForHost !== undefined) intent.waitForHost = o.waitForHost;
      if (o.authenticatedModerators !== undefined) intent.authenticatedModerators = o.authenticatedModerators;
      if (o.maxParticipants !== undefined) intent.maxParticipants = o.maxParticipants === null ? false : o.maxParticipants;
      if (o.autoOwner !== undefined) intent.autoOwner = o.autoOwner;
      return { record: intent, host };
    },
  },
  (found) => (found.sources.some((s) => s.kind === 'prosody') ? [] : ['prosody']),
);

/** The most bytes a secret file may have: a JWT secret is a few dozen. */
const MAX_SECRET_BYTES = 4096;

/**
 * The shared secret from --secret-file or --secret-stdin (one final line break dropped: `echo` and
 * editors add it), never from the command line. Undefined when neither is given.
 */
function readSecret(ctx: Context): string | undefined {
  const { secretFile, secretStdin } = ctx.options;
  if (secretFile !== undefined && secretStdin) throw new UsageError('give the secret with --secret-file or --secret-stdin, not both', ctx.command);
  let bytes: Buffer;
  let from: string;
  if (secretFile !== undefined) {
    const path = resolvePath(ctx.io.cwd, secretFile);
    from = secretFile;
    bytes = readRegular(path, secretFile, MAX_SECRET_BYTES);
    try {
      const mode = statSync(path).mode;
      if ((mode & 0o077) !== 0)
        ctx.io.stderr(
          `${paintFor(ctx.io).yellow('warning:')} ${secretFile} is readable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): chmod 600 ${secretFile}\n`,
        );
    } catch {
      // read already: the mode is only advice
    }
  } else if (secretStdin) {
    if (ctx.io.readStdin === undefined) throw new UsageError('--secret-stdin: there is no standard input to read', ctx.command);
    from = 'standard input';
    bytes = ctx.io.readStdin();
    if (bytes.length > MAX_SECRET_BYTES) throw new FileError(from, `the secret on ${from} is over ${MAX_SECRET_BYTES} bytes: is it the right input?`);
  } else {
    return undefined;
  }
  const text = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (!Buffer.from(text, 'utf8').equals(bytes.subarray(0, Buffer.byteLength(text)))) {
    throw new FileError(from, `the secret on ${from} is not UTF-8 text`);
  }
  if (text === '') throw new FileError(from, `${from} holds no secret (it is empty)`);
  return text;
}

/** The Prosody version installed under the root (Debian's /usr/lib/prosody/prosody.version), if it says. */
function prosodyVersion(found: ReadDeployment): string | undefined {
  return installedProsodyVersion(found.rootDir ?? Root.system);
}

/** The installed Prosody's version under `root`: Prosody's own version file, else dpkg's status; undefined when neither says. */
export function installedProsodyVersion(root: Root): string | undefined {
  try {
    const text = readRegular(root.resolve('/usr/lib/prosody/prosody.version'), 'prosody.version', 256).toString('latin1').trim();
    if (/^\d+\.\d+/.test(text)) return text;
  } catch {
    // not there: dpkg's status
  }
  try {
    const status = readRegular(root.resolve('/var/lib/dpkg/status'), 'dpkg status', 64 * 1024 * 1024).toString('latin1');
    for (const stanza of status.split(/\n\n+/)) {
      if (!/^Package: prosody$/m.test(stanza) || !/^Status: install ok installed$/m.test(stanza)) continue;
      const version = /^Version: (?:\d+:)?([^\s-]+)/m.exec(stanza)?.[1];
      if (version !== undefined) return version;
    }
  } catch {
    // no dpkg database
  }
  return undefined;
}

/**
 * What --save does for a command: the intent it records (or, for an undo, the intents it
 * removes), and, for an intent that `apply` applies to all of its files or to none, what to call
 * it in the refusal of --partial.
 */
interface SaveSpec {
  /** `recorded`: the intents the state file holds now. */
  request: (ctx: Context, host: string, recorded: readonly Intent[]) => SaveRequest;
  whole?: string;
}

/**
 * A command that runs one recipe over the deployment's files: found, locked (with the state file,
 * under --save), read, the recipe called, its files (and the files beside them it asks for) and
 * the state file written through the one write path, all or nothing. `needs` says which files are
 * missing when the recipe needs other ones than the secure domain's.
 */
function deploymentRecipe(call: RecipeCall, what: string, save: SaveSpec | undefined, needs?: (found: ReadDeployment) => FileKind[]) {
  return async (ctx: Context): Promise<number> => {
    const found = await deployment(ctx);
    if (ctx.options.save) {
      if (save === undefined) throw new UsageError('--save: this command records no intent', ctx.command);
      checkSavable(ctx, found, save);
    }
    return withSaving(ctx, (saving) =>
      withLock(ctx, [...found.files, ...(saving === undefined ? [] : [saving.lock])], (lock) =>
        recipeLocked(ctx, lock, readDeployment(ctx, found), { call, what, save, needs }, saving),
      ),
    );
  };
}

/**
 * --save records intents about the files `apply` finds: not with a file named elsewhere, and not
 * with --partial for an intent applied whole.
 */
function checkSavable(ctx: Context, found: Deployment, save: SaveSpec): void {
  if (ctx.options.partial && save.whole !== undefined) {
    throw new UsageError(
      `--save cannot go with --partial: "jitsi-confkit apply" applies ${save.whole} to all of its files or to none, and would refuse it on the files found here every time`,
      ctx.command,
    );
  }
  const root = rootOf(ctx);
  for (const file of found.files) {
    const host = layoutHostOf(root, file.kind, file.path);
    if (host === undefined || (host !== '' && host !== found.host)) throw notInLayout(ctx, file.display, file.kind);
  }
}

interface RecipeCommand {
  call: RecipeCall;
  what: string;
  save: SaveSpec | undefined;
  needs?: ((found: ReadDeployment) => FileKind[]) | undefined;
}

/** One recipe, with the writer lock of every file (and of the state file, with --save) held (none under --dry-run). */
async function recipeLocked(ctx: Context, lock: WriterLock | undefined, found: ReadDeployment, command: RecipeCommand, saving: Saving | undefined): Promise<number> {
  const { call, what, save, needs } = command;
  const { host, sources, missing, broken } = found;
  const recipes = await loadRecipes();
  const { FILE_NOT_GIVEN, PROPERTIES_NOT_GIVEN_WARNING } = recipes;
  // All or nothing across the files: a missing one stops the command before anything is written.
  const absent = needs === undefined ? absentFiles(found, recipes.missingFiles) : absentFiles(found, () => needs(found));
  if (absent.length > 0 && !ctx.options.partial) throw missingFilesError(ctx, found, absent, recipes.closeMatches, what);
  const result = await withFiles(sources, () => call(recipes, textsOf(sources), host, ctx, found));
  const edited = sources.map((source) => {
    const after = result.files[source.kind] ?? source.text;
    const before = result.masked?.before[source.kind];
    const shown = result.masked?.after[source.kind];
    return before !== undefined && shown !== undefined ? { source, after, shown: { before, after: shown } } : { source, after };
  });
  const stateFile = saving === undefined ? undefined : readStateFile(ctx, saving.place);
  const recorded = stateFile === undefined ? [] : (await parseStateFile(stateFile)).intents.map((i) => i.intent);
  const request = stateFile === undefined ? undefined : save?.request(ctx, host, recorded);
  const saved = stateFile === undefined || request === undefined ? undefined : await saveIntent(ctx, stateFile, request);
  if (saved !== undefined && request !== undefined) await assertHolds(request, deploymentFiles(edited));
  const extra = await extraChanges(ctx, found, lock, result.extraFiles ?? []);
  const committed = await commit(edited, extra.lock, commitOptions(ctx), saved?.own ?? [], extra.changes).catch((error: unknown) => {
    extra.cleanup();
    throw error;
  });
  const steps: StepReport[] = [...result.steps.map((step) => withPath(step, sources, missing, FILE_NOT_GIVEN)), ...extra.steps, ...(saved === undefined ? [] : [saved.step])];
  const warnings = [
    ...(await stateWarnings(ctx, edited, saved)),
    ...broken.map(brokenLinkMessage),
    // The recipe's warning that a sip-communicator.properties it was not given might override
    // jicofo.conf is moot when the CLI looked for that file where Jicofo reads it and found none.
    ...result.warnings.filter((w) => !(missing.sipCommunicator !== undefined && w.startsWith(PROPERTIES_NOT_GIVEN_WARNING))),
    ...(newInlineSecret(ctx) ? secretFileWarnings(found, result) : []),
  ];
  const outcome: Outcome = { changed: committed.changed, dryRun: ctx.options.dryRun, files: committed.files, steps, diffs: committed.diffs, todo: result.todo, warnings };
  printOutcome(ctx.io, outcome, ctx.options.json);
  return 0;
}

/** Whether the command puts a JWT secret given to it into the Prosody host file as a string. */
function newInlineSecret(ctx: Context): boolean {
  return ctx.command === 'jwt enable' && (ctx.options.secretFile !== undefined || ctx.options.secretStdin) && ctx.options.secretStorage !== 'credential';
}

/** A Prosody host file that holds a secret string and that every local user may read: say so (never the secret). */
function secretFileWarnings(found: ReadDeployment, result: RecipeResult): string[] {
  const source = found.sources.find((s) => s.kind === 'prosody');
  const after = result.files.prosody;
  const shown = result.masked?.after.prosody;
  if (source === undefined || after === undefined || shown === undefined || shown === after) return [];
  let mode: number;
  try {
    mode = statSync(source.path).mode & 0o777;
  } catch {
    return [];
  }
  if ((mode & 0o004) === 0) return [];
  return [
    `${source.display} holds a secret and every local user may read it (mode ${mode.toString(8).padStart(4, '0')}): chgrp prosody ${source.display} && chmod 640 ${source.display}, or store the JWT secret as a credential (--secret-storage credential, Prosody 13)`,
  ];
}

interface Extra {
  changes: ExtraChange[];
  steps: StepReport[];
  /** The lock, with the extra files' locks added (undefined under --dry-run). */
  lock: WriterLock | undefined;
  /** Removes the directories made for new files (after a failure). */
  cleanup(): void;
}

/**
 * The files a recipe wants beside the deployment's (the credential and prosody.service's drop-in):
 * compared with what is on disk under the root, locked, and turned into creations, replacements
 * and removals for the write path. A secret's content is never in a diff or a step.
 */
async function extraChanges(ctx: Context, found: ReadDeployment, lock: WriterLock | undefined, extras: readonly ExtraFile[]): Promise<Extra> {
  const made: string[] = [];
  const cleanup = (): void => {
    for (const d of [...made].reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty, or gone: left
      }
    }
  };
  if (extras.length === 0) return { changes: [], steps: [], lock, cleanup };
  const root = found.rootDir ?? Root.system;
  const limit = ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const planned = extras.map((extra) => {
    const path = root.resolve(extra.path);
    const display = displayPath(path, ctx.io.cwd);
    return { extra, path, display };
  });
  // Their directories exist before their locks are taken (a lock lives beside its file).
  let extraLock: WriterLock | undefined;
  if (!ctx.options.dryRun) {
    for (const p of planned) {
      if (p.extra.content === null) continue;
      const missingDirs: string[] = [];
      for (let d = dirname(p.path); !existsSync(d); d = dirname(d)) missingDirs.unshift(d);
      for (const d of missingDirs) {
        mkdirSync(d, { mode: p.extra.directoryMode });
        made.push(d);
      }
    }
    try {
      extraLock = await lockMore(
        ctx,
        planned.map((p) => ({ path: p.path, display: p.display })),
      );
    } catch (error) {
      cleanup();
      throw error;
    }
    lock?.absorb(extraLock);
  }
  const changes: ExtraChange[] = [];
  const steps: StepReport[] = [];
  for (const { extra, path, display } of planned) {
    let existing: Buffer | undefined;
    if (existsSync(path)) existing = readRegular(path, display, limit);
    const wanted = extra.content === null ? undefined : Buffer.from(extra.content, 'latin1');
    const step: StepReport = { file: 'prosody', action: extra.action, status: 'already', path: display };
    const describe = (bytes: Buffer | undefined): string => (bytes === undefined ? '' : extra.secret ? `(the secret, ${bytes.length} bytes: not shown)\n` : bytes.toString('utf8'));
    const diff =
      existing !== undefined && wanted !== undefined && existing.equals(wanted)
        ? ''
        : extra.secret
          ? `--- ${existing === undefined ? '/dev/null' : `a/${display}`}\n+++ ${wanted === undefined ? '/dev/null' : `b/${display}`}\n${existing === undefined ? '' : `-${describe(existing)}`}${wanted === undefined ? '' : `+${describe(wanted)}`}`
          : unifiedDiff(describe(existing), describe(wanted), { path: display });
    const change: ExtraChange = { kind: extra.kind, display, diff };
    // Created with its mode (its owner: the user running the command, root), replaced keeping no
    // more of its mode than a secret may have, or removed; nothing when it is as wanted.
    if (wanted === undefined ? existing !== undefined : existing === undefined || !existing.equals(wanted)) {
      change.replacement = { file: { path, display, bytes: existing }, bytes: wanted, mode: extra.mode, ...(extra.secret ? { modeMask: 0o7700 } : {}) };
      step.status = 'applied';
    }
    changes.push(change);
    steps.push(step);
  }
  return { changes, steps, lock, cleanup };
}

/** Takes the writer lock of more files (found after the first ones were read; those missing are locked where they will be). */
async function lockMore(ctx: Context, files: readonly { path: string; display: string }[]): Promise<WriterLock> {
  return lockFiles(
    files.map((f) => ({ target: realTarget(f.path) ?? newFileTarget(f.path) ?? f.path, display: f.display })),
    lockOptions(ctx),
  );
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
  findings.unshift(...missingFileFindings(ctx, located, recipes));
  findings.push(...brokenLinkFindings(broken));
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
    for (const [kind, looked] of Object.entries(missing)) if (!reported.has(kind)) lines.push(`not found ${looked.join(' or ')}`);
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

/**
 * The files a deployment command needs and did not find, as error findings with where it looked
 * (none under --partial).
 */
export function missingFileFindings(ctx: Context, located: ReadDeployment, recipes: Awaited<ReturnType<typeof loadRecipes>>): Finding[] {
  if (ctx.options.partial) return [];
  const hint = hostHint(ctx, located, recipes.closeMatches);
  return absentFiles(located, recipes.missingFiles).map((absent) => {
    const finding: Finding = {
      severity: 'error',
      file: absent.kind,
      code: 'file-missing',
      message: `The secure domain cannot be checked without ${absent.described}`,
      fix: `${hint === '' ? '' : `${hint} `}Name the file with ${absent.flags}, or check the files found only with --partial`,
    };
    if (absent.lookedFor[0] !== undefined) finding.path = absent.lookedFor[0];
    return finding;
  });
}

/** Prosody does not start with a broken link in conf.d: an error like the recipe's own. */
export function brokenLinkFindings(broken: readonly BrokenLink[]): Finding[] {
  return broken.map((link) => ({ severity: 'error', file: 'prosody', code: 'broken-symlink', message: brokenLinkMessage(link), path: link.path }));
}

export interface Deployment {
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
  /** The root searched, undefined when only files named on the command line are used. */
  rootDir: Root | undefined;
}

/** A deployment with its files read. */
export interface ReadDeployment extends Deployment {
  sources: SourceFile[];
}

/** The root as shown: `.` for the working directory, else as displayPath shows it. */
function rootShown(root: Root, cwd: string): string {
  if (!root.confined) return '/';
  const shown = displayPath(root.given, cwd);
  return shown === root.given && root.given === cwd ? '.' : shown;
}

/** The host and the deployment's files (found, not read). */
export async function deployment(ctx: Context): Promise<Deployment> {
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
  return { host, root, hosts, files, missing, broken, rootDir: layout.root };
}

/** The deployment with its files read (regular files only, within the size limit). */
export function readDeployment(ctx: Context, found: Deployment): ReadDeployment {
  return { ...found, sources: readAll(ctx, found.files) };
}

export function readAll(ctx: Context, files: readonly Located[]): SourceFile[] {
  const limit = ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return files.map((f) => readSource(f.kind, f.path, f.display, limit));
}

/** A file the command needs and did not find. */
interface AbsentFile extends MissingFile {
  kind: RecipeStep['file'];
  /** The options that name such a file. */
  flags: string;
  /** The file and where it was looked for, in recipes' wording (describeMissing). */
  described: string;
}

/** The files the secure domain needs that were not found, with the paths looked at. */
function absentFiles(found: ReadDeployment, missingFiles: (files: Partial<Record<FileKind, string>>) => FileKind[]): AbsentFile[] {
  return missingFiles(textsOf(found.sources)).map((kind) => {
    const flags = neededFlags(kind);
    const lookedFor = lookedForKind(found.missing, kind);
    return { kind, flags, lookedFor, described: describeMissing(kind, { lookedFor, flags }) };
  });
}

/** The paths looked at for a file a recipe needs (`jicofoConf`: either of Jicofo's files). */
export function lookedForKind(missing: Search['missing'], kind: FileKind): string[] {
  return kind === 'jicofoConf' ? [...(missing.jicofoConf ?? []), ...(missing.sipCommunicator ?? [])] : [...(missing[kind] ?? [])];
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
function missingFilesError(
  ctx: Context,
  found: ReadDeployment,
  absent: readonly AbsentFile[],
  closeMatches: (name: string, candidates: readonly string[]) => string[],
  what = 'The secure domain',
): FileError {
  void what;
  const lines = [`${ctx.command} needs these files for ${found.host}, and did not find them; nothing was written:`];
  for (const a of absent) lines.push(`  ${a.described}`);
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
      const sub = isSecondaryHost(host) || PROSODY_EXAMPLE_HOSTS.includes(host);
      if (!sub && components.some((c) => c.endsWith(`.${host}`))) found.add(host);
    }
  }
  return [...found].sort();
}

export function textsOf(sources: readonly SourceFile[]): Partial<Record<FileKind, string>> {
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
  if (rest.startsWith(notGiven))
    rest = rest
      .slice(notGiven.length)
      .trim()
      .replace(/^\((.*)\)$/s, '$1');
  return `not found: ${looked.join(' or ')}${rest === '' ? '' : `; ${rest}`}`;
}
