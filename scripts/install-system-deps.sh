#!/usr/bin/env bash
# Installs what the integration tests run, from Debian's packages: Prosody 0.12 (a real XMPP server
# started by the tests on loopback), lua5.4/luac5.4 (the Lua oracle), ruby-hocon (the HOCON
# oracle, the `hocon` tool Jicofo's own Debian scripts use), a JDK with Typesafe Config (the HOCON
# library Jicofo itself reads with; Java also runs the java.util.Properties oracle), python3-yaml
# (PyYAML, the YAML 1.1 reader Ansible uses: the oracle for the state file) and groff (renders the
# manual page). With --debian-stage, also what the Debian stage (npm run test:debian) runs:
# mmdebstrap (builds the Debian root filesystems) and lintian (Debian's package checker). No
# system service is started.
set -euo pipefail
need=()
programs="prosody, lua5.4, luac5.4, hocon, javac, Typesafe Config, python3-yaml, groff"
command -v prosody >/dev/null 2>&1 || need+=(prosody)
command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)
command -v luac5.4 >/dev/null 2>&1 || need+=(lua5.4)
command -v hocon >/dev/null 2>&1 || need+=(ruby-hocon)
command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
[ -e /usr/share/java/typesafe-config.jar ] || need+=(libtypesafe-config-java)
python3 -c 'import yaml' >/dev/null 2>&1 || need+=(python3-yaml)
command -v groff >/dev/null 2>&1 || need+=(groff-base)
if [ "${1-}" = --debian-stage ]; then
  programs="$programs, mmdebstrap, lintian"
  command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
  command -v lintian >/dev/null 2>&1 || need+=(lintian)
fi
if [ ${#need[@]} -eq 0 ]; then
  echo "System test dependencies present: $programs"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Need root to install: ${need[*]} (run: sudo bash scripts/install-system-deps.sh $*)" >&2
  exit 1
fi
# Keep the package scripts from starting a system Prosody: the tests start their own.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
# apt's unprivileged download sandbox needs a temp dir it may write to, whatever /tmp's mode is.
apt_tmp=$(mktemp -d)
chmod 1777 "$apt_tmp"
cleanup() {
  if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  rm -rf "$apt_tmp"
}
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive
TMPDIR="$apt_tmp" apt-get update -qq
TMPDIR="$apt_tmp" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: ${need[*]}"
