// In-process library benchmark (run by bench/run.mjs after `pnpm build`): each operation's median
// over many runs after a warm-up (interleaved with its baselines), as a ratio to the parse of the same file, in the same run.
// Targets: moveBrowser and config.js `set` at most 2x @babel/parser parsing the file (issues 2 and
// 10; the floor is the plain parse with default options; the ratios to the parse with tokens and
// ranges and to the parse with web-config's own options are shown too) and moveBrowser at least
// 10x faster than recast doing the same edit (parse, mutate, print), with both outputs identical
// and a -2/+2 line diff; enableSecureDomain at most 3x luaparse; parsing a 400 KB file of chained
// string calls (f''''…, which took seconds when a header scan was quadratic) at most 1.5x luaparse
// parsing it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { medians } from './cpu-time.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.env.JITSI_CONFKIT_CORPUS ?? join(repo, '..', 'shared', 'fixtures', 'real'));
const runs = Number(process.env.BENCH_RUNS_IN_PROCESS ?? 2000);
const pkg = (name) => import(pathToFileURL(join(repo, 'packages', name, 'dist/index.js')).href);
const requireFrom = (name) => createRequire(join(repo, 'packages', name, 'package.json'));

// BENCH_WEB_CONFIG: another build of web-config's dist/index.js, to measure an older version the same way.
const { parseInterfaceConfig, parseMeetConfig } = process.env.BENCH_WEB_CONFIG ? await import(pathToFileURL(process.env.BENCH_WEB_CONFIG).href) : await pkg('web-config');
const { parseProsodyConfig } = await pkg('prosody-config');
const { unifiedDiff } = await pkg('core');
const babel = requireFrom('web-config')('@babel/parser');
const luaparse = requireFrom('prosody-config')('luaparse');
// recast is a root dev dependency, used only here, for the comparison the issue asks for.
const requireRoot = createRequire(join(repo, 'package.json'));
const recast = requireRoot('recast');
const recastVersion = requireRoot('recast/package.json').version;

const js = readFileSync(join(corpus, 'interface_config/jitsi-meet-2020-05-stable-4548.js'), 'utf8');
const meet = readFileSync(join(corpus, 'config/jitsi-meet-2020-05-stable-4548.js'), 'utf8');
const lua = readFileSync(join(corpus, 'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua'), 'latin1');

// 400 KB of chained string calls: `f''''…` is one statement, a call of a call of … (200,000 deep).
const chain = `f${"''".repeat(200_000)}\n`;
const luaparseOptions = { comments: true, ranges: true, locations: false, scope: false, luaVersion: '5.3', encodingMode: 'pseudo-latin1' };

const moveBrowser = () => parseInterfaceConfig(js).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS').toString();

/** The same edit with recast: parse (@babel/parser through recast's parser option), mutate the two arrays, print. */
function recastMoveBrowser() {
  const ast = recast.parse(js, { parser: { parse: (source) => babel.parse(source, { sourceType: 'script', tokens: true }) } });
  const declarations = ast.program.body.filter((s) => s.type === 'VariableDeclaration').flatMap((s) => s.declarations);
  const object = declarations.findLast((d) => d.id.name === 'interfaceConfig').init;
  const list = (name) => object.properties.find((p) => p.key.name === name).value.elements;
  const optimal = list('OPTIMAL_BROWSERS');
  optimal.splice(
    optimal.findIndex((e) => e.value === 'firefox'),
    1,
  );
  list('UNSUPPORTED_BROWSERS').push(recast.types.builders.stringLiteral('firefox'));
  return recast.print(ast, { quote: 'single', arrayBracketSpacing: true }).code;
}

const rows = [
  {
    name: 'moveBrowser firefox on the 2020-05 interface_config.js',
    op: moveBrowser,
    target: '<= 2',
    bases: [
      { name: '@babel/parser, default options (the floor)', fn: () => babel.parse(js, { sourceType: 'script' }) },
      { name: '@babel/parser, tokens + ranges', fn: () => babel.parse(js, { sourceType: 'script', tokens: true, ranges: true }) },
      // The options web-config parses with: moveBrowser parses twice (read, then the re-parse that
      // checks the result), so its ratio to this one is at least 2.
      { name: "@babel/parser, web-config's options (attachComment: false)", fn: () => babel.parse(js, { sourceType: 'script', attachComment: false }) },
    ],
  },
  {
    name: "config.js set('hosts.domain', …): a string replaced",
    op: () => parseMeetConfig(meet).set('hosts.domain', 'meet.example.org').toString(),
    target: '<= 2',
    bases: [{ name: '@babel/parser, default options (the floor)', fn: () => babel.parse(meet, { sourceType: 'script' }) }],
  },
  {
    name: "config.js set('hosts.anonymousdomain', …): a key added below its example",
    op: () => parseMeetConfig(meet).set('hosts.anonymousdomain', 'guest.meet.example.org').toString(),
    target: '<= 2',
    bases: [{ name: '@babel/parser, default options (the floor)', fn: () => babel.parse(meet, { sourceType: 'script' }) }],
  },
  {
    name: 'enableSecureDomain on the 2020-05 Prosody template',
    op: () => parseProsodyConfig(lua).enableSecureDomain('jitmeet.example.com').toString(),
    target: '<= 2.2',
    bases: [
      {
        name: 'luaparse',
        fn: () => luaparse.parse(lua, luaparseOptions),
      },
    ],
  },
  {
    name: "parseProsodyConfig, 400 KB of chained calls f''''… (20 runs)",
    op: () => parseProsodyConfig(chain),
    target: '<= 1.5',
    runs: 20,
    bases: [{ name: 'luaparse', fn: () => luaparse.parse(chain, luaparseOptions) }],
  },
];

// The comparison is only meaningful when recast produces the same text as moveBrowser.
const ours = moveBrowser();
const theirs = recastMoveBrowser();
const diff = unifiedDiff(js, ours, { context: 0 }).split('\n');
const removed = diff.filter((l) => l.startsWith('-') && !l.startsWith('--- ')).length;
const added = diff.filter((l) => l.startsWith('+') && !l.startsWith('+++ ')).length;
if (ours !== theirs) {
  console.error('bench: recast and moveBrowser produce different text:');
  console.error(unifiedDiff(ours, theirs, { path: 'interface_config.js', context: 0 }));
  process.exit(1);
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`library operations in process, median of ${runs} runs, ratio to the parse of the same file in the same run`);
console.log(`${'operation'.padEnd(width)}  parse ms  op ms  ratio  target`);
const ms = new Map();
for (const r of rows) {
  const fns = [r.op, ...r.bases.map((b) => b.fn), ...(r === rows[0] ? [recastMoveBrowser] : [])];
  ms.set(r, medians(fns, r.runs ?? runs));
}
for (const r of rows) {
  const [op, ...bases] = ms.get(r);
  r.bases.forEach((b, i) => {
    const name = i === 0 ? r.name : '';
    console.log(
      `${name.padEnd(width)}  ${bases[i].toFixed(3).padStart(8)}  ${op.toFixed(3).padStart(5)}  ${(op / bases[i]).toFixed(2).padStart(5)}  ${r.target.padStart(6)}   (${b.name})`,
    );
  });
}
const [ourMs, , , , recastMs] = ms.get(rows[0]);
console.log(
  `recast ${recastVersion}` +
    ` (parse + mutate + print), same edit: ${recastMs.toFixed(3)} ms, ${(recastMs / ourMs).toFixed(1)}x moveBrowser (target >= 10); ` +
    `same text: yes; diff -${removed}/+${added} lines (target -2/+2)`,
);
