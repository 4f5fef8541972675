#!/usr/bin/env bash
# Restores, builds and runs every test of SfBridge; ends with "N passed, N failed[, N skipped]".
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Soql]
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(pwd)/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

# The state store is tested on a real PostgreSQL server as well as SQLite files: a server of this run's own,
# on loopback, stopped when the run ends.
export SFBRIDGE_PG_DIR="${TMPDIR:-/tmp}/sfbridge-pg-$$" PGPORT="${PGPORT:-$((55000 + $$ % 1000))}"
trap 'bash scripts/pg-down.sh' EXIT
if pg="$(bash scripts/pg-up.sh)"; then
  export SFBRIDGE_TEST_POSTGRES="$pg"
else
  echo "could not start PostgreSQL for the state-store tests; they will fail"
fi

# The Dockerfile lint and the service unit check run programs from npm and Debian; install them if missing.
bash scripts/test-tools.sh || echo "could not install the test tools; the Dockerfile and service unit tests will say what is missing"

if ! dotnet restore SfBridge.sln --nologo -v quiet; then
  echo "restore failed"; echo "0 passed, 1 failed"; exit 1
fi
if ! dotnet build SfBridge.sln --no-restore --nologo -v quiet -c Release; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

dotnet test SfBridge.sln --no-build -c Release --nologo \
  --blame-hang-timeout 5m --logger "trx;LogFilePrefix=sfbridge" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  executed=$(get executed); total=$(get total)
  skipped=$((skipped + total - executed))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the runner failed without a counted test
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
