#!/bin/sh
# Packs every package of the workspace as it would be published: `pnpm pack` of each packages/*
# (pnpm rewrites the workspace:^ ranges to the packages' versions) into DIR (default
# artifacts/npm). It packs what is built; with --build it installs and builds first. No network
# is needed once `pnpm install` has run.
#
#   sh packaging/pack.sh [--build] [DIR]
set -eu
cd "$(dirname "$0")/.."
if [ "${1-}" = --build ]; then
  shift
  . packaging/build-workspace.sh
fi
. scripts/ensure-pnpm.sh
out=${1:-artifacts/npm}
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$PNPM" -r --filter './packages/*' pack --pack-destination "$out" >/dev/null
ls "$out"/*.tgz
