#!/usr/bin/env bash
# BenchmarkDotNet suite (Worker.Benchmarks, Release): policy evaluation on one thread and on every core over
# 100,000 and 1,000,000 generated cases, GSO-02 on distinct against repeated comments, the comment readers on hostile
# texts of 4,000 and 16,000 characters, snapshot reading against
# JsonDocument, and one SLA sweep over 100,000 stored cases on SQLite and PostgreSQL. A short job by default (one
# warm-up, four iterations); GitHub-markdown reports are copied to artifacts/bench/micro-*.md.
# Usage: scripts/bench-micro.sh [BenchmarkDotNet filters, default all] [more BenchmarkDotNet arguments, e.g. --job medium]
#   scripts/bench-micro.sh '*EngineBenchmarks*'      scripts/bench-micro.sh '*Gso02*' '*SnapshotIngest*'      scripts/bench-micro.sh '*Sweep*'
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
filters=()
while [ $# -gt 0 ] && [[ "$1" != -* ]]; do filters+=("$1"); shift; done
[ ${#filters[@]} -gt 0 ] || filters=('*')

# The PostgreSQL sweep benchmark needs a server: a throwaway one of this run's own, stopped when the run ends.
export SFBRIDGE_PG_DIR="${TMPDIR:-/tmp}/sfbridge-bench-pg-$$" PGPORT="${PGPORT:-$((56500 + $$ % 400))}"
trap 'bash scripts/pg-down.sh' EXIT
if pg="$(bash scripts/pg-up.sh 2>/dev/null)"; then
  export SFBRIDGE_TEST_POSTGRES="$pg"
else
  echo "PostgreSQL could not start: the PostgreSQL sweep benchmark is skipped"
  kept=()
  for f in "${filters[@]}"; do
    case "$f" in
      '*') kept+=('*EngineBenchmarks*' '*Gso02Benchmarks*' '*HostileTextBenchmarks*' '*SnapshotIngestBenchmarks*' '*SqliteSweepBenchmarks*') ;;
      *Postgres*) ;;
      *) kept+=("$f") ;;
    esac
  done
  [ ${#kept[@]} -gt 0 ] || { echo "nothing left to run"; exit 1; }
  filters=("${kept[@]}")
fi

build_quiet Worker.Benchmarks/Worker.Benchmarks.csproj -c Release
results=Worker.Benchmarks/bin/Release/net10.0/BenchmarkDotNet.Artifacts
rm -rf "$results"
(cd Worker.Benchmarks/bin/Release/net10.0 && dotnet Worker.Benchmarks.dll --filter "${filters[@]}" --artifacts BenchmarkDotNet.Artifacts "$@")

mkdir -p artifacts/bench
for report in "$results"/results/*-report-github.md; do
  [ -f "$report" ] || continue
  name="$(basename "$report" -report-github.md)"
  cp "$report" "artifacts/bench/micro-${name##*.}.md"
  echo "artifacts/bench/micro-${name##*.}.md"
done
