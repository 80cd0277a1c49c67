#!/bin/sh
# Builds jitsi-confkit_<version>_all.deb into DIR (default artifacts/) from the built CLI, with
# packaging/debian/build-deb.mjs; with --build it installs and builds the workspace first.
#
#   sh packaging/debian/build.sh [--build] [DIR]
set -eu
cd "$(dirname "$0")/../.."
if [ "${1-}" = --build ]; then
  shift
  . packaging/build-workspace.sh
fi
node packaging/debian/build-deb.mjs "${1:-artifacts}"
