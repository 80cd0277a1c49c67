/** `get <file> <path>`, `set <file> <path> <value>` and `delete <file> <path>`: one value of one file, of any kind. */
import { ConfkitError, printable, ValidationError } from '@jitsi-confkit/core';
import type { SourcePosition } from '@jitsi-confkit/core';
import type { Scope } from '@jitsi-confkit/prosody-config';
import type { Context } from '../context.js';
import { detectKind, isUpgradeReplaced, placeOf, UPGRADE_WARNING } from '../discover.js';
import type { Place } from '../discover.js';
import { closest } from '../args.js';
import { FileError, UsageError } from '../errors.js';
import { DEFAULT_MAX_FILE_SIZE, readSource } from '../files.js';
import type { SourceFile } from '../files.js';
import { commit, commitOptions, withFile, withLock } from '../commit.js';
import { assertHolds, deploymentFiles, layoutHostOf, notInLayout, readStateFile, rootOf, saveIntent, stateWarnings, withSaving } from '../state.js';
import type { Saved, SaveRequest } from '../state.js';
import type { DeleteIntent, FileName, SetIntent, ValueTarget } from '@jitsi-confkit/state';
import { Root } from '../root.js';
import type { FileKind } from '../kinds.js';
import { loadJicofoConfig, loadProsodyConfig, loadWebConfig } from '../libraries.js';
import { printOutcome } from '../report.js';
import type { Outcome } from '../report.js';

/** A value as JSON-compatible data (what `set` accepts). */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One path of one document, whatever the file's language. */
interface Slot {
  get(): unknown;
  /** Why the path cannot be set at all in this file, when it cannot (a Prosody scope that is not there). */
  absent?(): string | undefined;
  /** Paths next to this one (same parent), for "did you mean" when `set` adds a new key. */
  siblings(): string[];
  /** Whether the key is none that the application reads (interface_config.js: Jitsi Meet's list). */
  unknownKey?(): boolean;
  locate(): SourcePosition | undefined;
  set(value: Json, raw: string): void;
  delete(): void;
  toString(): string;
}

/** `get <file> <path>`: prints the value as JSON; exit status 1 when it is not set. */
export async function getValue(ctx: Context, args: readonly string[]): Promise<number> {
  const [file, path] = args as [string, string];
  const source = open(ctx, file, placeIn(ctx, file));
  const slot = await withFile(source.display, async () => slotOf(source, path, ctx.command));
  const value = await withFile(source.display, () => slot.get());
  if (value === undefined) {
    const why = slot.absent?.();
    throw new ConfkitError('E_NOT_FOUND', `${path} is not set in ${source.display}${why === undefined ? '' : `: ${why}`}`);
  }
  const position = slot.locate();
  if (ctx.options.json) {
    const report = { file: source.display, kind: source.kind, path, value, line: position?.line ?? null, column: position?.column ?? null };
    ctx.io.stdout(`${JSON.stringify(report, plainValues, 2)}\n`);
  } else {
    ctx.io.stdout(`${JSON.stringify(value, plainValues)}\n`);
  }
  return 0;
}

/** `set <file> <path> <value>`: the value is JSON where it parses as JSON, else a string. */
export async function setValue(ctx: Context, args: readonly string[]): Promise<number> {
  const [file, path, raw] = args as [string, string, string];
  return editValue(ctx, file, path, { raw, value: ctx.options.string ? raw : readValue(raw) });
}

/** `delete <file> <path>`: the key and its value go; a value not set is `already`. */
export async function deleteValue(ctx: Context, args: readonly string[]): Promise<number> {
  const [file, path] = args as [string, string];
  return editValue(ctx, file, path, undefined);
}

/** What `set` writes: the value, and the argument as typed (a *.properties value is the text as typed). */
interface NewValue {
  raw: string;
  value: Json;
}

