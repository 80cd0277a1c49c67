/**
 * The generic callers of the documents (the CLI's get/set/delete, its re-parse before a write, and
 * the state package's replay of set and delete intents) go through the one document interface,
 * opened through recipes' DOCUMENT_KINDS: none of them names a file kind or a kind's parse
 * function, or switches on anything. Adding a kind to the table is then all it takes for them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_FILES } from '@jitsi-confkit/recipes/deployment';
import { DOCUMENT_KINDS } from '@jitsi-confkit/recipes/documents';
import { FILE_MEMBERS } from '@jitsi-confkit/state';

const packages = resolve(dirname(fileURLToPath(import.meta.url)), '../packages');

/** The generic callers, each with the one table it may hold (state's file names, by kind). */
const CALLERS: Record<string, string | undefined> = {
  'cli/src/commands/value.ts': undefined,
  'cli/src/libraries.ts': undefined,
  'state/src/files.ts': 'FILE_MEMBERS',
};

const KIND_WORDS = new Set<string>([...DEPLOYMENT_FILES, ...Object.keys(FILE_MEMBERS)]);
const PARSERS = /^parse(InterfaceConfig|MeetConfig|ProsodyConfig|JicofoConf|Properties)$/;

/** What in `file` depends on the kind: a literal naming a kind, a parse function of a kind, a switch; outside `table`. */
function perKind(file: string, table: string | undefined): string[] {
  const text = readFileSync(join(packages, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (table !== undefined && ts.isVariableDeclaration(node) && node.name.getText() === table) return;
    if (ts.isStringLiteralLike(node) && KIND_WORDS.has(node.text)) found.push(`${at(node)}: ${node.getText()}`);
    if (ts.isIdentifier(node) && PARSERS.test(node.text)) found.push(`${at(node)}: ${node.text}`);
    if (ts.isSwitchStatement(node)) found.push(`${at(node)}: switch`);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe('one document interface for the generic callers', () => {
  it('the scan finds what it looks for (it would fail on the code as it was)', () => {
    const before = ts.createSourceFile('x.ts', "switch (kind) { case 'prosody': parseProsodyConfig(text); }", ts.ScriptTarget.Latest, true);
    let hits = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isSwitchStatement(node) || (ts.isStringLiteralLike(node) && KIND_WORDS.has(node.text)) || (ts.isIdentifier(node) && PARSERS.test(node.text))) hits++;
      node.forEachChild(visit);
    };
    visit(before);
    expect(hits).toBe(3);
    // state's own table of file names is the one place its files.ts names kinds.
    expect(perKind('state/src/files.ts', undefined).length).toBeGreaterThanOrEqual(DEPLOYMENT_FILES.length);
  });

  it.each(Object.entries(CALLERS))('%s names no kind, no parse function, and has no switch', (file, table) => {
    expect(perKind(file, table)).toEqual([]);
  });

  it('the table has every kind, and state a file name for each', () => {
    expect(Object.keys(DOCUMENT_KINDS).sort()).toEqual([...DEPLOYMENT_FILES].sort());
    expect(Object.values(FILE_MEMBERS).sort()).toEqual([...DEPLOYMENT_FILES].sort());
  });
});
