// Builds jitsi-confkit_<version>_all.deb from the built CLI (packages/cli/dist) with dpkg-deb:
// no network, no Debian source package, the same bytes on every run from the same build
// (file times are the date of the top entry of packaging/debian/changelog, owners root).
//
//   node packaging/debian/build-deb.mjs [OUTDIR]     (default artifacts/)
//
// Contents:
//   /usr/bin/jitsi-confkit -> ../share/jitsi-confkit/cli.cjs   the executable (run by /usr/bin/node)
//   /usr/share/jitsi-confkit/                                the bundle, the parsers, their code caches
//   /usr/share/man/man1/jitsi-confkit.1.gz                   made from the command spec
//   /usr/share/bash-completion/completions/jitsi-confkit     made from the command spec
//   /usr/share/doc/jitsi-confkit/{copyright,changelog.gz}    copyright lists every bundled package
// and, in the control archive, packaging/debian/{triggers,postinst,postrm}: dpkg file triggers
// whose "postinst triggered" runs `jitsi-confkit hook run` (re-apply the desired state after
// upgrades; see packaging/debian/README.md).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, lstatSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const cli = join(repo, 'packages/cli');
const dist = join(cli, 'dist');
const NAME = 'jitsi-confkit';
const SHARE = `usr/share/${NAME}`;

/** The files of dist/ that make the executable (the rest is tsc's output and build data). */
const RUNTIME = ['cli.cjs', 'bundle.cjs', 'bundle.cjs.cache', 'babel-parser.cjs', 'babel-parser.cjs.cache', 'luaparse.cjs', 'luaparse.cjs.cache'];

/** The control files kept in packaging/debian/, copied as they are, with their modes. */
const MAINTAINER_FILES = [
  ['triggers', 0o644],
  ['postinst', 0o755],
  ['postrm', 0o755],
];

/** SPDX identifiers (package.json) as the short names of Debian's copyright format. */
const DEP5_LICENSE = { MIT: 'Expat', ISC: 'ISC', 'BSD-3-Clause': 'BSD-3-clause', 'BSD-2-Clause': 'BSD-2-clause', 'Apache-2.0': 'Apache-2.0' };

/** The top entry of a Debian changelog: version, maintainer and date. */
export function changelogEntry(text) {
  const head = /^(\S+) \(([^)\s]+)\) [^;]+; urgency=\S+$/m.exec(text);
  const trailer = /^ -- (.+ <[^>]+>) {2}(.+)$/m.exec(text);
  if (head === null || trailer === null) throw new Error('packaging/debian/changelog: no entry in the Debian changelog format');
  const time = Date.parse(trailer[2]);
  if (Number.isNaN(time)) throw new Error(`packaging/debian/changelog: bad date "${trailer[2]}"`);
  return { source: head[1], version: head[2], maintainer: trailer[1], epoch: Math.floor(time / 1000) };
}

/** Text as the continuation lines of a control or copyright field: each line indented, empty lines as " .". */
function continuation(text) {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l.trim() === '' ? ' .' : ` ${l.trimEnd()}`))
    .join('\n');
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** A copyright statement without its "Copyright (c)" prefix, as the Copyright field lists it. */
function holder(line) {
  return line.replace(/^(copyright\b\s*)?((\(c\)|©)\s*)?/i, '').trim();
}

/** debian/copyright in the machine-readable format, from the bundled packages (dist/third-party.json). */
export function copyrightFile({ year, source, packages }) {
  const paragraphs = [
    [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      `Upstream-Name: ${NAME}`,
      `Source: ${source}`,
      'Comment: /usr/share/jitsi-confkit/bundle.cjs is the jitsi-confkit command and its',
      ' libraries compiled into one file together with the npm packages below marked',
      ' "in bundle.cjs"; babel-parser.cjs is that package\'s own file as published, and',
      " luaparse.cjs luaparse's with the changes prosody-config makes to it",
      " (packages/prosody-config/src/vendor). Each package's Files pattern names its",
      ' folder in the build tree.',
    ].join('\n'),
    [`Files: *`, `Copyright: ${year} jitsi-confkit contributors`, 'License: Apache-2.0'].join('\n'),
  ];
  for (const p of packages) {
    const license = DEP5_LICENSE[p.license];
    if (license === undefined) throw new Error(`${p.name}: no Debian short name for the licence ${p.license}: add it to DEP5_LICENSE`);
    const text = p.text
      .split('\n')
      .filter((l) => !p.copyright.includes(l.trim()))
      .join('\n')
      .replace(/^\s*\n/, '');
    paragraphs.push(
      [
        `Files: node_modules/${p.name}/*`,
        `Copyright: ${p.copyright.map(holder).join('\n ')}`,
        `License: ${license}`,
        continuation(text),
        `Comment: ${p.name} ${p.version}, in /usr/share/jitsi-confkit/${p.file}`,
      ].join('\n'),
    );
  }
  paragraphs.push(
    ['License: Apache-2.0', ' On Debian systems, the complete text of the Apache License, Version 2.0 can', ' be found in /usr/share/common-licenses/Apache-2.0.'].join('\n'),
  );
  return `${paragraphs.join('\n\n')}\n`;
}