/** `set` (a value) or `delete` (undefined), under the writer lock of the file and, with --save, of the state file. */
async function editValue(ctx: Context, file: string, path: string, value: NewValue | undefined): Promise<number> {
  const place = placeIn(ctx, file);
  let saving: { kind: FileKind; host: string } | undefined;
  if (ctx.options.save) {
    // The intent is about the Debian-layout file `apply` finds: refused for any other, before anything is locked.
    const kind = detectKind(place, ctx.command, ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    const host = layoutHostOf(rootOf(ctx), kind, place.path);
    if (host === undefined) throw notInLayout(ctx, place.display, kind);
    saving = { kind, host };
  }
  return withSaving(ctx, (state) =>
    withLock(ctx, [place, ...(state === undefined ? [] : [state.lock])], async (lock) => {
      const source = open(ctx, file, place);
      const slot = await withFile(source.display, async () => slotOf(source, path, ctx.command, ctx.options.overlay));
      const added = value !== undefined && isUnset(slot);
      await withFile(source.display, () => {
        if (value === undefined) return slot.delete();
        try {
          slot.set(value.value, value.raw);
        } catch (error) {
          throw typeof value.value !== 'string' && error instanceof ValidationError && error.position === undefined ? withStringHint(error, value.raw) : error;
        }
      });
      const after = slot.toString();
      const edited = [{ source, after }];
      let saved: Saved | undefined;
      let request: SaveRequest | undefined;
      if (state !== undefined && saving !== undefined) {
        request = { record: intentOf(source.kind, path, value, ctx.command), ...(saving.host === '' ? {} : { host: saving.host }) };
        saved = await saveIntent(ctx, readStateFile(ctx, state.place), request);
        await assertHolds(request, deploymentFiles(edited));
      }
      const committed = await commit(edited, lock, commitOptions(ctx), saved?.own ?? []);
      const action = value === undefined ? `delete ${path}` : `set ${path} = ${JSON.stringify(value.value)}`;
      const outcome: Outcome = {
        changed: committed.changed,
        dryRun: ctx.options.dryRun,
        files: committed.files,
        steps: [{ file: source.kind, path: source.display, action, status: after !== source.text ? 'applied' : 'already' }, ...(saved === undefined ? [] : [saved.step])],
        diffs: committed.diffs,
        todo: [],
        warnings: [
          ...(await stateWarnings(ctx, edited, saved)),
          ...(source.kind === 'interfaceConfig' && isUpgradeReplaced(source.path) && saved === undefined ? [UPGRADE_WARNING] : []),
          ...(added && after !== source.text ? newKeyWarning(source, path, slot) : []),
        ],
      };
      printOutcome(ctx.io, outcome, ctx.options.json);
      return 0;
    }),
  );
}

/** The state file's names of the files, by kind. */
const FILE_NAME: Record<FileKind, FileName> = {
  interfaceConfig: 'interface_config.js',
  meetConfig: 'config.js',
  prosody: 'prosody',
  jicofoConf: 'jicofo.conf',
  sipCommunicator: 'sip-communicator.properties',
};

/** The `set` or `delete` intent of the command line (the Prosody path split into scope and key; a *.properties value as typed). */
function intentOf(kind: FileKind, path: string, value: NewValue | undefined, command: string): SetIntent | DeleteIntent {
  const target: ValueTarget = kind === 'prosody' ? { file: 'prosody', ...prosodyPath(path, command) } : { file: FILE_NAME[kind] as Exclude<FileName, 'prosody'>, path };
  if (value === undefined) return { kind: 'delete', ...target };
  return { kind: 'set', ...target, value: kind === 'sipCommunicator' ? value.raw : value.value };
}

/** Whether the path is not set before `set` (a value that cannot be read counts as set). */
function isUnset(slot: Slot): boolean {
  try {
    return slot.get() === undefined;
  } catch {
    return false;
  }
}

/**
 * `set` added a key that was not there. When it looks like a typo (a key next to it is one or two
 * letters away, or interface_config.js has no such key), say so; a plain new key says nothing.
 */
function newKeyWarning(source: SourceFile, path: string, slot: Slot): string[] {
  const near = closest(
    path,
    slot.siblings().filter((p) => p !== path),
  );
  const unknown = slot.unknownKey?.() === true;
  if (near === undefined && !unknown) return [];
  const what = unknown ? ', and it is not a known interface_config.js key' : '';
  const hint = near === undefined ? '; check its spelling' : ` (did you mean ${near}?)`;
  return [`${path} was not set in ${source.display}: it was added as a new key${what}${hint}`];
}

/** The keys of the object at `parent` ('' for the top level, which only `top` lists), as paths. */
function childPaths(get: (path: string) => unknown, parent: string, top: readonly string[] = []): string[] {
  if (parent === '') return [...top];
  let value: unknown;
  try {
    value = get(parent);
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.keys(value).map((key) => `${parent}.${key}`);
}

function parentOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(0, dot);
}

/** JSON where the text parses as JSON (true, 3, ["a"], "quoted"), else the text itself. */
export function readValue(raw: string): Json {
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return raw;
  }
}

/** A refused value that was read as JSON: the text itself may have been meant. */
function withStringHint(error: ValidationError, raw: string): ValidationError {
  return new ValidationError(`${error.message} (${printable(raw)} was read as JSON; to set it as text, add --string)`);
}

/** Where <file> is: relative to the working directory; under --root an absolute path is taken inside the root (see root.ts). */
function placeIn(ctx: Context, file: string): Place {
  const root = ctx.options.root === undefined ? Root.system : Root.at(ctx.options.root, ctx.io.cwd, ctx.command);
  return placeOf(file, root, ctx.io.cwd, ctx.command, true);
}

