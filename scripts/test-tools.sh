#!/usr/bin/env bash
# Installs the programs some tests run that are not NuGet packages, when missing: dockerfile-utils (npm; the
# Dockerfile lint) into SFBRIDGE_TOOLS (default ~/.cache/sfbridge-tools, outside the checkout, so reruns are
# offline), systemd-analyze (Debian's systemd package; the service unit check) and Chromium (Debian's chromium;
# the HTML report is loaded in it headless). Safe to re-run.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh"
tools="${SFBRIDGE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/sfbridge-tools}"
dockerfile_utils=0.16.3

if command -v npm >/dev/null; then
  installed="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$tools/node_modules/dockerfile-utils/package.json" 2>/dev/null || true)"
  if [ "$installed" != "$dockerfile_utils" ]; then
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "dockerfile-utils@$dockerfile_utils" >/dev/null
  fi
else
  echo "npm not found: the Dockerfile lint test will be skipped"
fi

if ! command -v systemd-analyze >/dev/null; then
  apt_install systemd || echo "systemd-analyze not found: the service unit verify test will be skipped"
fi

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || echo "chromium not found: the HTML report browser tests will be skipped"
fi
