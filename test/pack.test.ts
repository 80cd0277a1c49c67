/**
 * The packages as their users get them. Every package is packed by the project's own script
 * (packaging/pack.sh: pnpm pack), installed with plain npm into an empty project outside the
 * workspace, with an npm cache folder of its own (so from the tarballs and the registry only),
 * and used there: the READMEs' examples are compiled against the installed declarations with
 * `skipLibCheck: false` and run; the CLI is installed the way the README says (npm install -g)
 * and run on a copy of examples/debian-tree, next to the workspace's own build.
 */
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bashCompletion } from '../packages/cli/src/completion.js';
import { manPage } from '../packages/cli/src/manual.js';
import { repoRoot } from './support/corpus.js';
import { exampleModule, readmeExample } from './support/readme.js';

/** The library packages: every folder of packages/ but the CLI's. */
const LIBRARIES = readdirSync(join(repoRoot, 'packages'))
  .filter((dir) => dir !== 'cli' && existsSync(join(repoRoot, 'packages', dir, 'package.json')))
  .sort();
const TREE = join(repoRoot, 'examples/debian-tree');

interface Packed {
  dir: string;
  tarball: string;
  manifest: Record<string, unknown> & { name: string; version: string };
  /** The files of the tarball, relative to its package/ folder, with their modes. */
  files: Map<string, number>;
}

let tmp: string;
const packed = new Map<string, Packed>();

/** The environment of a user's shell: none of the npm_* variables that `npm run` exports to its scripts. */
const plainEnv = (): NodeJS.ProcessEnv => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), NO_COLOR: '1' });

function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: plainEnv(), ...options });
  const out = { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  if (result.error) throw result.error;
  return out;
}

function mustRun(command: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  return result;
}

