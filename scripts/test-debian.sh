#!/bin/sh
# The Debian stage: the *.debian.test.ts files (vitest.debian.config.ts). They build the Debian
# package, check it with lintian, build clean Debian 12 and 13 root filesystems from Debian's
# packages (test/rootfs, cached in ~/.cache/jitsi-confkit/rootfs), install the package there with
# apt and run the CLI inside on Debian's own nodejs, and upgrade fake Jitsi packages there to
# check that the package's dpkg triggers (and the apt hook of an npm install) re-apply the
# desired state (test/reapply.debian.test.ts). Needs root and the network to Debian's
# mirrors; `sudo bash scripts/install-system-deps.sh --debian-stage` installs mmdebstrap and
# lintian. `npm run test:debian` runs it alone (installing and building first); `npm run test:all`
# runs it after the other tests (with --built) under CI=true or JITSI_CONFKIT_DEBIAN_TESTS=1.
set -eu
cd "$(dirname "$0")/.."
if [ "${1-}" = --built ]; then
  . scripts/ensure-pnpm.sh
else
  . packaging/build-workspace.sh
fi
mkdir -p .tools
rm -f .tools/vitest-debian-report.json
status=0
"$PNPM" exec vitest run -c vitest.debian.config.ts --reporter=default --reporter=json --outputFile.json=.tools/vitest-debian-report.json || status=$?
node scripts/test-summary.mjs .tools/vitest-debian-report.json "$status" 'Debian stage ' || :
exit "$status"
