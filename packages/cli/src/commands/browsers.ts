/** The browser lists of interface_config.js: `browsers move` and `browsers list`. */
import { basename, dirname } from 'node:path';
import { HOST_PLACEHOLDER, INTERFACE_CONFIG_OVERLAY } from '@jitsi-confkit/recipes/deployment';
import type { Browser } from '@jitsi-confkit/web-config';
import type { Context } from '../context.js';
import { displayPath, isUpgradeReplaced, layoutOf, layoutPaths, locate, underRoot, UPGRADE_WARNING } from '../discover.js';
import { list } from '../discover.js';
import type { Located } from '../discover.js';
import type { SourceFile } from '../files.js';
import { FileError, UsageError } from '../errors.js';
import { DEFAULT_MAX_FILE_SIZE, exists, readSource } from '../files.js';
import { commit, commitOptions, withFile, withLock } from '../commit.js';
import { assertHolds, deploymentFiles, layoutHostOf, notInLayout, readStateFile, rootOf, saveIntent, stateWarnings, withSaving } from '../state.js';
import type { SaveRequest, Saving } from '../state.js';
import type { WriterLock } from '../lock.js';
import type { Root } from '../root.js';
import { loadWebConfig } from '../libraries.js';
import { printOutcome } from '../report.js';
import type { Outcome } from '../report.js';

const LISTS_WARNING = "the browser lists act in the visitor's browser, on desktop only: they are not access control, and a meeting URL parameter can override them";

/**
 * `browsers move <browser> --to unsupported|optimal`. It calls web-config's moveBrowser (the
 * edit that recipes' blockBrowser/allowBrowser wrap) rather than the recipes package, whose entry
 * point loads every parser: this command touches JavaScript only, so only Babel is loaded.
 */
export async function browsersMove(ctx: Context, args: readonly string[]): Promise<number> {
  const file = interfaceConfigFile(ctx);
  // The intent is about the interface_config.js `apply` finds: refused for any other file, before anything is locked.
  if (ctx.options.save && layoutHostOf(rootOf(ctx), 'interfaceConfig', file.path) === undefined) throw notInLayout(ctx, file.display, 'interfaceConfig');
  return withSaving(ctx, (saving) => withLock(ctx, [file, ...(saving === undefined ? [] : [saving.lock])], (lock) => moveLocked(ctx, lock, args[0] as Browser, file, saving)));
}

/** `browsers move`, with the writer lock of the file (and of the state file, with --save) held (none under --dry-run). */
async function moveLocked(ctx: Context, lock: WriterLock | undefined, browser: Browser, file: Located, saving: Saving | undefined): Promise<number> {
  // moveBrowser checks the browser's name against its allow-list.
  const target = ctx.options.to === 'optimal' ? 'OPTIMAL_BROWSERS' : 'UNSUPPORTED_BROWSERS';
  const other = target === 'OPTIMAL_BROWSERS' ? 'UNSUPPORTED_BROWSERS' : 'OPTIMAL_BROWSERS';
  const source = read(ctx, file);
  const { parseInterfaceConfig, BrowserListsMissingError } = await loadWebConfig();
  const after = await withFile(source.display, () => {
    const doc = parseInterfaceConfig(source.text, ctx.options.overlay ? { overlay: true } : {});
    try {
      return doc.moveBrowser(browser, target, { createKeys: ctx.options.createKeys }).toString();
    } catch (error) {
      // The library's refusal names its API option; on the command line that is --create-keys.
      if (error instanceof BrowserListsMissingError) throw error.withRemedy(CREATE_KEYS_FLAG);
      throw error;
    }
  });
  const edited = [{ source, after }];
  // --to optimal is the undo of --to unsupported: it removes the recorded block (the stock file lists the browser as optimal anyway).
  const request: SaveRequest | undefined =
    saving === undefined
      ? undefined
      : ctx.options.to === 'optimal'
        ? { remove: { kind: 'browser', browser, list: 'unsupported' }, what: `browser ${browser}` }
        : { record: { kind: 'browser', browser, list: 'unsupported' } };
  const saved = saving === undefined || request === undefined ? undefined : await saveIntent(ctx, readStateFile(ctx, saving.place), request);
  if (request !== undefined) await assertHolds(request, deploymentFiles(edited));
  const committed = await commit(edited, lock, commitOptions(ctx), saved?.own ?? []);
  const outcome: Outcome = {
    changed: committed.changed,
    dryRun: ctx.options.dryRun,
    files: committed.files,
    steps: [
      {
        file: 'interfaceConfig',
        path: source.display,
        action: `move '${browser}' to ${target} (out of ${other})`,
        status: after === source.text ? 'already' : 'applied',
      },
      ...(saved === undefined ? [] : [saved.step]),
    ],
    diffs: committed.diffs,
    todo: [],
    warnings: [...(await stateWarnings(ctx, edited, saved)), ...(isUpgradeReplaced(source.path) && saved === undefined ? [UPGRADE_WARNING] : []), LISTS_WARNING],
  };
  printOutcome(ctx.io, outcome, ctx.options.json);
  return 0;
}