function walk(dir: string, base = ''): [string, number][] {
  return readdirSync(join(dir, base)).flatMap((name) => {
    const rel = base === '' ? name : `${base}/${name}`;
    const stat = statSync(join(dir, rel));
    return stat.isDirectory() ? walk(dir, rel) : [[rel, stat.mode & 0o777] as [string, number]];
  });
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'confkit-pack-'));
  const tarballs = join(tmp, 'tarballs');
  mustRun('sh', [join(repoRoot, 'packaging/pack.sh'), tarballs], { cwd: repoRoot, env: process.env });
  for (const file of readdirSync(tarballs)) {
    const dir = join(tmp, 'unpacked', file);
    mkdirSync(dir, { recursive: true });
    mustRun('tar', ['-xzf', join(tarballs, file), '-C', dir]);
    const manifest = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as Packed['manifest'];
    packed.set(manifest.name, { dir: join(dir, 'package'), tarball: join(tarballs, file), manifest, files: new Map(walk(join(dir, 'package'))) });
  }
}, 120_000);
afterAll(() => {
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

const libraryName = (dir: string) => `@jitsi-confkit/${dir}`;
const sourceManifest = (dir: string) => JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('the tarballs', () => {
  it('one per package, named and versioned as its package.json', () => {
    const expected = [...LIBRARIES.map(libraryName), 'jitsi-confkit'].sort();
    expect([...packed.keys()].sort()).toEqual(expected);
    for (const { manifest, tarball } of packed.values()) {
      expect(tarball.endsWith(`${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`)).toBe(true);
    }
  });

  it.each(LIBRARIES)('%s: workspace ranges rewritten to the versions, the metadata complete', (dir) => {
    const { manifest } = packed.get(libraryName(dir))!;
    const source = sourceManifest(dir);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    const deps = manifest.dependencies as Record<string, string>;
    for (const [name, range] of Object.entries(source.dependencies as Record<string, string>)) {
      const version = name.startsWith('@jitsi-confkit/') ? (sourceManifest(name.slice('@jitsi-confkit/'.length)).version as string) : undefined;
      expect(deps[name]).toBe(range === 'workspace:^' ? `^${version}` : range);
    }
    expect(manifest).toMatchObject({
      license: 'Apache-2.0',
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20.19' },
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
      // The project's address is the root package.json's, in one place.
      repository: {
        type: 'git',
        url: (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url,
        directory: `packages/${dir}`,
      },
      publishConfig: { access: 'public' },
    });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(2);
  });

  it.each(LIBRARIES)('%s: the licence, the README, the compiled sources and the files its package.json names (no tests, no test support)', (dir) => {
    const { files } = packed.get(libraryName(dir))!;
    expect(readFileSync(join(packed.get(libraryName(dir))!.dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'));
    const names = [...files.keys()];
    const extra = (sourceManifest(dir).files as string[]).filter((f) => f !== 'dist');
    expect(names.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json', ...extra].sort());
    expect(names.filter((f) => /test/i.test(f))).toEqual([]);
    // Each compiled module has its source, and the other way round (a clean build: nothing stale).
    const sources = walk(join(repoRoot, 'packages', dir, 'src'))
      .map(([f]) => f)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('test-support/'));
    expect(names.filter((f) => f.endsWith('.js')).sort()).toEqual(sources.map((f) => `dist/${f.replace(/\.ts$/, '.js')}`).sort());
    expect(names.filter((f) => f.endsWith('.d.ts')).sort()).toEqual(sources.map((f) => `dist/${f.replace(/\.ts$/, '.d.ts')}`).sort());
  });

  it('the CLI: the executable and what ships with it, no runtime dependencies', () => {
    const { manifest, files, dir } = packed.get('jitsi-confkit')!;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(manifest[field]).toBeUndefined();
    }
    expect(manifest).toMatchObject({ license: 'Apache-2.0', bin: { 'jitsi-confkit': 'dist/cli.cjs' }, man: ['dist/jitsi-confkit.1'], engines: { node: '>=18.19' } });
    expect(Object.fromEntries([...files].sort())).toEqual({
      LICENSE: 0o644,
      'README.md': 0o644,
      'package.json': 0o644,
      'dist/THIRD-PARTY-NOTICES.txt': 0o644,
      'dist/babel-parser.cjs': 0o644,
      'dist/babel-parser.cjs.cache': 0o644,
      'dist/bundle.cjs': 0o644,
      'dist/bundle.cjs.cache': 0o644,
      'dist/cli.cjs': 0o755,
      'dist/completion.bash': 0o644,
      'dist/jitsi-confkit.1': 0o644,
      'dist/luaparse.cjs': 0o644,
      'dist/luaparse.cjs.cache': 0o644,
    });
    expect(readFileSync(join(dir, 'dist/jitsi-confkit.1'), 'utf8')).toBe(manPage(manifest.version));
    expect(readFileSync(join(dir, 'dist/completion.bash'), 'utf8')).toBe(bashCompletion());
  });

  it("the CLI's bundle requires nothing but Node's own modules and the two parsers shipped beside it", () => {
    const { dir } = packed.get('jitsi-confkit')!;
    const required = new Set<string>();
    for (const file of ['bundle.cjs', 'cli.cjs']) {
      for (const m of readFileSync(join(dir, 'dist', file), 'utf8').matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)) required.add(m[1]!);
    }
    const notBuiltin = [...required].filter((id) => !id.startsWith('node:') && !builtinModules.includes(id));
    expect(notBuiltin.sort()).toEqual(['./vendor/luaparse.cjs', '@babel/parser']);
  });

  it('the licences of the bundled packages: each with its notice, in THIRD-PARTY-NOTICES.txt', () => {
    const text = readFileSync(join(packed.get('jitsi-confkit')!.dir, 'dist/THIRD-PARTY-NOTICES.txt'), 'utf8');
    const entries = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/dist/third-party.json'), 'utf8')) as {
      name: string;
      version: string;
      license: string;
      file: string;
      copyright: string[];
    }[];
    expect(entries.map((e) => e.name)).toEqual(['@babel/parser', 'diff', 'jsesc', 'luaparse', 'yaml']);
    for (const e of entries) {
      expect(text).toContain(`${e.name} ${e.version} (${e.license}), in ${e.file}`);
      for (const line of e.copyright) expect(text).toContain(line);
    }
  });
});

describe('npm publish --dry-run', () => {
  it.each([...LIBRARIES.map(libraryName), 'jitsi-confkit'])('%s: accepted, with no warning but the one about not being logged in', (name) => {
    const cache = join(tmp, 'publish-cache');
    const result = run('npm', ['publish', '--dry-run', '--cache', cache, packed.get(name)!.tarball], { cwd: tmp });
    expect(result.status).toBe(0);
    const warnings = result.stderr.split('\n').filter((l) => /^npm (warn|error)/i.test(l));
    expect(warnings.filter((w) => !/requires you to be logged in .*\(dry-run\)/.test(w))).toEqual([]);
  });
});

describe('installed with plain npm into an empty project', () => {
  let project: string;
  let printed: { examples: Record<string, string[]>; root: unknown };

  beforeAll(() => {
    project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const cache = join(tmp, 'npm-cache');
    mustRun('npm', ['install', '--cache', cache, '--no-audit', '--no-fund', ...LIBRARIES.map((d) => packed.get(libraryName(d))!.tarball)], { cwd: project });

    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2022'],
          types: [],
          rootDir: '.',
          outDir: 'out',
        },
        include: ['*.ts'],
      }),
    );
    for (const dir of LIBRARIES) writeFileSync(join(project, `readme-${dir}.ts`), exampleModule(readmeExample(join(repoRoot, 'packages', dir, 'README.md')).code));
    writeFileSync(join(project, 'readme-root.ts'), rootReadmeModule());
    writeFileSync(join(project, 'types.ts'), TYPES);
    writeFileSync(
      join(project, 'run.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        'const examples = {};',
        `for (const dir of ${JSON.stringify(LIBRARIES)}) examples[dir] = (await import(\`./out/readme-\${dir}.js\`)).default;`,
        "const { example } = await import('./out/readme-root.js');",
        'const tree = process.argv[2];',
        `const texts = ${JSON.stringify(ROOT_INPUTS.map(([file]) => file))}.map((f, i) => readFileSync(tree + '/' + f, i === 2 ? 'latin1' : 'utf8'));`,
        'console.log(JSON.stringify({ examples, root: example(...texts, process.argv[3]) }));',
      ].join('\n'),
    );
    mustRun(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project]);
    printed = JSON.parse(mustRun(process.execPath, ['run.mjs', TREE, stateYaml()], { cwd: project }).stdout) as typeof printed;
  }, 180_000);

  it('resolves every package from the tarballs, nothing from the workspace', () => {
    for (const dir of LIBRARIES) {
      const installed = JSON.parse(readFileSync(join(project, 'node_modules/@jitsi-confkit', dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(installed).toEqual(packed.get(libraryName(dir))!.manifest);
    }
    expect(existsSync(join(project, 'node_modules/jitsi-confkit'))).toBe(false);
  });

  it.each(LIBRARIES)("%s: the README's example prints what the README says", (dir) => {
    const { expected } = readmeExample(join(repoRoot, 'packages', dir, 'README.md'));
    expect(printed.examples[dir]!.map((l) => `${l}\n`).join('')).toBe(expected);
  });

  it("the root README's library example gives what it says, and what the workspace's sources give", async () => {
    const root = printed.root as { uiChanged: boolean; todo: string[]; findings: unknown[]; steps: { file: string; status: string }[]; state: string };
    expect(root.uiChanged).toBe(true);
    expect(root.findings).toEqual([]);
    expect(root.todo).toEqual([
      'Register each user who may open rooms: sudo prosodyctl register <user> meet.example.com <password>',
      'Restart the services: systemctl restart prosody jicofo jitsi-videobridge2',
    ]);
    expect(root.steps.at(-1)).toMatchObject({ file: 'sipCommunicator', status: 'skipped', reason: 'file not given' });
    // The state file already holds the browser intent that the example records: unchanged.
    expect(root.state).toBe(stateYaml());
    const dir = mkdtempSync(join(tmpdir(), 'confkit-readme-root-'));
    try {
      writeFileSync(join(dir, 'example.ts'), rootReadmeModule());
      const { example } = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'example.ts')).href)) as { example: (...texts: string[]) => unknown };
      const texts = ROOT_INPUTS.map(([file, encoding]) => readFileSync(join(TREE, file), encoding));
      expect(printed.root).toEqual(JSON.parse(JSON.stringify(example(...texts, stateYaml()))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the declarations are typed, not any: the @ts-expect-error lines of types.ts were needed', () => {
    // tsc passed in beforeAll; an unused @ts-expect-error would have failed it (TS2578).
    expect(TYPES.match(/@ts-expect-error/g)).toHaveLength(3);
    expect(existsSync(join(project, 'out/types.js'))).toBe(true);
  });
});

