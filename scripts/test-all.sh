#!/bin/sh
# The one test command: installs the workspace, builds every package, type-checks, lints (ESLint with
# type information, and Prettier's check of the formatting: `pnpm lint`), runs every test,
# then the Debian stage (scripts/test-debian.sh) under CI=true or JITSI_CONFKIT_DEBIAN_TESTS=1.
# Tests that cannot run here (a program, the corpus or root missing) skip, and the reasons are
# printed once at the end with the command that fixes each; under CI=true they fail instead.
# The closing line counts a test file that fails to load or collects no test as a failure, and
# agrees with vitest's exit status (scripts/test-summary.mjs).
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-pnpm.sh
"$PNPM" install --frozen-lockfile --reporter=silent
"$PNPM" run -s build
"$PNPM" run -s typecheck
# A lint or formatting finding fails the run at the end, after the tests have had their say.
mkdir -p .tools
lint=0
"$PNPM" run -s lint || lint=$?
rm -f .tools/vitest-report.json
status=0
"$PNPM" exec vitest run --reporter=default --reporter=json --outputFile.json=.tools/vitest-report.json || status=$?
node scripts/test-summary.mjs .tools/vitest-report.json "$status" || :
# Then the Debian stage (root, network to Debian's mirrors, a few minutes): always in CI.
if [ "${CI-}" = true ] || [ "${CI-}" = 1 ] || [ "${JITSI_CONFKIT_DEBIAN_TESTS-}" = 1 ]; then
  sh scripts/test-debian.sh --built || status=$?
else
  echo "Debian stage skipped (the .deb with lintian, installed and run on Debian 12 and 13): CI runs it; run it (as root) with: npm run test:debian"
fi
if [ "$lint" -ne 0 ]; then
  echo "lint: failed (see its findings above): pnpm lint to see them again, pnpm format to format"
  [ "$status" -ne 0 ] || status=$lint
fi
exit "$status"
