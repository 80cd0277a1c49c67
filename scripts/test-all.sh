#!/bin/sh
# The one test command: installs the workspace, builds every package, type-checks, runs every test.
# Prosody, lua5.4 and hocon tests skip with a message where those programs are missing (outside CI);
# `sudo bash scripts/install-system-deps.sh` installs them from Debian's packages.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-pnpm.sh
"$PNPM" install --frozen-lockfile --reporter=silent
"$PNPM" run -s build
"$PNPM" run -s typecheck
mkdir -p .tools
status=0
"$PNPM" exec vitest run --reporter=default --reporter=json --outputFile.json=.tools/vitest-report.json || status=$?
node scripts/test-summary.mjs .tools/vitest-report.json
exit "$status"
