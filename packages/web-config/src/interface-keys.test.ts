/**
 * The typed key map of interface_config.js against the real files of 2018–2026: every key they
 * set is in INTERFACE_CONFIG_KINDS, with the kind of the value they set it to.
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { INTERFACE_CONFIG_KINDS, parseInterfaceConfig } from './index.js';
import { evaluateConfig } from './test-support/vm.js';

const available = corpusAvailable();
const files = available ? corpusFiles('interface_config', ['.js']) : [];

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array';
  return typeof value;
}

describe.skipIf(!available)('INTERFACE_CONFIG_KINDS covers the real interface_config.js files', () => {
  it.each(files)('%s: every key is in the map, with the kind of its value', (rel) => {
    const text = readCorpus(rel);
    const object = evaluateConfig(text, 'interfaceConfig');
    const kinds = INTERFACE_CONFIG_KINDS as Record<string, readonly string[]>;
    const problems: string[] = [];
    for (const [key, value] of Object.entries(object)) {
      if (!Object.prototype.hasOwnProperty.call(kinds, key)) problems.push(`${key}: missing from the map`);
      else if (!kinds[key]!.includes(kind(value))) problems.push(`${key}: ${kind(value)} is not one of ${kinds[key]!.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(files)('%s: setting every literal key to its own value passes validation and changes nothing', (rel) => {
    const text = readCorpus(rel);
    const doc = parseInterfaceConfig(text);
    let literal = 0;
    for (const [key, value] of Object.entries(evaluateConfig(text, 'interfaceConfig'))) {
      // LOCAL_THUMBNAIL_RATIO: 16 / 9 is an expression: refused, not validated.
      if (text.includes(`${key}: 16 / 9`)) continue;
      doc.set(key, value as never);
      literal++;
    }
    expect(literal).toBeGreaterThan(0);
    expect(doc.edits).toEqual([]);
  });
});
