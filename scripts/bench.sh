#!/usr/bin/env bash
# Benchmarks: for now the BenchmarkDotNet suite of scripts/bench-micro.sh (same arguments).
# Usage: scripts/bench.sh [BenchmarkDotNet filter, default all] [more BenchmarkDotNet arguments]
set -euo pipefail
exec bash "$(dirname "$0")/bench-micro.sh" "$@"