describe('the CLI, installed with npm install -g from its tarball', () => {
  let prefix: string;
  let bin: string;
  const env = () => ({ PATH: `${join(prefix, 'bin')}:/usr/local/bin:/usr/bin:/bin`, HOME: tmp, NO_COLOR: '1' });

  beforeAll(() => {
    prefix = join(tmp, 'global');
    mustRun('npm', ['install', '--global', '--prefix', prefix, '--cache', join(tmp, 'npm-cache-global'), '--no-audit', '--no-fund', packed.get('jitsi-confkit')!.tarball], {
      cwd: tmp,
    });
    bin = join(prefix, 'bin/jitsi-confkit');
  }, 120_000);

  it('alone: the package and nothing else, its manual page linked', () => {
    expect(readdirSync(join(prefix, 'lib/node_modules'))).toEqual(['jitsi-confkit']);
    expect(existsSync(join(prefix, 'lib/node_modules/jitsi-confkit/node_modules'))).toBe(false);
    expect(readFileSync(join(prefix, 'share/man/man1/jitsi-confkit.1'), 'utf8')).toBe(manPage(packed.get('jitsi-confkit')!.manifest.version));
  });

  it('jitsi-confkit --help, from the PATH, prints what the workspace build prints', () => {
    const installed = run('jitsi-confkit', ['--help'], { cwd: tmp, env: env() });
    const workspace = run(process.execPath, [join(repoRoot, 'packages/cli/dist/cli.cjs'), '--help'], { cwd: tmp, env: env() });
    expect(installed).toEqual({ status: 0, stdout: workspace.stdout, stderr: '' });
    expect(installed.stdout.startsWith(`jitsi-confkit ${packed.get('jitsi-confkit')!.manifest.version}: `)).toBe(true);
  });

  it('secure-domain enable, browsers move and check on a tree: the same bytes as the workspace build', () => {
    const trees = ['installed', 'workspace'].map((name) => {
      const dir = join(tmp, `tree-${name}`);
      cpSync(TREE, dir, { recursive: true, verbatimSymlinks: true });
      return dir;
    });
    const commands = [
      ['secure-domain', 'enable', '--root', '.'],
      ['browsers', 'move', 'firefox', '--to', 'unsupported', '--root', '.'],
      ['check', '--root', '.'],
    ];
    for (const args of commands) {
      const installed = run(bin, args, { cwd: trees[0], env: env() });
      const workspace = run(process.execPath, [join(repoRoot, 'packages/cli/dist/cli.cjs'), ...args], { cwd: trees[1], env: env() });
      expect(installed.status).toBe(0);
      expect(installed).toEqual(workspace);
    }
    const snapshot = (dir: string) => walk(dir).map(([f, mode]) => [f, mode, readFileSync(join(dir, f), 'latin1')]);
    expect(snapshot(trees[0]!)).toEqual(snapshot(trees[1]!));
    expect(readFileSync(join(trees[0]!, 'etc/jitsi/meet/meet.example.com-config.js'), 'utf8')).toContain("anonymousdomain: 'guest.meet.example.com'");
  });
});

