/**
 * Our own golden cases, fixtures/web-config/<case>/: input.js, operations.json (the document
 * kind and a list of [method, ...arguments]) and expected.js, compared byte for byte. Every case
 * is also applied a second time to its own output, which must change nothing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenFile, fixtureCases } from '../../../test/support/golden.js';
import { type BrowserList, type InterfaceConfig, type JsValue, type MeetConfig, parseInterfaceConfig, parseMeetConfig } from './index.js';

interface CaseFile {
  document: 'interfaceConfig' | 'config';
  operations: [string, ...JsValue[]][];
}

function apply(doc: InterfaceConfig | MeetConfig, [op, ...args]: [string, ...JsValue[]]): void {
  const path = args[0] as string;
  switch (op) {
    case 'set':
      doc.set(path, args[1]!);
      break;
    case 'delete':
      doc.delete(path);
      break;
    case 'addToArray':
      doc.addToArray(path, args[1]!);
      break;
    case 'removeFromArray':
      doc.removeFromArray(path, args[1]!);
      break;
    case 'moveBrowser':
      if (!('moveBrowser' in doc)) throw new Error('moveBrowser needs an interfaceConfig document');
      doc.moveBrowser(path as 'firefox', args[1] as BrowserList, (args[2] as { createKeys?: boolean } | undefined) ?? {});
      break;
    default:
      throw new Error(`Unknown operation ${op}`);
  }
}

function run(kind: CaseFile['document'], text: string, operations: CaseFile['operations']): InterfaceConfig | MeetConfig {
  const doc = kind === 'interfaceConfig' ? parseInterfaceConfig(text) : parseMeetConfig(text);
  for (const operation of operations) {
    const before = doc.toString();
    const editsBefore = doc.edits;
    apply(doc, operation);
    // Each step keeps one honest edit list against the original input.
    expectEditInvariants(text, doc.edits, doc.toString());
    if (before === doc.toString()) expect(doc.edits).toEqual(editsBefore);
  }
  return doc;
}

const cases = fixtureCases('web-config');

describe('golden cases (fixtures/web-config)', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(21);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const input = c.files['input.js'];
    const spec = JSON.parse(c.files['operations.json'] ?? '') as CaseFile;
    if (input === undefined) throw new Error(`${name}: input.js is missing`);
    const doc = run(spec.document, input, spec.operations);
    expect(doc.changed).toBe(true);
    expectGoldenFile(join('web-config', name, 'expected.js'), doc.toString());
    const again = run(spec.document, doc.toString(), spec.operations);
    expect(again.edits).toEqual([]);
  });
});