/** The Homepage: the repository of the root package.json, as a web address. */
function homepage() {
  const { repository } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  return repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** `nodejs (>= X)` from the CLI's engines (">=X"). */
function nodeDependency(engines) {
  const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines?.node ?? '');
  if (m === null) throw new Error(`packages/cli/package.json: engines.node must be ">=X.Y" (got ${JSON.stringify(engines?.node)})`);
  return `nodejs (>= ${m[1]})`;
}

function walk(dir, base = '') {
  return readdirSync(join(dir, base))
    .sort()
    .flatMap((name) => {
      const rel = base === '' ? name : `${base}/${name}`;
      const stat = lstatSync(join(dir, rel));
      return stat.isDirectory() ? [rel, ...walk(dir, rel)] : [rel];
    });
}

export async function buildDeb(outDir) {
  const pkg = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8'));
  const entry = changelogEntry(readFileSync(join(here, 'changelog'), 'utf8'));
  if (entry.source !== NAME || entry.version !== pkg.version) {
    throw new Error(`packaging/debian/changelog: the top entry is ${entry.source} ${entry.version}; packages/cli is at ${pkg.version}: add an entry`);
  }
  for (const file of [...RUNTIME, 'jitsi-confkit.1', 'completion.bash', 'third-party.json', 'spec.js']) {
    try {
      lstatSync(join(dist, file));
    } catch {
      throw new Error(`packages/cli/dist/${file} is missing: build first (pnpm build, or npm run deb)`);
    }
  }
  const { SUMMARY, DESCRIPTION } = await import(pathToFileURL(join(dist, 'spec.js')).href);

  const root = mkdtempSync(join(tmpdir(), 'confkit-deb-'));
  try {
    const put = (path, data, mode = 0o644) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), data);
      chmodSync(join(root, path), mode);
    };
    for (const file of RUNTIME) {
      if (file === 'cli.cjs') {
        // Debian's nodejs is /usr/bin/node; a packaged script names its interpreter directly.
        const text = readFileSync(join(dist, file), 'utf8');
        if (!text.startsWith('#!/usr/bin/env node\n')) throw new Error('dist/cli.cjs does not start with #!/usr/bin/env node');
        put(`${SHARE}/${file}`, `#!/usr/bin/node\n${text.slice(text.indexOf('\n') + 1)}`, 0o755);
      } else {
        mkdirSync(join(root, SHARE), { recursive: true });
        copyFileSync(join(dist, file), join(root, SHARE, file));
        chmodSync(join(root, SHARE, file), 0o644);
      }
    }
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    symlinkSync(`../share/${NAME}/cli.cjs`, join(root, 'usr/bin', NAME));
    put(`usr/share/man/man1/${NAME}.1.gz`, gzipSync(readFileSync(join(dist, 'jitsi-confkit.1')), { level: 9 }));
    put(`usr/share/bash-completion/completions/${NAME}`, readFileSync(join(dist, 'completion.bash')));
    const packages = JSON.parse(readFileSync(join(dist, 'third-party.json'), 'utf8'));
    const year = new Date(entry.epoch * 1000).getUTCFullYear();
    put(`usr/share/doc/${NAME}/copyright`, copyrightFile({ year, source: homepage(), packages }));
    put(`usr/share/doc/${NAME}/changelog.gz`, gzipSync(readFileSync(join(here, 'changelog')), { level: 9 }));

    const files = walk(root);
    const installedKiB = files.reduce((sum, f) => {
      const stat = lstatSync(join(root, f));
      return sum + (stat.isFile() ? Math.ceil(stat.size / 1024) : 1);
    }, 0);
    const md5sums = files
      .filter((f) => lstatSync(join(root, f)).isFile())
      .map(
        (f) =>
          `${createHash('md5')
            .update(readFileSync(join(root, f)))
            .digest('hex')}  ${f}\n`,
      )
      .join('');
    const control = [
      `Package: ${NAME}`,
      `Version: ${pkg.version}`,
      'Architecture: all',
      `Maintainer: ${entry.maintainer}`,
      `Installed-Size: ${installedKiB}`,
      `Depends: ${nodeDependency(pkg.engines)}`,
      'Section: admin',
      'Priority: optional',
      `Homepage: ${homepage()}`,
      `Description: ${SUMMARY}`,
      continuation(wrap(DESCRIPTION, 75)),
      '',
    ].join('\n');
    put('DEBIAN/control', control);
    put('DEBIAN/md5sums', md5sums);
    for (const [name, mode] of MAINTAINER_FILES) put(`DEBIAN/${name}`, readFileSync(join(here, name)), mode);

    for (const f of ['', 'DEBIAN', 'DEBIAN/control', 'DEBIAN/md5sums', ...MAINTAINER_FILES.map(([name]) => `DEBIAN/${name}`), ...files]) {
      const path = join(root, f);
      if (lstatSync(path).isDirectory()) chmodSync(path, 0o755);
      lutimesSync(path, entry.epoch, entry.epoch);
    }
    mkdirSync(outDir, { recursive: true });
    const deb = join(resolve(outDir), `${NAME}_${pkg.version}_all.deb`);
    const result = spawnSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, deb], {
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: String(entry.epoch) },
    });
    if (result.error) throw new Error(`dpkg-deb: ${result.error.message} (it is in Debian's dpkg package)`);
    if (result.status !== 0) throw new Error(`dpkg-deb failed (${result.status}):\n${result.stderr}`);
    return deb;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildDeb(process.argv[2] ?? join(repo, 'artifacts')));
}
