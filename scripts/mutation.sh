#!/usr/bin/env bash
# Mutation testing of the rules, the SLA clock and the alerts with Stryker.NET: mutates Worker/Rules, Worker/Sla and
# Worker/Alerts, runs only the fast in-process unit tests that cover each mutant (Worker.Tests/stryker-config.json),
# prints the score per folder and overall, and writes the JSON and HTML reports to artifacts/mutation/.
# Usage: scripts/mutation.sh [--unit] [Rules|Sla|Alerts|Rules/Gso|Alerts/AlertPlanner.cs ...]   (no argument: all three folders in one run)
#   --unit  kill the mutants with the tests of the mutated folders' own test namespaces only (SfBridge.Tests.Rules for
#           Rules/..., and so on), leaving out the Alerts namespace's end-to-end tests, which also judge every rule and
#           make a run over a rule pack last hours on two cores. A mutant those tests would have killed counts as
#           survived, so the score is a lower bound of the full run's.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

unit=0
if [ "${1:-}" = --unit ]; then unit=1; shift; fi
folders=(Rules Sla Alerts)
if [ $# -gt 0 ]; then
  folders=()
  for f in "$@"; do
    # A folder (Rules, Sla, Alerts), a folder under them (Rules/Gso) or one file under them, e.g. Alerts/AlertPlanner.cs
    f="${f%/}"
    case "$f" in
      Rules|Sla|Alerts) folders+=("$f") ;;
      Rules/*.cs|Sla/*.cs|Alerts/*.cs) [ -f "Worker/$f" ] || { echo "mutation.sh: no file Worker/$f" >&2; exit 2; }; folders+=("$f") ;;
      Rules/*|Sla/*|Alerts/*) [ -d "Worker/$f" ] || { echo "mutation.sh: no folder Worker/$f" >&2; exit 2; }; folders+=("$f") ;;
      *) echo "mutation.sh: unknown folder or file '$f' (expected Rules, Sla, Alerts, a folder or a .cs file under them)" >&2; exit 2 ;;
    esac
  done
fi
name="$(IFS=-; echo "${folders[*]}" | tr / _)"
[ $# -eq 0 ] && name=all
# Many files at once would make a folder name longer than the file system allows: keep its start and a hash of it.
[ ${#name} -gt 100 ] && name="${name:0:80}-$(echo "$name" | sha1sum | cut -c1-8)"
out="$root/artifacts/mutation/$name"
rm -rf "$out"
mkdir -p "$out"

. scripts/apt-install.sh
command -v jq >/dev/null || apt_install jq || { echo "mutation.sh: jq is needed to print the scores; install it (Debian: jq)" >&2; exit 1; }
dotnet tool restore >/dev/null

mutate=()
for f in "${folders[@]}"; do
  case "$f" in *.cs) mutate+=(--mutate "**/$f") ;; *) mutate+=(--mutate "**/$f/**/*.cs") ;; esac
done

filter=()
if [ $unit -eq 1 ]; then
  # The namespaces of the mutated folders, without the two test classes that compare the engine with itself
  # (parallel vs one by one, next change vs a full judgement) and so cannot tell a mutated rule from the original.
  namespaces="$(for f in "${folders[@]}"; do echo "FullyQualifiedName~SfBridge.Tests.${f%%/*}."; done | sort -u | paste -sd '|')"
  filter=(--test-case-filter "($namespaces)&FullyQualifiedName!~SfBridge.Tests.Rules.NextChangeTests&FullyQualifiedName!~SfBridge.Tests.Rules.PolicyEngineParallelTests&DisplayName!~postgres")
  [[ " ${folders[*]} " == *" Alerts"* ]] && echo "mutation.sh: --unit changes little for Alerts: its own namespace holds the end-to-end tests" >&2
fi

start=$(date +%s)
# Two cores: the config's concurrency of 2 keeps one test runner per core; SFBRIDGE_MUTATION_CONCURRENCY overrides it.
(cd Worker.Tests && dotnet dotnet-stryker --skip-version-check --output "$out" "${mutate[@]}" "${filter[@]}" \
  ${SFBRIDGE_MUTATION_CONCURRENCY:+--concurrency "$SFBRIDGE_MUTATION_CONCURRENCY"})
seconds=$(( $(date +%s) - start ))

report="$(find "$out" -name mutation-report.json | head -1)"
[ -n "$report" ] || { echo "mutation.sh: Stryker wrote no mutation-report.json under $out" >&2; exit 1; }
cp "$report" "$out/mutation-report.json"
html="$(find "$out" -name mutation-report.html | head -1)"; [ -n "$html" ] && cp "$html" "$out/mutation-report.html"

# Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it.
summary() {
  jq -r --arg folder "$1" '
    [ .files | to_entries[] | select($folder == "" or (.key | test("(^|/)" + $folder + (if ($folder | endswith(".cs")) then "$" else "/" end)))) | .value.mutants[].status ] as $s
    | ($s | map(select(. == "Killed")) | length) as $k
    | ($s | map(select(. == "Timeout")) | length) as $t
    | ($s | map(select(. == "Survived")) | length) as $v
    | ($s | map(select(. == "NoCoverage")) | length) as $n
    | ($k + $t + $v + $n) as $d
    | "\(if $folder == "" then "overall" else $folder end): \(if $d == 0 then "n/a" else ((($k + $t) * 1000 / $d | floor) / 10 | tostring) + "%" end) (killed \($k), timeout \($t), survived \($v), no coverage \($n))"
  ' "$out/mutation-report.json"
}
echo
echo "Mutation score ($(date -u +%F), ${seconds}s$([ $unit -eq 1 ] && echo ", own namespace's tests only: a lower bound")):"
for f in "${folders[@]}"; do summary "$f"; done
summary ""
echo "Reports: $out/mutation-report.html, $out/mutation-report.json"
