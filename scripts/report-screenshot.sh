#!/usr/bin/env bash
# Renders the sample org's HTML audit report and photographs it in headless Chromium for the README:
# docs/report-sample-org.png, 1280x2000 (the top of the page: header, counts and the first findings).
# Usage: scripts/report-screenshot.sh [output.png]   (needs /usr/bin/chromium: scripts/test-tools.sh installs it)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/report-sample-org.png}"
command -v chromium >/dev/null || { echo "chromium not found: run scripts/test-tools.sh (as root) first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project Worker -c Release -v quiet -- \
  audit --input samples/org --now 2026-03-03T14:00:00-03:00 --mappings mappings --format html >"$work/report.html"

mkdir -p "$(dirname "$out")" "$work/profile"
# A new empty profile and no background networking: the page loads nothing, and neither should the browser.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-extensions --user-data-dir="$work/profile" \
  --hide-scrollbars --window-size=1280,2000 --screenshot="$(realpath -m "$out")" "file://$work/report.html" 2>/dev/null
echo "wrote $out"