/** `browsers list` */
export async function browsersList(ctx: Context): Promise<number> {
  const source = read(ctx, interfaceConfigFile(ctx));
  const { parseInterfaceConfig, BROWSERS, STOCK_BROWSER_LISTS } = await loadWebConfig();
  const doc = await withFile(source.display, () => parseInterfaceConfig(source.text, ctx.options.overlay ? { overlay: true } : {}));
  const lists = await withFile(source.display, () => doc.browserLists());
  // In an overlay, a list it does not set is the stock one of the file it is appended to.
  const served = {
    optimal: lists.optimal ?? (doc.overlay ? [...STOCK_BROWSER_LISTS.OPTIMAL_BROWSERS] : undefined),
    unsupported: lists.unsupported ?? (doc.overlay ? [...STOCK_BROWSER_LISTS.UNSUPPORTED_BROWSERS] : undefined),
  };
  const state = (b: string): 'optimal' | 'unsupported' | 'suboptimal' => (served.unsupported?.includes(b) ? 'unsupported' : served.optimal?.includes(b) ? 'optimal' : 'suboptimal');
  if (ctx.options.json) {
    const browsers = Object.fromEntries(BROWSERS.map((b) => [b, state(b)]));
    ctx.io.stdout(`${JSON.stringify({ file: source.display, optimal: lists.optimal ?? null, unsupported: lists.unsupported ?? null, browsers }, null, 2)}\n`);
    return 0;
  }
  const names = (list: readonly string[]): string => (list.length === 0 ? '(empty)' : list.join(', '));
  const show = (list: string[] | undefined, stock: readonly string[]): string =>
    list !== undefined ? names(list) : doc.overlay ? `(not set by this overlay; the stock list applies: ${names(stock)})` : '(key absent)';
  const lines = [
    `${source.display}`,
    `  OPTIMAL_BROWSERS      ${show(lists.optimal, STOCK_BROWSER_LISTS.OPTIMAL_BROWSERS)}`,
    `  UNSUPPORTED_BROWSERS  ${show(lists.unsupported, STOCK_BROWSER_LISTS.UNSUPPORTED_BROWSERS)}`,
    '',
    ...BROWSERS.map((b) => `  ${b.padEnd(9)} ${state(b)}`),
    '',
    'optimal: no warning; suboptimal: a warning banner; unsupported: the "unsupported browser" page (desktop only).',
  ];
  ctx.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** How a missing browser list is added on the command line (the library's refusal names its API option). */
const CREATE_KEYS_FLAG = 'run the command again with --create-keys';

function interfaceConfigFile(ctx: Context): Located {
  const layout = layoutOf(ctx.options, ctx.io.cwd, ctx.command, ['interfaceConfig']);
  const found = locate(layout, ['interfaceConfig'], undefined, ctx.io.cwd).found.interfaceConfig;
  if (found !== undefined) {
    const overlays = layout.explicit.interfaceConfig === undefined && layout.root !== undefined ? interfaceOverlays(layout.root, ctx.io.cwd) : [];
    if (overlays.length > 0) {
      // Which one visitors get depends on nginx: refuse rather than edit one that may not be served.
      throw new UsageError(
        `interface_config.js is in more than one place: ${found.display} (replaced by every jitsi-meet-web upgrade) and ${overlays.join(', ')} ` +
          '(an overlay, served instead when nginx has "location = /interface_config.js { alias … }"); choose one with --file PATH',
        ctx.command,
      );
    }
    return found;
  }
  const expected = `${layout.root?.given ?? '/'}/${layoutPaths('interfaceConfig', undefined)[0]}`.replace(/\/+/g, '/');
  throw new FileError(expected, `no interface_config.js at ${expected}; name it with --file PATH or --root DIR`);
}

/** The community overlays (recipes' INTERFACE_CONFIG_OVERLAY: <host>-interface_config.js) under the root, as displayed. */
function interfaceOverlays(root: Root, cwd: string): string[] {
  const dir = underRoot(dirname(INTERFACE_CONFIG_OVERLAY));
  const suffix = basename(INTERFACE_CONFIG_OVERLAY).slice(HOST_PLACEHOLDER.length);
  return list(root.layout(dir))
    .filter((name) => name.endsWith(suffix) && exists(root.layout(`${dir}/${name}`)))
    .sort()
    .map((name) => (root.confined ? displayPath(root.lexical(`${dir}/${name}`), cwd) : root.lexical(`${dir}/${name}`)));
}

function read(ctx: Context, found: Located): SourceFile {
  return readSource('interfaceConfig', found.path, found.display, ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
}