/** Reads <file> at `place`; its kind from its name, else its content. */
function open(ctx: Context, file: string, place: Place): SourceFile {
  const { root } = ctx.options;
  const limit = ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  try {
    return readSource(detectKind(place, ctx.command, limit), place.path, place.display, limit);
  } catch (error) {
    // A wrong --root shows as a doubled or odd path: say how it was made.
    if (root === undefined || !file.startsWith('/') || !(error instanceof FileError)) throw error;
    throw new FileError(error.path, `${error.message} (${file} taken under --root ${root})`, { cause: error.cause });
  }
}

async function slotOf(source: SourceFile, path: string, command: string, overlay = false): Promise<Slot> {
  const kind: FileKind = source.kind;
  switch (kind) {
    case 'interfaceConfig':
    case 'meetConfig': {
      const web = await loadWebConfig();
      // --overlay says so; otherwise the library tells an overlay from the text.
      const options = overlay ? { overlay } : {};
      const doc = kind === 'interfaceConfig' ? web.parseInterfaceConfig(source.text, options) : web.parseMeetConfig(source.text, options);
      const top = kind === 'interfaceConfig' ? Object.keys(web.INTERFACE_CONFIG_KINDS) : [];
      return {
        get: () => doc.get(path),
        siblings: () => childPaths((p) => doc.get(p), parentOf(path), top),
        unknownKey: () => kind === 'interfaceConfig' && !Object.hasOwn(web.INTERFACE_CONFIG_KINDS, path.split('.')[0] ?? ''),
        locate: () => doc.locate(path),
        set: (value) => void doc.set(path, value),
        delete: () => void doc.delete(path),
        toString: () => doc.toString(),
      };
    }
    case 'prosody': {
      const { parseProsodyConfig } = await loadProsodyConfig();
      const cfg = parseProsodyConfig(source.text, { encoding: 'latin1' });
      const { scope, key } = prosodyPath(path, command);
      return {
        get: () => cfg.get(scope, key),
        siblings: () => [],
        absent: () => {
          if (scope === 'global') return undefined;
          const [kind, name, names] = 'host' in scope ? ['VirtualHost', scope.host, cfg.hosts()] : ['Component', scope.component, cfg.components()];
          if (names.includes(name)) return undefined;
          return `there is no ${kind} "${printable(name)}" in it (${names.length === 0 ? `no ${kind}` : names.join(', ')})`;
        },
        locate: () => cfg.locate(scope, key),
        set: (value) => void cfg.set(scope, key, withoutNull(value, 'a Prosody setting')),
        delete: () => void cfg.delete(scope, key),
        toString: () => cfg.toString(),
      };
    }
    case 'jicofoConf': {
      const { parseJicofoConf } = await loadJicofoConfig();
      const doc = parseJicofoConf(source.text);
      return {
        get: () => doc.get(path),
        siblings: () => childPaths((p) => doc.get(p), parentOf(path)),
        locate: () => doc.locate(path),
        set: (value) => void doc.set(path, withoutNull(value, 'a jicofo.conf value')),
        delete: () => void doc.delete(path),
        toString: () => doc.toString(),
      };
    }
    case 'sipCommunicator': {
      const { parseProperties } = await loadJicofoConfig();
      const doc = parseProperties(source.text);
      return {
        get: () => doc.get(path),
        siblings: () => doc.keys(),
        locate: () => doc.locate(path),
        // A properties value is text: the argument is written as given, not as JSON.
        set: (_value, raw) => void doc.set(path, raw),
        delete: () => void doc.delete(path),
        toString: () => doc.toString(),
      };
    }
  }
}

/**
 * A Prosody path: `host:NAME/KEY` (a VirtualHost), `component:NAME/KEY`, `global/KEY`, or a KEY
 * alone (global).
 */
export function prosodyPath(path: string, command: string): { scope: Scope; key: string } {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return { scope: 'global', key: path };
  const where = path.slice(0, slash);
  const key = path.slice(slash + 1);
  if (key === '') throw new UsageError(`Prosody path "${printable(path)}" has no key after the "/"`, command);
  if (where === 'global') return { scope: 'global', key };
  const m = /^(host|component):(.+)$/.exec(where);
  if (m === null) {
    throw new UsageError(`Prosody path "${printable(path)}": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY`, command);
  }
  const name = m[2] as string;
  return { scope: m[1] === 'host' ? { host: name } : { component: name }, key };
}

type NonNull = string | number | boolean | NonNull[] | { [key: string]: NonNull };

function withoutNull(value: Json, what: string): NonNull {
  const check = (v: Json): NonNull => {
    if (v === null) throw new ValidationError(`null is not ${what}; give a string, number, boolean, array or object`);
    if (Array.isArray(v)) return v.map(check);
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, check(x)]));
    return v;
  };
  return check(value);
}

/** JSON.stringify replacer: a HOCON substitution prints as written in the file (`${VAR}`). */
function plainValues(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'substitution' in value && 'source' in value) return (value as { source: string }).source;
  return value;
}
