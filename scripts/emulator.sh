#!/usr/bin/env bash
# Runs the Salesforce emulator on 127.0.0.1 until Ctrl+C, so admins can rehearse the worker and other
# Salesforce clients can talk to it without an org.
#   scripts/emulator.sh --port 5080 --snapshot samples/org [--public-key jwt-public.pem] [--client-id ID] [--api-max N]
# Any client id and secret pass the client-credentials flow; the JWT flow needs --public-key.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh
build_quiet Worker.Tests/Worker.Tests.csproj -c Release
exec dotnet Worker.Tests/bin/Release/net10.0/Worker.Tests.dll emulator "$@"
