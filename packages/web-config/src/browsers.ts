import { printable, ValidationError } from '@jitsi-confkit/core';

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