/** The state file of the state package's README (its first ```yaml block). */
function stateYaml(): string {
  const block = /```yaml\n([\s\S]*?)```/.exec(readFileSync(join(repoRoot, 'packages/state/README.md'), 'utf8'))?.[1];
  if (block === undefined) throw new Error('packages/state/README.md: no ```yaml block');
  return block;
}

/** The inputs of the root README's library example: files of examples/debian-tree (and the state file, see stateYaml). */
const ROOT_INPUTS: [string, BufferEncoding][] = [
  ['usr/share/jitsi-meet/interface_config.js', 'utf8'],
  ['etc/jitsi/meet/meet.example.com-config.js', 'utf8'],
  ['etc/prosody/conf.avail/meet.example.com.cfg.lua', 'latin1'],
  ['etc/jitsi/jicofo/jicofo.conf', 'utf8'],
];

/**
 * The root README's library example (the ```ts block of "The libraries") as a module: its
 * imports, then its statements as the body of `example(texts…)`, which returns what the
 * example's comments describe.
 */
function rootReadmeModule(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /## The libraries[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md: no ```ts block under "The libraries"');
  const lines = block.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  return [
    ...imports,
    'export function example(interfaceConfigText: string, configJsText: string, prosodyLatin1Text: string, jicofoConfText: string, stateYamlText: string) {',
    ...body.map((l) => `  ${l}`),
    '  return {',
    '    uiChanged: ui.changed, ui: ui.toString(), uiEdits: ui.edits, meet: meet.toString(), prosody: prosody.toString(), jicofo: jicofo.toString(),',
    '    files: result.files, steps: result.steps, todo: result.todo, findings: checkDeployment(result.files, { host: "meet.example.com" }),',
    '    state: state.toString(), applied: applyState(state, result.files).files, checks: checkState(state, result.files),',
    '  };',
    '}',
    '',
  ].join('\n');
}

