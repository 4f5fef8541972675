#!/usr/bin/env bash
# Rehearsal with no org and no setup: starts the Salesforce emulator on loopback with the sample org
# snapshot, runs one full worker cycle against it (`run --once`: sync, sweep, Chatter alerts, critical
# marks), stops the emulator and exits with the worker's exit code. State goes to a throwaway SQLite file
# (SFBRIDGE_STATE=path keeps it). Extra arguments go to the worker (e.g. --Logging:Format=json).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh
port="${SFBRIDGE_EMULATOR_PORT:-5080}"
snapshot="${SFBRIDGE_SNAPSHOT:-samples/org}"
log="$(mktemp -t sfbridge-emulator.XXXXXX)"
state="${SFBRIDGE_STATE:-$(mktemp -d -t sfbridge-state.XXXXXX)/rehearsal.db}"   # fresh state per rehearsal unless given

build_quiet SfBridge.sln -c Release
dotnet Worker.Tests/bin/Release/net10.0/Worker.Tests.dll emulator --port "$port" --snapshot "$snapshot" >"$log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null; wait "$emulator" 2>/dev/null; rm -f "$log"; [ -n "${SFBRIDGE_STATE:-}" ] || rm -rf "$(dirname "$state")"' EXIT

for _ in $(seq 1 100); do
  grep -q "listening on" "$log" && break
  kill -0 "$emulator" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
grep "listening on" "$log"

# The sample org's cases are months old: a real first start would record their breaches as its baseline and post
# only the critical ones (Alerts:FirstStartBaseline). The rehearsal posts them all, to show the alerts.
dotnet Worker/bin/Release/net10.0/SfBridge.dll run --once \
  --Salesforce:LoginUrl="http://127.0.0.1:$port" --Salesforce:ClientId=sfbridge-local --Salesforce:ClientSecret=local-rehearsal \
  --Salesforce:ApiCallFloor=0 --State:ConnectionString="Data Source=$state" --Alerts:FirstStartBaseline=false "$@"
