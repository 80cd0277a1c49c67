/**
 * Deployment knowledge lives in one module (packages/recipes/src/deployment.ts): the Debian paths
 * and the secondary host labels. This fails when a copy comes back in the code of any package:
 * a string, template or regular expression literal that holds a Debian path of Jitsi or Prosody,
 * or a list of the labels. Comments may name paths (they explain); code takes them from the module.
 * Also no error message of the libraries or the CLI is cut at a "(line:column)": positions are
 * fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packages = resolve(dirname(fileURLToPath(import.meta.url)), '../packages');
const HOME = 'recipes/src/deployment.ts';

/** Every source file of every package (tests and test support left out), relative to packages/. */
function sources(): string[] {
  const out: string[] = [];
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const f of files) if (f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('test-support')) out.push(`${pkg}/src/${f}`);
  }
  return out.sort();
}

/** The literals of a TypeScript file (strings, templates and their parts, regular expressions), with their lines. */
function literals(file: string): { line: number; text: string }[] {
  const text = readFileSync(join(packages, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isRegularExpressionLiteral(node) || ts.isTemplateLiteralToken(node)) {
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText() });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** Literals of the code outside deployment.ts that `test` finds, as `file:line: literal`. */
function offenders(test: (literal: string) => boolean): string[] {
  return sources()
    .filter((file) => file !== HOME)
    .flatMap((file) =>
      literals(file)
        .filter((l) => test(l.text))
        .map((l) => `${file}:${l.line}: ${l.text}`),
    );
}

describe('deployment knowledge in one place', () => {
  it('finds the literals it looks in (the scan itself works)', () => {
    expect(literals(HOME).some((l) => l.text.includes('/etc/jitsi/meet'))).toBe(true);
    expect(literals(HOME).some((l) => l.text.includes('conf.avail'))).toBe(true);
  });

  it('no Debian path of Jitsi or Prosody is written outside deployment.ts', () => {
    const path = /(^|[^\w-])\/?(etc\/jitsi\/|etc\/prosody\b|usr\/share\/jitsi-meet\b)|conf\.avail/;
    expect(offenders((l) => path.test(l))).toEqual([]);
  });

  it('no list of the secondary host labels is written outside deployment.ts', () => {
    const labels = ['auth', 'guest', 'recorder', 'jigasi', 'hidden', 'focus', 'visitors'];
    // A literal naming three or more of them as words is a list of them.
    expect(offenders((l) => labels.filter((label) => new RegExp(`(^|[^\\w-])${label}([^\\w-]|$)`).test(l)).length >= 3)).toEqual([]);
  });
});

describe('positions are fields', () => {
  it('no code takes a "(line:column)" off a message', () => {
    // Babel's and luaparse's own messages carry one; the parsers that read them (parse.ts, lua.ts) are the two exceptions.
    const allowed = new Set(['web-config/src/parse.ts', 'prosody-config/src/lua.ts']);
    const strip = /\\d\+:\\d\+/;
    const found = sources()
      .filter((file) => !allowed.has(file))
      .flatMap((file) =>
        literals(file)
          .filter((l) => strip.test(l.text))
          .map((l) => `${file}:${l.line}: ${l.text}`),
      );
    expect(found).toEqual([]);
  });
});
