/**
 * The golden cases of interface_config.js and config.js (fixtures/documents/interfaceConfig and
 * meetConfig), run by the one runner of every kind (test/support/document-cases.ts). The real
 * reader is a browser's: node:vm runs the input and the output as classic scripts, and the objects
 * they define must differ by exactly what the operations say; a file the parser refuses as a
 * syntax error must not run either.
 */
import { expect } from 'vitest';
import { type Change, describeDocumentCases, expectExactChange, type DocumentCase, type Operation, type Reader } from '../../../test/support/document-cases.js';
import { type DocumentOptions, parseInterfaceConfig, parseMeetConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

type Reading = { ok: Record<string, unknown> | null } | { error: string };

/** What Jitsi Meet's index.html defines before it runs config.js (nginx fills them in, empty on a plain host). */
const PAGE_GLOBALS = { subdomain: '', subdir: '' };

const BROWSER_LISTS = ['OPTIMAL_BROWSERS', 'UNSUPPORTED_BROWSERS'];

/** What one operation on interface_config.js or config.js says about the object the file defines. */
function changes([method, ...args]: Operation): Change[] {
  const path = String(args[0]).split('.');
  switch (method) {
    case 'set':
      return [{ path, set: args[1] }];
    case 'delete':
      return [{ path, deleted: true }];
    case 'addToArray':
      return [{ path, item: args[1], present: true }];
    case 'removeFromArray':
      return [{ path, item: args[1], present: false }];
    case 'moveBrowser':
      return BROWSER_LISTS.map((list) => ({ path: [list], item: args[0], present: list === args[1] }));
    default:
      throw new Error(`no oracle for ${method}`);
  }
}

/**
 * What a docker-jitsi-meet overlay (custom-config.js, custom-interface_config.js) is appended to:
 * the generated file that defines the object. An overlay runs after it, as the web server serves them.
 */
const OVERLAY_BASE = {
  config: "var config = { hosts: { domain: 'meet.example.com', muc: 'muc.meet.example.com' }, p2p: { enabled: true } };\n",
  interfaceConfig: "var interfaceConfig = { APP_NAME: 'Jitsi Meet', OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ], UNSUPPORTED_BROWSERS: [] };\n",
};

/** node:vm, as a browser runs the file (an overlay after its base): the object it defines, or the error it stops with. */
function vmReader(name: 'interfaceConfig' | 'config', parse: (text: string, options?: DocumentOptions) => { overlay: boolean }): Reader<Reading> {
  return {
    name: 'node:vm',
    available: () => true,
    read: (inputs) =>
      inputs.map(({ text, case: c }) => {
        const overlay = c.spec.error === undefined && parse(c.input, c.spec.options).overlay;
        try {
          return { ok: evaluateConfig(`${overlay ? OVERLAY_BASE[name] : ''}${text}`, name, PAGE_GLOBALS) };
        } catch (error) {
          return { error: String(error) };
        }
      }),
    expectEdit(before: Reading, after: Reading, c: DocumentCase) {
      expect([before, after].map((r) => 'ok' in r && r.ok !== null)).toEqual([true, true]);
      expectExactChange((before as { ok: unknown }).ok, (after as { ok: unknown }).ok, c.spec.operations.flatMap(changes));
    },
    expectRefused(reading: Reading) {
      expect(reading).toMatchObject({ error: expect.stringMatching(/^SyntaxError: /) as unknown });
    },
  };
}

describeDocumentCases({
  kind: 'interfaceConfig',
  ext: 'js',
  encoding: 'utf8',
  parse: (text, options) => parseInterfaceConfig(text, options),
  readers: [vmReader('interfaceConfig', parseInterfaceConfig)],
  minimum: { cases: 30, refused: 4 },
});

describeDocumentCases({
  kind: 'meetConfig',
  ext: 'js',
  encoding: 'utf8',
  parse: (text, options) => parseMeetConfig(text, options),
  readers: [vmReader('config', parseMeetConfig)],
  minimum: { cases: 20, refused: 4 },
});
