#!/usr/bin/env bash
# Publishes SfBridge self-contained and builds the image with whatever builder the host has
# (docker, podman or buildah). BASE overrides the runtime base image.
#   scripts/docker-build.sh [tag]        (default tag: sfbridge:local)
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-sfbridge:local}"
rm -rf artifacts/publish
dotnet publish Worker/Worker.csproj -c Release -r linux-x64 --self-contained -o artifacts/publish --nologo -v quiet
args=(--build-arg "BASE=${BASE:-mcr.microsoft.com/dotnet/runtime-deps:10.0}" -t "$tag" .)
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then docker build "${args[@]}"
elif command -v podman >/dev/null; then podman build "${args[@]}"
elif command -v buildah >/dev/null; then buildah bud --isolation chroot "${args[@]}"
else echo "no container builder (docker, podman, buildah) found; published app is in artifacts/publish" >&2; exit 1
fi
