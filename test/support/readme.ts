/**
 * Runs the example of a README: the first ```ts block, with console.log captured, must print
 * exactly the ```text block that follows it. The example imports the packages by their public
 * names, which vitest resolves to the sources.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ReadmeExample {
  code: string;
  expected: string;
}

export function readmeExample(readmePath: string): ReadmeExample {
  const text = readFileSync(readmePath, 'utf8');
  const m = /```ts\n([\s\S]*?)```\s*(?:[^`]*?)```text\n([\s\S]*?)```/.exec(text);
  if (!m) throw new Error(`${readmePath} has no \`\`\`ts example followed by a \`\`\`text block of its output`);
  return { code: m[1]!, expected: m[2]! };
}

/**
 * The example as a TypeScript module of its own: its console.log calls are captured, one line
 * each (a value that is not a string as JSON), and the lines are the module's default export.
 */
export function exampleModule(code: string): string {
  const prelude =
    'const __printed: string[] = [];\n' +
    'const console = { log: (...args: unknown[]) => { __printed.push(args.map((a) => typeof a === "string" ? a : JSON.stringify(a)).join(" ")); } };\n';
  return `${prelude}${code}\nexport default __printed;\n`;
}

/** Runs the example and returns what it printed, one console.log call a line. */
export async function runReadmeExample(readmePath: string): Promise<{ printed: string; expected: string }> {
  const { code, expected } = readmeExample(readmePath);
  const dir = mkdtempSync(join(tmpdir(), 'confkit-readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, exampleModule(code));
  try {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: string[] };
    return { printed: mod.default.map((l) => `${l}\n`).join(''), expected };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
