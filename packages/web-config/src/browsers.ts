import { printable, type SourcePosition, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';

/**
 * Browser names Jitsi Meet understands in OPTIMAL_BROWSERS / UNSUPPORTED_BROWSERS: every name the
 * real interface_config.js files of 2019–2026 list as valid.
 */
export const BROWSERS = ['chrome', 'chromium', 'edge', 'electron', 'firefox', 'nwjs', 'opera', 'safari', 'webkit'] as const;

export type Browser = (typeof BROWSERS)[number];

/** The two interface_config.js keys that hold browser names. */
export type BrowserList = 'OPTIMAL_BROWSERS' | 'UNSUPPORTED_BROWSERS';

export const BROWSER_LISTS: readonly BrowserList[] = ['OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS'];

/**
 * The lists of the stock interface_config.js of jitsi-meet since stable 9078 (2023-11) and still in
 * 2026: what an overlay that does not set a list gets from the file it is appended to (docker
 * appends custom-interface_config.js to the stock file of its jitsi-meet).
 */
export const STOCK_BROWSER_LISTS: Readonly<Record<BrowserList, readonly Browser[]>> = {
  OPTIMAL_BROWSERS: ['chrome', 'chromium', 'firefox', 'electron', 'safari', 'webkit'],
  UNSUPPORTED_BROWSERS: [],
};

/** The order upstream's default OPTIMAL_BROWSERS lists use (2019–2026); new names keep it. */
const UPSTREAM_ORDER: readonly string[] = ['chrome', 'chromium', 'firefox', 'nwjs', 'electron', 'safari', 'webkit'];

export function isBrowser(name: unknown): name is Browser {
  return typeof name === 'string' && (BROWSERS as readonly string[]).includes(name);
}

/** Throws ValidationError unless `name` is one of BROWSERS. */
export function validateBrowser(name: unknown): Browser {
  if (!isBrowser(name)) {
    throw new ValidationError(`Unknown browser "${printable(String(name))}": use one of ${BROWSERS.join(', ')}`);
  }
  return name;
}

/**
 * Where `browser` goes in `list`: where upstream's order puts it when the list follows that order
 * (so that moving a browser out and back restores the list), otherwise at the end.
 */
export function browserIndex(list: readonly unknown[], browser: Browser): number {
  const rank = UPSTREAM_ORDER.indexOf(browser);
  const ranks = list.map((b) => (typeof b === 'string' ? UPSTREAM_ORDER.indexOf(b) : -1));
  const inOrder = ranks.every((r, i) => r !== -1 && (i === 0 || ranks[i - 1]! < r));
  if (rank === -1 || !inOrder) return list.length;
  const after = ranks.findIndex((r) => r > rank);
  return after === -1 ? list.length : after;
}

/**
 * What moveBrowser lacks to make a move without `createKeys`: the target list's key (the file has
 * the other one), both keys (a file older than stable 3936 of 2019-08), or in an overlay the lists
 * it does not set and would have to write.
 */
export type MissingBrowserLists =
  | { kind: 'key'; target: BrowserList }
  | { kind: 'both' }
  | { kind: 'overlay'; browser: Browser; target: BrowserList; unset: readonly BrowserList[]; write: readonly BrowserList[] };

/** How the library's refusals say the lists can be added: its own option. */
export const CREATE_KEYS_REMEDY = 'pass { createKeys: true }';

/**
 * The one wording of a missing browser list, for the library, the recipes and the CLI alike;
 * `remedy` says how to add it where the caller is (the library's option by default, a command's
 * flag in the CLI).
 */
export function missingBrowserListsMessage(missing: MissingBrowserLists, remedy: string = CREATE_KEYS_REMEDY): string {
  switch (missing.kind) {
    case 'key':
      return `This interface_config.js has no ${missing.target} key; ${remedy} to add it`;
    case 'both':
      return (
        'This interface_config.js has neither OPTIMAL_BROWSERS nor UNSUPPORTED_BROWSERS: Jitsi Meet before stable 3936 (2019-08) ' +
        `ignores these keys, so adding them changes nothing for that version; ${remedy} to add them anyway`
      );
    case 'overlay': {
      const { unset, write, browser, target } = missing;
      const one = unset.length === 1;
      const stock = unset.map((list) => `${list} ${STOCK_BROWSER_LISTS[list].length === 0 ? 'empty' : STOCK_BROWSER_LISTS[list].join(', ')}`).join('; ');
      return (
        `This overlay ${one ? `does not set ${unset[0]}` : `sets neither ${unset.join(' nor ')}`}, so the stock ${one ? 'list' : 'lists'} of the interface_config.js it is appended to ` +
        `${one ? 'applies' : 'apply'} (${stock}); moving ${browser} to ${target} needs the overlay to set ${write.join(' and ')}: ` +
        `${remedy} to write ${write.length === 1 ? 'it' : 'them'}, starting from the stock ${write.length === 1 ? 'list' : 'lists'}`
      );
    }
  }
}

/**
 * moveBrowser needs a list key the file does not have (see MissingBrowserLists); `missing` says
 * which. An UnsupportedEditError, and named so (`name`, as the CLI's --json reports the class).
 */
export class BrowserListsMissingError extends UnsupportedEditError {
  readonly missing: MissingBrowserLists;

  constructor(missing: MissingBrowserLists, options: { position?: SourcePosition; frame?: string } = {}, remedy: string = CREATE_KEYS_REMEDY) {
    super(missingBrowserListsMessage(missing, remedy), options);
    this.missing = missing;
  }

  /** The same refusal, at the same place, naming another way to add the lists (a command's option). */
  withRemedy(remedy: string): BrowserListsMissingError {
    const options = { ...(this.position === undefined ? {} : { position: this.position }), ...(this.frame === undefined ? {} : { frame: this.frame }) };
    const error = new BrowserListsMissingError(this.missing, options, remedy);
    error.file = this.file;
    return error;
  }
}
