#!/usr/bin/env bash
# Every benchmark: the BenchmarkDotNet suite (scripts/bench-micro.sh: evaluation, GSO-02, snapshot reading against
# JsonDocument, the sweep over 100,000 stored cases on SQLite and PostgreSQL), then the full worker cycle against the
# emulator with 10,000 and 100,000 generated open cases (scripts/bench-cycle.sh: wall time, peak RSS, API calls by
# endpoint next to the minimum, Chatter posts, breach-to-post latency). Results go to artifacts/bench/.
# Usage: scripts/bench.sh [all|micro|cycle] (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
case "$what" in
  all) bash scripts/bench-micro.sh; bash scripts/bench-cycle.sh 10000 100000 ;;
  micro) bash scripts/bench-micro.sh ;;
  cycle) bash scripts/bench-cycle.sh 10000 100000 ;;
  *) echo "usage: scripts/bench.sh [all|micro|cycle]" >&2; exit 2 ;;
esac
