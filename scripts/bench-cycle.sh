#!/usr/bin/env bash
# Full-cycle benchmark: the worker (Release build, its own process) against the Salesforce emulator loaded with a
# generated org of N open cases, for each N given (default: 10000 100000). Per N: wall time and peak RSS of a first
# `run --once`, of a second one with nothing changed (the steady cycle) and of a first one with
# Alerts:FirstStartBaseline=false; Salesforce API calls by endpoint and object next to the minimum for that org;
# Chatter posts; and, with the worker running as a service, the time from each of 20 incidents' due instants to its
# Chatter post. The generated org is cached in artifacts/bench/org-N (regenerated when the generator version or the
# seed changes; its ages are replayed relative to now). A worker run that fails or times out is reported as such.
# Results: artifacts/bench/cycle-N.json per N, the table in artifacts/bench/cycle-latest.md.
#   scripts/bench-cycle.sh [N...]
#   SFBRIDGE_BENCH_SEED (default 1), SFBRIDGE_BENCH_TIMEOUT seconds per worker run (default 1800),
#   SFBRIDGE_BENCH_INCIDENTS (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh
. scripts/apt-install.sh
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
seed="${SFBRIDGE_BENCH_SEED:-1}"
out=artifacts/bench
mkdir -p "$out"

# Peak RSS comes from GNU time (Debian's time package).
[ -x /usr/bin/time ] || apt_install time || echo "GNU time (/usr/bin/time) not found: peak RSS of the --once runs will be missing"

build_quiet SfBridge.sln -c Release
tool=Worker.Tests/bin/Release/net10.0/Worker.Tests.dll
for n in "${sizes[@]}"; do
  dotnet "$tool" generate-org "$n" "$out/org-$n" --seed "$seed" --reuse
  # The benchmark carries on to the next N even if this one breaks (its row then reads "no result").
  dotnet "$tool" bench-cycle run "$n" "$out/org-$n" "$out" --timeout "${SFBRIDGE_BENCH_TIMEOUT:-1800}" \
    --latency "${SFBRIDGE_BENCH_INCIDENTS:-20}" || echo "bench-cycle: N=$n did not complete (exit $?)"
done
echo
dotnet "$tool" bench-cycle report "$out" "${sizes[@]}"
