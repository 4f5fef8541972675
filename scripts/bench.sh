#!/usr/bin/env bash
# Policy-engine benchmark: evaluates all five packs over generated cases on one thread (Release build) and
# prints cases per second and allocated bytes per case.
# Usage: scripts/bench.sh [case count, default 100000] [record type: GSO, PitStop, SpecialService, Protocolo, Faturamento]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Worker.Tests/Worker.Tests.csproj -c Release --nologo -v quiet >/dev/null
DOTNET_TieredPGO=1 dotnet Worker.Tests/bin/Release/net10.0/Worker.Tests.dll bench "${1:-100000}" ${2:+"$2"}
