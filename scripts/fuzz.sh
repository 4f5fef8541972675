#!/usr/bin/env bash
# Bounded fuzzing of the two readers of operator-supplied files: the mapping loader (mappings/*.csv) and the audit's
# snapshot reader (samples/org/*.json), each under afl-fuzz for a fixed time, through SharpFuzz.
# Usage: scripts/fuzz.sh [seconds per target, default 120] [target: mappings|snapshot, default both]
# Prints executions, exec/s, paths and crashes per target; crashing inputs are kept in artifacts/fuzz/<target>/crashes
# and replay with: dotnet artifacts/fuzz/bin/Worker.Fuzz.dll <target> ... < FILE (the command is printed).
# Exits 1 when a crash or hang was saved.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh
root="$(pwd)"
seconds="${1:-120}"
targets="${2:-mappings snapshot}"
out="$root/artifacts/fuzz"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$out/tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
fi

# A fresh build each run: sharpfuzz instruments SfBridge.dll in place and refuses a file it already instrumented.
rm -rf "$out/bin"
build_quiet Worker.Fuzz/Worker.Fuzz.csproj -c Release -o "$out/bin"
"$out/tools/sharpfuzz" "$out/bin/SfBridge.dll" >/dev/null

# afl-fuzz drives a plain `dotnet` (not instrumented itself) and must not stop on this machine's CPU or core settings.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_QUIET=1

found=0
for target in $targets; do
  case "$target" in
    mappings) source="$root/mappings"; args=(mappings "$source") ;;
    snapshot) source="$root/samples/org"; args=(snapshot "$source" "$root/mappings") ;;
    *) echo "unknown target '$target' (mappings or snapshot)" >&2; exit 2 ;;
  esac
  dir="$out/$target"
  rm -rf "$dir" && mkdir -p "$dir"
  dotnet "$out/bin/Worker.Fuzz.dll" seed "$target" "$source" "$dir/corpus"
  afl-fuzz -V "$seconds" -i "$dir/corpus" -o "$dir/findings" -t "${FUZZ_TIMEOUT_MS:-10000}" -m none \
    -- dotnet "$out/bin/Worker.Fuzz.dll" "${args[@]}" >"$dir/afl.log" 2>&1 || {
      echo "$target: afl-fuzz failed; see $dir/afl.log" >&2; tail -20 "$dir/afl.log" >&2; exit 1; }

  stats="$dir/findings/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  mkdir -p "$dir/crashes"
  find "$dir/findings/default/crashes" "$dir/findings/default/hangs" -type f -name 'id:*' -exec cp {} "$dir/crashes/" \; 2>/dev/null || true
  crashes="$(stat saved_crashes)" hangs="$(stat saved_hangs)"
  echo "$target: $(stat run_time) s, $(stat execs_done) executions, $(stat execs_per_sec) exec/s, $(stat corpus_count) paths, $crashes crashes, $hangs hangs"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
    found=1
    echo "  inputs in $dir/crashes; replay one with: dotnet $out/bin/Worker.Fuzz.dll ${args[*]} < FILE"
  fi
done
exit "$found"
