#!/usr/bin/env bash
# Sourced by the scripts that need a Debian package: `apt_install PACKAGE...` installs them as root, waiting for
# another apt run (a parallel checkout's) rather than failing on its lock. Returns non-zero, quietly, when it cannot
# (not root, no apt-get, apt failed): the caller says what is skipped or stops.
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  export DEBIAN_FRONTEND=noninteractive
  { apt-get -o DPkg::Lock::Timeout=300 update -q && apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@"; } >/dev/null 2>&1
}
