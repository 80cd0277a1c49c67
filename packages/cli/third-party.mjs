// The third-party packages the executable ships (compiled into dist/bundle.cjs, or copied beside
// it as dist/<name>.cjs), each with its licence and copyright notices, read from the packages
// themselves. build.mjs writes them to dist/THIRD-PARTY-NOTICES.txt (in the npm package) and
// dist/third-party.json (read by packaging/debian for the .deb's copyright file).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * @typedef {object} ThirdParty
 * @property {string} name
 * @property {string} version
 * @property {string} license SPDX identifier, from the package's package.json
 * @property {string[]} copyright the copyright lines of its licence file (else its author)
 * @property {string} text the licence as the package ships it (or the standard text, see below)
 * @property {string} licenseFile the licence file it came from, relative to the package ('' when none)
 * @property {string} file the file of dist/ that holds the package's code
 * @property {string} [homepage]
 */

/**
 * The MIT licence, for a package that declares it in package.json but ships no licence file
 * (imurmurhash was one): its copyright line is made from the package's author.
 */
const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** The root of the installed package that `file` belongs to, when it is under node_modules. */
function packageRoot(file) {
  const parts = resolve(file).split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1) return undefined;
  const name = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + name).join(sep);
}

function personName(person) {
  if (person === undefined) return undefined;
  return typeof person === 'string' ? person.replace(/\s*[<(].*$/, '') : person.name;
}

/** One package's entry; `root` is its folder, `file` the dist file its code is in. */
function describe(root, file) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\b|[-.])/i.test(f)) ?? '';
  let text;
  let copyright;
  if (licenseFile !== '') {
    text = readFileSync(join(root, licenseFile), 'utf8').replace(/\r\n/g, '\n').trimEnd() + '\n';
    copyright = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^(copyright\b|\(c\)|©)/i.test(l));
  } else if (pkg.license === 'MIT' && personName(pkg.author) !== undefined) {
    copyright = [`Copyright (c) ${personName(pkg.author)}`];
    text = `${copyright[0]}\n\n${MIT}`;
  } else {
    throw new Error(`${pkg.name} ${pkg.version} (${pkg.license}) ships no licence file: add its licence text to third-party.mjs`);
  }
  if (copyright.length === 0) {
    const author = personName(pkg.author);
    if (author === undefined) throw new Error(`${pkg.name}: no copyright line in ${licenseFile} and no author in package.json`);
    copyright = [`Copyright (c) ${author}`];
  }
  if (typeof pkg.license !== 'string' || pkg.license === '') throw new Error(`${pkg.name}: no SPDX licence in package.json`);
  const entry = { name: pkg.name, version: pkg.version, license: pkg.license, copyright, text, licenseFile, file };
  if (typeof pkg.homepage === 'string') entry.homepage = pkg.homepage;
  return entry;
}

/**
 * The third-party packages in the executable: those of esbuild's `metafile` inputs (paths
 * relative to `cwd`) that come from node_modules, all in `bundleFile`, plus each of `vendored`
 * ({ file: dist file name, from: the path of the module that was copied, licensedAs: the installed
 * module it was made from, when the copy is kept elsewhere }). Sorted by name.
 * @returns {ThirdParty[]}
 */
export function thirdParty({ metafile, cwd, bundleFile, vendored }) {
  const roots = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const root = packageRoot(join(cwd, input));
    if (root !== undefined && !roots.has(root)) roots.set(root, bundleFile);
  }
  for (const { file, from, licensedAs } of vendored) {
    // A copy kept elsewhere (prosody-config's changed luaparse) names the package it comes from.
    const root = packageRoot(licensedAs ?? from);
    if (root === undefined) throw new Error(`${licensedAs ?? from} is not in a node_modules folder`);
    roots.set(root, file);
  }
  return [...roots].map(([root, file]) => describe(root, file)).sort((a, b) => a.name.localeCompare(b.name));
}

/** THIRD-PARTY-NOTICES.txt: every package with its version, licence, file and licence text. */
export function thirdPartyText(entries) {
  const rule = '-'.repeat(78);
  const out = [
    'The jitsi-confkit executable contains these packages of other authors, each under its own licence.',
    'The executable itself is under the Apache License 2.0 (LICENSE).',
    '',
  ];
  for (const e of entries) {
    out.push(rule, `${e.name} ${e.version} (${e.license}), in ${e.file}${e.homepage ? `\n${e.homepage}` : ''}`, '', e.text.trimEnd(), '');
  }
  return out.join('\n');
}
