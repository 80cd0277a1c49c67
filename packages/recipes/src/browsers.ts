/**
 * Keep a browser out of the meeting page (or let it back in) through interface_config.js's
 * OPTIMAL_BROWSERS / UNSUPPORTED_BROWSERS lists.
 */
import { aboutFile, printable, ValidationError } from '@jitsi-confkit/core';
import { BROWSERS, missingBrowserListsMessage, parseInterfaceConfig, type Browser } from '@jitsi-confkit/web-config';
import { DEBIAN_PATHS } from './deployment.js';
import { copyFiles, FILE_NOT_GIVEN } from './files.js';
import type { DeploymentFiles, RecipeResult, RecipeStep } from './types.js';

export interface BrowserListOptions {
  /**
   * Add the list keys when the file has neither (a docker `custom-interface_config.js` overlay, or
   * a file older than stable 3936 of 2019-08). Default false: such a file is reported as skipped,
   * because jitsi-meet before 2019-08 reads neither list.
   */
  createKeys?: boolean;
}

/** Why the lists are a nudge, not access control. */
export const BROWSER_LIST_WARNINGS: readonly string[] = [
  "The browser lists act in the visitor's browser only, and only on desktop: they are not access control, " +
    'and a meeting URL parameter (#interfaceConfig.UNSUPPORTED_BROWSERS=[]) overrides them.',
];

/** What a person must do so the edit stays. */
export const BROWSER_LIST_TODO: readonly string[] = [
  `Apply this again after each jitsi-meet-web upgrade: the package replaces ${DEBIAN_PATHS.interfaceConfig} ` +
    '(an edited copy kept outside /usr/share, e.g. a docker custom-interface_config.js, survives upgrades).',
];

/** Moves `browser` to UNSUPPORTED_BROWSERS (and out of OPTIMAL_BROWSERS): desktop visitors with it get the unsupported-browser page. */
export function blockBrowser(files: DeploymentFiles, browser: Browser, options: BrowserListOptions = {}): RecipeResult {
  return moveTo(files, browser, 'UNSUPPORTED_BROWSERS', options);
}

/** Moves `browser` back to OPTIMAL_BROWSERS (and out of UNSUPPORTED_BROWSERS). */
export function allowBrowser(files: DeploymentFiles, browser: Browser, options: BrowserListOptions = {}): RecipeResult {
  return moveTo(files, browser, 'OPTIMAL_BROWSERS', options);
}

function moveTo(files: DeploymentFiles, browser: Browser, list: 'OPTIMAL_BROWSERS' | 'UNSUPPORTED_BROWSERS', options: BrowserListOptions): RecipeResult {
  if (!(BROWSERS as readonly string[]).includes(browser)) {
    throw new ValidationError(`Unknown browser "${printable(String(browser))}": use one of ${BROWSERS.join(', ')}`);
  }
  const input = copyFiles(files);
  const output: DeploymentFiles = { ...input };
  const other = list === 'OPTIMAL_BROWSERS' ? 'UNSUPPORTED_BROWSERS' : 'OPTIMAL_BROWSERS';
  const action = `move '${browser}' to ${list} (out of ${other})`;
  const text = input.interfaceConfig;
  let step: RecipeStep;
  if (text === undefined) {
    step = { file: 'interfaceConfig', action, status: 'skipped', reason: FILE_NOT_GIVEN };
  } else {
    const doc = aboutFile('interfaceConfig', () => parseInterfaceConfig(text));
    const lists = doc.browserLists();
    if (lists.optimal === undefined && lists.unsupported === undefined && options.createKeys !== true) {
      step = {
        file: 'interfaceConfig',
        action,
        status: 'skipped',
        reason: missingBrowserListsMessage({ kind: 'both' }),
      };
    } else {
      aboutFile('interfaceConfig', () => doc.moveBrowser(browser, list, { createKeys: options.createKeys === true }));
      const after = doc.toString();
      step = { file: 'interfaceConfig', action, status: after === text ? 'already' : 'applied' };
      if (after !== text) output.interfaceConfig = after;
    }
  }
  const changed = output.interfaceConfig !== input.interfaceConfig;
  return {
    files: output,
    steps: [step],
    todo: step.status === 'skipped' ? [] : [...BROWSER_LIST_TODO],
    warnings: [...BROWSER_LIST_WARNINGS],
    changed,
  };
}
