/**
 * The real-config corpus lives outside the repo (it is never copied in): by default
 * `../shared/fixtures/real/` next to the checkout, or the folder named by JITSI_CONFKIT_CORPUS.
 * Where it is absent, corpus tests are skipped with a message; under CI=true that is a failure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCI, unavailable } from './skips.js';

export { isCI };

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const corpusRoot = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repoRoot, '..', 'shared', 'fixtures', 'real'));

/** True when the corpus is there. Under CI a missing corpus throws instead of returning false. */
export function corpusAvailable(): boolean {
  if (existsSync(join(corpusRoot, 'MANIFEST.md'))) return true;
  return unavailable(
    `the tests over the real-config corpus: no corpus at ${corpusRoot}`,
    'JITSI_CONFKIT_CORPUS=/path/to/corpus npm run test:all (the corpus is not in the repository: README.md, "The real-config corpus")',
  );
}

/**
 * Corpus files under `dir` (e.g. 'interface_config'), recursively (so wild/ is included), whose
 * names end with one of `extensions`; paths relative to the corpus root, sorted.
 */
export function corpusFiles(dir: string, extensions: string[]): string[] {
  const base = join(corpusRoot, dir);
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((ext) => name.endsWith(ext))) out.push(relative(corpusRoot, full));
    }
  };
  walk(base);
  return out.sort();
}

/** A corpus file as UTF-8 text (JS, HOCON, properties). */
export function readCorpus(rel: string): string {
  return readFileSync(join(corpusRoot, rel), 'utf8');
}

/** A corpus file as latin1 text: one character per byte (Prosody's Lua files). */
export function readCorpusLatin1(rel: string): string {
  return readFileSync(join(corpusRoot, rel), 'latin1');
}

export function corpusPath(rel: string): string {
  return join(corpusRoot, rel);
}
