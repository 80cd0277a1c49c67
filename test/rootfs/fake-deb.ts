/**
 * Small Debian packages made up for the end-to-end tests (a fake jitsi-meet-web shipping one file,
 * a fake jitsi-meet-prosody whose postinst rewrites a file it does not ship), built with dpkg-deb
 * into a folder of the host; Rootfs.aptInstall, or apt-get on their paths inside, installs them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FakePackage {
  name: string;
  version: string;
  /** Files it ships, by absolute path. /usr/share/doc/<name>/copyright is added, as every package ships it. */
  files: Record<string, string | Buffer>;
  /** The body of its postinst (run with `set -e`), if any. */
  postinst?: string;
}

/** Builds `<name>_<version>_all.deb` into `outDir` and returns its path. */
export function buildFakeDeb(pkg: FakePackage, outDir: string): string {
  const root = mkdtempSync(join(tmpdir(), `fake-deb-${pkg.name}-`));
  try {
    const put = (path: string, data: string | Buffer, mode = 0o644): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), data);
      chmodSync(join(root, path), mode);
    };
    const files = { [`/usr/share/doc/${pkg.name}/copyright`]: `Fake ${pkg.name} for the jitsi-confkit tests.\n`, ...pkg.files };
    for (const [path, data] of Object.entries(files)) put(path, data);
    put(
      'DEBIAN/control',
      [
        `Package: ${pkg.name}`,
        `Version: ${pkg.version}`,
        'Architecture: all',
        'Maintainer: jitsi-confkit tests <tests@example.org>',
        'Section: net',
        'Priority: optional',
        `Description: fake ${pkg.name} for the jitsi-confkit tests`,
        ' Made up by the tests: not the real package.',
        '',
      ].join('\n'),
    );
    if (pkg.postinst !== undefined) put('DEBIAN/postinst', `#!/bin/sh\nset -e\n${pkg.postinst}\nexit 0\n`, 0o755);
    mkdirSync(outDir, { recursive: true });
    const deb = join(outDir, `${pkg.name}_${pkg.version}_all.deb`);
    const built = spawnSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, deb], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`dpkg-deb could not build ${pkg.name} ${pkg.version}: ${built.stderr}`);
    return deb;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
