#!/usr/bin/env bash
# Alert rehearsal against the Salesforce emulator (no org): the latency from each due instant to its Chatter post
# with the worker running as a service in real time (about a minute), then Chatter posts and API calls for one
# cycle over the sample org, with one post per case and with the per-alert reading.
# Usage: scripts/rehearse-alerts.sh [incidents, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh
build_quiet Worker.Tests/Worker.Tests.csproj -c Release
dotnet Worker.Tests/bin/Release/net10.0/Worker.Tests.dll rehearse-alerts "${1:-20}"
