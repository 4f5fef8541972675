#!/usr/bin/env bash
# Installs SfBridge as a systemd service (scripts/sfbridge.service): the app, self-contained, in /opt/sfbridge; the
# unit in /etc/systemd/system; on the first install only, /etc/sfbridge/sfbridge.env (root-only settings and
# secrets, to fill in) and /etc/sfbridge/mappings (the shipped mappings, for admins to tune). An upgrade replaces
# the app and the unit, keeps /etc/sfbridge and the state, keeps the previous app in /opt/sfbridge.previous and
# restarts the service if it was running.
#   sudo scripts/install-service.sh [--from DIR]
# --from DIR installs a folder published elsewhere (dotnet publish Worker/Worker.csproj -c Release -r linux-x64
# --self-contained -o DIR) instead of publishing here, so the server needs no .NET SDK.
# DESTDIR=/some/folder lays the same files out under that folder and touches nothing else (packaging, tests).
set -euo pipefail
cd "$(dirname "$0")/.."

from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="${2:?--from needs a folder}"; shift 2 ;;
    *) echo "usage: scripts/install-service.sh [--from DIR]" >&2; exit 2 ;;
  esac
done

root="${DESTDIR:-}"
app="$root/opt/sfbridge"
etc="$root/etc/sfbridge"
unit="$root/etc/systemd/system/sfbridge.service"
if [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
  echo "install-service: run as root (it writes /opt, /etc and calls systemctl), or set DESTDIR" >&2; exit 1
fi

staged="$app.new"
rm -rf "$staged" && mkdir -p "$(dirname "$app")"
if [ -n "$from" ]; then
  [ -x "$from/SfBridge" ] || { echo "install-service: $from/SfBridge is missing or not executable" >&2; exit 1; }
  cp -a "$from/." "$staged/"
else
  echo "publishing SfBridge (Release, linux-x64, self-contained)"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish Worker/Worker.csproj --configuration Release \
    --runtime linux-x64 --self-contained --output "$staged" --nologo -v quiet -p:DebugType=none
fi
# The shipped mappings travel with the app, so an upgrade's new defaults can be compared with the live ones.
rm -rf "$staged/mappings" && cp -a mappings "$staged/mappings"
chmod -R u=rwX,go=rX "$staged"

# First install only: settings and mappings belong to the admins from then on.
mkdir -p "$etc"
if [ ! -e "$etc/sfbridge.env" ]; then
  (umask 077 && cat >"$etc/sfbridge.env" <<'EOF'
# SfBridge settings and secrets for the systemd service, one Section__Key=value per line (README.md lists every
# key). Only root can read this file; systemd reads it before it starts the service as its own user.
Salesforce__LoginUrl=
Salesforce__ClientId=
# Client-credentials flow:
Salesforce__ClientSecret=
# Or the JWT bearer flow: Salesforce__Username=... and the key as a systemd credential (README.md).
EOF
  )
  echo "created $etc/sfbridge.env: fill in the Salesforce settings"
fi
chmod 0600 "$etc/sfbridge.env"
if [ ! -d "$etc/mappings" ]; then
  cp -a mappings "$etc/mappings" && chmod -R u=rwX,go=rX "$etc/mappings"
  echo "created $etc/mappings from the shipped mappings"
elif ! diff -rq mappings "$etc/mappings" >/dev/null 2>&1; then
  echo "kept $etc/mappings; it differs from the shipped mappings (diff -r $app/mappings $etc/mappings)"
fi

# The live mappings must load with the new app before it replaces the old one.
"$staged/SfBridge" validate-mappings --mappings "$etc/mappings" >/dev/null \
  || { echo "install-service: $etc/mappings does not load with this version (run: $staged/SfBridge validate-mappings --mappings $etc/mappings)" >&2; exit 3; }

rm -rf "$app.previous"
[ -d "$app" ] && mv "$app" "$app.previous"
mv "$staged" "$app"
install -D -m 0644 scripts/sfbridge.service "$unit"
echo "installed $app and $unit"

if [ -n "$root" ]; then exit 0; fi
if [ ! -d /run/systemd/system ]; then
  echo "systemd is not running on this machine: the files are in place; start SfBridge with systemd elsewhere"; exit 0
fi
systemctl daemon-reload
systemctl enable sfbridge.service >/dev/null
if systemctl is-active --quiet sfbridge.service; then
  systemctl restart sfbridge.service && echo "restarted sfbridge.service"
else
  echo "enabled sfbridge.service; fill in $etc/sfbridge.env, then: systemctl start sfbridge && journalctl -u sfbridge -f"
fi
