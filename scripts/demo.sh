#!/bin/sh
# The README's main job (npm run demo): install the workspace, build it, and run the built CLI on
# the bundled Debian example tree with --dry-run, which prints the diffs and writes nothing:
# keeping desktop Firefox out, then the secure domain across Prosody, config.js and Jicofo.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-pnpm.sh
"$PNPM" install --frozen-lockfile --reporter=silent
"$PNPM" run -s build

run() {
  echo "\$ jitsi-confkit $*"
  node packages/cli/dist/cli.cjs "$@" 2>&1
  echo
}

run browsers move firefox --to unsupported --root examples/debian-tree --dry-run
run secure-domain enable --root examples/debian-tree --dry-run
run check --root examples/debian-tree
