/** `get <file> <path>`, `set <file> <path> <value>` and `delete <file> <path>`: one value of one file, of any kind. */
import { ConfkitError, PathError, printable, ValidationError } from '@jitsi-confkit/core';
import { openDocument } from '@jitsi-confkit/recipes/documents';
import type { DeploymentDocument } from '@jitsi-confkit/recipes/documents';
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
import type { DeleteIntent, SetIntent } from '@jitsi-confkit/state';
import { Root } from '../root.js';
import type { FileKind } from '../kinds.js';
import { loadState } from '../libraries.js';
import { printOutcome } from '../report.js';
import type { Outcome } from '../report.js';
import { FILE_LABELS } from '@jitsi-confkit/recipes/deployment';

/** A value as JSON-compatible data (what `set` accepts). */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `get <file> <path>`: prints the value as JSON; exit status 1 when it is not set. */
export async function getValue(ctx: Context, args: readonly string[]): Promise<number> {
  const [file, path] = args as [string, string];
  const source = open(ctx, file, placeIn(ctx, file));
  const doc = await withFile(source.display, () => documentOf(source));
  const value = await atPath(source, ctx.command, () => doc.get(path));
  if (value === undefined) {
    const why = doc.unsettable(path);
    throw new ConfkitError('E_NOT_FOUND', `${path} is not set in ${source.display}${why === undefined ? '' : `: ${why}`}`);
  }
  const position = doc.locate(path);
  if (ctx.options.json) {
    const report = { file: source.display, kind: source.kind, path, value, line: position?.line ?? null, column: position?.column ?? null };
    ctx.io.stdout(`${JSON.stringify(report, plainValues, 2)}\n`);
  } else {
    ctx.io.stdout(`${JSON.stringify(value, plainValues)}\n`);
  }
  return 0;
}

/** `set <file> <path> <value>`: the value is JSON where it parses as JSON, else a string (a *.properties value is always the text as typed). */
export async function setValue(ctx: Context, args: readonly string[]): Promise<number> {
  const [file, path, raw] = args as [string, string, string];
  return editValue(ctx, file, path, { raw, value: ctx.options.string ? raw : readValue(raw) });
}

/** `delete <file> <path>`: the key and its value go; a value not set is `already`. */
export async function deleteValue(ctx: Context, args: readonly string[]): Promise<number> {
  const [file, path] = args as [string, string];
  return editValue(ctx, file, path, undefined);
}

/** What `set` writes: the argument as typed, and as read (JSON where it parses, unless --string). */
interface NewValue {
  raw: string;
  value: Json;
}

/** The value a document of `doc`'s kind takes: the text as typed where its values are text (see core's ValueForm). */
function valueFor(doc: DeploymentDocument, value: NewValue): unknown {
  return doc.valueForm === 'text' ? value.raw : value.value;
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
      // --overlay says so; otherwise the library tells an overlay from the text.
      const doc = await withFile(source.display, () => documentOf(source, ctx.options.overlay ? { overlay: true } : {}));
      const added = value !== undefined && isUnset(doc, path);
      await atPath(source, ctx.command, () => {
        if (value === undefined) return doc.delete(path);
        try {
          return doc.set(path, valueFor(doc, value));
        } catch (error) {
          throw typeof value.value !== 'string' && error instanceof ValidationError && !(error instanceof PathError) && error.position === undefined
            ? withStringHint(error, value.raw)
            : error;
        }
      });
      const after = doc.toString();
      const edited = [{ source, after }];
      let saved: Saved | undefined;
      let request: SaveRequest | undefined;
      if (state !== undefined && saving !== undefined) {
        const { targetOf } = await loadState();
        const target = targetOf(source.kind, path);
        const record: SetIntent | DeleteIntent = value === undefined ? { kind: 'delete', ...target } : { kind: 'set', ...target, value: valueFor(doc, value) as Json };
        request = { record, ...(saving.host === '' ? {} : { host: saving.host }) };
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
          ...(isUpgradeReplaced(source.path) && saved === undefined ? [UPGRADE_WARNING] : []),
          ...(added && after !== source.text ? newKeyWarning(source, path, doc) : []),
        ],
      };
      printOutcome(ctx.io, outcome, ctx.options.json);
      return 0;
    }),
  );
}

/** The file as the one document interface, its kind's library loaded on first use. */
async function documentOf(source: SourceFile, options: { overlay?: boolean } = {}): Promise<DeploymentDocument> {
  return openDocument(source.kind, source.text, options);
}

/**
 * Runs `work` on the document, about `source`: a path the file's kind cannot read is a usage
 * error (as for any argument the command line gets wrong), whatever the kind.
 */
async function atPath<T>(source: SourceFile, command: string, work: () => T): Promise<T> {
  try {
    return await withFile(source.display, work);
  } catch (error) {
    if (error instanceof PathError) throw new UsageError(error.message, command);
    throw error;
  }
}

/** Whether the path is not set before `set` (a value that cannot be read counts as set). */
function isUnset(doc: DeploymentDocument, path: string): boolean {
  try {
    return doc.get(path) === undefined;
  } catch {
    return false;
  }
}

/**
 * `set` added a key that was not there. When it looks like a typo (a key next to it is one or two
 * letters away, or the kind knows the keys its application reads and this is none), say so; a
 * plain new key says nothing.
 */
function newKeyWarning(source: SourceFile, path: string, doc: DeploymentDocument): string[] {
  const near = closest(path, doc.siblings(path));
  const unknown = doc.isKnown(path) === false;
  if (near === undefined && !unknown) return [];
  const what = unknown ? `, and it is not a known ${FILE_LABELS[source.kind]} key` : '';
  const hint = near === undefined ? '; check its spelling' : ` (did you mean ${near}?)`;
  return [`${path} was not set in ${source.display}: it was added as a new key${what}${hint}`];
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

/** JSON.stringify replacer: a HOCON substitution prints as written in the file (`${VAR}`). */
function plainValues(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'substitution' in value && 'source' in value) return (value as { source: string }).source;
  return value;
}
