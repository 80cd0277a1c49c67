/** `kind: browser`: a browser stays in interface_config.js's UNSUPPORTED_BROWSERS or OPTIMAL_BROWSERS. */
import { allowBrowser, blockBrowser, BROWSER_LIST_TODO } from '@jitsi-confkit/recipes';
import { BROWSERS } from '@jitsi-confkit/web-config';
import { oneOf } from '../fields.js';
import type { IntentKind } from '../kind.js';
import type { BrowserIntent } from '../types.js';

const LISTS = ['unsupported', 'optimal'] as const;
const browser = oneOf(BROWSERS, 'browser');
const list = oneOf(LISTS, 'browser list');

export const browserKind: IntentKind<BrowserIntent> = {
  kind: 'browser',
  title: 'A browser stays in interface_config.js UNSUPPORTED_BROWSERS (the unsupported-browser page) or OPTIMAL_BROWSERS',
  fields: ['browser', 'list'],
  schema: {
    required: ['browser', 'list'],
    properties: { browser: browser.schema, list: list.schema },
  },
  read(fields) {
    const b = fields.required('browser', browser);
    const l = fields.required('list', list);
    fields.finish(['kind', 'browser', 'list']);
    return b === undefined || l === undefined ? undefined : { kind: 'browser', browser: b, list: l };
  },
  subject: (intent) => `browser ${intent.browser}`,
  touches: (intent) => [
    { file: 'interfaceConfig', path: ['OPTIMAL_BROWSERS'], item: intent.browser },
    { file: 'interfaceConfig', path: ['UNSUPPORTED_BROWSERS'], item: intent.browser },
  ],
  describe: (intent) => `browser ${intent.browser}: ${intent.list}`,
  apply(intent, files) {
    const result = intent.list === 'unsupported' ? blockBrowser(files, intent.browser) : allowBrowser(files, intent.browser);
    const step = result.steps[0];
    return {
      files: result.files,
      steps: result.steps,
      // "Apply this again after each upgrade" is what the state file is for.
      todo: result.todo.filter((line) => !BROWSER_LIST_TODO.includes(line)),
      warnings: result.warnings,
      ...(step?.status === 'skipped' ? { skipped: step.reason ?? 'skipped' } : {}),
    };
  },
};