/** Type-level use of every package; each @ts-expect-error proves that a type is real (not any). */
const TYPES = `import { applyEdits, ConfigSyntaxError, type TextEdit } from '@jitsi-confkit/core';
import { parseInterfaceConfig, type Browser } from '@jitsi-confkit/web-config';
import { parseProsodyConfig, type LuaValue, type Scope } from '@jitsi-confkit/prosody-config';
import { parseJicofoConf, type HoconValue } from '@jitsi-confkit/jicofo-config';
import { secureDomain, type RecipeResult } from '@jitsi-confkit/recipes';

const edit: TextEdit = { offset: 0, length: 0, content: 'x' };
export const text: string = applyEdits('', [edit]);
export const browser: Browser = 'firefox';
// @ts-expect-error: not a browser name
export const notABrowser: Browser = 'netscape';
export const value: LuaValue = { a: [1, 'b', true] };
// @ts-expect-error: a Lua value is never null
export const notAValue: LuaValue = null;
export const scope: Scope = { host: 'meet.example.com' };
export const result: RecipeResult = secureDomain({}, { host: 'meet.example.com' });
export const status: 'applied' | 'already' | 'skipped' | undefined = result.steps[0]?.status;
// @ts-expect-error: moveBrowser takes a list name
parseInterfaceConfig('var interfaceConfig = {};').moveBrowser('firefox', 'SOME_LIST');
export const lua = parseProsodyConfig('').get(scope, 'authentication');
export const hocon: HoconValue | undefined = parseJicofoConf('').get('jicofo');
export function lineOf(e: unknown): number | undefined {
  return e instanceof ConfigSyntaxError ? e.line : undefined;
}
`;
