/**
 * The shape of the packages that sit on core's edit session (the others join the list once they
 * do): no file imports itself through other files (type-only imports count too), so that the
 * modules form layers that can be read and tested on their own; and no class is longer than 400
 * lines (planning lives in modules of its own, not in a document class).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = resolve(dirname(fileURLToPath(import.meta.url)), '../packages');
const CHECKED = ['core', 'web-config', 'jicofo-config', 'prosody-config'];

/** The relative imports of each source file (tests left out), as file names. */
function importGraph(src: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('test-support'));
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)\.js'/gms)].map((m) => join(dirname(file), `${m[1]}.ts`));
    graph.set(file, targets);
  }
  return graph;
}

/** A cycle of the graph, as the files along it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The classes of a source text that run over `most` lines, with their lengths. */
function longClasses(text: string, most: number): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const m = /^(?:export )?(?:abstract )?class (\w+)/.exec(line);
    if (!m) return;
    const end = lines.findIndex((l, k) => k > i && l === '}');
    if (end - i + 1 > most) out.push(`${m[1]}: ${end - i + 1} lines`);
  });
  return out;
}

describe('module shape', () => {
  it.each(CHECKED)('packages/%s/src: no class over 400 lines', (name) => {
    const src = join(packages, name, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.flatMap((f) => longClasses(readFileSync(join(src, f), 'utf8'), 400).map((c) => `${f}: ${c}`))).toEqual([]);
  });

  it('measures a class from its line to its closing brace', () => {
    const text = ['export class A {', ...Array.from({ length: 399 }, () => '  x = 1;'), '}', 'class B {', '}'].join('\n');
    expect(longClasses(text, 400)).toEqual(['A: 401 lines']);
    expect(longClasses(text, 401)).toEqual([]);
  });
});

describe('no import cycles', () => {
  it.each(CHECKED)('packages/%s/src', (name) => {
    const graph = importGraph(join(packages, name, 'src'));
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle where there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
    ]);
    expect(findCycle(graph)).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
    expect(
      findCycle(
        new Map([
          ['x.ts', ['y.ts']],
          ['y.ts', []],
        ]),
      ),
    ).toBeUndefined();
  });
});
